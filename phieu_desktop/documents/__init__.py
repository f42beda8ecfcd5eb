"""The paper documents: ballots, minutes, report, entry log, dossier and the Excel table.

Every document is generated from `SessionFile.results()`, the same result `phieu results --json` prints.
`print_document(file, what, out, **options)` renders, writes (never overwriting) and records an audit note;
it is what `phieu print` and the window both call. The `render_*` functions only write the file.
"""

from __future__ import annotations

from .ballots import render_ballots
from .commands import document_bytes, print_document
from .dossier import render_dossier
from .entry_log import render_log
from .minutes import render_minutes
from .report import render_report
from .xlsx import render_xlsx

__all__ = ["document_bytes", "print_document", "render_ballots", "render_dossier", "render_log", "render_minutes",
           "render_report", "render_xlsx"]

"""The paper documents: ballots, minutes, report, entry log, dossier and the Excel table.

Every document is generated from `SessionFile.results()`, the same result `phieu results --json` prints.
`print_document(file, what, out, **options)` renders, writes (never overwriting) and records an audit note;
it is what `phieu print` and the window both call. The `render_*` functions only write the file.
"""

from __future__ import annotations

from importlib import import_module

# Loaded on first use (PEP 562): `phieu --help` and the other light commands never pay for reportlab and openpyxl.
_HOMES = {"document_bytes": "printing", "print_document": "printing", "render_ballots": "ballots",
          "render_dossier": "dossier", "render_log": "entry_log", "render_minutes": "minutes",
          "render_report": "report", "render_xlsx": "xlsx"}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

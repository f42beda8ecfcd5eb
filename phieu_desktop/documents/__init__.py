"""The paper documents: ballots, minutes, report, entry log, dossier and the Excel table.

Every document is generated from `SessionFile.results()`, the same result `phieu results --json` prints.
"""

from __future__ import annotations

from .minutes import render_minutes

__all__ = ["render_minutes"]

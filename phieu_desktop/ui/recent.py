"""The recently opened session files, kept in the user data folder (PHIEU_HOME in tests and portable mode)."""

from __future__ import annotations

import json
from pathlib import Path

from ..paths import user_data

LIMIT = 8


def _store() -> Path:
    return user_data() / "recent.json"


def recent_files() -> list[Path]:
    """Most recent first; files that no longer exist are left out."""
    try:
        names = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(n) for n in names if isinstance(n, str) and Path(n).exists()][:LIMIT]


def remember(path: str | Path) -> None:
    path = Path(path).resolve()
    names = [str(path)] + [str(p) for p in recent_files() if p.resolve() != path]
    try:
        _store().parent.mkdir(parents=True, exist_ok=True)
        _store().write_text(json.dumps(names[:LIMIT], ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError:
        pass  # a read-only place: the list is a convenience, never a reason to fail

"""What someone with the sqlite3 shell can do to a session file behind the program's back (for tests)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def behind_the_back(path: Path, *statements: str, drop_triggers: bool = True) -> None:
    """Run `statements` on the file directly, by default after dropping every trigger that would refuse them."""
    conn = sqlite3.connect(path)
    if drop_triggers:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def as_version_1(path: Path) -> None:
    """Turn a current file into what version 1 wrote: no verification-pass table, user_version 1."""
    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'checks'"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE checks")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

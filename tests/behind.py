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


def as_version(path: Path, version: int) -> None:
    """Turn a current file into what the program of schema `version` wrote: the file is rebuilt with that
    version's schema (MIGRATIONS[0 … version-1]) and every row of the tables and columns it has; a row or a value
    the older schema has no place for must be absent or at the default of the column added later."""
    from phieu_desktop.store.connection import _statements
    from phieu_desktop.store.schema import APPLICATION_ID, MIGRATIONS

    old = sqlite3.connect(path)
    tables = [name for (name,) in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
    rows = {}
    for table in tables:
        cursor = old.execute(f"SELECT * FROM {table}")
        rows[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    old.close()
    temp = path.with_name(path.name + ".old")
    temp.unlink(missing_ok=True)
    new = sqlite3.connect(temp)
    new.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for step in range(version):
        for statement in _statements(MIGRATIONS[step]):
            new.execute(statement)
    kept = {name for (name,) in new.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    for table in sorted(kept, key=lambda t: t == "seal"):  # the seal last: its triggers refuse rows after it
        if table not in rows:
            continue
        names = {row[1] for row in new.execute(f"PRAGMA table_info({table})").fetchall()}
        columns, values = rows[table]
        keep = [i for i, c in enumerate(columns) if c in names]
        marks = ", ".join("?" for _i in keep)
        new.executemany(f"INSERT INTO {table} ({', '.join(columns[i] for i in keep)}) VALUES ({marks})",
                        [[row[i] for i in keep] for row in values])
    new.execute(f"PRAGMA user_version = {version}")
    new.commit()
    new.close()
    temp.replace(path)


def as_version_1(path: Path) -> None:
    """Turn a current file into what version 1 wrote: no verification-pass table, user_version 1."""
    as_version(path, 1)


def rewrite_log(path: Path, change, *statements: str, reseal: bool = True) -> str | None:
    """Rewrite a locked file's audit log as a forger with the program's own code would, and leave a file that
    `verify` finds consistent: `change` gets every entry as a dict (seq, at, action, detail) and returns the new
    list; entries are renumbered and re-chained, the lock entry's seal recomputed with its own seal version (and
    `log_length`), the seal table re-pointed, `statements` run on the tables, the triggers put back exactly.
    Returns the new fingerprint (None when the log has no lock entry)."""
    import json

    import sqlite_utils

    from phieu_desktop.domain.audit import GENESIS, entry_hash
    from phieu_desktop.domain.seal import SealHistory, canonical_bytes, fingerprint, seal_digest
    from phieu_desktop.store import SessionFile
    from phieu_desktop.store.rows import read_session
    from phieu_desktop.store.schema import SCHEMA_VERSION, expected_schema

    SessionFile.open(path).close()  # a file of an older schema is migrated first, as the program would
    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        conn.execute(statement)
    entries = [{"seq": seq, "at": at, "action": action, "detail": json.loads(detail)} for seq, at, action, detail
               in conn.execute("SELECT seq, at, action, detail FROM audit ORDER BY seq").fetchall()]
    entries = change(entries)
    db = sqlite_utils.Database(conn)
    session = read_session(db)
    ballots: dict[str, list[tuple[int, str]]] = {p.key: [] for p in session.papers}
    for key, number, marks in conn.execute("SELECT paper_key, number, marks FROM ballots").fetchall():
        ballots.setdefault(key, []).append((number, marks))
    conn.execute("DELETE FROM audit")
    prev, short = GENESIS, None
    for seq, entry in enumerate(entries, start=1):
        entry["seq"] = seq
        if entry["action"] == "locked" and reseal:
            detail = {k: v for k, v in entry["detail"].items() if k not in ("seal", "fingerprint")}
            version = detail.get("seal_version", 1)
            if "log_length" in detail:
                detail["log_length"] = seq
            history = SealHistory(prev, seq - 1, seq, entry["at"], detail)
            digest = seal_digest(session, ballots, version, history)
            short = fingerprint(digest)
            entry["detail"] = {**detail, "seal": digest, "fingerprint": short}
        digest_of_entry = entry_hash(prev, seq, entry["at"], entry["action"], entry["detail"])
        conn.execute("INSERT INTO audit (seq, at, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
                     [seq, entry["at"], entry["action"], canonical_bytes(entry["detail"]).decode("utf-8"), prev,
                      digest_of_entry])
        if entry["action"] == "locked" and reseal:
            conn.execute("UPDATE seal SET digest = ?, fingerprint = ?, audit_head = ?, at = ?",
                         [entry["detail"]["seal"], short, digest_of_entry, entry["at"]])
        prev = digest_of_entry
    for (kind, _name), statement in expected_schema(SCHEMA_VERSION).items():
        if kind == "trigger":
            conn.execute(statement)
    conn.commit()
    conn.close()
    return short

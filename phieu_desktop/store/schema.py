"""Schema of the session file, its identity (application_id) and its forward migrations."""

from __future__ import annotations

APPLICATION_ID = 0x50484945  # "PHIE"
SCHEMA_VERSION = 3

_LOCKED_TABLES = ("session", "committee", "papers", "persons", "ballots")
_LOCKED_TABLES_V2 = ("checks",)  # the verification pass (second entries), added by MIGRATIONS[1]
_LOCKED_TABLES_V3 = ("supervisors",)  # the supervising delegation, added by MIGRATIONS[2]


def expected_triggers() -> set[str]:
    """Names of the triggers that guard a sealed file; `verify` reports any that were dropped."""
    names = {f"{table}_{event}_sealed" for table in _LOCKED_TABLES + _LOCKED_TABLES_V2 + _LOCKED_TABLES_V3
             for event in ("insert", "update", "delete")}
    return names | {"audit_no_update", "audit_no_delete", "seal_no_update", "seal_no_delete"}


def _seal_triggers(tables: tuple[str, ...] = _LOCKED_TABLES) -> str:
    statements = []
    for table in tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER {table}_{event.lower()}_sealed BEFORE {event} ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM seal) BEGIN SELECT RAISE(ABORT, 'phieu: sealed'); END;"
            )
    return "\n".join(statements)


SCHEMA_V1 = f"""
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE session (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    regime TEXT NOT NULL CHECK (regime IN ('qd96', 'nq96', 'nq96-bpt')),
    denominator TEXT NOT NULL CHECK (denominator IN ('returned', 'issued', 'summoned')),
    crossed_out TEXT NOT NULL CHECK (crossed_out IN ('row', 'ballot')),
    header TEXT NOT NULL CHECK (header IN ('state', 'party')),
    organization TEXT NOT NULL,
    parent TEXT NOT NULL,
    title TEXT NOT NULL,
    place TEXT NOT NULL,
    date TEXT NOT NULL,
    summoned INTEGER NOT NULL CHECK (summoned > 0),
    present INTEGER CHECK (present >= 0),
    present_at_vote INTEGER CHECK (present_at_vote >= 0)
) STRICT;

CREATE TABLE committee (
    position INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL
) STRICT;

CREATE TABLE papers (
    key TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    voters TEXT NOT NULL,
    issued INTEGER CHECK (issued >= 0),
    returned INTEGER CHECK (returned >= 0)
) STRICT;

CREATE TABLE persons (
    paper_key TEXT NOT NULL REFERENCES papers(key),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    retiring INTEGER NOT NULL CHECK (retiring IN (0, 1)),
    appointed_this_year INTEGER NOT NULL CHECK (appointed_this_year IN (0, 1)),
    PRIMARY KEY (paper_key, position)
) STRICT;

CREATE TABLE ballots (
    paper_key TEXT NOT NULL REFERENCES papers(key),
    number INTEGER NOT NULL CHECK (number > 0),
    marks TEXT NOT NULL CHECK (length(marks) > 0),
    PRIMARY KEY (paper_key, number)
) STRICT;

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;

CREATE TABLE seal (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    digest TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    audit_head TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'phieu: audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'phieu: audit is append-only'); END;
CREATE TRIGGER seal_no_update BEFORE UPDATE ON seal BEGIN SELECT RAISE(ABORT, 'phieu: sealed'); END;
CREATE TRIGGER seal_no_delete BEFORE DELETE ON seal BEGIN SELECT RAISE(ABORT, 'phieu: sealed'); END;
{_seal_triggers()}
"""

# MIGRATIONS[v] brings a file from user_version v to v + 1; each runs inside one transaction.
# The verification pass: a second committee member re-enters the stack; `number` pairs with ballots.number.
# Only the marks: nothing links a ballot to a voter.
SCHEMA_V2 = f"""
CREATE TABLE checks (
    paper_key TEXT NOT NULL REFERENCES papers(key),
    number INTEGER NOT NULL CHECK (number > 0),
    marks TEXT NOT NULL CHECK (length(marks) > 0),
    PRIMARY KEY (paper_key, number)
) STRICT;
{_seal_triggers(_LOCKED_TABLES_V2)}
"""

# The supervising delegation (thành phần giám sát) printed on the minutes, and the third reason a person is not
# rated (NQ 96/2023/QH15: serious illness). Both are session data under the seal (keys added later, domain.session);
# the plan (deadlines, dossiers, questions, publication) is not: it lives in the log as `note` entries.
SCHEMA_V3 = f"""
CREATE TABLE supervisors (
    position INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL
) STRICT;
ALTER TABLE persons ADD COLUMN serious_illness INTEGER NOT NULL DEFAULT 0 CHECK (serious_illness IN (0, 1));
{_seal_triggers(_LOCKED_TABLES_V3)}
"""

MIGRATIONS: dict[int, str] = {
    0: SCHEMA_V1,
    1: SCHEMA_V2,
    2: SCHEMA_V3,
}


# --- the whole schema, as the program creates it (verify and the migration check compare against it) ---

_KINDS = ("table", "index", "trigger", "view")


def normalised_sql(sql: str | None) -> str:
    """SQL text with white space folded: two schemas agree when their statements agree word for word."""
    return " ".join((sql or "").split())


def schema_of(conn) -> dict[tuple[str, str], str]:
    """(type, name) -> folded SQL of every table, index, trigger and view in an open sqlite3 connection."""
    return {(kind, name): normalised_sql(sql) for kind, name, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_master").fetchall()}


_EXPECTED: dict[tuple[str, ...], dict[tuple[str, str], str]] = {}


def expected_schema(version: int, migrations: dict[int, str] = MIGRATIONS) -> dict[tuple[str, str], str]:
    """The schema a file of `version` holds when only the program wrote it (built once in memory, then kept); the
    session file's by default, the board file's (store.board_file) with its own migrations."""
    steps = tuple(migrations[step] for step in range(version))
    if steps not in _EXPECTED:
        import sqlite3

        from .connection import _statements

        conn = sqlite3.connect(":memory:")
        try:
            for script in steps:
                for statement in _statements(script):
                    conn.execute(statement)
            _EXPECTED[steps] = schema_of(conn)
        finally:
            conn.close()
    return _EXPECTED[steps]


def schema_differences(conn, version: int, migrations: dict[int, str] = MIGRATIONS) -> list[tuple[str, str, str]]:
    """(kind, name, 'extra' | 'missing' | 'changed') for every difference with the program's schema of `version`."""
    held, wanted = schema_of(conn), expected_schema(version, migrations)
    found = []
    for key in sorted(set(held) | set(wanted)):
        if key not in wanted:
            found.append((key[0], key[1], "extra"))
        elif key not in held:
            found.append((key[0], key[1], "missing"))
        elif held[key] != wanted[key]:
            found.append((key[0], key[1], "changed"))
    return found

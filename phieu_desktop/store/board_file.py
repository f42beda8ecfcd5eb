"""The board file (.phieub): the higher level's desk in one SQLite file, like the session file.

It holds the roster of expected units, the deadline, every package received (by SHA-256), every paper check, the
clerk's decisions and a hash-chained, append-only log of every change. It is opened with the session file's
mechanisms (store/connection.py): the header read before SQLite touches the file, an exclusive lock held while
open (a second program fails at once), rollback journal, a backup before any migration, created complete or not at
all.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlite_utils

from ..domain import audit
from ..domain.board import Deadline, Receipt, RosterUnit
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..files import describe_storage_error, write_new_with
from .connection import (
    FileBusy,
    FileRefused,
    _configure,
    _connect,
    _migrate,
    _take_lock,
    read_header,
    tidy_journal,
)
from .integrity import schema_problems
from .rows import append_entry, now, read_audit

EXTENSION = ".phieub"
APPLICATION_ID = 0x50484942  # "PHIB"
SCHEMA_VERSION = 1

SCHEMA_V1 = """
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE units (
    code_key TEXT NOT NULL,
    parent_key TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    parent TEXT NOT NULL,
    contact TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (code_key, parent_key)
) STRICT;

CREATE TABLE packages (
    sha256 TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    received_at TEXT NOT NULL,
    size INTEGER NOT NULL,
    accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    reason TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    signed INTEGER NOT NULL CHECK (signed IN (0, 1)),
    origin TEXT NOT NULL,
    unit TEXT NOT NULL
) STRICT;

CREATE TABLE matches (
    sha256 TEXT PRIMARY KEY REFERENCES packages(sha256),
    code_key TEXT NOT NULL,
    parent_key TEXT NOT NULL,
    how TEXT NOT NULL CHECK (how IN ('code', 'clerk')),
    who TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;

CREATE TABLE checks (
    seq INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES packages(sha256),
    kind TEXT NOT NULL CHECK (kind IN ('qr', 'groups')),
    asked TEXT NOT NULL,
    typed TEXT NOT NULL,
    matched INTEGER NOT NULL CHECK (matched IN (0, 1)),
    who TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;

CREATE TABLE decisions (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    choice TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'phieu: audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'phieu: audit is append-only'); END;
CREATE TRIGGER checks_no_update BEFORE UPDATE ON checks BEGIN SELECT RAISE(ABORT, 'phieu: append-only'); END;
CREATE TRIGGER checks_no_delete BEFORE DELETE ON checks BEGIN SELECT RAISE(ABORT, 'phieu: append-only'); END;
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'phieu: append-only'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'phieu: append-only'); END;
"""

MIGRATIONS = {0: SCHEMA_V1}

# The board's details (meta): who issues the report and how.
INFO_KEYS = ("organization", "parent", "place", "title", "header", "number", "signer_title", "signer")


def _refuse(path: Path, reason: str) -> FileRefused:
    return FileRefused(_("Không mở được tệp “{name}”: {reason}").format(name=path.name, reason=reason))


def _not_board(path: Path) -> FileRefused:
    return _refuse(path, _("đây không phải tệp bàn tổng hợp (.phieub)."))


def _check_header(path: Path) -> None:
    header = read_header(path, _refuse)  # the session file's reader: a FIFO refused, never waited on
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise _not_board(path)
    if struct.unpack(">I", header[68:72])[0] != APPLICATION_ID:
        raise _not_board(path)
    if struct.unpack(">I", header[60:64])[0] > SCHEMA_VERSION:
        raise _refuse(path, _("tệp được tạo bởi phiên bản mới hơn của chương trình; hãy cập nhật chương trình."))


def _build(temp: Path, info: dict[str, str]) -> None:
    conn = _connect(temp, create=True)
    _take_lock(temp, conn, creating=True)
    try:
        _configure(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(conn, 0, SCHEMA_VERSION, MIGRATIONS)
        db = sqlite_utils.Database(conn)
        with db.atomic():
            for name, value in info.items():
                db.execute("INSERT INTO meta (name, value) VALUES (?, ?)", [name, value])
            append_entry(db, audit.GENESIS, 1, "board_created", {"info": info})
    finally:
        conn.close()


@dataclass(frozen=True)
class StoredPackage:
    sha256: str
    source: str
    received_at: str
    accepted: bool
    reason: str
    fingerprint: str
    signed: bool
    origin: str
    unit: dict  # the verified unit's summary (exchange.board_intake.unit_summary); {} when refused


class BoardFile:
    """One open board file; every change is one transaction with its log entry."""

    def __init__(self, path: Path, db: sqlite_utils.Database) -> None:
        self.path, self.db = path, db
        last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        self._seq, self._head = (last[0] + 1, last[1]) if last else (1, audit.GENESIS)

    # --- opening ---

    @classmethod
    def create(cls, path: str | os.PathLike, info: dict[str, str]) -> BoardFile:
        unknown = set(info) - set(INFO_KEYS)
        if unknown:
            raise PhieuError(_("Thông tin bàn tổng hợp không có trường “{key}”.").format(key=sorted(unknown)[0]))
        write_new_with(Path(path), lambda temp: _build(temp, dict(info)))
        return cls.open(path)

    @classmethod
    def open(cls, path: str | os.PathLike) -> BoardFile:
        path = Path(path)
        _check_header(path)
        conn = _connect(path, create=False)
        _take_lock(path, conn)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise _not_board(path)
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _refuse(path, _("tệp bị hỏng; hãy dùng bản sao lưu."))
            # a trigger, view or column the program never made would act on every later write: refused, named
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            problems = schema_problems(sqlite_utils.Database(conn), version, MIGRATIONS)
            if problems:
                raise _refuse(path, _("tệp đã bị sửa ngoài chương trình ({problem}); hãy dùng bản sao lưu.").format(
                    problem=problems[0]))
            _configure(conn)
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            conn.close()
            raise _refuse(path, _("tệp bị hỏng; hãy dùng bản sao lưu.")) from None
        except PhieuError:
            conn.close()
            raise
        tidy_journal(conn)
        return cls(path, sqlite_utils.Database(conn))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> BoardFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing: one transaction and one log entry per action ---

    def _write(self, action: str, detail: dict, statements: Iterable[tuple[str, list]]) -> None:
        try:
            with self.db.atomic():
                for sql, params in statements:
                    self.db.execute(sql, params)
                head = append_entry(self.db, self._head, self._seq, action, detail)
        except sqlite3.Error as err:
            raise PhieuError(_("Không ghi được vào tệp “{name}” ({reason}); chưa có gì thay đổi.").format(
                name=self.path.name, reason=describe_storage_error(err))) from None
        self._head, self._seq = head, self._seq + 1
        tidy_journal(self.db.conn)

    def set_info(self, **values: str) -> None:
        unknown = set(values) - set(INFO_KEYS)
        if unknown:
            raise PhieuError(_("Thông tin bàn tổng hợp không có trường “{key}”.").format(key=sorted(unknown)[0]))
        self._write("info", dict(values), [("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", [k, v])
                                            for k, v in values.items()])

    def set_deadline(self, deadline: Deadline) -> None:
        day = deadline.day.isoformat() if deadline.day else ""
        self._write("deadline", {"date": day, "after_meeting": deadline.after_meeting},
                    [("INSERT OR REPLACE INTO meta (name, value) VALUES ('deadline', ?)", [day]),
                     ("INSERT OR REPLACE INTO meta (name, value) VALUES ('after_meeting', ?)",
                      ["1" if deadline.after_meeting else ""])])

    def add_units(self, units: list[RosterUnit], source: str = "") -> None:
        """Add units to the roster in one transaction (the caller has checked them: domain.board.roster_problems)."""
        start = self.db.execute("SELECT coalesce(max(position), 0) FROM units").fetchone()[0]
        statements = [("INSERT INTO units (code_key, parent_key, code, name, parent, contact, position) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", [*u.identity, u.code, u.name, u.parent, u.contact, start + i])
                      for i, u in enumerate(units, start=1)]
        try:
            self._write("roster_added", {"source": source, "count": len(units),
                                         "units": [[u.code, u.name, u.parent, u.contact] for u in units]},
                        statements)
        except PhieuError:
            raise
        except sqlite3.IntegrityError:
            raise PhieuError(_("Có đơn vị đã có trong danh sách (trùng mã và cơ quan cấp trên).")) from None

    def record_package(self, package: StoredPackage, match: tuple[str, str] | None) -> None:
        statements = [("INSERT INTO packages (sha256, source, received_at, size, accepted, reason, fingerprint, "
                       "signed, origin, unit) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
                       [package.sha256, package.source, package.received_at, int(package.accepted), package.reason,
                        package.fingerprint, int(package.signed), package.origin,
                        json.dumps(package.unit, ensure_ascii=False)])]
        if match is not None:
            statements.append(("INSERT INTO matches (sha256, code_key, parent_key, how, who, at) "
                               "VALUES (?, ?, ?, 'code', ?, ?)", [package.sha256, *match, clerk(), now()]))
        self._write("package_received", {"sha256": package.sha256, "source": package.source,
                                         "accepted": package.accepted, "reason": package.reason,
                                         "fingerprint": package.fingerprint, "match": list(match) if match else None},
                    statements)

    def match(self, sha256: str, unit: RosterUnit) -> None:
        """The clerk's matching of a package without a usable unit code to a unit of the roster (once, recorded)."""
        who, at = clerk(), now()
        self._write("matched", {"sha256": sha256, "code": unit.code, "parent": unit.parent, "who": who}, [
            ("INSERT OR REPLACE INTO matches (sha256, code_key, parent_key, how, who, at) "
             "VALUES (?, ?, ?, 'clerk', ?, ?)", [sha256, *unit.identity, who, at]),
            ("INSERT INTO decisions (kind, subject, choice, who, at) VALUES ('match', ?, ?, ?, ?)",
             [sha256, f"{unit.code}|{unit.parent}", who, at])])

    def record_check(self, sha256: str, kind: str, asked: str, typed: str, matched: bool) -> None:
        who, at = clerk(), now()
        self._write("paper_checked", {"sha256": sha256, "kind": kind, "asked": asked, "typed": typed,
                                      "matched": matched, "who": who},
                    [("INSERT INTO checks (sha256, kind, asked, typed, matched, who, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [sha256, kind, asked, typed, int(matched), who, at])])

    def decide(self, kind: str, subject: str, choice: str) -> None:
        who, at = clerk(), now()
        self._write("decided", {"kind": kind, "subject": subject, "choice": choice, "who": who},
                    [("INSERT INTO decisions (kind, subject, choice, who, at) VALUES (?, ?, ?, ?, ?)",
                      [kind, subject, choice, who, at])])

    # --- reading ---

    def info(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT name, value FROM meta").fetchall())

    def deadline(self) -> Deadline:
        meta = self.info()
        day = meta.get("deadline", "")
        return Deadline(date.fromisoformat(day) if day else None, bool(meta.get("after_meeting")))

    def roster(self) -> list[RosterUnit]:
        return [RosterUnit(code, name, parent, contact) for code, name, parent, contact in self.db.execute(
            "SELECT code, name, parent, contact FROM units ORDER BY position").fetchall()]

    def packages(self) -> list[StoredPackage]:
        return [StoredPackage(sha, source, at, bool(ok), reason, fp, bool(signed), origin, json.loads(unit))
                for sha, source, at, ok, reason, fp, signed, origin, unit in self.db.execute(
                    "SELECT sha256, source, received_at, accepted, reason, fingerprint, signed, origin, unit "
                    "FROM packages ORDER BY received_at, rowid").fetchall()]

    def package(self, sha256: str) -> StoredPackage | None:
        row = self.db.execute("SELECT sha256, source, received_at, accepted, reason, fingerprint, signed, origin, unit "
                              "FROM packages WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            return None
        sha, source, at, ok, reason, fp, signed, origin, unit = row
        return StoredPackage(sha, source, at, bool(ok), reason, fp, bool(signed), origin, json.loads(unit))

    def unmatched(self) -> list[StoredPackage]:
        """Packages no roster unit holds yet (no unit code, a code not on the roster, or refused)."""
        return [StoredPackage(sha, source, at, bool(ok), reason, fp, bool(signed), origin, json.loads(unit))
                for sha, source, at, ok, reason, fp, signed, origin, unit in self.db.execute(
                    "SELECT p.sha256, p.source, p.received_at, p.accepted, p.reason, p.fingerprint, p.signed, p.origin,"
                    " p.unit FROM packages p LEFT JOIN matches m ON m.sha256 = p.sha256 WHERE m.sha256 IS NULL "
                    "ORDER BY p.received_at, p.rowid").fetchall()]

    def known(self) -> set[str]:
        """The SHA-256 of every package received."""
        return {row[0] for row in self.db.execute("SELECT sha256 FROM packages").fetchall()}

    def matches(self) -> dict[str, tuple[str, str]]:
        """sha256 -> the identity of the roster unit it was matched to."""
        return {sha: (code, parent) for sha, code, parent in self.db.execute(
            "SELECT sha256, code_key, parent_key FROM matches").fetchall()}

    def checks(self, sha256: str | None = None) -> list[tuple[str, str, str, str, bool, str, str]]:
        sql = "SELECT sha256, kind, asked, typed, matched, who, at FROM checks"
        rows = self.db.execute(sql + (" WHERE sha256 = ?" if sha256 else "") + " ORDER BY seq",
                               [sha256] if sha256 else []).fetchall()
        return [(a, b, c, d, bool(e), f, g) for a, b, c, d, e, f, g in rows]

    def decisions(self, kind: str | None = None) -> list[tuple[str, str, str, str, str]]:
        rows = self.db.execute("SELECT kind, subject, choice, who, at FROM decisions" +
                               (" WHERE kind = ?" if kind else "") + " ORDER BY seq", [kind] if kind else [])
        return [tuple(r) for r in rows.fetchall()]

    def log_problems(self) -> list[str]:
        return audit.chain_problems(read_audit(self.db))

    def receipts(self) -> dict[tuple[str, str], Receipt]:
        """The package that counts for each unit of the roster: the one the clerk kept among several, else the
        latest accepted one (else the latest refused one), with its paper checks."""
        matches = self.matches()
        kept = {subject: choice for kind, subject, choice, _w, _a in self.decisions("keep")}
        refused_checks = {}
        confirmed = set()
        for sha, _kind, _asked, _typed, matched, _who, _at in self.checks():
            if matched:
                confirmed.add(sha)
            else:
                refused_checks[sha] = _("mã niêm phong trên biên bản giấy không khớp tệp")
        by_unit: dict[tuple[str, str], list[StoredPackage]] = {}
        for sha, source, at, ok, reason, fp, signed, origin in self.db.execute(
                "SELECT sha256, source, received_at, accepted, reason, fingerprint, signed, origin FROM packages "
                "ORDER BY received_at, rowid").fetchall():
            identity = matches.get(sha)
            if identity is not None:
                by_unit.setdefault(identity, []).append(
                    StoredPackage(sha, source, at, bool(ok), reason, fp, bool(signed), origin, {}))
        receipts = {}
        for identity, packages in by_unit.items():
            accepted = [p for p in packages if p.accepted]
            choice = kept.get("|".join(identity))
            chosen = next((p for p in packages if p.sha256 == choice), None)
            fingerprints = {p.fingerprint for p in accepted}
            if chosen is None and len(fingerprints) > 1:
                receipts[identity] = Receipt(accepted[-1].sha256, True, conflict=True)
                continue
            package = chosen or (accepted[-1] if accepted else packages[-1])
            checked = package.sha256 in confirmed  # a group mistyped, then read right, counts as read right
            receipts[identity] = Receipt(package.sha256, package.accepted, package.reason, package.signed, checked,
                                         "" if checked else refused_checks.get(package.sha256, ""))
        return receipts


def clerk() -> str:
    """Who is at the desk: the account's user name (the log says who typed what)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name on this system: the log says so
        return "?"


__all__ = ["EXTENSION", "BoardFile", "FileBusy", "StoredPackage", "clerk"]

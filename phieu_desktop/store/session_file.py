"""Every user action on a session file: one named function, one transaction, one audit entry."""

from __future__ import annotations

import os
import secrets
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from .. import __version__
from ..domain import audit
from ..domain.audit import GENESIS, AuditEntry
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_REASON
from ..domain.lock import ReviewItem, lock_blockers, lock_review
from ..domain.marks import parse_ballot_csv, parse_marks
from ..domain.progress import Progress
from ..domain.rules import (
    RULES_VERSION,
    attendance_refusal,
    counts_refusal,
    creation_refusal,
    entry_refusal,
    group_attendance_refusal,
    preparation_refusal,
    prepared_session,
    session_update_refusal,
    unknown_paper,
)
from ..domain.seal import CURRENT_SEAL_VERSION, SealHistory, fingerprint, seal_digest
from ..domain.session import BallotPaper, Session, session_to_dict
from ..domain.tally import SessionResult, tally
from ..domain.text import checked_text
from ..files import describe_storage_error, write_new_with
from .connection import FileBusy, FileRefused, create_database, open_database, tidy_journal
from .integrity import integrity_problems, locked_seal_version
from .rows import append_entry, now, read_audit, read_session, write_groups, write_session
from .verification import VerificationOps


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    locked: bool = False
    fingerprint: str | None = None
    seal_version: int | None = None  # of a locked file: 1 covers session and ballots, 2 also the log (domain.seal)

    @property
    def ok(self) -> bool:
        return not self.problems


class SessionFile(VerificationOps):
    """An open .phieu file, held exclusively until `close()`."""

    def __init__(self, path: Path, db: sqlite_utils.Database) -> None:
        self.path = Path(path)
        self.db = db
        try:
            self._load()
        except (ValueError, KeyError, TypeError, AttributeError, sqlite3.Error):
            db.close()
            raise FileRefused(_("Không mở được tệp “{name}”: dữ liệu trong tệp không hợp lệ.").format(
                name=self.path.name)) from None
        self.opening_report = self.verify()

    # --- opening and closing ---

    @classmethod
    def create(cls, path: str | os.PathLike, session: Session) -> SessionFile:
        """Create a new session file; refuses to overwrite anything."""
        path = Path(path)
        refusal = creation_refusal(session)
        if refusal is not None:
            raise PhieuError(refusal)
        write_new_with(path, lambda temp: _build(temp, session))
        return cls.open(path)

    @classmethod
    def open(cls, path: str | os.PathLike) -> SessionFile:
        return cls(Path(path), open_database(Path(path)))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SessionFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ---

    def _load(self) -> None:
        self._session = read_session(self.db)
        self._entered = {p.key: 0 for p in self._session.papers}
        for row in self.db.execute("SELECT paper_key, count(*) FROM ballots GROUP BY paper_key").fetchall():
            self._entered[row[0]] = row[1]
        head = self.db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        self._next_seq, self._head = (head[0] + 1, head[1]) if head else (1, GENESIS)
        seal = self.db.execute("SELECT fingerprint FROM seal").fetchone()
        self._fingerprint = seal[0] if seal else None

    @property
    def session(self) -> Session:
        return self._session

    @property
    def locked(self) -> bool:
        return self._fingerprint is not None

    @property
    def fingerprint(self) -> str | None:
        return self._fingerprint

    def entered(self, key: str) -> int:
        return self._entered[key]

    def ballots(self, key: str) -> list[tuple[int, str]]:
        """(number, marks) of every ballot of one paper, in entry order."""
        self._paper(key)  # an unknown key is refused by name, not answered with an empty list
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT number, marks FROM ballots WHERE paper_key = ? ORDER BY number", [key]).fetchall()]

    def all_ballots(self) -> dict[str, list[tuple[int, str]]]:
        return {paper.key: self.ballots(paper.key) for paper in self._session.papers}

    def audit_entries(self) -> list[AuditEntry]:
        return read_audit(self.db)

    def results(self) -> SessionResult:
        """The count as it stands; refused for a file changed behind the program's back."""
        self._require_intact()
        marks = {key: [m for _n, m in rows] for key, rows in self.all_ballots().items()}
        return tally(self._session, marks, locked=self.locked, fingerprint=self._fingerprint)

    def lock_review(self) -> list[ReviewItem]:
        """What must hold before the lock, item by item (`domain.lock.lock_review`), under the current rules: a
        file an older program wrote may hold text the program now refuses; it is not sealed like that."""
        return lock_review(self.progress())

    def lock_blockers(self) -> list[str]:
        """The open items' reasons (`domain.lock.lock_blockers`); empty when the count can be locked."""
        return lock_blockers(self.progress())

    def progress(self) -> Progress:
        """The snapshot the step rules read (`domain.progress`): counts entered and checked, the verification
        pass's blockers, the lock."""
        return replace(self._state(), verification_blockers=tuple(self.verification_blockers()))

    def _state(self) -> Progress:
        """The snapshot the write rules read (`domain.rules`): like `progress()`, without the verification pass's
        blockers, which only the lock reads (and which would read every ballot at every entry)."""
        checked = {p.key: 0 for p in self._session.papers}
        for key, count in self.db.execute("SELECT paper_key, count(*) FROM checks GROUP BY paper_key").fetchall():
            checked[key] = count
        return Progress(self._session, dict(self._entered), checked, (), self.locked)

    def preparation_blocker(self) -> str | None:
        """Why what was prepared (details, committee, papers, persons) can no longer change; None while it can."""
        return preparation_refusal(self._state())

    def entry_blocker(self, key: str, adding: int = 1) -> str | None:
        """Why `adding` more ballots of this paper cannot be entered now; None when they can."""
        self._paper(key)  # an unknown key is refused by name
        return entry_refusal(self._state(), key, adding)

    def verify(self) -> VerifyReport:
        """Recompute the audit chain and the seal from what the file holds now."""
        problems = integrity_problems(self.db)
        version = None
        if self.locked and not problems:
            version = locked_seal_version(self.audit_entries())
        return VerifyReport(problems=problems, locked=self.locked, fingerprint=self._fingerprint,
                            seal_version=version)

    # --- writing: each one transaction ---

    def update_session(self, session: Session) -> None:
        """Replace what was prepared (details, committee, papers, persons) while no ballot is entered yet.

        Attendance and each paper's issued/returned stay as the file records them (they have their own actions):
        a paper that keeps its key keeps its counts, a new paper has none yet.
        """
        self._require_writable()
        state = self._state()
        session = prepared_session(state, session)
        refusal = session_update_refusal(state, session)
        if refusal is not None:
            raise PhieuError(refusal)
        if session == self._session:
            return
        with self._transaction():
            for table in ("persons", "papers", "committee", "supervisors", "session"):
                self.db.execute(f"DELETE FROM {table}")
            write_session(self.db, session)
            self._log(audit.SESSION_UPDATED, {"session": session_to_dict(session)})

    def record_attendance(self, present: int, present_at_vote: int) -> None:
        self._require_writable()
        refusal = attendance_refusal(self._state(), present, present_at_vote)
        if refusal is not None:
            raise PhieuError(refusal)
        with self._transaction():
            self.db.execute("UPDATE session SET present = ?, present_at_vote = ?", [present, present_at_vote])
            self._log(audit.ATTENDANCE, {"present": present, "present_at_vote": present_at_vote})

    def record_group_attendance(self, key: str, present: int, present_at_vote: int) -> None:
        """One voter group's present and present at the vote (a session with voter groups)."""
        self._require_writable()
        state = self._state()
        refusal = group_attendance_refusal(state, key, present, present_at_vote)
        if refusal is not None:
            raise PhieuError(refusal)
        with self._transaction():
            write_groups(self.db, state.session.with_group_attendance(key, present, present_at_vote))
            self._log(audit.GROUP_ATTENDANCE, {"group": key, "present": present, "present_at_vote": present_at_vote})

    def record_counts(self, key: str, issued: int, returned: int) -> None:
        """Ballots issued and returned for one paper: returned <= issued <= present at the vote."""
        self._require_writable()
        self._paper(key)
        refusal = counts_refusal(self._state(), key, issued, returned)
        if refusal is not None:
            raise PhieuError(refusal)
        with self._transaction():
            self.db.execute("UPDATE papers SET issued = ?, returned = ? WHERE key = ?", [issued, returned, key])
            self._log(audit.COUNTS, {"key": key, "issued": issued, "returned": returned})

    def add_ballot(self, key: str, marks: str, source: dict | None = None) -> int:
        """Commit one paper ballot; returns its number only once it is on disk.

        `source` (a ballot read by a scanner and confirmed by a person) goes into the audit entry as it is."""
        return self.add_ballots(key, [marks], sources=None if source is None else [source])[0]

    def add_ballots(self, key: str, ballots: list[str], sources: list[dict] | None = None) -> list[int]:
        """Commit several ballots together: all of them, or none. `sources`, one per ballot, as in add_ballot."""
        self._require_writable()
        paper = self._paper(key)
        normalised = [parse_marks(text, self._session.regime, len(paper.persons)) for text in ballots]
        self._require_room(paper, len(normalised))
        numbers = []
        with self._transaction(reload=False):
            last = self.db.execute("SELECT max(number) FROM ballots WHERE paper_key = ?", [key]).fetchone()[0] or 0
            for offset, marks in enumerate(normalised, start=1):
                number = last + offset
                self.db.execute("INSERT INTO ballots (paper_key, number, marks) VALUES (?, ?, ?)", [key, number, marks])
                detail = {"key": key, "number": number, "marks": marks}
                if sources is not None:
                    detail["source"] = sources[offset - 1]
                self._log(audit.BALLOT_ADDED, detail)
                numbers.append(number)
        self._entered[key] += len(numbers)
        return numbers

    def add_ballots_csv(self, key: str, data: bytes) -> list[int]:
        """Enter a whole BALLOTS.csv; nothing of it is written if one row is wrong."""
        paper = self._paper(key)
        return self.add_ballots(key, parse_ballot_csv(data, self._session.regime, len(paper.persons)))

    def correct_ballot(self, key: str, number: int, marks: str, reason: str) -> str:
        """Replace one ballot's marks, with a reason; returns the marks as stored (normalised)."""
        self._require_writable()
        paper = self._paper(key)
        old = self._ballot(key, number)
        reason = _require_reason(reason)
        new = parse_marks(marks, self._session.regime, len(paper.persons))
        with self._transaction():
            self.db.execute("UPDATE ballots SET marks = ? WHERE paper_key = ? AND number = ?", [new, key, number])
            self._log(audit.BALLOT_CORRECTED,
                      {"key": key, "number": number, "old": old, "marks": new, "reason": reason})
        return new

    def remove_ballot(self, key: str, number: int, reason: str) -> None:
        self._require_writable()
        self._paper(key)
        old = self._ballot(key, number)
        reason = _require_reason(reason)
        with self._transaction():
            self.db.execute("DELETE FROM checks WHERE paper_key = ? AND number = ?", [key, number])
            self.db.execute("DELETE FROM ballots WHERE paper_key = ? AND number = ?", [key, number])
            self._log(audit.BALLOT_REMOVED, {"key": key, "number": number, "old": old, "reason": reason})

    def lock(self) -> str:
        """Seal the count; returns the fingerprint the paper minutes will carry."""
        self._require_writable()
        blockers = self.lock_blockers()
        if blockers:
            raise PhieuError(_("Chưa thể khóa kết quả: {reason}").format(reason=blockers[0]))
        at = now()
        # The newest seal version: the digest covers the log up to the entry before the lock and the lock entry's
        # own number, time and detail (`seal_version`, `log_length`); the lock entry then carries the digest.
        detail = {"log_length": self._next_seq, "seal_version": CURRENT_SEAL_VERSION}
        history = SealHistory(head=self._head, length=self._next_seq - 1, lock_seq=self._next_seq, lock_at=at,
                              lock_detail=detail)
        digest = seal_digest(self._session, self.all_ballots(), CURRENT_SEAL_VERSION, history)
        short = fingerprint(digest)
        with self._transaction():
            # The seal's time is the lock entry's own; `log_length` (the lock entry's number) and the seal's
            # `audit_head` pin the log as it stood when sealed (seals written before this have neither rule).
            head = self._log(audit.LOCKED, {"seal": digest, "fingerprint": short, **detail}, at=at)
            self.db.execute("INSERT INTO seal (id, digest, fingerprint, audit_head, at) VALUES (1, ?, ?, ?, ?)",
                            [digest, short, head, at])
        return short

    def note(self, what: str, **detail: object) -> None:
        """Record an event that changes nothing in the count (printed, exported ...); allowed after the lock."""
        self._require_intact()
        with self._transaction():
            self._log(audit.NOTE, {"what": what, **detail})

    def backup_to(self, target: str | os.PathLike) -> None:
        """A consistent copy of the whole file (SQLite's online backup), e.g. onto a USB stick."""
        target = Path(target)
        if target.exists():
            raise PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=target.name))
        try:
            copy = sqlite3.connect(target)
            try:
                self.db.conn.backup(copy)
            finally:
                copy.close()
        except (sqlite3.Error, OSError) as err:  # a write-protected or full USB stick: no half copy is left
            for leftover in (target, target.with_name(target.name + "-journal")):
                try:
                    leftover.unlink(missing_ok=True)
                except OSError:
                    pass
            raise PhieuError(_("Không ghi được bản sao “{name}”: {reason}.").format(
                name=target.name, reason=describe_storage_error(err))) from None

    # --- internals ---

    def _paper(self, key: str) -> BallotPaper:
        try:
            return self._session.paper(key)
        except KeyError:
            raise PhieuError(unknown_paper(self._session, key)) from None

    def _ballot(self, key: str, number: int) -> str:
        if not 0 < number < 2 ** 62:  # beyond SQLite's integers: no such ballot, not an OverflowError
            raise PhieuError(_("Không có phiếu số {number} của loại phiếu “{key}”.").format(number=number, key=key))
        row = self.db.execute("SELECT marks FROM ballots WHERE paper_key = ? AND number = ?", [key, number]).fetchone()
        if row is None:
            raise PhieuError(_("Không có phiếu số {number} của loại phiếu “{key}”.").format(number=number, key=key))
        return row[0]

    def _require_intact(self) -> None:
        if not self.opening_report.ok:
            raise PhieuError(_("Tệp đã bị thay đổi ngoài chương trình: {problem}").format(
                problem=self.opening_report.problems[0]))

    def _require_writable(self) -> None:
        self._require_intact()
        if self.locked:
            raise PhieuError(_("Kết quả đã được khóa và niêm phong ({fingerprint}); không thể thay đổi.").format(
                fingerprint=self._fingerprint))

    def _require_room(self, paper: BallotPaper, adding: int) -> None:
        blocker = entry_refusal(self._state(), paper.key, adding)
        if blocker is not None:
            raise PhieuError(blocker)

    def _transaction(self, reload: bool = True) -> _Transaction:
        """One write transaction; `reload=False` only where the caller updates the in-memory view itself."""
        return _Transaction(self, reload)

    def _log(self, action: str, detail: dict, at: str | None = None) -> str:
        self._head = append_entry(self.db, self._head, self._next_seq, action, detail, at)
        self._next_seq += 1
        return self._head


class _Transaction:
    """One write transaction; afterwards (always after a failure) the in-memory view is reloaded from the file."""

    def __init__(self, owner: SessionFile, reload: bool) -> None:
        self.owner = owner
        self.reload = reload
        self.atomic = owner.db.atomic()

    def __enter__(self) -> None:
        self.atomic.__enter__()

    def __exit__(self, exc_type, exc, tb) -> bool:
        failed = exc_type is not None
        try:
            self.atomic.__exit__(exc_type, exc, tb)
        except sqlite3.Error as err:  # the commit itself failed: full disk, read-only file or folder
            failed = True
            raise _storage_refusal(self.owner.path, err) from None
        except BaseException:
            failed = True
            raise
        finally:
            tidy_journal(self.owner.db.conn)  # nothing beside the session file while idle
            if failed or self.reload:
                self._reload(failed)
        if isinstance(exc, sqlite3.OperationalError):  # a statement failed for the same reasons
            raise _storage_refusal(self.owner.path, exc) from None
        return False

    def _reload(self, failed: bool) -> None:
        try:
            self.owner._load()
        except (sqlite3.OperationalError, OSError):
            if not failed:
                raise
            # The file cannot even be read (a USB stick pulled out): what was written before is in the file;
            # every further action fails the same way until the file is opened again.


def _storage_refusal(path: Path, err: sqlite3.Error) -> PhieuError:
    """Nothing was written (the transaction was rolled back); say why in Vietnamese."""
    return PhieuError(_("Không ghi được vào tệp “{name}”, chưa có gì thay đổi: {reason}.").format(
        name=path.name, reason=describe_storage_error(err)))


def _require_reason(reason: str) -> str:
    reason = checked_text(_("Lý do"), reason, MAX_REASON)
    if not reason:
        raise PhieuError(_("Cần ghi lý do sửa hoặc hủy phiếu."))
    return reason


def _build(temp: Path, session: Session) -> None:
    """The new file's whole content in one transaction, written at `temp` before it is moved into place."""
    db = create_database(temp)
    try:
        with db.atomic():
            write_session(db, session)
            # `nonce`: 128 random bits, so two sessions created from the same spec in the same second still get
            # different session codes (the code is a hash of this first entry; documents.session_code)
            append_entry(db, GENESIS, 1, audit.CREATED, {"session": session_to_dict(session), "program": __version__,
                                                         "rules": RULES_VERSION, "nonce": secrets.token_hex(16)})
    finally:
        db.close()


__all__ = ["FileBusy", "FileRefused", "SessionFile", "VerifyReport"]

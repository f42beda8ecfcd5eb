"""The verification pass on a session file: second entries and the committee's rulings, each one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import audit
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_REASON
from ..domain.marks import parse_ballot_csv, parse_marks
from ..domain.progress import check_blocker
from ..domain.text import checked_text
from ..domain.verification import Difference, differences, unchecked, verification_blockers

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import sqlite_utils

    from ..domain.session import BallotPaper, Session

FIRST, SECOND, OTHER = "first", "second", "other"


class VerificationOps:
    """The verification pass's operations, a part of `SessionFile`: what they use of it is declared below."""

    if TYPE_CHECKING:  # provided by SessionFile
        db: sqlite_utils.Database

        @property
        def session(self) -> Session: ...

        @property
        def locked(self) -> bool: ...

        def entered(self, key: str) -> int: ...

        def ballots(self, key: str) -> list[tuple[int, str]]: ...

        def _paper(self, key: str) -> BallotPaper: ...

        def _require_writable(self) -> None: ...

        def _transaction(self, reload: bool = True) -> AbstractContextManager[None]: ...

        def _log(self, action: str, detail: dict) -> str: ...

    def checks(self, key: str) -> list[tuple[int, str]]:
        """(number, marks) of every second entry of one paper, in number order."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT number, marks FROM checks WHERE paper_key = ? ORDER BY number", [key]).fetchall()]

    def checked(self, key: str) -> int:
        return self.db.execute("SELECT count(*) FROM checks WHERE paper_key = ?", [key]).fetchone()[0]

    def verification_started(self) -> bool:
        return self.db.execute("SELECT 1 FROM checks LIMIT 1").fetchone() is not None

    def differences(self, key: str) -> list[Difference]:
        """Ballots of one paper whose two entries differ, side by side."""
        return differences(dict(self.ballots(key)), dict(self.checks(key)))

    def check_blocker(self, key: str, adding: int = 1) -> str | None:
        """Why `adding` more second entries of this paper cannot be typed now; None when they can."""
        return check_blocker(self._paper(key), self.entered(key), self.checked(key), adding, self.locked)

    def verification_blockers(self) -> list[str]:
        papers = self.session.papers
        return verification_blockers(self.session, {p.key: dict(self.ballots(p.key)) for p in papers},
                                     {p.key: dict(self.checks(p.key)) for p in papers})

    def add_check(self, key: str, marks: str, source: dict | None = None) -> int:
        """Commit the second entry of the next ballot in the stack; returns the ballot number it pairs with."""
        return self.add_checks(key, [marks], sources=None if source is None else [source])[0]

    def add_checks(self, key: str, ballots: list[str], sources: list[dict] | None = None) -> list[int]:
        """Second entries of the next ballots in stack order, in one transaction: all of them, or none.

        `sources`, one per ballot, goes into each audit entry (a scan confirmed by a person, see add_ballot)."""
        self._require_writable()
        paper = self._paper(key)
        normalised = [parse_marks(marks, self.session.regime, len(paper.persons)) for marks in ballots]
        first = dict(self.ballots(key))
        pending = unchecked(first, dict(self.checks(key)))
        blocker = check_blocker(paper, len(first), len(first) - len(pending), len(normalised))
        if blocker is not None:
            raise PhieuError(blocker)
        numbers = pending[: len(normalised)]
        with self._transaction():
            for index, (number, marks) in enumerate(zip(numbers, normalised)):
                self.db.execute("INSERT INTO checks (paper_key, number, marks) VALUES (?, ?, ?)", [key, number, marks])
                detail = {"key": key, "number": number, "marks": marks}
                if sources is not None:
                    detail["source"] = sources[index]
                self._log(audit.CHECK_ADDED, detail)
        return numbers

    def add_checks_csv(self, key: str, data: bytes) -> list[int]:
        """The second entry of a whole stack from a BALLOTS.csv; nothing of it is written if one row is wrong."""
        paper = self._paper(key)
        return self.add_checks(key, parse_ballot_csv(data, self.session.regime, len(paper.persons)))

    def rule_difference(self, key: str, number: int, choice: str, reason: str, marks: str | None = None) -> str:
        """The committee rules on a ballot entered differently twice: `first`, `second`, or `other` with `marks`.

        Both entries take the ruled marks in one transaction; a change to the counted ballot is audited with
        the reason. Returns the ruled marks.
        """
        self._require_writable()
        paper = self._paper(key)
        first = dict(self.ballots(key)).get(number)
        second = dict(self.checks(key)).get(number)
        if first is None or second is None:
            raise PhieuError(_("Phiếu số {number} chưa được nhập hai lần.").format(number=number))
        reason = checked_text(_("Lý do"), reason, MAX_REASON)
        if not reason:
            raise PhieuError(_("Cần ghi lý do quyết định của Ban kiểm phiếu."))
        if choice == FIRST:
            ruled = first
        elif choice == SECOND:
            ruled = second
        elif choice == OTHER and marks is not None:
            ruled = parse_marks(marks, self.session.regime, len(paper.persons))
        else:
            raise PhieuError(_("Quyết định không hợp lệ."))
        with self._transaction():
            self.db.execute("UPDATE ballots SET marks = ? WHERE paper_key = ? AND number = ?", [ruled, key, number])
            self.db.execute("UPDATE checks SET marks = ? WHERE paper_key = ? AND number = ?", [ruled, key, number])
            self._log(audit.CHECK_RULED, {"key": key, "number": number, "first": first, "second": second,
                                          "choice": choice, "marks": ruled, "reason": reason})
        return ruled

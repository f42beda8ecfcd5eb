"""Where the committee stands: which step is done, where work resumes, and why ballots cannot be typed now.

One home for these rules: the store refuses with them, the window greys out and explains with them, and
`phieu status` prints them. Plain data in, plain answers out: the store builds the `Progress` snapshot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

from .i18n import _
from .session import BallotPaper, Session, attendance_groups, paper_group, quorum_met, quorum_shortfall


class Step(IntEnum):
    """The five steps of a session, in order (the window's list on the left)."""

    PREPARE = 0
    ATTENDANCE = 1
    ENTRY = 2
    VERIFICATION = 3
    LOCK = 4

    @property
    def label(self) -> str:
        return {Step.PREPARE: _("Chuẩn bị"), Step.ATTENDANCE: _("Điểm danh"), Step.ENTRY: _("Nhập phiếu"),
                Step.VERIFICATION: _("Kiểm tra lại"), Step.LOCK: _("Khóa kết quả")}[self]


@dataclass(frozen=True)
class Progress:
    """What a session file holds, as far as the steps are concerned.

    `entered` and `checked` count first and second entries per paper key; `verification_blockers` are the
    reasons the verification pass still holds the lock (empty when it was never started or is finished).
    """

    session: Session
    entered: Mapping[str, int]
    checked: Mapping[str, int]
    verification_blockers: tuple[str, ...] = ()
    locked: bool = False

    @property
    def verification_started(self) -> bool:
        return any(self.checked.get(p.key, 0) for p in self.session.papers)


def counts_recorded(session: Session) -> bool:
    """Issued and returned are recorded for every paper."""
    return all(p.issued is not None and p.returned is not None for p in session.papers)


def attendance_done(session: Session) -> bool:
    """Attendance recorded with the quorum met (every voter group's, with groups), and issued/returned recorded for
    every paper."""
    return (all(g.present is not None and g.present_at_vote is not None and quorum_met(g.summoned, g.present)
                for g in attendance_groups(session)) and counts_recorded(session))


def all_entered(progress: Progress) -> bool:
    """Ballots entered equal ballots returned, for every paper."""
    return all(progress.entered.get(p.key, 0) == p.returned for p in progress.session.papers)


def entry_done(progress: Progress) -> bool:
    return attendance_done(progress.session) and all_entered(progress)


def verification_done(progress: Progress) -> bool:
    """Started, every ballot entered twice and every difference ruled."""
    return progress.verification_started and entry_done(progress) and not progress.verification_blockers


def step_done(progress: Progress, step: Step) -> bool:
    if step is Step.PREPARE:
        return True
    if step is Step.ATTENDANCE:
        return attendance_done(progress.session)
    if step is Step.ENTRY:
        return entry_done(progress)
    if step is Step.VERIFICATION:
        return verification_done(progress)
    return progress.locked


def resume_step(progress: Progress) -> Step:
    """Where work stopped: the first step still to do (after a crash or power cut, too)."""
    if progress.locked:
        return Step.LOCK
    if not attendance_done(progress.session):
        return Step.ATTENDANCE
    if not entry_done(progress):
        if progress.verification_started and any(
                progress.checked.get(p.key, 0) < progress.entered.get(p.key, 0) for p in progress.session.papers):
            return Step.VERIFICATION
        return Step.ENTRY
    if progress.verification_started and progress.verification_blockers:
        return Step.VERIFICATION
    return Step.LOCK


def papers_to_enter(progress: Progress) -> list[BallotPaper]:
    """Papers whose ballots are not all entered yet (or whose returned count is not recorded), in session order."""
    return [p for p in progress.session.papers if p.returned is None or progress.entered.get(p.key, 0) < p.returned]


def papers_to_check(progress: Progress) -> list[BallotPaper]:
    """Papers whose stack is not yet typed a second time in full, in session order."""
    return [p for p in progress.session.papers if progress.checked.get(p.key, 0) < progress.entered.get(p.key, 0)]


def entry_blocker(session: Session, paper: BallotPaper, entered: int, adding: int = 1,
                  locked: bool = False) -> str | None:
    """Why `adding` more ballots of this paper cannot be entered now, in Vietnamese; None when they can."""
    if locked:
        return _("Kết quả đã khóa và niêm phong: không thể nhập thêm phiếu.")
    group = paper_group(session, paper)
    named = _("Thành phần “{name}”: ").format(name=group.name) if session.groups else ""
    if group.present is None:
        return named + _("Chưa ghi số người có mặt (bước Điểm danh): chưa thể nhập phiếu.")
    if not quorum_met(group.summoned, group.present):
        return named + _("Chưa đủ 2/3 số người được triệu tập có mặt (còn thiếu {n} người): không được bỏ "
                         "phiếu.").format(n=quorum_shortfall(group.summoned, group.present))
    if paper.returned is None:
        return _("Chưa ghi số phiếu phát ra và thu về của phiếu “{title}” (bước Điểm danh).").format(title=paper.title)
    if entered >= paper.returned:
        return _("Đã nhập đủ {n}/{n} phiếu “{title}”: thêm phiếu sẽ vượt số phiếu thu về.").format(
            n=paper.returned, title=paper.title)
    if entered + adding > paper.returned:
        return _("Phiếu “{title}”: đã nhập {entered}, thêm {adding} phiếu sẽ vượt số phiếu thu về "
                 "({returned}).").format(title=paper.title, entered=entered, adding=adding, returned=paper.returned)
    return None


def check_blocker(paper: BallotPaper, entered: int, checked: int, adding: int = 1, locked: bool = False) -> str | None:
    """Why `adding` more second entries (verification pass) of this paper cannot be typed now; None when they can."""
    if locked:
        return _("Kết quả đã khóa và niêm phong.")
    if entered == 0:
        return _("Chưa có phiếu nào được nhập lần 1: hãy nhập phiếu trước khi kiểm tra lại.")
    if checked >= entered:
        return _("Phiếu “{title}”: đã nhập lại đủ {n}/{n} phiếu.").format(title=paper.title, n=entered)
    if checked + adding > entered:
        return _("Phiếu “{title}”: chỉ còn {pending} phiếu chưa kiểm tra lại, không nhận {count}.").format(
            title=paper.title, pending=entered - checked, count=adding)
    return None


def entry_summary(session: Session, entered: Mapping[str, int]) -> str:
    """'Lãnh đạo Sở 30/32; …': ballots entered against returned, per paper."""
    return "; ".join(f"{p.title} {entered.get(p.key, 0)}/{p.returned if p.returned is not None else '—'}"
                     for p in session.papers)


__all__ = ["Progress", "Step", "all_entered", "attendance_done", "check_blocker", "counts_recorded", "entry_blocker",
           "entry_done", "entry_summary", "papers_to_check", "papers_to_enter", "resume_step", "step_done",
           "verification_done"]

"""The write rules: what each action on a session file may do, given what the file holds.

One home for every rule: the store refuses with these before writing, and `audit.replay` applies the same
functions again at every log entry, so a file whose tables and log were rewritten together and re-sealed by hand
is refused by `verify` (and everything that reads a file through it), naming the entry and the rule.

The state is a `Progress` snapshot (session, ballots entered and checked per paper, locked). Each function returns
the Vietnamese reason the action is refused, or None when it is allowed.
"""

from __future__ import annotations

from .i18n import _
from .marks import MarksError, parse_marks
from .progress import Progress, check_blocker, entry_blocker
from .session import (
    BallotPaper,
    Session,
    attendance_problems,
    count_problems,
    group_papers,
    paper_group,
    quorum_met,
    session_problems,
)

# The rules a file was written under, recorded as "rules" in its first log entry. Files without it (version 1)
# were written before the committee's head and the limits on sizes and texts were rules of the store: replay
# does not hold those two against them; every other rule below is as old as the file format.
RULES_VERSION = 2
FIRST_RULES = 1


def unknown_paper(session: Session, key: str) -> str:
    keys = ", ".join(p.key for p in session.papers)
    return _("Không có loại phiếu “{key}”; các loại phiếu: {keys}.").format(key=key, keys=keys)


def _paper(session: Session, key: str) -> BallotPaper | None:
    return next((p for p in session.papers if p.key == key), None)


def preparation_refusal(state: Progress) -> str | None:
    """Why what was prepared (details, committee, papers, persons) can no longer change; None while it can."""
    if state.locked:
        return _("Kết quả đã khóa và niêm phong: không thể sửa thông tin hội nghị.")
    if any(state.entered.values()) or any(state.checked.values()):
        return _("Đã nhập phiếu: không thể sửa thông tin hội nghị nữa.")
    return None


def prepared_session(state: Progress, new: Session) -> Session:
    """What an update of the preparation writes: attendance and each kept paper's counts stay as recorded (they
    have their own actions); a new paper has none yet."""
    current = state.session
    session = new.with_attendance(current.present, current.present_at_vote)
    for group in session.groups:
        old_group = next((g for g in current.groups if g.key == group.key), None)
        session = session.with_group_attendance(group.key, old_group.present if old_group else None,
                                                old_group.present_at_vote if old_group else None)
    for paper in session.papers:
        old = _paper(current, paper.key)
        session = session.with_counts(paper.key, old.issued if old else None, old.returned if old else None)
    return session


def session_update_refusal(state: Progress, new: Session, rules: int = RULES_VERSION) -> str | None:
    """Why `new` (as `prepared_session` makes it) cannot replace what was prepared; None when it can."""
    blocker = preparation_refusal(state)
    if blocker is not None:
        return blocker
    if new != prepared_session(state, new):
        return _("Số người có mặt và số phiếu phát ra, thu về chỉ được ghi ở bước Điểm danh.")
    return creation_refusal(new, rules)


def creation_refusal(session: Session, rules: int = RULES_VERSION) -> str | None:
    """Why a session cannot be written as prepared (`new`, the wizard, an update): the first problem or None."""
    if rules < RULES_VERSION:
        return None  # written before these rules were the store's; what it holds was checked at the time
    problems = session_problems(session)
    return problems[0] if problems else None


def attendance_refusal(state: Progress, present: int, present_at_vote: int) -> str | None:
    """Why this attendance cannot be recorded: figures that do not hold together, counts already recorded that
    would no longer fit, or a quorum lowered below 2/3 once ballots are entered."""
    s = state.session
    problems = attendance_problems(s.summoned, present, present_at_vote)
    if s.groups:  # the whole meeting's attendance: each group's quorum and counts are checked on their own
        return problems[0] if problems else None
    for paper in s.papers:  # counts already recorded must still fit under the new attendance
        problems += count_problems(paper, paper.issued, paper.returned, present_at_vote)
    if any(state.entered.values()) and not quorum_met(s.summoned, present):
        problems.append(_("Đã nhập phiếu: không thể ghi số người có mặt dưới 2/3 số người được triệu tập."))
    return problems[0] if problems else None


def group_attendance_refusal(state: Progress, key: str, present: int, present_at_vote: int) -> str | None:
    """Why this attendance of one voter group cannot be recorded: the same rules as the meeting's, on the group's
    summoned and the group's papers (counts still fit, no quorum lowered below 2/3 once its ballots are entered)."""
    s = state.session
    group = next((g for g in s.groups if g.key == key), None)
    if group is None:
        keys = ", ".join(g.key for g in s.groups) or "—"
        return _("Không có thành phần ghi phiếu “{key}”; các thành phần: {keys}.").format(key=key, keys=keys)
    problems = [_("Thành phần “{name}”: {problem}").format(name=group.name, problem=problem)
                for problem in attendance_problems(group.summoned, present, present_at_vote)]
    papers = group_papers(s, group)
    for paper in papers:
        problems += count_problems(paper, paper.issued, paper.returned, present_at_vote)
    if any(state.entered.get(p.key, 0) for p in papers) and not quorum_met(group.summoned, present):
        problems.append(_("Thành phần “{name}”: đã nhập phiếu, không thể ghi số người có mặt dưới 2/3 số người được "
                          "triệu tập.").format(name=group.name))
    return problems[0] if problems else None


def counts_refusal(state: Progress, key: str, issued: int, returned: int) -> str | None:
    """Why these counts cannot be recorded: present at the vote first, returned <= issued <= present at the vote,
    and returned never below the ballots already entered."""
    s = state.session
    paper = _paper(s, key)
    if paper is None:
        return unknown_paper(s, key)
    group = paper_group(s, paper)
    if group.present_at_vote is None:
        if s.groups:
            return _("Thành phần “{name}”: hãy ghi số người có mặt khi bỏ phiếu trước số phiếu phát ra.").format(
                name=group.name)
        return _("Hãy ghi số người có mặt khi bỏ phiếu trước số phiếu phát ra.")
    problems = count_problems(paper, issued, returned, group.present_at_vote)
    entered = state.entered.get(key, 0)
    if returned < entered:
        problems.append(_("Phiếu “{title}”: đã nhập {entered} phiếu, nhiều hơn số phiếu thu về {returned}.").format(
            title=paper.title, entered=entered, returned=returned))
    return problems[0] if problems else None


def entry_refusal(state: Progress, key: str, adding: int = 1) -> str | None:
    """Why `adding` more ballots of this paper cannot be entered (`progress.entry_blocker`, by paper key)."""
    paper = _paper(state.session, key)
    if paper is None:
        return unknown_paper(state.session, key)
    return entry_blocker(state.session, paper, state.entered.get(key, 0), adding, state.locked)


def check_refusal(state: Progress, key: str, adding: int = 1) -> str | None:
    """Why `adding` more second entries of this paper cannot be typed (`progress.check_blocker`, by paper key)."""
    paper = _paper(state.session, key)
    if paper is None:
        return unknown_paper(state.session, key)
    return check_blocker(paper, state.entered.get(key, 0), state.checked.get(key, 0), adding, state.locked)


def marks_refusal(session: Session, key: str, marks: str) -> str | None:
    """Why these stored marks are not a ballot of this paper as the program writes them (normalised, one code per
    person, the regime's codes)."""
    paper = _paper(session, key)
    if paper is None:
        return unknown_paper(session, key)
    try:
        normalised = parse_marks(marks, session.regime, len(paper.persons))
    except MarksError as err:
        return _("Phiếu “{title}”: {reason}").format(title=paper.title, reason=err)
    if normalised != marks:
        return _("Phiếu “{title}”: mã “{marks}” không đúng dạng chương trình ghi.").format(
            title=paper.title, marks=marks[:40])
    return None


__all__ = ["FIRST_RULES", "RULES_VERSION", "attendance_refusal", "check_refusal", "counts_refusal",
           "group_attendance_refusal",
           "creation_refusal", "entry_refusal", "marks_refusal", "prepared_session", "preparation_refusal",
           "session_update_refusal", "unknown_paper"]

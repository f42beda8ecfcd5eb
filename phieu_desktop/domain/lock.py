"""What must hold before the count can be locked: the blockers (refusals) and the checklist (what the window shows)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .i18n import _
from .progress import Progress, counts_recorded, entry_done, entry_summary
from .session import Session, count_problems, quorum_met, quorum_shortfall


def lock_blockers(session: Session, entered: Mapping[str, int]) -> list[str]:
    """Every reason the count cannot be locked yet, in Vietnamese; empty when it can."""
    blockers: list[str] = []
    if session.present is None:
        blockers.append(_("Chưa ghi nhận số người có mặt."))
    elif not quorum_met(session.summoned, session.present):
        blockers.append(_("Chưa đủ 2/3 số người được triệu tập có mặt (có mặt {present}/{summoned}, còn thiếu "
                          "{missing} người).").format(present=session.present, summoned=session.summoned,
                                                       missing=quorum_shortfall(session.summoned, session.present)))
    if session.present_at_vote is None:
        blockers.append(_("Chưa ghi nhận số người có mặt khi bỏ phiếu."))
    if not session.committee:
        blockers.append(_("Chưa có thành viên Ban kiểm phiếu."))
    for paper in session.papers:
        if paper.issued is None or paper.returned is None:
            blockers.append(_("Phiếu “{title}”: chưa ghi số phiếu phát ra và thu về.").format(title=paper.title))
            continue
        blockers += count_problems(paper, paper.issued, paper.returned, session.present_at_vote)
        count = entered.get(paper.key, 0)
        if count != paper.returned:
            blockers.append(_("Phiếu “{title}”: đã nhập {entered} phiếu, số phiếu thu về là {returned}.").format(
                title=paper.title, entered=count, returned=paper.returned))
    return blockers


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the lock checklist: `ok` is None for what was not done and need not be (the verification pass)."""

    ok: bool | None
    text: str


def lock_checklist(progress: Progress) -> list[ChecklistItem]:
    """The five lines the committee reads before locking; the same rules as `lock_blockers`, item by item."""
    s = progress.session
    started = progress.verification_started
    return [
        ChecklistItem(quorum_met(s.summoned, s.present), _("Đủ 2/3 số người được triệu tập có mặt ({p}/{n}).").format(
            p=s.present if s.present is not None else "—", n=s.summoned)),
        ChecklistItem(counts_recorded(s), _("Đã ghi số phiếu phát ra và thu về của mọi loại phiếu.")),
        ChecklistItem(entry_done(progress),
                      _("Số phiếu đã nhập bằng số phiếu thu về: {detail}.").format(
                          detail=entry_summary(s, progress.entered))),
        ChecklistItem(None if not started else not progress.verification_blockers,
                      _("Kiểm tra lại (nhập lần 2): mọi khác biệt đã được quyết định.") if started else
                      _("Kiểm tra lại (nhập lần 2): không thực hiện.")),
        ChecklistItem(bool(s.committee), _("Ban kiểm phiếu: {names}.").format(
            names=", ".join(m.name for m in s.committee) or "—")),
    ]

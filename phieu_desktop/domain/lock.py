"""What must hold before the count can be locked."""

from __future__ import annotations

from collections.abc import Mapping
from .i18n import _

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

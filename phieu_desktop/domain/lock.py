"""What must hold before the count can be locked: one review, item by item.

The committee reads it in the window's lock step, `phieu lock` and `phieu status` give its open items, the store
refuses the lock with them, and replaying the log applies it again at the lock entry. `lock_blockers` is derived
from it, never a second list: the lock is allowed exactly when no item is open.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import _
from .progress import Progress, entry_summary
from .rules import RULES_VERSION
from .session import (
    VoterGroup,
    attendance_groups,
    attendance_problems,
    committee_problems,
    count_problems,
    paper_group,
    quorum_met,
    quorum_shortfall,
    size_problems,
)


@dataclass(frozen=True)
class ReviewItem:
    """One line of the lock review.

    `problems` are the reasons it holds the lock (empty when it is met); `optional` marks what was not done and
    need not be (a verification pass never started): its `ok` is None.
    """

    text: str
    problems: tuple[str, ...] = ()
    optional: bool = False

    @property
    def ok(self) -> bool | None:
        if self.problems:
            return False
        return None if self.optional else True

    @property
    def open(self) -> bool:
        """This item holds the lock."""
        return bool(self.problems)


def lock_review(progress: Progress, rules: int = RULES_VERSION) -> list[ReviewItem]:
    """Every rule of the lock, in the order the committee reads them.

    `rules` is the rule set the file was written under (see `domain.rules`): a file of the first one is not held
    to the committee's head or to the limits on sizes and texts when its log is replayed.
    """
    s = progress.session
    items: list[ReviewItem] = []
    if rules >= RULES_VERSION:  # shown only when something is wrong: a file an older program wrote may hold it
        sizes = size_problems(s)
        if sizes:
            items.append(ReviewItem(_("Dữ liệu hội nghị trong giới hạn chương trình nhận."), tuple(sizes)))
    for group in attendance_groups(s):
        items += _attendance_items(group, bool(s.groups))
    counts = []
    for paper in s.papers:
        if paper.issued is None or paper.returned is None:
            counts.append(_("Phiếu “{title}”: chưa ghi số phiếu phát ra và thu về.").format(title=paper.title))
            continue
        group = paper_group(s, paper)
        counts += count_problems(paper, paper.issued, paper.returned, group.present_at_vote)
        if paper.issued > group.summoned:
            counts.append(_("Phiếu “{title}”: số phiếu phát ra ({issued}) lớn hơn số người được triệu tập "
                            "({summoned}).").format(title=paper.title, issued=paper.issued, summoned=group.summoned))
    items.append(ReviewItem(_("Đã ghi số phiếu phát ra và thu về của mọi loại phiếu (thu về ≤ phát ra ≤ có mặt "
                              "khi bỏ phiếu)."), tuple(counts)))
    entered = []
    for paper in s.papers:
        count = progress.entered.get(paper.key, 0)
        if paper.returned is None:
            if count:
                entered.append(_("Phiếu “{title}”: đã nhập {entered} phiếu khi chưa ghi số phiếu thu về.").format(
                    title=paper.title, entered=count))
        elif count != paper.returned:
            entered.append(_("Phiếu “{title}”: đã nhập {entered} phiếu, số phiếu thu về là {returned}.").format(
                title=paper.title, entered=count, returned=paper.returned))
    if not entered and any(p.returned is None for p in s.papers):
        entered.append(_("Chưa ghi số phiếu thu về của mọi loại phiếu."))
    items.append(ReviewItem(_("Số phiếu đã nhập bằng số phiếu thu về: {detail}.").format(
        detail=entry_summary(s, progress.entered)), tuple(entered)))
    started = progress.verification_started
    items.append(ReviewItem(_("Kiểm tra lại (nhập lần 2): mọi khác biệt đã được quyết định.") if started else
                            _("Kiểm tra lại (nhập lần 2): không thực hiện."),
                            tuple(progress.verification_blockers), optional=not started))
    committee = committee_problems(s.committee, complete=True)
    if rules < RULES_VERSION and s.committee:
        committee = []
    items.append(ReviewItem(_("Ban kiểm phiếu: {names}.").format(
        names=", ".join(f"{m.name} ({m.role})" for m in s.committee) or "—"), tuple(committee)))
    return items


def _attendance_items(group: VoterGroup, named: bool) -> list[ReviewItem]:
    """The quorum and the attendance at the vote of one voter group (the whole meeting without groups)."""
    prefix = _("Thành phần “{name}”: ").format(name=group.name) if named else ""
    present = []
    if group.present is None:
        present.append(prefix + _("Chưa ghi nhận số người có mặt."))
    else:
        present += [prefix + p for p in attendance_problems(group.summoned, group.present, None)]
        if not quorum_met(group.summoned, group.present):
            present.append(prefix + _("Chưa đủ 2/3 số người được triệu tập có mặt (có mặt {present}/{summoned}, còn "
                                      "thiếu {missing} người).").format(
                present=group.present, summoned=group.summoned,
                missing=quorum_shortfall(group.summoned, group.present)))
    at_vote = []
    if group.present_at_vote is None:
        at_vote.append(prefix + _("Chưa ghi nhận số người có mặt khi bỏ phiếu."))
    elif group.present is not None:
        at_vote += [prefix + p for p in attendance_problems(group.summoned, group.present, group.present_at_vote)]
    return [ReviewItem(prefix + _("Đủ 2/3 số người được triệu tập có mặt ({p}/{n}).").format(
                p=group.present if group.present is not None else "—", n=group.summoned), tuple(present)),
            ReviewItem(prefix + _("Đã ghi số người có mặt khi bỏ phiếu ({n}).").format(
                n=group.present_at_vote if group.present_at_vote is not None else "—"), tuple(dict.fromkeys(at_vote)))]


def lock_blockers(progress: Progress, rules: int = RULES_VERSION) -> list[str]:
    """Every reason the count cannot be locked yet, in Vietnamese (the open items' problems); empty when it can."""
    return [problem for item in lock_review(progress, rules) for problem in item.problems]


__all__ = ["ReviewItem", "lock_blockers", "lock_review"]

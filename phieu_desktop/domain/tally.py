"""Validity per person and the count: results, percentages half-up, bands in exact integers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from .errors import PhieuError
from .i18n import _
from .marks import CROSSED_OUT, NO_MARK, NOT_ISSUED
from .regime import CrossedOutRuling, Denominator, Level, Regime
from .session import Session, VoterGroup, groups_quorum_met, paper_group, quorum_met


class Band(str, Enum):
    """Where the adverse share puts a person (low, or no-confidence for nq96-bpt)."""

    NONE = "none"
    OVER_HALF = "over_half"  # adverse*2 > D and (for three levels) adverse*3 < 2*D
    TWO_THIRDS = "two_thirds"  # adverse*3 >= 2*D (three-level regimes only)

    def explanation(self, regime: Regime) -> str:
        if self is Band.NONE:
            return ""
        if regime is Regime.NQ96_BPT:
            return _("Quá nửa tổng số phiếu không tín nhiệm: cơ quan có thẩm quyền trình miễn nhiệm, bãi nhiệm "
                     "hoặc phê chuẩn miễn nhiệm.")
        if self is Band.OVER_HALF:
            if regime is Regime.NQ96:
                return _("Trên 1/2 đến dưới 2/3 tín nhiệm thấp: có thể xin từ chức; nếu không, bỏ phiếu tín nhiệm.")
            return _("Trên 1/2 đến dưới 2/3 tín nhiệm thấp: không quy hoạch, bổ nhiệm chức vụ cao hơn; có thể "
                     "xem xét cho thôi giữ chức vụ, cho từ chức hoặc bỏ phiếu tín nhiệm.")
        if regime is Regime.NQ96:
            return _("Từ 2/3 trở lên tín nhiệm thấp: trình cấp có thẩm quyền miễn nhiệm.")
        return _("Từ 2/3 trở lên tín nhiệm thấp: cho thôi giữ chức vụ (miễn nhiệm) không chờ hết nhiệm kỳ.")

    @property
    def label(self) -> str:
        return {Band.NONE: "", Band.OVER_HALF: _("Trên 1/2"), Band.TWO_THIRDS: _("Từ 2/3 trở lên")}[self]

    def label_in(self, regime: Regime) -> str:
        """The short label where regimes are mixed (the consolidated report): no-confidence says what it counts."""
        if self is not Band.NONE and regime is Regime.NQ96_BPT:
            return _("Quá 1/2 không tín nhiệm")
        return self.label


def band_for(adverse: int, denominator: int | None, regime: Regime) -> Band:
    """Exact integer thresholds; exactly one half is not over half, 20 of 30 is two thirds."""
    if not denominator:
        return Band.NONE
    if regime is not Regime.NQ96_BPT and adverse * 3 >= 2 * denominator:
        return Band.TWO_THIRDS
    if adverse * 2 > denominator:
        return Band.OVER_HALF
    return Band.NONE


def percent_hundredths(count: int, denominator: int) -> int:
    """count/denominator as a percentage in hundredths, rounded half-up on the exact value."""
    return (count * 20000 + denominator) // (2 * denominator)


def format_percent(count: int, denominator: int | None) -> str | None:
    """'66,67' for 20/30; None when there is no denominator yet."""
    if not denominator:
        return None
    hundredths = percent_hundredths(count, denominator)
    return f"{hundredths // 100},{hundredths % 100:02d}"


def ballot_outcomes(marks: str, regime: Regime, ruling: CrossedOutRuling, width: int) -> list[Level | None]:
    """What one ballot gives each person: their level, or None where it is invalid for that person."""
    if marks == NOT_ISSUED or (ruling is CrossedOutRuling.BALLOT and CROSSED_OUT in marks):
        return [None] * width
    levels = {level.code: level for level in regime.levels}
    return [levels.get(code) for code in marks]


def outcome(marks: str, index: int, regime: Regime, ruling: CrossedOutRuling) -> Level | None:
    """The level this ballot gives person `index` (0-based), or None when it is invalid for that person."""
    return ballot_outcomes(marks, regime, ruling, index + 1)[index]


@dataclass(frozen=True)
class PersonResult:
    order: int
    name: str
    position: str
    valid: int
    invalid: int
    counts: dict[str, int]  # level key -> count, in the regime's level order
    denominator: int | None
    band: Band

    def percent(self, key: str) -> str | None:
        return format_percent(self.counts[key], self.denominator)

    def fraction(self, key: str) -> Fraction | None:
        return Fraction(self.counts[key], self.denominator) if self.denominator else None

    def share(self, key: str) -> str | None:
        """The exact share as printed next to a percentage, unreduced ("25/47"); None without a denominator."""
        return f"{self.counts[key]}/{self.denominator}" if self.denominator else None


@dataclass(frozen=True)
class PaperResult:
    key: str
    title: str
    issued: int | None
    returned: int | None
    entered: int
    basis: Denominator
    denominator: int | None
    persons: tuple[PersonResult, ...]
    group: str = ""  # the voter group's key ("" without groups)
    not_issued: int = 0  # ballots not issued by the committee (invalid for everyone)
    blank: int = 0  # blank ballots: no box marked for anyone (invalid for everyone, still returned)


@dataclass(frozen=True)
class GroupResult:
    """One voter group's attendance and its own 2/3 quorum."""

    key: str
    name: str
    summoned: int
    present: int | None
    present_at_vote: int | None
    quorum_met: bool


def group_result(group: VoterGroup) -> GroupResult:
    return GroupResult(group.key, group.name, group.summoned, group.present, group.present_at_vote,
                       quorum_met(group.summoned, group.present))


@dataclass(frozen=True)
class SessionResult:
    regime: Regime
    summoned: int
    present: int | None
    present_at_vote: int | None
    quorum_met: bool
    locked: bool
    fingerprint: str | None
    papers: tuple[PaperResult, ...]
    groups: tuple[GroupResult, ...] = ()  # the voter groups; empty: the whole meeting votes every paper

    def attendance(self) -> tuple[GroupResult, ...]:
        """Each group's attendance, or the whole meeting's as the one group (key "") without groups."""
        return self.groups or (GroupResult("", "", self.summoned, self.present, self.present_at_vote,
                                           self.quorum_met),)

    def paper_attendance(self, paper: PaperResult) -> GroupResult:
        return next((g for g in self.attendance() if g.key == paper.group or not self.groups), self.attendance()[0])


def denominator_value(session: Session, basis: Denominator, issued: int | None, returned: int | None,
                      summoned: int | None = None) -> int | None:
    """The denominator of a paper's percentages; `summoned` is its voter group's (the session's without groups)."""
    if basis is Denominator.RETURNED:
        return returned
    if basis is Denominator.ISSUED:
        return issued
    return session.summoned if summoned is None else summoned


def tally(session: Session, ballots: Mapping[str, Sequence[str]], locked: bool = False,
          fingerprint: str | None = None) -> SessionResult:
    """Count every paper: `ballots[key]` is the marks of each entered ballot of that paper, in entry order."""
    papers = []
    for paper in session.papers:
        entered = list(ballots.get(paper.key, ()))
        denominator = denominator_value(session, session.denominator, paper.issued, paper.returned,
                                        paper_group(session, paper).summoned)
        width = len(paper.persons)
        counts = [{level.key: 0 for level in session.regime.levels} for _ in range(width)]
        invalid = [0] * width
        for number, marks in enumerate(entered, start=1):
            if marks != NOT_ISSUED and len(marks) != width:  # only a file changed outside the program holds it
                raise PhieuError(_("Phiếu “{title}”, phiếu thứ {number}: có {n} mã nhưng phiếu có {width} người "
                                   "(tệp bị sửa ngoài chương trình); không tính.").format(
                    title=paper.title, number=number, n=len(marks), width=width))
            for index, level in enumerate(ballot_outcomes(marks, session.regime, session.crossed_out, width)):
                if level is None:
                    invalid[index] += 1
                else:
                    counts[index][level.key] += 1
        adverse = session.regime.adverse.key
        persons = [
            PersonResult(order=index + 1, name=person.name, position=person.position,
                         valid=len(entered) - invalid[index], invalid=invalid[index], counts=counts[index],
                         denominator=denominator,
                         band=band_for(counts[index][adverse], denominator, session.regime))
            for index, person in enumerate(paper.persons)
        ]
        papers.append(PaperResult(
            key=paper.key, title=paper.title, issued=paper.issued, returned=paper.returned, entered=len(entered),
            basis=session.denominator, denominator=denominator, persons=tuple(persons), group=paper.group,
            not_issued=sum(1 for marks in entered if marks == NOT_ISSUED),
            blank=sum(1 for marks in entered if marks and set(marks) == {NO_MARK})))
    return SessionResult(
        regime=session.regime, summoned=session.summoned, present=session.present,
        present_at_vote=session.present_at_vote, quorum_met=groups_quorum_met(session),
        locked=locked, fingerprint=fingerprint, papers=tuple(papers),
        groups=tuple(group_result(g) for g in session.groups))


def result_to_json(result: SessionResult) -> dict:
    """The `phieu results --json` contract (with voter groups: "groups", and each paper's "group")."""
    data = {
        "regime": result.regime.value,
        "quorum": {"summoned": result.summoned, "present": result.present,
                   "present_at_vote": result.present_at_vote, "met": result.quorum_met},
        "locked": result.locked,
        "fingerprint": result.fingerprint,
        "ballots": [
            {
                "key": paper.key, "title": paper.title, "issued": paper.issued, "returned": paper.returned,
                "entered": paper.entered,
                "denominator": {"basis": paper.basis.value, "value": paper.denominator},
                "persons": [
                    {
                        "order": person.order, "name": person.name, "position": person.position,
                        "valid": person.valid, "invalid": person.invalid,
                        "counts": dict(person.counts),
                        "percent": {key: person.percent(key) for key in person.counts},
                        "band": person.band.value,
                    }
                    for person in paper.persons
                ],
            }
            for paper in result.papers
        ],
    }
    if result.groups:
        data["groups"] = [{"key": g.key, "name": g.name, "summoned": g.summoned, "present": g.present,
                           "present_at_vote": g.present_at_vote, "met": g.quorum_met} for g in result.groups]
        for paper, item in zip(result.papers, data["ballots"], strict=True):
            item["group"] = paper.group
    return data

"""The higher level's paper check: a group of the fingerprint typed from the paper minutes that came by post.

A file sent up proves nothing about who sent it (age authenticates nobody); the paper minutes, signed and stamped,
carry the same fingerprint. A unit whose package carries the unit's own digital signature, intact and chained to a
trusted root (`origin_verified`), needs no paper check: the signature says who sent it. The consolidated report
holds the units vouched for either way; every other file is listed with its reason. The window
(`ui/consolidation.py`) and `phieu consolidate --check` both decide with `report_consolidation`, so the same inputs
give the same report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.seal import FINGERPRINT_GROUPS, fingerprint_group_matches, paper_matches, pick_group
from .consolidate import Consolidation, Consolidator, FileProblem
from .intake import Unit


@dataclass
class PaperCheck:
    """The paper check of one unit's file: the group asked for, the groups typed that did not match, the outcome."""

    fingerprint: str
    group: int | None = None  # 1-based; None: any group, or the whole fingerprint
    confirmed: bool = False
    mismatches: list[str] = field(default_factory=list)

    @classmethod
    def asking_one_group(cls, fingerprint: str) -> PaperCheck:
        """The window's check: one group named at random."""
        return cls(fingerprint, pick_group(fingerprint))

    def check(self, typed: str) -> bool:
        """Compare what was typed from the paper; a mismatch is kept (the user may look again and retype)."""
        if paper_matches(self.fingerprint, typed, self.group):
            self.confirmed = True
            return True
        self.mismatches.append(typed.strip())
        return False


def not_checked_reason() -> str:
    return _("chưa đối chiếu với biên bản giấy; chưa đưa vào tổng hợp")


def vouched_for(unit: Unit, matched: set[str]) -> bool:
    """The unit may enter the report: its paper check matched, or its signature alone vouches for the sender."""
    return unit.fingerprint in matched or unit.origin_verified


def report_consolidation(consolidation: Consolidation, checks: Iterable[PaperCheck]) -> Consolidation:
    """What the consolidated report holds: the units whose paper check matched or whose trusted signature vouches
    for them, in the order added; every other file listed with its reason (refused ones first, then those not yet
    checked)."""
    matched = {check.fingerprint for check in checks if check.confirmed}
    confirmed = [u for u in consolidation.units if vouched_for(u, matched)]
    waiting = [FileProblem(u.source, not_checked_reason()) for u in consolidation.units
               if not vouched_for(u, matched)]
    return Consolidation(units=confirmed, problems=list(consolidation.problems) + waiting)


def parse_check(text: str) -> tuple[str, int | None, str]:
    """`phieu consolidate --check FILE=GROUP`: (the file as named, group or None, what was typed).

    GROUP is the whole fingerprint (2B0C-03D8-A27C-3B61-D1ED-A472), one group with its place (3:A27C), or one group
    alone (A27C, matched against any group).
    """
    unit, sep, typed = text.partition("=")
    unit, typed = unit.strip(), typed.strip()
    if not sep or not unit or not typed:
        raise PhieuError(_("--check “{text}”: cần dạng TỆP=NHÓM, ví dụ so-y-te.phieux=3:A27C.").format(text=text))
    group: int | None = None
    place, colon, rest = typed.partition(":")
    if colon:
        if not place.strip().isdigit() or not 1 <= int(place) <= FINGERPRINT_GROUPS:
            raise PhieuError(_("--check “{text}”: số thứ tự nhóm phải từ 1 đến {n}.").format(
                text=text, n=FINGERPRINT_GROUPS))
        group, typed = int(place), rest.strip()
    length = len("".join(ch for ch in typed if ch.isalnum()))
    if length != 4 and not (group is None and length == 4 * FINGERPRINT_GROUPS):
        raise PhieuError(_("--check “{text}”: một nhóm gồm 4 ký tự, hoặc cả mã niêm phong {n} nhóm.").format(
            text=text, n=FINGERPRINT_GROUPS))
    return unit.replace("\\", "/"), group, typed


def apply_checks(consolidator: Consolidator, typed: list[str]) -> dict[str, PaperCheck]:
    """The command line's paper checks: each `FILE=GROUP` compared; a mismatch refuses that file with the reason
    (there is no retyping on a command line). A file named by no input is refused as a usage error."""
    checks: dict[str, PaperCheck] = {}
    for text in typed:
        named, group, value = parse_check(text)
        source = consolidator.source_of(named)
        if source is None:
            several = sum(1 for g in consolidator.given if g.rsplit("/", 1)[-1] == named.rsplit("/", 1)[-1]) > 1
            if several:
                raise PhieuError(_("--check “{text}”: có nhiều tệp tên “{name}”; hãy ghi cả đường dẫn như khi đưa "
                                   "tệp vào.").format(text=text, name=named.rsplit("/", 1)[-1]))
            source = named.rsplit("/", 1)[-1]
        unit = next((u for u in consolidator.units if u.source == source), None)
        if unit is None:
            if any(p.source == source for p in consolidator.problems):
                continue  # refused already, for its own reason
            raise PhieuError(_("--check “{text}”: không có tệp “{name}” trong các tệp đã cho.").format(
                text=text, name=source))
        check = checks.setdefault(source, PaperCheck(unit.fingerprint, group))
        check.group = group
        if not check.check(value):
            consolidator.confirm_paper(source, value, group)  # takes the unit out, says why
    return checks


__all__ = ["PaperCheck", "apply_checks", "fingerprint_group_matches", "not_checked_reason", "paper_matches",
           "parse_check", "pick_group", "report_consolidation", "vouched_for"]

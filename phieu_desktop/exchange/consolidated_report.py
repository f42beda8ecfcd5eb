"""The consolidated table: one row per unit, ballot paper and person; same names side by side; band summary.

Plain data for the JSON, Excel and PDF writers and for the window's table model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from .. import __version__
from ..domain.i18n import _
from ..domain.regime import CONFIDENCE, HIGH, LOW, NO_CONFIDENCE, Level
from ..domain.session import quorum_met
from ..domain.tally import Band, percent_hundredths, result_to_json
from .consolidate import Consolidation
from .intake import Unit

LEVEL_ORDER = (HIGH, CONFIDENCE, LOW, NO_CONFIDENCE)


@dataclass(frozen=True)
class Row:
    unit: Unit
    paper_key: str
    paper_title: str
    order: int
    name: str
    position: str
    issued: int | None
    returned: int | None
    denominator: int | None
    valid: int
    invalid: int
    counts: dict[str, int]
    band: Band

    def hundredths(self, key: str) -> int | None:
        """The official percentage in hundredths (half-up), or None without a denominator or this level."""
        if key not in self.counts or not self.denominator:
            return None
        return percent_hundredths(self.counts[key], self.denominator)

    def percent_text(self, key: str) -> str:
        value = self.hundredths(key)
        return "" if value is None else f"{value // 100},{value % 100:02d}%"

    @property
    def band_label(self) -> str:
        return self.band.label_in(self.unit.regime)


def rows(units: list[Unit]) -> list[Row]:
    out = []
    for unit in units:
        for paper in unit.result.papers:
            for person in paper.persons:
                out.append(Row(unit=unit, paper_key=paper.key, paper_title=paper.title, order=person.order,
                               name=person.name, position=person.position, issued=paper.issued,
                               returned=paper.returned, denominator=paper.denominator, valid=person.valid,
                               invalid=person.invalid, counts=dict(person.counts), band=person.band))
    return out


@dataclass(frozen=True)
class Attendance:
    """One line of a unit's attendance: the whole meeting, or one voter group (thành phần ghi phiếu) with its own
    summoned / present / present at the vote and its own 2/3."""

    name: str  # the group's name; the whole meeting: "Toàn thể hội nghị"
    summoned: int
    present: int | None
    present_at_vote: int | None
    quorum: bool
    papers: tuple[str, ...]  # the titles of the papers these voters vote
    group: bool  # a voter group (False: the whole meeting)


def attendance(unit: Unit) -> list[Attendance]:
    """The unit's attendance as sealed: the whole meeting, then (a session with voter groups) each group's own."""
    result = unit.result
    whole = Attendance(_("Toàn thể hội nghị"), result.summoned, result.present, result.present_at_vote,
                       quorum_met(result.summoned, result.present),
                       tuple(p.title for p in result.papers if not result.groups), False)
    return [whole] + [Attendance(g.name, g.summoned, g.present, g.present_at_vote, g.quorum_met,
                                 tuple(p.title for p in result.papers if p.group == g.key), True)
                      for g in result.groups]


def paper_group_name(unit: Unit, paper_group: str) -> str:
    """The name of the voter group voting a paper; "" in a session without groups."""
    return next((g.name for g in unit.result.groups if g.key == paper_group), "") if paper_group else ""


def levels(units: list[Unit]) -> list[Level]:
    """The level columns the table needs: those of every regime present, in one fixed order."""
    keys = {level.key for unit in units for level in unit.regime.levels}
    return [level for level in LEVEL_ORDER if level.key in keys]


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def same_name_groups(table: list[Row]) -> list[list[Row]]:
    """Rows whose person has the same name in two or more units, each place kept as its own row. Namesakes of one
    unit (on one paper or two) are never "two places": a unit holding the name more than once is left out of it."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in table:
        groups[name_key(row.name)].append(row)
    found = []
    for group in groups.values():
        per_unit: dict[int, int] = defaultdict(int)
        for row in group:
            per_unit[id(row.unit)] += 1
        kept = [row for row in group if per_unit[id(row.unit)] == 1]
        if len(kept) > 1:
            found.append(kept)
    return found


@dataclass(frozen=True)
class BandSummary:
    over_half: list[Row]
    two_thirds: list[Row]
    persons: int  # rows counted (a person rated in two places counts twice)


def band_summary(table: list[Row]) -> BandSummary:
    return BandSummary(over_half=[r for r in table if r.band is Band.OVER_HALF],
                       two_thirds=[r for r in table if r.band is Band.TWO_THIRDS], persons=len(table))


def _place(row: Row) -> dict:
    return {"organization": row.unit.organization, "fingerprint": row.unit.fingerprint, "source": row.unit.source,
            "ballot": row.paper_key, "order": row.order, "position": row.position,
            "counts": dict(row.counts), "percent": {k: row.percent_text(k).rstrip("%") or None for k in row.counts},
            "band": row.band.value}


def consolidation_to_json(consolidation: Consolidation) -> dict:
    """The `phieu consolidate --json` contract."""
    units = consolidation.units
    table = rows(units)
    summary = band_summary(table)
    return {
        "format": "phieu-consolidation",
        "version": 1,
        "program": __version__,
        "generated_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "units": [
            {"source": u.source, "organization": u.organization, "parent": u.parent, "title": u.title,
             "place": u.place, "date": u.date.isoformat(), "fingerprint": u.fingerprint,
             "with_minutes": u.with_minutes, "signature": u.signature.to_json() if u.signature else None,
             "hidden_text": list(getattr(u, "hidden_text", ())),
             "origin": "signed" if u.origin_verified else "paper-check-only", "results": result_to_json(u.result)}
            for u in units
        ],
        "same_name": [{"name": group[0].name, "places": [_place(r) for r in group]}
                      for group in same_name_groups(table)],
        "bands": {"persons": summary.persons, "over_half": len(summary.over_half),
                  "two_thirds": len(summary.two_thirds),
                  "over_half_places": [_place(r) | {"name": r.name} for r in summary.over_half],
                  "two_thirds_places": [_place(r) | {"name": r.name} for r in summary.two_thirds]},
        "problems": [{"file": p.source, "reason": p.reason} for p in consolidation.problems],
    }

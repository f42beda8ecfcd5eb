"""The board's consolidated report, as data: what the official PDF and the Excel both print, from the same figures.

Per unit: attendance and quorum as sealed in its file, and each person's result with the regime's own bands;
persons rated in two places side by side (never merged, never namesakes of one unit); the units not received or not
yet vouched for; the issuing body's details from the board file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.board import Dashboard, Place, RosterUnit, UnitStatus, dashboard, two_places
from ..domain.regime import Header
from ..domain.work import SILENT, Ticker
from ..store.board_file import BoardFile
from .board_intake import units_for_report
from .consolidated_report import Row, levels, rows
from .intake import Unit


@dataclass(frozen=True)
class ReportedUnit:
    roster: RosterUnit
    unit: Unit
    signed: bool

    @property
    def quorum(self) -> bool:
        return self.unit.result.quorum_met  # with voter groups: every group its own 2/3


@dataclass(frozen=True)
class BoardReport:
    info: dict[str, str]
    today: date
    status: Dashboard
    units: list[ReportedUnit]
    rows: list[Row]
    two_places: list[list[Row]]  # same name and position in different units: one person, each place on its own
    namesakes: list[list[Row]]  # same name in different units, different positions: the higher level decides

    @property
    def header(self) -> Header:
        return Header(self.info.get("header") or Header.STATE.value)

    @property
    def missing(self) -> list[UnitStatus]:
        return self.status.not_reported

    def unit_rows(self, reported: ReportedUnit) -> list[Row]:
        if not hasattr(self, "_by_unit"):  # once: a board of 10,000 units has 150,000 rows
            by_unit: dict[int, list[Row]] = {}
            for row in self.rows:
                by_unit.setdefault(id(row.unit), []).append(row)
            object.__setattr__(self, "_by_unit", by_unit)
        return self._by_unit.get(id(reported.unit), [])

    @property
    def levels(self):
        return levels([u.unit for u in self.units])

    @property
    def adverse_rows(self) -> list[Row]:
        return [r for r in self.rows if r.band.value != "none"]


def build_report(board: BoardFile, today: date | None = None, ticker: Ticker = SILENT) -> BoardReport:
    today = today or date.today()
    ticker.step(0, None, "")
    pairs = units_for_report(board)
    receipts = board.receipts()
    reported = [ReportedUnit(r, u, receipts[r.identity].signed) for r, u in pairs]
    table = rows([u.unit for u in reported])
    ticker.check()
    identity = {id(u.unit): u.roster.identity for u in reported}
    places = [Place(identity[id(r.unit)], r.paper_key, r.name, r.position) for r in table]
    both, namesakes = [], []
    for indices, certain in two_places(places):
        (both if certain else namesakes).append([table[i] for i in indices])
    status = dashboard(board.roster(), receipts, board.deadline(), today)
    return BoardReport(board.info(), today, status, reported, table, both, namesakes)


__all__ = ["BoardReport", "ReportedUnit", "build_report"]

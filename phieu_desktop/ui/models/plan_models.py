"""Table models of the plan view: the milestones, and the dossier of each person."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.i18n import _
from ...domain.plan import Milestone, PlanFacts, Status

STATUS_COLOURS = {Status.LATE: "#B00020", Status.DONE_LATE: "#8A5A00", Status.DUE: "#8A5A00",
                  Status.DONE: "#1B6E20", Status.UPCOMING: "#444444"}


def short(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


class RowsModel(QAbstractTableModel):
    """Read-only rows of text, with an optional colour per row."""

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[str]] = []
        self.colours: list[str | None] = []
        self.tips: list[str] = []

    def set_rows(self, rows: list[list[str]], colours: list[str | None] | None = None,
                 tips: list[str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.colours = colours or [None] * len(rows)
        self.tips = tips or [""] * len(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self.colours[index.row()]:
            return QBrush(QColor(self.colours[index.row()]))
        if role == Qt.ItemDataRole.ToolTipRole and self.tips[index.row()]:
            return self.tips[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt name)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


def milestone_rows(milestones: list[Milestone]) -> tuple[list[list[str]], list[str | None], list[str]]:
    rows = [[short(m.due), m.text, m.status.label, short(m.done), m.source] for m in milestones]
    return rows, [STATUS_COLOURS[m.status] for m in milestones], [m.source for m in milestones]


def dossier_rows(persons: list[tuple[str, str]], facts: PlanFacts) -> list[list[str]]:
    rows = []
    for key, name in persons:
        asked = [q for q in facts.questions.values() if q.person == key]
        unsent = sum(1 for q in asked if q.sent is None)
        questions = "" if not asked else (_("{n} ({unsent} chưa chuyển)").format(n=len(asked), unsent=unsent)
                                          if unsent else str(len(asked)))
        rows.append([name, key, *(short(facts.dossier.get(f"{key}/{n}")) for n in (1, 2, 3)), questions,
                     short(facts.explanations.get(key))])
    return rows

"""The ballots already committed (for corrections) and the differences of the verification pass."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.entry import mark_text, marks_text
from ...domain.marks import NOT_ISSUED
from ...domain.regime import Regime
from ...domain.session import Person
from ...domain.verification import Difference

Index = QModelIndex | QPersistentModelIndex


class CommittedModel(QAbstractTableModel):
    """Number and marks of every committed ballot of one paper, as the keys that were typed."""

    def __init__(self, regime: Regime, parent=None) -> None:
        super().__init__(parent)
        self.regime = regime
        self.rows: list[tuple[int, str]] = []

    def set_rows(self, rows: list[tuple[int, str]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def number(self, row: int) -> int:
        return self.rows[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.tr("Số") if section == 0 else self.tr("Dấu trên phiếu")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        number, marks = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return str(number)
            if marks == NOT_ISSUED:
                return mark_text(NOT_ISSUED)
            return marks_text(marks)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DifferencesModel(QAbstractTableModel):
    """Each differing row of each differing ballot, the two entries side by side."""

    def __init__(self, persons: tuple[Person, ...], parent=None) -> None:
        super().__init__(parent)
        self.persons = persons
        self.rows: list[tuple[Difference, int]] = []

    def set_differences(self, found: list[Difference]) -> None:
        self.beginResetModel()
        self.rows = [(d, person) for d in found for person in d.persons]
        self.endResetModel()

    def difference(self, row: int) -> Difference:
        return self.rows[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return [self.tr("Phiếu số"), self.tr("Người được lấy phiếu"), self.tr("Lần nhập 1"),
                self.tr("Lần nhập 2")][section]

    @staticmethod
    def _mark(marks: str, person: int) -> str:
        return mark_text(NOT_ISSUED if marks == NOT_ISSUED else marks[person])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        diff, person = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(diff.number)
            if col == 1:
                return f"{person + 1}. {self.persons[person].name}"
            return self._mark(diff.first if col == 2 else diff.second, person)
        if role == Qt.ItemDataRole.BackgroundRole and col >= 2:
            return QBrush(QColor("#FFE9A8"))
        return None

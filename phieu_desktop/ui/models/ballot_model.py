"""The entry grid: the paper ballot on screen, rows persons, columns levels, plus the last ballot read back."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.entry import BallotDraft, key_map, mark_text
from ...domain.i18n import _
from ...domain.marks import NOT_ISSUED
from ...domain.regime import Regime
from ...domain.session import Person

CURSOR = QColor("#FFF3B0")


def foreign_text() -> str:
    """A whole ballot not issued by the committee, in one cell (the status line and the tool tip say it in full)."""
    return _("Phiếu lạ")
CHOSEN = QColor("#1E4E8C")
INVALID = QColor("#F6D5D5")
NOT_ISSUED_BG = QColor("#E8E8E8")

Index = QModelIndex | QPersistentModelIndex


class BallotModel(QAbstractTableModel):
    def __init__(self, regime: Regime, persons: tuple[Person, ...], parent=None) -> None:
        super().__init__(parent)
        self.regime = regime
        self.persons = persons
        self.levels = regime.levels
        self.draft = BallotDraft(len(persons), key_map(regime))
        self.previous: str | None = None
        self.previous_number: int | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._mark = QFont()
        self._mark.setBold(True)
        self._mark.setPointSize(15)
        self._first_level = 2
        self._invalid_col = self._first_level + len(self.levels)
        self._previous_col = self._invalid_col + 1

    # --- the draft ---

    def press(self, ch: str) -> bool:
        rows = self.draft.press(ch)
        self._rows_changed(rows)
        return bool(rows)

    def back(self) -> None:
        self._rows_changed(self.draft.back())

    def move(self, delta: int) -> None:
        self._rows_changed(self.draft.move(delta))

    def clear(self) -> None:
        self._rows_changed(self.draft.clear())

    def committed(self, number: int, marks: str) -> None:
        """The draft was written as ballot `number`: show it for read-back and start an empty one."""
        self.previous, self.previous_number = marks, number
        self.draft.clear()
        self._rows_changed(list(range(len(self.persons))), all_columns=True)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, self._previous_col, self._previous_col)

    def reread(self, number: int, marks: str | None) -> None:
        """Ballot `number` was corrected (or removed: None): the read-back shows what the file now keeps."""
        if self.previous_number != number:
            return
        self.previous = marks
        if marks is None:
            self.previous_number = None
        self._rows_changed(list(range(len(self.persons))), all_columns=True)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, self._previous_col, self._previous_col)

    def _rows_changed(self, rows: list[int], all_columns: bool = False) -> None:
        if not rows:
            return
        last = self.columnCount() - 1 if all_columns else self._invalid_col
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))

    # --- Qt ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.persons)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._previous_col + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == 0:
            return self.tr("Họ và tên")
        if section == 1:
            return self.tr("Chức vụ")
        if section < self._invalid_col:
            number = section - self._first_level + 1
            code = self.levels[section - self._first_level].code
            return f"{code} · {number}\n{mark_text(code)}"  # the letter (as on paper) and the keypad's digit
        if section == self._invalid_col:
            return self.tr("0 · M/9 · X\nKhông hợp lệ")
        if self.previous_number is None:
            return self.tr("Phiếu vừa ghi\n(đọc lại)")
        return self.tr("Phiếu vừa ghi\n(số {n})").format(n=self.previous_number)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        draft = self.draft
        mark = draft.marks[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.persons[row].name
            if col == 1:
                return self.persons[row].position
            if col < self._invalid_col:
                return "✕" if mark == self.levels[col - self._first_level].code else ""
            if col == self._invalid_col:
                if draft.not_issued:
                    return foreign_text()
                return "" if mark is None or any(mark == lv.code for lv in self.levels) else mark_text(mark)
            if self.previous is None:
                return ""
            return foreign_text() if self.previous == NOT_ISSUED else mark_text(self.previous[row])
        if role == Qt.ItemDataRole.ToolTipRole and col >= self._invalid_col and (
                draft.not_issued if col == self._invalid_col else self.previous == NOT_ISSUED):
            return mark_text(NOT_ISSUED)  # the cell's short word in full
        if role == Qt.ItemDataRole.TextAlignmentRole:
            left = col < 2 or col == self._previous_col
            return int(Qt.AlignmentFlag.AlignVCenter
                       | (Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignCenter))
        if role == Qt.ItemDataRole.BackgroundRole:
            if draft.not_issued and col < self._previous_col:
                return QBrush(NOT_ISSUED_BG)
            if self._first_level <= col < self._invalid_col and mark == self.levels[col - self._first_level].code:
                return QBrush(CHOSEN)
            if col == self._invalid_col and mark is not None and not any(mark == lv.code for lv in self.levels):
                return QBrush(INVALID)
            if row == draft.cursor and col < self._previous_col:
                return QBrush(CURSOR)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._first_level <= col < self._invalid_col and mark == self.levels[col - self._first_level].code:
                return QBrush(QColor("white"))
            return None
        if role == Qt.ItemDataRole.FontRole:
            if self._first_level <= col < self._invalid_col and mark is not None:
                return self._mark
            if col == self._previous_col:
                return None  # the read-back stays plain: its column is sized for plain text
            if row == draft.cursor or (self._first_level <= col <= self._invalid_col and mark is not None):
                return self._bold
            return None
        return None

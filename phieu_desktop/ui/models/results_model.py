"""The results of one ballot paper: per person, counts and percentages of each level, the band highlighted."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.regime import Regime
from ...domain.tally import Band, PaperResult, format_percent

BAND_COLOURS = {Band.OVER_HALF: QColor("#FFD8A8"), Band.TWO_THIRDS: QColor("#F5A3A3")}

Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractTableModel):
    """`compact` (the projector) leaves out the position and the valid count; its invalid column, after the levels,
    has a percentage too, so that each row adds up to 100 % when the percentages are taken on the ballots cast."""

    def __init__(self, regime: Regime, compact: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.regime = regime
        self.compact = compact
        self.paper: PaperResult | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._columns = (["name"] + ([] if compact else ["position", "valid", "invalid"])
                         + [f"level:{lv.key}" for lv in regime.levels] + (["invalid"] if compact else []) + ["band"])

    def set_paper(self, paper: PaperResult | None) -> None:
        self.beginResetModel()
        self.paper = paper
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.paper is None else len(self.paper.persons)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        column = self._columns[section]
        if column.startswith("level:"):
            return next(lv.label for lv in self.regime.levels if f"level:{lv.key}" == column)
        return {"name": self.tr("Họ và tên"), "position": self.tr("Chức vụ"), "valid": self.tr("Hợp lệ"),
                "invalid": self.tr("Không hợp lệ"), "band": self.tr("Mức")}[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.paper is None:
            return None
        person = self.paper.persons[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                return person.name
            if column == "position":
                return person.position
            if column == "valid":
                return str(person.valid)
            if column == "invalid":
                percent = format_percent(person.invalid, person.denominator) if self.compact else None
                return f"{person.invalid}  ({percent}%)" if percent is not None else str(person.invalid)
            if column == "band":
                return person.band.label
            key = column.split(":", 1)[1]
            percent = person.percent(key)
            count = person.counts[key]
            return f"{count}  ({percent}%)" if percent is not None else str(count)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            text = column in ("name", "position", "band")
            align = Qt.AlignmentFlag.AlignLeft if text else Qt.AlignmentFlag.AlignRight
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = BAND_COLOURS.get(person.band)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole:
            if column == f"level:{self.regime.adverse.key}" or (column == "band" and person.band is not Band.NONE):
                return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.startswith("level:") and person.denominator:
                key = column.split(":", 1)[1]  # the exact share behind the rounded percentage
                return self.tr("{share} phiếu = {percent}%").format(share=person.share(key),
                                                                   percent=person.percent(key))
            return person.band.explanation(self.regime) or None
        return None

"""Table models of the board's dashboard: every unit of the roster with its state, and the packages not yet matched."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..domain.board import Dashboard, UnitState, UnitStatus
from ..domain.i18n import _
from ..store.board_file import StoredPackage

Index = QModelIndex | QPersistentModelIndex

STATE_COLOURS = {UnitState.OVERDUE: QColor("#F5A3A3"), UnitState.REFUSED: QColor("#F8D7DA"),
                 UnitState.WAITING: QColor("#FFF3CD"), UnitState.CHECKED: QColor("#D4EDDA"),
                 UnitState.SIGNED: QColor("#C3E6CB")}


class UnitsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.statuses: list[UnitStatus] = []
        self.headers = [_("Mã đơn vị"), _("Đơn vị"), _("Cơ quan cấp trên"), _("Tình trạng"), _("Lý do"),
                        _("Liên hệ")]

    def show(self, status: Dashboard | None) -> None:
        self.beginResetModel()
        self.statuses = list(status.statuses) if status else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.statuses)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        status = self.statuses[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            unit = status.unit
            return (unit.code, unit.name, unit.parent, status.state.label, status.reason, unit.contact)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 3 and status.state in STATE_COLOURS:
            return QBrush(STATE_COLOURS[status.state])
        return None


class PackagesModel(QAbstractTableModel):
    """Packages received that no roster unit holds yet (no unit code, or a code not on the roster)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.packages: list[StoredPackage] = []
        self.headers = [_("Tệp"), _("Đơn vị ghi trong gói"), _("Cơ quan cấp trên"), _("Mã đơn vị"), _("Kết quả nhận"),
                        _("SHA-256")]

    def show(self, packages: list[StoredPackage]) -> None:
        self.beginResetModel()
        self.packages = list(packages)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.packages)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        p = self.packages[index.row()]
        outcome = _("đã nhận, chưa khớp đơn vị") if p.accepted else _("bị từ chối: {reason}").format(reason=p.reason)
        return (p.source, p.unit.get("organization", ""), p.unit.get("parent", ""), p.unit.get("unit_code", "") or "—",
                outcome, p.sha256[:16] + "…")[index.column()]


__all__ = ["PackagesModel", "UnitsModel"]

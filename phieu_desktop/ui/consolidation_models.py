"""Table models of the consolidation window: the files sent up (one row each) and the persons of confirmed units."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..domain.i18n import _
from ..domain.tally import Band
from ..exchange.consolidate import FileProblem
from ..exchange.consolidated_report import Row, levels, rows
from ..exchange.intake import Credentials, Unit
from ..exchange.paper_check import PaperCheck

Index = QModelIndex | QPersistentModelIndex

REFUSED_COLOUR = QColor("#F8D7DA")
WAITING_COLOUR = QColor("#FFF3CD")
ACCEPTED_COLOUR = QColor("#D4EDDA")
BAND_COLOURS = {Band.OVER_HALF: QColor("#FFD8A8"), Band.TWO_THIRDS: QColor("#F5A3A3")}


@dataclass
class Entry:
    """One file added: its unit once it passed every check, or the problem that refused it; the paper check
    (`exchange.paper_check`) asks one group of the unit's fingerprint, named at random."""

    path: Path
    unit: Unit | None = None
    problem: FileProblem | None = None
    credentials: Credentials = field(default_factory=Credentials)
    paper: PaperCheck | None = None

    def __post_init__(self) -> None:
        if self.unit is not None and self.paper is None:
            self.paper = PaperCheck.asking_one_group(self.unit.fingerprint)

    @property
    def signed(self) -> bool:
        """The unit's trusted signature vouches for the sender: no paper check needed (`exchange.paper_check`)."""
        return self.unit is not None and self.unit.origin_verified

    @property
    def confirmed(self) -> bool:
        """The group typed from the paper minutes matched, or the trusted signature stands in for it."""
        return self.signed or (self.paper is not None and self.paper.confirmed)

    @property
    def group(self) -> int:
        """Which group of the fingerprint the paper check asks for (1-based)."""
        return self.paper.group or 0 if self.paper is not None else 0

    @property
    def mismatches(self) -> list[str]:
        """The groups typed that did not match."""
        return self.paper.mismatches if self.paper is not None else []

    @property
    def source(self) -> str:
        return self.unit.source if self.unit is not None else self.path.name

    @property
    def waiting(self) -> bool:
        return self.unit is not None and self.problem is None and not self.confirmed

    @property
    def accepted(self) -> bool:
        return self.unit is not None and self.problem is None and self.confirmed


def status_text(entry: Entry) -> str:
    if entry.problem is not None:
        return _("Từ chối: {reason}").format(reason=entry.problem.reason)
    if entry.signed and not (entry.paper is not None and entry.paper.confirmed):
        return _("Đã nhận (chữ ký số của đơn vị hợp lệ)")
    if entry.confirmed:
        return _("Đã nhận (biên bản giấy khớp)")
    if entry.mismatches:
        return _("Chờ đối chiếu biên bản giấy (đã gõ {n} lần không khớp)").format(n=len(entry.mismatches))
    return _("Chờ đối chiếu biên bản giấy")


class FilesModel(QAbstractTableModel):
    """One row per file added, in the order added. The fingerprint shows only once the paper check matched,
    so the group to type is read from the paper, never copied from the screen."""

    COLUMNS = ("file", "unit", "date", "fingerprint", "status", "signer")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return {"file": _("Tệp"), "unit": _("Đơn vị"), "date": _("Ngày"),
                "fingerprint": _("Mã niêm phong"), "status": _("Trạng thái"),
                "signer": _("Chữ ký số")}[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            unit = entry.unit
            if column == "file":
                return entry.source
            if column == "unit":
                return unit.organization if unit else ""
            if column == "date":
                return unit.date.strftime("%d/%m/%Y") if unit else ""
            if column == "fingerprint":
                if unit is None:
                    return ""
                return unit.fingerprint if entry.confirmed or entry.problem else _("(hiện sau khi đối chiếu)")
            if column == "signer":
                return unit.origin if unit else ""
            return status_text(entry)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = REFUSED_COLOUR if entry.problem else ACCEPTED_COLOUR if entry.confirmed else WAITING_COLOUR
            return QBrush(colour)
        return None


class PersonsModel(QAbstractTableModel):
    """One row per unit, ballot paper and person, of the confirmed units: what the report will hold."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table: list[Row] = []
        self._levels = []

    def set_units(self, units: list[Unit]) -> None:
        self.beginResetModel()
        self.table = rows(units)
        self._levels = levels(units)
        self.endResetModel()

    def _columns(self) -> list[str]:
        return (["unit", "paper", "name", "position", "returned"]
                + [f"level:{lv.key}" for lv in self._levels] + ["band"])

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        column = self._columns()[section]
        if column.startswith("level:"):
            return next(lv.label for lv in self._levels if f"level:{lv.key}" == column)
        return {"unit": self.tr("Đơn vị"), "paper": self.tr("Loại phiếu"), "name": self.tr("Họ và tên"),
                "position": self.tr("Chức vụ"), "returned": self.tr("Thu về"), "band": self.tr("Mức")}[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.table[index.row()]
        column = self._columns()[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column.startswith("level:"):
                key = column.split(":", 1)[1]
                if key not in row.counts:
                    return ""
                return f"{row.counts[key]} ({row.percent_text(key)})"
            return {"unit": row.unit.organization, "paper": row.paper_title, "name": row.name,
                    "position": row.position, "returned": "" if row.returned is None else str(row.returned),
                    "band": row.band_label}[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and (column.startswith("level:") or column == "returned"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and row.band in BAND_COLOURS:
            return QBrush(BAND_COLOURS[row.band])
        return None

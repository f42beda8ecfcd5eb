"""Table models over the Prepare flow: the persons of one ballot paper, the counting committee, an import preview."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.i18n import _
from ...domain.prepare import PrepareFlow
from ...domain.session import Person

Index = QModelIndex | QPersistentModelIndex
WARN = QColor("#FCE8C3")


class PersonsModel(QAbstractTableModel):
    """STT · Họ và tên · Chức vụ, đơn vị công tác · Nghỉ hưu · Bổ nhiệm trong năm · Ốm đau từ 6 tháng, for
    `flow.papers[paper]`."""

    NAME, POSITION, RETIRING, APPOINTED, ILL = 1, 2, 3, 4, 5
    FLAGS = {RETIRING: "retiring", APPOINTED: "appointed_this_year", ILL: "serious_illness"}  # the three exemptions

    def __init__(self, flow: PrepareFlow, parent=None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.paper: int | None = None
        self.headers = [_("STT"), _("Họ và tên"), _("Chức vụ, đơn vị công tác"), _("Đã báo\nnghỉ hưu"),
                        _("Bổ nhiệm/bầu\ntrong năm"), _("Ốm đau từ\n6 tháng")]
        # two lines: narrow columns leave room for positions

    def set_paper(self, paper: int | None) -> None:
        self.beginResetModel()
        self.paper = paper
        self.endResetModel()

    def refresh(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def persons(self) -> list[Person]:
        if self.paper is None or self.paper >= len(self.flow.papers):
            return []
        return self.flow.papers[self.paper].persons

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.persons())

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        person = self.persons()[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return index.row() + 1 if role == Qt.ItemDataRole.DisplayRole else None
            if column == self.NAME:
                return person.name
            if column == self.POSITION:
                return person.position
        if role == Qt.ItemDataRole.CheckStateRole and column in self.FLAGS:
            value = getattr(person, self.FLAGS[column])
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        exempt = person.retiring or person.appointed_this_year or person.serious_illness
        if role == Qt.ItemDataRole.BackgroundRole and exempt:
            return QBrush(WARN)
        if role == Qt.ItemDataRole.ToolTipRole and exempt:
            return "\n".join(PrepareFlow.person_warnings(person))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.NAME, self.POSITION):
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() in self.FLAGS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.paper is None:
            return False
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column in (self.NAME, self.POSITION):
            return self._edit(index.row(), **{"name" if column == self.NAME else "position": str(value)})
        elif role == Qt.ItemDataRole.CheckStateRole and column in self.FLAGS:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            self.flow.update_person(self.paper, index.row(), **{self.FLAGS[column]: checked})
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True

    def _edit(self, row: int, **change: str) -> bool:
        """A new name or position; in a sorted list the row may move, and the selection follows the person."""
        self.layoutAboutToBeChanged.emit()
        before = list(self.persons())
        edited = self.flow.update_person(self.paper, row, **change)
        before[row] = edited
        after = {id(person): position for position, person in enumerate(self.persons())}
        old_indexes = self.persistentIndexList()
        self.changePersistentIndexList(old_indexes, [
            self.index(after[id(before[index.row()])], index.column()) for index in old_indexes])
        self.layoutChanged.emit()
        new_row = after[id(edited)]
        self.dataChanged.emit(self.index(new_row, 0), self.index(new_row, self.columnCount() - 1))  # warnings
        return True


class NumberedModel(QAbstractTableModel):
    """A table over a list of the flow: columns titled by `headers`, rows numbered 1, 2, … in the vertical header."""

    headers: list[str]

    def refresh(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers[section] if orientation == Qt.Orientation.Horizontal else section + 1


class CommitteeModel(NumberedModel):
    """Họ và tên · Vai trò of the counting committee."""

    def __init__(self, flow: PrepareFlow, parent=None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.headers = [_("Họ và tên"), _("Vai trò trong Ban kiểm phiếu")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.flow.committee)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        member = self.flow.committee[index.row()]
        return member.name if index.column() == 0 else member.role

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == 0:
            self.flow.update_member(index.row(), name=str(value))
        else:
            self.flow.update_member(index.row(), role=str(value))
        self.dataChanged.emit(index, index)
        return True


class PreviewModel(NumberedModel):
    """The persons an import would add, read-only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.persons: list[Person] = []
        self.headers = [_("Họ và tên"), _("Chức vụ, đơn vị công tác"), _("Nghỉ hưu"), _("Bổ nhiệm trong năm"),
                        _("Ốm đau từ 6 tháng")]

    def set_persons(self, persons: list[Person]) -> None:
        self.beginResetModel()
        self.persons = list(persons)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.persons)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        person = self.persons[index.row()]
        return (person.name, person.position, _("có") if person.retiring else "",
                _("có") if person.appointed_this_year else "",
                _("có") if person.serious_illness else "")[index.column()]

"""Voter groups (thành phần ghi phiếu) on the summoned page: optional; an empty list is the whole meeting.

Add with a name, a summoned number and Enter; F2 renames or changes the number in the table; Delete removes.
Every rule is the flow's (domain.prepare, domain.session.group_list_problems); this only renders and delegates.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.i18n import _
from ...domain.limits import MAX_PEOPLE
from ...domain.prepare import PrepareFlow
from .models import Index, NumberedModel
from .widgets import EntryLine


class EntrySpin(QSpinBox):
    """The summoned number of the group being added: Enter adds it (`submitted`) instead of going to the next page."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.interpretText()
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class GroupsModel(NumberedModel):
    """Thành phần ghi phiếu · Số người được triệu tập · Loại phiếu (read-only: chosen on the papers page)."""

    NAME, SUMMONED, PAPERS = 0, 1, 2

    def __init__(self, flow: PrepareFlow, parent=None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.headers = [_("Thành phần ghi phiếu"), _("Số người được triệu tập"), _("Loại phiếu")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.flow.groups)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        group = self.flow.groups[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:
                return group.name
            if column == self.SUMMONED:
                return group.summoned
            if role == Qt.ItemDataRole.DisplayRole:
                return "; ".join(p.title for p in self.flow.papers if p.group == group.key and p.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SUMMONED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in (self.NAME, self.SUMMONED) else base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == self.NAME:
            self.flow.update_group(index.row(), name=str(value))
        elif index.column() == self.SUMMONED:
            try:
                self.flow.update_group(index.row(), summoned=max(0, int(value)))
            except (TypeError, ValueError):
                return False
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True


class GroupsBox(QGroupBox):
    """The optional list of voter groups; `changed` after every edit, so the page re-checks the flow."""

    changed = Signal()

    def __init__(self, flow: PrepareFlow, parent: QWidget | None = None) -> None:
        super().__init__(_("Thành phần ghi phiếu (không bắt buộc)"), parent)
        self.setObjectName("groupsBox")
        self.flow = flow
        layout = QVBoxLayout(self)
        hint = QLabel(_("Chỉ dùng khi các loại phiếu do những thành phần khác nhau ghi phiếu (ví dụ: “Tập thể lãnh "
                        "đạo Sở, trưởng phòng” và “Toàn thể công chức, viên chức”): mỗi thành phần có số người được "
                        "triệu tập, có mặt và tỷ lệ 2/3 riêng. Để trống nếu toàn thể hội nghị ghi mọi loại phiếu. "
                        "Gõ tên, Tab, số người, Enter để thêm; F2 sửa, Delete xóa."))
        hint.setWordWrap(True)
        layout.addWidget(hint)

        row = QHBoxLayout()
        self.name = EntryLine()
        self.name.setObjectName("groupName")
        self.name.setPlaceholderText(_("Tập thể lãnh đạo Sở, trưởng phòng"))
        self.name.submitted.connect(self.add)
        caption = QLabel(_("Tên thành &phần:"))
        caption.setBuddy(self.name)
        self.summoned = EntrySpin()
        self.summoned.setObjectName("groupSummoned")
        self.summoned.setRange(0, MAX_PEOPLE)
        self.summoned.setMinimumWidth(90)
        self.summoned.submitted.connect(self.add)
        summoned_caption = QLabel(_("Số người được triệ&u tập:"))
        summoned_caption.setBuddy(self.summoned)
        self.add_button = QPushButton(_("Thêm thành phầ&n"))
        self.add_button.setObjectName("addGroup")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        for widget, stretch in ((caption, 0), (self.name, 3), (summoned_caption, 0), (self.summoned, 0),
                                (self.add_button, 0)):
            row.addWidget(widget, stretch)
        layout.addLayout(row)

        self.model = GroupsModel(flow, self)
        self.model.dataChanged.connect(lambda *_a: self.changed.emit())
        self.model.modelReset.connect(self._enable)
        self.view = QTableView()
        self.view.setObjectName("groupsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.view.setWordWrap(True)
        self.view.setMinimumHeight(110)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(GroupsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(GroupsModel.SUMMONED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GroupsModel.PAPERS, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)

        buttons = QHBoxLayout()
        self.remove_button = QPushButton(_("&Xóa thành phần"))
        self.remove_button.setObjectName("removeGroup")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove)

    def add(self) -> None:
        if not self.name.text().strip():
            self.name.setFocus()
            return
        row = self.flow.add_group(self.name.text(), self.summoned.value())
        self.model.refresh()
        self.view.selectRow(row)
        self.name.clear()
        self.summoned.setValue(0)
        self.name.setFocus()
        self.changed.emit()

    def remove(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        self.flow.remove_group(index.row())
        self.model.refresh()
        if self.flow.groups:
            self.view.selectRow(min(index.row(), len(self.flow.groups) - 1))
        self.changed.emit()

    def load(self) -> None:
        self.model.refresh()

    def _enable(self) -> None:
        self.remove_button.setEnabled(bool(self.flow.groups))

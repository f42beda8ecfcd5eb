"""The papers page: ballot papers, their persons (add, edit, remove, reorder, sort), import and printing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.prepare import Page, PersonOrder, PrepareFlow
from .models import PersonsModel
from .pages import FlowPage, shortcut
from .widgets import EntryLine, warnings_label

ORDERS = (PersonOrder.LISTED, PersonOrder.GIVEN_NAME, PersonOrder.RANK)  # the items of the order box


class PersonsView(QTableView):
    """The persons table by keyboard: a visible focus frame, a current row as soon as it has the focus (so F2
    edits at once), Enter edits instead of leaving the page, and Space ticks an exemption only on its own column,
    saying so (`flag_toggled`), never silently."""

    flag_toggled = Signal(int, int)  # row, column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("QTableView:focus { border: 2px solid #1E4E8C; }")

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().focusInEvent(event)
        model = self.model()
        if model is not None and model.rowCount() and not self.currentIndex().isValid():
            self.setCurrentIndex(model.index(0, PersonsModel.NAME))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        index = self.currentIndex()
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            if index.isValid():
                column = index.column() if index.column() == PersonsModel.POSITION else PersonsModel.NAME
                target = self.model().index(index.row(), column)
                self.setCurrentIndex(target)
                self.edit(target)
            event.accept()  # never the wizard's "Tiếp ›" from inside the table
            return
        if key == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if index.isValid() and index.column() in PersonsModel.FLAGS:
                checked = self.model().data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                value = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
                self.model().setData(index, value, Qt.ItemDataRole.CheckStateRole)
                self.flag_toggled.emit(index.row(), index.column())
            event.accept()  # on a name or a position Space does nothing
            return
        super().keyPressEvent(event)


class PapersPage(FlowPage):
    kind = Page.PAPERS

    def __init__(self, flow: PrepareFlow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.setTitle(self.tr("Phiếu và người được lấy phiếu"))
        self.setSubTitle(self.tr("Mỗi loại phiếu có danh sách người được lấy phiếu riêng, in theo thứ tự (STT). "
                                 "Gõ họ tên, Tab, chức vụ, Enter để thêm; "
                                 "Ctrl+↑/↓ đổi thứ tự, F2 sửa, Delete xóa, Ctrl+I nhập từ tệp."))
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.paper_choice = QComboBox()
        self.paper_choice.setObjectName("paperChoice")
        self.paper_choice.currentIndexChanged.connect(self._show_paper)
        caption = QLabel(self.tr("Loại &phiếu:"))
        caption.setBuddy(self.paper_choice)
        top.addWidget(caption)
        top.addWidget(self.paper_choice, 1)
        self.add_paper_button = self._button(top, self.tr("Thê&m loại phiếu"), "addPaper", self.add_paper)
        self.remove_paper_button = self._button(top, self.tr("Xóa l&oại phiếu"), "removePaper", self.remove_paper)
        layout.addLayout(top)

        form = QFormLayout()
        self.paper_title = QLineEdit()
        self.paper_title.setObjectName("paperTitle")
        self.paper_title.setPlaceholderText(self.tr("Lãnh đạo Sở"))
        self.paper_title.textEdited.connect(self._title_edited)
        self.voters = QLineEdit()
        self.voters.setObjectName("paperVoters")
        self.voters.setPlaceholderText(self.tr("Toàn thể công chức, viên chức của Sở"))
        self.voters.textEdited.connect(self._voters_edited)
        # only with voter groups (defined on the summoned page): which group votes this paper
        self.group_choice = QComboBox()
        self.group_choice.setObjectName("paperGroup")
        self.group_choice.currentIndexChanged.connect(self._group_chosen)
        for label, widget in ((self.tr("Tiê&u đề phiếu (đối với):"), self.paper_title),
                              (self.tr("Người &bỏ phiếu (của):"), self.voters),
                              (self.tr("Thành phần &ghi phiếu:"), self.group_choice)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        self.form = form
        layout.addLayout(form)

        add_row = QHBoxLayout()
        self.person_name = EntryLine()
        self.person_name.setObjectName("personName")
        self.person_name.setPlaceholderText(self.tr("Họ và tên"))
        self.person_name.submitted.connect(self.add_person)
        self.person_position = EntryLine()
        self.person_position.setObjectName("personPosition")
        self.person_position.setPlaceholderText(self.tr("Chức vụ, đơn vị công tác"))
        self.person_position.submitted.connect(self.add_person)
        caption = QLabel(self.tr("&Họ và tên:"))
        caption.setBuddy(self.person_name)
        add_row.addWidget(caption)
        add_row.addWidget(self.person_name, 2)
        add_row.addWidget(self.person_position, 3)
        self._button(add_row, self.tr("&Thêm"), "addPerson", self.add_person)
        layout.addLayout(add_row)

        self.model = PersonsModel(flow, self)
        self.model.dataChanged.connect(lambda *_a: self.changed())
        self.view = PersonsView()
        self.view.setObjectName("personsTable")
        self.view.flag_toggled.connect(self._flag_toggled)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)  # a long position takes a second line rather than "…"
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PersonsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PersonsModel.POSITION, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        self.flag_note = QLabel()
        self.flag_note.setObjectName("flagNote")
        self.flag_note.setWordWrap(True)
        self.flag_note.setStyleSheet("color: #7A4A00;")
        layout.addWidget(self.flag_note)

        buttons = QHBoxLayout()
        self._button(buttons, self.tr("&Sửa"), "editPerson", self.edit_person)
        self._button(buttons, self.tr("&Xóa"), "removePerson", self.remove_person)
        self._button(buttons, self.tr("&Lên"), "personUp", lambda: self.move_person(-1))
        self._button(buttons, self.tr("Xuố&ng"), "personDown", lambda: self.move_person(+1))
        self.order = QComboBox()
        self.order.setObjectName("personOrder")
        self.order.addItem(self.tr("Giữ thứ tự như danh sách"))
        self.order.addItem(self.tr("Xếp theo tên (A–Z tiếng Việt)"))
        self.order.addItem(self.tr("Xếp theo cấp chức vụ (trưởng, phó, ủy viên…)"))
        self.order.currentIndexChanged.connect(self._order_chosen)
        buttons.addWidget(self.order)
        buttons.addStretch(1)
        self._button(buttons, self.tr("Nhập từ tệp &Excel/CSV…"), "importPersons", self.import_persons)
        # printing needs the saved file (its session code is on every ballot): shown only when editing one
        self.print_button = self._button(buttons, self.tr("&In phiếu…"), "printBallots", self.print_ballots)
        layout.addLayout(buttons)

        self.warnings = warnings_label()
        layout.addWidget(self.warnings)
        layout.addWidget(self.problems)
        shortcut(self, "Ctrl+Up", lambda: self.move_person(-1))
        shortcut(self, "Ctrl+Down", lambda: self.move_person(+1))
        shortcut(self, "Ctrl+I", self.import_persons)
        shortcut(self, "Ctrl+P", self.print_ballots)
        shortcut(self, "F2", self.edit_person)
        shortcut(self.view, QKeySequence.StandardKey.Delete, self.remove_person, Qt.ShortcutContext.WidgetShortcut)

    def _button(self, layout: QHBoxLayout, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # --- which paper ---

    @property
    def paper(self) -> int | None:
        index = self.paper_choice.currentIndex()
        return index if 0 <= index < len(self.flow.papers) else None

    def _fill_choice(self, select: int | None = None) -> None:
        self.paper_choice.blockSignals(True)
        self.paper_choice.clear()
        for i, paper in enumerate(self.flow.papers, start=1):
            self.paper_choice.addItem(self._paper_label(i, paper.title))
        self.paper_choice.blockSignals(False)
        if self.flow.papers:
            self.paper_choice.setCurrentIndex(select if select is not None else 0)
        self._show_paper()

    def _paper_label(self, number: int, title: str) -> str:
        return self.tr("Phiếu {n}: {title}").format(n=number, title=title or self.tr("(chưa có tiêu đề)"))

    def _show_paper(self) -> None:
        paper = self.paper
        self.model.set_paper(paper)
        draft = self.flow.papers[paper] if paper is not None else None
        self.paper_title.setText(draft.title if draft else "")
        self.voters.setText(draft.voters if draft else "")
        self._show_order(draft.order if draft else PersonOrder.LISTED)
        self._show_group(draft.group if draft else "")
        self.remove_paper_button.setEnabled(len(self.flow.papers) > 1)
        self.changed()

    def _show_group(self, key: str) -> None:
        """The groups to choose from (none: the row is hidden, the whole meeting votes every paper)."""
        self.form.setRowVisible(self.group_choice, bool(self.flow.groups))
        self.group_choice.blockSignals(True)
        self.group_choice.clear()
        self.group_choice.addItem(self.tr("— chọn thành phần —"), "")
        for number, group in enumerate(self.flow.groups, start=1):
            self.group_choice.addItem(group.name or self.tr("Thành phần ghi phiếu thứ {n}").format(n=number),
                                      group.key)
        self.group_choice.setCurrentIndex(max(0, self.group_choice.findData(key)))
        self.group_choice.blockSignals(False)

    def _group_chosen(self, index: int) -> None:
        if self.paper is not None:
            self.flow.set_paper_group(self.paper, self.group_choice.itemData(index) or "")
            self.changed()

    def _title_edited(self, text: str) -> None:
        if self.paper is None:
            return
        self.flow.update_paper(self.paper, title=text)
        self.paper_choice.setItemText(self.paper, self._paper_label(self.paper + 1, self.flow.papers[self.paper].title))
        self.changed()

    def _voters_edited(self, text: str) -> None:
        if self.paper is not None:
            self.flow.update_paper(self.paper, voters=text)
            self.changed()

    def add_paper(self) -> None:
        self.flow.add_paper("")
        self._fill_choice(len(self.flow.papers) - 1)
        self.paper_title.setFocus()

    def remove_paper(self) -> None:
        if self.paper is None or len(self.flow.papers) <= 1:
            return
        self.flow.remove_paper(self.paper)
        self._fill_choice(0)

    # --- persons ---

    def _current(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def _select(self, row: int | None) -> None:
        if row is not None and 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, PersonsModel.NAME))

    def add_person(self) -> None:
        if self.paper is None:
            return
        if not self.person_name.text().strip():
            self.person_name.setFocus()
            return
        row = self.flow.add_person(self.paper, self.person_name.text(), self.person_position.text())
        self.model.refresh()
        self._select(row)
        self.person_name.clear()
        self.person_position.clear()
        self.person_name.setFocus()
        self.changed()

    def _flag_toggled(self, row: int, column: int) -> None:
        person = self.model.persons()[row]
        on = getattr(person, PersonsModel.FLAGS[column])
        caption = self.model.headers[column].replace("\n", " ")
        self.flag_note.setText(
            (self.tr("Đã đánh dấu “{name}”: {flag}. Nhấn Space lần nữa để bỏ.") if on else
             self.tr("Đã bỏ dấu “{flag}” của “{name}”.")).format(name=person.name, flag=caption))

    def edit_person(self) -> None:
        """F2 or Sửa: edit the current person, or the first one when the table has no current row yet."""
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, PersonsModel.NAME)
        if index.isValid():
            column = index.column() if index.column() in (PersonsModel.NAME,
                                                          PersonsModel.POSITION) else PersonsModel.NAME
            target = self.model.index(index.row(), column)
            self.view.setCurrentIndex(target)
            self.view.setFocus()
            self.view.edit(target)

    def remove_person(self) -> None:
        row = self._current()
        if row is None or self.paper is None:
            return
        self.flow.remove_person(self.paper, row)
        self.model.refresh()
        self._select(min(row, self.model.rowCount() - 1))
        self.changed()

    def move_person(self, delta: int) -> None:
        row = self._current()
        if row is None or self.paper is None:
            return
        target = self.flow.move_person(self.paper, row, delta)
        self.model.refresh()
        self._select(target)
        self._show_order(PersonOrder.LISTED)
        self.changed()

    def _show_order(self, order: PersonOrder) -> None:
        self.order.blockSignals(True)
        self.order.setCurrentIndex(ORDERS.index(PersonOrder(order)))
        self.order.blockSignals(False)

    def _order_chosen(self, index: int) -> None:
        if self.paper is None:
            return
        self.flow.sort_persons(self.paper, ORDERS[index])
        self.model.refresh()
        self.changed()

    def import_persons(self) -> None:
        self.wizard().import_persons()

    def print_ballots(self) -> None:
        self.wizard().print_ballots()

    def changed(self) -> None:
        warnings = self.flow.warnings()
        self.warnings.setText("\n".join(self.tr("Lưu ý: {text}").format(text=w) for w in warnings))
        self.warnings.setVisible(bool(warnings))
        super().changed()

    def load(self) -> None:
        self.print_button.setVisible(self.wizard() is not None and self.wizard().session_file is not None)
        if not self.flow.papers:
            self.flow.add_paper("")
        self._fill_choice(self.paper if self.paper is not None else 0)

    def first_field(self) -> QWidget | None:
        return self.paper_title if not self.paper_title.text() else self.person_name

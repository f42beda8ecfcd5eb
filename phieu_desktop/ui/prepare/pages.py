"""The wizard's pages: each renders the flow and hands every change to it; no rule lives here."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDateEdit, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QRadioButton, QSpinBox,
                               QTableView, QTextBrowser, QVBoxLayout, QWidget, QWizardPage)

from ...domain.prepare import COMMITTEE_ROLES, PAGES, Page, PersonOrder, PrepareFlow
from ...domain.regime import CrossedOutRuling, Denominator, Header, Regime
from ...domain.session import quorum_shortfall
from .models import CommitteeModel, PersonsModel
from .widgets import EntryLine, problems_label, warnings_label


class FlowPage(QWizardPage):
    """A page bound to one `Page` of the flow: complete when the flow says so, next page as the flow says."""

    kind: Page

    def __init__(self, flow: PrepareFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.setObjectName(f"page_{self.kind.value}")
        self.problems = problems_label()
        # "Tiếp ›" is enabled through a hidden mandatory field that mirrors `flow.can_advance`, not by overriding
        # isComplete(): PySide6 6.12 drops a reference to True each time a Python isComplete() is called.
        self._complete = QLineEdit(self)
        self._complete.setObjectName("pageComplete")
        self._complete.hide()
        self.registerField(f"{self.kind.value}_complete*", self._complete)

    def nextId(self) -> int:
        following = self.flow.next_page(self.kind)
        return -1 if following is None else PAGES.index(following)

    def initializePage(self) -> None:
        self.flow.page = self.kind
        self.load()
        self.changed()
        # QWizard gives the focus to the page's first child after this; take it for the field to type in first.
        QTimer.singleShot(0, self, self.focus_first)

    def focus_first(self) -> None:
        widget = self.first_field()
        if widget is not None and self.isVisible():
            widget.setFocus()

    def first_field(self) -> QWidget | None:
        return None

    def load(self) -> None:
        """Show what the flow holds."""

    def changed(self) -> None:
        problems = self.flow.problems(self.kind)
        self.problems.setText("\n".join(problems))
        self._complete.setText("" if problems else "1")


def shortcut(parent: QWidget, keys: str | QKeySequence.StandardKey, slot,
             context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QShortcut:
    """A keyboard shortcut that works while the focus is inside `parent` (the page, or one table)."""
    sequence = QKeySequence(keys)
    item = QShortcut(sequence, parent)
    item.setContext(context)
    item.activated.connect(slot)
    return item


class RegimePage(FlowPage):
    kind = Page.REGIME

    def __init__(self, flow: PrepareFlow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.setTitle(self.tr("Quy định áp dụng"))
        self.setSubTitle(self.tr("Chọn văn bản quy định cuộc lấy phiếu và cách tính tỷ lệ phần trăm."))
        layout = QVBoxLayout(self)
        self.regimes = self._group(layout, self.tr("Quy định"), [(r, r.label) for r in Regime], "regime")
        self.denominators = self._group(layout, self.tr("Tỷ lệ phần trăm tính trên"),
                                        [(d, d.label) for d in Denominator], "denominator")
        self.rulings = self._group(layout, self.tr("Phiếu có gạch tên người được lấy phiếu"),
                                   [(c, c.label) for c in CrossedOutRuling], "crossed_out")
        layout.addStretch(1)
        layout.addWidget(self.problems)

    def _group(self, layout: QVBoxLayout, title: str, choices: list, name: str) -> dict:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        group = QButtonGroup(self)
        buttons = {}
        for value, label in choices:
            button = QRadioButton(label)
            button.setObjectName(f"{name}_{value.value}")
            group.addButton(button)
            inner.addWidget(button)
            button.toggled.connect(partial(self._chosen, name, value))
            buttons[value] = button
        layout.addWidget(box)
        return buttons

    def _chosen(self, name: str, value, on: bool) -> None:
        if on:
            self.flow.set_details(**{name: value})
            self.changed()

    def load(self) -> None:
        self.regimes[self.flow.regime].setChecked(True)
        self.denominators[self.flow.denominator].setChecked(True)
        self.rulings[self.flow.crossed_out].setChecked(True)

    def first_field(self) -> QWidget | None:
        return self.regimes[self.flow.regime]


class HeaderPage(FlowPage):
    kind = Page.HEADER

    def __init__(self, flow: PrepareFlow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.setTitle(self.tr("Cơ quan, hội nghị"))
        self.setSubTitle(self.tr("Các dòng này in trên phiếu, biên bản và báo cáo."))
        layout = QVBoxLayout(self)
        box = QGroupBox(self.tr("Thể thức văn bản"))
        inner = QVBoxLayout(box)
        self.headers = {
            Header.STATE: QRadioButton(self.tr("Cơ quan nhà nước (Nghị định 30/2020/NĐ-CP): Quốc hiệu, tiêu ngữ")),
            Header.PARTY: QRadioButton(self.tr("Cơ quan Đảng (Hướng dẫn 36-HD/VPTW): “ĐẢNG CỘNG SẢN VIỆT NAM”")),
        }
        group = QButtonGroup(self)
        for value, button in self.headers.items():
            button.setObjectName(f"header_{value.value}")
            group.addButton(button)
            inner.addWidget(button)
            button.toggled.connect(partial(self._header_chosen, value))
        layout.addWidget(box)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.lines: dict[str, QLineEdit] = {}
        for name, label, placeholder in (
                ("organization", self.tr("Tên &cơ quan, đơn vị:"), self.tr("Sở Tài chính tỉnh Hà Giang")),
                ("parent", self.tr("Cơ quan cấ&p trên:"), self.tr("UBND TỈNH HÀ GIANG (có thể để trống)")),
                ("title", self.tr("Tên &hội nghị:"), self.tr("Hội nghị lấy phiếu tín nhiệm năm 2023")),
                ("place", self.tr("Đị&a danh:"), self.tr("Hà Giang"))):
            line = QLineEdit()
            line.setObjectName(name)
            line.setPlaceholderText(placeholder)
            line.textEdited.connect(lambda text, n=name: self._set(**{n: text}))
            caption = QLabel(label)
            caption.setBuddy(line)
            form.addRow(caption, line)
            self.lines[name] = line
        self.date = QDateEdit()
        self.date.setObjectName("date")
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.date.setMinimumWidth(140)
        self.date.dateChanged.connect(lambda d: self._set(date=date(d.year(), d.month(), d.day())))
        caption = QLabel(self.tr("&Ngày:"))
        caption.setBuddy(self.date)
        form.addRow(caption, self.date)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.problems)

    def _header_chosen(self, value: Header, on: bool) -> None:
        if on:
            self._set(header=value)

    def _set(self, **values) -> None:
        self.flow.set_details(**values)
        self.changed()

    def load(self) -> None:
        self.headers[self.flow.header].setChecked(True)
        for name, line in self.lines.items():
            if line.text() != getattr(self.flow, name):
                line.setText(getattr(self.flow, name))
        d = self.flow.date
        self.date.setDate(QDate(d.year, d.month, d.day))

    def first_field(self) -> QWidget | None:
        return self.lines["organization"]


class SummonedPage(FlowPage):
    kind = Page.SUMMONED

    def __init__(self, flow: PrepareFlow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.setTitle(self.tr("Số người được triệu tập"))
        self.setSubTitle(self.tr("Hội nghị hợp lệ khi có mặt ít nhất 2/3 số người được triệu tập."))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.spin = QSpinBox()
        self.spin.setObjectName("summoned")
        self.spin.setRange(0, 1_000_000)
        self.spin.setMinimumWidth(120)
        self.spin.valueChanged.connect(self._set)
        caption = QLabel(self.tr("Số người được &triệu tập:"))
        caption.setBuddy(self.spin)
        form.addRow(caption, self.spin)
        layout.addLayout(form)
        self.quorum = QLabel()
        self.quorum.setObjectName("quorumHint")
        self.quorum.setWordWrap(True)
        layout.addWidget(self.quorum)
        layout.addStretch(1)
        layout.addWidget(self.problems)

    def _set(self, value: int) -> None:
        self.flow.set_details(summoned=value)
        self.changed()

    def changed(self) -> None:
        summoned = self.flow.summoned
        text = ""
        if summoned > 0:
            text = self.tr("Cần ít nhất {n} người có mặt để đủ 2/3.").format(n=quorum_shortfall(summoned, 0))
            if self.flow.present is not None:
                text += " " + self.tr("Đã ghi nhận {present} người có mặt.").format(present=self.flow.present)
        self.quorum.setText(text)
        super().changed()

    def load(self) -> None:
        self.spin.setValue(self.flow.summoned)

    def focus_first(self) -> None:
        super().focus_first()
        self.spin.selectAll()

    def first_field(self) -> QWidget | None:
        return self.spin


class CommitteePage(FlowPage):
    kind = Page.COMMITTEE

    def __init__(self, flow: PrepareFlow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.setTitle(self.tr("Ban kiểm phiếu"))
        self.setSubTitle(self.tr("Do hội nghị bầu: một Trưởng ban, các Ủy viên, có thể có Thư ký. "
                                 "Gõ họ tên, chọn vai trò, bấm Enter để thêm; "
                                 "Ctrl+↑/↓ đổi thứ tự, Delete xóa."))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.name = EntryLine()
        self.name.setObjectName("memberName")
        self.name.setPlaceholderText(self.tr("Họ và tên"))
        self.name.submitted.connect(self.add)
        self.role = QComboBox()
        self.role.setObjectName("memberRole")
        self.role.setEditable(True)
        self.role.addItems(list(COMMITTEE_ROLES))
        self.role.lineEdit().returnPressed.connect(self.add)
        add = QPushButton(self.tr("&Thêm"))
        add.setObjectName("addMember")
        add.setAutoDefault(False)
        add.clicked.connect(self.add)
        caption = QLabel(self.tr("&Họ và tên:"))
        caption.setBuddy(self.name)
        row.addWidget(caption)
        row.addWidget(self.name, 3)
        row.addWidget(self.role, 2)
        row.addWidget(add)
        layout.addLayout(row)

        self.model = CommitteeModel(flow, self)
        self.model.dataChanged.connect(lambda *_a: self.changed())
        self.view = QTableView()
        self.view.setObjectName("committeeTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.view, 1)

        buttons = QHBoxLayout()
        for text, name, slot in ((self.tr("&Xóa"), "removeMember", self.remove),
                                 (self.tr("&Lên"), "memberUp", lambda: self.move(-1)),
                                 (self.tr("&Xuống"), "memberDown", lambda: self.move(+1))):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        shortcut(self, "Ctrl+Up", lambda: self.move(-1))
        shortcut(self, "Ctrl+Down", lambda: self.move(+1))
        shortcut(self.view, QKeySequence.StandardKey.Delete, self.remove, Qt.ShortcutContext.WidgetShortcut)

    def _default_role(self) -> None:
        has_head = any(m.role == COMMITTEE_ROLES[0] for m in self.flow.committee)
        self.role.setCurrentText(COMMITTEE_ROLES[2] if has_head else COMMITTEE_ROLES[0])

    def add(self) -> None:
        if not self.name.text().strip():
            self.name.setFocus()
            return
        row = self.flow.add_member(self.name.text(), self.role.currentText())
        self.model.refresh()
        self.view.selectRow(row)
        self.name.clear()
        self._default_role()
        self.name.setFocus()
        self.changed()

    def _current(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def remove(self) -> None:
        row = self._current()
        if row is None:
            return
        self.flow.remove_member(row)
        self.model.refresh()
        if self.flow.committee:
            self.view.selectRow(min(row, len(self.flow.committee) - 1))
        self.changed()

    def move(self, delta: int) -> None:
        row = self._current()
        if row is None:
            return
        target = self.flow.move_member(row, delta)
        self.model.refresh()
        self.view.selectRow(target)
        self.changed()

    def load(self) -> None:
        self.model.refresh()
        self._default_role()

    def first_field(self) -> QWidget | None:
        return self.name


ORDERS = (PersonOrder.POSITION, PersonOrder.GIVEN_NAME)  # the items of the order box


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
        self.add_paper_button = self._button(top, self.tr("Thêm loại phiếu"), "addPaper", self.add_paper)
        self.remove_paper_button = self._button(top, self.tr("Xóa loại phiếu"), "removePaper", self.remove_paper)
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
        for label, widget in ((self.tr("Tiê&u đề phiếu (đối với):"), self.paper_title),
                              (self.tr("Người &bỏ phiếu (của):"), self.voters)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
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
        self.view = QTableView()
        self.view.setObjectName("personsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PersonsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PersonsModel.POSITION, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)

        buttons = QHBoxLayout()
        self._button(buttons, self.tr("&Sửa"), "editPerson", self.edit_person)
        self._button(buttons, self.tr("&Xóa"), "removePerson", self.remove_person)
        self._button(buttons, self.tr("&Lên"), "personUp", lambda: self.move_person(-1))
        self._button(buttons, self.tr("Xuố&ng"), "personDown", lambda: self.move_person(+1))
        self.order = QComboBox()
        self.order.setObjectName("personOrder")
        self.order.addItem(self.tr("Thứ tự theo chức vụ (như danh sách)"))
        self.order.addItem(self.tr("Xếp theo tên (A–Z tiếng Việt)"))
        self.order.currentIndexChanged.connect(self._order_chosen)
        buttons.addWidget(self.order)
        buttons.addStretch(1)
        self._button(buttons, self.tr("Nhập từ tệp &Excel/CSV…"), "importPersons", self.import_persons)
        self._button(buttons, self.tr("&In phiếu…"), "printBallots", self.print_ballots)
        layout.addLayout(buttons)

        self.warnings = warnings_label()
        layout.addWidget(self.warnings)
        layout.addWidget(self.problems)
        shortcut(self, "Ctrl+Up", lambda: self.move_person(-1))
        shortcut(self, "Ctrl+Down", lambda: self.move_person(+1))
        shortcut(self, "Ctrl+I", self.import_persons)
        shortcut(self, "Ctrl+P", self.print_ballots)
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
        self._show_order(draft.order if draft else PersonOrder.POSITION)
        self.remove_paper_button.setEnabled(len(self.flow.papers) > 1)
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

    def edit_person(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            column = index.column() if index.column() in (PersonsModel.NAME, PersonsModel.POSITION) else PersonsModel.NAME
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
        self._show_order(PersonOrder.POSITION)
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
        if not self.flow.papers:
            self.flow.add_paper("")
        self._fill_choice(self.paper if self.paper is not None else 0)

    def first_field(self) -> QWidget | None:
        return self.paper_title if not self.paper_title.text() else self.person_name


class SummaryPage(FlowPage):
    kind = Page.SUMMARY

    def __init__(self, flow: PrepareFlow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        self.setTitle(self.tr("Tóm tắt"))
        self.setSubTitle(self.tr("Kiểm tra lại trước khi bấm Hoàn tất."))
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("summaryText")
        layout.addWidget(self.text, 1)
        self.warnings = warnings_label()
        layout.addWidget(self.warnings)
        layout.addWidget(self.problems)

    def load(self) -> None:
        rows = "".join(f"<tr><td style='padding-right:12px'><b>{_esc(label)}</b></td><td>{_esc(value)}</td></tr>"
                       for label, value in self.flow.summary())
        self.text.setHtml(f"<table>{rows}</table>")
        warnings = self.flow.warnings()
        self.warnings.setText("\n".join(self.tr("Lưu ý: {text}").format(text=w) for w in warnings))
        self.warnings.setVisible(bool(warnings))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

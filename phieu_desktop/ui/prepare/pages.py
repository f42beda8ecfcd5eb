"""The wizard's pages: each renders the flow and hands every change to it; no rule lives here."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ...domain.prepare import COMMITTEE_ROLES, PAGES, Page, PrepareFlow
from ...domain.regime import CrossedOutRuling, Denominator, Header, Regime
from ...domain.session import quorum_shortfall, suggested_role
from .groups import GroupsBox
from .models import CommitteeModel
from .widgets import EntryCombo, EntryLine, problems_label, warnings_label


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


def _after_title(label: str) -> str:
    """“Phiếu gạch xóa …: không hợp lệ …” under a group whose title already says “Phiếu gạch xóa …”: “Không hợp lệ …”
    (the whole line made the wizard 1158 pixels wide, wider than a 1366×768 laptop at 125 %)."""
    rest = label.split(": ", 1)[-1]
    return rest[:1].upper() + rest[1:]


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
        self.rulings = self._group(layout, self.tr("Phiếu gạch xóa họ tên người được in trên phiếu "
                                                             "(Ban kiểm phiếu quyết định)"),
                                   [(c, _after_title(c.label)) for c in CrossedOutRuling], "crossed_out")
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
        if self.flow.crossed_out is not None:  # a new session: nothing chosen until the committee decides
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
                ("organization", self.tr("Tên &cơ quan, đơn vị:"), self.tr("Sở Tài chính tỉnh Tuyên Quang")),
                ("parent", self.tr("Cơ quan cấ&p trên:"), self.tr("UBND TỈNH TUYÊN QUANG (có thể để trống)")),
                ("unit_code", self.tr("&Mã đơn vị (cấp trên cấp):"), self.tr("TQ.SNV (có thể để trống)")),
                ("title", self.tr("Tên &hội nghị:"), self.tr("Hội nghị lấy phiếu tín nhiệm năm 2023")),
                ("place", self.tr("Đị&a danh:"), self.tr("Tuyên Quang"))):
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
        self.setSubTitle(self.tr("Hội nghị hợp lệ khi có mặt ít nhất 2/3 số người được triệu tập "
                                 "(mỗi thành phần ghi phiếu tính riêng)."))
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
        self.groups = GroupsBox(flow)  # optional: empty, the whole meeting votes every paper
        self.groups.changed.connect(self.changed)
        layout.addWidget(self.groups, 1)
        layout.addWidget(self.problems)

    def _set(self, value: int) -> None:
        self.flow.set_details(summoned=value)
        self.changed()

    def changed(self) -> None:
        summoned = self.flow.summoned
        text = ""
        if summoned:  # nothing typed yet: no hint
            text = self.tr("Cần ít nhất {n} người có mặt để đủ 2/3.").format(n=quorum_shortfall(summoned, 0))
            if self.flow.present is not None:
                text += " " + self.tr("Đã ghi nhận {present} người có mặt.").format(present=self.flow.present)
        self.quorum.setText(text)
        super().changed()

    def load(self) -> None:
        self.spin.setValue(self.flow.summoned)
        self.groups.load()

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
        self.role = EntryCombo()
        self.role.setObjectName("memberRole")
        self.role.addItems(list(COMMITTEE_ROLES))
        self.role.submitted.connect(self.add)
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
                                 (self.tr("Xuố&ng"), "memberDown", lambda: self.move(+1))):
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
        self.role.setCurrentIndex(max(0, self.role.findText(suggested_role(self.flow.committee))))

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

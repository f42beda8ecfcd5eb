"""Step 4, Kiểm tra lại: a second committee member types the same stack; differences are ruled side by side."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.entry import marks_text, typed_to_marks
from ...domain.i18n import _
from ...domain.progress import papers_to_check
from ...store.verification import FIRST, OTHER, SECOND
from .. import dialogs
from ..models.stack_models import DifferencesModel
from .base import BAD_COLOUR, OK_COLOUR, StepPage, heading, note
from .entry import choose_and_scan
from .stack import StackEntry


def check_finished(file, key: str) -> str:
    """Success, in green, once the whole stack of this paper has been typed a second time: and what comes next."""
    text = _("✓ Đã nhập lại đủ {n}/{n} phiếu “{title}”.").format(n=file.entered(key),
                                                                 title=file.session.paper(key).title)
    found = len(file.differences(key))
    waiting = papers_to_check(file.progress())
    if found:
        return text + " " + _("Còn {n} phiếu khác nhau: Ban kiểm phiếu quyết định ở bảng bên dưới.").format(n=found)
    elsewhere = other_differences(file, key)
    if elsewhere:
        return text + " " + elsewhere
    if waiting:
        return text + " " + _("Tiếp theo: phiếu “{title}” (chọn ở ô Loại phiếu).").format(title=waiting[0].title)
    return text + " " + _("Bước tiếp theo: Khóa kết quả (Ctrl+5).")


def other_differences(file, key: str) -> str:
    """Differences still to rule on the other papers: they must not vanish from sight when the screen moves on."""
    parts = [_("phiếu “{title}” còn {n} phiếu khác nhau (số {numbers})").format(
        title=p.title, n=len(found), numbers=", ".join(str(d.number) for d in found))
        for p in file.session.papers if p.key != key for found in [file.differences(p.key)] if found]
    if not parts:
        return ""
    return _("Chưa khóa được: {parts}. Chọn loại phiếu đó ở ô Loại phiếu (Alt+L) để quyết định.").format(
        parts="; ".join(parts))


def ruled_numbers(file, key: str) -> list[int]:
    """The ballots of this paper whose two entries differed and were ruled on by the committee."""
    from ...domain import audit

    return sorted({e.detail["number"] for e in file.audit_entries()
                   if e.action == audit.CHECK_RULED and e.detail.get("key") == key})


class VerificationStep(StepPage):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        top = QWidget()
        left = QVBoxLayout(top)
        left.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()  # the scanner's button beside the title: the rows below get its height
        title_row.addWidget(heading(self.tr("Kiểm tra lại (nhập lần 2)")))
        title_row.addStretch(1)
        left.addLayout(title_row)
        left.addWidget(note(self.tr("Một thành viên khác của Ban kiểm phiếu nhập lại cùng tập phiếu, theo đúng thứ "
                                    "tự. Chương trình so sánh hai lần nhập; Ban kiểm phiếu quyết định các phiếu khác "
                                    "nhau trước khi khóa. Không bắt buộc.")))
        self.stack = StackEntry(
            ctx, commit=lambda key, marks: self.file.add_check(key, marks), count=lambda key: self.file.checked(key),
            total=lambda key: self.file.entered(key),
            counter_text=lambda n, total: self.tr("Nhập lại phiếu {n} / {total}").format(n=n, total=total),
            blocker=lambda key: self.file.check_blocker(key), finished=lambda key: check_finished(self.file, key))
        self.stack.committed.connect(lambda _n: self._refresh_differences())
        self.stack.paper_changed.connect(lambda _k: self._refresh_differences())
        left.addWidget(self.stack, 1)
        self.scan = QPushButton(self.tr("&Quét phiếu (lần 2)…"))
        self.scan.setObjectName("scanCheck")
        self.scan.setToolTip(self.tr("Lần nhập thứ hai bằng máy quét: quét lại xấp phiếu giấy theo đúng thứ tự, "
                                     "người xác nhận từng phiếu"))
        self.scan.clicked.connect(lambda: choose_and_scan(self, second=True))
        title_row.addWidget(self.scan, 0, Qt.AlignmentFlag.AlignBottom)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        bottom = QWidget()
        below = QVBoxLayout(bottom)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(heading(self.tr("Phiếu nhập hai lần khác nhau"), 12))
        self.summary = note(bold=True)  # on its own line: never run together with the heading
        self.summary.setObjectName("differencesSummary")
        below.addWidget(self.summary)
        side = QHBoxLayout()
        below.addLayout(side, 1)
        right = QVBoxLayout()
        self.table = QTableView()
        self.table.setObjectName("differences")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.model: DifferencesModel | None = None
        side.addWidget(self.table, 1)
        self.first = QPushButton(self.tr("Lần nhập &1 đúng…"))
        self.first.setObjectName("ruleFirst")
        self.first.clicked.connect(lambda: self.rule(FIRST))
        self.second = QPushButton(self.tr("Lần nhập &2 đúng…"))
        self.second.setObjectName("ruleSecond")
        self.second.clicked.connect(lambda: self.rule(SECOND))
        self.other = QPushButton(self.tr("Giá trị &khác…"))
        self.other.setObjectName("ruleOther")
        self.other.clicked.connect(lambda: self.rule(OTHER))
        for button in (self.first, self.second, self.other):
            button.setMinimumHeight(button.sizeHint().height())  # whole, even when the grid above takes the room
            right.addWidget(button)
        right.addStretch(1)
        side.addLayout(right)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter)
        self.splitter, self.bottom = splitter, bottom
        self.stack.paper_changed.connect(lambda _k: QTimer.singleShot(0, self._fit_grid))

    def refresh(self) -> None:
        self.stack.refresh()
        self.scan.setEnabled(self.stack.grid.accepting)
        self._refresh_differences()
        QTimer.singleShot(0, self._fit_grid)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_grid)

    def _fit_grid(self) -> None:
        """The whole ballot in sight: the grid takes the height its rows need from the differences' table below, as
        long as that table keeps its least height (the 7-person grid's last row was half hidden at 1366×768)."""
        grid = self.stack.grid
        model = grid.model()
        if model is None or not self.isVisible():
            return
        short = sum(grid.rowHeight(row) for row in range(model.rowCount())) - grid.viewport().height()
        top, bottom = self.splitter.sizes()
        least = self._bottom_least()
        give = min(short, bottom - least)
        if give > 0:
            self.splitter.setSizes([top + give, bottom - give])
        elif bottom < least:  # a message on two lines: the ruling buttons below it were cut off at 125 %
            take = min(least - bottom, top - self.splitter.widget(0).minimumSizeHint().height())
            if take > 0:
                self.splitter.setSizes([top - take, bottom + take])

    def _bottom_least(self) -> int:
        """The differences' part's least height with its wrapped messages on as many lines as they take (Qt's least
        size counts one line each)."""
        extra = 0
        for label in self.bottom.findChildren(QLabel):
            if label.isVisible() and label.wordWrap() and label.width() > 0:
                extra += max(0, label.heightForWidth(label.width()) - label.minimumSizeHint().height())
        return self.bottom.minimumSizeHint().height() + extra

    def _refresh_differences(self) -> None:
        file, key = self.file, self.stack.key()
        if file is None or key is None:
            return
        paper = file.session.paper(key)
        if self.model is None or self.model.persons != paper.persons:
            self.model = DifferencesModel(paper.persons, self.table)
            self.table.setModel(self.model)
        found = file.differences(key)
        self.model.set_differences(found)
        checked, entered = file.checked(key), file.entered(key)
        lines: list[tuple[str, str]] = []  # (sentence, colour): good news green, a problem red, each its own
        if found:
            lines.append((self.tr("{count} phiếu khác nhau: số {numbers}. Lấy phiếu giấy ra xem, rồi quyết "
                                  "định.").format(count=len(found), numbers=", ".join(str(d.number) for d in found)),
                          BAD_COLOUR))
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
        elif checked:
            ruled = ruled_numbers(file, key)
            if ruled:
                text = self.tr("Đã so {checked}/{entered} phiếu: {count} phiếu khác nhau (số {numbers}) đã được Ban "
                               "kiểm phiếu quyết định; các phiếu còn lại hai lần nhập khớp nhau.").format(
                    checked=checked, entered=entered, count=len(ruled), numbers=", ".join(map(str, ruled)))
            else:
                text = self.tr("Đã so {checked}/{entered} phiếu: hai lần nhập khớp nhau.").format(
                    checked=checked, entered=entered)
            lines.append((text, OK_COLOUR))
        else:
            lines.append((self.tr("Chưa nhập lại phiếu nào."), ""))
        elsewhere = other_differences(file, key)
        if elsewhere:
            lines.append((elsewhere, BAD_COLOUR))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setStyleSheet("")
        self.summary.setText("<br>".join(
            f"<span style='color:{colour}'>{html.escape(text).replace(chr(10), '<br>')}</span>" if colour
            else html.escape(text) for text, colour in lines))
        writable = bool(found) and not file.locked
        for button in (self.first, self.second, self.other):
            button.setEnabled(writable)

    def rule(self, choice: str) -> None:
        if self.model is None or not self.model.rows:
            return
        rows = self.table.selectionModel().selectedRows()
        diff = self.model.difference(rows[0].row() if rows else 0)
        regime = self.file.session.regime
        which = {FIRST: self.tr("lần nhập 1 đúng"), SECOND: self.tr("lần nhập 2 đúng"),
                 OTHER: self.tr("phiếu giấy ghi khác cả hai lần nhập")}[choice]
        default = self.tr("Ban kiểm phiếu xem lại phiếu giấy số {n}: {which}.").format(n=diff.number, which=which)
        title = self.tr("Quyết định về phiếu số {n}").format(n=diff.number)
        prompt = self.tr("Lần 1: {a}\nLần 2: {b}").format(a=marks_text(diff.first),
                                                         b=marks_text(diff.second))
        if choice == OTHER:
            values = dialogs.ask_fields(self, title, prompt, [(self.tr("Nội dung đúng:"), marks_text(diff.first)),
                                                              (self.tr("Lý do:"), default)],
                                        ok=self.tr("Ghi quyết định"))
            if values is None:
                return
            self.ctx.act(self, self.file.rule_difference, self.stack.key(), diff.number, OTHER, values[1],
                         marks=typed_to_marks(values[0], regime))
        else:
            reason = dialogs.ask_reason(self, title, prompt, default, ok=self.tr("Ghi quyết định"))
            if reason is None:
                return
            self.ctx.act(self, self.file.rule_difference, self.stack.key(), diff.number, choice, reason)
        self.refresh()

    def focus_first(self) -> None:
        self.stack.focus_grid()

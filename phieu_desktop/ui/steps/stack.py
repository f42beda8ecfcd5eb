"""Typing a stack of paper ballots: the grid that mirrors the ballot, the keys, the counter, Enter to commit.

Used twice: by the entry step (first entries) and by the verification step (the same stack again)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.entry import key_names, legend, mark_text
from ...domain.marks import CROSSED_OUT, MULTIPLE, NO_MARK, NOT_ISSUED
from ..context import FAILED, SessionContext
from ..models.ballot_model import BallotModel, foreign_text
from .base import BAD_COLOUR, OK_COLOUR, note


def _halves(text: str) -> list[str]:
    """The text on two lines, broken at the space nearest its middle ("Đánh dấu" / "nhiều ô"); a word stays whole."""
    words = text.split()
    if len(words) < 2:
        return [text]
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return [" ".join(words[:best]), " ".join(words[best:])]


class BallotGrid(QTableView):
    """The table that receives the keys: one key per person, the cursor moves on by itself."""

    commit_requested = Signal()
    typed = Signal()
    cleared = Signal(int, bool)  # Esc: how many persons had been typed, whether it was a whole "not issued" ballot
    not_a_key = Signal(str)  # a printable character that is no code of this ballot (said at once, never ignored)
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ballotGrid")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)  # a long position takes two lines (see StackEntry._fit_rows), never "…"
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.accepting = True

    def ballot(self) -> BallotModel:
        return self.model()  # type: ignore[return-value]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        model = self.ballot()
        key = event.key()
        if model is None or not self.accepting:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.commit_requested.emit()
            self._follow()
            return
        if key == Qt.Key.Key_Escape:
            draft = model.draft
            typed, not_issued = draft.width - draft.missing, draft.not_issued
            model.clear()
            self._follow()
            self.cleared.emit(typed, not_issued)
            event.accept()
            return
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Left):
            model.back()
        elif key == Qt.Key.Key_Up:
            model.move(-1)
        elif key == Qt.Key.Key_Down:
            model.move(1)
        elif event.text() and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier,
                                                    Qt.KeyboardModifier.KeypadModifier):
            text = event.text()
            if not text.isprintable() or text.isspace():
                super().keyPressEvent(event)
                return
            if not model.draft.is_key(text):  # said at once; never a keyboard search that moves the focus frame
                event.accept()
                self.not_a_key.emit(text)
                return
            model.press(text)
        else:
            super().keyPressEvent(event)
            return
        self._follow()
        self.typed.emit()
        event.accept()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.resized.emit()

    def _follow(self) -> None:
        model = self.ballot()
        row = min(model.draft.cursor, model.rowCount() - 1)
        self.setCurrentIndex(model.index(row, 0))  # the focus frame sits on the row being typed
        ahead = min(row + 3, model.rowCount() - 1)  # keep the next rows in sight, as the eye runs ahead on paper
        self.scrollTo(model.index(ahead, 0), QAbstractItemView.ScrollHint.EnsureVisible)
        self.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)


class StackEntry(QWidget):
    """One paper at a time: choose the paper, type each ballot, Enter commits through `commit`."""

    paper_changed = Signal(str)
    committed = Signal(int)

    def __init__(self, ctx: SessionContext, commit: Callable, count: Callable[[str], int],
                 total: Callable[[str], int | None], counter_text: Callable[[int, int], str],
                 blocker: Callable[[str], str | None], finished: Callable[[str], str] | None = None,
                 parent: QWidget | None = None) -> None:
        """`finished(key)`: the success sentence, naming the next step, once every ballot of the paper is in."""
        super().__init__(parent)
        self.ctx = ctx
        self._commit, self._count, self._total, self._counter_text, self._blocker = (
            commit, count, total, counter_text, blocker)
        self._finished = finished
        self._model_for: tuple | None = None
        self._file_for: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.paper_label = QLabel(self.tr("&Loại phiếu:"))
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper_label.setBuddy(self.paper)
        self.paper.currentIndexChanged.connect(self._paper_chosen)
        # chosen by the user (Alt+L, ↓ or a click): the keys that follow are marks, so the grid takes them
        self.paper.activated.connect(lambda _index: QTimer.singleShot(0, self.focus_grid))
        top.addWidget(self.paper_label)
        top.addWidget(self.paper, 1)
        self.counter = note(size=22, bold=True)
        self.counter.setObjectName("counter")
        self.counter.setWordWrap(False)
        top.addWidget(self.counter)
        layout.addLayout(top)
        self.legend = QLabel()
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.legend)
        self.grid = BallotGrid()
        self.grid.commit_requested.connect(self.commit)
        self.grid.typed.connect(self._show_progress)
        self.grid.cleared.connect(self._say_cleared)
        self.grid.not_a_key.connect(self._say_not_a_key)
        self.grid.horizontalHeader().sectionResized.connect(self._fit_rows)
        self.grid.resized.connect(self._fit_columns)
        layout.addWidget(self.grid, 1)
        self.status = note(size=12)
        self.status.setObjectName("entryStatus")
        layout.addWidget(self.status)

    # --- which paper ---

    def key(self) -> str | None:
        return self.paper.currentData()

    def _paper_chosen(self) -> None:
        if self.ctx.file is not None and self.key() is not None:
            self.refresh()
            self.paper_changed.emit(self.key())

    def set_paper(self, key: str) -> None:
        index = self.paper.findData(key)
        if index >= 0:
            self.paper.setCurrentIndex(index)

    # --- showing ---

    def refresh(self) -> None:
        file = self.ctx.file
        s = file.session
        keys = [p.key for p in s.papers]
        if [self.paper.itemData(i) for i in range(self.paper.count())] != keys or self._file_for != id(file):
            self._file_for = id(file)
            self.paper.blockSignals(True)
            self.paper.clear()
            for p in s.papers:
                self.paper.addItem(p.title, p.key)
            self.paper.blockSignals(False)
            self.paper.setCurrentIndex(keys.index(self._paper_in_hand(keys)))
        single = len(keys) == 1
        self.paper.setVisible(not single)
        self.paper_label.setVisible(not single)
        key = self.key()
        paper = s.paper(key)
        if self._model_for != (id(file), key):
            self._model_for = (id(file), key)
            model = BallotModel(s.regime, paper.persons, self.grid)
            self.grid.setModel(model)
            self._size_columns(model)
            self.legend.setText("  ·  ".join(f"<b>{k}</b> {meaning}" for k, meaning in legend(s.regime)))
        blocked = self._blocker(key)
        count, total = self._count(key), self._total(key) or 0
        done = self._done_text(key) if blocked is not None else None
        self.grid.accepting = blocked is None
        self.grid.setEnabled(blocked is None or done is not None)  # a finished stack keeps its read-back legible
        self.counter.setText(self._counter_text(min(count + 1, total), total) if blocked is None else
                             f"{count} / {total}")
        if done is not None:
            self.status.setText(done)
            self.status.setStyleSheet(f"color: {OK_COLOUR};")
        elif blocked is not None:
            self.status.setText(blocked)
            self.status.setStyleSheet(f"color: {BAD_COLOUR};")
        else:
            self._show_progress()

    def _paper_in_hand(self, keys: list[str]) -> str:
        """The paper to show on opening: one started and not finished (the stack in hand), else the first not
        finished, else the first."""
        waiting = [k for k in keys if (self._total(k) or 0) > self._count(k)]
        started = [k for k in waiting if self._count(k) > 0]
        return (started or waiting or keys)[0]

    def _done_text(self, key: str) -> str | None:
        """The success sentence when this paper's stack is complete (not when locked or not yet started)."""
        file = self.ctx.file
        total = self._total(key) or 0
        if self._finished is None or file is None or file.locked or total == 0 or self._count(key) < total:
            return None
        return self._finished(key)

    def _say_not_a_key(self, text: str) -> None:
        regime = self.ctx.file.session.regime if self.ctx.file is not None else None
        keys = key_names(regime) if regime is not None else ""
        self.status.setText(self.tr("“{key}” không phải mã phiếu; dùng {keys} (hoặc “-” nếu cả phiếu không do BKP "
                                    "phát ra).").format(key=text, keys=keys))
        self.status.setStyleSheet(f"color: {BAD_COLOUR};")

    def _say_cleared(self, typed: int, not_issued: bool) -> None:
        """Esc: say what was cleared, so a slip of the finger is noticed at once."""
        width = self.grid.ballot().draft.width
        if not_issued:
            text = self.tr("Đã xóa phiếu đang nhập (phiếu không do BKP phát ra). Nhập lại phiếu này từ người đầu tiên.")
        elif typed:
            text = self.tr("Đã xóa phiếu đang nhập: {typed}/{width} người đã gõ bị xóa, chưa ghi gì. Nhập lại phiếu "
                           "này từ người đầu tiên.").format(typed=typed, width=width)
        else:
            text = self.tr("Phiếu đang nhập còn trống: không có gì để xóa.")
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {BAD_COLOUR};" if typed or not_issued else "")

    def _size_columns(self, model: BallotModel) -> None:
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        bold = QFont(self.grid.font())
        bold.setBold(True)  # the row being typed is bold: the longest name must fit in bold too
        names = QFontMetrics(bold)
        levels = model.columnCount() - 4
        heading = QFontMetrics(header.font())
        title = heading.horizontalAdvance(str(model.headerData(0, Qt.Orientation.Horizontal))) + 12
        self._flexible = {0: (max([names.horizontalAdvance(p.name) for p in model.persons] + [120]) + 16,
                              max([names.horizontalAdvance(half) for p in model.persons for half in _halves(p.name)]
                                  + [title - 16]) + 16)}  # the name: on two lines where the screen is narrow
        self.grid.setColumnWidth(0, self._flexible[0][0])
        for col in range(2, 2 + levels):  # as wide as the level's name in the header ("Tín nhiệm"), no wider
            lines = str(model.headerData(col, Qt.Orientation.Horizontal)).split("\n")
            self.grid.setColumnWidth(col, max([heading.horizontalAdvance(line) for line in lines] + [44]) + 14)
        # the invalid and read-back columns: as wide as their longest text in bold ("Không đánh dấu", "Tín nhiệm",
        # "Phiếu lạ"), never "Không đánh…"; where the screen is narrow (1366×768 at 125 %) as wide as their longest
        # half, the text on two lines of a taller row (_fit_columns)
        plain = QFontMetrics(self.grid.font())
        invalid = [mark_text(code) for code in (NO_MARK, MULTIPLE, CROSSED_OUT)] + [foreign_text()]
        for col, cells, metrics in ((2 + levels, invalid, names),  # a marked invalid cell is bold
                                    (3 + levels, invalid + [mark_text(lv.code) for lv in model.levels], plain)):
            lines = str(model.headerData(col, Qt.Orientation.Horizontal)).split("\n")
            headings = [heading.horizontalAdvance(line) for line in lines]
            wide = max(headings + [metrics.horizontalAdvance(text) for text in cells]) + 12
            narrow = max(headings + [max(metrics.horizontalAdvance(half) for half in _halves(text))
                                     for text in cells]) + 12
            self._flexible[col] = (wide, narrow)
        self.grid.verticalHeader().setDefaultSectionSize(30)
        self._narrow = None
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The name, invalid and read-back columns wide (one line) when the grid has room for them and a position of
        a hundred pixels; else, one after the other until they fit, the read-back, then the invalid, and the name
        last, narrow (two lines): the name is what the room reads, and never a column behind a horizontal scroll
        bar."""
        model = self.grid.model()
        if model is None or not getattr(self, "_flexible", None):
            return
        fixed = sum(self.grid.columnWidth(col) for col in range(model.columnCount())
                    if col != 1 and col not in self._flexible)
        widths = {col: wide for col, (wide, _narrow) in self._flexible.items()}
        for col in sorted(self._flexible, reverse=True):  # read-back, invalid, then the name (column 0)
            if fixed + sum(widths.values()) + 100 <= self.grid.viewport().width():
                break
            widths[col] = self._flexible[col][1]
        narrow = tuple(col for col in sorted(widths) if widths[col] != self._flexible[col][0])
        if narrow != self._narrow:
            self._narrow = narrow
            for col, width in widths.items():
                self.grid.setColumnWidth(col, width)
        self._fit_rows()

    def _fit_rows(self, *_args) -> None:
        """A long position wraps onto a second line of its row instead of being cut ("Phó Hiệu trư…"); rows are two
        lines high where the invalid and read-back columns are narrow."""
        model = self.grid.model()
        if model is None:
            return
        bold = QFont(self.grid.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        width = max(40, self.grid.columnWidth(1) - 10)
        least = 2 * metrics.lineSpacing() + 8 if getattr(self, "_narrow", False) else 30
        for row, person in enumerate(model.persons):
            height = metrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap),
                                          person.position).height()
            self.grid.setRowHeight(row, max(least, height + 8))

    def _show_progress(self) -> None:
        draft = self.grid.ballot().draft
        self.status.setStyleSheet("")
        if draft.not_issued:
            self.status.setText(self.tr("Cả phiếu không do Ban kiểm phiếu phát ra: không hợp lệ với mọi người. "
                                        "Enter để ghi, Esc để xóa."))
        elif draft.complete:
            self.status.setText(self.tr("Đã nhập đủ {n} người. Đọc lại rồi nhấn Enter để ghi phiếu.").format(
                n=draft.width))
        else:
            self.status.setText(self.tr("Còn {missing}/{width} người chưa nhập.").format(
                missing=draft.missing, width=draft.width))

    # --- acting ---

    def not_issued(self) -> None:
        if self.grid.accepting:
            self.grid.ballot().press(NOT_ISSUED)
            self._show_progress()
            self.grid.setFocus()

    def commit(self) -> None:
        draft = self.grid.ballot().draft
        if not draft.complete:
            self.status.setText(self.tr("Còn {missing} người chưa nhập: chưa ghi được phiếu.").format(
                missing=draft.missing))
            self.status.setStyleSheet(f"color: {BAD_COLOUR};")
            return
        marks = draft.text()
        number = self.ctx.act(self, self._commit, self.key(), marks)
        if number is FAILED:
            return
        self.grid.ballot().committed(number, marks)
        self.refresh()
        finished = self.key()
        if self._blocker(finished) is not None:  # this paper is done: go on to the next one with ballots left
            following = [p.key for p in self.ctx.file.session.papers if self._blocker(p.key) is None]
            if following:
                self.set_paper(following[0])
                self.status.setText(self.tr("Đã nhập xong phiếu “{done}”; tiếp theo: phiếu “{next}”.").format(
                    done=self.ctx.file.session.paper(finished).title,
                    next=self.ctx.file.session.paper(following[0]).title))
                self.status.setStyleSheet(f"color: {OK_COLOUR};")
        self.grid.setFocus()
        self.committed.emit(number)

    def focus_grid(self) -> None:
        self.grid.setFocus()

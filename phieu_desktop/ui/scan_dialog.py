"""Quét phiếu: the scanner pre-fills, a person confirms every ballot.

The straightened sheet stands beside the usual entry grid, filled with what the scanner read; doubtful rows are
highlighted. The usual keys correct a row (arrows to move, 1/2/3, 0, 9, X), Enter confirms: only then does the
ballot become an entry, through the same store call as typing, audited with its images' SHA-256.

The stack is read on a worker thread (scan.stack.stream_stack, the same reader as `phieu scan`): the first ballot is
shown as soon as its last sheet is read, while the rest are still read; pages set aside are listed as they come."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.entry import legend
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.regime import Regime
from ..domain.work import Cancelled, Ticker
from ..scan.reading import NoBallot, straightened
from ..scan.sources import check_stack, pages
from ..scan.stack import BallotReading, SetAside, stream_stack
from ..scanning import check_confirmed, enter_confirmed, keep_image, paper_template
from .context import FAILED, SessionContext
from .models.ballot_model import BallotModel
from .steps.base import BAD_COLOUR, heading, note
from .steps.stack import BallotGrid

DOUBTFUL = QColor("#FFB454")


class ScannedBallotModel(BallotModel):
    """The entry grid pre-filled with a reading; doubtful rows stand out until a key is pressed on them."""

    def __init__(self, regime: Regime, persons, marks: str, doubtful: list[int], parent=None) -> None:
        super().__init__(regime, persons, parent)
        self.draft.marks = list(marks)
        self.doubtful = set(doubtful)
        self.draft.cursor = min(doubtful) if doubtful else len(persons)

    def press(self, ch: str) -> bool:
        row = min(self.draft.cursor, len(self.persons) - 1)
        done = super().press(ch)
        if done:
            self.doubtful.discard(row)
        return done

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.row() in self.doubtful
                and index.column() < 2):
            return QBrush(DOUBTFUL)
        return super().data(index, role)


class StackReader(QThread):
    """Reads the stack off the window's thread and hands on each ballot (or page set aside) as it comes."""

    found = Signal(object)  # a BallotReading or a SetAside
    progressed = Signal(int)  # pages read so far
    failed = Signal(str)

    def __init__(self, paths: list[Path], template) -> None:
        super().__init__()
        self.paths, self.template = paths, template
        self.stop = threading.Event()

    def run(self) -> None:
        ticker = Ticker(progress=lambda done, _total, _text: self.progressed.emit(done), should_stop=self.stop.is_set)
        try:
            for item in stream_stack(pages(self.paths), self.template, ticker=ticker):
                self.found.emit(item)
        except Cancelled:
            pass
        except PhieuError as err:
            self.failed.emit(str(err))


class ScanDialog(QDialog):
    """Read `paths`, then walk the person through every ballot read."""

    def __init__(self, ctx: SessionContext, key: str, paths: list[Path], parent: QWidget | None = None,
                 second: bool = False) -> None:
        """`second`: the verification pass (each confirmed ballot becomes the next ballot's second entry)."""
        super().__init__(parent)
        self.ctx, self.key = ctx, key
        self.commit = check_confirmed if second else enter_confirmed
        self.setWindowTitle(_("Quét phiếu – kiểm tra lại") if second else _("Quét phiếu"))
        self.resize(1320, 720)
        file = ctx.file
        self.template = paper_template(file, key)
        self.paper = file.session.paper(key)
        self.regime = file.session.regime
        check_stack(paths)  # every limit known up front (file sizes, pages) refused before the dialog opens
        self.ballots: list[BallotReading] = []
        self.set_aside: list[SetAside] = []
        self.pages_read = 0
        self.reading = True
        self.position = 0
        self.entered = 0
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(_("Quét phiếu – {title}").format(title=self.paper.title)))
        self.counter = note(size=18, bold=True)
        self.counter.setObjectName("scanCounter")
        top.addStretch(1)
        top.addWidget(self.counter)
        layout.addLayout(top)
        self.problems = note(size=11)
        self.problems.setObjectName("scanProblems")
        self.problems.setStyleSheet(f"color: {BAD_COLOUR};")
        self.problems.setWordWrap(True)
        self.problems.setVisible(False)
        layout.addWidget(self.problems)
        body = QHBoxLayout()
        self.sheets = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.sheets)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setMinimumWidth(560)
        body.addWidget(scroll, 1)
        right = QVBoxLayout()
        self.legend = QLabel("  ·  ".join(f"<b>{k}</b> {meaning}" for k, meaning in legend(self.regime)[:-2]))
        self.legend.setWordWrap(True)
        right.addWidget(self.legend)
        self.grid = BallotGrid()
        self.grid.setObjectName("scanGrid")
        self.grid.commit_requested.connect(self.confirm)
        self.grid.typed.connect(self._show_status)
        right.addWidget(self.grid, 1)
        self.status = note(size=12)
        self.status.setObjectName("scanStatus")
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(_("&Xác nhận và ghi (Enter)"))
        self.accept_button.setObjectName("scanAccept")
        self.accept_button.clicked.connect(self.confirm)
        self.skip_button = QPushButton(_("&Bỏ qua phiếu này (nhập tay sau)"))
        self.skip_button.setObjectName("scanSkip")
        self.skip_button.clicked.connect(self.skip)
        self.stop_button = QPushButton(_("&Dừng đọc"))
        self.stop_button.setObjectName("scanStop")
        self.stop_button.clicked.connect(self.stop_reading)
        close = QPushButton(_("Đó&ng"))
        close.clicked.connect(self.reject)
        for button in (self.accept_button, self.skip_button, self.stop_button, close):
            buttons.addWidget(button)
        right.addLayout(buttons)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)
        self.reader = StackReader(paths, self.template)
        self.reader.found.connect(self._found, Qt.ConnectionType.QueuedConnection)
        self.reader.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.reader.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.reader.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._show()
        self.reader.start()

    # --- reading (on the worker thread; the results arrive here one by one) ---

    def _found(self, item) -> None:
        if isinstance(item, SetAside):
            self.set_aside.append(item)
            self.problems.setText("\n".join(_("Để riêng: {reason}").format(reason=s.reason) for s in self.set_aside))
            self.problems.setVisible(True)
            return
        self.ballots.append(item)
        if len(self.ballots) == self.position + 1:  # the person was waiting for this one
            self._show()
        else:
            self._show_counter()

    def _progressed(self, count: int) -> None:
        self.pages_read = count
        self._show_counter()

    def _failed(self, message: str) -> None:
        self.set_aside.append(SetAside("", 0, message))
        self.problems.setText("\n".join(s.reason for s in self.set_aside))
        self.problems.setVisible(True)

    def _finished(self) -> None:
        self.reading = False
        self.stop_button.setEnabled(False)
        if self.current() is None:
            self._show()
        else:
            self._show_counter()

    def stop_reading(self) -> None:
        """Stop after the page being read; the ballots already read stay to be confirmed."""
        self.reader.stop.set()
        self.stop_button.setEnabled(False)

    def done(self, result: int) -> None:  # closing stops the reading first; nothing half-read is entered
        self.reader.stop.set()
        self.reader.wait()
        super().done(result)

    def _show_counter(self) -> None:
        total = len(self.ballots)
        text = _("Phiếu quét {n} / {total}").format(n=min(self.position + 1, total) if total else 0, total=total)
        if self.reading:
            text += _(" (đang đọc trang {n}…)").format(n=self.pages_read + 1)
        self.counter.setText(text)

    # --- one ballot ---

    def current(self) -> BallotReading | None:
        return self.ballots[self.position] if self.position < len(self.ballots) else None

    def _show(self) -> None:
        ballot = self.current()
        while self.sheets.count():
            widget = self.sheets.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        total = len(self.ballots)
        self._show_counter()
        done = ballot is None
        self.accept_button.setEnabled(not done)
        self.skip_button.setEnabled(not done)
        self.grid.accepting = not done
        self.grid.setEnabled(not done)
        if done and self.reading:
            self.status.setText(_("Đang đọc các trang đã quét; phiếu tiếp theo hiện ra ngay khi đọc xong."))
            return
        if done:
            self.status.setText(_("Đã xác nhận và ghi {n} phiếu; {left} phiếu bỏ qua.").format(
                n=self.entered, left=total - self.entered))
            return
        for sheet in ballot.sheets:
            label = QLabel()
            label.setObjectName("scanImage")
            label.setPixmap(_sheet_pixmap(sheet.page))
            label.setToolTip(sheet.page.where)
            self.sheets.addWidget(label)
            self.sheets.addWidget(note(sheet.page.where + (_(" (lật ngược, đã xoay lại)")
                                                           if sheet.reading.upside_down else ""), size=10))
        model = ScannedBallotModel(self.regime, self.paper.persons, ballot.marks, ballot.doubtful, self.grid)
        self.grid.setModel(model)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.grid.setColumnHidden(model.columnCount() - 1, True)  # no read-back column: the sheet is beside it
        self.grid.setFocus()
        self._show_status()

    def _show_status(self) -> None:
        model = self.grid.model()
        if model is None:
            return
        doubtful = sorted(model.doubtful)
        if doubtful:
            rows = ", ".join(str(r + 1) for r in doubtful)
            self.status.setText(_("Dòng cần xem kỹ (tô cam): {rows}. Nhìn phiếu giấy, gõ phím đúng cho từng dòng đó "
                                  "(↑ ↓ để đến dòng), rồi nhấn Enter.").format(rows=rows))
        else:
            self.status.setText(_("So từng dòng với phiếu giấy; sửa bằng ↑ ↓ và các phím nhập; Enter để xác nhận "
                                  "và ghi."))

    def confirm(self) -> None:
        ballot, model = self.current(), self.grid.model()
        if ballot is None or model is None or not model.draft.complete:
            return
        if model.doubtful:  # a person decides every doubtful row with a key, even when the reading was right
            model.draft.cursor = min(model.doubtful)
            model.layoutChanged.emit()
            self.status.setText(_("Chưa ghi: dòng {rows} cần người quyết định. Nhìn phiếu giấy và gõ phím đúng cho "
                                  "dòng đó (kể cả khi máy đọc đúng), rồi nhấn Enter.").format(
                rows=", ".join(str(r + 1) for r in sorted(model.doubtful))))
            return
        file = self.ctx.file
        images = [keep_image(file, sheet.page) for sheet in ballot.sheets]
        number = self.ctx.act(self, self.commit, file, self.key, model.draft.text(), images, ballot.marks)
        if number is FAILED:
            return
        self.entered += 1
        self.position += 1
        self._show()

    def skip(self) -> None:
        self.position += 1
        self._show()


def _sheet_pixmap(page, width: int = 540) -> QPixmap:
    try:
        image = straightened(page.load())[0]
    except NoBallot:
        image = page.load().convert("L")
    finally:
        page.image = None
    image = image.convert("L")
    data = image.tobytes()
    qimage = QImage(data, image.width, image.height, image.width, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(qimage).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)

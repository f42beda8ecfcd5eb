"""A second window for the projector: the running tally of one paper in large type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from .context import SessionContext
from .messages import explain
from .models.results_model import ResultsModel


class ProjectorWindow(QWidget):
    """Follows the paper the entry screen is on; F11 toggles full screen, Esc leaves it.

    It never takes the keyboard: ballot keys always go to the entry window (F5 there shows and hides this one)."""

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("projector")
        self.setWindowTitle(self.tr("Màn hình chiếu — kết quả kiểm phiếu"))
        self.ctx = ctx
        self.key: str | None = None
        self.setStyleSheet("QWidget#projector { background: white; } QLabel { color: #102040; }")
        layout = QVBoxLayout(self)
        self.title = self._label(26, bold=True)
        self.paper = self._label(22)
        self.progress = self._label(40, bold=True)
        self.progress.setObjectName("projectorProgress")
        for label in (self.title, self.paper, self.progress):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self.table = QTableView()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        font = QFont()
        font.setPointSize(20)
        self.table.setFont(font)
        self.table.horizontalHeader().setFont(font)
        self.table.verticalHeader().setFont(font)
        self.table.verticalHeader().setDefaultSectionSize(48)
        self.model: ResultsModel | None = None
        layout.addWidget(self.table, 1)
        self.basis = self._label(16)
        layout.addWidget(self.basis)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_full_screen)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.showNormal)
        ctx.changed.connect(self.refresh)
        ctx.opened.connect(self.refresh)
        self.resize(1280, 720)

    @staticmethod
    def _label(size: int, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        font = QFont()
        font.setPointSize(size)
        font.setBold(bold)
        label.setFont(font)
        return label

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def show_paper(self, key: str) -> None:
        self.key = key
        self.refresh()

    def refresh(self) -> None:
        file = self.ctx.file
        if file is None or not self.isVisible():
            return
        try:
            result = file.results()
        except Exception as err:  # changed behind the program's back: show the sentence, not a traceback
            self.progress.setText(explain(err))
            return
        paper = next((p for p in result.papers if p.key == self.key), result.papers[0])
        if self.model is None or self.model.regime is not result.regime:
            self.model = ResultsModel(result.regime, compact=True, parent=self)
            self.table.setModel(self.model)
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # whole names, whole figures
            header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        self.model.set_paper(paper)
        self.title.setText(file.session.title)
        self.paper.setText(self.tr("Phiếu “{title}”").format(title=paper.title))
        returned = paper.returned if paper.returned is not None else "—"
        if result.locked:
            self.progress.setText(self.tr("Đã kiểm {n} phiếu — ĐÃ NIÊM PHONG {fp}").format(
                n=paper.entered, fp=result.fingerprint))
        else:
            self.progress.setText(self.tr("Đã kiểm {n} / {returned} phiếu").format(n=paper.entered,
                                                                                   returned=returned))
        self.basis.setText(paper.basis.label)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refresh()

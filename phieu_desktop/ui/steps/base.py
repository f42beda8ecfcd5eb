"""What every step page shares: the session context, refresh when shown or when the file changed."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStyle, QVBoxLayout, QWidget

from ..context import SessionContext


class StepPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        ctx.changed.connect(self._changed)
        ctx.opened.connect(self._changed)

    @property
    def file(self):
        return self.ctx.file

    def _changed(self) -> None:
        if self.isVisible() and self.ctx.file is not None:
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.ctx.file is not None:
            self.refresh()

    def refresh(self) -> None:
        """Show what the file holds now."""

    def focus_first(self) -> None:
        """Put the keyboard focus where the user starts typing on this step."""


class Scrolled(QScrollArea):
    """A step's content that scrolls up and down when the screen is too short for it (a 1366×768 laptop at 125 %:
    614 pixels high) instead of squeezing its lines over each other; as wide as the content needs, never cut."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setWidget(content)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return QSize(self.widget().minimumSizeHint().width() + bar + 2, 120)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.widget().sizeHint().expandedTo(self.minimumSizeHint())


def scrolled_body(page: QWidget) -> QVBoxLayout:
    """The layout of `page`'s content, inside a vertical scroll (Scrolled) that fills the page."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    body = QWidget()
    body.setObjectName("stepBody")
    outer.addWidget(Scrolled(body))
    return QVBoxLayout(body)


def heading(text: str, size: int = 16) -> QLabel:
    label = QLabel(text)
    font = QFont()
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def note(text: str = "", colour: str | None = None, size: int | None = None, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    if size or bold:
        font = QFont()
        if size:
            font.setPointSize(size)
        font.setBold(bold)
        label.setFont(font)
    return label


OK_COLOUR = "#1B6E20"
BAD_COLOUR = "#B00020"

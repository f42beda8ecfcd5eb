"""Small widgets of the Prepare wizard: a line that takes Enter for itself, Vietnamese message boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QWidget

from ...domain.i18n import _


class EntryLine(QLineEdit):
    """Enter adds what was typed (`submitted`); on an empty line it goes on to the wizard's default button."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class EntryCombo(QComboBox):
    """An editable choice (a committee role) where Enter adds the row being typed instead of going on."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def problems_label() -> QLabel:
    label = QLabel()
    label.setObjectName("pageProblems")
    label.setWordWrap(True)
    label.setStyleSheet("color: #9B1C1C;")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def warnings_label() -> QLabel:
    label = QLabel()
    label.setObjectName("pageWarnings")
    label.setWordWrap(True)
    label.setStyleSheet("color: #7A4A00; background: #FFF6E0; padding: 4px;")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def message(parent: QWidget | None, title: str, text: str, error: bool = False) -> None:
    """A Vietnamese message with a Vietnamese button (Qt ships none for its own)."""
    box = QMessageBox(QMessageBox.Icon.Critical if error else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("prepareMessage")
    box.setTextFormat(Qt.TextFormat.PlainText)
    close = box.addButton(_("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(close)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """Ask before losing work; the safe answer (`no`) is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("prepareConfirm")
    box.setTextFormat(Qt.TextFormat.PlainText)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reject)
    box.setEscapeButton(reject)
    box.exec()
    return box.clickedButton() is accept

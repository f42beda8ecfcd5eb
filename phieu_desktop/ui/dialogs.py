"""Vietnamese message boxes and small input dialogs (Qt ships no Vietnamese texts for its own buttons)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.i18n import _


def ok_cancel(accept, reject, ok: str | None = None, cancel: str | None = None) -> QDialogButtonBox:
    """The dialog's two buttons in Vietnamese ("Đồng ý" by default, the default button; "Hủy")."""
    buttons = QDialogButtonBox()
    buttons.addButton(ok or _("Đồng ý"), QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    buttons.addButton(cancel or _("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(accept)
    buttons.rejected.connect(reject)
    return buttons


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("phieuMessage")
    return box


def error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    """A refusal or failure, as the one Vietnamese line the store raised."""
    box = _box(parent, QMessageBox.Icon.Critical, title or _("Không thực hiện được"), text)
    close = box.addButton(_("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(close)
    box.exec()


def info(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    close = box.addButton(_("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(close)
    box.exec()


def info_table(parent: QWidget | None, title: str, rows: list[tuple[str, str]]) -> None:
    """Two aligned columns (a key and what it does): a table, not tab stops that drift with the text's width."""
    import html

    cells = "".join(f"<tr><td style='padding-right:18px'><b>{html.escape(a)}</b></td><td>{html.escape(b)}</td></tr>"
                    for a, b in rows)
    box = _box(parent, QMessageBox.Icon.Information, title, f"<table cellspacing='2'>{cells}</table>")
    box.setTextFormat(Qt.TextFormat.RichText)
    close = box.addButton(_("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(close)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str | None = None, no: str | None = None,
            default_yes: bool = False) -> bool:
    """Ask before something that cannot be undone; the safe answer is the default unless told otherwise."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    accept = box.addButton(yes or _("Đồng ý"), QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton(no or _("Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept if default_yes else reject)
    box.setEscapeButton(reject)
    box.exec()
    return box.clickedButton() is accept


class FieldsDialog(QDialog):
    """A few labelled text fields with Vietnamese OK/Cancel; `values()` after `exec()`."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, fields: list[tuple[str, str]],
                 ok: str | None = None, check: Callable[[list[str]], str | None] | None = None,
                 cancel: str | None = None) -> None:
        """`check(values)`: None to close, or the sentence to show in the dialog, which then stays open with
        everything typed (a refusal never makes the user start over)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("phieuFields")
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.edits: list[QLineEdit] = []
        for caption, value in fields:
            edit = QLineEdit(value)
            edit.setMinimumWidth(420)
            form.addRow(caption, edit)
            self.edits.append(edit)
        layout.addLayout(form)
        self.check = check
        self.problem = QLabel()
        self.problem.setObjectName("fieldsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #B00020;")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self._accept, self.reject, ok, cancel))

    def values(self) -> list[str]:
        return [edit.text() for edit in self.edits]

    def _accept(self) -> None:
        problem = self.check(self.values()) if self.check is not None else None
        if problem:
            self.problem.setText(problem)
            return
        self.accept()


def ask_fields(parent: QWidget | None, title: str, prompt: str, fields: list[tuple[str, str]],
               ok: str | None = None, check: Callable[[list[str]], str | None] | None = None,
               cancel: str | None = None) -> list[str] | None:
    dialog = FieldsDialog(parent, title, prompt, fields, ok, check, cancel)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()


def ask_choice(parent: QWidget | None, title: str, prompt: str, items: list[str], ok: str | None = None,
               cancel: str | None = None) -> int | None:
    """One of `items` chosen in a list (the first selected; Enter takes it); its index, or None when cancelled.
    Tests replace this function."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setObjectName("phieuChoice")
    layout = QVBoxLayout(dialog)
    label = QLabel(prompt)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(label)
    choices = QListWidget()
    choices.setObjectName("choices")
    choices.addItems(items)
    choices.setCurrentRow(0)
    choices.itemDoubleClicked.connect(dialog.accept)
    layout.addWidget(choices)
    layout.addWidget(ok_cancel(dialog.accept, dialog.reject, ok, cancel))
    choices.setFocus()
    if dialog.exec() != QDialog.DialogCode.Accepted or choices.currentRow() < 0:
        return None
    return choices.currentRow()


def ask_reason(parent: QWidget | None, title: str, prompt: str, default: str = "", ok: str | None = None,
               check: Callable[[list[str]], str | None] | None = None, cancel: str | None = None) -> str | None:
    values = ask_fields(parent, title, prompt, [(_("Lý do:"), default)], ok, check, cancel)
    return None if values is None else values[0]


def save_path(parent: QWidget | None, title: str, suggested: str, pattern: str) -> str | None:
    """Where to write a new file; None when cancelled. Tests replace this function."""
    from .file_choice import save_file

    return save_file(parent, title, suggested, pattern)


def open_path(parent: QWidget | None, title: str, folder: str, pattern: str) -> str | None:
    """Which existing file to open; None when cancelled. Tests replace this function."""
    from .file_choice import open_file

    return open_file(parent, title, pattern, folder)


def free_area(window: QWidget) -> QRect | None:
    """The screen's area without the taskbar, where `window` opens. Tests replace this (offscreen is 800×800)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a top-level window `width`×`height`, never beyond its screen's free area with room for the title bar the
    system adds: a 1366×768 window on a 1366×768 laptop opened with its bottom below the screen (issue 26)."""
    area = free_area(window)
    if area is None:
        window.resize(width, height)
        return
    w, h = min(width, area.width() - 16), min(height, area.height() - 48)
    window.resize(w, h)
    window.move(area.x() + (area.width() - w) // 2, area.y() + max(0, (area.height() - h - 40) // 2))

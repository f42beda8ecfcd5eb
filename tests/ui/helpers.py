"""Keyboard helpers and modal dialogs answered as a user would (shared by the window tests)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Vietnamese included (keyClicks aborts on non-ASCII): one key event per character.

    The events are built here: QTest.sendKeyEvent's `char` overload keeps only the first UTF-8 byte of "ế" with
    PySide6 6.8 (the Windows build), so the text would not be what a keyboard types."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def key(widget: QWidget, k: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, k, modifier)


def replace_text(edit: QLineEdit, text: str) -> None:
    """Select all and type over it, as a user would with Ctrl+A."""
    edit.setFocus()
    key(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(edit, Qt.Key.Key_Delete)
    type_text(edit, text)


def _text(widget: QWidget) -> str:
    """What a widget says, when it has a text() method (a page may name an attribute `text`)."""
    method = getattr(widget, "text", None)
    try:
        value = method() if callable(method) else None
    except TypeError:
        return ""
    return value if isinstance(value, str) else ""


class Dialogs:
    """Answers the next modal dialogs in order; each answer gets the dialog widget. Records what they said."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.answers: list[Callable[[QWidget], None]] = []
        self.seen: list[str] = []
        self.active = False
        self.unexpected: list[str] = []
        self.answered: list[QWidget] = []  # dialogs already handed to an answer (they may stay open a while)
        self.suspect: QWidget | None = None
        self.progress = False  # the progress dialog of long work comes and goes by itself: answered only if asked
        self.timer = QTimer()
        self.timer.timeout.connect(self.guard)
        self.timer.start(300)

    def expect(self, *answers: Callable[[QWidget], None]) -> None:
        self.answers.extend(answers)
        if not self.active:
            self.active = True
            QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or self._was_answered(dialog) or self._passing(dialog):
            QTimer.singleShot(5, self._poll)
            return
        self.answered.append(dialog)
        answer = self.answers.pop(0)
        texts = [_text(dialog)] + [_text(w) for w in dialog.findChildren(QWidget)]
        self.seen.append("\n".join(t for t in texts if t))
        if self.answers:  # before answering: the answer may open the next dialog and wait inside it
            QTimer.singleShot(5, self._poll)
        else:
            self.active = False
        answer(dialog)

    def _passing(self, dialog: QWidget) -> bool:
        from PySide6.QtWidgets import QProgressDialog

        return isinstance(dialog, QProgressDialog) and not self.progress

    def _was_answered(self, dialog: QWidget) -> bool:
        return any(dialog is done for done in self.answered)

    def guard(self) -> None:
        """A dialog nobody expected would block the test forever: record what it said and close it.

        Only one seen on two ticks in a row, never answered and with no answer waiting."""
        dialog = QApplication.activeModalWidget()
        if (dialog is None or not dialog.isVisible() or self.answers or self._was_answered(dialog)
                or self._passing(dialog)):
            self.suspect = None
            return
        if self.suspect is not dialog:
            self.suspect = dialog
            return
        self.unexpected.append(getattr(dialog, "text", lambda: "")() or dialog.windowTitle())
        dialog.close()

    def wait_done(self) -> None:
        self.qtbot.waitUntil(lambda: not self.answers and QApplication.activeModalWidget() is None)




def press_enter(dialog: QWidget) -> None:
    key(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def fill_and_enter(*values: str | None) -> Callable[[QWidget], None]:
    """Type into the dialog's text fields in order (None leaves a field as it is), then Enter."""

    def answer(dialog: QWidget) -> None:
        edits = dialog.findChildren(QLineEdit)
        for edit, value in zip(edits, values):
            if value is not None:
                replace_text(edit, value)
        key(edits[0], Qt.Key.Key_Return)

    return answer


def press_button(text: str) -> Callable[[QWidget], None]:
    """Move to the button whose text contains `text` and press Space on it."""

    def answer(dialog: QWidget) -> None:
        button = next(b for b in dialog.findChildren(QAbstractButton) if text in b.text().replace("&", ""))
        button.setFocus()
        key(button, Qt.Key.Key_Space)

    return answer


def open_menu_and_choose(button: QWidget, name: str) -> None:
    """Space on a button that opens a menu, then the menu's entry `name` (its objectName) with the arrows and Enter,
    as a user would; the menu runs its own loop, so the choice is made from a timer."""
    from PySide6.QtWidgets import QMenu

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(5, choose)
            return
        actions = [a for a in menu.actions() if not a.isSeparator()]
        target = next(a for a in actions if a.objectName() == name)
        menu.setActiveAction(actions[0])
        for _step in range(actions.index(target)):
            key(menu, Qt.Key.Key_Down)
        key(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    button.setFocus()
    key(button, Qt.Key.Key_Space)


def answer_menu(letter: Qt.Key, then: Callable[[QWidget], None] | None = None) -> None:
    """The next menu that pops up gets the key `letter` (its entry's underlined letter); `then(menu)` first."""
    from PySide6.QtWidgets import QMenu

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(5, choose)
            return
        if then is not None:
            then(menu)
        key(menu, letter)

    QTimer.singleShot(0, choose)

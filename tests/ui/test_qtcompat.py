"""PySide6 6.12.0 drops a reference to True on every Signal.emit()/disconnect(); the fix gives it back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from phieu_desktop.ui.qtcompat import install


class Emitter(QObject):
    plain = Signal()
    number = Signal(int)


def test_emit_and_disconnect_keep_true_alive():
    install()
    emitter = Emitter()

    def slot(*_args) -> None:
        return None

    before = sys.getrefcount(True)
    for _ in range(2000):  # more than True's references at start: without the fix, the interpreter aborts
        emitter.plain.emit()
        emitter.number.emit(1)
        emitter.plain.connect(slot)
        emitter.plain.disconnect(slot)
    assert abs(sys.getrefcount(True) - before) < 10  # without the fix: 6000 fewer

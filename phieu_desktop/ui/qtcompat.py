"""Work-arounds for the Qt binding, each with the reason it exists.

PySide6 6.12.0 on CPython 3.11 (where True is not immortal): `SignalInstance.emit()` and `.disconnect()` return
True without owning a reference to it, so every call from Python takes one reference away from True; after a few
hundred signals the interpreter aborts ("Fatal Python error: bool_dealloc"). `install()` measures whether this
binding has the bug and only then wraps the two methods so each call gives the reference back. Idempotent (a
patched binding measures as fixed); the main window and the Prepare wizard each call it before using signals.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _takes_a_reference(action, times: int = 8) -> bool:
    before = sys.getrefcount(True)
    for _ in range(times):
        action()
    return sys.getrefcount(True) <= before - times


def _give_back(original):
    def method(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if result is True:
            _incref(True)
        return result

    method.__name__ = original.__name__
    method.__doc__ = original.__doc__
    return method


def install() -> None:
    """Patch `emit` and `disconnect` when (and only when) they lose references to True."""
    probe = _Probe()

    def slot() -> None:
        return None

    def connect_disconnect() -> None:
        probe.ping.connect(slot)
        probe.ping.disconnect(slot)

    if _takes_a_reference(probe.ping.emit):
        SignalInstance.emit = _give_back(SignalInstance.emit)
        for _ in range(8):  # what the probe itself took
            _incref(True)
    if _takes_a_reference(connect_disconnect):
        SignalInstance.disconnect = _give_back(SignalInstance.disconnect)
        for _ in range(8):
            _incref(True)


_SINGLETONS = (None, True, False)


def singleton_references() -> tuple[int, ...]:
    """How many references None, True and False hold now (for `give_back`)."""
    return tuple(sys.getrefcount(obj) for obj in _SINGLETONS)


def give_back(before: tuple[int, ...]) -> None:
    """Return to None/True/False the references the binding's test helpers took since `before`.

    PySide6 6.12's `QApplication.processEvents()` and `QTest.keyClick()` lose a reference to None on each call
    (CPython 3.11: None is not immortal), which the test suite and the benchmark call thousands of times; the
    running program never calls them. An extra reference to a singleton costs nothing; a missing one aborts."""
    for obj, was in zip(_SINGLETONS, before):
        for _ in range(was - sys.getrefcount(obj)):
            _incref(obj)

"""Work around a reference-count bug in PySide6 6.12.0: `SignalInstance.emit()` and `.disconnect()` return
`True` without a reference of their own, so every call from Python takes one reference away from `True`.
`True` starts with a few hundred references: after that many emits the interpreter aborts with
"Fatal Python error: bool_dealloc: deallocating True or False" (mid-session, or at exit).

`install()` measures whether this PySide6 has the bug and, only then, wraps the two methods so each call gives
the reference back. It is idempotent and does nothing on a fixed PySide6.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None
_installed = False


class _Probe(QObject):
    ping = Signal()


def _leaks(action, times: int = 8) -> bool:
    before = sys.getrefcount(True)
    for _ in range(times):
        action()
    return sys.getrefcount(True) == before - times


def _give_back(original):
    def method(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if result is True:
            _incref(True)
        return result

    method.__name__ = original.__name__
    method.__doc__ = original.__doc__
    return method


def install() -> bool:
    """Patch the leaking methods if this PySide6 leaks; True when a patch is (now or already) in place."""
    global _installed
    if _installed:
        return True
    probe = _Probe()

    def slot() -> None:
        return None

    emit_leaks = _leaks(probe.ping.emit)

    def connect_disconnect() -> None:
        probe.ping.connect(slot)
        probe.ping.disconnect(slot)

    disconnect_leaks = _leaks(connect_disconnect)
    if emit_leaks:
        SignalInstance.emit = _give_back(SignalInstance.emit)
    if disconnect_leaks:
        SignalInstance.disconnect = _give_back(SignalInstance.disconnect)
    _installed = emit_leaks or disconnect_leaks
    return _installed

"""Run a long job off the window's thread, with a progress dialog and a cancel button (the window never freezes).

`run(parent, label, job)` calls `job(ticker)` (a Qt-free function, see `domain.work`) on a worker thread and shows a
window-modal progress dialog meanwhile; it returns the job's result, or raises what the job raised (Cancelled when
the user pressed "Dừng"), on the window's thread, so callers keep their usual `try … except PhieuError` and
`SessionContext.act`. The dialog is modal so the user cannot touch the session while a job uses it; a job must not
touch widgets (it runs on another thread): it reports through its ticker only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..domain.i18n import _
from ..domain.work import Ticker

T = TypeVar("T")


class _Worker(QThread):
    progressed = Signal(int, int, str)  # done, total (-1: unknown), text

    def __init__(self, job: Callable[[Ticker], Any], stop: threading.Event) -> None:
        super().__init__()
        self.job, self.stop = job, stop
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        ticker = Ticker(progress=lambda done, total, text: self.progressed.emit(done, -1 if total is None else total,
                                                                              text),
                        should_stop=self.stop.is_set)
        try:
            self.result = self.job(ticker)
        except BaseException as err:  # handed to the window's thread, raised there  # noqa: BLE001
            self.error = err


class _Receiver(QObject):
    """Lives on the window's thread: updates the dialog from the worker's signals (queued across threads)."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.dialog = dialog

    def update(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.dialog.setRange(0, total)
            self.dialog.setValue(min(done, total))
        else:
            self.dialog.setRange(0, 0)  # busy indicator
        if text:
            self.dialog.setLabelText(text)


def run(parent: QWidget | None, label: str, job: Callable[[Ticker], T], *, cancellable: bool = True,
        delay_ms: int = 400) -> T:
    """`job(ticker)` on a worker thread; the window keeps painting; returns its result or raises its error."""
    stop = threading.Event()
    dialog = QProgressDialog(label, _("&Dừng") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(_("Đang làm việc"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(delay_ms)  # a job shorter than a blink shows no dialog at all
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def cancel() -> None:
        stop.set()
        dialog.setLabelText(_("Đang dừng…"))

    dialog.canceled.connect(cancel)
    worker = _Worker(job, stop)
    receiver = _Receiver(dialog)
    worker.progressed.connect(receiver.update, Qt.ConnectionType.QueuedConnection)
    loop = QEventLoop()
    worker.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result


__all__ = ["run"]

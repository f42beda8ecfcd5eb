"""`phieu-desktop --smoke-test SECONDS`: the window shows, says where it runs, and closes itself.

Used by the packaging checks (packaging/smoke, packaging/windows/wine-window). As soon as the event loop runs it
prints one line naming the platform plugin, the screen (size, dots per inch, scale) and the default font, so a check
knows which screen it ran on and when to take a screenshot. After SECONDS it closes every open dialog (a question
asked while the file opened included) and exits 0 if the window was visible, 3 if not; if a dialog cannot be
closed (a system dialog Qt does not own), it ends the process 10 s later with exit code 5 rather than hang."""

from __future__ import annotations

import os
import sys
import threading

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

STUCK = 5
GRACE_SECONDS = 10


def where(window: QWidget) -> str:
    """"nền tảng windows, màn hình 1366×768 (96 dpi, tỉ lệ 1.25), cửa sổ 1366×745, phông Segoe UI 9 pt"."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    font = QApplication.font()
    parts = [f"nền tảng {QGuiApplication.platformName()}"]
    if screen is not None:
        size = screen.size()
        parts.append(f"màn hình {screen.name() or '?'} {size.width()}×{size.height()} "
                     f"({screen.logicalDotsPerInch():.0f} dpi, tỉ lệ {screen.devicePixelRatio():g})")
    parts.append(f"cửa sổ {window.width()}×{window.height()}")
    parts.append(f"phông {font.family()} {font.pointSizeF():g} pt")
    return ", ".join(parts)


class SmokeTest:
    def __init__(self, app: QApplication, window: QWidget, seconds: float) -> None:
        self.app = app
        self.window = window
        self.code: int | None = None
        self.watchdog: threading.Timer | None = None
        QTimer.singleShot(0, self.report)
        QTimer.singleShot(int(seconds * 1000), self.finish)

    def report(self) -> None:
        if sys.stdout is not None:  # pythonw started without a console or a pipe has none
            print(f"phieu-desktop --smoke-test: {where(self.window)}", flush=True)

    def finish(self) -> None:
        self.code = 0 if self.window.isVisible() else 3
        self.watchdog = threading.Timer(GRACE_SECONDS, os._exit, (STUCK,))
        self.watchdog.daemon = True
        self.watchdog.start()
        for widget in QApplication.topLevelWidgets():  # dialogs first: their own event loops end with them
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)
        self.app.exit(self.code)  # ends every event loop still running, nested ones included

    def ended(self) -> int:
        """The exit code, once the program is back from its event loops (the watchdog is no longer needed)."""
        if self.watchdog is not None:
            self.watchdog.cancel()
        return self.code if self.code is not None else 3

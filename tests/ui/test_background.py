"""ui.background.run: a job on a worker thread, the window's thread free meanwhile, its result or error handed
back, and a cancel that stops it (domain.work.Cancelled)."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.work import Cancelled
from phieu_desktop.ui import background


def test_the_result_comes_back_and_the_job_ran_on_another_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    main = threading.get_ident()
    assert background.run(parent, "…", lambda ticker: threading.get_ident()) != main


def test_the_window_keeps_working_while_the_job_runs(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)

    def job(ticker):
        for i in range(30):
            ticker.step(i, 30, f"Bước {i}")
            time.sleep(0.01)
        return "xong"

    assert background.run(parent, "Đang làm", job) == "xong"
    timer.stop()
    assert len(ticks) >= 5  # the event loop ran ~30 times while the job slept (a frozen window: 0)


def test_a_refusal_is_raised_on_the_windows_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def job(ticker):
        raise PhieuError("Tệp hỏng")

    with pytest.raises(PhieuError, match="Tệp hỏng"):
        background.run(parent, "…", job)


def test_stop_cancels_the_job(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    steps = []

    def press_stop():
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, QProgressDialog) and dialog.isVisible():
                dialog.findChild(QPushButton).click()  # the user presses "Dừng"
                return
        QTimer.singleShot(20, press_stop)

    QTimer.singleShot(50, press_stop)

    def job(ticker):
        for i in range(1000):
            ticker.step(i, 1000)
            steps.append(i)
            time.sleep(0.01)
        return "không được tới đây"

    with pytest.raises(Cancelled):
        background.run(parent, "Đang làm", job, delay_ms=0)
    assert 0 < len(steps) < 1000

"""A power cut in the middle of typing: every ballot the window acknowledged is in the file, and reopening the
file lands on the entry step with all of them."""

from __future__ import annotations

import os
import subprocess
import sys

from phieu_desktop.domain.progress import Step
from phieu_desktop.store import SessionFile
from tests.conftest import make_session

CHILD = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from phieu_desktop.ui.main_window import MainWindow
from phieu_desktop.ui.qtcompat import give_back, singleton_references
app = QApplication([])
window = MainWindow()
window.show()
window.open_file(sys.argv[1])
grid = window.entry.stack.grid
references = singleton_references()
for n in range(1, 25):
    for k in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
        QTest.keyClick(grid, k)
    QTest.keyClick(grid, Qt.Key.Key_Return)
    if window.ctx.file.entered("lanh-dao") == n:
        print(n, flush=True)  # acknowledged: the counter moved on only after the commit
    give_back(references)
    if n == 7:
        QTest.keyClick(grid, Qt.Key.Key_1)  # the eighth ballot half typed when the power goes
        print("half", flush=True)
        import time; time.sleep(60)
"""


def test_power_cut_while_typing(window, session_path, tmp_path, qtbot):
    SessionFile.create(session_path, make_session()).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PHIEU_HOME=str(tmp_path / "child-home"))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(session_path)], stdout=subprocess.PIPE, text=True,
                             env=env, cwd=os.getcwd())
    acknowledged = []
    for line in child.stdout:
        if line.strip() == "half":
            break
        acknowledged.append(int(line))
    child.kill()  # SIGKILL on Linux and macOS, TerminateProcess on Windows: no cleanup of any kind
    child.wait()
    assert acknowledged == list(range(1, 8))
    assert window.open_file(session_path)
    assert window.current_step() is Step.ENTRY
    assert window.entry.stack.counter.text() == "Phiếu 8 / 24"
    assert window.ctx.file.verify().ok
    assert [n for n, _m in window.ctx.file.ballots("lanh-dao")] == acknowledged

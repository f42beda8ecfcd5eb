"""A screenshot of each step at 1366×768 (and the projector), from a realistic session.

`PHIEU_SCREENSHOTS=docs/screenshots python -m pytest tests/ui/test_screenshots.py` writes them for the README;
otherwise they go to a temporary folder and the test only checks that each one was drawn."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from phieu_desktop.demo import demo_ballots, demo_session
from phieu_desktop.domain.progress import Step
from phieu_desktop.store import SessionFile
from tests.ui.helpers import key, type_text


def save(widget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    QApplication.sendPostedEvents()  # pending layout requests first, so the picture is what a user would see
    QApplication.processEvents()
    image = widget.grab().toImage()
    assert image.width() >= 1000 and not image.isNull()
    assert image.save(str(path))
    return path


def test_screenshot_of_each_step(window, tmp_path, qtbot, monkeypatch):
    folder = Path(os.environ.get("PHIEU_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(tmp_path))  # the start page shows the folder as a user's: ~/Tài liệu
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    path = tmp_path / "Tài liệu" / "so-tai-chinh.phieu"
    path.parent.mkdir()
    session = demo_session()
    with SessionFile.create(path, session) as file:
        file.record_attendance(present=33, present_at_vote=32)
        file.record_counts("lanh-dao-so", 32, 32)
        file.record_counts("truong-phong", 32, 31)
        file.add_ballots("lanh-dao-so", demo_ballots(session, "lanh-dao-so", 32))
        stack = demo_ballots(session, "truong-phong", 31)
        file.add_ballots("truong-phong", stack[:16])
    window.resize(1366, 768)
    window.open_file(path)
    shots: list[Path] = []
    window.go_to(Step.PREPARE)
    shots.append(save(window, folder, "1-chuan-bi"))
    window.go_to(Step.ATTENDANCE)
    shots.append(save(window, folder, "2-diem-danh"))
    window.go_to(Step.ENTRY)
    grid = window.entry.stack.grid
    assert window.entry.stack.key() == "truong-phong"
    type_text(grid, "123112")
    key(grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.file.entered("truong-phong") == 17)
    type_text(grid, "21X")  # a ballot in progress: three of six persons typed
    shots.append(save(window, folder, "3-nhap-phieu"))
    key(grid, Qt.Key.Key_Escape)
    window.show_projector()
    projector = window.projector
    qtbot.addWidget(projector)
    projector.resize(1280, 720)
    shots.append(save(projector, folder, "6-man-hinh-chieu"))
    projector.close()
    file = window.ctx.file
    for marks in stack[17:]:
        file.add_ballot("truong-phong", marks)
    for marks in demo_ballots(session, "lanh-dao-so", 32):
        file.add_check("lanh-dao-so", marks)
    checks = demo_ballots(session, "truong-phong", 31)
    checks[4] = "TTTTTT"
    checks[11] = "-"
    window.go_to(Step.VERIFICATION)
    window.verification.stack.set_paper("truong-phong")
    for marks in checks[:20]:
        file.add_check("truong-phong", marks)
    window.ctx.changed.emit()  # written straight through the store above: tell the window, as the steps do
    shots.append(save(window, folder, "4-kiem-tra-lai"))
    for marks in checks[20:]:
        file.add_check("truong-phong", marks)
    for diff in file.differences("truong-phong"):
        file.rule_difference("truong-phong", diff.number, "first", "Ban kiểm phiếu xem lại phiếu giấy")
    window.ctx.changed.emit()
    window.go_to(Step.LOCK)
    shots.append(save(window, folder, "5a-khoa-ket-qua-truoc"))
    file.lock()
    window.ctx.changed.emit()
    window.lock.tabs.setCurrentIndex(1)
    shots.append(save(window, folder, "5b-khoa-ket-qua"))
    window.close_file()
    shots.append(save(window, folder, "0-man-hinh-dau"))
    assert len(shots) == 8

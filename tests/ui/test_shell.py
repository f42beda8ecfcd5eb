"""The shell: keyboard navigation between steps, the entry point, unexpected errors never shown as tracebacks."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from phieu_desktop import __main__ as entry_point
from phieu_desktop.domain.progress import Step, resume_step
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.ui.helpers import key, press_enter


def test_steps_by_keyboard(window, session_path, qtbot):
    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    key(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() is Step.PREPARE
    key(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() is Step.LOCK
    window.steps.setFocus()
    key(window.steps, Qt.Key.Key_Up)
    assert window.current_step() is Step.VERIFICATION
    assert window.steps.item(Step.VERIFICATION).font().bold()


def test_resume_step_follows_the_work(session_path):
    with SessionFile.create(session_path, make_session(present=None, present_at_vote=None, issued=None,
                                                       returned=None)) as file:
        assert resume_step(file.progress()) is Step.ATTENDANCE
        file.record_attendance(25, 24)
        file.record_counts("lanh-dao", 3, 2)
        assert resume_step(file.progress()) is Step.ENTRY
        file.add_ballot("lanh-dao", "CTL")
        file.add_check("lanh-dao", "CTL")
        assert resume_step(file.progress()) is Step.ENTRY  # the first pass is not finished yet
        file.add_ballot("lanh-dao", "CCC")
        assert resume_step(file.progress()) is Step.VERIFICATION  # second pass one behind
        file.add_check("lanh-dao", "CCT")
        assert resume_step(file.progress()) is Step.VERIFICATION  # a difference to rule
        file.rule_difference("lanh-dao", 2, "first", "Xem lại phiếu giấy")
        assert resume_step(file.progress()) is Step.LOCK
        file.lock()
        assert resume_step(file.progress()) is Step.LOCK


def test_main_opens_the_file_and_returns(qapp, session_path, monkeypatch):
    SessionFile.create(session_path, make_session()).close()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own; put the old one back after
    shown = []

    def run_loop() -> int:  # instead of the event loop: look at the window main() opened, close it
        window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible())
        shown.append((window.ctx.file.path.name, window.current_step()))
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", run_loop)
    assert entry_point.main([str(session_path)]) == 0
    assert shown == [("phien.phieu", Step.ENTRY)]


def test_an_unexpected_error_is_a_vietnamese_dialog_and_a_log(qapp, phieu_home, dialogs):
    dialogs.expect(press_enter)
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        entry_point._report_unexpected(*sys.exc_info())
    dialogs.wait_done()
    assert "Mọi phiếu đã ghi vẫn an toàn" in dialogs.seen[0]
    assert "ZeroDivisionError" in (phieu_home / "errors.log").read_text(encoding="utf-8")


def test_tab_leaves_the_grid_for_the_correction_buttons(window, session_path, qtbot):
    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    grid = window.entry.stack.grid
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    key(grid, Qt.Key.Key_Tab)
    assert not grid.hasFocus() and QApplication.focusWidget() is not None
    key(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert grid.hasFocus()


def test_opening_the_open_file_again_is_not_an_error(window, session_path, dialogs):
    SessionFile.create(session_path, make_session()).close()
    assert window.open_file(session_path)
    window.go_to(Step.PREPARE)
    assert window.open_file(session_path)
    assert window.current_step() is Step.ENTRY and not dialogs.seen


def test_closing_with_a_ballot_half_typed_asks_first(window, session_path, dialogs):
    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)
    key(window.entry.stack.grid, Qt.Key.Key_1)
    dialogs.expect(press_enter)  # the default answer: stay
    window.close()
    dialogs.wait_done()
    assert window.isVisible() and "nhập dở" in dialogs.seen[0]
    key(window.entry.stack.grid, Qt.Key.Key_Escape)
    window.close()
    assert not window.isVisible()


def test_a_file_changed_behind_the_programs_back_is_said_and_refused(window, session_path, dialogs):
    with SessionFile.create(session_path, make_session()) as file:
        file.add_ballot("lanh-dao", "CTL")
        file.db.execute("UPDATE ballots SET marks = 'LLL'")  # as with the sqlite3 shell
    dialogs.expect(press_enter)
    assert window.open_file(session_path)
    dialogs.wait_done()
    assert "đã bị sửa ngoài chương trình" in dialogs.seen[0]
    dialogs.expect(press_enter)  # typing a ballot is refused with the same sentence, never a traceback
    for k in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_Return):
        key(window.entry.stack.grid, k)
    dialogs.wait_done()
    assert "thay đổi ngoài chương trình" in dialogs.seen[1]
    assert window.ctx.file.entered("lanh-dao") == 1
    window.entry.stack.grid.model().clear()


def test_help_shows_the_keys_and_saves_the_guide(window, tmp_path, monkeypatch, dialogs):
    from phieu_desktop.ui import dialogs as ui_dialogs

    dialogs.expect(press_enter)
    window.show_keys()
    dialogs.wait_done()
    assert "Gạch tên" in dialogs.seen[0] and "Ctrl+1" in dialogs.seen[0]
    out = tmp_path / "huong-dan.pdf"
    monkeypatch.setattr(ui_dialogs, "save_path", lambda *a: str(out))
    dialogs.expect(press_enter)
    window.save_guide()
    dialogs.wait_done()
    assert out.read_bytes().startswith(b"%PDF")


def test_file_menu_opens_one_consolidation_window(window, qtbot):
    from phieu_desktop.ui.consolidation import ConsolidationWindow

    action = next(a for a in window.actions() if "Tổng hợp kết quả" in a.text())
    action.trigger()
    first = window.consolidation
    assert isinstance(first, ConsolidationWindow)
    qtbot.waitExposed(first)
    action.trigger()  # a second click brings the same window forward
    assert window.consolidation is first
    first.close()  # deleted on close: the next click opens a fresh one
    qtbot.waitUntil(lambda: window.consolidation is None)

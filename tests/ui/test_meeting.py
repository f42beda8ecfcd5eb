"""The meeting driven by the keyboard, as the committee would: attendance, 30 ballots, a correction, the
verification pass with two deliberate differences, the rulings, the lock; then the file checked through the store."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from phieu_desktop.domain import audit
from phieu_desktop.domain.entry import typed_to_marks
from phieu_desktop.domain.progress import Step
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.ui.helpers import fill_and_enter, key, press_button, press_enter, replace_text, type_text

LETTERS = {"1": Qt.Key.Key_1, "2": Qt.Key.Key_2, "3": Qt.Key.Key_3, "0": Qt.Key.Key_0, "9": Qt.Key.Key_9}


def type_ballot(grid, keys: str) -> None:
    """One paper ballot: a key per person (or '-' for the whole ballot), then Enter."""
    for ch in keys:
        if ch in LETTERS:
            key(grid, LETTERS[ch])
        else:
            type_text(grid, ch)
    key(grid, Qt.Key.Key_Return)


def stack_of(count: int, persons: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    ballots = []
    for i in range(count):
        if i == 12:
            ballots.append("-")
        else:
            ballots.append("".join(rng.choice("1112223330") if rng.random() > 0.05 else rng.choice("9X")
                                   for _ in range(persons)))
    return ballots


def test_attendance_below_then_above_quorum(window, session_path, qtbot, dialogs):
    SessionFile.create(session_path, make_session(summoned=30, present=None, present_at_vote=None, issued=None,
                                                  returned=None)).close()
    assert window.open_file(session_path)
    assert window.current_step() is Step.ATTENDANCE
    page = window.attendance
    type_text(page.present, "18")
    assert "cần thêm 2 người" in page.quorum.text() and "Chưa được bỏ phiếu" in page.quorum.text()
    type_text(page.at_vote, "18")
    key(page.at_vote, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.file.session.present == 18)
    window.go_to(Step.ENTRY)
    assert not window.entry.stack.grid.accepting
    assert "Chưa đủ 2/3" in window.entry.stack.status.text()
    window.go_to(Step.ATTENDANCE)
    replace_text(page.present, "25")
    assert "Đủ 2/3: có mặt 25/30" in page.quorum.text()
    replace_text(page.at_vote, "24")
    issued, returned = page.counts["lanh-dao"]
    type_text(issued, "24")
    type_text(returned, "26")  # more returned than issued: said while typing, nothing recorded
    assert "lớn hơn số phiếu phát ra" in page.problems.text() and not page.record.isEnabled()
    replace_text(returned, "23")
    assert page.problems.text() == "" and page.record.isEnabled()
    key(returned, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.file.session.papers[0].returned == 23)
    s = window.ctx.file.session
    assert (s.present, s.present_at_vote, s.papers[0].issued) == (25, 24, 24)
    assert "✓" in window.steps.item(Step.ATTENDANCE).text()
    # a refusal from the store is a Vietnamese dialog, never a traceback
    window.ctx.file.add_ballot("lanh-dao", "CTL")
    replace_text(returned, "0")
    dialogs.expect(press_enter)
    key(returned, Qt.Key.Key_Return)
    dialogs.wait_done()
    assert "đã nhập 1 phiếu, nhiều hơn số phiếu thu về 0" in dialogs.seen[0]
    assert window.ctx.file.session.papers[0].returned == 23


def test_thirty_ballots_verification_and_lock_by_keyboard(window, session_path, qtbot, dialogs):
    SessionFile.create(session_path, make_session(persons=5, summoned=40, present=35, present_at_vote=32, issued=31,
                                                  returned=30)).close()
    window.open_file(session_path)
    assert window.current_step() is Step.ENTRY
    stack = window.entry.stack
    grid = stack.grid
    assert grid.hasFocus() or grid.accepting
    assert stack.counter.text() == "Phiếu 1 / 30"
    ballots = stack_of(30, 5)
    # Esc clears a ballot in progress, Backspace steps back
    for ch in "123":
        key(grid, LETTERS[ch])
    key(grid, Qt.Key.Key_Escape)
    assert grid.ballot().draft.empty
    key(grid, Qt.Key.Key_Return)  # nothing typed: nothing written, the status says why
    assert "chưa ghi được phiếu" in stack.status.text() and window.ctx.file.entered("lanh-dao") == 0
    typed = list(ballots)
    typed[4] = "33333"  # a typing mistake, corrected below
    for number, keys in enumerate(typed, start=1):
        type_ballot(grid, keys)
        qtbot.waitUntil(lambda n=number: window.ctx.file.entered("lanh-dao") == n)
        if number == 1:
            assert grid.ballot().previous_number == 1
            assert grid.ballot().data(grid.ballot().index(0, grid.ballot().columnCount() - 1)) != ""
    assert stack.counter.text() == "30 / 30" and not grid.accepting
    assert "Đã nhập đủ 30/30" in stack.status.text()
    # the correction: select ballot 5 in the list, Sửa phiếu…, type the right marks and a reason
    window.entry.list.selectRow(4)
    dialogs.expect(fill_and_enter(ballots[4], "Đọc lại phiếu giấy: gõ nhầm người thứ nhất"))
    key(window.entry.correct, Qt.Key.Key_Space)
    dialogs.wait_done()
    file = window.ctx.file
    expected = [typed_to_marks(b, file.session.regime) for b in ballots]
    assert [m for _n, m in file.ballots("lanh-dao")] == expected

    # the verification pass: the same stack again, two deliberate differences
    window.go_to(Step.VERIFICATION)
    check = window.verification.stack
    assert check.counter.text() == "Nhập lại phiếu 1 / 30"
    second = list(ballots)
    second[6] = "22222" if ballots[6] != "22222" else "11111"
    second[19] = "-"
    for number, keys in enumerate(second, start=1):
        type_ballot(check.grid, keys)
        qtbot.waitUntil(lambda n=number: window.ctx.file.checked("lanh-dao") == n)
    assert [d.number for d in file.differences("lanh-dao")] == [7, 20]
    assert "2 phiếu khác nhau: số 7, 20" in window.verification.summary.text()
    window.go_to(Step.LOCK)
    assert not window.lock.lock_button.isEnabled()
    assert "chưa được Ban kiểm phiếu quyết định" in window.lock.blockers.text()
    # rule them: ballot 7, the first entry was right; ballot 20, the paper says something else
    window.go_to(Step.VERIFICATION)
    window.verification.table.selectRow(0)
    dialogs.expect(fill_and_enter(None))
    key(window.verification.first, Qt.Key.Key_Space)
    dialogs.wait_done()
    assert [d.number for d in file.differences("lanh-dao")] == [20]
    dialogs.expect(fill_and_enter("12312", "Phiếu giấy số 20: Ban kiểm phiếu đọc lại"))
    key(window.verification.other, Qt.Key.Key_Space)
    dialogs.wait_done()
    assert file.differences("lanh-dao") == []
    expected[19] = "CTLCT"

    # the lock: the checklist is green, the committee confirms, the fingerprint is shown large
    window.go_to(Step.LOCK)
    assert window.lock.lock_button.isEnabled() and window.lock.blockers.text() == ""
    dialogs.expect(press_enter)  # the safe default: not locked
    key(window.lock.lock_button, Qt.Key.Key_Space)
    dialogs.wait_done()
    assert not file.locked
    dialogs.expect(press_button("Khóa và niêm phong"))
    key(window.lock.lock_button, Qt.Key.Key_Space)
    dialogs.wait_done()
    qtbot.waitUntil(lambda: window.ctx.file.locked)
    assert file.fingerprint in window.lock.fingerprint.text()
    assert "✓" in window.steps.item(Step.LOCK).text()
    window.close()

    with SessionFile.open(session_path) as again:
        assert again.locked and again.verify().ok
        assert [m for _n, m in again.ballots("lanh-dao")] == expected
        actions = [e.action for e in again.audit_entries()]
        assert actions.count(audit.BALLOT_ADDED) == 30 and actions.count(audit.CHECK_ADDED) == 30
        assert actions.count(audit.BALLOT_CORRECTED) == 1 and actions.count(audit.CHECK_RULED) == 2
        ruled = [e.detail for e in again.audit_entries() if e.action == audit.CHECK_RULED]
        assert [d["choice"] for d in ruled] == ["first", "other"] and "đọc lại" in ruled[1]["reason"]


def test_reopening_lands_where_work_stopped(qtbot, qapp, session_path):
    from phieu_desktop.ui.main_window import MainWindow

    SessionFile.create(session_path, make_session(persons=3)).close()
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.open_file(session_path)
    assert first.current_step() is Step.ENTRY
    for keys in ("123", "321", "111"):
        type_ballot(first.entry.stack.grid, keys)
    qtbot.waitUntil(lambda: first.ctx.file.entered("lanh-dao") == 3)
    first.close()  # as after a power cut: every committed ballot is already on disk

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    again.open_file(session_path)
    assert again.current_step() is Step.ENTRY
    assert again.entry.stack.counter.text() == "Phiếu 4 / 24"
    assert [n for n, _m in again.entry.committed_model.rows] == [1, 2, 3]
    again.close()


def test_a_file_open_elsewhere_is_a_clear_dialog(window, session_path, dialogs):
    holder = SessionFile.create(session_path, make_session())
    try:
        dialogs.expect(press_enter)
        assert not window.open_file(session_path)
        dialogs.wait_done()
        assert "đang được mở ở nơi khác" in dialogs.seen[0]
        assert QApplication.activeModalWidget() is None
    finally:
        holder.close()


def test_two_papers_and_the_two_level_vote(window, session_path, qtbot):
    from dataclasses import replace

    from phieu_desktop.domain.regime import Regime

    base = make_session(regime=Regime.NQ96_BPT, persons=2, issued=2, returned=2)
    second = replace(base.papers[0], key="pho", title="Phó Chủ tịch", persons=base.papers[0].persons[:1])
    SessionFile.create(session_path, replace(base, papers=(base.papers[0], second))).close()
    window.open_file(session_path)
    stack = window.entry.stack
    assert stack.paper.isVisible() and stack.key() == "lanh-dao"
    grid = stack.grid
    key(grid, Qt.Key.Key_3)  # no third level on a no-confidence ballot: nothing happens
    assert grid.ballot().draft.empty
    assert "2 Không tín nhiệm" in stack.legend.text().replace("</b>", "").replace("<b>", "")
    for keys in ("12", "21"):
        type_ballot(grid, keys)
    qtbot.waitUntil(lambda: window.ctx.file.entered("lanh-dao") == 2)
    assert stack.key() == "pho" and "tiếp theo" in stack.status.text()  # moved on to the next paper by itself
    type_ballot(stack.grid, "2")
    qtbot.waitUntil(lambda: window.ctx.file.entered("pho") == 1)
    file = window.ctx.file
    assert file.ballots("lanh-dao") == [(1, "TK"), (2, "KT")] and file.ballots("pho") == [(1, "K")]

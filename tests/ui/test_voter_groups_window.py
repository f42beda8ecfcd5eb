"""The attendance step with voter groups (issue 24): each group's own present / present at the vote and its own 2/3,
the absent broken down as the minutes print them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from phieu_desktop.domain.progress import Step
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.domain.test_voter_groups import two_groups
from tests.ui.helpers import key, replace_text, type_text


def test_the_absent_are_broken_down_as_on_paper(window, session_path):
    SessionFile.create(session_path, make_session(summoned=35, present=None, present_at_vote=None, issued=None,
                                                  returned=None)).close()
    assert window.open_file(session_path)
    page = window.attendance
    type_text(page.present, "33")
    type_text(page.at_vote, "32")
    text = page.absent.text()
    assert "vắng mặt từ đầu hội nghị 2" in text and "rời hội nghị trước khi bỏ phiếu 1" in text
    assert "vắng mặt khi bỏ phiếu 3" in text
    assert not page.groups_box.isVisible()


def test_each_group_records_its_own_attendance_and_quorum(window, session_path, qtbot):
    from phieu_desktop.domain.session import VoterGroup

    session = two_groups(leaders=VoterGroup("lanh-dao", "Tập thể lãnh đạo Sở", 12),
                         staff=VoterGroup("toan-the", "Toàn thể công chức", 35), present=None, present_at_vote=None)
    SessionFile.create(session_path, session).close()
    assert window.open_file(session_path)
    assert window.current_step() is Step.ATTENDANCE
    page = window.attendance
    assert page.groups_box.isVisible()
    present, at_vote, state = page.group_edits["lanh-dao"]
    type_text(present, "7")
    assert "Chưa đủ 2/3" in state.text()
    replace_text(present, "8")  # exactly 2/3 of 12
    type_text(at_vote, "8")
    assert "Đủ 2/3" in state.text() and "✗" not in state.text()
    staff_present, staff_at_vote, _state = page.group_edits["toan-the"]
    type_text(staff_present, "33")
    type_text(staff_at_vote, "32")
    issued, returned = page.counts["lanh-dao"]
    type_text(issued, "9")  # more than the leadership at the vote
    assert "(8)" in page.problems.text() and not page.record.isEnabled()
    replace_text(issued, "8")
    type_text(returned, "8")
    assert page.problems.text() == ""
    key(returned, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.file.session.papers[0].returned == 8)
    groups = window.ctx.file.session.groups
    assert [(g.present, g.present_at_vote) for g in groups] == [(8, 8), (33, 32)]
    assert window.ctx.file.session.present is None

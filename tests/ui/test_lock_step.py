"""The lock step draws the lock review as it is: one row per item, in order, ✗ for an open one."""

from __future__ import annotations

from dataclasses import replace

from phieu_desktop.demo import demo_ballots, demo_session
from phieu_desktop.domain.progress import Step
from phieu_desktop.domain.session import CommitteeMember
from phieu_desktop.store import SessionFile


def shown_rows(window) -> list[tuple[str, str]]:
    return [(mark.text(), text.text()) for mark, text in window.lock.checklist if text.isVisibleTo(window.lock)]


def test_the_lock_step_shows_every_item_of_the_review(window, tmp_path, monkeypatch):
    """A file an older `phieu new` wrote with no Trưởng ban, half entered: the window names what holds the lock."""
    import phieu_desktop.store.session_file as session_file

    path = tmp_path / "cu.phieu"
    session = replace(demo_session(), committee=(CommitteeMember("Lò Văn Sơn", "Ủy viên"),))
    with monkeypatch.context() as patch:
        patch.setattr(session_file, "creation_refusal", lambda session: None)
        patch.setattr(session_file, "RULES_VERSION", 1)
        with SessionFile.create(path, session) as file:
            file.record_attendance(present=33, present_at_vote=30)
            file.record_counts("lanh-dao-so", 30, 30)
            file.add_ballots("lanh-dao-so", demo_ballots(session, "lanh-dao-so", 32)[:29])
    window.open_file(path)
    window.go_to(Step.LOCK)
    file = window.ctx.file
    review = file.lock_review()
    marks = {True: "✓", False: "✗", None: "–"}
    assert shown_rows(window) == [(marks[item.ok], item.text) for item in review]
    assert [mark for mark, _text in shown_rows(window)] == ["✓", "✓", "✗", "✗", "–", "✗"]
    assert "đúng một Trưởng ban" in window.lock.blockers.text()
    assert not window.lock.lock_button.isEnabled()
    file.add_ballots("lanh-dao-so", demo_ballots(session, "lanh-dao-so", 32)[29:30])
    window.ctx.changed.emit()
    assert shown_rows(window)[3] == ("✗", "Số phiếu đã nhập bằng số phiếu thu về: Lãnh đạo Sở 30/30; Trưởng phòng "
                                          "và tương đương 0/—.")  # the second paper's counts are still missing
    assert "Lãnh đạo Sở" not in window.lock.blockers.text()

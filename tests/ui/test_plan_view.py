"""The window's plan view (Kế hoạch): the same plan as `phieu plan`, what to do next, edits recorded as plan notes;
its screenshot for the README (`PHIEU_SCREENSHOTS=docs/screenshots`)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from phieu_desktop.demo import demo_session
from phieu_desktop.documents.planning import session_plan
from phieu_desktop.domain.progress import Step
from phieu_desktop.store import SessionFile
from phieu_desktop.ui import dialogs
from tests.ui.test_screenshots import save


def test_plan_view_shows_the_next_step_and_records_edits(window, tmp_path, qtbot, monkeypatch):
    path = tmp_path / "ke-hoach.phieu"
    session = demo_session()
    with SessionFile.create(path, session) as file:
        meeting = file.session.date
    window.resize(1366, 768)
    window.open_file(path)
    view = window.plan_view
    view.today = date.fromordinal(meeting.toordinal() - 16)
    window.show_plan()
    assert window.page_stack.currentWidget() is view and window.plan_button.isChecked()
    expected = session_plan(window.ctx.file, view.today)
    assert expected.next_steps[0].text in view.next.text()
    assert view.milestones.rowCount() == len(expected.milestones)
    assert view.milestones.rows[0][0] == expected.milestones[0].due.strftime("%d/%m/%Y")

    # the first milestone done, through the same function as `phieu plan-set --done`
    view.milestone_view.selectRow(0)
    monkeypatch.setattr(dialogs, "ask_fields", lambda *a, **k: [view.today.strftime("%d/%m/%Y")])
    view.mark_done()
    assert view.milestones.rows[0][2] in ("Đã xong", "Xong muộn")
    # a dossier item received for the first person, then a question
    view.tabs.setCurrentIndex(1)
    view.dossier_view.selectRow(0)
    monkeypatch.setattr(dialogs, "ask_fields", lambda *a, **k: ["2", view.today.strftime("%d/%m/%Y")])
    view.receive_item()
    assert view.dossiers.rows[0][3] == view.today.strftime("%d/%m/%Y")
    monkeypatch.setattr(dialogs, "ask_fields", lambda *a, **k: ["Nguyễn Văn Ân", view.today.strftime("%d/%m/%Y")])
    view.add_question()
    assert view.dossiers.rows[0][5].startswith("1")
    view.tabs.setCurrentIndex(2)
    view.scope_boxes["media"].click()
    notes = [e for e in window.ctx.file.audit_entries() if e.action == "note"]
    assert [e.detail["kind"] for e in notes] == ["done", "dossier", "question", "scopes"]
    # a supervisor: session data, through the same update as the wizard's (a session_updated entry)
    view.tabs.setCurrentIndex(2)
    monkeypatch.setattr(dialogs, "ask_fields", lambda *a, **k: ["Hoàng Văn Giám", "Phó Chủ nhiệm", "Sở Nội vụ"])
    view.add_supervisor()
    assert [x.name for x in window.ctx.file.session.supervisors] == ["Hoàng Văn Giám"]
    assert view.supervisors.rows == [["Hoàng Văn Giám", "Phó Chủ nhiệm", "Sở Nội vụ"]]
    assert window.ctx.file.audit_entries()[-1].action == "session_updated"
    # the letter asking for supervisors, printed from the view and noted in the log (its milestone is then done)
    out = tmp_path / "de-nghi.pdf"
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(out))
    monkeypatch.setattr(dialogs, "info", lambda *a, **k: None)
    view.print_document("supervisors-letter")
    assert out.exists() and window.ctx.file.audit_entries()[-1].detail["document"] == "supervisors-letter"
    assert session_plan(window.ctx.file, view.today).milestone("supervisors_letter").done is not None
    view.supervisor_view.selectRow(0)
    view.remove_supervisor()
    assert window.ctx.file.session.supervisors == ()
    assert window.ctx.file.verify().ok
    window.go_to(Step.ATTENDANCE)
    assert not window.plan_button.isChecked() and window.page_stack.currentWidget() is window.attendance


def test_screenshot_of_the_plan_view(window, tmp_path, qtbot):
    folder = Path(os.environ.get("PHIEU_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "so-tai-chinh.phieu"
    from phieu_desktop.documents import planning

    with SessionFile.create(path, demo_session()) as file:
        meeting = file.session.date
        day = date.fromordinal(meeting.toordinal() - 12)
        planning.set_done(file, "reports_requested", date.fromordinal(meeting.toordinal() - 26))
        planning.set_done(file, "supervisors_letter", date.fromordinal(meeting.toordinal() - 19))
        paper = file.session.papers[0]
        for order in range(1, len(paper.persons)):
            for item in (1, 2):
                planning.set_received(file, f"{paper.key}/{order}", item, date.fromordinal(meeting.toordinal() - 17))
        planning.add_question(file, f"{paper.key}/1", "Hoàng Thị Mai", date.fromordinal(meeting.toordinal() - 13))
        from dataclasses import replace

        from phieu_desktop.domain.session import Supervisor

        file.update_session(replace(file.session, supervisors=(
            Supervisor("Hoàng Văn Giám", "Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy"),
            Supervisor("Nguyễn Thị Sát", "Phó Trưởng ban Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"))))
    window.resize(1366, 768)
    window.open_file(path)
    window.plan_view.today = day
    window.show_plan()
    save(window, folder, "0b-ke-hoach")
    window.plan_view.tabs.setCurrentIndex(1)
    save(window, folder, "0c-ke-hoach-ho-so")
    window.plan_view.tabs.setCurrentIndex(2)
    save(window, folder, "0d-ke-hoach-giam-sat")


def test_screenshot_of_the_plan_after_the_meeting(window, tmp_path, qtbot):
    """After the lock: the meeting is done on its date, and what to do next is what comes after it."""
    from phieu_desktop.demo import create_demo

    folder = Path(os.environ.get("PHIEU_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "demo.phieu"
    create_demo(path)
    window.resize(1366, 768)
    window.open_file(path)
    meeting = window.ctx.file.session.date
    window.plan_view.today = date.fromordinal(meeting.toordinal() + 2)
    window.show_plan()
    assert "Báo cáo sơ kết" in window.plan_view.next.text()
    save(window, folder, "0e-ke-hoach-sau-hoi-nghi")

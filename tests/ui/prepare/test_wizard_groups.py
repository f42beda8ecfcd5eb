"""Voter groups (thành phần ghi phiếu, issue 24 item 5) in the Prepare wizard, by the keyboard: defined on the summoned
page, chosen per paper on the papers page, shown again when editing, listed on the summary; optional."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from phieu_desktop.domain.prepare import Page
from phieu_desktop.domain.regime import CrossedOutRuling
from phieu_desktop.domain.session import BallotPaper, VoterGroup, session_problems
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.ui.prepare.test_wizard import enter, focused, key, open_wizard, page, shot, tab, type_text


def _to_summoned(wizard) -> None:
    flow = wizard.flow
    flow.set_details(crossed_out=CrossedOutRuling.ROW, organization="Sở Xây dựng tỉnh Hà Giang",
                     title="Hội nghị lấy phiếu tín nhiệm năm 2023", place="Hà Giang")
    flow.add_member("Trần Thị Bình", "Trưởng ban")
    wizard.next()
    wizard.next()
    assert page(wizard) is Page.SUMMONED


def test_define_two_groups_assign_the_papers_and_save(qtbot, tmp_path):
    wizard = open_wizard(qtbot)
    _to_summoned(wizard)
    summoned = wizard.pages[Page.SUMMONED]
    assert summoned.groups.isVisibleTo(summoned)
    assert not summoned.groups.remove_button.isEnabled()  # nothing to remove yet
    qtbot.waitUntil(lambda: focused() is summoned.spin)
    type_text("35")
    tab()  # from the meeting's summoned number straight to the first group's name
    assert focused().objectName() == "groupName"
    type_text("Tập thể lãnh đạo Sở, trưởng phòng")
    tab()
    assert focused().objectName() == "groupSummoned"
    type_text("12")
    enter()  # adds the group and stays on the page, ready for the next name
    assert page(wizard) is Page.SUMMONED and focused().objectName() == "groupName"
    type_text("Toàn thể công chức, viên chức")
    tab()
    type_text("40")
    enter()
    assert [(g.name, g.summoned) for g in wizard.flow.groups] == [("Tập thể lãnh đạo Sở, trưởng phòng", 12),
                                                                  ("Toàn thể công chức, viên chức", 40)]
    # 40 of a meeting of 35: the rule of domain.session, naming the group and the field; "Tiếp ›" refused
    assert ("Thành phần “Toàn thể công chức, viên chức”: số người được triệu tập (40) lớn hơn số người được triệu tập "
            "dự hội nghị (35).") in summoned.problems.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # correct it in the table: F2 on the number, type, Enter
    view = summoned.groups.view
    view.setFocus()
    view.setCurrentIndex(summoned.groups.model.index(1, summoned.groups.model.SUMMONED))
    key(Qt.Key.Key_F2)
    focused().selectAll()
    type_text("35")
    enter()
    assert wizard.flow.groups[1].summoned == 35 and summoned.problems.text() == ""
    shot(wizard, "3b-thanh-phan-ghi-phieu")
    view.setFocus()
    enter()  # Enter in a table not being edited: the default button, "Tiếp ›"
    if page(wizard) is Page.SUMMONED:
        wizard.next()
    assert page(wizard) is Page.COMMITTEE
    wizard.next()

    papers = wizard.pages[Page.PAPERS]
    assert page(wizard) is Page.PAPERS and papers.group_choice.isVisibleTo(papers)
    qtbot.waitUntil(lambda: focused() is papers.paper_title)
    type_text("Lãnh đạo Sở")
    tab()
    type_text("Tập thể lãnh đạo Sở, trưởng phòng")
    tab()
    assert focused() is papers.group_choice  # keyboard reachable, right under "Người bỏ phiếu"
    assert "chưa chọn thành phần ghi phiếu" in papers.problems.text()
    key(Qt.Key.Key_Down)
    assert wizard.flow.papers[0].group == wizard.flow.groups[0].key
    tab()
    type_text("Nguyễn Văn Bình")
    tab()
    type_text("Giám đốc Sở")
    enter()
    assert "Thành phần “Toàn thể công chức, viên chức” không ghi loại phiếu nào." in papers.problems.text()
    papers.add_paper()
    type_text("Trưởng phòng")
    tab()
    type_text("Toàn thể công chức, viên chức")
    tab()
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)
    assert wizard.flow.papers[1].group == wizard.flow.groups[1].key
    papers.person_name.setFocus()
    type_text("Lê Thị An")
    tab()
    type_text("Trưởng phòng Kế hoạch")
    enter()
    assert papers.problems.text() == ""
    shot(wizard, "5b-phieu-thanh-phan")
    wizard.next()

    summary = wizard.pages[Page.SUMMARY].text.toPlainText()
    assert "Thành phần ghi phiếu “Tập thể lãnh đạo Sở, trưởng phòng”" in summary
    assert "12 người được triệu tập; ghi phiếu: Lãnh đạo Sở" in summary
    assert "thành phần ghi phiếu: Toàn thể công chức, viên chức" in summary
    enter()
    assert wizard.result() == QWizard.DialogCode.Accepted

    session = wizard.result_session()
    assert session_problems(session) == []
    with SessionFile.create(tmp_path / "phien.phieu", session) as file:
        saved = file.session
        assert [(g.name, g.summoned) for g in saved.groups] == [("Tập thể lãnh đạo Sở, trưởng phòng", 12),
                                                               ("Toàn thể công chức, viên chức", 35)]
        assert [p.group for p in saved.papers] == [g.key for g in saved.groups]
        assert file.verify().ok


def grouped_session():
    base = make_session(present=None, present_at_vote=None, issued=None, returned=None, summoned=35)
    first = replace(base.papers[0], group="lanh-dao")
    second = BallotPaper("truong-phong", "Trưởng phòng", "Toàn thể công chức, viên chức", first.persons,
                         group="toan-the")
    return replace(base, papers=(first, second), groups=(
        VoterGroup("lanh-dao", "Tập thể lãnh đạo Sở, trưởng phòng", 12),
        VoterGroup("toan-the", "Toàn thể công chức, viên chức", 35)))


def test_editing_a_session_with_groups_shows_them_and_keeps_them(qtbot, session_path):
    file = SessionFile.create(session_path, grouped_session())
    try:
        wizard = open_wizard(qtbot, file.session, session_file=file)
        for _ in range(2):
            enter()
        summoned = wizard.pages[Page.SUMMONED]
        assert page(wizard) is Page.SUMMONED
        model = summoned.groups.model
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
            "Tập thể lãnh đạo Sở, trưởng phòng", "Toàn thể công chức, viên chức"]
        assert model.index(0, model.PAPERS).data() == file.session.papers[0].title
        # rename a saved group: its key (and so its papers and its recorded attendance) stays
        model.setData(model.index(0, model.NAME), "Tập thể lãnh đạo Sở")
        assert wizard.flow.groups[0].key == "lanh-dao"
        wizard.next()
        wizard.next()
        papers = wizard.pages[Page.PAPERS]
        assert papers.group_choice.currentText() == "Tập thể lãnh đạo Sở"
        papers.paper_choice.setCurrentIndex(1)
        assert papers.group_choice.currentText() == "Toàn thể công chức, viên chức"
        wizard.next()
        assert "Thành phần ghi phiếu “Tập thể lãnh đạo Sở”" in wizard.pages[Page.SUMMARY].text.toPlainText()
        enter()
        file.update_session(wizard.result_session())
        assert [(g.key, g.name) for g in file.session.groups] == [("lanh-dao", "Tập thể lãnh đạo Sở"),
                                                                  ("toan-the", "Toàn thể công chức, viên chức")]
        assert [p.group for p in file.session.papers] == ["lanh-dao", "toan-the"]
    finally:
        file.close()


def test_removing_every_group_gives_back_the_simple_session(qtbot):
    wizard = open_wizard(qtbot, grouped_session())
    for _ in range(2):
        wizard.next()
    box = wizard.pages[Page.SUMMONED].groups
    for _ in range(2):
        box.view.setFocus()
        box.view.setCurrentIndex(box.model.index(0, 0))
        key(Qt.Key.Key_Delete)
    assert wizard.flow.groups == [] and box.model.rowCount() == 0
    wizard.next()
    wizard.next()
    papers = wizard.pages[Page.PAPERS]
    assert not papers.group_choice.isVisibleTo(papers)  # no groups: nothing to choose, as before
    session = wizard.flow.result()
    assert session.groups == () and all(p.group == "" for p in session.papers)

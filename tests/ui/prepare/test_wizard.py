"""The Prepare wizard driven by the keyboard (pytest-qt, offscreen): from scratch, a messy .xlsx, an edit."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWizard

from phieu_desktop.domain.legacy_text import encode_tcvn3
from phieu_desktop.domain.prepare import Page
from phieu_desktop.domain.regime import CrossedOutRuling, Denominator, Regime
from phieu_desktop.domain.session import person_from_values, session_problems
from phieu_desktop.domain.text import given_name_key
from phieu_desktop.store import SessionFile
from phieu_desktop.ui.prepare import PrepareWizard
from phieu_desktop.ui.prepare import wizard as wizard_module
from tests.conftest import make_session

# `PHIEU_SCREENSHOTS=docs/screenshots` keeps the pictures for the README; otherwise they go to a temporary folder
SHOTS = Path(os.environ.get("PHIEU_SCREENSHOTS") or Path(tempfile.gettempdir()) / "phieu-wizard-screenshots")


# --- the keyboard ---

def focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(k: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier, widget=None) -> None:
    """One key press as the window system would deliver it (so Alt+letter shortcuts work too)."""
    QTest.keyClick(widget or focused(), k, modifiers)
    QApplication.processEvents()


def type_text(text: str, widget=None) -> None:
    """Type any text, Vietnamese included, one character at a time into the focused widget (keyClicks would abort)."""
    for ch in text:
        target = widget or focused()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()


def enter() -> None:
    key(Qt.Key.Key_Return)


def tab() -> None:
    key(Qt.Key.Key_Tab)


def shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    assert widget.grab().save(str(SHOTS / f"prepare-{name}.png"))


def open_wizard(qtbot, session=None, **kwargs) -> PrepareWizard:
    wizard = PrepareWizard(None, session, **kwargs)
    # at teardown, close without the "discard what was typed?" question, which would wait for an answer forever
    qtbot.addWidget(wizard, before_close_func=lambda w: QDialog.done(w, QDialog.DialogCode.Rejected))
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    return wizard


def page(wizard: PrepareWizard) -> Page:
    return wizard.flow.page


# --- tests ---

def test_prepare_a_session_from_scratch(qtbot):
    wizard = open_wizard(qtbot)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "Tiếp ›"
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "‹ &Quay lại"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "Hoàn tất"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Hủy"

    # 1. Regime: arrow keys move between the three regimes.
    assert page(wizard) is Page.REGIME and focused().objectName() == "regime_qd96"
    key(Qt.Key.Key_Down)
    assert wizard.flow.regime is Regime.NQ96
    assert wizard.flow.crossed_out is None  # the committee's ruling is asked, never defaulted (issue 24)
    enter()
    assert page(wizard) is Page.REGIME
    wizard.pages[Page.REGIME].rulings[CrossedOutRuling.BALLOT].setFocus()
    key(Qt.Key.Key_Space)
    assert wizard.flow.crossed_out is CrossedOutRuling.BALLOT
    shot(wizard, "1-quy-dinh")
    enter()

    # 2. Organisation and meeting.
    assert page(wizard) is Page.HEADER and focused().objectName() == "organization"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    type_text("Sở Tài chính tỉnh Hà Giang")
    tab()
    type_text("UBND TỈNH HÀ GIANG")
    tab()
    assert focused().objectName() == "unit_code"  # the code the higher level gave (may stay empty)
    type_text("HG.STC")
    tab()
    type_text("Hội nghị lấy phiếu tín nhiệm năm 2023")
    tab()
    type_text("Hà Giang")
    tab()
    assert focused().objectName() == "date"
    type_text("12092023")
    assert wizard.flow.date == date(2023, 9, 12) and wizard.flow.unit_code == "HG.STC"
    shot(wizard, "2-co-quan")
    enter()

    # 3. Summoned.
    assert page(wizard) is Page.SUMMONED
    type_text("30")
    assert "Cần ít nhất 20 người" in wizard.pages[Page.SUMMONED].quorum.text()
    shot(wizard, "3-trieu-tap")
    enter()

    # 4. Committee: name, Enter; the first is the head, the next ones members.
    assert page(wizard) is Page.COMMITTEE and focused().objectName() == "memberName"
    type_text("Trần Thị Bình")
    enter()
    type_text("Lò Văn Sơn")
    enter()
    type_text("Vũ Thị Thu")
    tab()
    assert focused().objectName() == "memberRole"
    key(Qt.Key.Key_Down)  # Ủy viên -> Thư ký
    enter()  # adds, and stays on the page
    assert page(wizard) is Page.COMMITTEE and focused().objectName() == "memberName"
    assert [(m.name, m.role) for m in wizard.flow.committee] == [
        ("Trần Thị Bình", "Trưởng ban"), ("Lò Văn Sơn", "Ủy viên"), ("Vũ Thị Thu", "Thư ký")]
    shot(wizard, "4-ban-kiem-phieu")
    enter()  # empty name line: Enter goes on

    # 5. Ballot paper and persons.
    assert page(wizard) is Page.PAPERS and focused().objectName() == "paperTitle"
    type_text("Lãnh đạo Sở")
    tab()
    type_text("Toàn thể công chức, viên chức của Sở")
    tab()
    assert focused().objectName() == "personName"
    for name, position in (("Nguyễn Văn Bình", "Giám đốc Sở"), ("Lê Thị An", "Phó Giám đốc Sở"),
                           ("Đặng Quốc Kỳ", "Phó Giám đốc Sở"), ("Hồ Thị Ngọc Ẩn", "Chánh Văn phòng")):
        type_text(name)
        tab()
        type_text(position)
        enter()
    papers = wizard.pages[Page.PAPERS]
    assert [p.name for p in wizard.flow.papers[0].persons] == ["Nguyễn Văn Bình", "Lê Thị An", "Đặng Quốc Kỳ",
                                                               "Hồ Thị Ngọc Ẩn"]
    # Ctrl+Up: the last person (selected after adding) moves above the third.
    key(Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [p.name for p in wizard.flow.papers[0].persons][2:] == ["Hồ Thị Ngọc Ẩn", "Đặng Quốc Kỳ"]
    # A flag on the selected row: Space on the "retiring" cell, and the warning shows.
    view = papers.view
    view.setFocus()
    view.setCurrentIndex(papers.model.index(2, papers.model.RETIRING))
    key(Qt.Key.Key_Space)
    assert wizard.flow.papers[0].persons[2].retiring
    assert "Hồ Thị Ngọc Ẩn đã có thông báo nghỉ hưu" in papers.warnings.text()
    # Edit a name in place: F2, type, Enter.
    view.setCurrentIndex(papers.model.index(1, papers.model.NAME))
    key(Qt.Key.Key_F2)
    editor = focused()
    editor.selectAll()
    type_text("Lê Thị Ân")
    enter()
    assert wizard.flow.papers[0].persons[1].name == "Lê Thị Ân"
    # Sort by given name, the Vietnamese way.
    papers.order.setFocus()
    key(Qt.Key.Key_Down)
    assert [p.name for p in wizard.flow.papers[0].persons] == ["Lê Thị Ân", "Hồ Thị Ngọc Ẩn", "Nguyễn Văn Bình",
                                                               "Đặng Quốc Kỳ"]
    shot(wizard, "5-phieu")
    # Remove one: select it in the table and press Delete.
    view.setFocus()
    view.setCurrentIndex(papers.model.index(3, papers.model.NAME))
    key(Qt.Key.Key_Delete)
    assert len(wizard.flow.papers[0].persons) == 3
    papers.person_name.setFocus()
    enter()

    # 6. Summary, then Hoàn tất.
    assert page(wizard) is Page.SUMMARY
    assert "Lãnh đạo Sở" in wizard.pages[Page.SUMMARY].text.toPlainText()
    assert "nghỉ hưu" in wizard.pages[Page.SUMMARY].warnings.text()
    shot(wizard, "6-tom-tat")
    enter()
    assert wizard.result() == QWizard.DialogCode.Accepted

    session = wizard.result_session()
    assert session_problems(session) == []
    assert (session.regime, session.denominator) == (Regime.NQ96, Denominator.RETURNED)
    assert (session.organization, session.parent, session.place, session.summoned) == (
        "Sở Tài chính tỉnh Hà Giang", "UBND TỈNH HÀ GIANG", "Hà Giang", 30)
    paper = session.papers[0]
    assert (paper.key, paper.title, paper.voters) == ("lanh-dao-so", "Lãnh đạo Sở",
                                                      "Toàn thể công chức, viên chức của Sở")
    assert [(p.name, p.position, p.retiring) for p in paper.persons] == [
        ("Lê Thị Ân", "Phó Giám đốc Sở", False), ("Hồ Thị Ngọc Ẩn", "Chánh Văn phòng", True),
        ("Nguyễn Văn Bình", "Giám đốc Sở", False)]


def messy_xlsx(path: Path) -> Path:
    """Decomposed text, a TCVN3 cell in ".VnTime", blank rows, a title row, headers in an unusual order."""
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH LẤY PHIẾU TÍN NHIỆM"])
    ws.append([])
    ws.append(["Đơn vị", "Ghi chú", "Chức vụ", "Họ và tên", "STT", "Nghỉ hưu"])
    ws.append([])
    ws.append([nfd("Sở Tài chính"), None, nfd("Giám đốc"), nfd("Nguyễn Thị Hường"), 1, None])
    ws.append([None, None, None, None, None, None])
    ws.append(["Së Tµi chÝnh", "", encode_tcvn3("Phó Giám đốc"), encode_tcvn3("Đặng Quốc Kỳ"), 2, "x"])
    for cell in ("A7", "C7", "D7"):
        ws[cell].font = Font(name=".VnTime")
    ws.append([])
    ws.append(["Sở Tài chính", "mới", "Trưởng phòng", "Trần Văn Ơn", 3, ""])
    ws.append([])
    wb.save(path)
    return path


def drive_modal(qtbot, action) -> list:
    """Run `action(dialog)` on the next modal dialog, from inside its event loop."""
    seen = []

    def run():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        seen.append(dialog)
        try:
            action(dialog)
        except BaseException as err:  # never leave a modal dialog open: the test would hang in exec()
            seen.append(err)
            dialog.reject()

    QTimer.singleShot(0, run)
    return seen


def finished(seen: list) -> bool:
    """The modal dialog driven by `drive_modal` is closed; re-raise what went wrong inside it."""
    if len(seen) > 1:  # (waitUntil would take an AssertionError for "not yet")
        raise RuntimeError(f"inside the dialog: {seen[1]!r}") from seen[1]
    return bool(seen) and not seen[0].isVisible()


def test_import_a_messy_xlsx_and_save(qtbot, tmp_path, monkeypatch):
    path = messy_xlsx(tmp_path / "danh sach.xlsx")
    monkeypatch.setattr(wizard_module.dialogs, "open_path", lambda *a, **k: str(path))
    wizard = open_wizard(qtbot)
    flow = wizard.flow
    flow.set_details(crossed_out=CrossedOutRuling.ROW, organization="Sở Tài chính", title="Hội nghị 2023",
                     place="Hà Giang", summoned=25)
    flow.add_member("Trần Thị Bình", "Trưởng ban")
    for _ in range(4):
        wizard.next()
    assert page(wizard) is Page.PAPERS
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.pages[Page.PAPERS].paper_title)
    type_text("Lãnh đạo Sở")

    def check_and_accept(dialog):
        combos = dialog.combos
        assert [combos[f].currentIndex() - 1 for f in ("name", "position", "unit", "retiring")] == [3, 2, 0, 5]
        assert dialog.preview_model.rowCount() == 3
        text = dialog.messages.toPlainText()
        assert "Dòng 7, cột D (Họ và tên): đã chuyển từ bảng mã TCVN3" in text
        shot(dialog, "7-nhap-tu-tep")
        key(Qt.Key.Key_Return, widget=dialog.focusWidget() or dialog)

    seen = drive_modal(qtbot, check_and_accept)
    key(Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # "Nhập từ tệp Excel/CSV…"
    qtbot.waitUntil(lambda: finished(seen))
    persons = flow.papers[0].persons
    assert [(p.name, p.position, p.retiring) for p in persons] == [
        ("Nguyễn Thị Hường", "Giám đốc, Sở Tài chính", False),
        ("Đặng Quốc Kỳ", "Phó Giám đốc, Sở Tài chính", True),
        ("Trần Văn Ơn", "Trưởng phòng, Sở Tài chính", False)]
    assert all(unicodedata.is_normalized("NFC", p.name + p.position) for p in persons)
    # issue 26: after the import the next person can be typed; the table (where Space ticks a box) is not focused
    assert wizard.focusWidget() is wizard.pages[Page.PAPERS].person_name

    wizard.activateWindow()  # the window manager's part, once the modal dialog is gone
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    wizard.next()
    key(Qt.Key.Key_Return, widget=wizard)
    session = wizard.result_session()
    target = tmp_path / "phien.phieu"
    with SessionFile.create(target, session) as file:
        assert file.session.papers[0].persons[0].name == "Nguyễn Thị Hường"
        assert file.verify().ok


def test_edit_a_saved_session_and_update_the_file(qtbot, session_path):
    file = SessionFile.create(session_path, make_session(present=None, present_at_vote=None, issued=None,
                                                         returned=None))
    try:
        wizard = open_wizard(qtbot, file.session, session_file=file)
        assert wizard.windowTitle() == "Sửa thông tin hội nghị"
        for _ in range(4):
            enter()
        assert page(wizard) is Page.PAPERS
        papers = wizard.pages[Page.PAPERS]
        papers.person_name.setFocus()
        type_text("Vũ Văn Dũng")
        tab()
        type_text("Chánh Thanh tra")
        enter()
        papers.person_name.setFocus()
        enter()
        enter()
        file.update_session(wizard.result_session())
        assert file.session.papers[0].persons[-1].name == "Vũ Văn Dũng"
        assert file.session.papers[0].key == "lanh-dao"
        assert file.verify().ok
    finally:
        file.close()
    with SessionFile.open(session_path) as again:
        assert again.opening_report.ok and len(again.session.papers[0].persons) == 4


def test_print_ballots_needs_a_saved_file(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(wizard_module, "message", lambda parent, title, text, error=False: shown.append(text))
    wizard = open_wizard(qtbot)
    wizard.print_ballots()
    assert shown and "sau khi lưu" in shown[0]


def test_print_ballots_from_the_saved_file(qtbot, monkeypatch, session_file, tmp_path):
    shown = []
    out = tmp_path / "phieu.pdf"
    monkeypatch.setattr(wizard_module, "message", lambda parent, title, text, error=False: shown.append(text))
    monkeypatch.setattr(wizard_module.dialogs, "save_path", lambda *a, **k: str(out))
    wizard = open_wizard(qtbot, session_file.session, session_file=session_file)
    wizard.print_ballots()
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert "trang phiếu" in shown[-1]
    wizard.flow.add_person(0, "Người Mới", "Chuyên viên")
    wizard.print_ballots()
    assert "Hãy bấm Hoàn tất" in shown[-1]


def test_cannot_finish_an_invalid_session_and_cancel_leaves_no_result(qtbot):
    wizard = open_wizard(qtbot, replace(make_session(), organization=""))
    wizard.next()
    assert not wizard.pages[Page.HEADER].isComplete()
    wizard.reject()
    with pytest.raises(RuntimeError):
        wizard.result_session()


def test_two_papers_and_a_csv_without_header(qtbot, tmp_path, monkeypatch):
    csv_path = tmp_path / "truong-phong.csv"
    csv_path.write_bytes("1;Nguyễn Văn A;Trưởng phòng Kế toán\n2;Lê Thị B;Trưởng phòng Tổ chức\n".encode("utf-8-sig"))
    monkeypatch.setattr(wizard_module.dialogs, "open_path", lambda *a, **k: str(csv_path))
    wizard = open_wizard(qtbot, make_session())
    for _ in range(4):
        wizard.next()
    papers = wizard.pages[Page.PAPERS]
    assert papers.paper_choice.count() == 1 and not papers.remove_paper_button.isEnabled()
    papers.add_paper_button.click()
    assert papers.paper_choice.currentIndex() == 1 and focused() is papers.paper_title
    type_text("Trưởng phòng")
    assert papers.paper_choice.currentText() == "Phiếu 2: Trưởng phòng"

    def map_position_and_accept(dialog):
        assert dialog.table.header_row is None
        assert dialog.combos["name"].currentIndex() == 2  # the column with the most multi-word text: B
        name, position = dialog.combos["name"], dialog.combos["position"]
        key(Qt.Key.Key_Up, widget=name)  # column A (the numbers): the preview follows, and says why
        assert dialog.preview_model.rowCount() == 0 and "không phải họ và tên" in dialog.messages.toPlainText()
        assert not dialog.ok.isEnabled()
        key(Qt.Key.Key_Down, widget=name)
        for _ in range(3):  # — không có — -> A -> B -> C
            key(Qt.Key.Key_Down, widget=position)
        assert position.currentIndex() == 3 and dialog.preview_model.rowCount() == 2
        dialog.ok.click()

    seen = drive_modal(qtbot, map_position_and_accept)
    papers.person_name.setFocus()
    key(Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: finished(seen))
    assert [(p.name, p.position) for p in wizard.flow.papers[1].persons] == [
        ("Nguyễn Văn A", "Trưởng phòng Kế toán"), ("Lê Thị B", "Trưởng phòng Tổ chức")]
    papers.paper_choice.setCurrentIndex(0)
    assert papers.paper_title.text() == "Lãnh đạo Sở" and papers.model.rowCount() == 3
    wizard.next()
    wizard.accept()
    session = wizard.result_session()
    assert [p.key for p in session.papers] == ["lanh-dao", "truong-phong"]
    assert session_problems(session) == []


def test_cancel_asks_before_losing_what_was_typed(qtbot, monkeypatch):
    answers = []
    monkeypatch.setattr(wizard_module, "confirm", lambda *a, **k: answers.pop(0))
    wizard = open_wizard(qtbot)
    key(Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert wizard.result() == QWizard.DialogCode.Rejected and not answers

    wizard = open_wizard(qtbot)
    wizard.flow.set_details(crossed_out=CrossedOutRuling.ROW)
    wizard.next()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.pages[Page.HEADER].lines["organization"])
    type_text("Sở Tư pháp")
    answers.append(False)
    key(Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.flow.organization == "Sở Tư pháp"
    answers.append(False)
    wizard.close()  # the window's close button asks too
    assert wizard.isVisible() and not answers
    answers.append(True)
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible() and wizard.result() == QWizard.DialogCode.Rejected and not answers


def test_a_corrected_name_keeps_the_alphabetical_order_and_the_cursor_follows_it(qtbot):
    wizard = open_wizard(qtbot, make_session())
    for _ in range(4):
        wizard.next()
    papers = wizard.pages[Page.PAPERS]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is papers.person_name)  # the page has placed its cursor
    papers.order.setCurrentIndex(1)  # Xếp theo tên
    names = [p.name for p in wizard.flow.papers[0].persons]
    assert names == sorted(names, key=given_name_key)
    papers.view.setCurrentIndex(papers.model.index(0, papers.model.NAME))
    papers.view.setFocus()
    key(Qt.Key.Key_F2)
    editor = focused()
    editor.selectAll()
    type_text("Vũ Thị Yến")
    enter()
    persons = wizard.flow.papers[0].persons
    assert persons[-1].name == "Vũ Thị Yến" and [p.name for p in persons][:-1] == names[1:]
    assert papers.view.currentIndex().row() == len(persons) - 1
    assert papers.model.index(len(persons) - 1, papers.model.NAME).data() == "Vũ Thị Yến"
    papers.view.setCurrentIndex(papers.model.index(0, papers.model.NAME))
    key(Qt.Key.Key_F2)
    focused().selectAll()
    key(Qt.Key.Key_Backspace)  # a slip: the name wiped out, and the page says so at once
    enter()
    assert "chưa có họ và tên" in papers.problems.text() and not papers.isComplete()


def test_sort_by_rank_of_position_and_a_corrected_position_moves_the_person(qtbot):
    session = make_session(persons=3)
    people = (person_from_values("Nguyễn Thị Hường", "Trưởng phòng Kế toán"),
              person_from_values("Đặng Quốc Kỳ", "Phó Giám đốc Sở"),
              person_from_values("Trần Văn Ơn", "Giám đốc Sở"))
    wizard = open_wizard(qtbot, replace(session, papers=(replace(session.papers[0], persons=people),)))
    for _ in range(4):
        wizard.next()
    papers = wizard.pages[Page.PAPERS]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is papers.person_name)
    papers.order.setFocus()
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)
    assert papers.order.currentText().startswith("Xếp theo cấp chức vụ")
    assert [p.name for p in wizard.flow.papers[0].persons] == ["Trần Văn Ơn", "Đặng Quốc Kỳ", "Nguyễn Thị Hường"]
    papers.view.setFocus()
    papers.view.setCurrentIndex(papers.model.index(2, papers.model.POSITION))
    key(Qt.Key.Key_F2)
    focused().selectAll()
    type_text("Phó Giám đốc Sở")  # Hường promoted: among the deputies she comes first, as listed
    enter()
    assert [p.name for p in wizard.flow.papers[0].persons] == ["Trần Văn Ơn", "Nguyễn Thị Hường", "Đặng Quốc Kỳ"]
    assert papers.view.currentIndex().row() == 1
    wizard.next()
    wizard.accept()
    assert [p.name for p in wizard.result_session().papers[0].persons] == ["Trần Văn Ơn", "Nguyễn Thị Hường",
                                                                           "Đặng Quốc Kỳ"]

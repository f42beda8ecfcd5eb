"""The Prepare wizard driven by the keyboard (pytest-qt, offscreen): from scratch, a messy .xlsx, an edit."""

from __future__ import annotations

import os
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
from PySide6.QtWidgets import QApplication, QWizard

from phieu_desktop.domain.legacy_text import encode_tcvn3
from phieu_desktop.domain.prepare import Page
from phieu_desktop.domain.regime import Denominator, Regime
from phieu_desktop.domain.session import session_problems
from phieu_desktop.store import SessionFile
from phieu_desktop.ui.prepare import PrepareWizard
from phieu_desktop.ui.prepare import wizard as wizard_module
from tests.conftest import make_session

SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


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
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    return wizard


def page(wizard: PrepareWizard) -> Page:
    return wizard.flow.page


# --- tests ---

def test_dbg(qtbot):
    wizard = open_wizard(qtbot)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "Tiếp ›"
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "‹ Quay lại"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "Hoàn tất"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Hủy"

    # 1. Regime: arrow keys move between the three regimes.
    assert page(wizard) is Page.REGIME and focused().objectName() == "regime_qd96"
    key(Qt.Key.Key_Down)
    assert wizard.flow.regime is Regime.NQ96
    shot(wizard, "1-quy-dinh")
    enter()

    if os.environ.get("STOP") == "0":
        return
    # 2. Organisation and meeting.
    assert page(wizard) is Page.HEADER and focused().objectName() == "organization"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    type_text("Sở Tài chính tỉnh Hà Giang")
    tab()
    type_text("UBND TỈNH HÀ GIANG")
    tab()
    type_text("Hội nghị lấy phiếu tín nhiệm năm 2023")
    tab()
    type_text("Hà Giang")
    tab()
    assert focused().objectName() == "date"
    type_text("12092023")
    assert wizard.flow.date == date(2023, 9, 12)
    shot(wizard, "2-co-quan")
    enter()

    if os.environ.get("STOP") == "1":
        return
    # 3. Summoned.
    assert page(wizard) is Page.SUMMONED
    type_text("30")
    assert "Cần ít nhất 20 người" in wizard.pages[Page.SUMMONED].quorum.text()
    shot(wizard, "3-trieu-tap")
    enter()

    if os.environ.get("STOP") == "2":
        return
    # 4. Committee: name, Enter; the first is the head, the next ones members.
    assert page(wizard) is Page.COMMITTEE and focused().objectName() == "memberName"
    type_text("Trần Thị Bình")
    enter()
    type_text("Lò Văn Sơn")
    enter()
    type_text("Vũ Thị Thu")
    enter()
    assert [(m.name, m.role) for m in wizard.flow.committee] == [
        ("Trần Thị Bình", "Trưởng ban"), ("Lò Văn Sơn", "Ủy viên"), ("Vũ Thị Thu", "Ủy viên")]
    shot(wizard, "4-ban-kiem-phieu")
    enter()  # empty name line: Enter goes on

    if os.environ.get("STOP") == "3":
        return
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
    if os.environ.get("STOP") == "4":
        return
    # Ctrl+Up: the last person (selected after adding) moves above the third.
    key(Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [p.name for p in wizard.flow.papers[0].persons][2:] == ["Hồ Thị Ngọc Ẩn", "Đặng Quốc Kỳ"]
    if os.environ.get("STOP") == "5":
        return
    # A flag on the selected row: Space on the "retiring" cell, and the warning shows.
    view = papers.view
    view.setFocus()
    view.setCurrentIndex(papers.model.index(2, papers.model.RETIRING))
    key(Qt.Key.Key_Space)
    assert wizard.flow.papers[0].persons[2].retiring
    assert "Hồ Thị Ngọc Ẩn đã có thông báo nghỉ hưu" in papers.warnings.text()
    if os.environ.get("STOP") == "6":
        return
    # Edit a name in place: F2, type, Enter.
    view.setCurrentIndex(papers.model.index(1, papers.model.NAME))
    key(Qt.Key.Key_F2)
    editor = focused()
    editor.selectAll()
    type_text("Lê Thị Ân")
    enter()
    assert wizard.flow.papers[0].persons[1].name == "Lê Thị Ân"
    if os.environ.get("STOP") == "7":
        return
    # Sort by given name, the Vietnamese way.
    papers.order.setFocus()
    key(Qt.Key.Key_Down)
    assert [p.name for p in wizard.flow.papers[0].persons] == ["Lê Thị Ân", "Hồ Thị Ngọc Ẩn", "Nguyễn Văn Bình",
                                                               "Đặng Quốc Kỳ"]
    shot(wizard, "5-phieu")
    if os.environ.get("STOP") == "8":
        return
    # Remove one: select it in the table and press Delete.
    view.setFocus()
    view.setCurrentIndex(papers.model.index(3, papers.model.NAME))
    key(Qt.Key.Key_Delete)
    assert len(wizard.flow.papers[0].persons) == 3
    papers.person_name.setFocus()
    enter()

    if os.environ.get("STOP") == "9":
        return
    # 6. Summary, then Hoàn tất.
    assert page(wizard) is Page.SUMMARY
    assert "Lãnh đạo Sở" in wizard.pages[Page.SUMMARY].text.toPlainText()
    assert "nghỉ hưu" in wizard.pages[Page.SUMMARY].warnings.text()
    shot(wizard, "6-tom-tat")
    enter()
    assert wizard.result() == QWizard.DialogCode.Accepted

    if os.environ.get("STOP") == "10":
        return
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



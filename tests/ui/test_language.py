"""Qt's own words in Vietnamese: the compiled translation matches its source, and the window uses it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTranslator
from PySide6.QtWidgets import QLineEdit, QSpinBox

from phieu_desktop.paths import resource
from phieu_desktop.ui.main_window import configure_application


def messages() -> list[tuple[str, str, str, str | None]]:
    root = ET.parse(resource("translations", "qt_vi.ts")).getroot()
    return [(context.findtext("name"), message.findtext("source"), message.findtext("translation"),
             message.findtext("comment")) for context in root.iter("context") for message in context.iter("message")]


def test_the_compiled_file_says_what_its_source_says(qapp):
    translator = QTranslator()
    assert translator.load(str(resource("translations", "qt_vi.qm")))
    found = messages()
    assert len(found) >= 40
    stale = [(c, s, t) for c, s, t, comment in found if translator.translate(c, s, comment) != t]
    assert not stale, f"qt_vi.qm is older than qt_vi.ts: run packaging/make_translations.py ({stale[:3]})"


def test_context_menus_dates_and_buttons_in_vietnamese(qapp):
    configure_application(qapp)
    configure_application(qapp)  # twice: one translator, not two
    line = QLineEdit("Sở Tài chính")
    menu = line.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert texts == ["&Hoàn tác", "&Làm lại", "Cắ&t", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]
    spin = QSpinBox()
    spin_menu = spin.lineEdit().createStandardContextMenu()
    assert "&Sao chép" in [a.text().split("\t")[0] for a in spin_menu.actions()]
    assert QCoreApplication.translate("QAbstractSpinBox", "&Step up") == "&Tăng"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert QLocale().language() == QLocale.Language.Vietnamese
    assert QLocale().toString(QDate(2023, 9, 12), "d MMMM yyyy") == "12 tháng 9 2023"


def test_the_printers_properties_dialog_in_vietnamese(qapp):
    """The print dialog's "Thuộc tính" sub-dialog on Linux (Qt's QPrintPropertiesDialog: the page setup and the CUPS
    job tabs) was English: Qt has no Vietnamese translation of its own (no qtbase_vi.qm in PySide6), ours has it."""
    configure_application(qapp)
    for context, source, expected in (("QPrintPropertiesDialog", "Printer Properties", "Thuộc tính máy in"),
                                      ("QPrintPropertiesDialog", "Job Options", "Tùy chọn lệnh in"),
                                      ("QPageSetupWidget", "Page size:", "Khổ giấy:"),
                                      ("QPageSetupWidget", "Landscape", "Ngang"),
                                      ("QCupsJobWidget", "Print Immediately", "In ngay")):
        assert QCoreApplication.translate(context, source) == expected

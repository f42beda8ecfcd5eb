"""The higher level's window, driven by the keyboard: the board's key (a wrong passphrase first), two units, a
tampered file and a second copy; the paper check with a wrong then the right group; the Excel report."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPushButton

from phieu_desktop.demo import create_demo
from phieu_desktop.exchange.export import export_session
from phieu_desktop.exchange.keys import create_key_file
from phieu_desktop.exchange.send_up import Method, SendUpForm
from phieu_desktop.store import SessionFile
from phieu_desktop.ui import consolidation as module
from phieu_desktop.ui import dialogs as dialogs_module
from phieu_desktop.ui import file_choice
from phieu_desktop.ui.consolidation import ConsolidationWindow
from phieu_desktop.ui.main_window import configure_application
from phieu_desktop.ui.paper_check import PaperCheckDialog
from tests.exchange.conftest import build_unit
from tests.ui.helpers import fill_and_enter, key, press_enter, replace_text

KEY_PASSPHRASE = "Ban Tổ chức Tỉnh ủy 2023"


def press(button) -> None:
    button.setFocus()
    key(button, Qt.Key.Key_Space)


@pytest.fixture(autouse=True)
def no_prompt(monkeypatch):
    monkeypatch.setenv("PHIEU_PASSPHRASE", KEY_PASSPHRASE)


@pytest.fixture
def sent(tmp_path):
    """The board's key file, and what came up: two units, a tampered file, a second copy of the first unit."""
    board = create_key_file(tmp_path / "ban-to-chuc.key", KEY_PASSPHRASE)
    from pyrage import x25519
    recipient = x25519.Recipient.from_str(board.recipient)
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    fingerprints = {}
    fingerprints["tai-chinh"] = create_demo(tmp_path / "tai-chinh.phieu")
    with SessionFile.open(tmp_path / "tai-chinh.phieu") as file:
        form = SendUpForm(pasted=board.recipient, out=inbox / "tai-chinh.phieux")
        form.send(file)  # with the minutes, as the window sends it
    fingerprints["y-te"] = build_unit(tmp_path / "y-te.phieu", "Sở Y tế tỉnh Hà Giang",
                                      names=["Đặng Quốc Kỳ", "Phan Thị Lụa", "Vàng Seo Pao"])
    with SessionFile.open(tmp_path / "y-te.phieu") as file:
        export_session(file, inbox / "y-te.phieux", [recipient], minutes=None)
    build_unit(tmp_path / "gd.phieu", "Sở Giáo dục và Đào tạo")
    with SessionFile.open(tmp_path / "gd.phieu") as file:
        export_session(file, inbox / "giao-duc.phieux", [recipient], minutes=None)
    data = bytearray((inbox / "giao-duc.phieux").read_bytes())
    data[len(data) // 2] ^= 0x04
    (inbox / "giao-duc.phieux").write_bytes(bytes(data))
    shutil.copy(inbox / "tai-chinh.phieux", inbox / "tai-chinh-ban-2.phieux")
    return tmp_path / "ban-to-chuc.key", inbox, fingerprints


@pytest.fixture
def win(qtbot, qapp, monkeypatch, sent):
    key_file, inbox, _fps = sent
    monkeypatch.setattr(module, "choose_key_file", lambda parent, title: str(key_file))
    monkeypatch.setattr(module, "choose_packages", lambda parent, title: [
        str(inbox / n) for n in ("tai-chinh.phieux", "y-te.phieux", "giao-duc.phieux", "tai-chinh-ban-2.phieux")])
    configure_application(qapp)
    window = ConsolidationWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def screenshot(widget, name: str, tmp_path: Path) -> None:
    """`PHIEU_SCREENSHOTS=docs/screenshots` keeps the picture for the README; otherwise only checks it was drawn."""
    folder = Path(os.environ.get("PHIEU_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    image = widget.grab().toImage()
    assert not image.isNull() and image.save(str(folder / f"{name}.png"))


def group_of(fingerprint: str, group: int) -> str:
    return fingerprint.split("-")[group - 1]


def wrong_group(fingerprint: str, group: int) -> str:
    right = group_of(fingerprint, group)
    return ("0" if right[0] != "0" else "1") + right[1:]


def test_consolidate_two_units_check_paper_save_xlsx(win, sent, qtbot, dialogs, monkeypatch, tmp_path):
    _key, inbox, fps = sent
    # adding files without a key asks for it first: a wrong passphrase is said in the same dialog, which stays
    # open (issue 26: the key file is not chosen again), then the right one
    said = []

    def wrong_then_right(dialog) -> None:
        fill_and_enter("sai mật khẩu")(dialog)
        said.append((dialog.isVisible(), dialog.problem.text()))
        fill_and_enter(KEY_PASSPHRASE)(dialog)

    dialogs.expect(wrong_then_right)
    press(win.findChild(QPushButton, "addFiles"))
    dialogs.wait_done()
    assert said[0][0] and "Sai mật khẩu của tệp khóa" in said[0][1]
    assert "ban-to-chuc.key" in win.key_state.text()
    model = win.files_model
    status = [model.index(r, 4).data() for r in range(model.rowCount())]
    assert status[0] == status[1] == "Chờ đối chiếu biên bản giấy"
    assert status[2].startswith("Từ chối: ") and "bị sửa đổi" in status[2]
    assert status[3].startswith("Từ chối: ") and "bản thứ hai" in status[3]
    assert [model.index(r, 1).data() for r in range(2)] == ["Sở Tài chính tỉnh Tuyên Quang", "Sở Y tế tỉnh Hà Giang"]
    assert model.index(0, 2).data() == "20/11/2026"
    # the fingerprint is read from the paper, never from the screen, until the check matched
    assert fps["tai-chinh"] not in model.index(0, 3).data()
    assert not win.findChild(QPushButton, "saveXlsx").isEnabled()

    # Enter on the waiting row opens the paper check; a wrong group is refused and the file stays unconfirmed
    def wrong_then_right(fingerprint):
        def answer(dialog: PaperCheckDialog) -> None:
            group = dialog.entry.group
            assert f"nhóm thứ {group}" in dialog.findChild(QLabel, "ask").text()
            assert fingerprint not in "\n".join(label.text() for label in dialog.findChildren(QLabel))
            replace_text(dialog.typed, wrong_group(fingerprint, group).lower())
            key(dialog.typed, Qt.Key.Key_Return)
            assert dialog.isVisible() and "không khớp" in dialog.message.text()
            assert dialog.entry.mismatches and not dialog.entry.confirmed
            assert dialog.refuse_button.isVisible()
            screenshot(dialog, "consolidation-paper-check", tmp_path)
            replace_text(dialog.typed, group_of(fingerprint, group).lower())
            key(dialog.typed, Qt.Key.Key_Return)
        return answer

    def right(fingerprint):
        def answer(dialog: PaperCheckDialog) -> None:
            replace_text(dialog.typed, group_of(fingerprint, dialog.entry.group))
            key(dialog.typed, Qt.Key.Key_Return)
        return answer

    dialogs.expect(wrong_then_right(fps["tai-chinh"]))
    key(win.files, Qt.Key.Key_Return)
    dialogs.wait_done()
    assert model.index(0, 4).data() == "Đã nhận (biên bản giấy khớp)"
    assert model.index(0, 3).data() == fps["tai-chinh"]
    assert win.files.currentIndex().row() == 1  # the next file waiting is selected
    assert "Đã nhận 1 đơn vị" in win.summary.text() and "chờ đối chiếu 1" in win.summary.text()
    assert win.persons_model.rowCount() == 10
    win.files.selectRow(3)  # the second copy: its reason in full below the table
    win.resize(1366, 768)
    qtbot.wait(20)
    screenshot(win, "consolidation", tmp_path)

    key(win.files, Qt.Key.Key_Return)  # Enter on a refused file opens nothing
    assert QApplication.activeModalWidget() is None
    key(win.files, Qt.Key.Key_Up)
    key(win.files, Qt.Key.Key_Up)
    assert win.selected().source == "y-te.phieux"
    dialogs.expect(right(fps["y-te"]))
    key(win.files, Qt.Key.Key_Return)
    dialogs.wait_done()
    assert win.persons_model.rowCount() == 13
    text = win.summary.text()
    assert "Đã nhận 2 đơn vị" in text and "từ chối 2 tệp" in text and "13 lượt người" in text
    assert "tín nhiệm): 1" in text and "từ 2/3 trở lên tín nhiệm thấp: 1" in text
    win.tabs.setCurrentWidget(win.persons)
    screenshot(win, "consolidation-persons", tmp_path)

    out = tmp_path / "bao-cao" / "tong-hop"
    out.parent.mkdir()
    proposed = []
    monkeypatch.setattr(dialogs_module, "save_path",
                        lambda parent, title, suggested, pattern: proposed.append(suggested) or str(out))
    dialogs.expect(press_enter)
    press(win.findChild(QPushButton, "saveXlsx"))
    dialogs.wait_done()
    assert Path(proposed[0]).name.startswith("tong-hop-ket-qua_") and proposed[0].endswith(".xlsx")
    book = load_workbook(out.with_suffix(".xlsx"), read_only=True)
    results = list(book["Kết quả"].iter_rows(values_only=True))
    assert len(results) == 1 + 13
    header = results[0]
    by_name = {r[header.index("Họ và tên")]: r for r in results[1:] if r[1] == "Sở Tài chính tỉnh Tuyên Quang"}
    assert by_name["Đỗ Xuân Trường"][header.index("Mức")] .startswith("Từ 2/3 trở lên")
    assert {r[header.index("Mã niêm phong")] for r in results[1:]} == {fps["tai-chinh"], fps["y-te"]}
    same = list(book["Cùng họ tên"].iter_rows(values_only=True))
    assert same[1][0] == "Đặng Quốc Kỳ" and "Sở Y tế tỉnh Hà Giang" in same[1]
    refused = list(book["Tệp bị từ chối"].iter_rows(values_only=True))[1:]
    assert [r[0] for r in refused] == ["giao-duc.phieux", "tai-chinh-ban-2.phieux"]


def test_refusing_after_a_mismatch_and_the_report_lists_files_still_waiting(win, sent, qtbot, dialogs,
                                                                             monkeypatch, tmp_path):
    _key, _inbox, fps = sent
    dialogs.expect(fill_and_enter(KEY_PASSPHRASE))
    press(win.findChild(QPushButton, "openKey"))
    dialogs.wait_done()
    press(win.findChild(QPushButton, "addFiles"))
    assert win.files_model.rowCount() == 4

    def refuse(dialog: PaperCheckDialog) -> None:
        replace_text(dialog.typed, wrong_group(fps["tai-chinh"], dialog.entry.group))
        key(dialog.typed, Qt.Key.Key_Return)
        press(dialog.refuse_button)

    dialogs.expect(refuse)
    press(win.check_button)
    dialogs.wait_done()
    status = win.files_model.index(0, 4).data()
    assert status.startswith("Từ chối: mã niêm phong trên biên bản giấy") and "không khớp" in status
    assert [e.source for e in win.consolidator.units] == ["y-te.phieux"]
    # nothing confirmed yet: no report
    assert not win.findChild(QPushButton, "savePdf").isEnabled()
    # the refused files are taken off the list (Bỏ khỏi danh sách); the waiting one stays
    for _ in range(3):
        win.files.selectRow(next(i for i, e in enumerate(win.entries) if e.problem is not None))
        press(win.findChild(QPushButton, "remove"))
    assert [e.source for e in win.entries] == ["y-te.phieux"] and not win.consolidator.problems
    report = win.report_consolidation()
    assert report.units == [] and "chưa đối chiếu" in report.problems[0].reason


def test_folder_with_a_passphrase_file_minutes_and_pdf(win, sent, qtbot, dialogs, monkeypatch, tmp_path):
    """A unit without a key sent with a passphrase: asked per file. The minutes of a unit, and the PDF report."""
    _key, inbox, fps = sent
    fps["xay-dung"] = build_unit(tmp_path / "xd.phieu", "Sở Xây dựng")
    with SessionFile.open(tmp_path / "xd.phieu") as file:
        SendUpForm(method=Method.PASSPHRASE, passphrase="Mù Cang Chải", confirm="Mù Cang Chải",
                   out=inbox / "xay-dung.phieux").send(file, minutes=None)
    (inbox / "giao-duc.phieux").unlink()
    (inbox / "tai-chinh-ban-2.phieux").unlink()
    monkeypatch.setattr(module, "choose_folder", lambda parent, title: str(inbox))
    # the board's key first (files for it are in the folder), then the unit's passphrase for its file
    dialogs.expect(fill_and_enter(KEY_PASSPHRASE), fill_and_enter("Mù Cang Chải"))
    press(win.findChild(QPushButton, "addFolder"))
    dialogs.wait_done()
    assert "xay-dung.phieux" in dialogs.seen[1] and "mật khẩu" in dialogs.seen[1]
    assert [e.source for e in win.entries] == ["tai-chinh.phieux", "xay-dung.phieux", "y-te.phieux"]
    assert all(e.waiting for e in win.entries)

    answers = []
    for name in ("tai-chinh", "xay-dung"):
        def answer(dialog, fingerprint=fps[name]):
            replace_text(dialog.typed, fingerprint.split("-")[dialog.entry.group - 1])
            key(dialog.typed, Qt.Key.Key_Return)
        answers.append(answer)
    dialogs.expect(*answers)
    press(win.check_button)
    qtbot.waitUntil(lambda: sum(e.accepted for e in win.entries) == 1)
    press(win.check_button)
    dialogs.wait_done()
    assert [e.accepted for e in win.entries] == [True, True, False]

    saved = iter([str(tmp_path / "bien-ban-tai-chinh.pdf"), str(tmp_path / "tong-hop.pdf")])
    monkeypatch.setattr(dialogs_module, "save_path", lambda parent, title, suggested, pattern: next(saved))
    win.files.selectRow(0)
    dialogs.expect(press_enter)
    press(win.findChild(QPushButton, "saveMinutes"))
    dialogs.wait_done()
    assert (tmp_path / "bien-ban-tai-chinh.pdf").read_bytes().startswith(b"%PDF")
    # one file still waits: the report says so, and is saved only when the user insists
    dialogs.expect(lambda dialog: press(next(b for b in dialog.findChildren(QPushButton) if "Vẫn lưu" in b.text())),
                   press_enter)
    press(win.findChild(QPushButton, "savePdf"))
    dialogs.wait_done()
    assert "1 tệp chưa đối chiếu" in dialogs.seen[-2]
    assert (tmp_path / "tong-hop.pdf").read_bytes().startswith(b"%PDF")
    report = win.report_consolidation()
    assert [u.source for u in report.units] == ["tai-chinh.phieux", "xay-dung.phieux"]
    assert [(p.source, p.reason) for p in report.problems] == [
        ("y-te.phieux", "chưa đối chiếu với biên bản giấy; chưa đưa vào tổng hợp")]


def test_choosing_files_speaks_vietnamese(sent, qtbot, dialogs, monkeypatch):
    """Where Qt draws the file dialog itself, its buttons are Vietnamese; several files are chosen at once."""
    _key, inbox, _fps = sent
    original = file_choice._dialog

    def in_inbox(*args, **kwargs):
        dialog = original(*args, **kwargs)
        dialog.setDirectory(str(inbox))
        return dialog

    def choose(dialog) -> None:
        texts = {b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton) if b.isVisible() and b.text()}
        assert {"Mở", "Hủy"} <= texts and not {"Open", "Cancel"} & texts
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText('"y-te.phieux" "tai-chinh.phieux"')  # typed, the name completer's popup would take Enter
        key(name, Qt.Key.Key_Return)

    monkeypatch.setattr(file_choice, "_dialog", in_inbox)
    dialogs.expect(choose)
    chosen = module.choose_packages(None, "Chọn các tệp gửi cấp trên")
    dialogs.wait_done()
    assert sorted(Path(p).name for p in chosen) == ["tai-chinh.phieux", "y-te.phieux"]

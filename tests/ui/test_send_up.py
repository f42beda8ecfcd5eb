"""The "Gửi cấp trên" dialog, driven by the keyboard: a locked demo session sealed for a key made in the test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pyrage import x25519
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from phieu_desktop.demo import create_demo
from phieu_desktop.exchange.consolidate import consolidate
from phieu_desktop.exchange.intake import Credentials
from phieu_desktop.exchange.keycard import write_key_card
from phieu_desktop.store import SessionFile
from phieu_desktop.ui import dialogs as dialogs_module
from phieu_desktop.ui import send_up
from phieu_desktop.ui.main_window import configure_application
from phieu_desktop.ui.send_up import SendUpDialog, open_send_up
from tests.conftest import make_session
from tests.ui.helpers import key, press_enter, replace_text, type_text


def press(button) -> None:
    """Move to a button and press Space on it, as a keyboard user does."""
    button.setFocus()
    key(button, Qt.Key.Key_Space)


@pytest.fixture(autouse=True)
def no_prompt(monkeypatch):
    monkeypatch.setenv("PHIEU_PASSPHRASE", "mật khẩu thử nghiệm")


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "so-tai-chinh.phieu"
    fingerprint = create_demo(path)
    with SessionFile.open(path) as file:
        yield file, fingerprint


@pytest.fixture
def saves(monkeypatch):
    """The save dialog, answered with the proposed name (or the next path queued); records what it proposed."""
    proposed: list[str] = []
    queue: list[str] = []

    def answer(parent, title, suggested, pattern):
        proposed.append(suggested)
        return queue.pop(0) if queue else suggested

    monkeypatch.setattr(dialogs_module, "save_path", answer)
    return proposed, queue


def test_pasted_key_typed_with_a_mistake_then_sent(demo, tmp_path, qtbot, dialogs, saves):
    file, fingerprint = demo
    board = x25519.Identity.generate()
    dialog = SendUpDialog(file)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert fingerprint in dialog.findChild(QLabel, "about").text()
    assert "Hãy dán khóa nhận" in dialog.problems.text() and not dialog.send_button.isEnabled()
    assert dialog.focusWidget() is dialog.pasted
    recipient = str(board.to_public())
    type_text(dialog.pasted, "age1 sai khóa")
    assert "không phải khóa nhận hợp lệ" in dialog.problems.text() and not dialog.send_button.isEnabled()
    key(dialog.pasted, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(dialog.pasted, Qt.Key.Key_Delete)
    type_text(dialog.pasted, " ".join(recipient[i:i + 4] for i in range(0, len(recipient), 4)))  # as printed
    assert dialog.problems.text() == "" and dialog.send_button.isEnabled()
    dialogs.expect(press_enter)  # "Đã tạo tệp gửi cấp trên"
    press(dialog.send_button)  # Enter in the key box is a new line: the user moves to Gửi…
    dialogs.wait_done()
    expected = tmp_path / "so-tai-chinh-tinh-tuyen-quang_2026-11-20.phieux"
    assert saves[0] == [str(expected)]
    assert dialog.result_path == expected and expected.exists()
    assert fingerprint in dialogs.seen[0] and "Đóng" in dialogs.seen[0]
    assert "OK" not in dialogs.seen[0].split()
    result = consolidate([expected], Credentials([board]))
    assert [u.fingerprint for u in result.units] == [fingerprint] and result.units[0].with_minutes
    assert "exported" in str(file.audit_entries()[-1])


def test_key_card_pdf_and_second_export_gets_a_free_name(demo, tmp_path, qtbot, dialogs, saves, monkeypatch):
    file, fingerprint = demo
    board, other = x25519.Identity.generate(), x25519.Identity.generate()
    card = tmp_path / "ban-to-chuc-khoa-nhan.pdf"
    write_key_card(str(board.to_public()), card, holder="Ban Tổ chức Tỉnh ủy")
    (tmp_path / "khac.txt").write_text(f"khóa dự phòng: {other.to_public()}\n", encoding="utf-8")
    monkeypatch.setattr(send_up, "choose_key_files", lambda parent, title: [str(card), str(tmp_path / "khac.txt")])
    (tmp_path / "so-tai-chinh-tinh-tuyen-quang_2026-11-20.phieux").write_bytes(b"an earlier export")

    def fill(dialog):
        press(dialog.findChild(QPushButton, "addKeyFiles"))
        assert dialog.files_model.stringList() == [card.name, "khac.txt"]
        assert dialog.problems.text() == ""
        dialogs.expect(press_enter)
        QTimer.singleShot(0, lambda: press(dialog.send_button))  # after this answer returns

    dialogs.timer.stop()  # the send-up dialog stays open while `fill` drives it: not an unexpected dialog
    dialogs.expect(fill)
    out = open_send_up(None, file)
    dialogs.wait_done()
    assert out == tmp_path / "so-tai-chinh-tinh-tuyen-quang_2026-11-20-2.phieux"
    assert "2 khóa nhận" in dialogs.seen[1]
    for identity in (board, other):
        assert [u.fingerprint for u in consolidate([out], Credentials([identity])).units] == [fingerprint]


def test_screenshot(demo, tmp_path, qtbot, qapp, monkeypatch):
    """`PHIEU_SCREENSHOTS=docs/screenshots` keeps the picture for the README; otherwise only checks it was drawn."""
    configure_application(qapp)
    file, _fingerprint = demo
    card = tmp_path / "ban-to-chuc-tinh-uy-khoa-nhan.pdf"
    write_key_card(str(x25519.Identity.generate().to_public()), card, holder="Ban Tổ chức Tỉnh ủy")
    monkeypatch.setattr(send_up, "choose_key_files", lambda parent, title: [str(card)])
    dialog = SendUpDialog(file)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.pasted, "age1 dán nhầm")
    dialog.add_key_files()
    folder = Path(os.environ.get("PHIEU_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    image = dialog.grab().toImage()
    assert not image.isNull() and image.save(str(folder / "send-up.png"))


def test_passphrase_entered_twice_in_vietnamese(demo, tmp_path, qtbot, dialogs, saves):
    file, fingerprint = demo
    proposed, queue = saves
    queue.append(str(tmp_path / "gui-so-tai-chinh"))  # the extension is added
    dialog = SendUpDialog(file)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    press(dialog.by_passphrase)
    assert dialog.by_passphrase.isChecked() and dialog.pages.currentIndex() == 1
    dialog.passphrase.setFocus()
    type_text(dialog.passphrase, "ngắn")
    assert dialog.problems.text() == "Mật khẩu phải có ít nhất 8 ký tự."
    replace_text(dialog.passphrase, "Hà Giang mùa thu")
    type_text(dialog.confirm, "Hà Giang mùa thu!")
    assert dialog.problems.text() == "Hai lần nhập mật khẩu không giống nhau." and not dialog.send_button.isEnabled()
    key(dialog.confirm, Qt.Key.Key_Backspace)
    assert dialog.problems.text() == "" and dialog.send_button.isEnabled()
    dialogs.expect(press_enter)
    key(dialog.confirm, Qt.Key.Key_Return)
    dialogs.wait_done()
    out = tmp_path / "gui-so-tai-chinh.phieux"
    assert dialog.result_path == out and "mã hóa bằng mật khẩu" in dialogs.seen[0]
    assert [u.fingerprint for u in consolidate([out], Credentials(passphrase="Hà Giang mùa thu")).units] == [
        fingerprint]


def test_an_unlocked_session_cannot_be_sent(tmp_path, qtbot):
    with SessionFile.create(tmp_path / "mo.phieu", make_session()) as file:
        dialog = SendUpDialog(file)
        qtbot.addWidget(dialog)
        dialog.show()
        assert "chưa được khóa" in dialog.problems.text() and not dialog.send_button.isEnabled()
        type_text(dialog.pasted, str(x25519.Identity.generate().to_public()))
        assert "chưa được khóa" in dialog.problems.text() and not dialog.send_button.isEnabled()
    assert not list(Path(tmp_path).glob("*.phieux"))

"""The window's "Ký số…": on the lock step for printed PDFs, in the send-up dialog, the signer column when
consolidating. A real SoftHSM2 token and a .p12 file, each test twice (skipped only without SoftHSM2)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pyrage import x25519
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from phieu_desktop.demo import create_demo
from phieu_desktop.domain.progress import Step
from phieu_desktop.exchange.consolidate import Consolidator
from phieu_desktop.exchange.intake import Credentials
from phieu_desktop.signing import trust
from phieu_desktop.signing.keys import TokenSource
from phieu_desktop.signing.pdf import verify_pdf
from phieu_desktop.store import SessionFile
from phieu_desktop.ui import dialogs as dialogs_module
from phieu_desktop.ui import signing as ui_signing
from phieu_desktop.ui.send_up import SendUpDialog
from phieu_desktop.ui.signing import SignDialog
from tests.signing.conftest import file_keys, keys, minutes_pdf, pki, token_keys  # noqa: F401 (fixtures)
from tests.signing.images import seal_png, signature_png
from tests.ui.helpers import press_enter, replace_text, type_text

PIN_TYPED = "123456"


def shots_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("PHIEU_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def grab(widget, path: Path) -> None:
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    image = widget.grab().toImage()
    assert not image.isNull() and image.save(str(path))


def fill_sign_dialog(keys, images: tuple[Path, Path] | None = None, pin: str = PIN_TYPED, shot: Path | None = None):
    """Answer the SignDialog as a user would: the key source, the images, the PIN (masked), then Ký."""
    def answer(dialog: SignDialog) -> None:
        source = keys.unit
        if isinstance(source, TokenSource):
            dialog.by_token.setChecked(True)
            dialog.library.setEditText(str(source.library))
        else:
            dialog.by_file.setChecked(True)
            replace_text(dialog.p12, str(source.path))
        if images:
            replace_text(dialog.seal, str(images[0]))
            replace_text(dialog.signature, str(images[1]))
        assert not dialog.ok.isEnabled() and "PIN" in dialog.problem.text()
        type_text(dialog.pin, pin)
        assert dialog.pin.echoMode() == dialog.pin.EchoMode.Password
        assert dialog.ok.isEnabled()
        if shot is not None:
            grab(dialog, shot)
        dialog.ok.click()
    return answer


@pytest.fixture
def locked_demo(tmp_path):
    path = tmp_path / "so-tai-chinh.phieu"
    create_demo(path)
    return path


def test_lock_step_signs_printed_pdfs(keys, window, locked_demo, minutes_pdf, tmp_path, dialogs, monkeypatch, pki):
    if isinstance(keys.unit, TokenSource):  # one token label per test run: the token "unit" is the only one
        monkeypatch.setattr(ui_signing, "SignRequest", _unit_label(ui_signing.SignRequest, keys.unit.token_label))
    printed = tmp_path / "bien-ban.pdf"
    shutil.copy(minutes_pdf, printed)
    monkeypatch.setattr(ui_signing, "choose_pdfs", lambda parent, title: [str(printed)])
    window.open_file(locked_demo)
    window.go_to(Step.LOCK)
    button = window.lock.sign_button
    assert button.isEnabled() and "Ký" in button.text()
    images = (seal_png(tmp_path / "dau.png"), signature_png(tmp_path / "chu-ky.png"))
    dialogs.expect(fill_sign_dialog(keys, images, shot=shots_folder(tmp_path) / "ky-so-hop-thoai.png"),
                   press_enter)
    button.click()
    dialogs.wait_done()
    signed = tmp_path / "bien-ban-da-ky.pdf"
    assert signed.exists() and "bien-ban-da-ky.pdf" in dialogs.seen[-1]
    root = trust.load_certificate(pki.root.der(), "root")
    [check] = verify_pdf(signed, [root])
    assert check.ok and check.organization == "Sở Tài chính tỉnh Tuyên Quang"


def test_lock_step_wrong_pin_says_so_and_writes_nothing(keys, window, locked_demo, minutes_pdf, tmp_path, dialogs,
                                                        monkeypatch):
    if isinstance(keys.unit, TokenSource):
        monkeypatch.setattr(ui_signing, "SignRequest", _unit_label(ui_signing.SignRequest, keys.unit.token_label))
    printed = tmp_path / "bao-cao.pdf"
    shutil.copy(minutes_pdf, printed)
    monkeypatch.setattr(ui_signing, "choose_pdfs", lambda parent, title: [str(printed)])
    window.open_file(locked_demo)
    window.go_to(Step.LOCK)
    said = []

    def wrong_pin_then_close(dialog) -> None:
        """Issue 26: the dialog stays open with the message in it (the chosen PDF is not lost), then Đóng."""
        fill_sign_dialog(keys, pin="000000")(dialog)
        assert dialog.isVisible()
        said.append(dialog.problem.text())
        dialog.reject()

    dialogs.expect(wrong_pin_then_close)
    window.lock.sign_button.click()
    dialogs.wait_done()
    assert said and "Sai" in said[0]
    assert not (tmp_path / "bao-cao-da-ky.pdf").exists()


def _unit_label(cls, label):
    """The dialog offers a library, not a token label; SoftHSM holds several tokens: pick the unit's."""
    def make(source, pin, appearance):
        if isinstance(source, TokenSource):
            source = TokenSource(source.library, label)
        return cls(source, pin, appearance)
    return make


def test_send_up_signed_then_consolidated_with_signer_column(keys, locked_demo, tmp_path, qtbot, dialogs,
                                                             monkeypatch, pki):
    if isinstance(keys.unit, TokenSource):
        monkeypatch.setattr(ui_signing, "SignRequest", _unit_label(ui_signing.SignRequest, keys.unit.token_label))
    monkeypatch.setattr(dialogs_module, "save_path", lambda parent, title, suggested, pattern: suggested)
    board = x25519.Identity.generate()
    with SessionFile.open(locked_demo) as file:
        dialog = SendUpDialog(file)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitActive(dialog)
        type_text(dialog.pasted, str(board.to_public()))
        dialog.sign.setChecked(True)
        grab(dialog, shots_folder(tmp_path) / "gui-cap-tren-ky-so.png")
        dialogs.expect(fill_sign_dialog(keys), press_enter)
        QTimer.singleShot(0, dialog.send_button.click)
        dialogs.wait_done()
        assert dialog.result_path is not None and "ký số bởi" in dialogs.seen[-1]
        out = dialog.result_path
    consolidator = Consolidator(Credentials([board], trust_roots=[trust.load_certificate(pki.root.der(), "r")]))
    unit = consolidator.add_file(out)
    assert unit.signature.ok and unit.origin_verified

    from phieu_desktop.ui.consolidation_models import Entry, FilesModel

    model = FilesModel()
    model.set_entries([Entry(path=out, unit=unit)])
    column = FilesModel.COLUMNS.index("signer")
    assert model.headerData(column, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Chữ ký số"
    assert "tin cậy" in model.index(0, column).data() and "Sở Tài chính" in model.index(0, column).data()


def test_consolidation_window_shows_who_signed(file_keys, tmp_path, qtbot, qapp, monkeypatch, pki, dialogs):
    """One unit signed with its .p12 (trusted root), one unsigned: the signer column tells them apart."""
    from phieu_desktop.exchange.export import export_session
    from phieu_desktop.exchange.keys import create_key_file
    from phieu_desktop.signing.keys import open_key
    from phieu_desktop.ui import consolidation as module
    from phieu_desktop.ui.consolidation import ConsolidationWindow
    from phieu_desktop.ui.main_window import configure_application
    from tests.exchange.conftest import build_unit

    monkeypatch.setenv("PHIEU_PASSPHRASE", "Ban Tổ chức Tỉnh ủy 2023")
    (tmp_path / "root.cer").write_bytes(pki.root.der())
    trust.add(tmp_path / "root.cer")
    board = create_key_file(tmp_path / "ban-to-chuc.key", "Ban Tổ chức Tỉnh ủy 2023")
    recipient = x25519.Recipient.from_str(board.recipient)
    create_demo(tmp_path / "tai-chinh.phieu")
    with SessionFile.open(tmp_path / "tai-chinh.phieu") as file:
        with open_key(file_keys.unit, file_keys.pin, file.session.organization) as key:
            export_session(file, tmp_path / "tai-chinh.phieux", [recipient], minutes=None, key=key)
    build_unit(tmp_path / "y-te.phieu", "Sở Y tế tỉnh Hà Giang")
    with SessionFile.open(tmp_path / "y-te.phieu") as file:
        export_session(file, tmp_path / "y-te.phieux", [recipient], minutes=None)
    monkeypatch.setattr(module, "choose_key_file", lambda parent, title: str(tmp_path / "ban-to-chuc.key"))
    monkeypatch.setattr(module, "choose_packages", lambda parent, title: [
        str(tmp_path / "tai-chinh.phieux"), str(tmp_path / "y-te.phieux")])
    configure_application(qapp)
    window = ConsolidationWindow()
    qtbot.addWidget(window)
    window.resize(1366, 600)
    window.show()
    qtbot.waitExposed(window)
    from tests.ui.helpers import fill_and_enter

    dialogs.expect(fill_and_enter("Ban Tổ chức Tỉnh ủy 2023"))  # the key file's passphrase
    window.add_files()
    dialogs.wait_done()
    model = window.files_model
    column = model.COLUMNS.index("signer")
    signers = [model.index(r, column).data() for r in range(model.rowCount())]
    assert "Sở Tài chính tỉnh Tuyên Quang" in signers[0] and "tin cậy" in signers[0]
    assert "không ký số" in signers[1] and "biên bản giấy" in signers[1]
    grab(window, shots_folder(tmp_path) / "consolidation-signer.png")

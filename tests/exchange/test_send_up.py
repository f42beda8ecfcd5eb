"""The "Gửi cấp trên" form without Qt: what it refuses, and that it runs the same export."""

from __future__ import annotations

from pyrage import x25519

from phieu_desktop.exchange.consolidate import consolidate
from phieu_desktop.exchange.intake import Credentials
from phieu_desktop.exchange.send_up import Method, SendUpForm
from phieu_desktop.store import SessionFile
from tests.exchange.conftest import build_unit


def test_the_form_refuses_until_complete_then_sends(tmp_path, board, credentials):
    build_unit(tmp_path / "u.phieu", "Sở Khoa học và Công nghệ")
    other = x25519.Identity.generate()
    (tmp_path / "khoa.txt").write_text(str(other.to_public()))
    with SessionFile.open(tmp_path / "u.phieu") as file:
        form = SendUpForm()
        assert form.problems(file) == ["Hãy dán khóa nhận của cấp trên (age1…) hoặc chọn tệp khóa nhận."]
        form.pasted = "age1 không phải khóa"
        assert "không phải khóa nhận hợp lệ" in form.problems(file)[0]
        recipient = str(board.to_public())
        form.pasted = " ".join(recipient[i:i + 4] for i in range(0, len(recipient), 4)) + "\n" + recipient
        form.key_files = [tmp_path / "khoa.txt"]
        assert len(form.recipients()) == 2 and form.problems(file) == []
        assert form.target(file).name == "so-khoa-hoc-va-cong-nghe_2023-09-12.phieux"
        result = form.send(file, minutes=None)
        assert form.problems(file) == ["Tệp “so-khoa-hoc-va-cong-nghe_2023-09-12.phieux” đã tồn tại; chương trình "
                                       "không ghi đè."]
    for identity in (board, other):
        assert len(consolidate([result.path], Credentials([identity])).units) == 1


def test_passphrase_method_and_unlocked_count(tmp_path):
    build_unit(tmp_path / "open.phieu", "Sở Xây dựng", lock=False)
    with SessionFile.open(tmp_path / "open.phieu") as file:
        form = SendUpForm(method=Method.PASSPHRASE, passphrase="đủ dài rồi", confirm="đủ dài rồi")
        assert form.problems(file) == ["Kết quả chưa được khóa và niêm phong: chỉ gửi cấp trên kết quả đã khóa."]
    build_unit(tmp_path / "u.phieu", "Sở Xây dựng")
    with SessionFile.open(tmp_path / "u.phieu") as file:
        form = SendUpForm(method=Method.PASSPHRASE, passphrase="ngắn", confirm="ngắn")
        assert form.problems(file) == ["Mật khẩu phải có ít nhất 8 ký tự."]
        form.passphrase, form.confirm = "đủ dài rồi", "đủ dài rồi!"
        assert form.problems(file) == ["Hai lần nhập mật khẩu không giống nhau."]
        form.confirm = form.passphrase
        form.out = tmp_path / "gui.phieux"
        assert form.problems(file) == []
        assert form.send(file, minutes=None).recipients == ()
    assert len(consolidate([tmp_path / "gui.phieux"], Credentials(passphrase="đủ dài rồi")).units) == 1


def test_the_form_speaks_through_the_installed_catalogue(tmp_path):
    """Its messages go through domain.i18n like every other module (a catalogue installed for the program applies)."""
    import gettext

    from phieu_desktop.domain import i18n

    class Catalogue(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "[en] " + message

    build_unit(tmp_path / "u.phieu", "Sở Xây dựng")
    i18n.install(Catalogue())
    try:
        with SessionFile.open(tmp_path / "u.phieu") as file:
            form = SendUpForm(method=Method.PASSPHRASE, passphrase="đủ dài rồi", confirm="khác hẳn rồi")
            assert form.problems(file) == ["[en] Hai lần nhập mật khẩu không giống nhau."]
    finally:
        i18n.install(gettext.NullTranslations())

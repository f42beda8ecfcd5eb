"""The higher level's key file (passphrase-protected) and the recipient handed to units."""

from __future__ import annotations

import os
import stat

import pytest
from pypdf import PdfReader
from pyrage import x25519

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.exchange.keycard import write_key_card
from phieu_desktop.exchange.keys import create_key_file, load_identity, parse_recipient, recipient_from_argument
from phieu_desktop.exchange.passphrase import check_new_passphrase

PASSPHRASE = "một mật khẩu đủ dài"


def test_key_file_round_trip_and_wrong_passphrase(tmp_path):
    key = create_key_file(tmp_path / "board.key", PASSPHRASE)
    data = key.key_file.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n") and b"AGE-SECRET-KEY" not in data
    if os.name == "posix":
        assert stat.S_IMODE(key.key_file.stat().st_mode) == 0o600
    identity = load_identity(key.key_file, PASSPHRASE)
    assert str(identity.to_public()) == key.recipient
    with pytest.raises(PhieuError, match="Sai mật khẩu của tệp khóa “board.key”"):
        load_identity(key.key_file, "mật khẩu khác")
    with pytest.raises(PhieuError, match="đã tồn tại"):
        create_key_file(key.key_file, PASSPHRASE)
    assert key.key_file.read_bytes() == data


def test_a_foreign_file_is_not_a_key(tmp_path):
    (tmp_path / "x.key").write_text("AGE-SECRET-KEY-1ABC")
    with pytest.raises(PhieuError, match="không phải tệp khóa"):
        load_identity(tmp_path / "x.key", PASSPHRASE)
    with pytest.raises(PhieuError, match="Không tìm thấy tệp khóa"):
        load_identity(tmp_path / "none.key", PASSPHRASE)


def test_recipient_as_typed_from_paper_or_in_a_file(tmp_path):
    recipient = str(x25519.Identity.generate().to_public())
    spaced = " ".join(recipient[i:i + 4] for i in range(0, len(recipient), 4)).upper()
    assert str(parse_recipient(spaced)) == recipient
    (tmp_path / "cap-tren.txt").write_text(f"Khóa nhận của Ban Tổ chức:\n{recipient}\n", encoding="utf-8")
    assert str(recipient_from_argument(str(tmp_path / "cap-tren.txt"))) == recipient
    assert str(recipient_from_argument(recipient)) == recipient
    with pytest.raises(PhieuError, match="không phải khóa nhận hợp lệ"):
        parse_recipient(recipient[:-1] + ("q" if recipient[-1] != "q" else "p"))
    (tmp_path / "empty.txt").write_text("nothing here")
    with pytest.raises(PhieuError, match="đúng một khóa nhận"):
        recipient_from_argument(str(tmp_path / "empty.txt"))


def test_short_passphrase_refused_for_new_secrets():
    with pytest.raises(PhieuError, match="ít nhất 8"):
        check_new_passphrase("1234567")


def test_key_card_holds_the_recipient_as_text(tmp_path):
    recipient = str(x25519.Identity.generate().to_public())
    out = tmp_path / "card.pdf"
    write_key_card(recipient, out, holder="Ban Tổ chức Tỉnh ủy Hà Giang")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = "".join(reader.pages[0].extract_text().split())
    assert recipient in text
    assert "BanTổchứcTỉnhủyHàGiang" in text
    with pytest.raises(PhieuError, match="đã tồn tại"):
        write_key_card(recipient, out)
    assert str(recipient_from_argument(str(out))) == recipient  # the card itself can be chosen as the key file

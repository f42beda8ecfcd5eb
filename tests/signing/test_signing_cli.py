"""`phieu sign`, `phieu verify-pdf`, `phieu trust`, `phieu export --sign` as a script would run them."""

from __future__ import annotations

import json

import pytest

from phieu_desktop.cli import main
from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.signing.keys import TokenSource, open_key
from tests.exchange.conftest import build_unit

from .pki import UNIT
from .tokens import PIN


def _key_args(keys, which="unit"):
    source = getattr(keys, which)
    if isinstance(source, TokenSource):
        return ["--token", str(source.library), "--token-label", source.token_label]
    return ["--p12", str(source.path)]


@pytest.fixture
def cli(tmp_path, monkeypatch, pki):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PHIEU_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PHIEU_PIN", PIN)
    (tmp_path / "root.cer").write_bytes(pki.root.der())
    return tmp_path


def test_sign_verify_and_trust(keys, cli, minutes_pdf, capsys):
    assert main(["sign", str(minutes_pdf), "-o", "ky.pdf", "--organization", UNIT, *_key_args(keys)]) == 0
    assert main(["verify-pdf", "ky.pdf"]) == 1, "no root trusted yet"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "KHÔNG ĐẠT" in err
    assert main(["trust", "add", "root.cer"]) == 0
    out = capsys.readouterr().out
    assert "Phieu Test Root CA" in out
    assert main(["trust", "list"]) == 0
    listed = capsys.readouterr().out.strip().splitlines()
    assert len(listed) == 1
    assert main(["verify-pdf", "ky.pdf"]) == 0
    out = capsys.readouterr().out
    assert UNIT in out and "+07:00" in out and "tin cậy" in out
    assert main(["trust", "remove", listed[0].split("\t")[0][:8]]) == 0
    assert main(["verify-pdf", "ky.pdf"]) == 1


def test_verify_pdf_without_signature_fails(cli, minutes_pdf, capsys):
    assert main(["verify-pdf", str(minutes_pdf), "--trust", "root.cer"]) == 1
    assert "không có chữ ký số" in capsys.readouterr().err


def test_wrong_pin_one_line_nothing_written(keys, cli, minutes_pdf, capsys, monkeypatch):
    monkeypatch.setenv("PHIEU_PIN", "999999")
    assert main(["sign", str(minutes_pdf), "-o", "ky.pdf", "--organization", UNIT, *_key_args(keys)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("phieu: Sai") and err.count("\n") == 1
    assert not (cli / "ky.pdf").exists()


def test_sign_needs_the_unit(keys, cli, minutes_pdf, capsys):
    assert main(["sign", str(minutes_pdf), *_key_args(keys)]) == 1
    assert "--session" in capsys.readouterr().err


def test_trust_refuses_a_leaf_certificate(cli, pki, capsys):
    (cli / "leaf.cer").write_bytes(pki.unit.der())
    assert main(["trust", "add", "leaf.cer"]) == 1
    assert "không phải của tổ chức cấp" in capsys.readouterr().err


def test_export_sign_then_consolidate(keys, cli, capsys):
    build_unit(cli / "a.phieu", UNIT)
    assert main(["keygen", "-o", "board.key"]) == 0  # PHIEU_PASSPHRASE below
    recipient = capsys.readouterr().out.strip()
    assert main(["export", "a.phieu", "--to", recipient, "-o", "a.phieux", "--sign", *_key_args(keys)]) == 0
    assert "ký số bởi" in capsys.readouterr().out
    assert main(["trust", "add", "root.cer"]) == 0
    capsys.readouterr()
    assert main(["consolidate", "--identity", "board.key", "a.phieux", "--json"]) == 0
    captured = capsys.readouterr()
    unit = json.loads(captured.out)["units"][0]
    assert unit["origin"] == "signed" and unit["signature"]["organization"] == UNIT
    assert "chữ ký số" in captured.err


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch):
    monkeypatch.setenv("PHIEU_PASSPHRASE", "mat-khau-du-dai")


def test_no_token_inserted(token_keys):
    absent = TokenSource(token_keys.unit.library, "khong-co-token-nay")
    with pytest.raises(PhieuError, match="Chưa cắm thiết bị ký số"):
        open_key(absent, PIN, UNIT)


def test_library_missing(tmp_path):
    with pytest.raises(PhieuError, match="Không tìm thấy thư viện"):
        open_key(TokenSource(tmp_path / "khong-co.so"), PIN, UNIT)


def test_not_a_pkcs11_library(tmp_path):
    fake = tmp_path / "gia.so"
    fake.write_bytes(b"not a library")
    with pytest.raises(PhieuError, match="Không nạp được thư viện"):
        open_key(TokenSource(fake), PIN, UNIT)


def test_verify_pdf_untrusted_is_one_line_in_a_fresh_process(file_keys, cli, minutes_pdf):
    """Outside pytest no logging handler is set: pyHanko's own warnings (with tracebacks) must not reach stderr."""
    import subprocess
    import sys

    assert main(["sign", str(minutes_pdf), "-o", "ky.pdf", "--organization", UNIT, *_key_args(file_keys)]) == 0
    done = subprocess.run([sys.executable, "-m", "phieu_desktop.cli", "verify-pdf", "ky.pdf"], capture_output=True,
                          text=True, timeout=120, cwd=cli)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "KHÔNG ĐẠT" in done.stderr and "Traceback" not in done.stderr
    assert "KHÔNG thuộc chứng thư gốc" in done.stdout

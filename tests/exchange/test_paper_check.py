"""`phieu consolidate --check FILE=GROUP`: the whole fingerprint, one group with its place or alone; malformed checks
refused in one line before anything is written; without any check the report holds every unit, as before."""

from __future__ import annotations

import json

from pyrage import x25519

from phieu_desktop.cli import main
from phieu_desktop.exchange.export import export_session
from phieu_desktop.exchange.keys import create_key_file
from phieu_desktop.store import SessionFile
from tests.exchange.conftest import build_unit

PASSPHRASE = "Ban Tổ chức Tỉnh ủy"


def test_whole_fingerprint_or_any_group_and_refusals(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PHIEU_PASSPHRASE", PASSPHRASE)
    board = create_key_file(tmp_path / "board.key", PASSPHRASE)
    recipient = x25519.Recipient.from_str(board.recipient)
    fingerprint = build_unit(tmp_path / "a.phieu", "Sở Công Thương")
    with SessionFile.open(tmp_path / "a.phieu") as file:
        export_session(file, tmp_path / "a.phieux", [recipient], minutes=None)
    base = ["consolidate", "--identity", str(tmp_path / "board.key"), str(tmp_path / "a.phieux"), "--json"]
    assert main([*base, "--check", f"a.phieux={fingerprint.lower()}"]) == 0
    assert [u["fingerprint"] for u in json.loads(capsys.readouterr().out)["units"]] == [fingerprint]
    assert main([*base, "--check", f"{tmp_path / 'a.phieux'}={fingerprint.split('-')[4]}"]) == 0
    capsys.readouterr()
    # no check at all: the report holds every unit that opened, as before
    assert main(base) == 0
    capsys.readouterr()
    for bad, says in (("a.phieux", "TỆP=NHÓM"), ("a.phieux=9:ABCD", "từ 1 đến 6"), ("a.phieux=ABC", "4 ký tự"),
                      ("khac.phieux=ABCD", "không có tệp")):
        assert main([*base, "--check", bad]) == 1
        out, err = capsys.readouterr()
        assert out == "" and says in err and len(err.strip().splitlines()) == 1
    assert main([*base, "--check", "a.phieux=1:0000" if not fingerprint.startswith("0000") else "a.phieux=1:1111"]) == 1
    assert "Không có tệp nào hợp lệ" in capsys.readouterr().err

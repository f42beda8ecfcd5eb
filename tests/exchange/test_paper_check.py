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


def test_two_files_with_one_name_in_two_folders_are_two_files(tmp_path, monkeypatch, capsys):
    """Issue 22: a/don-vi.phieux and b/don-vi.phieux, each checked by its path, both reach the report; the name
    alone is refused as naming several files, never matched to the wrong one."""
    monkeypatch.setenv("PHIEU_PASSPHRASE", PASSPHRASE)
    board = create_key_file(tmp_path / "board.key", PASSPHRASE)
    recipient = x25519.Recipient.from_str(board.recipient)
    fingerprints = {}
    for folder, organization in (("a", "Sở Công Thương"), ("b", "Sở Tư pháp")):
        (tmp_path / folder).mkdir()
        fingerprints[folder] = build_unit(tmp_path / folder / "don-vi.phieu", organization)
        with SessionFile.open(tmp_path / folder / "don-vi.phieu") as file:
            export_session(file, tmp_path / folder / "don-vi.phieux", [recipient], minutes=None)
    monkeypatch.chdir(tmp_path)
    base = ["consolidate", "--identity", "board.key", "a/don-vi.phieux", "b/don-vi.phieux", "--json"]
    checks = ["--check", f"a/don-vi.phieux={fingerprints['a']}", "--check", f"b/don-vi.phieux={fingerprints['b']}"]
    assert main([*base, *checks]) == 0, capsys.readouterr().err
    report = json.loads(capsys.readouterr().out)
    assert sorted(u["fingerprint"] for u in report["units"]) == sorted(fingerprints.values())
    # a wrong group for b takes b out, and only b
    wrong = "1:0000" if not fingerprints["b"].startswith("0000") else "1:1111"
    assert main([*base, "--check", f"a/don-vi.phieux={fingerprints['a']}", "--check", f"b/don-vi.phieux={wrong}"]) \
        in (0, 3)
    report = json.loads(capsys.readouterr().out)
    assert [u["fingerprint"] for u in report["units"]] == [fingerprints["a"]]
    assert main([*base, "--check", f"don-vi.phieux={fingerprints['a']}"]) == 1
    assert "nhiều tệp tên" in capsys.readouterr().err

"""`phieu keygen`, `phieu export`, `phieu consolidate`: exit codes, one-line errors, nothing written on refusal."""

from __future__ import annotations

import json

import pytest

from phieu_desktop.cli import main
from tests.exchange.conftest import build_unit

PASSPHRASE = "mật khẩu cho tập lệnh"


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("PHIEU_PASSPHRASE", PASSPHRASE)


def test_keygen_export_consolidate(tmp_path, env, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["keygen", "-o", "board.key", "--holder", "Ban Tổ chức Tỉnh ủy"]) == 0
    recipient = capsys.readouterr().out.strip()
    assert recipient.startswith("age1") and (tmp_path / "board-khoa-nhan.pdf").exists()
    build_unit(tmp_path / "a.phieu", "Sở Y tế")
    build_unit(tmp_path / "b.phieu", "Sở Nội vụ")
    assert main(["export", "a.phieu", "--to", recipient]) == 0
    assert "so-y-te_2023-09-12.phieux" in capsys.readouterr().out
    assert main(["export", "b.phieu", "--to", recipient, "-o", "b.phieux"]) == 0
    capsys.readouterr()

    assert main(["consolidate", "--identity", "board.key", "so-y-te_2023-09-12.phieux", "b.phieux", "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert [u["organization"] for u in data["units"]] == ["Sở Y tế", "Sở Nội vụ"]
    assert "Tổng hợp 2 đơn vị; từ chối 0 tệp." in err

    assert main(["consolidate", "--identity", "board.key", "b.phieux", "a.phieu", "-o", "tong-hop.xlsx"]) == 3
    err = capsys.readouterr().err
    assert "phieu: TỪ CHỐI a.phieu: không phải tệp gửi cấp trên" in err
    assert (tmp_path / "tong-hop.xlsx").exists()
    assert main(["consolidate", "--identity", "board.key", "b.phieux", "-o", "tong-hop.pdf"]) == 0


def test_refusals_write_nothing(tmp_path, env, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build_unit(tmp_path / "open.phieu", "Sở Xây dựng", lock=False)
    assert main(["keygen", "-o", "board.key"]) == 0
    recipient = capsys.readouterr().out.strip()
    before = sorted(p.name for p in tmp_path.iterdir())

    assert main(["export", "open.phieu", "--to", recipient, "-o", "x.phieux"]) == 1
    assert capsys.readouterr().err.startswith("phieu: Kết quả chưa được khóa")
    assert main(["export", "open.phieu"]) == 1
    assert "--to" in capsys.readouterr().err
    assert main(["keygen", "-o", "board.key"]) == 1
    assert "đã tồn tại" in capsys.readouterr().err
    assert main(["consolidate", "x.phieux", "-o", "r.xlsx"]) == 1
    assert "--identity" in capsys.readouterr().err
    assert main(["consolidate", "--identity", "board.key", "nothing.phieux", "-o", "r.xlsx"]) == 1
    err = capsys.readouterr().err
    assert "TỪ CHỐI nothing.phieux: không tìm thấy tệp" in err and "Không có tệp nào hợp lệ" in err
    assert main(["consolidate", "--identity", "board.key", "x.phieux", "-o", "r.txt"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_wrong_passphrase_for_the_key_file(tmp_path, env, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["keygen", "-o", "board.key"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("PHIEU_PASSPHRASE", "không phải mật khẩu này")
    assert main(["consolidate", "--identity", "board.key", "x.phieux", "--json"]) == 1
    assert capsys.readouterr().err.strip() == "phieu: Sai mật khẩu của tệp khóa “board.key” (hoặc tệp khóa đã bị hỏng)."


def test_never_waits_at_a_prompt_without_a_terminal(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("PHIEU_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert main(["keygen", "-o", str(tmp_path / "board.key")]) == 1
    assert "PHIEU_PASSPHRASE" in capsys.readouterr().err
    assert not (tmp_path / "board.key").exists()


def test_inputs_as_a_folder_or_a_pattern(tmp_path):
    from phieu_desktop.cli.exchange import expand_inputs

    (tmp_path / "in").mkdir()
    for name in ("b.phieux", "a.phieux", "c.txt"):
        (tmp_path / "in" / name).write_bytes(b"")
    assert [p.name for p in expand_inputs([str(tmp_path / "in")])] == ["a.phieux", "b.phieux"]
    assert [p.name for p in expand_inputs([str(tmp_path / "in" / "*.phieux")])] == ["a.phieux", "b.phieux"]
    assert [p.name for p in expand_inputs([str(tmp_path / "none*.phieux"), "x.phieux"])] == ["none*.phieux", "x.phieux"]

"""`phieu board …` end to end: roster, intake, status --json, the QR check from a scan, two groups, report."""

from __future__ import annotations

import io
import json

import pypdfium2
import pytest
import zxingcpp
from pyrage import x25519

from phieu_desktop.documents import render_minutes
from phieu_desktop.exchange.keys import create_key_file, load_identity
from phieu_desktop.store import SessionFile
from tests.cli.test_cli import ok, phieu, refused
from tests.exchange.conftest import build_unit, export_unit

PASSWORD = "Ban Tổ chức Tỉnh ủy 2026"
TODAY = "2026-12-10"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A board with a roster of three units (one typed), a key, and two units' packages and paper minutes."""
    monkeypatch.setenv("PHIEU_PASSPHRASE", PASSWORD)
    key = create_key_file(tmp_path / "cap-tren.key", PASSWORD)
    recipient = load_identity(key.key_file, PASSWORD).to_public()
    (tmp_path / "don-vi.csv").write_text(
        "Mã đơn vị,Tên đơn vị,Cơ quan cấp trên,Liên hệ\n"
        "SYT,Sở Y tế,UBND tỉnh Tuyên Quang,0207 3822 111\n"
        "MX,Đảng ủy xã Minh Xuân,Tỉnh ủy Tuyên Quang,\n", encoding="utf-8")
    ok("board", "init", "b.phieub", "--organization", "Ban Tổ chức Tỉnh ủy", "--parent", "Tỉnh ủy Tuyên Quang",
       "--place", "Tuyên Quang", "--header", "party", "--number", "125-BC/BTCTU", cwd=tmp_path)
    ok("board", "roster", "import", "b.phieub", "don-vi.csv", cwd=tmp_path)
    ok("board", "roster", "add", "b.phieub", "STC", "Sở Tài chính", "--parent", "UBND tỉnh Tuyên Quang",
       cwd=tmp_path)
    ok("board", "deadline", "b.phieub", "13/12/2026", cwd=tmp_path)
    for code, organization, parent in (("SYT", "Sở Y tế", "UBND tỉnh Tuyên Quang"),
                                       ("MX", "Đảng ủy xã Minh Xuân", "Tỉnh ủy Tuyên Quang")):
        build_unit(tmp_path / f"{code}.phieu", organization, unit_code=code, parent=parent)
        with SessionFile.open(tmp_path / f"{code}.phieu") as file:
            render_minutes(file, tmp_path / f"{code}-bien-ban.pdf")
        export_unit(tmp_path / f"{code}.phieu", tmp_path / f"{code}.phieux", x25519.Recipient.from_str(
            str(recipient)))
    return tmp_path


def status(cwd) -> dict:
    return json.loads(ok("board", "status", "b.phieub", "--json", "--today", TODAY, cwd=cwd))


def test_the_roster_and_the_deadline_are_in_the_status(desk):
    data = status(desk)
    assert [(u["code"], u["state"]) for u in data["units"]] == [("SYT", "not-received"), ("MX", "not-received"),
                                                                ("STC", "not-received")]
    assert data["deadline"] == {"date": "2026-12-13", "after_meeting": False, "days_left": 3}
    assert data["counts"]["not-received"] == 3
    assert data["units"][0]["contact"] == "0207 3822 111"
    assert data["roster_problems"] == []
    ok("board", "roster", "add", "b.phieub", "SYT2", "Sở \u0423 tế", "--parent", "UBND tỉnh Tuyên Quang", cwd=desk)
    assert "trông giống" in status(desk)["roster_problems"][0]


def test_a_unit_typed_twice_is_refused_in_one_line(desk):
    line = refused("board", "roster", "add", "b.phieub", "syt", "Sở Y tế (bản 2)", "--parent",
                   "UBND tỉnh Tuyên Quang", cwd=desk)
    assert "đã có trong danh sách" in line


def test_packages_in_then_the_paper_minutes_scanned_and_two_groups_typed(desk, monkeypatch):
    out = ok("board", "add", "b.phieub", "SYT.phieux", "MX.phieux", "--identity", "cap-tren.key", cwd=desk)
    assert "đã nhận (SYT — Sở Y tế)" in out
    assert [u["state"] for u in status(desk)["units"]] == ["waiting", "waiting", "not-received"]
    # a phone photograph of the page of copy 3/3 that carries the seal's QR code: rendered, turned a little, JPEG
    pdf = pypdfium2.PdfDocument(str(desk / "SYT-bien-ban.pdf"))
    pages = [pdf[i].render(scale=150 / 72).to_pil().convert("L") for i in range(len(pdf))]
    page = [p for p in pages if zxingcpp.read_barcodes(p, formats=zxingcpp.BarcodeFormat.QRCode)][-1]
    image = page.rotate(3, expand=True, fillcolor=255)
    image.save(desk / "anh-bien-ban.jpg", quality=85)
    pdf.close()
    assert "Khớp" in ok("board", "check", "b.phieub", "SYT", "--minutes-scan", "anh-bien-ban.jpg", cwd=desk)
    # the other unit's minutes are not this unit's: refused and recorded
    line = refused("board", "check", "b.phieub", "MX", "--minutes-scan", "SYT-bien-ban.pdf", cwd=desk)
    assert "KHÔNG khớp" in line
    assert [u["state"] for u in status(desk)["units"]][:2] == ["checked", "refused"]
    # two groups typed: the program names them; the clerk types what the paper shows
    with SessionFile.open(desk / "MX.phieu") as file:
        groups = file.fingerprint.split("-")
    from phieu_desktop.exchange import board_intake

    monkeypatch.setattr(board_intake, "groups_to_ask", lambda fingerprint: (2, 6))
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{groups[1]}\n{groups[5].lower()}\n"))
    assert "Khớp" in ok("board", "check", "b.phieub", "MX", "--groups", cwd=desk)
    assert [u["state"] for u in status(desk)["units"]] == ["checked", "checked", "not-received"]
    missing = phieu("board", "status", "b.phieub", "--today", "2026-12-14", cwd=desk).stdout
    assert "STC\tSở Tài chính\tUBND tỉnh Tuyên Quang\tquá hạn" in missing
    ok("board", "report", "b.phieub", "-o", "bao-cao.pdf", "--today", TODAY, cwd=desk)
    ok("board", "report", "b.phieub", "-o", "bao-cao.xlsx", "--today", TODAY, cwd=desk)
    ok("board", "missing", "b.phieub", "-o", "chua-bao-cao.pdf", "--today", "2026-12-14", cwd=desk)
    assert (desk / "bao-cao.pdf").read_bytes().startswith(b"%PDF")


def test_the_board_cannot_be_opened_twice(desk):
    from phieu_desktop.store.board_file import BoardFile

    with BoardFile.open(desk / "b.phieub"):
        line = refused("board", "status", "b.phieub", cwd=desk)
    assert "đang được mở ở nơi khác" in line


def test_consolidate_still_works_for_scripts(desk):
    run = phieu("consolidate", "SYT.phieux", "MX.phieux", "--identity", "cap-tren.key", "--json", cwd=desk)
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)["units"]) == 2

"""A unit whose papers have different voters (voter groups, issue 24 item 5) at the higher level: the consolidated
report (PDF, Excel) and the board's report (PDF, Excel) show each group's summoned / present / present at the vote and
its own 2/3, not only the whole meeting's; a unit without groups prints the whole meeting only."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from phieu_desktop.documents.common import vn_number
from phieu_desktop.domain.board import Deadline, RosterUnit
from phieu_desktop.exchange.board_intake import check_qr, take_in
from phieu_desktop.exchange.board_report import build_report
from phieu_desktop.exchange.board_report_pdf import write_report_pdf
from phieu_desktop.exchange.board_report_xlsx import write_report_xlsx
from phieu_desktop.exchange.consolidate import consolidate
from phieu_desktop.exchange.consolidated_pdf import write_pdf
from phieu_desktop.exchange.consolidated_report import attendance
from phieu_desktop.exchange.consolidated_xlsx import write_xlsx
from phieu_desktop.store import SessionFile
from phieu_desktop.store.board_file import BoardFile
from tests.documents.layout import need_poppler
from tests.domain.test_voter_groups import two_groups
from tests.exchange.conftest import build_unit, export_unit

LEADERS = "Tập thể lãnh đạo Sở, trưởng phòng"
STAFF = "Toàn thể công chức, viên chức"


def pdf_text(path: Path, *options: str) -> str:
    need_poppler()  # pdftotext: not under Wine
    return " ".join(subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


PARENT = "UBND TỈNH HÀ GIANG"


def grouped_unit(path: Path) -> Path:
    """A locked session of two voter groups (12 leaders, 8 present; 35 staff, 33 present, 32 at the vote) with a
    unit code, as the board matches it to its list."""
    session = two_groups(issued=8, returned=8, unit_code="HG.STC", parent=PARENT)
    session = replace(session, papers=(session.papers[0], replace(session.papers[1], issued=32, returned=31)))
    with SessionFile.create(path, session) as file:
        file.add_ballots("lanh-dao", ["CTL"] * 5 + ["LLC"] * 3)
        file.add_ballots("truong-phong", ["CCT"] * 20 + ["TLL"] * 10 + ["-"])
        file.lock()
    return path


@pytest.fixture
def packages(tmp_path, board):
    grouped = grouped_unit(tmp_path / "nhom.phieu")
    build_unit(tmp_path / "snv.phieu", "Sở Nội vụ", unit_code="HG.SNV", parent=PARENT)
    return [export_unit(grouped, tmp_path / "nhom.phieux", board.to_public()),
            export_unit(tmp_path / "snv.phieu", tmp_path / "snv.phieux", board.to_public())]


def test_the_consolidated_report_shows_each_groups_attendance_and_quorum(tmp_path, packages, credentials):
    result = consolidate(packages, credentials)
    assert result.problems == []
    grouped, plain = result.units
    lines = attendance(grouped)
    assert [(a.name, a.summoned, a.present, a.present_at_vote, a.quorum, a.papers) for a in lines] == [
        ("Toàn thể hội nghị", 35, 33, 32, True, ()),
        (LEADERS, 12, 8, 8, True, ("Lãnh đạo Sở",)),  # 8 of 12: exactly 2/3
        (STAFF, 35, 33, 32, True, ("Trưởng phòng",))]
    assert [a.group for a in attendance(plain)] == [False]

    write_pdf(result, tmp_path / "tong-hop.pdf")
    text = pdf_text(tmp_path / "tong-hop.pdf", "-layout")
    assert "Tổng số người được triệu tập: 35; có mặt: 33; có mặt tại thời điểm bỏ phiếu: 32; mỗi thành phần" in text
    assert f"{LEADERS} Lãnh đạo Sở 12 8 8 Đủ" in text
    assert f"{STAFF} Trưởng phòng 35 33 32 Đủ" in text
    assert f"Phiếu “Lãnh đạo Sở” (thành phần ghi phiếu: {LEADERS}): phát ra 8, thu về 8" in text
    assert f"Phiếu “Trưởng phòng” (thành phần ghi phiếu: {STAFF}): phát ra 32, thu về 31" in text
    assert ("Tổng số người được triệu tập: 30; có mặt: 25; có mặt tại thời điểm bỏ phiếu: 24; đủ 2/3 số người được "
            "triệu tập.") in text  # the unit without groups: the whole meeting only

    write_xlsx(result, tmp_path / "tong-hop.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "tong-hop.xlsx")["Điểm danh"]
    assert [c.value for c in sheet[1]] == ["STT", "Đơn vị", "Thành phần ghi phiếu", "Loại phiếu", "Triệu tập",
                                           "Có mặt", "Có mặt khi bỏ phiếu", "Đủ 2/3", "Mã niêm phong"]
    rows = [row[:8] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [(1, "Sở Tài chính tỉnh Hà Giang", "Toàn thể hội nghị", None, 35, 33, 32, "Đủ"),
                    (1, "Sở Tài chính tỉnh Hà Giang", LEADERS, "Lãnh đạo Sở", 12, 8, 8, "Đủ"),
                    (1, "Sở Tài chính tỉnh Hà Giang", STAFF, "Trưởng phòng", 35, 33, 32, "Đủ"),
                    (2, "Sở Nội vụ", "Toàn thể hội nghị", "Lãnh đạo", 30, 25, 24, "Đủ")]


def test_the_board_report_shows_each_groups_attendance(tmp_path, packages, credentials):
    with BoardFile.create(tmp_path / "b.phieub", {"organization": "Sở Nội vụ tỉnh Hà Giang", "header": "state",
                                                  "place": "Hà Giang"}) as file:
        file.add_units([RosterUnit("HG.STC", "Sở Tài chính tỉnh Hà Giang", PARENT),
                        RosterUnit("HG.SNV", "Sở Nội vụ", PARENT)])
        file.set_deadline(Deadline(date(2026, 12, 13)))
        for intake in take_in(file, packages, credentials):
            check_qr(file, intake.sha256, [file.package(intake.sha256).fingerprint])
        report = build_report(file, date(2026, 12, 10))
    assert len(report.units) == 2
    grouped = next(u for u in report.units if u.unit.result.groups)
    # kept by the board and rebuilt from what it stored: the groups and each paper's group survive
    assert [(g.name, g.summoned, g.present, g.present_at_vote) for g in grouped.unit.result.groups] == [
        (LEADERS, 12, 8, 8), (STAFF, 35, 33, 32)]
    assert [p.group for p in grouped.unit.result.papers] == ["lanh-dao", "toan-the"]

    write_report_xlsx(report, tmp_path / "r.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx")["Điểm danh"].iter_rows(min_row=2, values_only=True))
    assert [r[3:] for r in rows if r[2] == "Sở Tài chính tỉnh Hà Giang"] == [
        ("Toàn thể hội nghị", None, 35, 33, 32, "Đủ"), (LEADERS, "Lãnh đạo Sở", 12, 8, 8, "Đủ"),
        (STAFF, "Trưởng phòng", 35, 33, 32, "Đủ")]

    write_report_pdf(report, tmp_path / "r.pdf")
    text = pdf_text(tmp_path / "r.pdf")  # in reading order: a wrapped cell, then the next cells
    assert f"– Thành phần ghi phiếu “{LEADERS}” (Lãnh đạo Sở) {vn_number(12)} {vn_number(8)} {vn_number(8)} Đủ" \
        in text
    assert f"– Thành phần ghi phiếu “{STAFF}” (Trưởng phòng) 35 33 32 Đủ" in text
    assert f"Lãnh đạo Sở (thành phần ghi phiếu: {LEADERS})" in text

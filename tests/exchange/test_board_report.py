"""The board's report: every figure of the PDF and the Excel equals the units' own minutes (their sealed results),
for a board of varied units; two places are one person in two units, never namesakes of one unit."""

from __future__ import annotations

import random
import subprocess
from datetime import date

import openpyxl
import pytest

from phieu_desktop.documents.common import vn_number
from phieu_desktop.domain.board import Deadline, RosterUnit
from phieu_desktop.domain.regime import Denominator, Regime
from phieu_desktop.domain.session import BallotPaper, person_from_values
from phieu_desktop.exchange.board_intake import check_qr, take_in
from phieu_desktop.exchange.board_report import build_report
from phieu_desktop.exchange.board_report_pdf import write_missing_pdf, write_report_pdf
from phieu_desktop.exchange.board_report_xlsx import write_report_xlsx
from phieu_desktop.store import SessionFile
from phieu_desktop.store.board_file import BoardFile
from tests.conftest import make_session
from tests.documents.layout import need_poppler
from tests.exchange.conftest import export_unit

PARENT = "UBND tỉnh Tuyên Quang"
SHARED = ("Hoàng Văn Thụ", "Phó Chủ tịch UBND tỉnh")  # rated in two places: the same name and position

# code, organization, regime, denominator, summoned, present, present_at_vote, papers: (key, returned, persons)
UNITS = [
    ("SYT", "Sở Y tế", Regime.QD96, Denominator.RETURNED, 40, 36, 35,
     [("lanh-dao", 35, [("Nguyễn Văn An", "Giám đốc"), SHARED]),
      ("truong-phong", 30, [("Nguyễn Văn An", "Trưởng phòng Tổ chức"), ("Lê Thị Ưng", "Trưởng phòng Y vụ")])]),
    ("HDND", "Thường trực HĐND tỉnh", Regime.NQ96, Denominator.ISSUED, 50, 48, 47,
     [("chuc-danh", 45, [SHARED, ("Phạm Bá Dũng", "Chủ tịch HĐND tỉnh"), ("Đỗ Minh Khôi", "Trưởng ban Pháp chế")])]),
    ("XMX", "Đảng ủy xã Minh Xuân", Regime.QD96, Denominator.SUMMONED, 21, 15, 14,
     [("lanh-dao", 14, [("Hoàng Văn Thụ", "Bí thư Đảng ủy xã"), ("Vàng Thị Mai", "Chủ tịch UBND xã")])]),
    ("BPT", "HĐND xã Hùng An", Regime.NQ96_BPT, Denominator.RETURNED, 25, 25, 25,
     [("bo-phieu", 25, [("Trần Quốc Toản", "Phó Chủ tịch UBND xã")])]),
]


def build(tmp_path, identity, spec, rng):
    code, organization, regime, basis, summoned, present, at_vote, papers = spec
    levels = "TK" if regime is Regime.NQ96_BPT else "CTL"
    session = make_session(
        regime=regime, organization=organization, parent=PARENT, unit_code=code, denominator=basis,
        summoned=summoned, present=present, present_at_vote=at_vote,
        papers=tuple(BallotPaper(key, key.replace("-", " ").capitalize(), "Toàn thể", tuple(
            person_from_values(n, p) for n, p in persons), min(returned + 1, at_vote), returned)
                     for key, returned, persons in papers))
    path = tmp_path / f"{code}.phieu"
    with SessionFile.create(path, session) as file:
        for key, returned, persons in papers:
            # adverse-heavy for some, with invalid rows (0) and blanks (-)
            weights = (levels[-1] * rng.randint(1, 6)) + levels * 2 + "0"
            file.add_ballots(key, ["".join(rng.choice(weights) for _ in persons) if rng.random() > 0.06 else "-"
                                   for _ in range(returned)])
        file.lock()
    return export_unit(path, tmp_path / f"{code}.phieux", identity.to_public())


@pytest.fixture
def report(tmp_path, board, credentials):
    rng = random.Random(22)
    packages = [build(tmp_path, board, spec, rng) for spec in UNITS]
    with BoardFile.create(tmp_path / "b.phieub", {"organization": "Ban Tổ chức Tỉnh ủy", "header": "party",
                                                  "parent": "Tỉnh ủy Tuyên Quang", "place": "Tuyên Quang"}) as file:
        file.add_units([RosterUnit(spec[0], spec[1], PARENT) for spec in UNITS] +
                       [RosterUnit("CHUA", "Sở Xây dựng", PARENT)])
        file.set_deadline(Deadline(date(2026, 12, 13)))
        for intake in take_in(file, packages, credentials):
            check_qr(file, intake.sha256, [file.package(intake.sha256).fingerprint])
        yield build_report(file, date(2026, 12, 10))


def minutes_results(tmp_path):
    """What each unit's minutes print: the results of its sealed session file."""
    out = {}
    for code, *_rest in UNITS:
        with SessionFile.open(tmp_path / f"{code}.phieu") as file:
            out[code] = (file.session, file.results())
    return out


def test_every_figure_of_the_excel_equals_the_units_minutes(tmp_path, report):
    write_report_xlsx(report, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    expected = minutes_results(tmp_path)
    units = list(book["Đơn vị"].iter_rows(min_row=2, values_only=True))
    assert [u[1] for u in units] == [spec[0] for spec in UNITS]
    for row in units:
        session, result = expected[row[1]]
        assert row[6:9] == (session.summoned, session.present, session.present_at_vote)
        assert row[9] == ("Đủ" if result.quorum_met else "Không đủ")
        assert row[11] == result.fingerprint
    header = [c.value for c in book["Kết quả"][1]]
    seen = 0
    for row in book["Kết quả"].iter_rows(min_row=2, values_only=True):
        values = dict(zip(header, row))
        session, result = expected[values["Mã đơn vị"]]
        paper = next(p for p in result.papers if p.title == values["Loại phiếu"])
        person = paper.persons[values["STT"] - 1]
        assert (values["Họ và tên"], values["Thu về"], values["Mẫu số"], values["Hợp lệ"], values["Không hợp lệ"]) \
            == (person.name, paper.returned, paper.denominator, person.valid, person.invalid)
        for level in session.regime.levels:
            assert values[f"{level.label} (phiếu)"] == person.counts[level.key]
            assert f"{values[f'{level.label} (%)'] * 100:.2f}".replace(".", ",") == person.percent(level.key)
        seen += 1
    assert seen == sum(len(p.persons) for _s, r in expected.values() for p in r.papers)
    missing = list(book["Chưa báo cáo"].iter_rows(min_row=2, values_only=True))
    assert [(m[1], m[5]) for m in missing] == [("CHUA", "chưa nhận")]


def test_every_figure_of_the_pdf_equals_the_units_minutes(tmp_path, report):
    need_poppler()  # pdftotext: not under Wine
    write_report_pdf(report, tmp_path / "r.pdf")
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    for needle in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BAN TỔ CHỨC TỈNH ỦY", "Tuyên Quang, ngày 10 tháng 12 năm 2026",
                   "BÁO CÁO", "MẬT", "Sở Xây dựng", "(Ký, ghi rõ họ tên, đóng dấu)", "Số ……-BC/……"):  # HD 36 (Party)
        assert needle in text
    for code, (session, result) in minutes_results(tmp_path).items():
        assert result.fingerprint in text
        assert f"{session.organization} ({code}) {vn_number(session.summoned)} {vn_number(session.present)} " \
               f"{vn_number(session.present_at_vote)}" in text
        for paper in result.papers:
            for person in paper.persons:
                cells = " ".join(f"{person.counts[lv.key]} ({person.percent(lv.key)}%)" for lv in session.regime.levels)
                assert f"{vn_number(paper.returned)} {cells}" in text, (code, person.name)


def test_two_places_are_one_person_in_two_units_never_namesakes_of_one_unit(report):
    assert [[(r.unit.unit_code, r.name) for r in group] for group in report.two_places] == [
        [("SYT", SHARED[0]), ("HDND", SHARED[0])]]
    # "Nguyễn Văn An" is on both papers of Sở Y tế: namesakes of one unit, never two places
    names = {r.name for group in report.two_places + report.namesakes for r in group}
    assert "Nguyễn Văn An" not in names
    # the same name with another position in another unit: shown to be decided, not assumed to be one person
    assert [[(r.unit.unit_code, r.position) for r in g] for g in report.namesakes] == [
        [("SYT", SHARED[1]), ("HDND", SHARED[1]), ("XMX", "Bí thư Đảng ủy xã")]]


def test_the_printable_list_of_units_not_reported(tmp_path, report):
    need_poppler()  # pdftotext: not under Wine
    write_missing_pdf(report, tmp_path / "m.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "m.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "CHUA" in text and "Sở Xây dựng" in text and "Sở Y tế" not in text

"""The report (Phụ lục 4), the entry log and the Excel table: the same figures as `phieu results`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from phieu_desktop.documents.entry_log import group_marks, render_log
from phieu_desktop.documents.report import render_report
from phieu_desktop.documents.xlsx import percent_value, render_xlsx, xlsx_bytes
from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.regime import Denominator, Regime
from tests.documents.conftest import pdf_pages, render_png


def test_report_has_every_figure_of_the_results(make_file, tmp_path: Path):
    file = make_file(persons=6)
    out = tmp_path / "bao-cao.pdf"
    render_report(file, out)
    pages = pdf_pages(out)
    whole = " ".join(pages)
    assert all("MẬT" in text for text in pages)
    assert "BÁO CÁO KẾT QUẢ PHIẾU TÍN NHIỆM" in whole
    assert "Tỷ lệ % tính trên tổng số phiếu thu về (24 phiếu)" in whole
    assert file.fingerprint in whole
    assert "Trần Thị Bình" in whole  # the head of the committee, named in the text and under the signature
    result = file.results()
    for person in result.papers[0].persons:
        assert person.valid + person.invalid == result.papers[0].returned
        assert sum(person.counts.values()) == person.valid
        counts = " ".join(f"{person.counts[k]} {person.percent(k)}" for k in person.counts)
        row = f"{person.order} {person.name} {person.position} {person.valid} {person.invalid} {counts}"
        assert row in whole, row
    assert render_png(out, tmp_path / "png")


def test_report_states_the_basis_actually_used(make_file, tmp_path: Path):
    file = make_file(persons=2, denominator=Denominator.ISSUED, issued=24, returned=22)
    out = tmp_path / "bao-cao.pdf"
    render_report(file, out)
    whole = " ".join(pdf_pages(out))
    assert "Tỷ lệ % tính trên tổng số phiếu phát ra (24 phiếu)" in whole
    assert "phiếu thu về (" not in whole


def test_report_refused_while_unlocked_but_draft_allowed(make_file, tmp_path: Path):
    file = make_file(persons=2, locked=False)
    with pytest.raises(PhieuError, match="Chưa khóa"):
        render_report(file, tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists()
    render_report(file, tmp_path / "b.pdf", draft=True)
    assert all("DỰ THẢO" in text for text in pdf_pages(tmp_path / "b.pdf"))


def test_log_lists_every_ballot_in_order_with_corrections(make_file, tmp_path: Path):
    file = make_file(persons=7, locked=False)
    file.correct_ballot("lanh-dao", 2, "TTTTTTT", "Nhập nhầm hàng thứ hai, đối chiếu phiếu gốc")
    file.remove_ballot("lanh-dao", 5, "Phiếu nhập trùng")
    file.add_ballot("lanh-dao", "LLLLLLL")
    out = tmp_path / "nhat-ky.pdf"
    render_log(file, out)
    pages = pdf_pages(out)
    whole = " ".join(pages)
    assert all("MẬT" in text for text in pages)
    assert "TTTTT TT" in whole and "Nhập nhầm hàng thứ hai, đối chiếu phiếu gốc" in whole
    assert "Phiếu nhập trùng" in whole and "LLLLL LL" in whole
    for _number, marks in file.ballots("lanh-dao"):
        assert group_marks(marks) in whole
    operations = re.findall(r"Số phiếu đã nhập \(sau khi sửa, hủy\): (\d+); số phiếu thu về: (\d+); số thao tác: (\d+)",
                            whole)
    assert operations == [("24", "24", "27")]  # 24 entered, 1 correction, 1 removal, 1 re-entry
    first, correction = whole.index("Sửa"), whole.index("Hủy")
    assert first < correction
    assert "Nguyễn Thị Hường" in whole and "Đặng Quốc Kỳ" in whole


def test_group_marks():
    assert group_marks("CTLCTTLC0M") == "CTLCT TLC0M"
    assert group_marks("-") == "-"
    assert group_marks(None) == ""


def test_xlsx_cells_are_numbers_with_a_sheet_per_paper(make_file, tmp_path: Path):
    file = make_file(persons=5)
    out = tmp_path / "ket-qua.xlsx"
    render_xlsx(file, out)
    book = load_workbook(out)
    assert book.sheetnames == ["Lãnh đạo Sở"]
    sheet = book["Lãnh đạo Sở"]
    header = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "STT")
    assert sheet.cell(header, 2).value == "Họ và tên"
    assert sheet.cell(header + 1, 6).value == "Tín nhiệm cao"
    result = file.results().papers[0]
    for offset, person in enumerate(result.persons):
        row = header + 3 + offset
        assert sheet.cell(row, 2).value == person.name
        assert isinstance(sheet.cell(row, 4).value, int) and sheet.cell(row, 4).value == person.valid
        assert sheet.cell(row, 5).value == person.invalid
        assert sheet.cell(row, 4).value + sheet.cell(row, 5).value == result.returned
        total = 0
        for index, key in enumerate(person.counts):
            count, share = sheet.cell(row, 6 + 2 * index), sheet.cell(row, 7 + 2 * index)
            assert count.value == person.counts[key]
            total += count.value
            assert isinstance(share.value, (int, float)) and share.number_format == "0.00"
            assert f"{share.value:.2f}".replace(".", ",") == person.percent(key)
        assert total == sheet.cell(row, 4).value
    assert file.fingerprint in [sheet.cell(r, 3).value for r in range(1, header)]


def test_xlsx_two_papers_two_sheets(tmp_path: Path):
    from phieu_desktop.demo import create_demo
    from phieu_desktop.store import SessionFile

    path = tmp_path / "demo.phieu"
    create_demo(path)
    with SessionFile.open(path) as file:
        book = load_workbook(io.BytesIO(xlsx_bytes(file)))
        assert book.sheetnames == [paper.title for paper in file.session.papers]


def test_xlsx_refused_while_unlocked(make_file, tmp_path: Path):
    file = make_file(persons=2, locked=False)
    with pytest.raises(PhieuError, match="Chưa khóa"):
        render_xlsx(file, tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()


def test_percent_value_rounds_half_up_like_the_paper():
    assert percent_value(20, 30) == 66.67
    assert percent_value(1, 8) == 12.5  # 12,50: exactly half a hundredth up
    assert percent_value(25, 47) == 53.19
    assert percent_value(3, 0) is None


def test_dossier_has_a_checklist_and_a_report_form_per_person(make_file, tmp_path: Path):
    from phieu_desktop.documents.dossier import render_dossier

    file = make_file(persons=3, locked=False)
    out = tmp_path / "ho-so.pdf"
    render_dossier(file, out)
    pages = pdf_pages(out)
    whole = " ".join(pages)
    assert whole.count("DANH MỤC HỒ SƠ NGƯỜI ĐƯỢC LẤY PHIẾU TÍN NHIỆM") == 3
    assert whole.count("CỦA NGƯỜI ĐƯỢC LẤY PHIẾU TÍN NHIỆM") == 3
    for name in ("Nguyễn Thị Hường", "Đặng Quốc Kỳ", "Trần Văn Ơn"):
        assert f"Tôi là (ghi rõ họ và tên): {name}" in whole
    assert all("MẬT" in text for text in pages)
    # issue 24, item 2: the person's own workplace, never the organising body: a line to fill in
    assert f"Đơn vị công tác: {file.session.organization}" not in whole
    assert whole.count("Đơn vị công tác: ……") == 3


@pytest.mark.parametrize("regime, summoned_words", [(Regime.QD96, "Tổng số ủy viên ban chấp hành (đại biểu): 30"),
                                                    (Regime.NQ96, "Tổng số đại biểu: 30")])
def test_the_report_speaks_phu_luc_4(make_file, tmp_path: Path, regime, summoned_words):
    """Issue 24, item 8: the per-person invalid count, the plan's words for those summoned (đại biểu for an HĐND),
    the levels as "Cao / Tín nhiệm / Thấp", items 1 and 2 alike."""
    file = make_file(persons=3, regime=regime)
    out = tmp_path / "bao-cao.pdf"
    render_report(file, out)
    whole = " ".join(pdf_pages(out))
    assert summoned_words in whole and "ủy viên ban chấp hành" not in whole.replace(summoned_words, "")
    assert "Số phiếu không hợp lệ" in whole
    assert "Tín nhiệm cao" not in whole and "Tín nhiệm thấp" not in whole
    invalid = file.results().papers[0].persons[0].invalid
    assert invalid > 0  # fill(): ballot 4 is not issued by the committee


def test_xlsx_has_the_attendance_and_the_secret_mark(make_file, tmp_path: Path):
    """Issue 24, item 11: tổng số / có mặt / vắng mặt / có mặt khi bỏ phiếu as in the minutes, the MẬT mark the plan
    requires ("Văn bản Mật"), sheet names cut between words."""
    from phieu_desktop.documents.xlsx import sheet_name

    file = make_file(persons=3)  # summoned 30, present 25, at the vote 24
    book = load_workbook(io.BytesIO(xlsx_bytes(file)))
    sheet = book.worksheets[0]
    values = {sheet.cell(r, 1).value: sheet.cell(r, 3).value for r in range(1, 20)}
    assert values["Tổng số người được triệu tập"] == 30 and values["Số có mặt"] == 25
    assert values["Số vắng mặt"] == 6 and values["Số có mặt tại thời điểm bỏ phiếu"] == 24
    assert "MẬT" in [c.value for row in sheet.iter_rows(max_row=2) for c in row]
    name = sheet_name("Chủ tịch, Phó Chủ tịch Hội đồng nhân dân tỉnh", set())
    assert len(name) <= 31 and "Chủ tịch, Phó Chủ tịch Hội đồng nhân dân tỉnh".startswith(name)
    assert name.endswith("Hội đồng nhân dân") or name.endswith("Hội đồng"), name

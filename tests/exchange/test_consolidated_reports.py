"""The consolidated report: real numbers in Excel, Vietnamese text in the PDF, the same figures in JSON."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.exchange.consolidate import consolidate
from phieu_desktop.exchange.consolidated_pdf import write_pdf
from phieu_desktop.exchange.consolidated_report import consolidation_to_json
from phieu_desktop.exchange.consolidated_xlsx import write_xlsx

# 24 returned: An 20 low of 24 (83,33%: two thirds), Bình 13 low (54,17%: over half), Kỳ 12 low (exactly half: none)
BALLOTS = ["LLL"] * 12 + ["LLC"] * 1 + ["LTC"] * 7 + ["TCC"] * 3 + ["-"]


@pytest.fixture
def consolidation(tmp_path, make_package, credentials):
    a = make_package("Sở Tài chính", names=["Nguyễn Văn An", "Lê Thị Bình", "Đặng Quốc Kỳ"], ballots=BALLOTS)
    b = make_package("Sở Nội vụ", names=["Nguyễn Văn An", "Hồ Thị Ngọc Ẩn"], ballots=["CT"] * 24)
    bad = tmp_path / "hong.phieux"
    bad.write_bytes(b"rubbish")
    return consolidate([a, b, bad], credentials)


def test_json_bands_and_same_names(consolidation):
    data = consolidation_to_json(consolidation)
    assert [u["organization"] for u in data["units"]] == ["Sở Tài chính", "Sở Nội vụ"]
    assert data["bands"]["persons"] == 5
    assert data["bands"]["two_thirds"] == 1 and data["bands"]["over_half"] == 1
    assert [p["name"] for p in data["bands"]["two_thirds_places"]] == ["Nguyễn Văn An"]
    assert [p["name"] for p in data["bands"]["over_half_places"]] == ["Lê Thị Bình"]
    [same] = data["same_name"]
    assert same["name"] == "Nguyễn Văn An"
    assert [(p["organization"], p["percent"]["low"], p["band"]) for p in same["places"]] == [
        ("Sở Tài chính", "83,33", "two_thirds"), ("Sở Nội vụ", "0,00", "none")]
    assert data["problems"] == [{"file": "hong.phieux", "reason": data["problems"][0]["reason"]}]


def test_excel_holds_real_numbers(consolidation, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    write_xlsx(consolidation, out)
    book = load_workbook(out)
    assert book.sheetnames == ["Kết quả", "Cùng họ tên", "Tổng hợp mức", "Đơn vị", "Điểm danh", "Tệp bị từ chối"]
    sheet = book["Kết quả"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c for c in row))) for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 5
    an = rows[0]
    assert an["Họ và tên"].value == "Nguyễn Văn An" and an["Thu về"].value == 24
    assert an["Tín nhiệm thấp (phiếu)"].value == 20
    assert an["Tín nhiệm thấp (%)"].value == pytest.approx(0.8333) and an["Tín nhiệm thấp (%)"].number_format == "0.00%"
    assert an["Mức"].value == "Từ 2/3 trở lên"
    assert an["Mã niêm phong"].value == consolidation.units[0].fingerprint
    ky = rows[2]
    assert ky["Tín nhiệm thấp (%)"].value == pytest.approx(0.5) and ky["Mức"].value in (None, "")
    same = book["Cùng họ tên"]
    line = [c.value for c in same[2]]
    assert line[0] == "Nguyễn Văn An" and "Sở Tài chính" in line and "Sở Nội vụ" in line
    bands = [[c.value for c in row] for row in book["Tổng hợp mức"].iter_rows(min_row=2, max_row=4)]
    assert [row[1] for row in bands] == [5, 1, 1]
    assert book["Tệp bị từ chối"]["A2"].value == "hong.phieux"
    with pytest.raises(PhieuError, match="đã tồn tại"):
        write_xlsx(consolidation, out)


def test_pdf_in_vietnamese_with_fingerprints(consolidation, tmp_path):
    out = tmp_path / "tong-hop.pdf"
    write_pdf(consolidation, out)
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    compact = "".join(text.split())
    for expected in ("BÁOCÁOTỔNGHỢPKẾTQUẢLẤYPHIẾUTÍNNHIỆM", "MẬT", "NguyễnVănAn", "HồThịNgọcẨn",
                     "20(83,33%)", "Từ2/3trởlên", "hong.phieux", consolidation.units[0].fingerprint,
                     consolidation.units[1].fingerprint, "cùnghọtên"):
        assert expected in compact, expected
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]))
    assert any("LiberationSerif" in name for name in embedded), embedded


def test_a_no_confidence_vote_beside_three_level_counts(tmp_path, make_package, credentials, board):
    from phieu_desktop.domain.regime import Regime
    from tests.exchange.conftest import build_unit, export_unit

    three = make_package("Sở Tài chính", names=["Nguyễn Văn An"], ballots=["L"] * 13 + ["C"] * 11)
    build_unit(tmp_path / "bpt.phieu", "HĐND tỉnh", names=["Nguyễn Văn An"], ballots=["K"] * 13 + ["T"] * 11,
               regime=Regime.NQ96_BPT)
    two = export_unit(tmp_path / "bpt.phieu", tmp_path / "bpt.phieux", board.to_public())
    result = consolidate([three, two], credentials)
    assert result.problems == []
    data = consolidation_to_json(result)
    assert data["bands"]["over_half"] == 2
    [same] = data["same_name"]
    assert [p["counts"] for p in same["places"]] == [{"high": 11, "confidence": 0, "low": 13},
                                                    {"confidence": 11, "no_confidence": 13}]
    write_xlsx(result, tmp_path / "r.xlsx")
    header = [c.value for c in load_workbook(tmp_path / "r.xlsx")["Kết quả"][1]]
    assert [h for h in header if h.endswith("(phiếu)")] == ["Tín nhiệm cao (phiếu)", "Tín nhiệm (phiếu)",
                                                          "Tín nhiệm thấp (phiếu)", "Không tín nhiệm (phiếu)"]
    write_pdf(result, tmp_path / "r.pdf")
    text = "".join("".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages).split())
    assert "Quá1/2khôngtínnhiệm" in text and "13(54,17%)" in text

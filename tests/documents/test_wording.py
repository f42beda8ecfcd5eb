"""Small wording rules shared by every form: the place-date line and the meeting line."""

from __future__ import annotations

from datetime import date

from phieu_desktop.documents.common import at_meeting, place_date, vn_number


def test_place_date_in_words_with_the_leading_zeros_of_nghi_dinh_30():
    assert place_date("Hà Giang", date(2023, 9, 12)) == "Hà Giang, ngày 12 tháng 9 năm 2023"
    assert place_date("Hà Nội", date(2024, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2024"
    assert place_date("Huế", date(2024, 2, 28)) == "Huế, ngày 28 tháng 02 năm 2024"
    assert place_date("Huế", date(2024, 3, 1)) == "Huế, ngày 01 tháng 3 năm 2024"


def test_meeting_line():
    template, generic = "Tại {meeting}", "Tại hội nghị (kỳ họp): {title}"
    assert at_meeting(template, generic, "Hội nghị lấy phiếu tín nhiệm năm 2023") == \
        "Tại hội nghị lấy phiếu tín nhiệm năm 2023"
    assert at_meeting(template, generic, "Kỳ họp thứ 6") == "Tại kỳ họp thứ 6"
    assert at_meeting(template, generic, "Lấy phiếu giữa nhiệm kỳ") == "Tại hội nghị (kỳ họp): Lấy phiếu giữa nhiệm kỳ"


def test_numbers_the_vietnamese_way():
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(0) == "0"
    assert vn_number(None) == "—"


def test_missing_form_or_font_is_a_clear_refusal(tmp_path, monkeypatch):
    import pytest

    from phieu_desktop.documents import common
    from phieu_desktop.domain.errors import PhieuError

    monkeypatch.setenv("PHIEU_FORMS", str(tmp_path))
    common.wording.cache_clear()
    try:
        with pytest.raises(PhieuError, match="common.toml"):
            common.wording("common")
    finally:
        monkeypatch.delenv("PHIEU_FORMS")
        common.wording.cache_clear()
    monkeypatch.setenv("PHIEU_RESOURCES", str(tmp_path))
    common.register_fonts.cache_clear()
    try:
        with pytest.raises(PhieuError, match="LiberationSerif-Regular.ttf"):
            common.register_fonts()
    finally:
        monkeypatch.delenv("PHIEU_RESOURCES")
        common.register_fonts.cache_clear()


def test_every_document_speaks_the_regimes_words(make_file, tmp_path):
    """Issue 24, item 10: an HĐND votes at a kỳ họp; a no-confidence vote is a "bỏ phiếu tín nhiệm" in the report,
    the dossier and the Excel (its band "Quá nửa" as in the minutes); a band in the source's words."""
    import io

    from openpyxl import load_workbook

    from phieu_desktop.documents import render_minutes, render_report
    from phieu_desktop.documents.dossier import render_dossier
    from phieu_desktop.documents.xlsx import xlsx_bytes
    from phieu_desktop.domain.regime import Regime
    from tests.documents.conftest import pdf_pages

    hdnd = make_file(persons=3, regime=Regime.NQ96, title="Kỳ họp thứ 12 Hội đồng nhân dân tỉnh")
    render_minutes(hdnd, tmp_path / "bb.pdf")
    minutes = " ".join(pdf_pages(tmp_path / "bb.pdf"))
    assert "Người chủ trì kỳ họp" in minutes and "Ban kiểm phiếu do kỳ họp bầu" in minutes
    assert "hội nghị" not in minutes.lower().replace("hội đồng", "")

    bpt = make_file(persons=3, regime=Regime.NQ96_BPT, locked=False)
    bpt.remove_ballot("lanh-dao", 1, "Nhập lại")
    bpt.remove_ballot("lanh-dao", 2, "Nhập lại")
    bpt.add_ballots("lanh-dao", ["KKK", "KKK"])
    bpt.lock()
    render_report(bpt, tmp_path / "bc.pdf")
    assert "BÁO CÁO KẾT QUẢ BỎ PHIẾU TÍN NHIỆM" in " ".join(pdf_pages(tmp_path / "bc.pdf"))
    render_dossier(bpt, tmp_path / "hs.pdf")
    dossier = " ".join(pdf_pages(tmp_path / "hs.pdf"))
    assert "CỦA NGƯỜI ĐƯỢC BỎ PHIẾU TÍN NHIỆM" in dossier and "LẤY PHIẾU" not in dossier
    data = xlsx_bytes(bpt)
    cells = [str(c.value) for sheet in load_workbook(io.BytesIO(data)) for row in sheet.iter_rows() for c in row
             if c.value is not None]
    assert "Kết quả bỏ phiếu tín nhiệm" in cells and "Mức độ tín nhiệm" not in cells
    assert "Trên 1/2" not in cells and ("Quá nửa" in cells or not any(
        p.band.value != "none" for p in bpt.results().papers[0].persons))

    qd = make_file(persons=3, locked=False)
    qd.remove_ballot("lanh-dao", 1, "Nhập lại")
    qd.add_ballots("lanh-dao", ["LLL"])
    for number in range(2, 25):
        qd.correct_ballot("lanh-dao", number, "LLL", "Đọc lại") if number != 4 else None
    qd.lock()
    render_minutes(qd, tmp_path / "qd.pdf")
    assert "có từ 2/3 số phiếu tín nhiệm thấp trở lên: 23 phiếu (95,83%)" in " ".join(pdf_pages(tmp_path / "qd.pdf"))

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

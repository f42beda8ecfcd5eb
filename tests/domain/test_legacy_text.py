"""TCVN3 / VNI -> Unicode: the character tables, round trips of the whole alphabet, and detection."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phieu_desktop.domain.legacy_text import (
    TCVN3_DECODE,
    VIETNAMESE_LETTERS,
    VNI_ENCODE,
    Encoding,
    decode_tcvn3,
    decode_vni,
    detect_encoding,
    encode_tcvn3,
    encode_vni,
    encoding_of_font,
    is_capital_font,
    is_vietnamese_syllable,
    looks_legacy,
    to_unicode,
)

LOWER = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
UPPER = LOWER.upper()


def test_alphabet_is_complete():
    assert len(LOWER) == 67
    assert set(VIETNAMESE_LETTERS) == set(LOWER) | set(UPPER)
    assert all(unicodedata.is_normalized("NFC", ch) for ch in VIETNAMESE_LETTERS)


# Published examples (converters' documentation, old province lists), typed from the legacy fonts.
@pytest.mark.parametrize("legacy, unicode", [
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("M\u00adêng Kh\u00ad¬ng", "Mường Khương"),
    ("B¸t X¸t", "Bát Xát"),
    ("TiÕng ViÖt rÊt hay", "Tiếng Việt rất hay"),
    ("Hå ChÝ Minh", "Hồ Chí Minh"),
    ("NguyÔn ThÞ H\u00adêng", "Nguyễn Thị Hường"),
    ("Phã Gi¸m ®èc Së Tµi chÝnh", "Phó Giám đốc Sở Tài chính"),
    ("§Æng Quèc Kú", "Đặng Quốc Kỳ"),
    ("¡n ¢n £m ¤ng ¥i ¦u", "Ăn Ân Êm Ông Ơi Ưu"),
])
def test_tcvn3_examples(legacy, unicode):
    assert decode_tcvn3(legacy) == unicode
    assert to_unicode(legacy, ".VnTime") == (unicode, Encoding.TCVN3, False)


@pytest.mark.parametrize("legacy, unicode", [
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Tieáng Vieät raát hay", "Tiếng Việt rất hay"),
    ("Nguyeãn Thò Höôøng", "Nguyễn Thị Hường"),
    ("Tröôøng Ñaïi hoïc Quoác gia Haø Noäi", "Trường Đại học Quốc gia Hà Nội"),
    ("Ñaëng Quoác Kyø", "Đặng Quốc Kỳ"),
    ("NGUYEÃN VAÊN ÔÛ", "NGUYỄN VĂN Ở"),
    ("Mî Höõu", "Mỵ Hữu"),
])
def test_vni_examples(legacy, unicode):
    assert decode_vni(legacy) == unicode
    assert to_unicode(legacy, "VNI-Times") == (unicode, Encoding.VNI, False)


def test_tcvn3_table_is_one_to_one_and_in_the_upper_half():
    assert len(TCVN3_DECODE) == 67 + 7
    assert all(0xA1 <= ord(code) <= 0xFE for code in TCVN3_DECODE)
    assert len(set(TCVN3_DECODE.values())) == len(TCVN3_DECODE)


def test_vni_codes_are_windows_1252_and_distinct():
    codes = list(VNI_ENCODE.values())
    assert len(set(codes)) == len(codes) == 134
    for code in codes:
        code.encode("cp1252")  # every VNI code is Windows-1252 text, as Excel holds it
        assert 1 <= len(code) <= 2


def test_round_trip_full_alphabet_tcvn3():
    assert decode_tcvn3(encode_tcvn3(LOWER)) == LOWER
    # The normal font has no toned capitals: they are typed lower-case and drawn by the ".Vn…H" font.
    assert decode_tcvn3(encode_tcvn3(UPPER), upper=True) == UPPER
    assert to_unicode(encode_tcvn3(UPPER), ".VnTimeH")[0] == UPPER


def test_round_trip_full_alphabet_vni():
    for text in (LOWER, UPPER, " ".join(LOWER), " ".join(UPPER)):
        assert decode_vni(encode_vni(text)) == text


def test_round_trip_each_letter_inside_words():
    for letter in VIETNAMESE_LETTERS:
        word = f"t{letter}n" if letter.islower() else f"T{letter}N"
        assert decode_vni(encode_vni(word)) == word
        upper = letter.isupper()
        assert decode_tcvn3(encode_tcvn3(word), upper=upper) == word


def test_capital_word_in_normal_tcvn3_font_is_raised():
    assert decode_tcvn3("TRÇN V¡N §øC") == "TRẦN VĂN ĐỨC"
    assert decode_tcvn3("TrÇn") == "Trần"


def test_vni_variants_seen_in_old_files():
    assert decode_vni("Aù") == "Á"  # lower-case mark after a capital
    assert decode_vni("tiù") == "tí"  # i with a separate tone mark


def test_fonts():
    assert encoding_of_font(".VnTime") is Encoding.TCVN3
    assert encoding_of_font(".VnArialH") is Encoding.TCVN3
    assert encoding_of_font("VNI-Times") is Encoding.VNI
    assert encoding_of_font("Times New Roman") is Encoding.UNICODE
    assert encoding_of_font(None) is None
    assert is_capital_font(".VnTimeH") and not is_capital_font(".VnTime") and not is_capital_font("VNI-TimesH")


@pytest.mark.parametrize("text, encoding", [
    ("NguyÔn V¨n An", Encoding.TCVN3),
    ("Lª ThÞ Hoa", Encoding.TCVN3),
    ("Phã Gi¸m ®èc", Encoding.TCVN3),
    ("Nguyeãn Vaên An", Encoding.VNI),
    ("Phoù Giaùm ñoác", Encoding.VNI),
    ("Lê Hà", Encoding.UNICODE),  # Unicode text made only of Latin-1 letters stays as it is
    ("Hà Nội", Encoding.UNICODE),
    ("Nguyễn Thị Hường", Encoding.UNICODE),
    ("Chánh Văn phòng", Encoding.UNICODE),
    ("Phó Giám đốc", Encoding.UNICODE),
    ("Tô Lâm", Encoding.UNICODE),
    ("John Smith", Encoding.UNICODE),
])
def test_detection_without_font(text, encoding):
    assert detect_encoding(text) is encoding


def test_unicode_font_with_legacy_text_is_still_detected():
    assert to_unicode("NguyÔn V¨n An", "Calibri") == ("Nguyễn Văn An", Encoding.TCVN3, False)


def test_unicode_text_left_in_a_legacy_font_is_kept():
    # Converted once already (a character beyond Windows-1252 proves it), the old font name stayed on the cell.
    assert to_unicode("Nguyễn Thị Hoà", "VNI-Times") == ("Nguyễn Thị Hoà", Encoding.UNICODE, False)
    assert to_unicode("Trần Văn Ơn", ".VnTime") == ("Trần Văn Ơn", Encoding.UNICODE, False)
    assert to_unicode("Nguyen Van A", ".VnTime")[0] == "Nguyen Van A"


def test_unreadable_text_is_flagged_not_converted():
    text, encoding, flagged = to_unicode("Müller ¤¤¤ÿ")
    assert encoding is Encoding.UNICODE and flagged and text == "Müller ¤¤¤ÿ"
    assert not looks_legacy("Nguyễn Văn An")


def test_syllables():
    for word in ("nguyễn", "Hường", "khuya", "gì", "giữ", "quốc", "NGUYỄN", "Đặng", "yêu", "oanh", "Sơn"):
        assert is_vietnamese_syllable(word), word
    for word in ("nguyeãn", "nGUYEN", "aáá", "hườờng", "müller"):
        assert not is_vietnamese_syllable(word), word


vietnamese_text = st.text(alphabet=st.sampled_from(list(LOWER + UPPER + "abcdeghiklmnopqrstuvxy ")), max_size=40)


@given(vietnamese_text)
def test_vni_round_trip_any_text(text):
    assert decode_vni(encode_vni(text)) == text


@given(st.text(alphabet=st.sampled_from(list(LOWER + "abcdeghiklmnopqrstuvxy ")), max_size=40))
def test_tcvn3_round_trip_any_lower_case_text(text):
    assert decode_tcvn3(encode_tcvn3(text)) == text

"""Vietnamese alphabetical order of names: letters first (a ă â b c d đ e ê … o ô ơ … u ư …), then tones
(none < huyền < hỏi < ngã < sắc < nặng), by given name first."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from phieu_desktop.domain.text import given_name_key, vietnamese_key

ALPHABET = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()


def _sorted(words, key=vietnamese_key):
    return sorted(words, key=key)


def test_letters_in_vietnamese_order():
    shuffled = list(reversed(ALPHABET))
    assert _sorted(shuffled) == ALPHABET
    assert _sorted(["đa", "da", "dz"]) == ["da", "dz", "đa"]


def test_tones_in_order_for_every_vowel():
    for vowel in "aăâeêioôơuưy":
        toned = [unicodedata.normalize("NFC", vowel + mark) for mark in ("", "\u0300", "\u0309", "\u0303", "\u0301",
                                                                         "\u0323")]
        assert _sorted(list(reversed(toned))) == toned, vowel


def test_letters_decide_before_tones():
    assert _sorted(["Ăn", "Án", "An"]) == ["An", "Án", "Ăn"]
    assert _sorted(["Anh", "Án"]) == ["Án", "Anh"]  # the tone does not count before the letters are equal
    assert _sorted(["ơ", "ồ", "ô"]) == ["ô", "ồ", "ơ"]
    assert _sorted(["Ửng", "Ụt", "Uyên"]) == ["Ụt", "Uyên", "Ửng"]


def test_tones_decide_between_equal_letters():
    assert _sorted(["Hưởng", "Hương", "Hường", "Hượng", "Hướng", "Hưỡng"]) == [
        "Hương", "Hường", "Hưởng", "Hưỡng", "Hướng", "Hượng"]


def test_case_and_composition_do_not_matter():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert vietnamese_key(nfd) == vietnamese_key("Nguyễn Thị Hường") == vietnamese_key("NGUYỄN THỊ HƯỜNG")
    assert given_name_key("  Nguyễn   Thị  Hường ") == given_name_key("Nguyễn Thị Hường")


def test_given_name_first_then_the_rest():
    names = ["Nguyễn Thị Bình", "Trần Văn An", "Lê Văn An", "Đặng Quốc Kỳ", "Hồ Thị Ngọc Ẩn", "Nguyễn Văn Ánh",
             "Phạm Bá Dũng", "Lò Văn Đức", "Trần Văn Ơn", "Lê Thị Ưng", "Nguyễn Thị Hường", "Vũ Văn Hưng"]
    assert sorted(names, key=given_name_key) == [
        "Lê Văn An", "Trần Văn An", "Nguyễn Văn Ánh", "Hồ Thị Ngọc Ẩn", "Nguyễn Thị Bình", "Phạm Bá Dũng",
        "Lò Văn Đức", "Vũ Văn Hưng", "Nguyễn Thị Hường", "Đặng Quốc Kỳ", "Trần Văn Ơn", "Lê Thị Ưng"]


def test_same_given_name_sorted_by_family_name():
    assert sorted(["Trần Thị Hoa", "Đỗ Thị Hoa", "Dương Thị Hoa", "Bùi Thị Hoa"], key=given_name_key) == [
        "Bùi Thị Hoa", "Dương Thị Hoa", "Đỗ Thị Hoa", "Trần Thị Hoa"]


def test_shorter_prefix_first_and_single_word_names():
    assert sorted(["Hoàng", "Hoa", "Hoan"], key=given_name_key) == ["Hoa", "Hoan", "Hoàng"]
    assert given_name_key("") == given_name_key("")


names = st.lists(st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạềếểễệờớởỡợừứửữự")),
                         min_size=1, max_size=6), min_size=1, max_size=4).map(" ".join)


@given(names)
def test_key_invariant_under_nfd_and_case(name):
    assert given_name_key(unicodedata.normalize("NFD", name)) == given_name_key(name)
    assert given_name_key(name.upper()) == given_name_key(name)


@given(st.lists(names, max_size=8))
def test_sort_is_total_and_stable(items):
    once = sorted(items, key=given_name_key)
    assert sorted(once, key=given_name_key) == once

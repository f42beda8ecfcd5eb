"""How a table splits, and how the issuing body's name breaks (documents/flow.py, documents/names.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from phieu_desktop.documents.common import BOLD, register_fonts, wording
from phieu_desktop.documents.flow import RuledTable
from phieu_desktop.documents.names import break_name, place_spans

ROW = 20  # points per row (fixed row heights)


def table(body: int, trailing: int = 0) -> RuledTable:
    rows = [["STT", "Họ và tên"]] + [[str(i), f"Người {i}"] for i in range(1, body + 1)] + [["ghi chú", ""]] * trailing
    t = RuledTable(rows, colWidths=[20, 100], rowHeights=[ROW] * len(rows), repeatRows=1, trailing=trailing)
    t.wrap(120, 10_000)
    return t


def body_rows(part: RuledTable, trailing: int = 0) -> int:
    return len(part._cellvalues) - 1 - trailing


def test_short_tables_never_split():
    for body in (1, 2, 5, 10):
        assert table(body).split(120, ROW * (body // 2 + 1)) == []


def test_long_table_leaves_three_rows_each_side_and_repeats_its_header():
    t = table(30, trailing=1)
    first, rest = t.split(120, ROW * 30)  # room for the header and 29 rows: 28 + 3 (with the note) instead
    assert body_rows(first) >= 3 and body_rows(rest, 1) >= 3
    assert body_rows(first) + body_rows(rest, 1) == 30
    assert rest._cellvalues[0] == ["STT", "Họ và tên"]
    assert table(30).split(120, ROW * 3) == []  # only two rows would fit: the table moves on


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=11, max_value=80), st.integers(min_value=2, max_value=60))
def test_every_split_obeys_the_rule(body, room):
    parts = table(body).split(120, ROW * room)
    if parts and len(parts) == 2:
        assert body_rows(parts[0]) >= 3 and body_rows(parts[1]) >= 3


WORDS = ["SỞ", "TÀI", "CHÍNH", "HỘI", "ĐỒNG", "NHÂN", "DÂN", "TỈNH", "HÀ", "GIANG", "ĐẢNG", "BỘ", "KHỐI", "CÁC",
         "CƠ", "QUAN", "HUYỆN", "YÊN", "MINH", "BAN", "KINH", "TẾ", "-", "NGÂN", "SÁCH", "THÀNH", "PHỐ", "VÀ"]


def test_names_break_between_groups_never_inside_a_place():
    register_fonts()
    header = wording("common")["header"]
    assert break_name("HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG", BOLD, 12.5, 62 * mm, header["groups"],
                      header["places"]) == ["HỘI ĐỒNG NHÂN DÂN", "TỈNH HÀ GIANG"]
    assert break_name("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", BOLD, 12.5, 62 * mm, header["groups"],
                      header["places"]) == ["ĐẢNG BỘ KHỐI", "CÁC CƠ QUAN TỈNH"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.integers(min_value=40, max_value=90))
def test_breaking_keeps_every_word_and_place_names_whole(words, width_mm):
    register_fonts()
    header = wording("common")["header"]
    text = " ".join(words)
    lines = break_name(text, BOLD, 12.5, width_mm * mm, header["groups"], header["places"])
    assert " ".join(lines).split() == words
    spans = place_spans(words, header["places"], header["groups"])
    inside = {k for a, b in spans for k in range(a + 1, b + 1)}
    width = width_mm * mm

    def fits(cut) -> bool:
        bounds = (0, *cut, len(words))
        return all(stringWidth(" ".join(words[a:b]), BOLD, 12.5) <= width for a, b in zip(bounds, bounds[1:]))

    from itertools import combinations

    allowed = [k for k in range(1, len(words)) if k not in inside]
    possible = any(fits(cut) for n in range(0, 4) for cut in combinations(allowed, n))
    if possible:  # some way of at most four lines keeps every place name whole: the one chosen does too
        starts, index = set(), 0
        for line in lines:
            starts.add(index)
            index += len(line.split())
        assert not starts & inside, lines
        assert all(stringWidth(line, BOLD, 12.5) <= width for line in lines)


def test_the_rule_bends_only_where_it_cannot_hold():
    """Five rows taller than a whole page split on a fresh page (rather than fail); not in the middle of one."""
    rows = [["STT", "Họ và tên"]] + [[str(i), f"Người {i}"] for i in range(1, 6)]
    t = RuledTable(rows, colWidths=[20, 100], rowHeights=[20] + [200] * 5, repeatRows=1)
    t.wrap(120, 10_000)
    assert t.split(120, 500) == []  # mid-page: moves on
    first, rest = t.split(120, t.frame_height)
    assert body_rows(first) + body_rows(rest) == 5

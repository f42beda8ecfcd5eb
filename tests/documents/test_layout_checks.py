"""The layout checks themselves: each one fails on a page made with exactly its fault, and passes a clean page.

(They also fail on the documents of the code before issue 13: see the issue's note.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from phieu_desktop.documents.common import BOLD, FONT, PAGE_HEIGHT, PAGE_WIDTH, register_fonts
from phieu_desktop.documents.pdfa import ArchivalCanvas
from tests.documents import layout


def make(tmp_path: Path, pages: list, archival: bool = True, name: str = "t.pdf") -> Path:
    """A PDF of the given pages; each page is a list of (font, size, x mm, y mm from the top, text) or lines."""
    register_fonts()
    out = tmp_path / name
    canvas = (ArchivalCanvas if archival else Canvas)(str(out), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    for items in pages:
        for item in items:
            if item[0] == "line":
                _kind, x0, x1, y = item
                canvas.line(x0 * mm, PAGE_HEIGHT - y * mm, x1 * mm, PAGE_HEIGHT - y * mm)
            else:
                font, size, x, y, text = item
                canvas.setFont(font, size)
                canvas.drawString(x * mm, PAGE_HEIGHT - y * mm, text)
        canvas.showPage()
    canvas.save()
    return out


def body(n: int, top: float = 30, step: float = 6) -> list:
    return [(FONT, 12, 35, top + i * step, f"Dòng nội dung thứ {i + 1} của văn bản") for i in range(n)]


@pytest.fixture(autouse=True)
def _poppler():
    layout.need_poppler()


def test_clean_pages_pass(tmp_path):
    pdf = make(tmp_path, [body(40) + [(FONT, 10, 150, 15, "Trang 1/2")], body(20) + [(FONT, 10, 150, 15, "Trang 2/2")]])
    pages = layout.read(pdf)
    for check in (layout.edges, layout.margins, layout.overlaps, layout.headings_at_foot, layout.sparse_pages,
                  layout.table_splits, layout.forbidden_tokens):
        assert check(pages) == [], check.__name__
    assert layout.fonts_embedded(pdf) == [] and layout.archival(pdf) == []


def test_edges_and_margins(tmp_path):
    pages = layout.read(make(tmp_path, [body(3) + [(FONT, 9, 5, 290, "Mã phiên ABCD-1234 chân trang")]]))
    assert layout.edges(pages) and layout.margins(pages)
    pages = layout.read(make(tmp_path, [body(3) + [(FONT, 12, 20, 60, "lề trái hẹp")]], name="m.pdf"))
    assert not layout.edges(pages) and layout.margins(pages)


def test_overlapping_words(tmp_path):
    pages = layout.read(make(tmp_path, [body(3) + [(BOLD, 10, 36, 30.5, "DỰ THẢO")]]))
    assert layout.overlaps(pages)


def test_heading_at_the_foot_of_a_page(tmp_path):
    first = body(35) + [(BOLD, 13, 35, 30 + 35 * 6, "II. KẾT QUẢ KIỂM PHIẾU"), (FONT, 10, 150, 15, "Trang 1/2")]
    pages = layout.read(make(tmp_path, [first, body(5) + [(FONT, 10, 150, 15, "Trang 2/2")]]))
    assert layout.headings_at_foot(pages)


def test_nearly_empty_page_in_the_middle(tmp_path):
    pdf = make(tmp_path, [body(40) + [(FONT, 10, 150, 15, "Trang 1/3")], body(1) + [(FONT, 10, 150, 15, "Trang 2/3")],
                          body(30) + [(FONT, 10, 150, 15, "Trang 3/3")]])
    assert layout.sparse_pages(layout.read(pdf))


def _rows(first: int, last: int, top: float) -> list:
    return [(FONT, 11, 33, top + i * 8, str(n)) for i, n in enumerate(range(first, last + 1))] + \
           [(FONT, 11, 45, top + i * 8, f"Người số {n}") for i, n in enumerate(range(first, last + 1))]


def test_table_split_rule(tmp_path):
    head = [(BOLD, 9, 45, 28, "Họ và tên")]
    short = make(tmp_path, [head + _rows(1, 1, 260), head + _rows(2, 2, 35)], name="short.pdf")
    assert layout.table_splits(layout.read(short))  # 2 rows split 1 + 1
    widow = make(tmp_path, [head + _rows(1, 28, 40), head + _rows(29, 30, 35)], name="widow.pdf")
    assert layout.table_splits(layout.read(widow))  # 30 rows split 28 + 2
    no_head = make(tmp_path, [head + _rows(1, 15, 40), _rows(16, 30, 35)], name="nohead.pdf")
    assert layout.table_splits(layout.read(no_head))  # header not repeated
    good = make(tmp_path, [head + _rows(1, 15, 40), head + _rows(16, 30, 35)], name="good.pdf")
    assert layout.table_splits(layout.read(good)) == []


def test_heading_blocks_touching_and_broken_names(tmp_path):
    touching = [(FONT, 12.5, 32, 30, "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ"), (BOLD, 12.5, 105, 30,
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (FONT, 12.5, 55, 35, "GIANG")]
    assert layout.heading_blocks(layout.read(make(tmp_path, [touching])))
    clean = [(FONT, 12.5, 35, 30, "HỘI ĐỒNG NHÂN DÂN"), (FONT, 12.5, 40, 35, "TỈNH HÀ GIANG"),
             (BOLD, 12.5, 100, 30, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    assert layout.heading_blocks(layout.read(make(tmp_path, [clean], name="c.pdf"))) == []


def test_forbidden_tokens_and_regime_terms(tmp_path):
    pages = layout.read(make(tmp_path, [body(2) + [(FONT, 12, 35, 60, "đối chiếu: phieu verify <tệp> --expect"),
                                                   (FONT, 12, 35, 70, "96 bit đầu của SHA-256"),
                                                   (FONT, 12, 35, 80, "Mức độ tín nhiệm: tín nhiệm thấp")]]))
    assert len(layout.forbidden_tokens(pages)) >= 4
    assert layout.regime_terms(pages, two_levels=True)
    assert layout.regime_terms(layout.read(make(tmp_path, [[(FONT, 12, 35, 40, "Không tín nhiệm")]], name="k.pdf")),
                               two_levels=False)


def test_fonts_and_archival_markers(tmp_path):
    plain = make(tmp_path, [body(2) + [("Helvetica", 12, 35, 60, "Helvetica")]], archival=False)
    assert layout.fonts_embedded(plain)
    assert layout.archival(plain)


def test_party_rule_length(tmp_path):
    words = (BOLD, 12.5, 110, 30, "ĐẢNG CỘNG SẢN VIỆT NAM")
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    width = stringWidth(words[4], BOLD, 12.5) / mm
    short = make(tmp_path, [[words, ("line", 110 + (width - 48) / 2, 110 + (width + 48) / 2, 32)]])
    assert layout.party_rule(short, layout.read(short))
    right = make(tmp_path, [[words, ("line", 110, 110 + width, 32)]], name="r.pdf")
    assert layout.party_rule(right, layout.read(right)) == []


def test_band_list_and_legend_alone(tmp_path):
    intro = (FONT, 12, 35, 30, "Người có trên 1/2 tổng số phiếu tín nhiệm thấp:")
    line = (FONT, 12, 35, 40, "- Đồng chí Lê Ưng có từ 2/3 số phiếu tín nhiệm thấp trở lên: 24 phiếu")
    cut = make(tmp_path, [body(35) + [intro], [line]], name="cut.pdf")
    assert layout.band_list_split(layout.read(cut))
    repeated = make(tmp_path, [body(35) + [intro], [(FONT, 12, 35, 30, "Người có trên 1/2 tổng số phiếu tín nhiệm thấp "
                                                     "(tiếp theo):"), line]], name="rep.pdf")
    assert layout.band_list_split(layout.read(repeated)) == []
    legend = [(BOLD, 12, 35, 40, "Ý nghĩa mã đánh dấu:"), (FONT, 12, 35, 46, "- C: tín nhiệm cao")]
    second = [(FONT, 13, 111, 18, "2"), (BOLD, 9, 35, 30, "Mục")]  # a page 2 of the same document
    alone = make(tmp_path, [legend, second], name="legend.pdf")
    assert layout.legend_alone(layout.read(alone))
    with_rows = make(tmp_path, [legend + [(BOLD, 9, 35, 60, "Mục")], second], name="rows.pdf")
    assert layout.legend_alone(layout.read(with_rows)) == []


def test_workbook_check(tmp_path):
    from openpyxl import Workbook

    def book(rows: list[list], title: str) -> Path:
        made = Workbook()
        sheet = made.active
        sheet.title = title
        for row in rows:
            sheet.append(row)
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.xlsx"
        made.save(path)
        return path

    attendance = [["Tổng số người được triệu tập", None, 30], ["Số có mặt", None, 25], ["Số vắng mặt", None, 6],
                  ["Số có mặt tại thời điểm bỏ phiếu", None, 24]]
    title = "Chủ tịch, Phó Chủ tịch Hội đồng nhân dân tỉnh"
    clean = book([["MẬT"], *attendance, ["Không tín nhiệm", "Quá nửa"]], "Chủ tịch, Phó Chủ tịch Hội đồng")
    assert layout.workbook(clean, True, [title]) == []
    assert layout.workbook(clean, False, [title])  # "Không tín nhiệm" in a three-level vote
    words = book([["MẬT"], *attendance, ["Mức độ tín nhiệm", "Trên 1/2"]], "Chủ tịch, Phó Chủ tịch Hội đồng")
    assert len(layout.workbook(words, True, [title])) == 2
    cut = book([*attendance[1:]], "Chủ tịch, Phó Chủ tịch Hội đ")
    assert len(layout.workbook(cut, True, [title])) == 3  # no MẬT, no "Tổng số", a name cut mid-word

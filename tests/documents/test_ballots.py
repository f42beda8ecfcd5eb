"""Ballots (Phụ lục 3): every copy the same pages, header repeated, page numbers and the session code."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from phieu_desktop.documents.ballots import default_copies, render_ballots
from phieu_desktop.documents.session_code import session_code
from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.regime import Regime
from tests.documents.conftest import pdf_pages, render_png


def test_copies_default_to_present_at_vote(make_file, tmp_path: Path):
    file = make_file(persons=4, locked=False)
    assert default_copies(file.session) == 24
    out = tmp_path / "phieu.pdf"
    assert render_ballots(file, out) == 24
    pages = pdf_pages(out)
    assert len(pages) == 24
    assert len(set(pages)) == 1  # every copy is the same page: nothing tells one voter's ballot from another's
    text = pages[0]
    for expected in ("PHIẾU TÍN NHIỆM", "của Toàn thể công chức", "đối với Lãnh đạo Sở", "năm 2023",
                     "Nguyễn Thị Hường", "Đặng Quốc Kỳ", "Trần Văn Ơn", "Lê Thị Ưng", "(Đóng dấu treo)",
                     "Người ghi phiếu", "(có thể ký hoặc không ký tên)", "Cao", "Thấp",
                     "Hà Giang, ngày 12 tháng 9 năm 2023", session_code(file)):
        assert expected in text, expected


def test_copies_default_to_summoned_before_attendance(make_file, tmp_path: Path):
    file = make_file(persons=2, locked=False)
    session = file.session
    from dataclasses import replace

    assert default_copies(replace(session, present_at_vote=None)) == session.summoned


# 60 persons need three pages: printed on both sides, that is two sheets, so the rows are balanced over four pages
@pytest.mark.parametrize("persons, pages_per_ballot", [(1, 1), (15, 1), (60, 4)])
def test_long_lists_paginate_with_header_and_page_numbers(make_file, tmp_path: Path, persons: int,
                                                          pages_per_ballot: int):
    file = make_file(persons=persons, locked=False)
    out = tmp_path / "phieu.pdf"
    render_ballots(file, out, copies=2)
    pages = pdf_pages(out)
    assert len(pages) == 2 * pages_per_ballot
    code = session_code(file)
    for index, text in enumerate(pages):
        page = index % pages_per_ballot + 1
        assert f"Trang {page}/{pages_per_ballot}" in text
        if pages_per_ballot > 1:
            side = "mặt trước" if page % 2 else "mặt sau"
            assert f"Tờ {(page + 1) // 2}/{(pages_per_ballot + 1) // 2}, {side}" in text
            # the stamp's place on every front, not on the back of a sheet (issue 24, item 14)
            assert ("(Đóng dấu treo)" in text) == (side == "mặt trước")
        assert text.count(code) == 1  # the session code once per page (issue 24, item 14)
        assert "Họ và tên" in text and "Mức độ tín nhiệm" in text  # the table header on every page
    whole = " ".join(pages[:pages_per_ballot])
    for order in range(1, persons + 1):
        assert f"Chức vụ {order} " in whole + " "
    assert "Người ghi phiếu" in pages[pages_per_ballot - 1]


def test_one_paper_copies_and_refusals(make_file, tmp_path: Path):
    file = make_file(persons=3, locked=False)
    out = tmp_path / "phieu.pdf"
    assert render_ballots(file, out, key="lanh-dao", copies=3) == 3
    with pytest.raises(PhieuError, match="Không có loại phiếu"):
        render_ballots(file, tmp_path / "x.pdf", key="khong-co")
    with pytest.raises(PhieuError, match="Số bản"):
        render_ballots(file, tmp_path / "y.pdf", copies=0)
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.pdf").exists()


def test_no_confidence_ballot_has_two_boxes(make_file, tmp_path: Path):
    file = make_file(persons=3, locked=False, regime=Regime.NQ96_BPT)
    out = tmp_path / "phieu.pdf"
    render_ballots(file, out, copies=1)
    text = pdf_pages(out)[0]
    assert "Không tín nhiệm" in text and "Thấp" not in text


def test_ballots_are_placed_forms_and_render(make_file, tmp_path: Path):
    file = make_file(persons=30, locked=False)
    out = tmp_path / "phieu.pdf"
    render_ballots(file, out, copies=3)
    reader = PdfReader(str(out))
    xobjects = {name for page in reader.pages for name in page["/Resources"]["/XObject"]}
    assert len(xobjects) == 2  # two ballot pages drawn once each, placed on every copy
    images = render_png(out, tmp_path / "png")
    assert len(images) == len(reader.pages)


@pytest.mark.parametrize("regime", list(Regime))
def test_mark_boxes_come_from_the_drawn_geometry(make_file, regime: Regime):
    """BallotLayout.boxes: one box per person and level, inside the body, none overlapping, rows in order."""
    from phieu_desktop.documents.ballots import BallotLayout
    from phieu_desktop.documents.common import PAGE_HEIGHT, PAGE_WIDTH, margins

    file = make_file(persons=35, locked=False, regime=regime)
    paper = file.session.papers[0]
    ballot = BallotLayout(file.session, paper, "ABCD-1234")
    top, bottom, left, right = margins()
    seen = []
    for page in range(len(ballot.pages)):
        boxes = ballot.boxes(page)
        for box in boxes:
            assert left <= box.x and box.x + box.width <= PAGE_WIDTH - right + 0.01
            assert bottom <= box.y and box.y + box.height <= PAGE_HEIGHT - top
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert min(a.x + a.width, b.x + b.width) - max(a.x, b.x) <= 0.01 or \
                       min(a.y + a.height, b.y + b.height) - max(a.y, b.y) <= 0.01
        seen += [(box.person, box.level) for box in boxes]
    levels = [level.key for level in regime.levels]
    assert seen == [(person, level) for person in range(35) for level in levels]


def test_a_long_paper_gives_the_position_the_boxes_width_and_names_one_line():
    """Issue 24 item 14: a 45-person paper printed 6 pages of 7-8 persons, its position column 55 mm against 60 mm
    of boxes, names on 2 lines and positions on 4-5. The position column is now at least as wide as the boxes
    together, every name that fits the widest name column allowed stands on one line, and the paper takes two
    sheets (45 rows of at least 8.5 mm cannot fit the room of one sheet's two pages)."""
    from reportlab.lib.utils import simpleSplit

    from phieu_desktop.documents.ballots import BallotLayout
    from phieu_desktop.documents.common import style
    from phieu_desktop.domain.session import person_from_values
    from tests.conftest import make_session
    from tests.documents.test_layout import _paper

    names = ["Nguyễn Thị Hồng Nhung", "Đặng Quốc Kỳ", "Tôn Nữ Thị Phương Thảo", "Lê Văn Ưng", "Phạm Nguyễn Minh Khôi",
             "Hoàng Trọng Nghĩa Bảo Khánh Long Nguyễn Phước Vĩnh An Thái Bình Hưng Thịnh"]
    positions = ["Phó Giám đốc Sở Xây dựng", "Trưởng phòng Quản lý quy hoạch - kiến trúc, Sở Xây dựng",
                 "Phó Trưởng phòng Kế hoạch - Tài chính, Văn phòng Sở Tài nguyên và Môi trường", "Chánh Văn phòng Sở"]
    from dataclasses import replace

    people = tuple(person_from_values(names[i % len(names)], positions[i % len(positions)]) for i in range(45))
    session = make_session(papers=(replace(_paper("loai-1", 45), persons=people),))
    for regime in Regime:
        ballot = BallotLayout(replace(session, regime=regime), session.papers[0], "ABCD-1234")
        _order, name, position, *boxes = ballot.widths
        assert position >= sum(boxes) - 0.01, (regime, position, boxes)
        cell = style("ballot_cell")
        for person in people[:5]:  # every name but the one no column could hold
            assert len(simpleSplit(person.name, cell.fontName, cell.fontSize, name - 2 * ballot.PADDING)) == 1
        assert len(ballot.pages) <= 4
        for row in ballot.rows:
            assert row.height <= 4 * cell.leading + 8  # no row of 5 lines
        # the levels' headings on one line over their narrower boxes: the header no taller than before
        level = ballot._level_style()
        assert all(len(simpleSplit(ballot.words["levels"][lv.key], level.fontName, level.fontSize,
                                   boxes[0] - 2 * ballot.LEVEL_PADDING)) == 1 for lv in ballot.levels)
    forty = make_session(persons=40)  # one-line rows: one sheet, both sides, as with the 20 mm boxes
    assert len(BallotLayout(forty, forty.papers[0], "ABCD-1234").pages) == 2

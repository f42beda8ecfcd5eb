"""Reading marked ballots made from our own PDFs: known answers under scanner and phone conditions."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from phieu_desktop.documents.ballots import ballots_bytes
from phieu_desktop.documents.sheet_geometry import parse_payload
from phieu_desktop.scan.reading import read_sheet
from tests.scan.corpus import make_samples, render_blank


def _qr_texts(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def test_scannable_ballot_carries_its_code_and_plain_ballot_does_not(scan_session):
    file, template = scan_session(persons=30)
    plain, pages = ballots_bytes(file, "lanh-dao", 1)
    scannable, same_pages = ballots_bytes(file, "lanh-dao", 1, scannable=True)
    assert pages == same_pages == 2
    assert all(not _qr_texts(page) for page in render_blank(plain, 150))
    for number, page in enumerate(render_blank(scannable, 150), start=1):
        [text] = _qr_texts(page)
        code = parse_payload(text)
        assert code is not None
        assert (code.session_code, code.paper_key, code.sheet, code.sheets) == (
            template.session_code, "lanh-dao", number, 2)
        assert code.digest == template.sheet(number).digest
        assert "Nguyễn" not in text  # nothing but codes: every copy identical, nothing about a voter


def test_copies_are_identical(scan_session):
    file, _template = scan_session()
    data, pages = ballots_bytes(file, "lanh-dao", 3, scannable=True)
    first, *others = render_blank(data, 60)
    assert pages == 3 and all(other.tobytes() == first.tobytes() for other in others)


@pytest.mark.parametrize("condition", ["300dpi", "150dpi", "rotated", "jpeg60", "upside-down", "photo"])
def test_known_answers(scan_session, condition):
    """Every row is read right or flagged doubtful; nearly all are read right."""
    _file, template = scan_session(persons=8)
    samples = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, condition, 2, 11)
    right = rows = 0
    for sample in samples:
        reading = read_sheet(Image.open(io.BytesIO(sample.image)), template)
        assert reading.upside_down == (condition == "upside-down")
        for row in reading.rows:
            expected = sample.marks[row.person]
            rows += 1
            right += row.code == expected and not row.doubtful
            assert row.code == expected or row.doubtful, (condition, row, expected)
    assert rows == 16
    assert right >= 13  # the corpus has light pencil and resting pens: doubtful, for a person to look at


def test_each_kind_of_mark(scan_session):
    """X, tick, filled box, light pencil, several boxes, a crossed-out name, nothing: one ballot of each."""
    import random

    from tests.scan import corpus

    _file, template = scan_session(persons=6)
    levels = template.levels
    answer = [(levels[0], "x"), (levels[1], "tick"), (levels[2], "fill"), (levels[0], "pencil"), ("M", "x"),
              ("X", "cross")]
    page = render_blank(template.blank_pdf, 300)[0]
    marked = corpus.mark_sheet(page, template.sheet(1), answer, levels, 300, random.Random(3))
    reading = read_sheet(marked, template)
    codes = [row.code for row in reading.rows]
    assert codes == [code for code, _how in answer]
    empty = corpus.mark_sheet(page, template.sheet(1), [("0", "none")] * 6, levels, 300, random.Random(3))
    assert [row.code for row in read_sheet(empty, template).rows] == ["0"] * 6


@pytest.mark.parametrize("angle", [90, 270])
def test_a_sheet_on_its_side(scan_session, angle):
    """A landscape phone photo: the sheet lies on its side; it is read all the same."""
    _file, template = scan_session(persons=6)
    [sample] = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "200dpi", 1, 2)
    image = Image.open(io.BytesIO(sample.image)).rotate(angle, expand=True)
    reading = read_sheet(image, template)
    assert reading.upside_down
    assert [row.code for row in reading.rows] == list(sample.marks)

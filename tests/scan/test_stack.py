"""A scanned stack: sources (PNG, JPEG, TIFF, PDF, folders), multi-sheet ballots in order, and every refusal named
by file and page."""

from __future__ import annotations

import io

from PIL import Image

from phieu_desktop.scan.sources import pages
from phieu_desktop.scan.stack import read_stack
from tests.scan.conftest import write_samples
from tests.scan.corpus import make_samples


def _samples(template, count, condition="200dpi", seed=5):
    return make_samples(template.blank_pdf, template.sheets, template.levels, template.width, condition, count, seed)


def test_multi_sheet_ballots_read_in_order(scan_session, tmp_path):
    _file, template = scan_session(persons=30)
    samples = _samples(template, 2)
    assert [s.sheet for s in samples] == [1, 2, 1, 2]
    stack = read_stack(pages(write_samples(tmp_path / "quet", samples)), template)
    assert stack.problems == []
    assert [len(b.marks) for b in stack.ballots] == [30, 30]
    for ballot, sample in zip(stack.ballots, samples[::2]):
        assert all(a == b or person in ballot.doubtful
                   for person, (a, b) in enumerate(zip(ballot.marks, sample.marks)))


def test_folder_pdf_and_tiff_pages(scan_session, tmp_path):
    _file, template = scan_session(persons=6)
    samples = _samples(template, 3, "150dpi")
    images = [Image.open(io.BytesIO(s.image)).convert("L") for s in samples]
    folder = tmp_path / "may-quet"
    folder.mkdir()
    images[0].save(folder / "a.pdf", save_all=True, append_images=images[1:2], resolution=150)
    images[2].save(folder / "b.tif", save_all=True, append_images=[images[2].rotate(180)])
    stack = read_stack(pages([folder]), template)
    wheres = [s.page.where for b in stack.ballots for s in b.sheets]
    assert wheres == ["a.pdf, trang 1", "a.pdf, trang 2", "b.tif, trang 1", "b.tif, trang 2"]
    assert stack.ballots[3].sheets[0].reading.upside_down
    assert stack.problems == []


def test_refusals_name_file_and_page(scan_session, tmp_path):
    _file, template = scan_session(persons=30)
    _other_file, other = scan_session(persons=30, name="khac.phieu", title="Hội nghị khác")
    ours, theirs = _samples(template, 3), _samples(other, 1)
    blank = io.BytesIO()
    Image.new("L", (1240, 1754), 255).save(blank, "PNG")
    folder = tmp_path / "xap"
    # 1: ballot 1 sheet 1+2; 3: a foreign sheet; 4: a white page; 5: ballot 2 sheet 1 twice in a row (same sheet
    # of another copy: identical print, different marks); 7: ballot 2 sheet 2; 8: ballot 3 sheet 2 (sheet 1 lost)
    order = [ours[0], ours[1], theirs[0], None, ours[2], ours[4], ours[3], ours[5]]
    paths = []
    folder.mkdir()
    for index, sample in enumerate(order, start=1):
        path = folder / f"p{index}.png"
        path.write_bytes(blank.getvalue() if sample is None else sample.image)
        paths.append(path)
    paths.append(paths[0])  # the very same image again
    stack = read_stack(pages(paths), template)
    assert len(stack.ballots) == 2
    problems = stack.problems
    assert len(problems) == 5, problems
    assert problems[0].startswith("p3.png, trang 1: phiếu của một phiên khác")
    assert problems[1].startswith("p4.png, trang 1: không thấy phiếu trong ảnh")
    assert problems[2].startswith("p6.png, trang 1: phiếu thứ 2 thiếu tờ 2/2")
    assert problems[3].startswith("p8.png, trang 1: gặp tờ 2/2 khi chờ tờ 1")
    assert problems[4].startswith("p1.png, trang 1: ảnh này đã quét rồi")


def test_missing_last_sheet_and_sheet_twice(scan_session, tmp_path):
    _file, template = scan_session(persons=30)
    samples = _samples(template, 1)
    paths = write_samples(tmp_path / "a", [samples[0]])
    stack = read_stack(pages(paths), template)
    assert stack.ballots == []
    assert stack.problems == ["trang-001.png, trang 1: phiếu thứ 1 thiếu tờ 2/2 ở cuối xấp; phiếu đó chưa được đọc."]
    rescanned = io.BytesIO()
    Image.open(io.BytesIO(samples[1].image)).save(rescanned, "JPEG", quality=90)  # the same paper, scanned again
    other = _samples(template, 1, seed=6)[1]  # sheet 2 of another voter's ballot
    folder = tmp_path / "b"
    folder.mkdir()
    for name, data in (("1.png", samples[0].image), ("2.png", samples[1].image), ("3.jpg", rescanned.getvalue()),
                       ("4.png", other.image)):
        (folder / name).write_bytes(data)
    stack = read_stack(pages([folder]), template)
    assert len(stack.ballots) == 1
    assert stack.problems == ["3.jpg, trang 1: tờ 2/2 quét hai lần liền nhau (giống 2.png, trang 1); bỏ qua.",
                              "4.png, trang 1: gặp tờ 2/2 khi chờ tờ 1 của một phiếu mới; thiếu tờ 1."]


def test_a_ballot_printed_from_another_layout_is_refused_and_says_why(scan_session, tmp_path):
    """A sheet whose QR carries another layout's digest (printed before the list changed, or by another version of
    the program: issue 24 made the boxes 16 mm) is never read by this layout's boxes: refused, naming the page and
    both causes, to be entered by hand."""
    from dataclasses import replace

    _file, template = scan_session(persons=6)
    samples = _samples(template, 1)
    moved = [replace(sheet, rows=tuple(replace(row, boxes=tuple(replace(box, x=box.x + 4) for box in row.boxes))
                                       for row in sheet.rows)) for sheet in template.sheets]
    stack = read_stack(pages(write_samples(tmp_path / "quet", samples)), replace(template, sheets=moved))
    assert stack.ballots == []
    assert len(stack.problems) == 1
    assert stack.problems[0].startswith("trang-001.png, trang 1: phiếu được in từ một bố cục khác")
    assert "phiên bản khác của chương trình" in stack.problems[0]

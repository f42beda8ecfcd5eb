"""One page that cannot be read never stops the stack: it is set aside by name with its reason, the rest is read.
And a noisy colour scan whose QR code zxing-cpp can read is not refused."""

from __future__ import annotations

import json

from PIL import Image, ImageChops

from phieu_desktop.cli import main
from phieu_desktop.scan.reading import straightened
from phieu_desktop.scan.sources import pages
from phieu_desktop.scan.stack import read_stack
from phieu_desktop.scanning import images_folder
from tests.scan.conftest import write_samples
from tests.scan.corpus import make_samples, render_blank


def test_a_page_that_cannot_be_read_is_set_aside_and_the_rest_is_read(scan_session, tmp_path, capsys):
    file, template = scan_session(persons=6)
    _other_file, other = scan_session(persons=6, name="khac.phieu", title="Hội nghị khác")
    path = file.path
    file.close()
    good = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "300dpi", 3, 8)
    foreign = make_samples(other.blank_pdf, other.sheets, other.levels, other.width, "300dpi", 1, 8)
    folder = tmp_path / "quet"
    paths = write_samples(folder, [good[0], foreign[0], good[1], good[2]])
    (folder / "trang-002b.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    out = tmp_path / "doc.json"
    code = main(["scan", str(path), "--paper", "lanh-dao", str(folder), "-o", str(out)])
    _stdout, err = capsys.readouterr()
    assert code == 0, err
    readings = json.loads(out.read_text(encoding="utf-8"))
    assert [b["read"] for b in readings["ballots"]] == [s.marks for s in good]
    assert [(a["file"], a["page"]) for a in readings["set_aside"]] == [("trang-002.png", 1), ("trang-002b.png", 0)]
    assert "phiếu của một phiên khác" in readings["set_aside"][0]["reason"]
    assert "trang-002b.png" in readings["set_aside"][1]["reason"]
    assert err.count("Để riêng: ") == 2 and "Traceback" not in err
    kept = {p.name.split(".")[0] for p in images_folder(file).iterdir()}
    assert len(kept) == 3  # only the pages read are kept
    assert paths[1].exists()


def test_the_stack_reader_hands_each_page_set_aside_in_order(scan_session, tmp_path):
    _file, template = scan_session(persons=6)
    good = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "200dpi", 2, 3)
    folder = tmp_path / "quet"
    write_samples(folder, good)
    (folder / "trang-001b.pdf").write_bytes(b"%PDF-1.4 not really")
    stack = read_stack(pages([folder]), template)
    assert [b.marks for b in stack.ballots] == [s.marks for s in good]
    assert [(s.file, s.page) for s in stack.set_aside] == [("trang-001b.pdf", 0)]
    assert stack.problems == ["trang-001b.pdf: không đọc được tệp PDF này."]


def test_a_noisy_colour_scan_is_read(scan_session):
    """Issue 27, item 4: sensor noise on a colour render made the QR unreadable as straightened, although zxing-cpp
    reads it once the noise is smoothed."""
    _file, template = scan_session(persons=6)
    page = render_blank(template.blank_pdf, 300, colour=True)[0]
    for _try in range(4):
        noise = Image.merge("RGB", [Image.effect_noise(page.size, 85) for _band in range(3)])
        _canonical, text, upside_down = straightened(ImageChops.add(page, noise, 1.0, -128))
        assert text.startswith("PT1:") and not upside_down

"""Hostile readings files (`phieu enter --readings`, `phieu check --readings`) and hostile scanner files (`phieu
scan`, the stack reader): each is refused in one Vietnamese line, or set aside by name with a Vietnamese reason;
never a traceback, a Python warning, English words or the catch-all, and nothing entered.

Issue 21, items 9 and 10. The wrongly-accepted count of each door is what the program did: an input counts as
wrongly accepted when the command entered something, exited otherwise than 1, or said it otherwise than in one
Vietnamese line."""

from __future__ import annotations

import io
import json
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from phieu_desktop.domain import limits
from phieu_desktop.scan.sources import pages
from phieu_desktop.scan.stack import read_stack
from phieu_desktop.scanning import images_folder, paper_template
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.hostile.helpers import phieu_here, record
from tests.scan.conftest import write_samples
from tests.scan.corpus import make_samples

VIETNAMESE = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
ENGLISH = ("truncated", "Decompression", "Error", "error", "Traceback", "image file", "Warning", "cannot")


def _clean_line(text: str) -> bool:
    return any(ch in text for ch in VIETNAMESE) and not any(word in text for word in ENGLISH)


def _refused(run) -> bool:
    lines = run.stderr.strip().splitlines()
    return (run.returncode == 1 and len(lines) == 1 and lines[0].startswith("phieu: ") and _clean_line(lines[0])
            and "lỗi không mong đợi" not in lines[0])


@pytest.fixture
def scanned(tmp_path):
    """A session with one ballot scanned (its image kept) and the readings file `phieu scan` wrote."""
    path = tmp_path / "phien.phieu"
    with SessionFile.create(path, make_session(persons=6)) as file:
        template = paper_template(file, "lanh-dao")
    samples = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "300dpi", 1, 5)
    scans = write_samples(tmp_path / "quet", samples)
    out = tmp_path / "doc.json"
    run = phieu_here("scan", path, "--paper", "lanh-dao", *scans, "-o", out)
    assert run.returncode == 0, run.stderr
    readings = json.loads(out.read_text(encoding="utf-8"))
    for ballot in readings["ballots"]:
        ballot["confirmed"] = True
    return path, readings


def _hostile_readings(readings: dict, kept: list[str]) -> dict[str, bytes]:
    """Name -> bytes of a readings file an attacker (or a broken tool) could hand over."""
    def variant(change) -> bytes:
        data = json.loads(json.dumps(readings))
        change(data)
        return json.dumps(data).encode()

    good_digest = readings["ballots"][0]["pages"][0]["sha256"]
    other_digest = kept[0][:63] + "?"  # globbing `{digest}.*` found the kept image under another name
    digits = "9" * 5000
    text = json.dumps(readings)
    return {
        "nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
        "nested inside the ballots": text.replace('"ballots": [', '"ballots": [' + "[" * 100_000 + "]" * 100_000
                                                  + ",", 1).encode(),
        "a 5,000-digit integer": text.replace('"index": 1', f'"index": {digits}', 1).encode(),
        "a 5,000-digit persons count": text.replace('"persons": 6', f'"persons": {digits}', 1).encode(),
        "sha256 of 64 *": variant(lambda d: d["ballots"][0]["pages"][0].update(sha256="*" * 64)),
        "sha256 ending in ?": variant(lambda d: d["ballots"][0]["pages"][0].update(sha256=other_digest)),
        "sha256 in capitals": variant(lambda d: d["ballots"][0]["pages"][0].update(sha256=good_digest.upper())),
        "sha256 with a path": variant(lambda d: d["ballots"][0]["pages"][0].update(
            sha256="../" + good_digest[3:])),
        "sha256 as a list": variant(lambda d: d["ballots"][0]["pages"][0].update(sha256=[good_digest])),
        "sha256 as a number": variant(lambda d: d["ballots"][0]["pages"][0].update(sha256=1e308)),
        "marks as a list": variant(lambda d: d["ballots"][0].update(marks=list("CTLCTL"))),
        "marks of a million characters": variant(lambda d: d["ballots"][0].update(marks="C" * 1_000_000)),
        "read as an object": variant(lambda d: d["ballots"][0].update(read={"a": 1})),
        "pages as an object": variant(lambda d: d["ballots"][0].update(pages={"sha256": good_digest})),
        "a page as a string": variant(lambda d: d["ballots"][0].update(pages=[good_digest])),
        "ballots as a string": variant(lambda d: d.update(ballots="CTLCTL")),
        "no format": variant(lambda d: d.pop("format")),
        "paper as a huge object": variant(lambda d: d.update(paper={"x": "y" * 100_000})),
        "NaN as the index": text.replace('"index": 1', '"index": NaN', 1).encode(),
        "a top-level array": b"[1, 2, 3]",
        "not UTF-8": b"\xff\xfe\x00{",
        "empty": b"",
    }


@pytest.mark.parametrize("command", ["enter", "check"])
def test_hostile_readings_files_are_refused_in_one_line(scanned, tmp_path, command):
    path, readings = scanned
    kept = sorted(p.name.split(".")[0] for p in images_folder_of(path).iterdir())
    # a second kept image whose name shares the first 63 digits' glob: the `?` would find it
    shutil_copy_kept(path, kept)
    if command == "check":  # the second pass needs first entries; typed, so no image is a first entry's
        with SessionFile.open(path) as file:
            file.add_ballots("lanh-dao", [readings["ballots"][0]["read"]])
    inputs = _hostile_readings(readings, kept)
    wrong = []
    for name, data in inputs.items():
        target = tmp_path / f"{command}-{len(wrong)}-{abs(hash(name))}.json"
        target.write_bytes(data)
        with SessionFile.open(path) as file:
            before = (file.entered("lanh-dao"), len(file.checks("lanh-dao")))
        run = phieu_here(command, path, "--ballot", "lanh-dao", "--readings", target)
        with SessionFile.open(path) as file:
            after = (file.entered("lanh-dao"), len(file.checks("lanh-dao")))
        if not _refused(run) or after != before:
            wrong.append((name, run.returncode, run.stderr[-300:]))
    record(f"readings (phieu {command} --readings)", len(inputs), len(wrong))
    assert wrong == []


def images_folder_of(path: Path) -> Path:
    with SessionFile.open(path) as file:
        return images_folder(file)


def shutil_copy_kept(path: Path, kept: list[str]) -> None:
    """A file in the images folder named like a kept image but for its last digit."""
    folder = images_folder_of(path)
    source = next(folder.iterdir())
    last = "0" if kept[0][-1] != "0" else "1"
    (folder / f"{kept[0][:63]}{last}.png").write_bytes(source.read_bytes())


# --- scanner files ---


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")


def _tiff(frames: list[tuple[int, int, bytes]]) -> bytes:
    """A little-endian grey TIFF: (declared width, declared height, pixel bytes) per frame, uncompressed."""
    out = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for index, (width, height, pixels) in enumerate(frames):
        ifd = len(out)
        entries = 8
        data_at = ifd + 2 + entries * 12 + 4
        next_ifd = 0 if index == len(frames) - 1 else data_at + len(pixels)
        tags = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, data_at),
                (278, 4, height), (279, 4, len(pixels))]
        out += struct.pack("<H", entries)
        for tag, kind, value in tags:
            out += struct.pack("<HHII", tag, kind, 1, value) if kind == 4 else struct.pack("<HHIHH", tag, kind, 1,
                                                                                          value, 0)
        out += struct.pack("<I", next_ifd) + pixels
    return bytes(out)


def _pdf(pages_: int, size: float) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(size, size))
    for _page in range(pages_):
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_hostile_scanner_files_are_refused_or_set_aside_in_vietnamese(tmp_path):
    path = tmp_path / "phien.phieu"
    with SessionFile.create(path, make_session(persons=6)) as file:
        template = paper_template(file, "lanh-dao")
    [good] = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "200dpi", 1, 2)
    small = Image.new("L", (40, 30), 255).tobytes()
    limit = "giới hạn"  # a size refused by name before the work, not after rendering or reading it whole
    inputs: dict[str, tuple[str, bytes | None, str]] = {
        # name: (file name, bytes or None for a sparse file made below, words the message must hold)
        "a PDF page of 200 x 200 inches": ("lon.pdf", _pdf(1, 200 * 72), limit),
        "a TIFF whose second frame declares 60000 x 60000": ("khung.tif", _tiff([(40, 30, small),
                                                                                 (60000, 60000, small)]), ""),
        "a TIFF whose second frame is cut short": ("cut.tif", _tiff([(40, 30, small), (400, 300, small[:50])]), ""),
        "a PNG declaring 15000 x 15000": ("to.png", _png_header(15000, 15000), limit),
        "a PNG declaring 100000 x 100000": ("bom.png", _png_header(100000, 100000), limit),
        f"a PDF of {limits.MAX_SCAN_PAGES + 1} pages": ("nhieu.pdf", _pdf(limits.MAX_SCAN_PAGES + 1, 100), limit),
        "a 4 GB sparse .png": ("thua.png", None, limit),
        "a JPEG cut short": ("hong.jpg", good.image[:200] if good.suffix == ".jpg" else _jpeg_cut(), ""),
        "a PDF that is not one": ("gia.pdf", b"%PDF-1.7\n" + b"\0" * 1000, ""),
    }
    wrong = []
    for name, (file_name, data, words) in inputs.items():
        folder = tmp_path / f"f{len(wrong)}-{file_name}"
        folder.mkdir()
        target = folder / file_name
        if data is None:
            with open(target, "wb") as handle:
                handle.truncate(4 * 1024 ** 3)
        else:
            target.write_bytes(data)
        good_path = folder / "z-tot.png"
        good_path.write_bytes(good.image)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            alone = phieu_here("scan", path, "--paper", "lanh-dao", target)
            with_good = phieu_here("scan", path, "--paper", "lanh-dao", target, good_path)
        stderr_lines = with_good.stderr.strip().splitlines()
        # alone: refused in one line; beside a good page: either the whole command refused before the work (a limit
        # that holds for the stack) or the bad page set aside by name and the good ballot read
        set_aside = with_good.returncode == 0 and json.loads(with_good.stdout)["ballots"] != [] and all(
            _clean_line(line) and file_name in line for line in stderr_lines) and len(stderr_lines) >= 1
        refused_before = _refused(with_good) and file_name in with_good.stderr
        if not _refused(alone) or file_name not in alone.stderr or words not in alone.stderr \
                or not (set_aside or refused_before) or [
                w for w in caught if "PIL" in str(w.filename) or "Image" in str(w.category.__name__)]:
            wrong.append((name, alone.returncode, alone.stderr[-300:], with_good.returncode, with_good.stderr[-300:]))
        target.unlink()
    record("scanner files (phieu scan)", len(inputs), len(wrong))
    assert wrong == []


def _jpeg_cut() -> bytes:
    out = io.BytesIO()
    Image.new("L", (400, 300), 200).save(out, "JPEG")
    return out.getvalue()[:300]


def test_a_broken_frame_is_set_aside_and_the_rest_of_the_stack_read(tmp_path):
    """The page generator itself never raises: a TIFF frame too large or cut short is one page set aside."""
    path = tmp_path / "phien.phieu"
    with SessionFile.create(path, make_session(persons=6)) as file:
        template = paper_template(file, "lanh-dao")
    samples = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "200dpi", 2, 4)
    scans = write_samples(tmp_path / "quet", samples)
    small = Image.new("L", (40, 30), 255).tobytes()
    bad = tmp_path / "quet" / "trang-001b.tif"
    bad.write_bytes(_tiff([(40, 30, small), (60000, 60000, small), (400, 300, small[:50])]))
    stack = read_stack(pages([tmp_path / "quet"]), template)
    assert [b.marks for b in stack.ballots] == [s.marks for s in samples]
    reasons = {(s.file, s.page): s.reason for s in stack.set_aside}
    assert set(reasons) == {("trang-001b.tif", 1), ("trang-001b.tif", 2), ("trang-001b.tif", 3)}
    assert "ảnh quá lớn (60000 × 60000 điểm ảnh)" in reasons[("trang-001b.tif", 2)]
    assert "ảnh bị hỏng" in reasons[("trang-001b.tif", 3)]
    assert all(_clean_line(r) for r in reasons.values()), reasons
    assert len(scans) == 2

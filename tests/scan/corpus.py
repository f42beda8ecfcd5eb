"""A corpus of marked, scanned and photographed ballots made from our own PDFs, with the known answer of each.

Used by the tests (a small part) and by benchmarks/bench_scan.py (all of it). Deterministic for a given seed."""

from __future__ import annotations

import dataclasses
import io
import math
import random
from dataclasses import dataclass

import pypdfium2
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from phieu_desktop.documents.sheet_geometry import Rect, SheetGeometry

STYLES = ("x", "tick", "fill", "pencil", "light-pencil")
CONDITIONS = ("300dpi", "200dpi", "150dpi", "rotated", "scaled", "noise", "colour-noise", "jpeg60", "soft", "pale",
              "upside-down", "photo")
COLOUR = ("colour-noise",)  # rendered in colour (RGB), the pen blue

# Positions of every length a real list has: one line, wrapped to two, wrapped to three (rows of every height).
POSITIONS = (
    "Giám đốc Sở",
    "Phó Giám đốc Sở, phụ trách lĩnh vực tài chính ngân sách",
    "Phó Giám đốc Sở, phụ trách lĩnh vực tài chính ngân sách, quản lý giá và công sản, kiêm Chánh Văn phòng Sở, "
    "Trưởng ban chỉ đạo chuyển đổi số của Sở",
    "Chánh Thanh tra Sở",
    "Trưởng phòng Quản lý ngân sách, kiêm Phó Chánh Văn phòng",
)
LONG_NAMES = ("Nguyễn Thị Hoàng Phương Thảo Nguyên", "Tôn Nữ Thị Ngọc Bích Hạnh Dung")


def layout_matrix():
    """(name, session) for every ballot layout a scanner meets: one-line rows on one sheet (state header), rows of
    one to six lines on a two-sheet ballot (party header, long names), the no-confidence paper's wide boxes with
    wrapped rows."""
    from phieu_desktop.domain.regime import Header, Regime
    from phieu_desktop.domain.session import person_from_values
    from tests.conftest import make_session

    def paper(session, persons):
        first = session.papers[0]
        return dataclasses.replace(session, papers=(dataclasses.replace(first, persons=persons),))

    short = make_session(persons=12)
    base = make_session(persons=30, header=Header.PARTY)
    wrapped = paper(base, tuple(
        person_from_values(f"{LONG_NAMES[i % 2]} {i}" if i % 7 == 3 else p.name,
                           POSITIONS[(i * 3 + i // 5) % len(POSITIONS)])
        for i, p in enumerate(base.papers[0].persons)))
    bpt_base = make_session(regime=Regime.NQ96_BPT, persons=8)
    bpt = paper(bpt_base, tuple(person_from_values(p.name, POSITIONS[i % len(POSITIONS)])
                                for i, p in enumerate(bpt_base.papers[0].persons)))
    return [("1-dòng", short), ("1-6 dòng, 2 tờ", wrapped), ("không tín nhiệm", bpt)]


@dataclass
class Sample:
    image: bytes
    suffix: str
    marks: str  # the known answer, whole ballot (every sheet)
    condition: str
    sheet: int


def render_blank(pdf: bytes, dpi: int, colour: bool = False) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].render(scale=dpi / 72, grayscale=not colour).to_pil().convert("RGB" if colour else "L")
                for i in range(len(document))]
    finally:
        document.close()


def random_answer(rng: random.Random, width: int, levels: tuple[str, ...]) -> list[tuple[str, str]]:
    """(code, how) per person: mostly one level, sometimes none, several or a crossed-out name."""
    out = []
    for _ in range(width):
        roll = rng.random()
        if roll < 0.80:
            out.append((rng.choice(levels), rng.choice(STYLES)))
        elif roll < 0.86:
            out.append(("0", "none"))
        elif roll < 0.88:  # a pen rested on a box: not a mark, and not sure enough to be called blank either
            out.append(("0", "dot"))
        elif roll < 0.95:
            out.append(("M", rng.choice(STYLES)))
        else:
            out.append(("X", "cross"))
    return out


def mark_sheet(page: Image.Image, sheet: SheetGeometry, answer: list[tuple[str, str]], levels: tuple[str, ...],
               dpi: int, rng: random.Random) -> Image.Image:
    image = page.copy()
    draw = ImageDraw.Draw(image)
    k = dpi / 25.4
    for row in sheet.rows:
        code, how = answer[row.person]
        if code in levels:
            _mark(draw, row.boxes[levels.index(code)], how, k, rng)
        elif code == "M":
            for index in rng.sample(range(len(row.boxes)), 2):
                _mark(draw, row.boxes[index], how, k, rng)
        elif code == "0" and how == "dot":
            _mark(draw, row.boxes[len(row.boxes) // 2], "dot", k, rng)
        elif code == "X":
            _cross_out(draw, row.name, k, rng)
            if rng.random() < 0.5:
                _mark(draw, row.boxes[rng.randrange(len(row.boxes))], "x", k, rng)
        if rng.random() < 0.15:  # a stray mark outside the boxes (beside the name, in the order column)
            x = row.name.x - rng.uniform(2, 7)
            y = row.name.y + rng.uniform(2, row.name.h - 2)
            draw.ellipse([x * k, y * k, (x + 1.2) * k, (y + 1.2) * k], fill=_ink(draw, 40))
    return image


def _ink(draw: ImageDraw.ImageDraw, grey: int):
    """A grey level as the pen draws it: grey on a grey page, a blue pen (or a grey pencil) on a colour one."""
    if draw.mode != "RGB":
        return grey
    if grey >= 100:  # pencil stays grey
        return (grey, grey, grey)
    return (grey // 2, grey // 2, min(255, grey + 120))


def _line(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], k: float, width_mm: float, grey: int) -> None:
    draw.line([(x * k, y * k) for x, y in points], fill=_ink(draw, grey), width=max(1, round(width_mm * k)),
              joint="curve")


def _mark(draw: ImageDraw.ImageDraw, box: Rect, how: str, k: float, rng: random.Random) -> None:
    j = lambda: rng.uniform(-0.8, 0.8)  # noqa: E731 (a hand is not a ruler)
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    hw, hh = min(box.w, box.h * 1.4) / 2 - 2.2, box.h / 2 - 2.0
    if how in ("x", "pencil", "light-pencil"):
        grey, width = {"x": (30, 0.5), "pencil": (150, 0.4), "light-pencil": (175, 0.35)}[how]
        _line(draw, [(cx - hw + j(), cy - hh + j()), (cx + hw + j(), cy + hh + j())], k, width, grey)
        _line(draw, [(cx - hw + j(), cy + hh + j()), (cx + hw + j(), cy - hh + j())], k, width, grey)
    elif how == "tick":
        _line(draw, [(cx - hw * 0.6 + j(), cy + j() * 0.3), (cx - hw * 0.15, cy + hh + j() * 0.3),
                     (cx + hw * 0.8 + j(), cy - hh + j() * 0.3)], k, 0.5, 30)
    elif how == "dot":  # a pen rested on the box: a person has to say what it is
        draw.ellipse([(cx - 0.5) * k, (cy - 0.5) * k, (cx + 0.5) * k, (cy + 0.5) * k], fill=_ink(draw, 60))
    elif how == "fill":
        draw.rectangle([(box.x + 2.0) * k, (box.y + 1.8) * k, (box.x + box.w - 2.0) * k, (box.y + box.h - 1.8) * k],
                       fill=_ink(draw, 45))


def _cross_out(draw: ImageDraw.ImageDraw, name: Rect, k: float, rng: random.Random) -> None:
    y0 = name.y + name.h / 2 + rng.uniform(-1.0, 1.0)
    y1 = y0 + rng.uniform(-1.5, 1.5)
    _line(draw, [(name.x + 1.0, y0), (name.x + name.w * rng.uniform(0.75, 0.95), y1)], k, 0.5, 30)


def distort(image: Image.Image, condition: str, rng: random.Random) -> tuple[bytes, str]:
    """The marked page as a scanner or a phone would hand it over: (file bytes, suffix)."""
    if condition == "rotated":
        image = image.rotate(rng.choice((-1, 1)) * rng.uniform(2.0, 5.0), Image.Resampling.BILINEAR, expand=True,
                             fillcolor=255)
    elif condition == "scaled":  # printed with "fit to page" (94 %), scanned at 300 dpi
        small = image.resize((round(image.width * 0.94), round(image.height * 0.94)), Image.Resampling.LANCZOS)
        page = Image.new("L", image.size, 255)
        page.paste(small, ((image.width - small.width) // 2, (image.height - small.height) // 2))
        image = page
    elif condition == "noise":
        noise = Image.effect_noise(image.size, 14)
        image = ImageChops.add(image, noise, 1.0, -128)
    elif condition == "colour-noise":  # a colour scan with mild sensor noise in every channel (sigma 12)
        noise = Image.merge("RGB", [Image.effect_noise(image.size, 12) for _band in range(3)])
        image = ImageChops.add(image, noise, 1.0, -128)
    elif condition == "soft":  # a worn scanner: blurred by 0.15 mm
        image = image.filter(ImageFilter.GaussianBlur(0.15 * 200 / 25.4))
    elif condition == "pale":  # a printer short of toner, a scanner set too bright: black comes out grey
        image = image.point(lambda v: min(255, int(v * 0.65 + 95)))
    elif condition == "upside-down":
        image = image.rotate(180 + rng.uniform(-1.5, 1.5), Image.Resampling.BILINEAR, fillcolor=255)
    elif condition == "photo":
        image = _photo(image, rng)
        return _jpeg(image, 85), ".jpg"
    if condition == "jpeg60":
        return _jpeg(image, 60), ".jpg"
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue(), ".png"


def _photo(page: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo: the sheet on a dark desk, seen at an angle, lit from one side (the light's turned corners
    leave a hard-edged shadow across some sheets, like a hand's), a little soft."""
    w, h = page.size
    out_w, out_h = round(w * 1.15), round(h * 1.12)
    corners = [(0.06, 0.05), (0.94, 0.05), (0.94, 0.95), (0.06, 0.95)]
    dest = [((cx + rng.uniform(-0.04, 0.04)) * out_w, (cy + rng.uniform(-0.03, 0.03)) * out_h) for cx, cy in corners]
    from phieu_desktop.scan.geometry import homography

    to_page = homography(dest, [(0, 0), (w, 0), (w, h), (0, h)])
    mask = Image.new("L", page.size, 255)
    warped = page.transform((out_w, out_h), Image.Transform.PERSPECTIVE, to_page, Image.Resampling.BILINEAR,
                            fillcolor=0)
    inside = mask.transform((out_w, out_h), Image.Transform.PERSPECTIVE, to_page, Image.Resampling.BILINEAR,
                            fillcolor=0)
    desk = Image.new("L", (out_w, out_h), 55)
    image = Image.composite(warped, desk, inside)
    light = Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize((out_w, out_h))
    light = light.point(lambda v: int(160 + v * 95 / 255))  # 63 % to 100 % of full light
    image = ImageChops.multiply(image, light)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def dpi_of(condition: str) -> int:
    return {"200dpi": 200, "150dpi": 150, "soft": 200}.get(condition, 300 if condition != "photo" else 250)


def make_samples(pdf: bytes, sheets: list[SheetGeometry], levels: tuple[str, ...], width: int, condition: str,
                 ballots: int, seed: int) -> list[Sample]:
    """`ballots` ballots (every sheet of each) under one condition, with their known answers."""
    rng = random.Random(f"{seed}-{condition}")
    blank = render_blank(pdf, dpi_of(condition), condition in COLOUR)
    samples = []
    for _ in range(ballots):
        answer = random_answer(rng, width, levels)
        marks = "".join(code for code, _how in answer)
        for sheet, page in zip(sheets, blank):
            marked = mark_sheet(page, sheet, answer, levels, dpi_of(condition), rng)
            data, suffix = distort(marked, condition, rng)
            samples.append(Sample(data, suffix, marks, condition, sheet.sheet))
    return samples


__all__ = ["CONDITIONS", "Sample", "layout_matrix", "make_samples", "math"]

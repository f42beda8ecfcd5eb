"""One sheet read: straighten it, check its QR code against the paper, measure the ink in every box.

Each row gets one entry code (a level's code, `0` none, `M` several, `X` name crossed out) and a confidence;
a row whose ink sits between "clearly empty" and "clearly marked" is doubtful and a person must look at it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageFilter

from ..documents.sheet_geometry import Rect, SheetCode, SheetGeometry, marker_centres, parse_payload
from ..domain.marks import CROSSED_OUT, MULTIPLE, NO_MARK
from .geometry import CANON_PX_PER_MM, homography, straighten
from .markers import find_markers
from .qr import read_qr
from .template import PaperTemplate

BOX_INSET_MM = 1.3  # keeps the printed grid lines out of the measure
NAME_INSET_MM = 0.8
# Share of a box's inner area covered by ink: at most EMPTY is blank, at least MARKED is a mark, between: doubtful.
EMPTY, MARKED = 0.004, 0.012
# Ink added in the name cell (scan minus the blank sheet), share of the cell: CROSSED or more is a crossed-out name.
NAME_CLEAN, CROSSED = 0.008, 0.018
PAPER_FLOOR = 0.88  # darkness is counted below this share of the paper's shade (paper grain, noise)
WORKING_PX_PER_MM = 6.5  # larger images are reduced (an integer factor) before anything else


class NoBallot(Exception):
    """Not a ballot sheet of ours: no markers, or no readable QR code."""


class SheetMismatch(Exception):
    """A ballot sheet, but of another session or paper, or printed from another layout."""

    def __init__(self, message: str, code: SheetCode | None = None) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class RowReading:
    person: int
    code: str
    confidence: float  # 0..1; below 0.5 the row is doubtful
    ink: tuple[float, ...]  # per box, share of its area
    added: float  # ink added in the name cell

    @property
    def doubtful(self) -> bool:
        return self.confidence < 0.5


@dataclass
class SheetReading:
    code: SheetCode
    rows: list[RowReading]
    upside_down: bool
    image: Image.Image  # the straightened sheet, upright (for the person who confirms it)


def straightened(image: Image.Image) -> tuple[Image.Image, str, bool]:
    """The upright canonical sheet, its QR text and whether it was upside down; raises NoBallot."""
    grey = image.convert("L")
    factor = int(max(grey.size) / 297.0 / WORKING_PX_PER_MM)
    if factor > 1:
        grey = grey.reduce(factor)
    found = find_markers(grey)
    if found is None:
        raise NoBallot("markers")
    k = CANON_PX_PER_MM
    page = [(x * k, y * k) for x, y in marker_centres()]
    try:
        to_image = homography(page, found)
    except ValueError:
        raise NoBallot("markers") from None
    canonical = straighten(grey, to_image)
    qr = read_qr(canonical)
    if qr is None:
        raise NoBallot("qr")
    text, upside_down = qr
    if upside_down:
        canonical = canonical.transpose(Image.Transpose.ROTATE_180)
    return canonical, text, upside_down


def read_sheet(image: Image.Image, template: PaperTemplate) -> SheetReading:
    canonical, text, upside_down = straightened(image)
    code = parse_payload(text)
    if code is None:
        raise NoBallot("qr")
    if code.session_code != template.session_code.upper() or code.paper_key != template.paper_key:
        raise SheetMismatch("paper", code)
    if code.sheets != len(template.sheets) or code.digest != template.sheet(code.sheet).digest:
        raise SheetMismatch("layout", code)
    geometry = template.sheet(code.sheet)
    rows = measure(canonical, template.blank(code.sheet), geometry, template.levels)
    return SheetReading(code, rows, upside_down, canonical)


def measure(canonical: Image.Image, blank: Image.Image, geometry: SheetGeometry,
            levels: tuple[str, ...]) -> list[RowReading]:
    """Every row of one straightened sheet; `levels` are the level codes in printed order."""
    paper = _paper_map(canonical)
    blank_paper = _paper_map(blank)
    readings = []
    for row in geometry.rows:
        ink = tuple(_ink(canonical, box.inset(BOX_INSET_MM), _shade(paper, box)) for box in row.boxes)
        cell = row.name.inset(NAME_INSET_MM)
        added = max(0.0, _ink(canonical, cell, _shade(paper, cell)) - _ink(blank, cell, _shade(blank_paper, cell)))
        readings.append(_decide(row.person, ink, added, levels))
    return readings


def _decide(person: int, ink: tuple[float, ...], added: float, levels: tuple[str, ...]) -> RowReading:
    sureness = [_sure(value, EMPTY, MARKED) for value in ink]
    name_sure = _sure(added, NAME_CLEAN, CROSSED)
    marked = [i for i, value in enumerate(ink) if value >= (EMPTY + MARKED) / 2]
    if added >= (NAME_CLEAN + CROSSED) / 2:
        code = CROSSED_OUT
    elif not marked:
        code = NO_MARK
    elif len(marked) > 1:
        code = MULTIPLE
    else:
        code = levels[marked[0]]
    return RowReading(person, code, round(min(sureness + [name_sure]), 3), ink, round(added, 4))


def _sure(value: float, low: float, high: float) -> float:
    """1 far from the doubtful band, 0.5 at its edges, 0 in its middle."""
    if value <= low:
        return 0.5 + 0.5 * (1 - value / low) if low else 1.0
    if value >= high:
        return 0.5 + 0.5 * min(1.0, (value - high) / high)
    middle = (low + high) / 2
    return 0.5 * abs(value - middle) / ((high - low) / 2)


def _pixels(rect: Rect) -> tuple[int, int, int, int]:
    k = CANON_PX_PER_MM
    return round(rect.x * k), round(rect.y * k), round((rect.x + rect.w) * k), round((rect.y + rect.h) * k)


PAPER_CELL = 12  # canonical pixels (2 mm) per cell of the paper-shade map


def _paper_map(canonical: Image.Image) -> Image.Image:
    """The paper's own shade, 2 mm cells: the lightest value within 10 mm (a phone photo is lit unevenly)."""
    return canonical.reduce(PAPER_CELL).filter(ImageFilter.MaxFilter(5))


def _shade(paper: Image.Image, rect: Rect) -> int:
    x = (rect.x + rect.w / 2) * CANON_PX_PER_MM / PAPER_CELL
    y = (rect.y + rect.h / 2) * CANON_PX_PER_MM / PAPER_CELL
    return max(40, paper.getpixel((min(int(x), paper.width - 1), min(int(y), paper.height - 1))))


def _ink(image: Image.Image, rect: Rect, paper: int) -> float:
    """How much ink covers `rect`: each pixel counts by how much darker than the paper it is (a blurred, resampled
    or JPEG-compressed stroke keeps its total), as a share of the area fully black."""
    histogram = image.crop(_pixels(rect)).histogram()
    total = sum(histogram)
    floor = paper * PAPER_FLOOR
    if not total or floor <= 0:
        return 0.0
    return sum(count * (floor - level) for level, count in enumerate(histogram[: int(floor)])) / (total * floor)


__all__ = ["NoBallot", "RowReading", "SheetMismatch", "SheetReading", "measure", "read_sheet", "straightened"]

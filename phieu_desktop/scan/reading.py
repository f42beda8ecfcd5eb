"""One sheet read: straighten it, check its QR code against the paper, measure the ink in every box.

Each row gets one entry code (a level's code, `0` none, `M` several, `X` name crossed out) and a confidence;
a row whose ink sits between "clearly empty" and "clearly marked" is doubtful and a person must look at it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from ..documents.sheet_geometry import Rect, SheetCode, SheetGeometry, marker_centres, parse_payload
from ..domain.marks import CROSSED_OUT, MULTIPLE, NO_MARK
from . import light
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
# The name cell is compared with the blank sheet by its total ink, which blur and resampling keep only if the faint
# edges of every stroke are counted too: a floor closer to the paper (its shade is an average, so noise cancels).
NAME_FLOOR = 0.96
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
    upside_down: bool  # turned half a turn, or lying on its side (read all the same)
    image: Image.Image  # the straightened sheet, upright (for the person who confirms it)


def straightened(image: Image.Image) -> tuple[Image.Image, str, bool]:
    """The upright canonical sheet, its QR text and whether it was turned; raises NoBallot."""
    grey = image.convert("L")
    factor = int(max(grey.size) / 297.0 / WORKING_PX_PER_MM)
    if factor > 1:
        grey = grey.reduce(factor)
    found = find_markers(grey)
    if found is None:
        raise NoBallot("markers")
    k = CANON_PX_PER_MM
    page = [(x * k, y * k) for x, y in marker_centres()]
    # the sheet upright or turned half a turn (the QR code tells which), or lying on its side (a landscape photo)
    for turn in (0, 1):
        corners = found[turn:] + found[:turn]
        try:
            to_image = homography(page, corners)
        except ValueError:
            continue
        qr = read_qr(grey, to_image)
        if qr is not None:
            text, upside_down = qr
            canonical = straighten(grey, to_image)
            if upside_down:
                canonical = canonical.transpose(Image.Transpose.ROTATE_180)
            return canonical, text, upside_down or turn == 1
    raise NoBallot("qr")


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
    blank = template.cache.get(code.sheet)
    if blank is None:
        image = template.blank(code.sheet)
        dark = light.black(image)
        blank = template.cache[code.sheet] = BlankSheet(image, light.paper_map(image), light.printed_map(image),
                                                        dark)
    rows = measure(canonical, blank, geometry, template.levels)
    return SheetReading(code, rows, upside_down, canonical)


@dataclass(frozen=True)
class BlankSheet:
    """The sheet as printed, unmarked, and what the reader derives from it once."""

    image: Image.Image
    paper: Image.Image
    printed: Image.Image
    black: int


def measure(canonical: Image.Image, blank: BlankSheet, geometry: SheetGeometry,
            levels: tuple[str, ...]) -> list[RowReading]:
    """Every row of one straightened sheet; `levels` are the level codes in printed order."""
    black = light.black(canonical)
    paper, lit = light.paper_map(canonical), light.light_map(canonical, black)
    readings = []
    for row in geometry.rows:
        ink = tuple(_ink(canonical, box.inset(BOX_INSET_MM), light.shade(paper, box), black) for box in row.boxes)
        cell = row.name.inset(NAME_INSET_MM)
        added = max(0.0, _ink(canonical, cell, light.shade(paper, cell), black, NAME_FLOOR)
                    - _ink(blank.image, cell, light.shade(blank.paper, cell), blank.black, NAME_FLOOR))
        shadow = any(light.shadowed(lit, blank.printed, rect, light.shade(paper, rect), black)
                     for rect in (row.name,) + row.boxes)
        readings.append(_decide(row.person, ink, added, levels, shadow))
    return readings


def _decide(person: int, ink: tuple[float, ...], added: float, levels: tuple[str, ...],
            shadow: bool = False) -> RowReading:
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
    if shadow:  # a shadow across the row: the measures cannot be trusted, whatever they say
        sureness.append(0.25)
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


def _ink(image: Image.Image, rect: Rect, paper: int, black: int = 0, floor_share: float = PAPER_FLOOR) -> float:
    """How much ink covers `rect`: each pixel counts by how much darker than the paper it is (a blurred, resampled
    or JPEG-compressed stroke keeps its total), as a share of the area fully black."""
    histogram = image.crop(_pixels(rect)).histogram()
    total = sum(histogram)
    floor = paper * floor_share
    black = min(black, int(floor) - 1)
    if not total or floor <= 0:
        return 0.0
    full = floor - black
    return sum(count * min(1.0, (floor - level) / full)
               for level, count in enumerate(histogram[: int(floor)])) / total


__all__ = ["NoBallot", "RowReading", "SheetMismatch", "SheetReading", "measure", "read_sheet", "straightened"]

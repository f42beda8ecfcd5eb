"""One sheet read: straighten it, check its QR code against the paper, measure the ink in every box.

Each row gets one entry code (a level's code, `0` none, `M` several, `X` name crossed out) and a confidence;
a row whose ink sits between "clearly empty" and "clearly marked" is doubtful and a person must look at it.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

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
EMPTY, MARKED = 0.0015, 0.009
# Ink added in the name cell (scan minus the blank sheet), share of the cell: CROSSED or more is a crossed-out name.
NAME_CLEAN, CROSSED = 0.011, 0.019
PAPER_FLOOR = 0.88  # darkness is counted below this share of the paper's shade (paper grain, noise)
# The name cell is compared with the blank sheet by its total ink, which blur and resampling keep only if the faint
# edges of every stroke are counted too: a floor closer to the paper (its shade is an average, so noise cancels).
NAME_FLOOR = 0.96
WORKING_PX_PER_MM = 6.5  # larger images are reduced (an integer factor) before anything else
# EMPTY and MARKED are shares of the usual box's inside (20 x 8.5 mm less the insets). A wider box (the no-confidence
# paper's 30 mm) or a taller one (a row whose position wraps to two or three lines) is measured by its densest
# window of that size, so a mark of the usual size counts the same in any box.
WINDOW_MM = (20.0 - 2 * BOX_INSET_MM, 8.5 - 2 * BOX_INSET_MM)
CELL_PX = 3  # the window slides by half a millimetre
# The paper's shade beside a box is looked for this far around it: a box filled to its edges, in a row three lines
# tall, has bare paper only outside it.
PAPER_REACH_MM = 5.0
# A box whose paper seems darker than this share of the paper a little further off (its neighbourhood): the light
# there cannot be told from ink; a person looks.
DARK_PAPER = 0.8
NAME_BAND_MM = 8.5 - 2 * NAME_INSET_MM  # the name cell of a one-line row


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
    name_ink: dict = field(default_factory=dict)  # the blank name cells' ink, per band measured

    def ink(self, part: Rect) -> float:
        if part not in self.name_ink:
            self.name_ink[part] = _ink(self.image, part, light.shade(self.paper, part), self.black, NAME_FLOOR)
        return self.name_ink[part]


def measure(canonical: Image.Image, blank: BlankSheet, geometry: SheetGeometry,
            levels: tuple[str, ...]) -> list[RowReading]:
    """Every row of one straightened sheet; `levels` are the level codes in printed order."""
    black = light.black(canonical)
    paper, lit = light.paper_map(canonical), light.light_map(canonical, black)
    cells, wide = light.cells(canonical), light.wide_paper_map(canonical)
    readings = []
    for row in geometry.rows:
        shades = [max(light.shade(paper, box), light.lightest_near(cells, box, PAPER_REACH_MM)) for box in row.boxes]
        ink = tuple(_box_ink(canonical, box.inset(BOX_INSET_MM), shade, black)
                    for box, shade in zip(row.boxes, shades))
        added = _added(canonical, paper, black, blank, row.name.inset(NAME_INSET_MM))
        shadow = any(light.shadowed(lit, blank.printed, rect, light.shade(paper, rect), black)
                     for rect in (row.name,) + row.boxes)
        # paper that looks like ink: the measure would read a dark box as bare; never sure of it
        shadow = shadow or any(shade < DARK_PAPER * light.wide_shade(wide, box)
                               for box, shade in zip(row.boxes, shades))
        readings.append(_decide(row.person, ink, added, levels, shadow))
    return readings


def _added(canonical: Image.Image, paper: Image.Image, black: int, blank: BlankSheet, cell: Rect) -> float:
    """Ink added in the name cell: scan minus blank sheet, as a share of the cell; a cell taller than the usual row
    (a name or position on two or three lines) is measured by its densest band of the usual height, so a line
    through one line of the name counts the same as in a one-line row."""
    band = NAME_BAND_MM
    tops = [cell.y] if cell.h <= band + 1.0 else [cell.y + i * 1.0 for i in range(int(cell.h - band) + 1)]
    height = min(cell.h, band)
    best = 0.0
    for top in tops:
        part = Rect(cell.x, top, cell.w, height)
        best = max(best, _ink(canonical, part, light.shade(paper, part), black, NAME_FLOOR)
                   - blank.ink(part))
    return best


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


def _box_ink(image: Image.Image, rect: Rect, paper: int, black: int) -> float:
    """The ink of one box: its whole inside, or its densest window of the usual box's size when it is larger."""
    k = CANON_PX_PER_MM
    across, down = min(rect.w, WINDOW_MM[0]), min(rect.h, WINDOW_MM[1])
    # a box smaller than the usual one (16 mm since issue 24 item 14) counts its ink as a share of the usual box's
    # inside, so that a stray dot weighs the same in any box (the thresholds were measured on the usual box)
    smaller = across * down / (WINDOW_MM[0] * WINDOW_MM[1])
    if rect.w - across < 1.0 and rect.h - down < 1.0:
        return _ink(image, rect, paper, black) * smaller
    floor = paper * PAPER_FLOOR
    black = min(black, int(floor) - 1)
    if floor <= 0:
        return 0.0
    full = floor - black
    table = [round(255 * min(1.0, (floor - level) / full)) if level < floor else 0 for level in range(256)]
    weights = image.crop(_pixels(rect)).point(table).convert("F").reduce(CELL_PX)
    columns, rows = weights.size
    if not columns or not rows:
        return 0.0
    values = array("f", weights.tobytes())  # float32 cells, row by row
    # running sums over the cells: each window's total in four look-ups
    sums = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for y in range(rows):
        line, above, here = 0.0, sums[y], sums[y + 1]
        for x in range(columns):
            line += values[y * columns + x]
            here[x + 1] = above[x + 1] + line
    w = max(1, min(columns, round(across * k / CELL_PX)))
    h = max(1, min(rows, round(down * k / CELL_PX)))
    best = 0.0
    for y in range(rows - h + 1):
        top, bottom = sums[y], sums[y + h]
        for x in range(columns - w + 1):
            best = max(best, bottom[x + w] - top[x + w] - bottom[x] + top[x])
    return best / (w * h * 255) * smaller


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

"""The paper's own shade under uneven light, the print's own black, and where the light changes too sharply (a
hand's or a phone's shadow) for a box to be read without a person looking.

All maps are in 1 mm cells of the straightened sheet (CANON_PX_PER_MM pixels per millimetre)."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageFilter

from ..documents.sheet_geometry import Rect
from .geometry import CANON_PX_PER_MM

CELL = CANON_PX_PER_MM  # canonical pixels per map cell: 1 mm, so some cell near any box is bare paper
# A cell lighter than the print's black by this share of the paper-to-black range, yet darker than this share of
# the paper: neither ink nor paper, a shadow (or a broad pencil shading) that a person must look at.
SHADOW_ABOVE_BLACK = 0.35
SHADOW_BELOW_PAPER = 0.85


def paper_map(image: Image.Image) -> Image.Image:
    """The paper's shade: the lightest 1 mm cell within 9 mm (a photo is lit unevenly, a fill is 5 mm tall)."""
    return image.reduce(CELL).filter(ImageFilter.MaxFilter(9))


def cells(image: Image.Image) -> Image.Image:
    """The sheet in 1 mm cells, each its average shade."""
    return image.reduce(CELL)


WIDE_CELL_MM = 3


def wide_paper_map(image: Image.Image) -> Image.Image:
    """The paper's shade at a larger scale, in 3 mm cells: the lightest 3 mm cell within 27 mm (read with
    `wide_shade`)."""
    return image.reduce(CELL * WIDE_CELL_MM).filter(ImageFilter.MaxFilter(9))


def wide_shade(wide: Image.Image, rect: Rect) -> int:
    x = int((rect.x + rect.w / 2) / WIDE_CELL_MM)
    y = int((rect.y + rect.h / 2) / WIDE_CELL_MM)
    return max(40, wide.getpixel((min(max(x, 0), wide.width - 1), min(max(y, 0), wide.height - 1))))


def lightest_near(cells: Image.Image, rect: Rect, reach: float) -> int:
    """The lightest 1 mm cell of `rect` widened by `reach` mm on every side: bare paper near a box, however filled
    the box is."""
    box = (max(0, int(rect.x - reach)), max(0, int(rect.y - reach)),
           min(cells.width, int(rect.x + rect.w + reach) + 1), min(cells.height, int(rect.y + rect.h + reach) + 1))
    if box[0] >= box[2] or box[1] >= box[3]:
        return 40
    return max(40, cells.crop(box).getextrema()[1])


def light_map(image: Image.Image, dark: int) -> Image.Image:
    """The light falling on the paper at 1 mm: ink (anything near the print's black: text, lines, pen, a filled box)
    is taken for paper, thin grey strokes are removed by taking the lightest cell within 3 mm; a shadow stays."""
    top = _percentile(image.histogram(), 0.95)
    limit = dark + SHADOW_ABOVE_BLACK * (top - dark)
    ink = image.point(lambda v: 255 if v < limit else 0)
    return ImageChops.lighter(image, ink).reduce(CELL).filter(ImageFilter.MaxFilter(3))


def printed_map(blank: Image.Image) -> Image.Image:
    """Where the blank sheet has print within 1 mm (text, lines): darker than bare paper there."""
    return blank.reduce(CELL).filter(ImageFilter.MinFilter(3))


def shade(paper: Image.Image, rect: Rect) -> int:
    x = (rect.x + rect.w / 2) * CANON_PX_PER_MM / CELL
    y = (rect.y + rect.h / 2) * CANON_PX_PER_MM / CELL
    return max(40, paper.getpixel((min(int(x), paper.width - 1), min(int(y), paper.height - 1))))


def black(image: Image.Image) -> int:
    """The print's own black as this image shows it (a pale scan, a photo, a printer short of toner): the level
    below which lie 0.3 % of the page's pixels (markers, text and grid lines are several per cent)."""
    return _percentile(image.histogram(), 0.003)


def _percentile(histogram: list[int], share: float) -> int:
    total, running = sum(histogram), 0
    for level, count in enumerate(histogram):
        running += count
        if running >= share * total:
            return level
    return 255


def shadowed(light: Image.Image, printed: Image.Image, rect: Rect, paper: int, dark: int) -> bool:
    """Whether part of `rect` lies in a shadow: cells neither paper nor ink where the blank sheet is bare paper
    (`printed`, from printed_map: a blurred letter is grey too, so printed places are not judged)."""
    x0, y0 = int(rect.x), int(rect.y)
    x1, y1 = int(rect.x + rect.w), int(rect.y + rect.h)
    box = (max(0, x0), max(0, y0), min(light.width, x1 + 1), min(light.height, y1 + 1))
    low = dark + SHADOW_ABOVE_BLACK * (paper - dark)
    high = SHADOW_BELOW_PAPER * paper
    cells = light.crop(box).tobytes()
    bare = printed.crop(box).tobytes()
    return any(low < level < high and blank >= 250 for level, blank in zip(cells, bare))

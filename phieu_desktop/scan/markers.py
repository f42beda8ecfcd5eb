"""Finding the four solid corner squares in a photo or a scan, with Pillow's box filters (no OpenCV).

A marker is a place where a small box is almost all ink while a box three times larger around it is mostly paper:
text, table lines, a filled answer box or a dark table under the paper all fail one of the two tests.
"""

from __future__ import annotations

from PIL import Image, ImageChops, ImageFilter

from ..documents.sheet_geometry import MARKER_QUIET_MM, MARKER_SIZE_MM, PAGE_HEIGHT_MM, PAGE_WIDTH_MM
from .geometry import Point

SEARCH_PX_PER_MM = 2.0  # markers are looked for at about 50 dpi
SCALES = (1.0, 0.85, 0.7, 0.55)  # the paper may fill less of a photo than of a scan


def find_markers(grey: Image.Image) -> list[Point] | None:
    """Marker centres in image pixels, in image order top-left, top-right, bottom-right, bottom-left; or None."""
    for fill in SCALES:
        px_per_mm = fill * max(grey.width / PAGE_WIDTH_MM, grey.height / PAGE_HEIGHT_MM) \
            if grey.height >= grey.width else fill * max(grey.width / PAGE_HEIGHT_MM, grey.height / PAGE_WIDTH_MM)
        found = _find_at(grey, px_per_mm)
        if found is not None:
            return found
    return None


def dark_mask(grey: Image.Image, cell: int) -> Image.Image:
    """255 where a pixel is clearly darker than the paper around it (the paper's own shade estimated coarsely)."""
    w, h = grey.size
    tiny = grey.resize((max(1, w // cell), max(1, h // cell)), Image.Resampling.BOX)
    paper = tiny.filter(ImageFilter.MaxFilter(5)).resize((w, h), Image.Resampling.BILINEAR)
    limit = paper.point(lambda v: int(v * 0.6))
    return ImageChops.subtract(limit, grey).point(lambda v: 255 if v > 0 else 0)


def _find_at(grey: Image.Image, px_per_mm: float) -> list[Point] | None:
    factor = max(1, int(px_per_mm / SEARCH_PX_PER_MM))
    small = grey.reduce(factor) if factor > 1 else grey
    k = px_per_mm / factor  # small-image pixels per mm
    size = MARKER_SIZE_MM * k
    if size < 5:
        return None
    dark = dark_mask(small, max(2, round(2 * k)))
    inner = dark.filter(ImageFilter.BoxBlur(max(1, int(size * 0.35))))
    outer = dark.filter(ImageFilter.BoxBlur(max(2, int((MARKER_SIZE_MM + 1.6 * MARKER_QUIET_MM) * k / 2))))
    candidates = ImageChops.multiply(inner.point(lambda v: 255 if v >= 225 else 0),
                                     outer.point(lambda v: 255 if v <= 110 else 0))
    # paper on all four sides, so a thick stroke or a filled answer box (long in one direction) is no marker
    low = inner.point(lambda v: 255 if v <= 70 else 0)
    step = round((MARKER_SIZE_MM / 2 + MARKER_QUIET_MM * 0.65) * k)
    for dx, dy in ((step, 0), (-step, 0), (0, step), (0, -step)):
        candidates = ImageChops.multiply(candidates, ImageChops.offset(low, dx, dy))
    w, h = small.size
    centres = []
    for x0, y0 in ((0, 0), (w // 2, 0), (w // 2, h // 2), (0, h // 2)):
        box = candidates.crop((x0, y0, x0 + w - w // 2, y0 + h - h // 2)).getbbox()
        if box is None or box[2] - box[0] > size * 0.8 or box[3] - box[1] > size * 0.8:
            return None
        cx, cy = x0 + (box[0] + box[2]) / 2, y0 + (box[1] + box[3]) / 2
        centres.append(_refine(grey, (cx + 0.5) * factor, (cy + 0.5) * factor, px_per_mm))
    return centres


def _refine(grey: Image.Image, x: float, y: float, px_per_mm: float) -> Point:
    """The ink's centre of mass in a window a little larger than the marker, at full resolution."""
    half = (MARKER_SIZE_MM / 2 + MARKER_QUIET_MM * 0.6) * px_per_mm
    box = (int(x - half), int(y - half), int(x + half) + 1, int(y + half) + 1)
    window = grey.crop(box)
    levels = window.histogram()
    white = _percentile(levels, 0.95)
    black = _percentile(levels, 0.05)
    middle = (white + black) / 2
    ink = window.point(lambda v: 255 if v < middle else 0)
    columns = list(ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes())
    rows = list(ink.resize((1, ink.height), Image.Resampling.BOX).tobytes())
    if not sum(columns) or not sum(rows):
        return x, y
    cx = sum(i * v for i, v in enumerate(columns)) / sum(columns)
    cy = sum(i * v for i, v in enumerate(rows)) / sum(rows)
    return box[0] + cx + 0.5, box[1] + cy + 0.5


def _percentile(histogram: list[int], q: float) -> int:
    total = sum(histogram)
    running = 0
    for level, count in enumerate(histogram):
        running += count
        if running >= q * total:
            return level
    return 255

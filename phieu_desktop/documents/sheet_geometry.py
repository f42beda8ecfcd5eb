"""What a scanner needs to know about one printed ballot sheet: where its boxes are, where its corner markers are,
and what its QR code says. Plain data (millimetres from the page's top-left corner, x right, y down), no reportlab:
the ballot layout fills it from the same numbers it draws with, and `phieu_desktop.scan` reads it.

The QR code carries the session code, the paper key, the sheet number and a digest of the sheet's geometry:
nothing about a voter, so every printed copy stays identical.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARKER_SIZE_MM = 6.0  # solid black square
MARKER_INSET_MM = 6.0  # from the paper's edges to the marker's outer edge
MARKER_QUIET_MM = 3.0  # white around each marker, nothing printed there
QR_SIZE_MM = 20.0  # drawn size, quiet zone included
QR_X_MM = 6.0  # in the left margin, clear of the markers and the table
QR_Y_MM = 140.0
PAYLOAD_PREFIX = "PT1"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def inset(self, by: float) -> Rect:
        return Rect(self.x + by, self.y + by, max(0.0, self.w - 2 * by), max(0.0, self.h - 2 * by))


@dataclass(frozen=True)
class RowGeometry:
    person: int  # 0-based index in the paper's list
    name: Rect  # the printed name's cell (a crossed-out name adds ink here)
    boxes: tuple[Rect, ...]  # one per level, in printed order


@dataclass(frozen=True)
class SheetGeometry:
    """One printed sheet of a ballot paper (1-based `sheet` of `sheets`)."""

    session_code: str
    paper_key: str
    sheet: int
    sheets: int
    rows: tuple[RowGeometry, ...]

    @property
    def digest(self) -> str:
        """6 hex digits over the boxes' places: a sheet printed from another layout does not match."""
        shape = [[r.person, _r(r.name)] + [_r(b) for b in r.boxes] for r in self.rows]
        body = json.dumps([self.paper_key, self.sheet, self.sheets, shape], separators=(",", ":"))
        return hashlib.sha256(body.encode()).hexdigest()[:6].upper()

    def payload(self) -> str:
        """The QR text, in QR alphanumeric characters only (upper case, digits, ':' '-')."""
        return ":".join([PAYLOAD_PREFIX, self.session_code.upper(), self.paper_key.upper(), str(self.sheet),
                         str(self.sheets), self.digest])


@dataclass(frozen=True)
class SheetCode:
    """A QR payload as read back from paper."""

    session_code: str
    paper_key: str
    sheet: int
    sheets: int
    digest: str


def parse_payload(text: str) -> SheetCode | None:
    """The fields of a QR text written by `SheetGeometry.payload`, or None for anything else."""
    parts = text.strip().split(":")
    if len(parts) != 6 or parts[0] != PAYLOAD_PREFIX or not parts[3].isdigit() or not parts[4].isdigit():
        return None
    sheet, sheets = int(parts[3]), int(parts[4])
    if not 1 <= sheet <= sheets:
        return None
    return SheetCode(parts[1], parts[2].lower(), sheet, sheets, parts[5])


def marker_centres() -> tuple[tuple[float, float], ...]:
    """Centres of the four corner markers: top-left, top-right, bottom-right, bottom-left."""
    c = MARKER_INSET_MM + MARKER_SIZE_MM / 2
    return ((c, c), (PAGE_WIDTH_MM - c, c), (PAGE_WIDTH_MM - c, PAGE_HEIGHT_MM - c), (c, PAGE_HEIGHT_MM - c))


def _r(rect: Rect) -> list[float]:
    return [round(rect.x, 1), round(rect.y, 1), round(rect.w, 1), round(rect.h, 1)]

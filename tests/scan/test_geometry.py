"""Plain pieces of the reader: the four-point homography and the QR payload, property-tested."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from phieu_desktop.documents.sheet_geometry import Rect, RowGeometry, SheetGeometry, parse_payload
from phieu_desktop.scan.geometry import apply, homography

corner = st.floats(min_value=-40, max_value=40, allow_nan=False)


@given(st.lists(corner, min_size=8, max_size=8))
def test_homography_takes_each_corner_where_it_belongs(jitter):
    src = [(0.0, 0.0), (1260.0, 0.0), (1260.0, 1782.0), (0.0, 1782.0)]
    dst = [(x * 1.7 + 100 + jitter[2 * i], y * 1.6 + 80 + jitter[2 * i + 1]) for i, (x, y) in enumerate(src)]
    h = homography(src, dst)
    for (x, y), (u, v) in zip(src, dst):
        a, b = apply(h, (x, y))
        assert abs(a - u) < 1e-6 and abs(b - v) < 1e-6


keys = st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True)


@given(keys, st.integers(1, 9), st.integers(0, 8), st.from_regex(r"[0-9A-F]{4}-[0-9A-F]{4}", fullmatch=True))
def test_payload_reads_back(key, sheets, before, code):
    sheet = min(sheets, before + 1)
    rows = (RowGeometry(0, Rect(40, 100, 42.7, 8.5), (Rect(135, 100, 20, 8.5),)),)
    geometry = SheetGeometry(code, key, sheet, sheets, rows)
    read = parse_payload(geometry.payload())
    assert read is not None
    assert (read.session_code, read.paper_key, read.sheet, read.sheets, read.digest) == (
        code, key, sheet, sheets, geometry.digest)
    assert set(geometry.payload()) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")  # QR alphanumeric


def test_digest_follows_the_boxes():
    row = RowGeometry(0, Rect(40, 100, 42.7, 8.5), (Rect(135, 100, 20, 8.5),))
    moved = RowGeometry(0, Rect(40, 100, 42.7, 8.5), (Rect(135, 103, 20, 8.5),))
    assert SheetGeometry("A-B", "k", 1, 1, (row,)).digest != SheetGeometry("A-B", "k", 1, 1, (moved,)).digest


def test_foreign_texts_are_not_payloads():
    for text in ("", "https://example.org", "PT1:A:B:0:1:X", "PT1:A:B:2:1:X", "PT2:A:B:1:1:X", "PT1:A:B:x:1:X"):
        assert parse_payload(text) is None

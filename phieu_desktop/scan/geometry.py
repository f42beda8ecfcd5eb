"""Four-point homographies and the straightened (canonical) page, in pure Python over Pillow."""

from __future__ import annotations

from PIL import Image

from ..documents.sheet_geometry import PAGE_HEIGHT_MM, PAGE_WIDTH_MM

CANON_PX_PER_MM = 6  # about 152 dpi: enough for the QR code and the boxes, fast to warp
Point = tuple[float, float]


def homography(src: list[Point], dst: list[Point]) -> list[float]:
    """The 8 coefficients (a..h) of the projective map taking each src point to its dst point."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst):
        rows.append([x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y])
        rhs.append(u)
        rows.append([0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y])
        rhs.append(v)
    return _solve(rows, rhs)


def apply(h: list[float], point: Point) -> Point:
    x, y = point
    w = h[6] * x + h[7] * y + 1.0
    return ((h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (8 unknowns); raises ValueError when the points are degenerate."""
    n = len(b)
    m = [row[:] + [value] for row, value in zip(a, b)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) < 1e-12:
            raise ValueError("degenerate points")
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                if f:
                    m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] for i in range(n)]


def canonical_size() -> tuple[int, int]:
    return round(PAGE_WIDTH_MM * CANON_PX_PER_MM), round(PAGE_HEIGHT_MM * CANON_PX_PER_MM)


def straighten(image: Image.Image, page_to_image: list[float]) -> Image.Image:
    """The page as printed, CANON_PX_PER_MM pixels per millimetre; `page_to_image` maps canonical px to image px."""
    return image.transform(canonical_size(), Image.Transform.PERSPECTIVE, page_to_image,
                           Image.Resampling.BILINEAR, fillcolor=255)

"""The sheet's QR code, read with zxing-cpp from the image itself, straightened at a finer scale than the page
(left margin, or the right one when the sheet was fed upside down)."""

from __future__ import annotations

import zxingcpp
from PIL import Image, ImageFilter, ImageOps

from ..documents.sheet_geometry import PAGE_HEIGHT_MM, PAGE_WIDTH_MM, QR_SIZE_MM, QR_X_MM, QR_Y_MM
from .geometry import CANON_PX_PER_MM

MARGIN_MM = 6.0
QR_PX_PER_MM = 12  # about 300 dpi: a soft scan keeps its modules apart


def read_qr(grey: Image.Image, page_to_image: list[float]) -> tuple[str, bool] | None:
    """(text, upside_down) of the sheet's QR code, or None when there is none to read.

    `page_to_image` maps canonical page pixels (CANON_PX_PER_MM) to image pixels."""
    upright = (max(0.0, QR_X_MM - MARGIN_MM), QR_Y_MM - MARGIN_MM, QR_X_MM + QR_SIZE_MM + MARGIN_MM,
               QR_Y_MM + QR_SIZE_MM + MARGIN_MM)
    turned = (PAGE_WIDTH_MM - upright[2], PAGE_HEIGHT_MM - upright[3], PAGE_WIDTH_MM - upright[0],
              PAGE_HEIGHT_MM - upright[1])
    for box, upside_down in ((upright, False), (turned, True)):
        text = _decode(_region(grey, page_to_image, box))
        if text is not None:
            return text, upside_down
    return None


def _region(grey: Image.Image, h: list[float], box: tuple[float, float, float, float]) -> Image.Image:
    """The page's rectangle `box` (mm) straightened at QR_PX_PER_MM."""
    x0, y0 = box[0] * CANON_PX_PER_MM, box[1] * CANON_PX_PER_MM
    r = CANON_PX_PER_MM / QR_PX_PER_MM
    a, b, c, d, e, f, g, k = h
    base = g * x0 + k * y0 + 1.0
    coefficients = [v / base for v in (a * r, b * r, a * x0 + b * y0 + c, d * r, e * r, d * x0 + e * y0 + f,
                                       g * r, k * r)]
    size = (round((box[2] - box[0]) * QR_PX_PER_MM), round((box[3] - box[1]) * QR_PX_PER_MM))
    return grey.transform(size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=255)


def _decode(image: Image.Image) -> str | None:
    """The QR text, trying the region as straightened first, then versions a noisy or soft scan needs (noise
    smoothed, contrast stretched, a threshold, a coarser scale): a sheet is refused only if none reads."""
    for variant in _variants(image):
        for result in zxingcpp.read_barcodes(variant, formats=zxingcpp.BarcodeFormat.QRCode):
            if result.valid and result.text:
                return result.text
    return None


def _variants(image: Image.Image):
    yield image
    smooth = image.filter(ImageFilter.MedianFilter(3))
    yield smooth
    stretched = ImageOps.autocontrast(smooth, cutoff=2)
    yield stretched
    yield stretched.filter(ImageFilter.GaussianBlur(1.2)).point(lambda v: 255 if v > 128 else 0)
    yield image.filter(ImageFilter.GaussianBlur(1.5)).resize((image.width // 2, image.height // 2),
                                                             Image.Resampling.BOX)

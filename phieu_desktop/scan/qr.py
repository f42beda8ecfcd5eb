"""The sheet's QR code, read with zxing-cpp from the straightened page (left margin, or the right one when the
sheet was fed upside down)."""

from __future__ import annotations

import zxingcpp
from PIL import Image

from ..documents.sheet_geometry import PAGE_HEIGHT_MM, PAGE_WIDTH_MM, QR_SIZE_MM, QR_X_MM, QR_Y_MM
from .geometry import CANON_PX_PER_MM

MARGIN_MM = 12.0


def read_qr(canonical: Image.Image) -> tuple[str, bool] | None:
    """(text, upside_down) of the sheet's QR code, or None when there is none to read."""
    k = CANON_PX_PER_MM
    upright = (QR_X_MM - MARGIN_MM, QR_Y_MM - MARGIN_MM, QR_X_MM + QR_SIZE_MM + MARGIN_MM,
               QR_Y_MM + QR_SIZE_MM + MARGIN_MM)
    turned = (PAGE_WIDTH_MM - upright[2], PAGE_HEIGHT_MM - upright[3], PAGE_WIDTH_MM - upright[0],
              PAGE_HEIGHT_MM - upright[1])
    for box, upside_down in ((upright, False), (turned, True)):
        crop = canonical.crop(tuple(round(v * k) for v in box))
        text = _decode(crop)
        if text is not None:
            return text, upside_down
    return None


def _decode(image: Image.Image) -> str | None:
    for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        if result.valid and result.text:
            return result.text
    return None

"""The QR code of the seal on the paper minutes, read from a photograph or a scan (zxing-cpp), for the higher
level's whole-fingerprint check. Every page of the file is searched; every QR code found is returned."""

from __future__ import annotations

from pathlib import Path

import zxingcpp

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.work import SILENT, Ticker
from .sources import pages

MAX_SIDE = 4000  # a phone photograph is scaled down to this before decoding: enough for a 22 mm code


def qr_texts(path: Path, ticker: Ticker = SILENT) -> list[str]:
    """The text of every QR code on every page of `path` (PNG, JPEG, TIFF or PDF); PhieuError naming the file when
    it is not an image."""
    found: list[str] = []
    for number, page in enumerate(pages([Path(path)]), start=1):
        ticker.step(number, None, _("Đang đọc mã QR trên {where}").format(where=page.where))
        image = page.load().convert("L")
        if max(image.size) > MAX_SIDE:
            scale = MAX_SIDE / max(image.size)
            image = image.resize((round(image.width * scale), round(image.height * scale)))
        try:
            results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        except (ValueError, RuntimeError):
            raise PhieuError(_("Không đọc được ảnh “{name}”.").format(name=Path(path).name)) from None
        found += [r.text for r in results if r.valid and r.text]
    return found


__all__ = ["qr_texts"]

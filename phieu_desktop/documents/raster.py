"""The pages of a PDF we made, as images at a printer's resolution: what goes on paper is the PDF itself.

The window prints a document by rendering each page of the very PDF that "Lưu PDF…" writes (pypdfium2) at the
printer's dots per inch and placing it at 100 % scale, so paper and PDF are one document and a scannable ballot
keeps its geometry. No Qt here: the window turns each image into what its printer draws.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2
from PIL import Image

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.work import SILENT, Ticker

MAX_PRINT_DPI = 600  # enough for any office printer; an A4 page at 600 dpi is 35 megapixels
MIN_PRINT_DPI = 72


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based page of the PDF
    width_pt: float  # the page's size in points (1/72 inch), as in the PDF
    height_pt: float
    image: Image.Image  # RGB, (width_pt, height_pt) × dpi / 72


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Every page's (width, height) in points."""
    document = _open(data)
    try:
        return [document[index].get_size() for index in range(len(document))]
    finally:
        document.close()


def render_pages(data: bytes, dpi: int, numbers: list[int] | None = None, grayscale: bool = False,
                 ticker: Ticker = SILENT) -> Iterator[PageImage]:
    """The chosen pages (1-based; None: all) at `dpi`, one at a time (a 345-page minutes never sits in memory)."""
    dpi = max(MIN_PRINT_DPI, min(MAX_PRINT_DPI, int(dpi)))
    document = _open(data)
    try:
        count = len(document)
        chosen = list(range(1, count + 1)) if numbers is None else [n for n in numbers if 1 <= n <= count]
        for done, number in enumerate(chosen):
            ticker.step(done, len(chosen), _("Đang in trang {page}/{pages}…").format(page=done + 1,
                                                                                    pages=len(chosen)))
            page = document[number - 1]
            width, height = page.get_size()
            if width > 2000 or height > 2000:  # not one of ours: refuse before a huge bitmap is allocated
                raise PhieuError(_("Trang {page} của tài liệu quá lớn để in.").format(page=number))
            bitmap = page.render(scale=dpi / 72, grayscale=grayscale)
            image = bitmap.to_pil()
            yield PageImage(number, width, height, image.convert("L" if grayscale else "RGB"))
        ticker.step(len(chosen), len(chosen))
    finally:
        document.close()


def _open(data: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise PhieuError(_("Không đọc được tài liệu PDF vừa tạo để in.")) from None


__all__ = ["MAX_PRINT_DPI", "PageImage", "page_sizes", "render_pages"]

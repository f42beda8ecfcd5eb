"""The embedded font: Liberation Serif 2.x (Times New Roman metrics, full Vietnamese), its four faces by name, and
the one measure of text every printed form needs. exchange/ (key card, consolidated report) uses it too."""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..paths import resource

FONT = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Embed Liberation Serif 2.x (Times New Roman metrics, full Vietnamese); bundled in resources/fonts."""
    for name, file in ((FONT, "Regular"), (BOLD, "Bold"), (ITALIC, "Italic"), (BOLD_ITALIC, "BoldItalic")):
        path = resource("fonts", f"LiberationSerif-{file}.ttf")
        if not path.is_file():
            raise PhieuError(_("Thiếu phông chữ {name} trong thư mục cài đặt (resources/fonts): hãy cài lại chương "
                               "trình.").format(name=path.name))
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with '…' so that one line of it fits `width` points (a footer never runs off the page)."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"

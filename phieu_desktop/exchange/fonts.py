"""Liberation Serif (Vietnamese, embeddable) for the PDFs of this package, loaded from resources/fonts/."""

from __future__ import annotations

from ..domain.i18n import _

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..domain.errors import PhieuError
from ..paths import resource

SERIF = "PhieuSerif"
SERIF_BOLD = "PhieuSerif-Bold"
SERIF_ITALIC = "PhieuSerif-Italic"
_FILES = {SERIF: "LiberationSerif-Regular.ttf", SERIF_BOLD: "LiberationSerif-Bold.ttf",
          SERIF_ITALIC: "LiberationSerif-Italic.ttf"}


def register_fonts() -> None:
    """Idempotent; refuses clearly when the font files are missing from the installation."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name in registered:
            continue
        path = resource("fonts", filename)
        if not path.exists():
            raise PhieuError(_("Thiếu phông chữ {file} trong thư mục cài đặt (resources/fonts).").format(file=filename))
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SERIF_BOLD)

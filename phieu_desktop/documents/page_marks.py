"""The marks drawn on the canvas of every page, outside the flowables: the red boxed MẬT, the copy label ("Bản số
k/n"), the page number (Nghị định 30/2020: Arabic numerals, centred at the top, 13–14 pt, from the second page of
each copy or form), the footer, and the draft's watermark and banner; all at least 10 mm from the edge of the
sheet."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from ..domain.i18n import _
from ..domain.work import Ticker
from .common import PAGE_HEIGHT, PAGE_WIDTH, margins, wording
from .fonts import BOLD, FONT, fit_line

RED = colors.Color(0.8, 0.0, 0.0)


# --- page marks, drawn on the canvas of every page ---

@dataclass
class PageMarks:
    """What each page carries besides its flowables: MẬT, copy label, page number, draft watermark."""

    secret: bool = False
    draft: bool = False
    copies: int = 1
    pages_per_copy: int | dict[int, int] | None = None  # known from a first pass (per copy); None: no "of n"
    footer: str = ""
    copy_pages: dict[int, int] = field(default_factory=dict)  # copy -> pages seen (to check the pagination)
    copy: int = 1
    copy_start: int = 1
    show_copy: bool = True  # "Bản số k/n"; off where each "copy" is a form of its own (the dossier)
    ticker: Ticker | None = None  # told of every page drawn; raises Cancelled when the user stopped the work

    def start_copy(self, copy: int, page: int) -> None:
        self.copy = copy
        self.copy_start = page

    def draw(self, canvas, doc) -> None:
        common = wording("common")["marks"]
        if self.ticker is not None:
            expected = (sum(self.pages_per_copy.values()) if isinstance(self.pages_per_copy, dict)
                        else self.pages_per_copy)
            self.ticker.step(canvas.getPageNumber(), expected or None,
                             _("Đang dựng trang {page}…").format(page=canvas.getPageNumber()))
        page = canvas.getPageNumber() - self.copy_start + 1
        self.copy_pages[self.copy] = max(self.copy_pages.get(self.copy, 0), page)
        canvas.saveState()
        label_text = common["copy"].format(k=self.copy, n=self.copies) if self.copies > 1 and self.show_copy else ""
        label_left = draw_top_right(canvas, label_text) if label_text else PAGE_WIDTH - margins()[3]
        if page > 1:  # Nghị định 30: no number on the first page of a copy (or of a form)
            draw_page_number(canvas, page)
        secret_right = draw_secret(canvas) if self.secret else margins()[2]
        if self.draft:
            draw_watermark(canvas, common["draft"])
            draw_banner(canvas, common["draft_note"], secret_right + 4 * mm, label_left - 4 * mm)
        if self.footer:
            draw_footer(canvas, self.footer)
        canvas.restoreState()


# --- the margin band: every mark at least 10 mm from the edge of the sheet (office printers leave ~5 mm) ---

EDGE = 10 * mm  # the least distance of any printed mark from the edge of the sheet
MARK_BAND_TOP = PAGE_HEIGHT - 12 * mm  # the top of the marks' band, above the body


def draw_top_right(canvas, text: str, font: str = FONT, size: float = 10) -> float:
    """The page label at the top right, inside the right margin; returns its left edge."""
    _top, _bottom, _left, right = margins()
    canvas.setFillColor(colors.black)
    canvas.setFont(font, size)
    x = PAGE_WIDTH - right
    canvas.drawRightString(x, MARK_BAND_TOP - size, text)
    return x - pdfmetrics.stringWidth(text, font, size)


PAGE_NUMBER_SIZE = 13  # Nghị định 30/2020: 13–14 pt
PAGE_NUMBER_BASELINE = PAGE_HEIGHT - 23 * mm  # under the top margin's marks, above the body's frame


def draw_page_number(canvas, page: int) -> None:
    """The page number, Arabic numerals, centred over the body (Nghị định 30/2020, Phụ lục I)."""
    top, _bottom, left, right = margins()
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(left + (PAGE_WIDTH - left - right) / 2, PAGE_NUMBER_BASELINE, str(page))


def draw_footer(canvas, text: str, size: float = 8.5) -> None:
    """The footer, centred and wrapped inside the body's width, its last line 13 mm above the bottom edge."""
    _top, bottom, left, right = margins()
    width = PAGE_WIDTH - left - right
    lines = simpleSplit(text, FONT, size, width)
    if len(lines) > 2:  # at most two lines: the second shortened with "…" (a very long name never climbs up)
        lines = [lines[0], fit_line(" ".join(lines[1:]), FONT, size, width)]
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT, size)
    y = EDGE + 3 * mm + (len(lines) - 1) * (size + 1.5)
    for line in lines:
        canvas.drawCentredString(left + width / 2, y, line)
        y -= size + 1.5


def draw_watermark(canvas, text: str) -> None:
    """The large pale diagonal DỰ THẢO across the middle of the page (not over the marks)."""
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.18))
    canvas.setFont(BOLD, 96)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -30, text)
    canvas.restoreState()


def draw_banner(canvas, text: str, x0: float, x1: float, size: float = 9) -> None:
    """The draft's note in the top band, between the MẬT box and the page label, wrapped to fit."""
    lines = simpleSplit(text, BOLD, size, x1 - x0)
    canvas.setFillColor(RED)
    canvas.setFont(BOLD, size)
    y = MARK_BAND_TOP - size
    for line in lines[:2]:
        canvas.drawCentredString((x0 + x1) / 2, y, line)
        y -= size + 1.5


def draw_secret(canvas, x: float | None = None, top: float | None = None) -> float:
    """The red boxed "MẬT" mark, by default at the top left of the margin band; returns its right edge."""
    text = wording("common")["marks"]["secret"]
    x = margins()[2] if x is None else x
    top = MARK_BAND_TOP if top is None else top
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setFillColor(RED)
    canvas.setLineWidth(1.4)
    canvas.setFont(BOLD, 14)
    width = pdfmetrics.stringWidth(text, BOLD, 14) + 6 * mm
    canvas.rect(x, top - 8 * mm, width, 8 * mm, stroke=1, fill=0)
    canvas.drawCentredString(x + width / 2, top - 8 * mm + 2.3 * mm, text)
    canvas.restoreState()
    return x + width


class CopyStart(Flowable):
    """Zero-size marker: the copy `k` starts on this page (page marks are drawn at the page's end)."""

    def __init__(self, marks: PageMarks, copy: int) -> None:
        super().__init__()
        self.marks = marks
        self.copy_number = copy

    def wrap(self, available_width: float, available_height: float):
        return 0, 0

    def draw(self) -> None:
        self.marks.start_copy(self.copy_number, self.canv.getPageNumber())

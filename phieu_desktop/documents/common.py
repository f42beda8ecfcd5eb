"""What every printed form shares: the embedded font, the wording loader, headings, dates and page marks."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.regime import Header
from ..domain.session import Session
from ..paths import form, resource

FONT = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"
RED = colors.Color(0.8, 0.0, 0.0)
PAGE_WIDTH, PAGE_HEIGHT = A4


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


@lru_cache(maxsize=None)
def wording(name: str) -> dict:
    """The wording and layout of one form, from forms/<name>.toml."""
    path = form(f"{name}.toml")
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise PhieuError(_("Không đọc được mẫu văn bản {name} (forms/): {err}").format(name=path.name,
                                                                                       err=err)) from None


def margins() -> tuple[float, float, float, float]:
    """top, bottom, left, right in points."""
    page = wording("common")["page"]
    return page["top"] * mm, page["bottom"] * mm, page["left"] * mm, page["right"] * mm


def frame_width() -> float:
    _top, _bottom, left, right = margins()
    return PAGE_WIDTH - left - right


def place_date(place: str, day: date) -> str:
    """'Hà Giang, ngày 12 tháng 9 năm 2023'; a leading zero below 10 and for months 1 and 2 (Nghị định 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return wording("common")["dates"]["place_date"].format(
        place=place, day=f"{day.day:02d}", month=month, year=day.year)


def at_meeting(template: str, generic: str, title: str) -> str:
    """'Tại hội nghị lấy phiếu …' when the title names the meeting, else 'Tại hội nghị (kỳ họp): <title>'."""
    for word in ("Hội nghị", "Kỳ họp"):
        if title.startswith(word):
            return template.format(meeting=word.lower() + title[len(word):])
    return generic.format(title=title)


def vn_number(value: int | None) -> str:
    """Thousands with dots, the Vietnamese way; an em dash for nothing."""
    if value is None:
        return "—"
    return f"{value:,}".replace(",", ".")


def percent_text(text: str | None) -> str:
    return "—" if text is None else text


# --- styles ---

@lru_cache(maxsize=None)
def style(name: str) -> ParagraphStyle:
    register_fonts()
    base = dict(fontName=FONT, fontSize=13, leading=16, alignment=TA_JUSTIFY)
    table = dict(fontName=FONT, fontSize=10.5, leading=12.5, alignment=TA_LEFT)
    styles = {
        "body": base,
        "body_indent": {**base, "firstLineIndent": 10 * mm},
        "fill": {**base, "firstLineIndent": 10 * mm, "alignment": TA_LEFT},
        "small": {**base, "fontSize": 11, "leading": 13.5},
        "note": {**base, "fontName": ITALIC, "fontSize": 11, "leading": 13.5},
        "section": {**base, "fontName": BOLD, "keepWithNext": 1},
        "plain": {**base, "alignment": TA_LEFT},
        "plain_indent": {**base, "alignment": TA_LEFT, "firstLineIndent": 10 * mm},
        "title": {**base, "fontName": BOLD, "fontSize": 14, "leading": 18, "alignment": TA_CENTER},
        "subtitle": {**base, "fontName": BOLD, "fontSize": 13, "leading": 16, "alignment": TA_CENTER},
        "center": {**base, "alignment": TA_CENTER},
        "center_italic": {**base, "fontName": ITALIC, "alignment": TA_CENTER},
        "head_left": {**base, "fontSize": 12.5, "leading": 15, "alignment": TA_CENTER},
        "head_left_bold": {**base, "fontName": BOLD, "fontSize": 12.5, "leading": 15, "alignment": TA_CENTER},
        "head_right_bold": {**base, "fontName": BOLD, "fontSize": 12.5, "leading": 15, "alignment": TA_CENTER},
        "motto": {**base, "fontName": BOLD, "fontSize": 13.5, "leading": 16, "alignment": TA_CENTER},
        "date": {**base, "fontName": ITALIC, "alignment": TA_CENTER},
        "cell": table,
        "cell_center": {**table, "alignment": TA_CENTER},
        "cell_right": {**table, "alignment": TA_RIGHT},
        "cell_head": {**table, "fontName": BOLD, "fontSize": 9, "leading": 10.5, "alignment": TA_CENTER},
        "ballot_cell": {**table, "fontSize": 12, "leading": 14},
        "ballot_center": {**table, "fontSize": 12, "leading": 14, "alignment": TA_CENTER},
        "ballot_head": {**table, "fontName": BOLD, "fontSize": 11, "leading": 13, "alignment": TA_CENTER},
        "sign_title": {**base, "fontName": BOLD, "alignment": TA_CENTER},
        "sign_hint": {**base, "fontName": ITALIC, "fontSize": 12, "alignment": TA_CENTER},
        "sign_name": {**base, "fontName": BOLD, "alignment": TA_CENTER},
    }
    return ParagraphStyle(name, **styles[name])


def para(text: str, style_name: str = "body", markup: bool = False) -> Paragraph:
    """A paragraph; plain text is escaped unless `markup` says it carries <b>/<i> tags already.

    A line with dots to fill in by hand is never justified (justifying stretches the words apart)."""
    if "……" in text and style_name in ("body_indent", "plain"):
        style_name = "fill" if style_name == "body_indent" else style_name
        text = fill_dots(text, style(style_name))
    return Paragraph(text if markup else escape(text), style(style_name))


def fill_dots(text: str, st: ParagraphStyle, width: float | None = None) -> str:
    """A line ending in dots gets exactly enough dots to reach the right margin, as on printed forms."""
    if not text.endswith("……"):
        return text
    stripped = text.rstrip("…").rstrip()
    width = (width or frame_width()) - 2
    dot = pdfmetrics.stringWidth("…", st.fontName, st.fontSize)
    lines = simpleSplit(stripped, st.fontName, st.fontSize, width - st.firstLineIndent) if stripped else []
    indent = st.firstLineIndent if len(lines) <= 1 else 0
    last = pdfmetrics.stringWidth(lines[-1] + " ", st.fontName, st.fontSize) if lines else 0
    room = width - indent - last
    if room < 25 * mm:
        return stripped + " " + "…" * int(width / dot - 1)
    return (stripped + " " if stripped else "") + "…" * int(room / dot - 1)


def table_style(*commands) -> TableStyle:
    """A TableStyle that always names the embedded font (plain strings default to Helvetica otherwise)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 10.5), *commands])


class Rule(Flowable):
    """A short centred line under a heading (the motto, the Party name)."""

    def __init__(self, width: float, line_width: float = 0.7) -> None:
        super().__init__()
        self.line = width
        self.line_width = line_width

    def wrap(self, available_width: float, available_height: float):
        self.available = available_width
        return available_width, 5

    def draw(self) -> None:
        self.canv.setLineWidth(self.line_width)
        start = (self.available - self.line) / 2
        self.canv.line(start, 3, start + self.line, 3)


def heading(session: Session, right_date: str | None = None, stamp_hint: str | None = None,
            left_extra: list[str] | None = None) -> Table:
    """The two-column heading: issuing body on the left, national (state) or Party title on the right.

    The right column is as wide as its widest line; the left takes the rest less a gap, so the two never touch.
    The issuing body's name breaks between word groups, balanced (names.break_name)."""
    common = wording("common")
    head_left, head_bold, right_bold = style("head_left"), style("head_left_bold"), style("head_right_bold")
    width = frame_width()
    gap = float(common["header"].get("gap", 6)) * mm
    if session.header is Header.PARTY:
        national = common["party"]["national"]
        right_lines = [pdfmetrics.stringWidth(national, right_bold.fontName, right_bold.fontSize)]
    else:
        national = common["state"]["national"]
        motto = style("motto")
        right_lines = [pdfmetrics.stringWidth(national, right_bold.fontName, right_bold.fontSize),
                       pdfmetrics.stringWidth(common["state"]["motto"], motto.fontName, motto.fontSize)]
    if right_date:
        date_style = style("date")
        right_lines.append(pdfmetrics.stringWidth(right_date, date_style.fontName, date_style.fontSize))
    right_width = min(max(right_lines) + 2 * mm, width * 0.6)
    left_width = width - right_width - gap
    from .names import name_lines

    left = name_lines(session.parent.upper(), head_left, left_width)
    left += name_lines(session.organization.upper(), head_bold, left_width)
    if session.header is Header.PARTY:
        left.append(para(common["party"]["star"], "head_left"))
        title_width = pdfmetrics.stringWidth(national, right_bold.fontName, right_bold.fontSize)
        right = [para(national, "head_right_bold"), Rule(title_width)]
    else:
        left.append(Rule(min(30 * mm, left_width / 2)))
        right = [para(national, "head_right_bold"), para(common["state"]["motto"], "motto"),
                 Rule(pdfmetrics.stringWidth(common["state"]["motto"], style("motto").fontName,
                                             style("motto").fontSize))]
    for line in left_extra or []:
        left.append(para(line, "head_left"))
    if stamp_hint:
        left.append(para(stamp_hint, "center_italic"))
    if right_date:
        right.append(Spacer(1, 4))
        right.append(para(right_date, "date"))
    table = Table([[left, "", right]], colWidths=[left_width, gap, right_width])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)))
    return table


def qr_drawing(text: str, size: float = 28 * mm):
    """The seal's QR code as a flowable (documents/qrcode.py)."""
    from .qrcode import QrCode

    return QrCode(text, size)


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

    def start_copy(self, copy: int, page: int) -> None:
        self.copy = copy
        self.copy_start = page

    def draw(self, canvas, doc) -> None:
        common = wording("common")["marks"]
        page = canvas.getPageNumber() - self.copy_start + 1
        self.copy_pages[self.copy] = max(self.copy_pages.get(self.copy, 0), page)
        canvas.saveState()
        label = []
        if self.copies > 1 and self.show_copy:
            label.append(common["copy"].format(k=self.copy, n=self.copies))
        total = (self.pages_per_copy.get(self.copy) if isinstance(self.pages_per_copy, dict)
                 else self.pages_per_copy)
        if total:
            label.append(common["page"].format(page=page, pages=total))
        else:
            label.append(str(page))
        label_text = " · ".join(label)
        label_left = draw_top_right(canvas, label_text)
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


def signature_block(title_lines: list[str], hint: str, name: str, width: float) -> list:
    parts = [para(line, "sign_title") for line in title_lines]
    parts.append(para(hint, "sign_hint"))
    parts.append(Spacer(1, 22 * mm))
    parts.append(para(name or "……………………………", "sign_name"))
    return parts


def build_document(make_story, marks: PageMarks, title: str, author: str, subject: str = "") -> tuple[bytes, int]:
    """Lay out a single-copy document twice: the first pass counts the pages for "Trang i/n"."""
    import io

    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from .pdfa import ArchivalCanvas

    register_fonts()
    top, bottom, left, right = margins()
    pages = None
    for _pass in range(2):
        buffer = io.BytesIO()
        marks.pages_per_copy = pages
        marks.copy_pages = {}
        marks.copy_start = 1
        marks.start_copy(1, 1)
        doc = BaseDocTemplate(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=left, rightMargin=right,
                              topMargin=top, bottomMargin=bottom, title=title, author=author, subject=subject,
                              creator="phieu-desktop")
        frame = Frame(left, bottom, PAGE_WIDTH - left - right, PAGE_HEIGHT - top - bottom - 6 * mm, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=marks.draw)])
        doc.build(make_story(), canvasmaker=ArchivalCanvas)
        pages = dict(marks.copy_pages) if marks.copies > 1 else marks.copy_pages.get(1, 0)
    return buffer.getvalue(), sum(pages.values()) if isinstance(pages, dict) else pages

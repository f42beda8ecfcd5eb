"""What every printed form shares: the wording loader, margins, styles, headings, dates, signature blocks and the
layout engine (build_document). The font is in fonts.py, the marks drawn on every page in page_marks.py."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.regime import Header
from ..domain.session import Session
from ..paths import form
from .fonts import BOLD, FONT, ITALIC, register_fonts

if TYPE_CHECKING:
    from .page_marks import PageMarks

PAGE_WIDTH, PAGE_HEIGHT = A4


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


def _replaced(value, pairs: list):
    if isinstance(value, str):
        for old, new in pairs:
            value = value.replace(old, new)
        return value
    if isinstance(value, dict):
        return {k: _replaced(v, pairs) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v, pairs) for v in value]
    return value


@lru_cache(maxsize=None)
def _regime_wording(name: str, regime: str) -> dict:
    words = wording(name)
    pairs = words.get("regime_words", {}).get(regime, [])
    return _replaced({k: v for k, v in words.items() if k != "regime_words"}, pairs)


def regime_wording(name: str, regime) -> dict:
    """The form's wording in the regime's own words: forms/<name>.toml may list, under [regime_words], pairs of
    words to replace for a regime ("hội nghị" → "kỳ họp" for an HĐND; "LẤY PHIẾU" → "BỎ PHIẾU" for a
    no-confidence vote). Applied to the templates, never to what the session itself says."""
    return _regime_wording(name, getattr(regime, "value", regime))


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

    def __init__(self, width: float, line_width: float = 0.7, below: float = 0) -> None:
        super().__init__()
        self.line = width
        self.line_width = line_width
        self.below = below  # extra room above the line (under a title, clear of its descenders)

    def wrap(self, available_width: float, available_height: float):
        self.available = available_width
        return available_width, 5 + self.below

    def draw(self) -> None:
        self.canv.setLineWidth(self.line_width)
        start = (self.available - self.line) / 2
        self.canv.line(start, 3, start + self.line, 3)


def title_rule(text: str, style_name: str = "subtitle") -> Rule:
    """The line under a document's title and summary (trích yếu), 2/5 of its longest line (NĐ 30: 1/3 to 1/2)."""
    st = style(style_name)
    lines = simpleSplit(text, st.fontName, st.fontSize, frame_width())
    return Rule(max((pdfmetrics.stringWidth(line, st.fontName, st.fontSize) for line in lines), default=0) * 2 / 5,
                below=4)


def number_line(session: Session, kind: str) -> str:
    """"Số: ……/BB-……" (state) or "Số ……-BB/……" (Party): the number and symbol of the document (NĐ 30 Điều 8
    khoản 1; HD 36), dotted for the office that registers it; `kind` is the document's abbreviation (BB, BC …)."""
    common = wording("common")["number"]
    return common["party" if session.header is Header.PARTY else "state"].format(kind=kind)


def _heading_style(name: str, party: bool) -> ParagraphStyle:
    """The heading's styles; a Party heading takes the sizes of Hướng dẫn 36-HD/VPTW (forms/common.toml)."""
    base = style(name)
    if not party:
        return base
    size = float(wording("common")["party"]["sizes"][name])
    return ParagraphStyle(f"{name}-party", parent=base, fontSize=size, leading=size + 3)


def heading(session: Session, right_date: str | None = None, stamp_hint: str | None = None,
            left_extra: list[str] | None = None, number: str | None = None) -> Table:
    """The two-column heading: issuing body on the left, national (state) or Party title on the right.

    The right column is as wide as its widest line; the left takes the rest less a gap, so the two never touch.
    The issuing body's name breaks between word groups, balanced (names.break_name); the line under it is 2/5 of
    its longest line (NĐ 30: 1/3 to 1/2). `number` ("BB", "BC" …) adds the line "Số: ……/BB-……" under it."""
    common = wording("common")
    party = session.header is Header.PARTY
    head_left, head_bold = _heading_style("head_left", party), _heading_style("head_left_bold", party)
    right_bold = _heading_style("head_right_bold", party)
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
    body = name_lines(session.organization.upper(), head_bold, left_width)
    left += body
    if party:
        left.append(Paragraph(escape(common["party"]["star"]), head_left))
        title_width = pdfmetrics.stringWidth(national, right_bold.fontName, right_bold.fontSize)
        right = [Paragraph(escape(national), right_bold), Rule(title_width)]
    else:
        longest = max(pdfmetrics.stringWidth(p.text, p.style.fontName, p.style.fontSize) for p in body)
        left.append(Rule(longest * 2 / 5))
        right = [para(national, "head_right_bold"), para(common["state"]["motto"], "motto"),
                 Rule(pdfmetrics.stringWidth(common["state"]["motto"], style("motto").fontName,
                                             style("motto").fontSize))]
    for line in left_extra or []:
        left.append(para(line, "head_left"))
    if number:
        left.append(Spacer(1, 2))
        left.append(Paragraph(escape(number_line(session, number)), head_left))
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

"""Phiếu tín nhiệm (Phụ lục 3): each ballot page is drawn once as a form XObject and placed on every copy."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.regime import Regime
from ..domain.rules import unknown_paper
from ..domain.session import BallotPaper, Session
from ..store import SessionFile
from .common import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    frame_width,
    heading,
    margins,
    para,
    place_date,
    style,
    table_style,
    wording,
)
from .fonts import BOLD, ITALIC, register_fonts
from .names import name_lines
from .page_marks import draw_footer, draw_top_right
from .pdfa import ArchivalCanvas
from .scan_marks import draw_scan_marks
from .session_code import session_code
from .sheet_geometry import Rect, RowGeometry, SheetGeometry

MAX_COPIES = 5000


def default_copies(session: Session) -> int:
    """One ballot per person present at the vote; before attendance is known, one per person summoned."""
    return session.present_at_vote if session.present_at_vote is not None else session.summoned


def render_ballots(file: SessionFile, out: Path, key: str | None = None, copies: int | None = None,
                   scannable: bool = False) -> int:
    """Write `copies` ballots of one paper (or of every paper); returns the number of pages written."""
    data, pages = ballots_bytes(file, key, copies, scannable)
    from ..files import write_new  # a new file only: unpredictable temporary name, never through a link

    write_new(Path(out), data)
    return pages


def ballots_bytes(file: SessionFile, key: str | None = None, copies: int | None = None,
                  scannable: bool = False) -> tuple[bytes, int]:
    """`scannable` adds the corner markers and the QR code a scanner reads (phieu_desktop.scan)."""
    session = file.session
    if key is not None:
        try:
            session.paper(key)
        except KeyError:
            raise PhieuError(unknown_paper(session, key)) from None
    # without --copies: one per person present, at most MAX_COPIES in one file (a session may have up to
    # MAX_PEOPLE present: it prints in several files, each asked with --copies); an accepted session always prints
    copies = min(default_copies(session), MAX_COPIES) if copies is None else copies
    if not 1 <= copies <= MAX_COPIES:
        raise PhieuError(_("Số bản phiếu phải từ 1 đến {most}.").format(most=MAX_COPIES))
    keys = [key] if key else [p.key for p in session.papers]
    return ballots_pdf(session, session_code(file), keys, copies, scannable)


def ballots_pdf(session: Session, code: str, keys: list[str], copies: int,
                scannable: bool = False) -> tuple[bytes, int]:
    register_fonts()
    buffer = io.BytesIO()
    canvas = ArchivalCanvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    canvas.setTitle(wording("ballot")["title"])
    canvas.setAuthor(session.organization)
    canvas.setCreator("phieu-desktop")
    pages = 0
    for key in keys:
        layout = BallotLayout(session, session.paper(key), code, scannable)
        names = []
        for index in range(len(layout.pages)):
            name = f"ballot-{key}-{index + 1}"
            canvas.beginForm(name)
            layout.draw_page(canvas, index)
            canvas.endForm()
            names.append(name)
        for _copy in range(copies):
            for name in names:
                canvas.doForm(name)
                canvas.showPage()
                pages += 1
    canvas.save()
    return buffer.getvalue(), pages


def scannable_sheets(file: SessionFile, key: str) -> tuple[str, list[SheetGeometry], bytes]:
    """What a scanner compares a sheet with: the session code, each sheet's geometry, one blank scannable copy."""
    session = file.session
    try:
        paper = session.paper(key)
    except KeyError:
        raise PhieuError(unknown_paper(session, key)) from None
    code = session_code(file)
    layout = BallotLayout(session, paper, code, scannable=True)
    sheets = [layout.sheet_geometry(index) for index in range(len(layout.pages))]
    return code, sheets, ballots_pdf(session, code, [key], 1, scannable=True)[0]


@dataclass
class _Row:
    cells: list
    height: float


@dataclass(frozen=True)
class MarkBox:
    """Where a voter marks one level for one person: PDF points, origin at the page's bottom left."""

    person: int  # 0-based order on the paper
    level: str  # the level's key (high, confidence, low, no_confidence)
    x: float
    y: float
    width: float
    height: float


class BallotLayout:
    """One ballot paper on as few pages as legibility allows, rows balanced over the pages.

    With `duplex` (forms/ballot.toml) a ballot of more than one page takes an even number of pages, printed on
    both sides of the sheet ("Tờ 1/2, mặt trước"); every page carries the session code and the stamp's place.
    `boxes(page)` gives the mark boxes from the same geometry that draws them (for a scanner).
    """

    def __init__(self, session: Session, paper: BallotPaper, code: str, scannable: bool = False) -> None:
        self.session, self.paper, self.code = session, paper, code
        self.scannable = scannable
        self.words = wording("ballot")
        self.top, self.bottom, self.left, self.right = margins()
        self.width = frame_width()
        self.levels = session.regime.levels
        self.widths = self._widths()
        self.rows = [self._row(index, person) for index, person in enumerate(paper.persons)]
        self.head_height = self._head().wrap(self.width, PAGE_HEIGHT)[1]
        self.first_top = self._first_page_header(None)
        self.continued_top = self._continued_header(None)
        self.pages = self._paginate()

    # --- measuring ---

    ORDER = 10 * mm  # the STT column
    PADDING = 3  # each side of a cell, in points (the table's LEFTPADDING and RIGHTPADDING)

    def _widths(self) -> list[float]:
        """STT, name, position and the boxes (issue 24 item 14: names and positions wrapped to 2 and 4-5 lines when
        the two shared what the boxes left 42 % / 58 %). The position column is never narrower than the boxes
        together; between that and a floor, the name column takes a width that makes the rows shortest (within 3 %),
        the narrowest of those that keeps on one line every name that can stand on one line."""
        levels = len(self.levels)
        box = self.words["box_width"] * mm * (3 / levels if levels < 3 else 1)
        boxes = box * levels
        rest = self.width - self.ORDER - boxes
        cell = style("ballot_cell")
        pad = 2 * self.PADDING + 6  # and 3 points either side: a name never close to its cell's rule
        heading_width = stringWidth(self.words["table"]["name"], BOLD, style("ballot_head").fontSize) + pad
        low, high = max(rest * 0.3, heading_width), max(rest * 0.3, rest - boxes)
        natural = [stringWidth(p.name, cell.fontName, cell.fontSize) + pad for p in self.paper.persons]
        candidates = sorted({low, high, *(w for w in natural if low < w < high)})
        row = self.words["row_height"] * mm

        def height(name: float) -> float:
            total = 0.0
            for person in self.paper.persons:
                lines = max(len(simpleSplit(text, cell.fontName, cell.fontSize, width - 2 * self.PADDING))
                            for text, width in ((person.name, name), (person.position, rest - name)))
                total += max(row, lines * cell.leading + 8)
            return total

        heights = {w: height(w) for w in candidates}
        least = min(heights.values())
        near = [w for w, h in heights.items() if h <= least * 1.03]
        # the narrowest of those that still holds every name that can stand on one line: the rest to the position
        target = max([w for w in natural if w <= high], default=low)
        name = min((w for w in near if w >= target - 0.01), default=max(near))
        return [self.ORDER, name, rest - name] + [box] * levels

    def _row(self, index: int, person) -> _Row:
        cells = [para(str(index + 1), "ballot_center"), para(person.name, "ballot_cell"),
                 para(person.position, "ballot_cell")]
        cells += [""] * len(self.levels)
        text_height = max(cells[i].wrap(self.widths[i] - 2 * self.PADDING, 1000)[1] for i in (1, 2)) + 8
        return _Row(cells, max(self.words["row_height"] * mm, text_height))

    def _head(self) -> Table:
        words = self.words
        group = words["table"]["levels_head_bpt"] if self.session.regime is Regime.NQ96_BPT else \
            words["table"]["levels_head"]
        first = [para(words["table"]["order"], "ballot_head"), para(words["table"]["name"], "ballot_head"),
                 para(words["table"]["position"], "ballot_head"), para(group, "ballot_head")]
        first += [""] * (len(self.levels) - 1)
        second = ["", "", ""] + [Paragraph(escape(words["levels"][level.key]), self._level_style())
                                 for level in self.levels]
        return self._table([first, second], None, header=True)

    LEVEL_PADDING = 1  # points each side of a level's heading ("Tín nhiệm" over its 16 mm box)

    def _level_style(self) -> ParagraphStyle:
        """The levels' headings on one line over their boxes (issue 24 item 14: "Tín nhiệm" on two lines made the
        header taller on every page, and a 40-person ballot took two sheets): from 11 pt down to 9 pt."""
        head = style("ballot_head")
        room = self.widths[3] - 2 * self.LEVEL_PADDING
        size = head.fontSize
        while size > 9 and max(stringWidth(self.words["levels"][level.key], head.fontName, size)
                               for level in self.levels) > room:
            size -= 0.5
        return ParagraphStyle("ballot_level", parent=head, fontSize=size, leading=size + 2)

    def _table(self, rows: list, heights, header: bool) -> Table:
        table = Table(rows, colWidths=self.widths, rowHeights=heights)
        commands = [("GRID", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), self.PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), self.PADDING)]
        if header:
            levels = len(self.levels)
            commands += [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)),
                         ("SPAN", (3, 0), (3 + levels - 1, 0)), ("FONTNAME", (0, 0), (-1, -1), BOLD),
                         ("LEFTPADDING", (3, 1), (-1, 1), self.LEVEL_PADDING),
                         ("RIGHTPADDING", (3, 1), (-1, 1), self.LEVEL_PADDING)]
        table.setStyle(table_style(*commands))
        return table

    def _title(self) -> str:
        return self.words["title_bpt"] if self.session.regime is Regime.NQ96_BPT else self.words["title"]

    def _first_page_header(self, canvas: Canvas | None) -> float:
        """Draw (or only measure, without a canvas) the first page's header; returns the y below it."""
        session, words = self.session, self.words
        y = PAGE_HEIGHT - self.top - 6 * mm
        block = heading(session, right_date=place_date(session.place, session.date), stamp_hint=words["stamp_hint"])
        y = self._place(block, canvas, y, 5 * mm)
        y = self._place(para(self._title(), "title"), canvas, y, 1 * mm)
        for line in (words["of_line"].format(voters=self.paper.voters),
                     words["towards_line"].format(paper_title=self.paper.title),
                     words["year_line"].format(year=session.date.year)):
            y = self._place(para(line, "subtitle"), canvas, y, 0.5 * mm)
        instruction = words["instruction"][session.regime.value]
        return self._place(para(instruction, "body_indent"), canvas, y - 2 * mm, 3 * mm)

    def _continued_header(self, canvas: Canvas | None, index: int = 0) -> float:
        """Every later page: the body and the stamp's place on the left, the paper's name on the right. The back of
        a sheet printed on both sides has no stamp's place (the seal goes on the front); its line stays blank, so
        every later page keeps the same geometry (the scanner's templates)."""
        y = PAGE_HEIGHT - self.top - 6 * mm
        back = self.words.get("duplex", True) and index % 2 == 1
        left = [*name_lines(self.session.organization.upper(), style("head_left_bold"), self.width * 0.42 - 4 * mm),
                para("\u00a0" if back else self.words["stamp_hint"], "center_italic")]
        right = [para(self.words["continued"].format(title=self._title(), paper_title=self.paper.title), "subtitle")]
        block = Table([[left, "", right]], colWidths=[self.width * 0.42 - 4 * mm, 4 * mm, self.width * 0.58])
        block.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)))
        return self._place(block, canvas, y, 4 * mm)

    def _place(self, flowable, canvas: Canvas | None, y: float, gap: float) -> float:
        height = flowable.wrap(self.width, PAGE_HEIGHT)[1]
        if canvas is not None:
            flowable.drawOn(canvas, self.left, y - height)
        return y - height - gap

    SIGNATURE = 20 * mm  # the voter's place under the last row
    HINT = 7 * mm  # "(xem tiếp trang sau)" under the last row of an earlier page

    def _capacity(self, index: int) -> float:
        top = self.first_top if index == 0 else self.continued_top
        return top - self.head_height - self.bottom

    def _fill(self, scale: float) -> list[list[int]] | None:
        """Greedy pages with each page's room times `scale`; the last page keeps room for the signature."""
        pages: list[list[int]] = [[]]
        used = 0.0
        for index, row in enumerate(self.rows):
            room = self._capacity(len(pages) - 1) * scale - self.HINT
            # a first page whose header leaves no room (a header as long as the limits allow): rows start on the next
            if used + row.height > room and (pages[-1] or len(pages) == 1 and row.height > room):
                pages.append([])
                used = 0.0
            pages[-1].append(index)
            used += row.height
        if used + self.SIGNATURE > self._capacity(len(pages) - 1):
            if len(pages[-1]) > 1:
                pages.append([pages[-1].pop()])
            else:
                pages.append([])
        return pages

    def _paginate(self) -> list[list[int]]:
        pages = self._fill(1.0)
        target = len(pages)
        if target > 1 and self.words.get("duplex", True) and target % 2:
            target += 1
        if target == 1:
            return pages
        # balance: the smallest room per page that still gives `target` pages
        low, high = 0.2, 1.0
        best = pages if len(pages) == target else None
        for _step in range(20):
            middle = (low + high) / 2
            trial = self._fill(middle)
            if len(trial) <= target:
                high = middle
                if len(trial) == target:
                    best = trial
            else:
                low = middle
        return best or pages

    # --- geometry and drawing ---

    def row_positions(self, index: int) -> tuple[float, list[tuple[int, float, float]]]:
        """The y of the header's top, and (person, top y, height) of every row on page `index`."""
        top = self.first_top if index == 0 else self.continued_top
        y = top - self.head_height
        rows = []
        for person in self.pages[index]:
            rows.append((person, y, self.rows[person].height))
            y -= self.rows[person].height
        return top, rows

    def boxes(self, index: int) -> list[MarkBox]:
        """The mark boxes of page `index` (0-based), from the geometry the page is drawn with."""
        _top, rows = self.row_positions(index)
        first_box = self.left + sum(self.widths[:3])
        found = []
        for person, y, height in rows:
            for column, level in enumerate(self.levels):
                x = first_box + sum(self.widths[3:3 + column])
                found.append(MarkBox(person, level.key, x, y - height, self.widths[3 + column], height))
        return found

    def draw_page(self, canvas: Canvas, index: int) -> None:
        rows = [self.rows[i] for i in self.pages[index]]
        y = self._first_page_header(canvas) if index == 0 else self._continued_header(canvas, index)
        y = self._place(self._head(), canvas, y, 0)
        if rows:
            table = self._table([r.cells for r in rows], [r.height for r in rows], header=False)
            y = self._place(table, canvas, y, 4 * mm)
        if index == len(self.pages) - 1:
            self._draw_signature(canvas, y)
        else:
            canvas.setFont(ITALIC, 11)
            canvas.drawRightString(PAGE_WIDTH - self.right, y - 1 * mm, self.words["continue_hint"])
        self._draw_page_mark(canvas, index)
        if self.scannable:
            draw_scan_marks(canvas, self.sheet_geometry(index))

    def sheet_geometry(self, index: int) -> SheetGeometry:
        """Where page `index`'s boxes are, from the same widths and heights `draw_page` draws with."""
        top = self.first_top if index == 0 else self._continued_header(None)
        y = top - self.head_height
        x_name = self.left + self.widths[0]
        x_boxes = x_name + self.widths[1] + self.widths[2]
        box = self.widths[3] if len(self.widths) > 3 else 0.0
        rows = []
        for i in self.pages[index]:
            height = self.rows[i].height
            top_mm = (PAGE_HEIGHT - y) / mm
            name = Rect(x_name / mm, top_mm, self.widths[1] / mm, height / mm)
            boxes = tuple(Rect((x_boxes + j * box) / mm, top_mm, box / mm, height / mm)
                          for j in range(len(self.session.regime.levels)))
            rows.append(RowGeometry(i, name, boxes))
            y -= height
        return SheetGeometry(self.code, self.paper.key, index + 1, len(self.pages), tuple(rows))

    def _draw_signature(self, canvas: Canvas, y: float) -> None:
        center = self.left + self.width * 0.75
        canvas.setFont(BOLD, 13)
        canvas.drawCentredString(center, y - 5 * mm, self.words["voter"])
        canvas.setFont(ITALIC, 12)
        canvas.drawCentredString(center, y - 10 * mm, self.words["voter_hint"])

    def sheet_label(self, index: int) -> str:
        pages = len(self.pages)
        if pages == 1:
            return ""
        if self.words.get("duplex", True):
            side = self.words["front"] if index % 2 == 0 else self.words["back"]
            return self.words["sheet_duplex"].format(sheet=index // 2 + 1, sheets=(pages + 1) // 2, side=side)
        return self.words["sheet"].format(sheet=index + 1, sheets=pages)

    def _draw_page_mark(self, canvas: Canvas, index: int) -> None:
        code = wording("common")["marks"]["session_code"].format(code=self.code)
        # the session code once per page, at the top right (not again in the footer)
        parts = [f"{self._title()}: {self.paper.title}", self.sheet_label(index),
                 self.words["page_mark"].format(page=index + 1, pages=len(self.pages))]
        draw_footer(canvas, " · ".join(p for p in parts if p), size=8.5)
        draw_top_right(canvas, code, font=BOLD, size=9)


__all__ = ["BallotLayout", "MarkBox", "ballots_bytes", "ballots_pdf", "default_copies", "render_ballots",
           "scannable_sheets"]

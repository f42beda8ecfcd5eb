"""Phiếu tín nhiệm (Phụ lục 3): each ballot page is drawn once as a form XObject and placed on every copy."""

from __future__ import annotations

import io
from dataclasses import dataclass
from ..domain.i18n import _
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table

from ..domain.errors import PhieuError
from ..domain.regime import Regime
from ..domain.session import BallotPaper, Session
from ..store import SessionFile
from .common import (BOLD, FONT, ITALIC, PAGE_HEIGHT, PAGE_WIDTH, fit_line, frame_width, heading, margins, para,
                     place_date,
                     register_fonts, table_style, wording)
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
    Path(out).write_bytes(data)
    return pages


def ballots_bytes(file: SessionFile, key: str | None = None, copies: int | None = None,
                  scannable: bool = False) -> tuple[bytes, int]:
    """`scannable` adds the corner markers and the QR code a scanner reads (phieu_desktop.scan)."""
    session = file.session
    if key is not None:
        try:
            session.paper(key)
        except KeyError:
            keys = ", ".join(p.key for p in session.papers)
            raise PhieuError(_("Không có loại phiếu “{key}”; các loại phiếu: {keys}.").format(key=key, keys=keys)) from None
    copies = default_copies(session) if copies is None else copies
    if not 1 <= copies <= MAX_COPIES:
        raise PhieuError(_("Số bản phiếu phải từ 1 đến {most}.").format(most=MAX_COPIES))
    keys = [key] if key else [p.key for p in session.papers]
    return ballots_pdf(session, session_code(file), keys, copies, scannable)


def ballots_pdf(session: Session, code: str, keys: list[str], copies: int,
                scannable: bool = False) -> tuple[bytes, int]:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
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
        keys = ", ".join(p.key for p in session.papers)
        raise PhieuError(_("Không có loại phiếu “{key}”; các loại phiếu: {keys}.").format(key=key, keys=keys)) from None
    code = session_code(file)
    layout = BallotLayout(session, paper, code, scannable=True)
    sheets = [layout.sheet_geometry(index) for index in range(len(layout.pages))]
    return code, sheets, ballots_pdf(session, code, [key], 1, scannable=True)[0]


@dataclass
class _Row:
    cells: list
    height: float


class BallotLayout:
    """One ballot paper laid out on as many A4 pages as its list needs, header repeated on each."""

    def __init__(self, session: Session, paper: BallotPaper, code: str, scannable: bool = False) -> None:
        self.session, self.paper, self.code = session, paper, code
        self.scannable = scannable
        self.words = wording("ballot")
        self.top, self.bottom, self.left, self.right = margins()
        self.width = frame_width()
        levels = session.regime.levels
        box = self.words["box_width"] * mm
        rest = self.width - 10 * mm - box * len(levels)
        self.widths = [10 * mm, rest * 0.45, rest * 0.55] + [box] * len(levels)
        self.rows = [self._row(index, person) for index, person in enumerate(paper.persons)]
        self.head = self._head()
        self.head_height = self._measure(self.head, None)
        self.first_top = self._first_page_header(None)
        self.pages = self._paginate()

    # --- measuring ---

    def _row(self, index: int, person) -> _Row:
        cells = [para(str(index + 1), "ballot_center"), para(person.name, "ballot_cell"),
                 para(person.position, "ballot_cell")]
        cells += [""] * len(self.session.regime.levels)
        text_height = max(cells[i].wrap(self.widths[i] - 6, 1000)[1] for i in (1, 2)) + 8
        return _Row(cells, max(self.words["row_height"] * mm, text_height))

    def _head(self) -> Table:
        words = self.words
        levels = self.session.regime.levels
        first = [para(words["table"]["order"], "ballot_head"), para(words["table"]["name"], "ballot_head"),
                 para(words["table"]["position"], "ballot_head"), para(words["table"]["levels_head"], "ballot_head")]
        first += [""] * (len(levels) - 1)
        second = ["", "", ""] + [para(words["levels"][level.key], "ballot_head") for level in levels]
        return self._table([first, second], None, header=True)

    def _table(self, rows: list, heights, header: bool) -> Table:
        table = Table(rows, colWidths=self.widths, rowHeights=heights)
        commands = [("GRID", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        if header:
            levels = len(self.session.regime.levels)
            commands += [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)),
                         ("SPAN", (3, 0), (3 + levels - 1, 0)), ("FONTNAME", (0, 0), (-1, -1), BOLD)]
        table.setStyle(table_style(*commands))
        return table

    @staticmethod
    def _measure(flowable, canvas) -> float:
        return flowable.wrap(frame_width(), PAGE_HEIGHT)[1]

    def _first_page_header(self, canvas: Canvas | None) -> float:
        """Draw (or only measure, without a canvas) the first page's header; returns the y below it."""
        session, words = self.session, self.words
        y = PAGE_HEIGHT - self.top
        block = heading(session, right_date=place_date(session.place, session.date), stamp_hint=words["stamp_hint"])
        y = self._place(block, canvas, y, 6 * mm)
        title = words["title_bpt"] if session.regime is Regime.NQ96_BPT else words["title"]
        y = self._place(para(title, "title"), canvas, y, 1 * mm)
        for line in (words["of_line"].format(voters=self.paper.voters),
                     words["towards_line"].format(paper_title=self.paper.title),
                     words["year_line"].format(year=session.date.year)):
            y = self._place(para(line, "subtitle"), canvas, y, 0.5 * mm)
        instruction = words["instruction"][session.regime.value]
        return self._place(para(instruction, "body_indent"), canvas, y - 3 * mm, 3 * mm)

    def _continued_header(self, canvas: Canvas | None) -> float:
        y = PAGE_HEIGHT - self.top
        text = self.words["continued"].format(paper_title=self.paper.title)
        return self._place(para(text, "subtitle"), canvas, y, 3 * mm)

    def _place(self, flowable, canvas: Canvas | None, y: float, gap: float) -> float:
        height = flowable.wrap(self.width, PAGE_HEIGHT)[1]
        if canvas is not None:
            flowable.drawOn(canvas, self.left, y - height)
        return y - height - gap

    def _signature_height(self) -> float:
        return 18 * mm

    def _paginate(self) -> list[list[int]]:
        """Rows per page; the voter's signature place fits under the last row."""
        floor = self.bottom + 8 * mm
        continued_top = self._continued_header(None)
        pages: list[list[int]] = []
        current: list[int] = []
        room = self.first_top - self.head_height - floor
        for index, row in enumerate(self.rows):
            if row.height > room and (current or not pages):  # a first page whose header leaves no room: rows
                # start on the next page (only a header as long as the limits allow comes to this)
                pages.append(current)
                current = []
                room = continued_top - self.head_height - floor
            current.append(index)
            room -= row.height
        if room < self._signature_height():
            if len(current) > 1:
                pages.append(current[:-1])
                current = current[-1:]
            else:
                pages.append(current)
                current = []
        pages.append(current)
        return pages

    # --- drawing ---

    def draw_page(self, canvas: Canvas, index: int) -> None:
        rows = [self.rows[i] for i in self.pages[index]]
        y = self._first_page_header(canvas) if index == 0 else self._continued_header(canvas)
        head = self._head()
        y = self._place(head, canvas, y, 0)
        if rows:
            table = self._table([r.cells for r in rows], [r.height for r in rows], header=False)
            y = self._place(table, canvas, y, 4 * mm)
        last = index == len(self.pages) - 1
        if last:
            self._draw_signature(canvas, y)
        else:
            canvas.setFont(ITALIC, 11)
            canvas.drawRightString(PAGE_WIDTH - self.right, y, self.words["continue_hint"])
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

    def _draw_page_mark(self, canvas: Canvas, index: int) -> None:
        name = self.words["title_bpt"] if self.session.regime is Regime.NQ96_BPT else self.words["title"]
        title = f"{name} – {self.paper.title}"
        text = self.words["page_mark"].format(title=title, page=index + 1, pages=len(self.pages),
                                              code=wording("common")["marks"]["session_code"].format(code=self.code))
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(self.left + self.width / 2, self.bottom - 8 * mm, fit_line(text, FONT, 9, self.width))
        canvas.setFont(BOLD, 9)
        canvas.drawRightString(PAGE_WIDTH - self.right, PAGE_HEIGHT - self.top + 5 * mm,
                               f"{self.code} · {index + 1}/{len(self.pages)}")


__all__ = ["BallotLayout", "ballots_bytes", "ballots_pdf", "default_copies", "render_ballots", "scannable_sheets"]

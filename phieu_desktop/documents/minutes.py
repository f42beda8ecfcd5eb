"""Biên bản kiểm phiếu: three copies in one PDF, MẬT on every page, signatures on their own page."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageBreak, PageTemplate, Spacer, Table

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.session import Session, committee_head
from ..domain.tally import Band, SessionResult
from ..domain.work import Ticker
from ..store import SessionFile
from .attendance import attendance_paragraphs
from .common import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    frame_width,
    heading,
    margins,
    para,
    place_date,
    qr_drawing,
    regime_wording,
    signature_block,
    table_style,
    title_rule,
    vn_number,
    wording,
)
from .flow import ROOM_LEFT, WithTable
from .fonts import register_fonts
from .page_marks import CopyStart, PageMarks
from .pdfa import ArchivalCanvas
from .tables import result_table

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
         "XVIII", "XIX", "XX"]  # sections of the minutes: a few fixed ones plus one per paper (at most MAX_PAPERS)


def render_minutes(file: SessionFile, out: Path, draft: bool = False) -> None:
    """Write the three-copy minutes of a locked count; an unlocked count only as a marked draft."""
    data, _pages = minutes_bytes(file, draft=draft)
    from ..files import write_new  # a new file only: unpredictable temporary name, never through a link

    write_new(Path(out), data)


def minutes_bytes(file: SessionFile, draft: bool = False, fractions: bool = False,
                  ticker: Ticker | None = None) -> tuple[bytes, int]:
    """The minutes PDF and its page count; refused while the count is unlocked unless a draft is asked for."""
    if not file.locked and not draft:
        raise PhieuError(_("Chưa khóa kết quả: chỉ in được biên bản kiểm phiếu sau khi khóa và niêm phong "
                           "(hoặc in bản dự thảo với --draft)."))
    return minutes_pdf(file.session, file.results(), draft=not file.locked, fractions=fractions, ticker=ticker)


def minutes_pdf(session: Session, result: SessionResult, draft: bool = False,
                fractions: bool = False, ticker: Ticker | None = None) -> tuple[bytes, int]:
    """The three copies; `fractions` adds the exact share ("25/47") under each percentage."""
    register_fonts()
    words = regime_wording("minutes", session.regime)
    copies = int(words["copies"])
    destinations = words["copy_destinations"]
    everyone = list(range(1, copies + 1))

    def destination(k: int) -> str:
        return destinations[min(k, len(destinations)) - 1]

    # "Trang i/n" restarts with each copy, so n must be known before drawing: a first pass lays out one copy per
    # distinct wording (copies 1 and 2 are alike), the second pass lays out all of them with those totals.
    representatives: dict[str, int] = {}
    for k in everyone:
        representatives.setdefault(destination(k), k)
    # Where a paper's short table cannot follow its lead on a page, the lead may stay there alone (flow.WithTable):
    # from ROOM_LEFT of the page empty, or from LEAD_ALONE_LOW when that leaves fewer pages half empty (the table
    # then takes the next page's top, and what follows it may fill that page or not: only a layout tells).
    lead_alone = ROOM_LEFT
    _data, marks = _build(session, result, draft, copies, [1], None, fractions, ticker, lead_alone)
    _data, low_marks = _build(session, result, draft, copies, [1], None, fractions, ticker, LEAD_ALONE_LOW)
    if low_marks.half_empty < marks.half_empty:
        lead_alone = LEAD_ALONE_LOW
    _data, marks = _build(session, result, draft, copies, list(representatives.values()), None, fractions, ticker,
                          lead_alone)
    totals = {k: marks.copy_pages[representatives[destination(k)]] for k in everyone}
    for _attempt in range(3):
        data, marks = _build(session, result, draft, copies, everyone, totals, fractions, ticker, lead_alone)
        if marks.copy_pages == totals:
            return data, sum(totals.values())
        totals = dict(marks.copy_pages)
    raise RuntimeError("minutes: the page count of a copy did not settle")


HALF = 0.6  # a page (but a copy's last) filled below this share of its frame is half empty (tests/documents/layout.py)
LEAD_ALONE_LOW = 0.2


class _FillMarks(PageMarks):
    """PageMarks that also count the pages (but each copy's last) filled below HALF of the body frame."""

    half_empty = 0
    _low: bool = False

    def draw(self, canvas, doc) -> None:
        frame = doc.frame
        filled = (frame._y2 - frame._y) / (frame._y2 - frame._y1) if frame._y2 > frame._y1 else 1.0
        if self._low:  # the page before this one was half empty, and this one continues the same copy
            self.half_empty += 1
        self._low = filled < HALF
        super().draw(canvas, doc)

    def start_copy(self, copy: int, page: int) -> None:
        self._low = False  # the copy before ended on that page: its last page may be short
        super().start_copy(copy, page)


def _build(session: Session, result: SessionResult, draft: bool, copies: int, which: list[int],
           pages: dict[int, int] | None, fractions: bool = False,
           ticker: Ticker | None = None, lead_alone: float | None = ROOM_LEFT) -> tuple[bytes, PageMarks]:
    top, bottom, left, right = margins()
    buffer = io.BytesIO()
    marks = _FillMarks(secret=True, draft=draft, copies=copies, pages_per_copy=pages,
                      footer=_footer(session, result), ticker=ticker)
    doc = BaseDocTemplate(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=left, rightMargin=right,
                          topMargin=top, bottomMargin=bottom, title=wording("minutes")["title"],
                          author=session.organization, subject=session.title, creator="phieu-desktop")
    frame = Frame(left, bottom, PAGE_WIDTH - left - right, PAGE_HEIGHT - top - bottom - 6 * mm, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=marks.draw)])
    story: list = []
    for index, k in enumerate(which):
        if index:
            story.append(PageBreak())
        story.append(CopyStart(marks, k))
        story += _copy_story(session, result, draft, k, copies, fractions, lead_alone)
    doc.build(story, canvasmaker=ArchivalCanvas)
    return buffer.getvalue(), marks


def _footer(session: Session, result: SessionResult) -> str:
    common = wording("common")["marks"]
    if result.fingerprint:
        return f"{session.organization} · " + common["fingerprint"].format(fingerprint=result.fingerprint)
    return f"{session.organization} · {common['unlocked']}"


def _supervisors(session: Session, words: dict) -> list:
    """The supervising delegation recorded in the file, among those present; a line to fill in otherwise."""
    if not session.supervisors:
        return [para(words["supervisors"], "body_indent")]
    return [para(words["supervisors_intro"], "body_indent")] + [
        para(words["supervisor_line"].format(name=s.name, position=s.position or "……", body=s.body or "……"),
             "body_indent") for s in session.supervisors]


def _copy_story(session: Session, result: SessionResult, draft: bool, k: int, copies: int,
                fractions: bool = False, lead_alone: float | None = None) -> list:
    words = regime_wording("minutes", session.regime)
    date_words = place_date(session.place, session.date).split(", ", 1)[1]
    fingerprint = result.fingerprint or wording("common")["marks"]["unlocked"]
    story: list = [Spacer(1, 8 * mm), heading(session, right_date=place_date(session.place, session.date),
                                              number=words["number_kind"]),
                   Spacer(1, 8 * mm), para(words["title"], "title"),
                   para(words["subtitle"].format(title=session.title), "subtitle"),
                   title_rule(words["subtitle"].format(title=session.title)), Spacer(1, 5 * mm)]
    for line in words["opening"]:
        story.append(para(line.format(date_words=date_words, place=session.place, title=session.title), "body_indent"))
    story.append(para(words["committee_intro"].format(count=len(session.committee)), "body_indent"))
    for order, member in enumerate(session.committee, start=1):
        story.append(para(words["committee_line"].format(order=order, name=member.name, role=member.role),
                          "body_indent"))
    story += _supervisors(session, words)

    section = 0
    story += [Spacer(1, 3 * mm), para(words["attendance_title"], "section")]
    section += 1
    story += attendance_paragraphs(session, words)

    adverse = session.regime.adverse
    bands = words["bands"][session.regime.value]
    for paper_result, paper in zip(result.papers, session.papers):
        lead = [Spacer(1, 3 * mm),
                para(words["paper_title"].format(roman=ROMAN[section], paper_title=paper.title.upper()), "section"),
                para(words["paper_voters"].format(voters=paper.voters), "body_indent")]
        section += 1
        for line in words["paper_counts"]:
            lead.append(para("- " + line.format(issued=vn_number(paper_result.issued),
                                                returned=vn_number(paper_result.returned),
                                                entered=vn_number(paper_result.entered),
                                                not_issued=vn_number(paper_result.not_issued),
                                                blank=vn_number(paper_result.blank)), "body_indent"))
        note = words["paper_denominator"].format(basis=paper_result.basis.label,
                                                 denominator=vn_number(paper_result.denominator))
        lead.append(Spacer(1, 2 * mm))
        flagged = [p for p in paper_result.persons if p.band is not Band.NONE]
        conclusion = [para(bands["intro"] if flagged else bands["none"], "body_indent")]
        for person in flagged:
            conclusion.append(para("- " + words["band_line"].format(
                name=person.name, count=vn_number(person.counts[adverse.key]),
                percent=person.percent(adverse.key), adverse=adverse.label.lower(),
                band=bands[person.band.value], rule=bands["rule"]), "body_indent"))
        # the conclusion rides in the table's last rows: it never opens a page alone, away from its table; a list
        # of persons cut by a page goes on under its heading repeated
        continued = para(words["band_continued"].format(intro=bands["intro"].rstrip(":")), "body_indent") \
            if flagged else None
        story.append(WithTable(lead, result_table(paper_result, session.regime, words["table"], note=note,
                                                  fractions=fractions, after=conclusion, continued=continued),
                               lead_alone=lead_alone))

    story += [Spacer(1, 3 * mm), para(words["rulings_title"].format(roman=ROMAN[section]), "section")]
    section += 1
    for line in words["rulings"]:
        story.append(para(line.format(crossed_out_ruling=words["crossed_out_ruling"][session.crossed_out.value]),
                          "body_indent"))

    story.append(Spacer(1, 3 * mm))
    seal_title = para(words["seal_title"].format(roman=ROMAN[section]), "section")
    if result.fingerprint and not draft:
        text = para(words["seal_text"].format(fingerprint=result.fingerprint), "plain")
        seal = Table([[text, qr_drawing(result.fingerprint)]], colWidths=[frame_width() - 32 * mm, 32 * mm])
        seal.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)))
        story.append(KeepTogether([seal_title, seal]))
    else:
        story.append(KeepTogether([seal_title, para(words["seal_draft"], "body_indent")]))
    destination = words["copy_destinations"][min(k, len(words["copy_destinations"])) - 1]
    closing = para(words["closing"].format(copies=copies, k=k, destination=destination), "body_indent")
    # The last paragraph and the signatures stay together (a page never ends on the text alone).
    story.append(KeepTogether([closing, *_signatures(session, words, date_words, fingerprint, k, copies)]))
    return story


def _signatures(session: Session, words: dict, date_words: str, fingerprint: str, k: int, copies: int) -> list:
    width = frame_width()
    story: list = [Spacer(1, 6 * mm)]
    head = committee_head(session.committee)
    members = [m for m in session.committee if m is not head]
    head_block = signature_block(words["sign_head"], words["sign_hint"], head.name if head else "", width / 2)
    table = Table([["", head_block]], colWidths=[width / 2, width / 2])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    story += [table, Spacer(1, 10 * mm)]
    if members:
        story += [para(words["sign_members"], "sign_title"), Spacer(1, 4 * mm)]
        cells = [signature_block([words["sign_member_role"].format(role=m.role.upper())], words["sign_hint"], m.name,
                                 width / 2) for m in members]
        if len(cells) % 2:
            cells.append("")
        rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
        grid = Table(rows, colWidths=[width / 2, width / 2])
        grid.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8 * mm)))
        story.append(grid)
    return story


__all__ = ["minutes_bytes", "minutes_pdf", "render_minutes"]

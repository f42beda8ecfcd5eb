"""Báo cáo kết quả phiếu tín nhiệm (Phụ lục 4): the same figures as the minutes, for the higher level."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.session import Session, committee_head
from ..domain.tally import SessionResult
from ..domain.work import Ticker
from ..store import SessionFile
from .attendance import attendance_paragraphs
from .common import (
    at_meeting,
    build_document,
    frame_width,
    heading,
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
from .flow import WithTable
from .page_marks import PageMarks
from .tables import result_table

LETTERS = "abcdefghij"


def render_report(file: SessionFile, out: Path, draft: bool = False) -> None:
    data, _pages = report_bytes(file, draft=draft)
    from ..files import write_new  # a new file only: unpredictable temporary name, never through a link

    write_new(Path(out), data)


def report_bytes(file: SessionFile, draft: bool = False, fractions: bool = False,
                 ticker: Ticker | None = None) -> tuple[bytes, int]:
    """Refused while the count is unlocked unless a draft (marked on every page) is asked for."""
    if not file.locked and not draft:
        raise PhieuError(_("Chưa khóa kết quả: chỉ in được báo cáo kết quả sau khi khóa và niêm phong "
                           "(hoặc in bản dự thảo với --draft)."))
    return report_pdf(file.session, file.results(), draft=not file.locked, fractions=fractions, ticker=ticker)


def report_pdf(session: Session, result: SessionResult, draft: bool = False,
               fractions: bool = False, ticker: Ticker | None = None) -> tuple[bytes, int]:
    common = wording("common")["marks"]
    footer = f"{session.organization} · " + (common["fingerprint"].format(fingerprint=result.fingerprint)
                                              if result.fingerprint else common["unlocked"])
    marks = PageMarks(secret=True, draft=draft, footer=footer, ticker=ticker)
    words = regime_wording("report", session.regime)
    return build_document(lambda: _story(session, result, draft, fractions), marks, words["title"],
                          session.organization,
                          session.title)


def _story(session: Session, result: SessionResult, draft: bool, fractions: bool = False) -> list:
    words = regime_wording("report", session.regime)
    chair = committee_head(session.committee)
    head = chair.name if chair is not None else words["head_unknown"]
    story: list = [Spacer(1, 8 * mm),
                   heading(session, right_date=place_date(session.place, session.date), stamp_hint=words["stamp_hint"],
                           number=words["number_kind"]),
                   Spacer(1, 8 * mm), para(words["title"], "title"),
                   para(at_meeting(words["meeting"], words["meeting_generic"], session.title), "subtitle"),
                   title_rule(at_meeting(words["meeting"], words["meeting_generic"], session.title)),
                   Spacer(1, 5 * mm)]
    if len(session.papers) == 1:
        papers = words["paper_one"].format(voters=session.papers[0].voters, title=session.papers[0].title)
    else:
        papers = words["paper_many"].format(count=len(session.papers), list="; ".join(
            words["paper_item"].format(letter=LETTERS[i % len(LETTERS)], voters=p.voters, title=p.title)
            for i, p in enumerate(session.papers)))
    story.append(para(words["intro"].format(day=session.date.strftime("%d/%m/%Y"), place=session.place,
                                            count=len(session.committee), head=head, papers=papers),
                      "plain_indent"))
    title = words.get("attendance_title_by_regime", {}).get(session.regime.value, words["attendance_title"])
    story.append(para(title.format(summoned=vn_number(session.summoned)), "body_indent"))
    lines = dict(words, attendance=[words["group_attendance_first"], *words["attendance"]]) if session.groups else words
    story += attendance_paragraphs(session, lines)
    for paper in result.papers:
        if len(result.papers) == 1:
            for line in words["paper_counts"]:
                story.append(para("- " + line.format(issued=vn_number(paper.issued),
                                                     returned=vn_number(paper.returned)), "body_indent"))
        else:
            story.append(para("- " + words["paper_counts_named"].format(
                title=paper.title, issued=vn_number(paper.issued), returned=vn_number(paper.returned)), "body_indent"))
    for index, paper in enumerate(result.papers):
        lead = [para(words["results_title"], "body_indent")] if index == 0 else []  # styled as item 1
        if len(result.papers) > 1:
            lead.append(para(words["paper_heading"].format(letter=LETTERS[index % len(LETTERS)], title=paper.title),
                             "section"))
        note = words["note"].format(basis=paper.basis.label, denominator=vn_number(paper.denominator))
        lead.append(Spacer(1, 1.5 * mm))
        story += [WithTable(lead, result_table(paper, session.regime, words["table"], invalid=True, band=False,
                                               note=note, fractions=fractions)),
                  Spacer(1, 3 * mm)]
    width = frame_width()
    if result.fingerprint and not draft:
        seal = Table([[para(words["seal"].format(fingerprint=result.fingerprint), "small"),
                       qr_drawing(result.fingerprint, 22 * mm)]], colWidths=[width - 26 * mm, 26 * mm])
        seal.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)))
        story.append(seal)
    else:
        story.append(para(words["seal_draft"], "body_indent"))
    sign = Table([["", signature_block(words["sign"], words["sign_hint"], head if head != words["head_unknown"] else "",
                                       width / 2)]], colWidths=[width / 2, width / 2])
    sign.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    # the seal's sentence (the last paragraph) goes with the signature
    last = story.pop()
    story.append(KeepTogether([last, Spacer(1, 4 * mm), sign]))
    return story


__all__ = ["render_report", "report_bytes", "report_pdf"]

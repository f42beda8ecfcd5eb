"""Hồ sơ người được lấy phiếu: the Phụ lục 1 checklist and a Phụ lục 2 report form for every person."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table

from ..domain.session import BallotPaper, Person, Session
from ..store import SessionFile
from .common import (
    at_meeting,
    build_document,
    frame_width,
    heading,
    para,
    place_date,
    regime_wording,
    signature_block,
    table_style,
    wording,
)
from .flow import RuledTable
from .fonts import BOLD
from .page_marks import CopyStart, PageMarks


def render_dossier(file: SessionFile, out: Path) -> None:
    data, _pages = dossier_bytes(file)
    from ..files import write_new  # a new file only: unpredictable temporary name, never through a link

    write_new(Path(out), data)


def dossier_bytes(file: SessionFile) -> tuple[bytes, int]:
    """Available before the vote: it needs only the session, not the count."""
    session = file.session
    forms = 2 * sum(len(paper.persons) for paper in session.papers)
    # Each form (the checklist, the person's report) is numbered on its own: "Trang 1/2" of that form.
    marks = PageMarks(secret=True, footer=session.organization, copies=forms, show_copy=False)
    return build_document(lambda: _story(session, marks), marks, wording("dossier")["checklist"]["title"],
                          session.organization, session.title)


def _story(session: Session, marks: PageMarks) -> list:
    story: list = []
    number = 0
    for paper in session.papers:
        for person in paper.persons:
            for part in (_checklist, _report_form):
                if story:
                    story.append(PageBreak())
                number += 1
                story.append(CopyStart(marks, number))
                story += part(session, paper, person)
    return story


def _checklist(session: Session, paper: BallotPaper, person: Person) -> list:
    words = regime_wording("dossier", session.regime)["checklist"]
    width = frame_width()
    story: list = [Spacer(1, 8 * mm), heading(session, right_date=place_date(session.place, session.date)),
                   Spacer(1, 10 * mm), para(words["title"], "title"), Spacer(1, 6 * mm),
                   para(words["person"].format(name=person.name), "section"),
                   para(words["position"].format(position=person.position), "body"),
                   para(words["paper"].format(paper=paper.title, title=session.title), "body"), Spacer(1, 4 * mm),
                   para(words["intro"], "body")]
    rows = [[para(text, "cell_head") for text in words["head"]]]
    for order, item in enumerate(words["items"], start=1):
        rows.append([para(str(order), "cell_center"), para(item, "cell"), "", ""])
    table = RuledTable(rows, colWidths=[12 * mm, width - 52 * mm, 20 * mm, 20 * mm], repeatRows=1)
    table.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("FONTNAME", (0, 0), (-1, 0), BOLD), ("TOPPADDING", (0, 1), (-1, -1), 6),
                               ("BOTTOMPADDING", (0, 1), (-1, -1), 8)))
    sign = Table([["", signature_block([words["received"]], words["sign_hint"], "", width / 2)]],
                 colWidths=[width / 2, width / 2])
    sign.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    return story + [Spacer(1, 2 * mm), table, Spacer(1, 10 * mm), sign]


def _report_form(session: Session, paper: BallotPaper, person: Person) -> list:
    words = regime_wording("dossier", session.regime)["report"]
    width = frame_width()
    story: list = [Spacer(1, 8 * mm), heading(session, right_date=wording("common")["dates"]["blank_place_date"]),
                   Spacer(1, 8 * mm), para(words["title"], "title"), para(words["subtitle"], "title"),
                   para(at_meeting(words["meeting"], words["meeting_generic"], session.title), "center"),
                   Spacer(1, 4 * mm),
                   para(words["to"].format(voters=paper.voters), "center"), Spacer(1, 4 * mm)]
    for line in words["who"]:
        story.append(para("- " + line.format(name=person.name, position=person.position,
                                             organization=session.organization), "plain_indent"))
    story.append(para(words["basis"][session.regime.value].format(organization=session.organization), "body_indent"))
    dots = ["……"] * int(words["lines_per_section"])
    for section in words["sections"]:
        story.append(Spacer(1, 2 * mm))
        story.append(para(section["title"], "section"))
        story += [para("- " + hint, "note") for hint in section["hints"]]
        story += [para(line, "plain") for line in dots]
    sign = Table([["", signature_block([words["sign"]], words["sign_hint"], person.name, width / 2)]],
                 colWidths=[width / 2, width / 2])
    sign.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    # the last lines to fill in go with the signature
    tail = [story.pop() for _ in range(2)][::-1]
    story.append(KeepTogether([*tail, Spacer(1, 6 * mm), sign]))
    return story


__all__ = ["dossier_bytes", "render_dossier"]

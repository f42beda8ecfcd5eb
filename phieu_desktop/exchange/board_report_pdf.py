"""The board's consolidated report as an official document (A4 portrait, Nghị định 30 or Hướng dẫn 36 like the
units' papers): the issuing body and national title, number, place and date, title, the figures, a signature block,
MẬT and page numbers on every page. Built with the shared header and layout helpers of documents/."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from ..documents.common import (
    build_document,
    frame_width,
    heading,
    para,
    place_date,
    signature_block,
    style,
    table_style,
    vn_number,
    wording,
)
from ..documents.flow import RuledTable, WithTable
from ..documents.page_marks import PageMarks
from ..domain.work import SILENT, Ticker
from ..files import write_new_with
from .board_report import BoardReport, ReportedUnit
from .consolidated_report import Row, attendance, paper_group_name


def _cell(text: object, name: str = "cell") -> Paragraph:
    return Paragraph(escape("" if text is None else str(text)), style(name))


def _section(text: str) -> Paragraph:
    """A section heading with room above it (the shared "section" style has none)."""
    from reportlab.lib.styles import ParagraphStyle

    return Paragraph(escape(text), ParagraphStyle("board_section", parent=style("section"), spaceBefore=8,
                                                  spaceAfter=2))


def _grid(data: list[list], widths: list[float]) -> RuledTable:
    head = [[_cell(c, "cell_head") for c in data[0]]]
    body = [[c if isinstance(c, Paragraph) else _cell(c, "cell_center" if i == 0 else "cell_right"
                                                         if isinstance(c, int) else "cell")
             for i, c in enumerate(row)] for row in data[1:]]
    table = RuledTable(head + body, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("FONTSIZE", (0, 0), (-1, -1), 9)))
    return table


def _issuer(report: BoardReport) -> SimpleNamespace:
    """What the shared heading reads of a session: the issuing body, its parent and the kind of header."""
    return SimpleNamespace(organization=report.info.get("organization", ""), parent=report.info.get("parent", ""),
                           header=report.header)


def _attendance(report: BoardReport, words: dict) -> RuledTable:
    t = words["attendance"]
    data: list[list] = [[t["order"], t["unit"], t["summoned"], t["present"], t["present_at_vote"], t["quorum"],
                         t["origin"]]]
    for n, reported in enumerate(report.units, start=1):
        unit = reported.unit
        data.append([n, _cell(f"{unit.organization} ({reported.roster.code})"), vn_number(unit.summoned),
                     vn_number(unit.present), vn_number(unit.present_at_vote),
                     t["yes"] if reported.quorum else t["no"], t["signed"] if reported.signed else t["checked"]])
        for group in attendance(unit)[1:]:  # voter groups: each its own figures and its own 2/3 (issue 24 item 5)
            data.append(["", _cell(t["group"].format(name=group.name, papers="; ".join(group.papers))),
                         vn_number(group.summoned), vn_number(group.present), vn_number(group.present_at_vote),
                         t["yes"] if group.quorum else t["no"], ""])
    width = frame_width()
    fixed = [10 * mm, 18 * mm, 16 * mm, 20 * mm, 16 * mm, 24 * mm]
    return _grid(data, [fixed[0], width - sum(fixed)] + fixed[1:])


def _persons(report: BoardReport, reported: ReportedUnit, words: dict) -> list:
    t = words["table"]
    levels = reported.unit.regime.levels
    parts = []
    for paper in reported.unit.result.papers:
        data: list[list] = [[t["order"], t["name"], t["position"], t["returned"], *[lv.label for lv in levels],
                             t["band"]]]
        for row in report.unit_rows(reported):
            if row.paper_key != paper.key:
                continue
            data.append([row.order, _cell(row.name), _cell(row.position), vn_number(row.returned),
                         *[f"{row.counts.get(lv.key, 0)} ({row.percent_text(lv.key)})" for lv in levels],
                         _cell(row.band_label)])
        width = frame_width()
        level_width = 23 * mm
        fixed = 10 * mm + 13 * mm + 20 * mm + level_width * len(levels)
        rest = width - fixed
        table = _grid(data, [10 * mm, rest * 0.45, rest * 0.55, 13 * mm, *[level_width] * len(levels), 20 * mm])
        note = para(words["note"].format(basis=paper.basis.label.split(" trên ")[-1],
                                         denominator=vn_number(paper.denominator)), "note")
        parts.append((paper, table, note))
    return parts


def _places_table(groups: list[list[Row]], words: dict) -> RuledTable:
    t = words["table"]
    data: list[list] = [[t["order"], t["name"], t["unit"], t["position"], t["returned"], t["adverse"], t["band"]]]
    for n, group in enumerate(groups, start=1):
        for i, row in enumerate(group):
            adverse = row.unit.regime.adverse.key
            data.append([n if i == 0 else "", _cell(row.name if i == 0 else ""), _cell(row.unit.organization),
                         _cell(row.position), vn_number(row.returned),
                         f"{row.counts.get(adverse, 0)} ({row.percent_text(adverse)})", _cell(row.band_label)])
    width = frame_width()
    fixed = [10 * mm, 13 * mm, 26 * mm, 20 * mm]
    rest = width - sum(fixed)
    return _grid(data, [fixed[0], rest * 0.28, rest * 0.36, rest * 0.36, fixed[1], fixed[2], fixed[3]])


def _story(report: BoardReport, ticker: Ticker) -> list:
    words = wording("board_report")
    info = report.info
    right_date = place_date(info.get("place") or "……", report.today)
    if info.get("number"):  # the number the office gave: printed as typed
        typed = words["number"].format(number=info["number"])
        head = heading(_issuer(report), right_date=right_date, left_extra=[typed])
    else:  # dotted, in the header's own form (state "Số: ……/BC-……", Party "Số ……-BC/……"), like the units' papers
        head = heading(_issuer(report), right_date=right_date, number=words["number_kind"])
    story: list = [head, Spacer(1, 6 * mm),
                   para(words["title"], "title"),
                   para(words["subtitle"].format(title=(" — " + info["title"]) if info.get("title") else ""),
                        "subtitle"),
                   Spacer(1, 5 * mm),
                   para(words["intro"].format(organization=info.get("organization", "")), "body_indent"),
                   _section(words["received_title"]),
                   para(words["received"].format(expected=vn_number(len(report.status.statuses)),
                                                 reported=vn_number(len(report.units)),
                                                 missing=vn_number(len(report.missing)),
                                                 deadline=report.status.deadline.text()), "body_indent")]
    if report.units:
        story.append(WithTable([_section(words["attendance_title"]), Spacer(1, 2 * mm)],
                               _attendance(report, words)))
        story.append(_section(words["results_title"]))
    for n, reported in enumerate(report.units, start=1):
        ticker.step(n, len(report.units), "")
        unit = reported.unit
        lead = [para(words["unit_heading"].format(n=n, name=unit.organization, code=reported.roster.code,
                                                  title=unit.title, day=unit.date.strftime("%d/%m/%Y")), "small"),
                Paragraph(escape(words["table"]["fingerprint"].format(fingerprint=unit.fingerprint)), style("cell"))]
        for paper, table, note in _persons(report, reported, words):
            if len(unit.result.papers) > 1:
                group = paper_group_name(unit, paper.group)
                lead.append(para(words["paper_group"].format(title=paper.title, group=group) if group else paper.title,
                                 "small"))
            story += [WithTable(lead + [Spacer(1, 1 * mm)], table), note, Spacer(1, 2 * mm)]
            lead = []
    story.append(_section(words["two_places_title"]))
    if report.two_places:
        story += [para(words["two_places_intro"], "body_indent"), Spacer(1, 2 * mm),
                  _places_table(report.two_places, words)]
    else:
        story.append(para(words["two_places_none"], "body_indent"))
    if report.namesakes:
        story.append(WithTable([Spacer(1, 2 * mm), para(words["namesakes_title"], "note")],
                               _places_table(report.namesakes, words)))
    story.append(_section(words["bands_title"]))
    adverse = report.adverse_rows
    if adverse:
        story.append(_places_table([[r] for r in adverse], words))
    else:
        story.append(para(words["bands_none"], "body_indent"))
    story.append(_section(words["missing_title"]))
    if report.missing:
        t = words["table"]
        data: list[list] = [[t["order"], t["code"], t["unit"], t["parent"], t["state"]]]
        for i, status in enumerate(report.missing, start=1):
            data.append([i, _cell(status.unit.code), _cell(status.unit.name), _cell(status.unit.parent),
                         _cell(status.state.label + (": " + status.reason if status.reason else ""))])
        width = frame_width()
        story.append(_grid(data, [10 * mm, 20 * mm, (width - 70 * mm) / 2, (width - 70 * mm) / 2, 40 * mm]))
    else:
        story.append(para(words["missing_none"], "body_indent"))
    width = frame_width()
    signer_title = [line for line in (info.get("signer_title") or "").split("|") if line] or words["sign_default"]
    left = [para(words["recipients"][0], "small")] + [Paragraph(escape(line), style("cell"))
                                                      for line in words["recipients"][1:]]
    sign = Table([[left, signature_block(signer_title, words["sign_hint"], info.get("signer", ""), width / 2)]],
                 colWidths=[width / 2, width / 2])
    sign.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    story += [Spacer(1, 6 * mm), KeepTogether([sign])]
    return story


def report_pdf(report: BoardReport, ticker: Ticker = SILENT) -> tuple[bytes, int]:
    marks = PageMarks(secret=True, footer=report.info.get("organization", ""))
    words = wording("board_report")
    return build_document(lambda: _story(report, ticker), marks, words["title"], report.info.get("organization", ""),
                          words["subtitle"].format(title=""))


def write_report_pdf(report: BoardReport, out: Path, ticker: Ticker = SILENT) -> int:
    data, pages = report_pdf(report, ticker)
    write_new_with(Path(out), lambda temp: temp.write_bytes(data))
    return pages


def _missing_story(report: BoardReport) -> list:
    words = wording("board_report")
    info = report.info
    story: list = [heading(_issuer(report), right_date=place_date(info.get("place") or "……", report.today)),
                   Spacer(1, 6 * mm), para(words["missing_list_title"], "title"),
                   para(words["missing_list_sub"].format(deadline=report.status.deadline.text(),
                                                         n=vn_number(len(report.missing)),
                                                         expected=vn_number(len(report.status.statuses))),
                        "center_italic"), Spacer(1, 4 * mm)]
    t = words["table"]
    data: list[list] = [[t["order"], t["code"], t["unit"], t["parent"], t["contact"], t["state"]]]
    for i, status in enumerate(report.missing, start=1):
        data.append([i, _cell(status.unit.code), _cell(status.unit.name), _cell(status.unit.parent),
                     _cell(status.unit.contact), _cell(status.state.label + (": " + status.reason if status.reason
                                                                              else ""))])
    width = frame_width()
    rest = width - 10 * mm - 18 * mm - 30 * mm
    story.append(_grid(data, [10 * mm, 18 * mm, rest * 0.35, rest * 0.35, rest * 0.3, 30 * mm]) if report.missing
                 else para(words["missing_none"], "body_indent"))
    return story


def write_missing_pdf(report: BoardReport, out: Path) -> int:
    """The printable list of units that have not reported (not received, overdue, waiting or refused)."""
    marks = PageMarks(secret=False, footer=report.info.get("organization", ""))
    words = wording("board_report")
    data, pages = build_document(lambda: _missing_story(report), marks, words["missing_list_title"],
                                 report.info.get("organization", ""))
    write_new_with(Path(out), lambda temp: temp.write_bytes(data))
    return pages


__all__ = ["report_pdf", "write_missing_pdf", "write_report_pdf"]

"""The Phụ lục 4 table as a real spreadsheet: a sheet per ballot paper, numbers as numbers, % formatted 0.00."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.regime import Regime
from ..domain.session import Session, attendance_breakdown
from ..domain.tally import PaperResult, SessionResult, percent_hundredths
from ..store import SessionFile
from .common import regime_wording
from .excel_text import put

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def render_xlsx(file: SessionFile, out: Path, draft: bool = False) -> None:
    from ..files import write_new  # a new file only: unpredictable temporary name, never through a link

    write_new(Path(out), xlsx_bytes(file, draft=draft))


def xlsx_bytes(file: SessionFile, draft: bool = False) -> bytes:
    if not file.locked and not draft:
        raise PhieuError(_("Chưa khóa kết quả: chỉ xuất bảng kết quả sau khi khóa và niêm phong "
                           "(hoặc xuất bản dự thảo với --draft)."))
    return results_workbook(file.session, file.results())


def percent_value(count: int, denominator: int | None) -> float | None:
    """The printed percentage as a number (66.67 for 20/30): half-up on the exact value, like every document."""
    if not denominator:
        return None
    return percent_hundredths(count, denominator) / 100


def sheet_name(title: str, taken: set[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name; names must be unique."""
    base = " ".join(re.sub(r"[\[\]:*?/\\]", " ", title).split()) or "Phieu"
    name, n = _whole_words(base, 31), 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = _whole_words(base, 31 - len(suffix)) + suffix, n + 1
    taken.add(name.casefold())
    return name


def _whole_words(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word boundary (a single over-long word is cut, there is no other way)."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut[:limit].rstrip(" ,;-")


def results_workbook(session: Session, result: SessionResult) -> bytes:
    words = regime_wording("xlsx", session.regime)
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for paper, spec in zip(result.papers, session.papers):
        sheet = book.create_sheet(sheet_name(paper.title, taken))
        _fill(sheet, session, result, paper, spec.voters, words)
    book.properties.creator = "phieu-desktop"
    book.properties.title = words["title"]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet, session: Session, result: SessionResult, paper: PaperResult, voters: str, words: dict) -> None:
    font = words["font"]
    regular, bold = Font(name=font, size=12), Font(name=font, size=12, bold=True)
    levels = session.regime.levels
    last_col = 5 + 2 * len(levels) + 1
    row = 1
    put(sheet, row, 1, session.organization.upper()).font = bold
    secret = put(sheet, row, last_col, words["secret"])  # the plan: "Văn bản Mật"
    secret.font = Font(name=font, size=14, bold=True, color="CC0000")
    secret.border = Border(*(Side(style="medium", color="CC0000"),) * 4)
    secret.alignment = Alignment(horizontal="center")
    row += 1
    put(sheet, row, 1, words["title"]).font = Font(name=font, size=14, bold=True)
    if not result.locked:
        put(sheet, row, 6, words["draft"]).font = Font(name=font, size=12, bold=True, color="CC0000")
    row += 1
    values = dict(title=session.title, paper_title=paper.title, voters=voters, date=session.date.strftime("%d/%m/%Y"))
    for label, template in words["labels"]:
        put(sheet, row, 1, label).font = bold
        put(sheet, row, 3, template.format(**values)).font = regular
        row += 1
    group = result.paper_attendance(paper)
    figures = attendance_breakdown(group.summoned, group.present, group.present_at_vote)
    absent = figures.absent_at_vote if figures is not None else None
    for label, value in ((words["summoned"], group.summoned), (words["present"], group.present),
                         (words["absent"], absent), (words["present_at_vote"], group.present_at_vote)):
        put(sheet, row, 1, label).font = bold
        put(sheet, row, 3, value).font = regular
        if label == words["absent"] and figures is not None and figures.left_before_vote is not None:
            put(sheet, row, 4, words["absent_breakdown"].format(
                absent_from_start=figures.absent_from_start, left=figures.left_before_vote)).font = regular
        row += 1
    for label, value in ((words["issued"], paper.issued), (words["returned"], paper.returned),
                         (words["entered"], paper.entered), (words["denominator"], paper.denominator)):
        put(sheet, row, 1, label).font = bold
        put(sheet, row, 3, value).font = regular
        if label == words["denominator"]:
            put(sheet, row, 4, paper.basis.label).font = Font(name=font, size=12, italic=True)
        row += 1
    put(sheet, row, 1, words["fingerprint"]).font = bold
    put(sheet, row, 3, result.fingerprint or words["unlocked"]).font = regular
    row += 2

    head = words["table"]
    top = row
    fixed = [head["order"], head["name"], head["position"], head["valid"], head["invalid"]]
    for col, text in enumerate(fixed, start=1):
        put(sheet, top, col, text)
        sheet.merge_cells(start_row=top, start_column=col, end_row=top + 2, end_column=col)
    put(sheet, top, 6, head["levels_head_bpt"] if session.regime is Regime.NQ96_BPT else head["levels_head"])
    sheet.merge_cells(start_row=top, start_column=6, end_row=top, end_column=5 + 2 * len(levels))
    for index, level in enumerate(levels):
        col = 6 + 2 * index
        put(sheet, top + 1, col, level.label)
        sheet.merge_cells(start_row=top + 1, start_column=col, end_row=top + 1, end_column=col + 1)
        put(sheet, top + 2, col, head["count"])
        put(sheet, top + 2, col + 1, head["percent"])
    put(sheet, top, last_col, head["band"])
    sheet.merge_cells(start_row=top, start_column=last_col, end_row=top + 2, end_column=last_col)
    for r in range(top, top + 3):
        for c in range(1, last_col + 1):
            cell = sheet.cell(r, c)
            cell.font, cell.border = bold, BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    row = top + 3
    for person in paper.persons:
        cells = [person.order, person.name, person.position, person.valid, person.invalid]
        for level in levels:
            cells += [person.counts[level.key], percent_value(person.counts[level.key], person.denominator)]
        band = person.band.label
        if band and session.regime is Regime.NQ96_BPT:  # the minutes' word for a no-confidence vote: "Quá nửa"
            band = head.get("band_over_half_bpt", band)
        cells.append(band or None)
        for col, value in enumerate(cells, start=1):
            cell = put(sheet, row, col, value)
            cell.font, cell.border = regular, BOX
            cell.alignment = Alignment(vertical="center", wrap_text=col in (2, 3),
                                       horizontal="left" if col in (2, 3) else "center")
            if col >= 6 and col < last_col and (col - 6) % 2 == 1:
                cell.number_format = words["percent_format"]
        row += 1
    put(sheet, row + 1, 1, f"Ghi chú: {paper.basis.label} ({paper.denominator} phiếu).").font = Font(
        name=font, size=11, italic=True)

    widths = [6, 26, 32, 10, 11] + [9, 9] * len(levels) + [14]
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(top + 3, 3)
    sheet.print_title_rows = f"{top}:{top + 2}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


__all__ = ["percent_value", "render_xlsx", "results_workbook", "sheet_name", "xlsx_bytes"]

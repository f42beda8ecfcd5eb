"""What the higher level's two workbooks (the consolidated report, the board's report) set up alike: a bold
header row, a percentage as a real number, and the attendance of every unit with its voter groups."""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..documents.excel_text import row_of, set_text
from ..domain.i18n import _
from .consolidated_report import Row, attendance
from .intake import Unit

PERCENT = "0.00%"


def header(sheet, titles: list[str]) -> None:
    """The titles of a write-only sheet, bold, as text."""
    cells = []
    for title in titles:
        cell = set_text(WriteOnlyCell(sheet), title)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def append(sheet, values: list) -> None:
    """One row; every string written as text (never a formula: a name may start with '=')."""
    sheet.append(row_of(sheet, values))


def percent(sheet, row: Row, key: str) -> WriteOnlyCell | None:
    """A row's official percentage as a number Excel shows as 83.33%; None without a denominator."""
    value = row.hundredths(key)
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value / 10000)
    cell.number_format = PERCENT
    return cell


def attendance_titles() -> list[str]:
    """The columns of `attendance_values` (translated when called, in the language chosen by then)."""
    return [_("Thành phần ghi phiếu"), _("Loại phiếu"), _("Triệu tập"), _("Có mặt"), _("Có mặt khi bỏ phiếu"),
            _("Đủ 2/3")]


def attendance_values(unit: Unit) -> list[list]:
    """One row per attendance line of a unit (the whole meeting, then each voter group with its own figures and
    its own 2/3), under `attendance_titles()`."""
    return [[line.name, "; ".join(line.papers), line.summoned, line.present, line.present_at_vote,
             _("Đủ") if line.quorum else _("Không đủ")] for line in attendance(unit)]


__all__ = ["attendance_titles", "PERCENT", "append", "attendance_values", "header", "percent"]

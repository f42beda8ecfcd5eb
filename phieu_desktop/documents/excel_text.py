"""Text into an Excel cell as text, always: never a formula, never a character Excel refuses.

openpyxl turns any string starting with '=' into a formula; Excel itself evaluates '+', '-' and '@' when the
cell is edited. A person may well be named '=cmd|…' by someone hostile: the name is written as a string
(`data_type = 's'`) with Excel's quote prefix, exactly as typed. Characters XML 1.0 cannot carry (only in files
from programs older than the text check) become U+FFFD instead of failing the whole workbook.
"""

from __future__ import annotations

from openpyxl.cell import Cell, WriteOnlyCell

from ..domain.text import excel_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def set_text(cell: Cell, text: str) -> Cell:
    """Put `text` into `cell` as a string."""
    safe = excel_safe(text)
    cell.value = safe
    cell.data_type = "s"
    if safe.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def put(sheet, row: int, column: int, value: object) -> Cell:
    """`sheet.cell(row, column, value)` for a normal worksheet, with strings always as text."""
    if isinstance(value, str):
        return set_text(sheet.cell(row, column), value)
    return sheet.cell(row, column, value)


def row_of(sheet, values: list) -> list:
    """A row for `sheet.append` in a write-only workbook, with strings as text cells."""
    return [set_text(WriteOnlyCell(sheet), value) if isinstance(value, str) else value for value in values]


__all__ = ["FORMULA_STARTS", "put", "row_of", "set_text"]

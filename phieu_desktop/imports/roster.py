"""The board's roster from a list (.xlsx or .csv): unit code, name, parent body, contact; every row checked, a bad
row named, nothing taken when any row is wrong."""

from __future__ import annotations

from pathlib import Path

from ..domain import limits
from ..domain.board import RosterUnit, roster_problems
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.session import UNIT_CODE_PATTERN
from ..domain.text import clean, text_problem
from .persons import _csv_rows, _plain, _xlsx_rows

_HEADERS = {
    "code": ("ma don vi", "ma dv", "ma"),
    "parent": ("co quan cap tren", "cap tren", "truc thuoc", "don vi cap tren"),
    "contact": ("lien he", "dien thoai", "email", "nguoi lien he"),
    "name": ("ten don vi", "ten co quan", "don vi", "co quan", "ten"),
}


def _field(header: str) -> str | None:
    h = _plain(header)
    for field, words in _HEADERS.items():
        if h in words:
            return field
    for field, words in _HEADERS.items():
        if any(h.startswith(w + " ") for w in words[:2]):
            return field
    return None


def check_unit(code: str, name: str, parent: str = "", contact: str = "", where: str = "") -> RosterUnit:
    """One roster unit from typed or imported text; PhieuError naming `where` and the field."""
    code, name, parent, contact = clean(code), clean(name), clean(parent), clean(contact)
    prefix = where + ": " if where else ""
    if not code:
        raise PhieuError(prefix + _("thiếu mã đơn vị."))
    if len(code) > limits.MAX_UNIT_CODE or not UNIT_CODE_PATTERN.match(code):
        raise PhieuError(prefix + _("mã đơn vị “{code}” chỉ được gồm chữ cái không dấu, chữ số và . - _ / (tối đa "
                                    "{n} ký tự).").format(code=code[:60], n=limits.MAX_UNIT_CODE))
    if not name:
        raise PhieuError(prefix + _("thiếu tên đơn vị."))
    for label, text in ((_("tên đơn vị"), name), (_("cơ quan cấp trên"), parent), (_("liên hệ"), contact)):
        problem = text_problem(label, text, limits.MAX_TEXT)
        if problem:
            raise PhieuError(prefix + problem)
    return RosterUnit(code, name, parent, contact)


def _raw_rows(path: Path) -> list[tuple[int, list]]:
    """The rows of the first sheet of an .xlsx, or of a .csv, with the person import's readers (old encodings
    decoded per cell, sizes checked before reading)."""
    from ..files import read_input

    if path.is_dir() or not path.exists():
        raise PhieuError(_("Không tìm thấy tệp “{name}”.").format(name=path.name))
    limits.check_file_size(path.name, path.stat().st_size, limits.MAX_IMPORT_BYTES)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, limits.MAX_ROSTER_ROWS)
    if suffix in (".csv", ".txt"):
        return _csv_rows(read_input(path, limits.MAX_IMPORT_BYTES), path.name, limits.MAX_ROSTER_ROWS)
    raise PhieuError(_("Chỉ nhập được tệp .xlsx hoặc .csv (tệp “{name}”).").format(name=path.name))


def read_roster(path: str | Path, existing: list[RosterUnit] | tuple = ()) -> list[RosterUnit]:
    """The units of a list file, checked; refused whole (naming the row) when any row is wrong or repeats."""
    path = Path(path)
    rows = [(number, [c.text for c in cells]) for number, cells in _raw_rows(path) if any(c.text for c in cells)]
    columns: dict[str, int] = {}
    header_at = None
    for at, (_number, texts) in enumerate(rows[:10]):
        found: dict[str, int] = {}
        for index, text in enumerate(texts):
            field = _field(text)
            if field and field not in found:
                found[field] = index
        if "code" in found and "name" in found:
            columns, header_at = found, at
            break
    if header_at is None:
        raise PhieuError(_("Tệp “{name}”: không thấy dòng tiêu đề có cột “Mã đơn vị” và “Tên đơn vị”.").format(
            name=path.name))
    data = rows[header_at + 1:]
    if len(data) + len(existing) > limits.MAX_ROSTER_ROWS:
        raise PhieuError(_("Tệp “{name}”: danh sách vượt giới hạn {n} đơn vị.").format(
            name=path.name, n=limits.MAX_ROSTER_ROWS))

    def cell(texts: list[str], field: str) -> str:
        index = columns.get(field)
        return texts[index] if index is not None and index < len(texts) else ""

    units = []
    for number, texts in data:
        where = _("Tệp “{name}”, dòng {row}").format(name=path.name, row=number)
        units.append(check_unit(cell(texts, "code"), cell(texts, "name"), cell(texts, "parent"),
                                cell(texts, "contact"), where))
    refuse_duplicates(units, existing)
    return units


def refuse_duplicates(units: list[RosterUnit], existing: list[RosterUnit] | tuple = ()) -> None:
    """The same code under the same parent twice is refused; look-alike names are the clerk's to see (status)."""
    seen = {u.identity for u in existing}
    for unit in units:
        if unit.identity in seen:
            raise PhieuError(_("Mã đơn vị “{code}” ({parent}) đã có trong danh sách.").format(
                code=unit.code, parent=unit.parent or "—"))
        seen.add(unit.identity)


__all__ = ["check_unit", "read_roster", "refuse_duplicates", "roster_problems"]

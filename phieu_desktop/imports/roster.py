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
from .persons import _plain, read_table

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


def read_roster(path: str | Path, existing: list[RosterUnit] | tuple = ()) -> list[RosterUnit]:
    """The units of a list file, checked; refused whole (naming the row) when any row is wrong or repeats."""
    table = read_table(path)
    columns: dict[str, int] = {}
    for index, header in enumerate(table.header):
        field = _field(header)
        if field and field not in columns:
            columns[field] = index
    missing = [label for field, label in (("code", _("Mã đơn vị")), ("name", _("Tên đơn vị"))) if field not in columns]
    if missing:
        raise PhieuError(_("Tệp “{name}”: không thấy cột {columns} ở dòng tiêu đề.").format(
            name=table.source, columns=", ".join(missing)))
    if len(table.rows) + len(existing) > limits.MAX_ROSTER_ROWS:
        raise PhieuError(_("Tệp “{name}”: danh sách vượt giới hạn {n} đơn vị.").format(
            name=table.source, n=limits.MAX_ROSTER_ROWS))
    units = []
    for row in table.rows:
        where = _("Tệp “{name}”, dòng {row}").format(name=table.source, row=row.number)
        units.append(check_unit(row.text(columns.get("code")), row.text(columns.get("name")),
                                row.text(columns.get("parent")), row.text(columns.get("contact")), where))
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

"""Consolidation at the higher level: many packages in, verified units and per-file problems out.

Plain Python for both the `phieu consolidate` command and the window's consolidation view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_PACKAGE_BYTES
from ..domain.seal import fingerprint_group_matches, paper_matches, pick_group
from ..files import read_input
from .intake import Credentials, Unit, open_package


@dataclass(frozen=True)
class FileProblem:
    source: str
    reason: str

    @property
    def message(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Consolidation:
    units: list[Unit] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)


def _unit_key(unit: Unit) -> tuple[str, str, str, str]:
    """Which results are "the same unit's": its parent body and its unit code (or, without one, its name), on NFC
    text, with the meeting and its date; "Sở Thử" under two different parents are two units."""
    from ..domain.board import nfc_key

    return (nfc_key(unit.parent), unit.unit_code.casefold() or nfc_key(unit.organization), nfc_key(unit.title),
            unit.date.isoformat())


class Consolidator:
    """Adds packages one by one; one bad file never stops the others."""

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials
        self.result = Consolidation()
        self.given: dict[str, str] = {}  # each path as given (with "/") -> the name the unit is known by

    def _source_name(self, path: Path) -> str:
        """The file's name, as scripts know it; the path as given when another file of that name came first
        (a/don-vi.phieux and b/don-vi.phieux are two files, never one)."""
        given = str(path).replace("\\", "/")
        taken = {u.source for u in self.units} | {p.source for p in self.problems}
        source = path.name if path.name not in taken else given
        self.given[given] = source
        return source

    def source_of(self, named: str) -> str | None:
        """The unit's name for a file named on the command line: the path as given, else a file name that names
        exactly one file; None when it names none or several."""
        named = str(Path(named)).replace("\\", "/")
        if named in self.given:
            return self.given[named]
        base = named.rsplit("/", 1)[-1]
        matches = {source for given, source in self.given.items() if given.rsplit("/", 1)[-1] == base}
        return matches.pop() if len(matches) == 1 else None

    @property
    def units(self) -> list[Unit]:
        return self.result.units

    @property
    def problems(self) -> list[FileProblem]:
        return self.result.problems

    def add_file(self, path: Path) -> Unit | FileProblem:
        path = Path(path)
        source = self._source_name(path)
        if not path.exists():
            return self._refuse(source, _("không tìm thấy tệp"))
        try:
            data = read_input(path, MAX_PACKAGE_BYTES)
        except PhieuError as err:
            return self._refuse(source, str(err))
        return self.add_bytes(source, data)

    def add_bytes(self, source: str, data: bytes) -> Unit | FileProblem:
        try:
            unit = open_package(source, data, self.credentials)
        except PhieuError as err:
            return self._refuse(source, str(err))
        except (MemoryError, RecursionError):
            return self._refuse(source, _("gói quá lớn hoặc lồng nhau quá sâu để mở"))
        except Exception as err:  # noqa: BLE001 — one unit's file never stops the others; every shape is
            # checked before use, so this is a bug to report, named as such, with the file refused on its own
            return self._refuse(source, _("gói không đúng định dạng, không kiểm tra được ({kind})").format(
                kind=type(err).__name__))
        for other in self.units:
            if other.fingerprint == unit.fingerprint:
                return self._refuse(source, _("là bản thứ hai của kết quả “{org}” đã nhập từ tệp {other} (cùng mã "
                                              "niêm phong {fp})").format(org=unit.organization, other=other.source,
                                                                         fp=unit.fingerprint))
            if _unit_key(other) == _unit_key(unit):
                return self._refuse(source, _("“{org}” ({title}, ngày {day}) đã có kết quả khác từ tệp {other} (mã "
                                              "niêm phong {fp1}, tệp này {fp2}); hãy hỏi lại đơn vị").format(
                    org=unit.organization, title=unit.title, day=unit.date.strftime("%d/%m/%Y"), other=other.source,
                    fp1=other.fingerprint, fp2=unit.fingerprint))
        self.units.append(unit)
        return unit

    def add_files(self, paths: Iterable[Path]) -> Consolidation:
        for path in paths:
            self.add_file(path)
        return self.result

    def confirm_paper(self, source: str, typed_group: str, group: int | None = None) -> bool:
        """Check a group typed from the paper minutes; on a mismatch the unit is taken out and the reason kept."""
        unit = self._unit(source)
        if paper_matches(unit.fingerprint, typed_group, group):
            return True
        self.units.remove(unit)
        self._refuse(source, _("mã niêm phong trên biên bản giấy (“{typed}”) không khớp tệp ({fp})").format(
            typed=typed_group.strip(), fp=unit.fingerprint))
        return False

    def remove(self, source: str) -> None:
        self.units.remove(self._unit(source))

    def discard(self, item: Unit | FileProblem) -> None:
        """Take one file off the list: its unit, or the problem that refused it."""
        for kept in (self.units, self.problems):
            if any(x is item for x in kept):
                kept[:] = [x for x in kept if x is not item]

    def _unit(self, source: str) -> Unit:
        for unit in self.units:
            if unit.source == source:
                return unit
        raise PhieuError(_("Chưa nhập tệp “{name}”.").format(name=source))

    def _refuse(self, source: str, reason: str) -> FileProblem:
        problem = FileProblem(source, reason)
        self.problems.append(problem)
        return problem


def consolidate(paths: Iterable[Path], credentials: Credentials) -> Consolidation:
    return Consolidator(credentials).add_files(paths)


__all__ = ["Consolidation", "Consolidator", "FileProblem", "consolidate", "fingerprint_group_matches", "pick_group"]

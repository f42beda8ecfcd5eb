"""Opening one package at the higher level: decrypt in memory, re-verify exactly as `phieu verify` does.

The decrypted session file only ever lives in a private temporary folder (0700) removed before returning.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pyrage import x25519

from ..domain import audit
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_PACKAGE_BYTES
from ..domain.regime import Regime
from ..domain.session import size_problems
from ..domain.tally import SessionResult, result_to_json
from ..domain.text import visible
from ..files import read_input
from ..store import SessionFile
from . import age
from .package import Manifest, Package, read_zip


@dataclass(frozen=True)
class Unit:
    """One unit's verified count, as consolidated; the minutes are kept only as a flag, not in memory."""

    source: str  # the package's file name, to name it in every message
    organization: str
    parent: str
    title: str
    place: str
    date: date
    regime: Regime
    fingerprint: str
    result: SessionResult
    manifest: Manifest
    with_minutes: bool
    signature: object = None  # signing.check.SignatureCheck of the unit's signature; None: unsigned (issue 15)
    hidden_text: tuple[str, ...] = ()  # fields holding characters now forbidden (sealed by an earlier program),
    # each shown as ‹U+200B› in the texts above: flagged in every report, never silently dropped

    @property
    def origin_verified(self) -> bool:
        """True when the signature alone vouches for the sender; otherwise the paper check is needed."""
        from .origin import origin_verified

        return origin_verified(self.signature)

    @property
    def origin(self) -> str:
        from .origin import origin_text

        return origin_text(self.signature)


@dataclass(frozen=True)
class Credentials:
    """What the higher level opens packages with: its identities, and/or the passphrase a unit used."""

    identities: Sequence[x25519.Identity] = ()
    passphrase: str | None = None
    trust_roots: Sequence | None = None  # roots for the units' signatures; None: the user's trust store


def open_package(source: str, data: bytes, credentials: Credentials) -> Unit:
    """The unit inside `data`, verified; PhieuError with the reason only (the caller adds the file name)."""
    return _open(source, data, credentials)[0]


def verified_minutes(source: str, data: bytes, credentials: Credentials) -> bytes:
    """The minutes PDF inside a package, only once the package has passed every check (to print or compare)."""
    unit, package = _open(source, data, credentials)
    if package.minutes is None:
        raise PhieuError(_("gói của “{org}” không có biên bản kiểm phiếu").format(org=unit.organization))
    if not unit.with_minutes:
        raise PhieuError(_("biên bản trong gói của “{org}” không phải của đơn vị: nhật ký của tệp niêm phong không "
                           "ghi biên bản này (mã băm khác); hãy dùng biên bản giấy").format(org=unit.organization))
    return package.minutes


def minutes_tied(file: SessionFile, minutes: bytes) -> bool:
    """Does the sealed file's audit log name these very minutes (their SHA-256, noted when printed for export)?"""
    digest = hashlib.sha256(minutes).hexdigest()
    return any(entry.action == audit.NOTE and isinstance(entry.detail, dict)
               and entry.detail.get("document") == "minutes" and entry.detail.get("sha256") == digest
               for entry in file.audit_entries())


def _open(source: str, data: bytes, credentials: Credentials) -> tuple[Unit, Package]:
    clear = age.decrypt(data, credentials.identities, credentials.passphrase)
    package = read_zip(clear)
    del clear
    with tempfile.TemporaryDirectory(prefix="phieu-import-") as folder:
        os.chmod(folder, 0o700)
        path = Path(folder) / "unit.phieu"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(package.session)
        try:
            file = SessionFile.open(path)
        except PhieuError as err:
            raise PhieuError(_("tệp phiên bên trong gói không dùng được ({err})").format(err=err)) from None
        with file:
            unit = _verified_unit(source, file, package)
    from .origin import check_origin

    return replace(unit, signature=check_origin(package, unit.organization, credentials.trust_roots)), package


def _verified_unit(source: str, file: SessionFile, package: Package) -> Unit:
    manifest: Manifest = package.manifest
    if not file.locked:
        raise PhieuError(_("kết quả trong gói chưa được khóa và niêm phong"))
    report = file.opening_report  # `verify()` as run by SessionFile.open on this very file: chain, replay, seal
    if not report.ok:
        raise PhieuError(_("tệp phiên đã bị thay đổi ngoài chương trình: {problems}").format(
            problems="; ".join(report.problems[:3])))
    if manifest.fingerprint != file.fingerprint:
        raise PhieuError(_("mã niêm phong ghi trong bản kê ({claimed}) khác mã của tệp phiên ({actual})").format(
            claimed=manifest.fingerprint, actual=file.fingerprint))
    try:
        result = file.results()
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # a damaged page that quick_check did not reach
        raise PhieuError(_("tệp phiên bên trong gói bị hỏng")) from None
    if not results_agree(package.results, result_to_json(result)):
        raise PhieuError(_("kết quả gửi kèm không khớp kết quả tính lại từ các phiếu"))
    session = file.session
    wrong = size_problems(session, hidden_allowed=True)  # a 10,000-character title, 200 persons on a paper …
    if wrong:
        raise PhieuError(_("tệp phiên có dữ liệu chương trình không nhận: {problem}").format(problem=wrong[0]))
    # A count sealed by an earlier program may hold characters now forbidden (a zero-width space pasted from
    # Word): accepted, flagged, and every text shown with them visible (‹U+200B›).
    hidden = tuple(size_problems(session))
    if (manifest.organization, manifest.title, manifest.date, manifest.regime) != (
            session.organization, session.title, session.date.isoformat(), session.regime.value):
        raise PhieuError(_("bản kê ghi đơn vị hoặc hội nghị khác với tệp phiên"))
    return Unit(source=source, organization=visible(session.organization), parent=visible(session.parent),
                title=visible(session.title), place=visible(session.place), date=session.date, regime=session.regime,
                fingerprint=file.fingerprint or "", result=_visible_result(result) if hidden else result,
                manifest=manifest, with_minutes=package.minutes is not None and minutes_tied(file, package.minutes),
                hidden_text=hidden)


def _visible_result(result: SessionResult) -> SessionResult:
    """The same figures, every name, position and title with forbidden characters written out."""
    papers = tuple(replace(paper, title=visible(paper.title),
                           persons=tuple(replace(p, name=visible(p.name), position=visible(p.position))
                                         for p in paper.persons)) for paper in result.papers)
    return replace(result, papers=papers)


# The figures every package must carry. A field the recomputed results have and an older program did not yet write
# is tolerated; every field the package does carry must equal the recomputed one.
_PAPER_FIGURES = ("key", "issued", "returned", "entered", "denominator", "persons")
_PERSON_FIGURES = ("order", "name", "valid", "invalid", "counts", "percent", "band")


def results_agree(sent: object, recomputed: object) -> bool:
    """The results in the package equal the results recomputed from its ballots (see _PAPER_FIGURES)."""
    if not isinstance(sent, dict) or not isinstance(recomputed, dict):
        return False
    papers = sent.get("ballots")
    if not _subset(sent, recomputed) or not isinstance(papers, list) or len(papers) != len(recomputed["ballots"]):
        return False
    for paper in papers:
        if not all(name in paper for name in _PAPER_FIGURES):
            return False
        if not all(name in person for person in paper["persons"] for name in _PERSON_FIGURES):
            return False
    return all(name in sent for name in ("regime", "locked", "fingerprint"))


def _subset(sent: object, recomputed: object) -> bool:
    if isinstance(sent, dict):
        return isinstance(recomputed, dict) and all(
            key in recomputed and _subset(value, recomputed[key]) for key, value in sent.items())
    if isinstance(sent, list):
        return isinstance(recomputed, list) and len(sent) == len(recomputed) and all(
            _subset(a, b) for a, b in zip(sent, recomputed))
    return type(sent) is type(recomputed) and sent == recomputed


def read_package_file(path: Path, credentials: Credentials) -> Unit:
    """`open_package` for a file on disk; the message names the file."""
    path = Path(path)
    data = read_input(path, MAX_PACKAGE_BYTES)
    try:
        return open_package(path.name, data, credentials)
    except PhieuError as err:
        raise PhieuError(f"{path.name}: {err}") from None

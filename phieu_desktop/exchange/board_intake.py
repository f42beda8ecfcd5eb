"""The board's intake and paper checks: packages in by SHA-256, matched to the roster by unit code, look-alikes
shown, the whole fingerprint compared with the paper minutes' QR code (or two random groups).

Qt-free: the window runs these on a worker (`ui.background.run`), the `phieu board` command calls them directly.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..domain.board import RosterUnit, nfc_key, skeleton, unit_identity
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_PACKAGE_BYTES
from ..domain.regime import Denominator, Regime
from ..domain.seal import FINGERPRINT_GROUPS
from ..domain.tally import Band, GroupResult, PaperResult, PersonResult, SessionResult, result_to_json
from ..domain.work import SILENT, Ticker
from ..files import read_input
from ..store.board_file import BoardFile, StoredPackage
from ..store.rows import now
from .intake import Credentials, Unit, open_package
from .package import Manifest


@dataclass
class Intake:
    """One file taken in: its SHA-256, whether it was new, the unit it was matched to, and what the clerk must see."""

    source: str
    sha256: str
    accepted: bool = False
    reason: str = ""
    new: bool = True
    unit: RosterUnit | None = None
    notes: list[str] = field(default_factory=list)  # look-alikes, missing unit code … shown, never acted on

    @property
    def message(self) -> str:
        head = self.source + ": "
        if not self.new:
            return head + _("đã nhận trước đó (cùng SHA-256), không nhận lại")
        if not self.accepted:
            return head + _("bị từ chối: {reason}").format(reason=self.reason)
        where = self.unit.code + " — " + self.unit.name if self.unit else _("chưa khớp đơn vị nào trong danh sách")
        return head + _("đã nhận ({where})").format(where=where) + "".join("; " + n for n in self.notes)


def unit_summary(unit: Unit) -> dict:
    """What the board keeps of a verified unit: enough for the dashboard and the report, never the ballots."""
    return {"organization": unit.organization, "parent": unit.parent, "unit_code": unit.unit_code,
            "title": unit.title, "place": unit.place, "date": unit.date.isoformat(), "regime": unit.regime.value,
            "fingerprint": unit.fingerprint, "summoned": unit.summoned, "present": unit.present,
            "present_at_vote": unit.present_at_vote, "with_minutes": unit.with_minutes, "origin": unit.origin,
            "results": result_to_json(unit.result)}


def unit_from_summary(source: str, summary: dict) -> Unit:
    """A `Unit` for the report writers, rebuilt from what the board kept at intake."""
    results = summary["results"]
    regime = Regime(summary["regime"])
    papers = tuple(PaperResult(
        key=p["key"], title=p["title"], issued=p["issued"], returned=p["returned"], entered=p["entered"],
        basis=Denominator(p["denominator"]["basis"]), denominator=p["denominator"]["value"],
        persons=tuple(PersonResult(order=x["order"], name=x["name"], position=x["position"], valid=x["valid"],
                                   invalid=x["invalid"], counts=dict(x["counts"]),
                                   denominator=p["denominator"]["value"], band=Band(x["band"]))
                      for x in p["persons"]), group=p.get("group", "")) for p in results["ballots"])
    groups = tuple(GroupResult(g["key"], g["name"], g["summoned"], g["present"], g["present_at_vote"], g["met"])
                   for g in results.get("groups", ()))  # voter groups, each with its own attendance and 2/3
    quorum = results["quorum"]
    result = SessionResult(regime=regime, summoned=quorum["summoned"], present=quorum["present"],
                           present_at_vote=quorum["present_at_vote"], quorum_met=quorum["met"],
                           locked=results["locked"], fingerprint=results["fingerprint"], papers=papers,
                           groups=groups)
    manifest = Manifest(program="", organization=summary["organization"], parent=summary["parent"],
                        title=summary["title"], place=summary["place"], date=summary["date"],
                        regime=summary["regime"], fingerprint=summary["fingerprint"], exported_at="", files={},
                        unit_code=summary["unit_code"])
    return Unit(source=source, organization=summary["organization"], parent=summary["parent"],
                title=summary["title"], place=summary["place"], date=date.fromisoformat(summary["date"]),
                regime=regime, fingerprint=summary["fingerprint"], result=result, manifest=manifest,
                with_minutes=summary["with_minutes"], unit_code=summary["unit_code"], summoned=summary["summoned"],
                present=summary["present"], present_at_vote=summary["present_at_vote"])


def _notes(unit: Unit, roster: Sequence[RosterUnit], matched: RosterUnit | None) -> list[str]:
    notes = []
    if not unit.unit_code:
        notes.append(_("gói không có mã đơn vị (tệp của phiên bản cũ): cần khớp với danh sách một lần"))
    names = [matched] if matched else roster
    for candidate in names:
        if candidate.name == unit.organization:
            continue
        if nfc_key(candidate.name) == nfc_key(unit.organization):
            notes.append(_("tên “{a}” khác cách viết (Unicode) với “{b}” trong danh sách").format(
                a=unit.organization, b=candidate.name))
        elif skeleton(candidate.name) == skeleton(unit.organization):
            notes.append(_("tên “{a}” có chữ trông giống nhưng khác với “{b}” trong danh sách (ký tự lạ)").format(
                a=unit.organization, b=candidate.name))
    return notes


def suggestions(board: BoardFile, sha256: str) -> list[RosterUnit]:
    """Roster units a package without a unit code may belong to: same parent and a name that reads the same."""
    package = board.package(sha256)
    if package is None or not package.accepted:
        return []
    name, parent = package.unit["organization"], package.unit["parent"]
    return [u for u in board.roster() if skeleton(u.name) == skeleton(name)
            and (not u.parent or not parent or skeleton(u.parent) == skeleton(parent))]


def take_in(board: BoardFile, paths: Sequence[Path], credentials: Credentials,
            ticker: Ticker = SILENT) -> list[Intake]:
    """Read, decrypt, verify and record each package; one bad file never stops the others. A file already taken
    in (the same SHA-256, whatever its name) is not taken in twice."""
    roster = board.roster()
    by_identity = {u.identity: u for u in roster}
    known = board.known()
    outcomes = []
    for index, path in enumerate(paths):
        path = Path(path)
        ticker.step(index, len(paths), _("Đang mở gói {n}/{total}: {name}").format(
            n=index + 1, total=len(paths), name=path.name))
        try:
            data = read_input(path, MAX_PACKAGE_BYTES)
        except PhieuError as err:
            outcomes.append(Intake(path.name, "", reason=str(err), new=False))
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in known:
            outcomes.append(Intake(path.name, sha, new=False))
            continue
        known.add(sha)
        outcomes.append(_take_one(board, path.name, sha, data, credentials, roster, by_identity))
    ticker.step(len(paths), len(paths), _("Đã nhận {n} gói").format(n=len(paths)))
    return outcomes


def _take_one(board: BoardFile, source: str, sha: str, data: bytes, credentials: Credentials,
              roster: Sequence[RosterUnit], by_identity: dict) -> Intake:
    try:
        unit = open_package(source, data, credentials)
    except PhieuError as err:
        reason = str(err)
    except (MemoryError, RecursionError):
        reason = _("gói quá lớn hoặc lồng nhau quá sâu để mở")
    except Exception as err:  # noqa: BLE001 — one unit's file never stops the others (as consolidate does)
        reason = _("gói không đúng định dạng, không kiểm tra được ({kind})").format(kind=type(err).__name__)
    else:
        matched = by_identity.get(unit_identity(unit.unit_code, unit.parent)) if unit.unit_code else None
        stored = StoredPackage(sha, source, now(), True, "", unit.fingerprint, unit.origin_verified, unit.origin,
                               unit_summary(unit))
        board.record_package(stored, matched.identity if matched else None)
        return Intake(source, sha, True, unit=matched, notes=_notes(unit, roster, matched))
    board.record_package(StoredPackage(sha, source, now(), False, reason, "", False, "", {}), None)
    return Intake(source, sha, False, reason)


# --- the paper check: the whole fingerprint from the QR code, or two groups chosen at random ---

def _letters(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def check_qr(board: BoardFile, sha256: str, texts: Sequence[str]) -> bool:
    """Compare the QR code(s) read from the paper minutes with the package's fingerprint on all 96 bits."""
    package = _accepted(board, sha256)
    candidates = [t for t in texts if len(_letters(t)) == 4 * FINGERPRINT_GROUPS]
    if not candidates:
        raise PhieuError(_("Không đọc được mã QR của mã niêm phong trên ảnh biên bản; hãy chụp hoặc quét lại rõ "
                           "hơn, hoặc đối chiếu bằng hai nhóm ký tự."))
    matched = any(_letters(t) == _letters(package.fingerprint) for t in candidates)
    board.record_check(sha256, "qr", "96 bit", candidates[0], matched)
    return matched


def groups_to_ask(fingerprint: str) -> tuple[int, int]:
    """Two different groups (1-based) chosen at random: 32 bits a forger cannot aim at in advance."""
    count = max(2, len([g for g in fingerprint.split("-") if g]))
    first = 1 + secrets.randbelow(count)
    second = 1 + secrets.randbelow(count - 1)
    return (first, second + (second >= first))


def check_groups(board: BoardFile, sha256: str, asked: tuple[int, int], typed: tuple[str, str]) -> bool:
    package = _accepted(board, sha256)
    groups = package.fingerprint.upper().split("-")
    matched = all(1 <= g <= len(groups) and _letters(t) == groups[g - 1] for g, t in zip(asked, typed))
    board.record_check(sha256, "groups", ",".join(str(g) for g in asked), ",".join(t.strip() for t in typed),
                       matched)
    return matched


def _accepted(board: BoardFile, sha256: str) -> StoredPackage:
    package = board.package(sha256)
    if package is None:
        raise PhieuError(_("Chưa nhận gói có SHA-256 {sha}.").format(sha=sha256[:12]))
    if not package.accepted:
        raise PhieuError(_("Gói {name} đã bị từ chối ({reason}); không cần đối chiếu.").format(
            name=package.source, reason=package.reason))
    return package


def find_unit(board: BoardFile, code: str, parent: str | None = None) -> RosterUnit:
    """The roster unit named on the command line by its code (and parent when the code repeats)."""
    found = [u for u in board.roster() if unit_identity(u.code, "")[0] == unit_identity(code, "")[0]
             and (parent is None or nfc_key(u.parent) == nfc_key(parent))]
    if not found:
        raise PhieuError(_("Không có đơn vị mã “{code}” trong danh sách.").format(code=code))
    if len(found) > 1:
        raise PhieuError(_("Mã “{code}” có ở {n} cơ quan cấp trên; hãy ghi thêm --parent.").format(
            code=code, n=len(found)))
    return found[0]


def package_of(board: BoardFile, unit: RosterUnit) -> StoredPackage:
    receipt = board.receipts().get(unit.identity)
    if receipt is None:
        raise PhieuError(_("Chưa nhận gói của đơn vị “{code}”.").format(code=unit.code))
    package = board.package(receipt.sha256)
    assert package is not None
    return package


def packages_of_unit(board: BoardFile, unit: RosterUnit) -> list[StoredPackage]:
    """Every accepted package matched to `unit`, in the order received (two of them: the clerk decides)."""
    matches = board.matches()
    return [p for p in board.packages() if p.accepted and matches.get(p.sha256) == unit.identity]


def keep_package(board: BoardFile, unit: RosterUnit, sha256: str) -> StoredPackage:
    """The clerk's decision that this package is the unit's result (recorded with who and when); the window's
    "Chọn gói được tính…" and `phieu board decide` both come here."""
    package = board.package(sha256)
    if package is None or board.matches().get(sha256) != unit.identity:
        raise PhieuError(_("Gói {source} không thuộc đơn vị {code}.").format(
            source=package.source if package else sha256[:12], code=unit.code))
    board.decide("keep", "|".join(unit.identity), sha256)
    return package


def units_for_report(board: BoardFile) -> list[tuple[RosterUnit, Unit]]:
    """The roster units whose result the report holds (checked on paper or vouched for by a trusted signature),
    in roster order, each with its unit rebuilt from the board."""
    receipts = board.receipts()
    out = []
    for unit in board.roster():
        receipt = receipts.get(unit.identity)
        if receipt is None or not receipt.accepted or receipt.conflict or receipt.check_failed:
            continue
        if not (receipt.signed or receipt.checked):
            continue
        package = board.package(receipt.sha256)
        assert package is not None
        out.append((unit, replace(unit_from_summary(package.source, package.unit))))
    return out


__all__ = ["Intake", "check_groups", "check_qr", "find_unit", "groups_to_ask", "package_of", "suggestions",
           "take_in", "unit_from_summary", "unit_summary", "units_for_report"]

"""`verify`: the audit chain, its replay against what the tables hold, and the seal."""

from __future__ import annotations

import json
from datetime import datetime

import sqlite_utils

from ..domain.audit import GENESIS, LOCKED, AuditEntry, chain_problems, replay
from ..domain.i18n import _
from ..domain.seal import SEAL_VERSIONS, SealHistory, fingerprint, seal_digest
from ..domain.session import session_to_dict
from .rows import read_audit, read_session
from .schema import MIGRATIONS, SCHEMA_VERSION, expected_triggers, schema_differences


def schema_problems(db: sqlite_utils.Database, version: int = SCHEMA_VERSION,
                    migrations: dict[int, str] = MIGRATIONS) -> list[str]:
    """Every table, index, trigger or view that is not exactly what the program creates, in Vietnamese (the
    session file's schema by default; the board file passes its own migrations)."""
    kinds = {"table": _("bảng"), "index": _("chỉ mục"), "trigger": _("trigger"), "view": _("view")}
    words = {"extra": _("không do chương trình tạo (bị thêm vào)"), "missing": _("bị thiếu (đã bị xóa)"),
             "changed": _("khác với bản chương trình tạo (đã bị sửa)")}
    grouped: dict[tuple[str, str], list[str]] = {}
    for kind, name, how in schema_differences(db.conn, version, migrations):
        grouped.setdefault((kind, how), []).append(f"“{name[:80]}”")
    return [_("cấu trúc tệp: {kind} {names} {what}").format(
        kind=kinds.get(kind, kind), what=words[how],
        names=", ".join(names[:5]) + (_(" và {n} mục khác").format(n=len(names) - 5) if len(names) > 5 else ""))
        for (kind, how), names in grouped.items()]


def integrity_problems(db: sqlite_utils.Database) -> list[str]:
    """Everything that no longer matches, in Vietnamese; empty for an intact file."""
    try:
        structure = schema_problems(db)
        entries = read_audit(db)
        current = read_session(db)
    except ValueError as err:  # JSON or a date the program never writes; the parser's English words stay out
        where = _(" (nhật ký)") if isinstance(err, json.JSONDecodeError) else ""
        return [_("dữ liệu trong tệp không hợp lệ{where}: một dòng không phải dạng chương trình ghi").format(
            where=where)]
    except Exception as err:  # a row edited into something the program never writes
        return [_("dữ liệu trong tệp không hợp lệ ({kind})").format(kind=type(err).__name__)]
    try:
        return _content_problems(db, entries, current) + structure
    except Exception:  # a log entry of a shape the program never writes (replay checks shapes first)
        return structure + [_("dữ liệu trong tệp không đúng dạng chương trình ghi")]


def _content_problems(db: sqlite_utils.Database, entries: list, current) -> list[str]:
    problems = chain_problems(entries)
    state = replay(entries)
    problems += state.problems
    if state.session is None:
        return problems + [_("nhật ký không có mục khởi tạo hội nghị")]
    problems += _session_differences(session_to_dict(state.session), session_to_dict(current))
    tables: dict[str, dict[int, str]] = {}
    for key, number, marks in db.execute("SELECT paper_key, number, marks FROM ballots").fetchall():
        tables.setdefault(key, {})[number] = marks
    for key in sorted(set(tables) | set(state.ballots)):
        logged, held = state.ballots.get(key, {}), tables.get(key, {})
        for number in sorted(set(logged) | set(held)):
            if number not in held:
                problems.append(_("phiếu số {n} của “{key}” đã bị xóa ngoài chương trình").format(n=number, key=key))
            elif number not in logged:
                problems.append(_("phiếu số {n} của “{key}” đã bị thêm ngoài chương trình").format(n=number, key=key))
            elif logged[number] != held[number]:
                problems.append(_("phiếu số {n} của “{key}” đã bị sửa ngoài chương trình").format(n=number, key=key))
    problems += _check_problems(db, state.checks)
    problems += _seal_problems(db, entries, state.seal, current)
    return problems


def _check_problems(db: sqlite_utils.Database, logged: dict[str, dict[int, str]]) -> list[str]:
    """The verification pass's second entries against the log."""
    held: dict[str, dict[int, str]] = {}
    for key, number, marks in db.execute("SELECT paper_key, number, marks FROM checks").fetchall():
        held.setdefault(key, {})[number] = marks
    problems = []
    for key in sorted(set(logged) | set(held)):
        if logged.get(key, {}) != held.get(key, {}):
            problems.append(_("phiếu kiểm tra lại của “{key}” đã bị sửa ngoài chương trình").format(key=key))
    return problems


def _seal_problems(db: sqlite_utils.Database, entries: list, logged_seal: str | None, current) -> list[str]:
    row = db.execute("SELECT digest, fingerprint, audit_head, at FROM seal").fetchone()
    if row is None:
        return [_("dấu niêm phong đã bị xóa")] if logged_seal else []
    digest, short, head, sealed_at = row
    problems = []
    if logged_seal is None:
        problems.append(_("có dấu niêm phong mà nhật ký không ghi việc khóa kết quả"))
    elif digest != logged_seal:
        problems.append(_("dấu niêm phong không khớp nhật ký"))
    lock_entries = [e for e in entries if e.action == LOCKED]
    if not lock_entries or lock_entries[-1].hash != head or short != fingerprint(digest):
        problems.append(_("dấu niêm phong đã bị sửa"))
    elif not _seal_time_agrees(lock_entries[-1], sealed_at):
        problems.append(_("thời điểm niêm phong đã bị sửa"))
    ballots: dict[str, list[tuple[int, str]]] = {p.key: [] for p in current.papers}
    for key, number, marks in db.execute("SELECT paper_key, number, marks FROM ballots").fetchall():
        ballots.setdefault(key, []).append((number, marks))
    version = seal_version(lock_entries[-1]) if lock_entries else 1
    if version < 1:
        problems.append(_("dấu niêm phong đã bị sửa"))
    elif version not in SEAL_VERSIONS:
        problems.append(_("dấu niêm phong phiên bản {version} do chương trình mới hơn tạo: hãy kiểm tra bằng phiên "
                          "bản đó").format(version=version))
    elif version >= 2 and "log_length" not in lock_entries[-1].detail:
        problems.append(_("dấu niêm phong đã bị sửa"))
    elif seal_digest(current, ballots, version, seal_history(entries, lock_entries[-1]) if lock_entries
                     else None) != digest:
        problems.append(_("nội dung không còn khớp dấu niêm phong {fingerprint}").format(fingerprint=short))
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()}
    if not expected_triggers() <= present:
        problems.append(_("cơ chế chống sửa đổi sau khi khóa đã bị gỡ bỏ"))
    return problems


def seal_version(lock: AuditEntry) -> int:
    """The seal version a lock entry records; absent means 1 (every file locked before versions existed)."""
    version = lock.detail.get("seal_version", 1)
    return version if isinstance(version, int) and not isinstance(version, bool) else -1


def seal_history(entries: list[AuditEntry], lock: AuditEntry) -> SealHistory:
    """The log as it stood when `lock` was written, as seal version 2 covers it (docs/recount.md)."""
    before = [e for e in entries if e.seq < lock.seq]
    return SealHistory(head=before[-1].hash if before else GENESIS, length=len(before), lock_seq=lock.seq,
                       lock_at=lock.at, lock_detail=dict(lock.detail))


def locked_seal_version(entries: list[AuditEntry]) -> int | None:
    """The version of the seal of a locked log (its last lock entry), None for a log never locked."""
    locks = [e for e in entries if e.action == LOCKED]
    return seal_version(locks[-1]) if locks else None


def _seal_time_agrees(lock, sealed_at: str) -> bool:
    """The seal's time and the lock entry's: equal, and the entry at the log length it records.

    Seals written before `log_length` existed took two clocks a moment apart: their time must fall within a
    minute after the lock entry's (explicitly tolerated, so those files still verify).
    """
    if "log_length" in lock.detail:
        return lock.detail["log_length"] == lock.seq and sealed_at == lock.at
    try:
        gap = (datetime.fromisoformat(sealed_at) - datetime.fromisoformat(lock.at)).total_seconds()
    except (TypeError, ValueError):
        return False
    return 0 <= gap <= 60


def _session_differences(logged: dict, held: dict) -> list[str]:
    problems = []
    for name in sorted(set(logged) | set(held)):
        if name == "ballots":
            continue
        if logged.get(name) != held.get(name):
            problems.append(_("thông tin hội nghị (“{field}”) đã bị sửa ngoài chương trình").format(field=name))
    logged_papers = {p["key"]: p for p in logged.get("ballots", [])}
    held_papers = {p["key"]: p for p in held.get("ballots", [])}
    if list(logged_papers) != list(held_papers):
        problems.append(_("danh sách loại phiếu đã bị sửa ngoài chương trình"))
    for key in logged_papers.keys() & held_papers.keys():
        for name in sorted(set(logged_papers[key]) | set(held_papers[key])):
            if logged_papers[key].get(name) != held_papers[key].get(name):
                what = _("danh sách người được lấy phiếu") if name == "persons" else name
                problems.append(_("loại phiếu “{key}”: {what} đã bị sửa ngoài chương trình").format(key=key, what=what))
    return problems

"""The audit log: every change as an entry chained by SHA-256, and its replay into a state."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .i18n import _
from .lock import lock_blockers
from .progress import Progress
from .rules import (
    FIRST_RULES,
    attendance_refusal,
    check_refusal,
    counts_refusal,
    creation_refusal,
    entry_refusal,
    group_attendance_refusal,
    marks_refusal,
    session_update_refusal,
)
from .seal import canonical_bytes
from .session import NewerFormat, Session, session_from_dict
from .verification import verification_blockers

GENESIS = "0" * 64

CREATED = "created"
SESSION_UPDATED = "session_updated"
ATTENDANCE = "attendance"
GROUP_ATTENDANCE = "group_attendance"  # one voter group's present / present at the vote (sessions with groups)
COUNTS = "counts"
BALLOT_ADDED = "ballot_added"
BALLOT_CORRECTED = "ballot_corrected"
BALLOT_REMOVED = "ballot_removed"
LOCKED = "locked"
# The verification pass: a second entry of ballot `number`, and the committee's ruling on a difference.
CHECK_ADDED = "check_added"
CHECK_RULED = "check_ruled"
# Entries that record an event without changing the count (printing, exporting, opening after a crash ...).
NOTE = "note"


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str  # local time, ISO 8601
    action: str
    detail: dict
    prev_hash: str
    hash: str


def entry_hash(prev_hash: str, seq: int, at: str, action: str, detail: dict) -> str:
    body = canonical_bytes({"seq": seq, "at": at, "action": action, "detail": detail})
    return hashlib.sha256(prev_hash.encode("ascii") + body).hexdigest()


def chain_problems(entries: list[AuditEntry]) -> list[str]:
    """Where the chain is broken: a missing, reordered or edited entry."""
    problems: list[str] = []
    prev = GENESIS
    for expected_seq, entry in enumerate(entries, start=1):
        if entry.seq != expected_seq:
            problems.append(_("nhật ký: thiếu hoặc chèn mục trước mục số {seq}").format(seq=entry.seq))
            break
        if entry.prev_hash != prev or entry_hash(prev, entry.seq, entry.at, entry.action, entry.detail) != entry.hash:
            problems.append(_("nhật ký: mục số {seq} ({action}) đã bị sửa").format(seq=entry.seq, action=entry.action))
            break
        prev = entry.hash
    return problems


@dataclass
class ReplayedState:
    """What the audit log says the file must hold."""

    session: Session | None = None
    ballots: dict[str, dict[int, str]] = field(default_factory=dict)  # paper key -> number -> marks
    seal: str | None = None
    checks: dict[str, dict[int, str]] = field(default_factory=dict)  # the verification pass's second entries
    problems: list[str] = field(default_factory=list)
    rules: int = 1  # the rule set the file was written under ("rules" of its first entry; see domain.rules)
    broken_rule: str | None = None  # the first entry that breaks a rule of the store, and the rule

    def progress(self, with_verification: bool = False) -> Progress:
        """The state as the store's rules see it (`domain.progress.Progress`)."""
        assert self.session is not None
        papers = self.session.papers
        first = {p.key: self.ballots.get(p.key, {}) for p in papers}
        second = {p.key: self.checks.get(p.key, {}) for p in papers}
        blockers = tuple(verification_blockers(self.session, first, second)) if with_verification else ()
        return Progress(self.session, {k: len(v) for k, v in first.items()}, {k: len(v) for k, v in second.items()},
                        blockers, self.seal is not None)


# What each kind of entry must carry, and of which type, before replay reads it (a crafted or damaged file may
# hold anything: a missing key or a wrong type is reported, never raised).
_SHAPES: dict[str, dict[str, type]] = {
    CREATED: {"session": dict},
    SESSION_UPDATED: {"session": dict},
    ATTENDANCE: {"present": int, "present_at_vote": int},
    GROUP_ATTENDANCE: {"group": str, "present": int, "present_at_vote": int},
    COUNTS: {"key": str, "issued": int, "returned": int},
    BALLOT_ADDED: {"key": str, "number": int, "marks": str},
    BALLOT_CORRECTED: {"key": str, "number": int, "marks": str},
    BALLOT_REMOVED: {"key": str, "number": int},
    CHECK_ADDED: {"key": str, "number": int, "marks": str},
    CHECK_RULED: {"key": str, "number": int, "marks": str},
    LOCKED: {"seal": str},
    NOTE: {},
}


def shape_problem(entry: AuditEntry) -> str | None:
    """Why an entry cannot be replayed (missing key, wrong type), naming its number and the key; None if fine."""
    where = _("nhật ký, mục số {seq}").format(seq=entry.seq)
    if entry.action not in _SHAPES:
        return None  # reported by replay as an unknown kind
    if not isinstance(entry.detail, dict):
        return _("{where} ({action}): nội dung không phải một bảng giá trị").format(where=where, action=entry.action)
    for name, kind in _SHAPES[entry.action].items():
        value = entry.detail.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return _("{where} ({action}): thiếu hoặc sai kiểu “{name}”").format(where=where, action=entry.action,
                                                                              name=name)
    return None


def replay(entries: list[AuditEntry]) -> ReplayedState:
    """Apply every entry in order; inconsistencies are collected, not raised.

    Strict: before each entry is applied, the store's rule for that action (`domain.rules`, `domain.lock`) is
    applied to the state as it stood; the first entry that breaks one is reported with the rule's own reason.
    """
    state = ReplayedState()
    for entry in entries:
        d = entry.detail
        where = _("nhật ký, mục số {seq}").format(seq=entry.seq)
        malformed = shape_problem(entry)
        if malformed is not None:
            state.problems.append(malformed)
            break
        if state.broken_rule is None and (state.session is not None or entry.action == CREATED):
            broken = _rule_broken(state, entry)
            if broken is not None:
                state.broken_rule = _("{where} ({action}) trái quy tắc: {rule}").format(
                    where=where, action=entry.action, rule=broken)
                state.problems.append(state.broken_rule)
        if entry.action in (CREATED, SESSION_UPDATED):
            try:
                state.session = session_from_dict(d["session"])
            except NewerFormat as err:  # a key added by a newer program: refused by name, never guessed at
                state.problems.append(_("{where}: {reason}").format(where=where, reason=err.args[0]))
                state.session = None
                break
            except (KeyError, TypeError, ValueError, AttributeError) as err:
                missing = f" “{err.args[0]}”" if isinstance(err, KeyError) and err.args else ""
                state.problems.append(_("{where}: thông tin hội nghị thiếu trường{missing} hoặc sai kiểu").format(
                    where=where, missing=missing))
                state.session = None
                break
            for paper in state.session.papers:
                state.ballots.setdefault(paper.key, {})
            continue
        if state.session is None:
            state.problems.append(_("{where}: không có mục khởi tạo hội nghị").format(where=where))
            break
        if state.seal is not None and entry.action != NOTE:
            state.problems.append(_("{where}: thay đổi sau khi đã niêm phong").format(where=where))
        if entry.action == ATTENDANCE:
            state.session = state.session.with_attendance(d["present"], d["present_at_vote"])
        elif entry.action == GROUP_ATTENDANCE:
            state.session = state.session.with_group_attendance(d["group"], d["present"], d["present_at_vote"])
        elif entry.action == COUNTS:
            state.session = state.session.with_counts(d["key"], d["issued"], d["returned"])
        elif entry.action in (BALLOT_ADDED, BALLOT_CORRECTED, BALLOT_REMOVED):
            rows = state.ballots.setdefault(d["key"], {})
            number = d["number"]
            exists = number in rows
            if (entry.action == BALLOT_ADDED) == exists:
                state.problems.append(_("{where}: phiếu số {number} không khớp").format(where=where, number=number))
            if entry.action == BALLOT_REMOVED:
                rows.pop(number, None)
                state.checks.get(d["key"], {}).pop(number, None)
            else:
                rows[number] = d["marks"]
        elif entry.action in (CHECK_ADDED, CHECK_RULED):
            rows, checks = state.ballots.setdefault(d["key"], {}), state.checks.setdefault(d["key"], {})
            number = d["number"]
            if number not in rows or (entry.action == CHECK_ADDED) == (number in checks):
                state.problems.append(_("{where}: phiếu kiểm tra lại số {number} không khớp").format(
                    where=where, number=number))
            checks[number] = d["marks"]
            if entry.action == CHECK_RULED:
                rows[number] = d["marks"]
        elif entry.action == LOCKED:
            state.seal = d["seal"]
        elif entry.action != NOTE:
            state.problems.append(_("{where}: loại mục “{action}” không rõ").format(where=where, action=entry.action))
    return state


def _rule_broken(state: ReplayedState, entry: AuditEntry) -> str | None:
    """The rule of the store that `entry` breaks, applied to the state before it; None when it keeps them all."""
    d = entry.detail
    if entry.action == CREATED:
        rules = d.get("rules", FIRST_RULES)
        state.rules = rules if isinstance(rules, int) and not isinstance(rules, bool) else FIRST_RULES
        try:
            return creation_refusal(session_from_dict(d["session"]), state.rules)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # reported by the replay itself
    if state.session is None or state.seal is not None:
        return None  # nothing to apply to, or any change after the seal is reported on its own
    if entry.action == SESSION_UPDATED:
        try:
            new = session_from_dict(d["session"])
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return session_update_refusal(state.progress(), new, state.rules)
    if entry.action == ATTENDANCE:
        return attendance_refusal(state.progress(), d["present"], d["present_at_vote"])
    if entry.action == GROUP_ATTENDANCE:
        return group_attendance_refusal(state.progress(), d["group"], d["present"], d["present_at_vote"])
    if entry.action == COUNTS:
        return counts_refusal(state.progress(), d["key"], d["issued"], d["returned"])
    if entry.action == BALLOT_ADDED:
        return entry_refusal(state.progress(), d["key"]) or marks_refusal(state.session, d["key"], d["marks"])
    if entry.action in (BALLOT_CORRECTED, CHECK_RULED):
        return marks_refusal(state.session, d["key"], d["marks"])
    if entry.action == CHECK_ADDED:
        return check_refusal(state.progress(), d["key"]) or marks_refusal(state.session, d["key"], d["marks"])
    if entry.action == LOCKED:
        blockers = lock_blockers(state.progress(with_verification=True), state.rules)
        return blockers[0] if blockers else None
    return None

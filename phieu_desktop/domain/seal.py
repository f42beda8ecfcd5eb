"""The seal: SHA-256 over a canonical payload, in versions that never change once released.

Every version is a pure function in `SEAL_VERSIONS` from (session, ballots, history) to the payload whose canonical
bytes are hashed; docs/recount.md describes each one precisely enough to recompute it without this program.

- Version 1 (`phieu-seal-1`): the session and every ballot. Frozen as the first program wrote it: its session
  projection lists today's keys one by one, so a field added to `Session` later never enters it.
- Version 2 (`phieu-seal-2`): version 1's content plus the audit log up to and including the lock entry (the hash
  of the entry just before the lock, the number of entries before it, the lock entry's number, time and detail
  without the seal itself), so any rewrite of the history changes the fingerprint printed on paper.

A field added to the session later goes into a new version with its own projection; the versions before it are
left exactly as they are, so every fingerprint already printed keeps verifying.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .i18n import _
from .session import (
    MEMBER_ADDED_LATER,
    PAPER_ADDED_LATER,
    PERSON_ADDED_LATER,
    SESSION_ADDED_LATER,
    Session,
    session_to_dict,
)

FINGERPRINT_GROUPS = 6  # 6 groups of 4 hex digits: 96 bits printed on the paper minutes


def canonical_bytes(data: object) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8 (NFC text is already normalised)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class SealHistory:
    """What version 2 commits to besides the count: the log as it stood when the lock entry was written.

    `head` is the hash of the entry just before the lock (64 zeros for an empty log), `length` the number of
    entries before it; `lock_seq`, `lock_at` and `lock_detail` are the lock entry's number, time and detail
    without "seal" and "fingerprint" (which are derived from this digest and so cannot be hashed into it).
    """

    head: str
    length: int
    lock_seq: int
    lock_at: str
    lock_detail: dict = field(default_factory=dict)


Ballots = Mapping[str, Sequence[tuple[int, str]]]
Payload = Callable[[Session, Ballots, "SealHistory | None"], dict]

# What the lock entry's detail holds besides what the history covers: derived from the digest.
DERIVED_KEYS = ("seal", "fingerprint")


def _session_v1(session: Session) -> dict:
    """The session as version 1 hashes it: exactly these keys, forever (not `session_to_dict`, which grows)."""
    return {
        "regime": session.regime.value,
        "denominator": session.denominator.value,
        "crossed_out": session.crossed_out.value,
        "header": session.header.value,
        "organization": session.organization,
        "parent": session.parent,
        "title": session.title,
        "place": session.place,
        "date": session.date.isoformat(),
        "summoned": session.summoned,
        "present": session.present,
        "present_at_vote": session.present_at_vote,
        "committee": [{"name": m.name, "role": m.role} for m in session.committee],
        "ballots": [
            {
                "key": p.key,
                "title": p.title,
                "voters": p.voters,
                "issued": p.issued,
                "returned": p.returned,
                "persons": [
                    {"name": x.name, "position": x.position, "retiring": x.retiring,
                     "appointed_this_year": x.appointed_this_year}
                    for x in p.persons
                ],
            }
            for p in session.papers
        ],
    }


def _ballots(ballots: Ballots) -> dict:
    """Per paper key, every [number, marks] in number order (the order entered does not matter)."""
    return {key: [[number, marks] for number, marks in sorted(rows)] for key, rows in ballots.items()}


def payload_v1(session: Session, ballots: Ballots, history: SealHistory | None = None) -> dict:
    """Version 1: the session and every ballot; the history is not covered (`history` is ignored)."""
    return {"format": "phieu-seal-1", "session": _session_v1(session), "ballots": _ballots(ballots)}


def payload_v2(session: Session, ballots: Ballots, history: SealHistory | None = None) -> dict:
    """Version 2: version 1's session (same keys) and ballots, plus the log up to and including the lock."""
    if history is None:
        raise ValueError("seal version 2 needs the log (SealHistory)")
    detail = {k: v for k, v in history.lock_detail.items() if k not in DERIVED_KEYS}
    return {
        "format": "phieu-seal-2",
        "session": _session_v1(session),
        "ballots": _ballots(ballots),
        "log": {"head": history.head, "length": history.length},
        "lock": {"seq": history.lock_seq, "at": history.lock_at, "detail": detail},
    }


def _without_defaults(data: Mapping, later: Mapping[str, object]) -> dict:
    """`data` less every key added later whose value is still the default it had when it was added."""
    return {key: value for key, value in data.items() if not (key in later and value == later[key])}


def _session_v3(session: Session) -> dict:
    """The session as version 3 hashes it: the canonical form, keys added later left out at their defaults."""
    data = session_to_dict(session)
    part = _without_defaults(data, SESSION_ADDED_LATER)
    part["committee"] = [_without_defaults(m, MEMBER_ADDED_LATER) for m in data["committee"]]
    part["ballots"] = [
        {**_without_defaults(p, PAPER_ADDED_LATER),
         "persons": [_without_defaults(x, PERSON_ADDED_LATER) for x in p["persons"]]}
        for p in data["ballots"]
    ]
    return part


def payload_v3(session: Session, ballots: Ballots, history: SealHistory | None = None) -> dict:
    """Version 3: version 2 with the grown session (keys added later, unless still at their defaults)."""
    return {**payload_v2(session, ballots, history), "format": "phieu-seal-3", "session": _session_v3(session)}


SEAL_VERSIONS: dict[int, Payload] = {1: payload_v1, 2: payload_v2, 3: payload_v3}
CURRENT_SEAL_VERSION = max(SEAL_VERSIONS)


def seal_payload(session: Session, ballots: Ballots, version: int = 1,
                 history: SealHistory | None = None) -> dict:
    """The canonical payload of one seal version (KeyError for a version this program does not know)."""
    return SEAL_VERSIONS[version](session, ballots, history)


def seal_digest(session: Session, ballots: Ballots, version: int = 1, history: SealHistory | None = None) -> str:
    """Hex SHA-256 of the payload of seal `version` (1: session and ballots; 2: and the log up to the lock; 3: and
    the session's keys added later)."""
    return hashlib.sha256(canonical_bytes(seal_payload(session, ballots, version, history))).hexdigest()


def seal_coverage(version: int) -> str:
    """What a seal of this version covers, and what it does not, in one Vietnamese sentence for `verify`."""
    if version == 1:
        return _("Niêm phong phiên bản 1: mã niêm phong in trên biên bản bao gồm thông tin hội nghị và mọi phiếu "
                 "đã nhập (kết quả cuối cùng); không bao gồm lịch sử trong nhật ký (các lần sửa, hủy phiếu, lần "
                 "kiểm tra lại, thời điểm từng mục và thời điểm khóa): nhật ký bị viết lại mà phiếu giữ nguyên thì "
                 "mã không đổi.")
    return _("Niêm phong phiên bản {version}: mã niêm phong in trên biên bản bao gồm thông tin hội nghị, mọi phiếu "
             "đã nhập và toàn bộ nhật ký đến hết mục khóa kết quả (mọi lần sửa, hủy, kiểm tra lại và thời điểm "
             "của từng mục); không bao gồm các ghi chú sau khi khóa (in, xuất tệp).").format(version=version)


COVERAGE = {1: "session+ballots", 2: "session+ballots+log", 3: "session+ballots+log"}  # the same, for JSON readers


def fingerprint(digest: str) -> str:
    """The short form for paper: '7F3A-19C2-…', the first 96 bits of the digest in groups of four."""
    head = digest[: 4 * FINGERPRINT_GROUPS].upper()
    return "-".join(head[i : i + 4] for i in range(0, len(head), 4))


def _letters(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch not in " -\t\u00a0")


def fingerprint_group_matches(fingerprint: str, typed_group: str, group: int | None = None) -> bool:
    """Does one group typed from the paper minutes match the fingerprint? `group` is 1-based; None accepts any.

    The window asks for one named group ("nhóm thứ 3"), chosen at random, so a typed group proves the
    paper and the file carry the same fingerprint.
    """
    typed = _letters(typed_group)
    groups = [g for g in fingerprint.upper().split("-") if g]
    if len(typed) != 4 or not groups:
        return False
    if group is None:
        return typed in groups
    return 1 <= group <= len(groups) and groups[group - 1] == typed


def paper_matches(fingerprint: str, typed: str, group: int | None = None) -> bool:
    """What was typed from the paper minutes matches: the whole fingerprint, or one group (`group` 1-based, None
    for any group)."""
    whole = _letters(typed)
    if group is None and len(whole) > 4:
        return whole == _letters(fingerprint)
    return fingerprint_group_matches(fingerprint, typed, group)


def pick_group(fingerprint: str) -> int:
    """Which group (1-based) the window asks the user to type from the paper minutes: chosen at random."""
    return 1 + secrets.randbelow(max(1, len([g for g in fingerprint.split("-") if g])))

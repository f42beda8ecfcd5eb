"""The seal: SHA-256 over a canonical serialisation of the session and every ballot."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence

from .session import Session, session_to_dict

FINGERPRINT_GROUPS = 6  # 6 groups of 4 hex digits: 96 bits printed on the paper minutes


def canonical_bytes(data: object) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8 (NFC text is already normalised)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def seal_digest(session: Session, ballots: Mapping[str, Sequence[tuple[int, str]]]) -> str:
    """Hex SHA-256 of the session and, per paper, every (number, marks) in number order."""
    content = {
        "format": "phieu-seal-1",
        "session": session_to_dict(session),
        "ballots": {key: [[number, marks] for number, marks in sorted(rows)] for key, rows in ballots.items()},
    }
    return hashlib.sha256(canonical_bytes(content)).hexdigest()


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

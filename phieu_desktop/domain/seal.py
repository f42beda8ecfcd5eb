"""The seal: SHA-256 over a canonical serialisation of the session and every ballot."""

from __future__ import annotations

import hashlib
import json
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

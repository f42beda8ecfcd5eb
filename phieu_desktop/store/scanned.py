"""Which scanned images a paper's entries came from, read back from the audit log."""

from __future__ import annotations

from ..domain import audit
from .session_file import SessionFile


def scanned_images(file: SessionFile, key: str, checks: bool = False) -> dict[str, int]:
    """SHA-256 of every image of this paper already entered (and not removed since) -> its ballot number;
    with `checks`, the verification pass's images too."""
    current = {number for number, _marks in file.ballots(key)}
    actions = (audit.BALLOT_ADDED, audit.CHECK_ADDED) if checks else (audit.BALLOT_ADDED,)
    found: dict[str, int] = {}
    for entry in file.audit_entries():
        detail = entry.detail if isinstance(entry.detail, dict) else {}
        number = detail.get("number")
        if entry.action not in actions or detail.get("key") != key or not isinstance(number, int) \
                or number not in current:
            continue
        source = detail.get("source")
        images = source.get("images") if isinstance(source, dict) else None
        for digest in images if isinstance(images, list) else []:
            if isinstance(digest, str):
                found[digest] = number
    return found


__all__ = ["scanned_images"]

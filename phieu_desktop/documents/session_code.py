"""The short session code printed on every ballot, so the committee can tell its own paper from a foreign one."""

from __future__ import annotations

from ..store import SessionFile


def session_code(file: SessionFile) -> str:
    """8 hex digits of the hash of the session's first audit entry: fixed at creation, before any ballot exists.

    It identifies the session, never a voter: every copy of a ballot carries the same code.
    """
    first = file.audit_entries()[0].hash.upper()
    return f"{first[:4]}-{first[4:8]}"

"""Which step the committee is on: plain Python over an open session file, no Qt."""

from __future__ import annotations

from enum import IntEnum

from ..domain.session import quorum_met


class Step(IntEnum):
    PREPARE = 0
    ATTENDANCE = 1
    ENTRY = 2
    VERIFICATION = 3
    LOCK = 4


def attendance_done(file) -> bool:
    s = file.session
    return (s.present is not None and s.present_at_vote is not None and quorum_met(s.summoned, s.present)
            and all(p.issued is not None and p.returned is not None for p in s.papers))


def entry_done(file) -> bool:
    return attendance_done(file) and all(file.entered(p.key) == p.returned for p in file.session.papers)


def verification_done(file) -> bool:
    """Started, every ballot entered twice and every difference ruled."""
    return file.verification_started() and entry_done(file) and not file.verification_blockers()


def step_done(file, step: Step) -> bool:
    if step is Step.PREPARE:
        return True
    if step is Step.ATTENDANCE:
        return attendance_done(file)
    if step is Step.ENTRY:
        return entry_done(file)
    if step is Step.VERIFICATION:
        return verification_done(file)
    return file.locked


def resume_step(file) -> Step:
    """Where work stopped: the first step still to do (after a crash or power cut, too)."""
    if file.locked:
        return Step.LOCK
    if not attendance_done(file):
        return Step.ATTENDANCE
    if not entry_done(file):
        if file.verification_started():
            return Step.VERIFICATION if any(file.checked(p.key) < file.entered(p.key)
                                            for p in file.session.papers) else Step.ENTRY
        return Step.ENTRY
    if file.verification_started() and file.verification_blockers():
        return Step.VERIFICATION
    return Step.LOCK

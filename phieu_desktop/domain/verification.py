"""The verification pass: a second committee member enters the same stack again; differences are ruled."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .i18n import _
from .session import Session


@dataclass(frozen=True)
class Difference:
    """One ballot whose two entries differ; `persons` are the 0-based rows that differ (all for '-')."""

    number: int
    first: str
    second: str
    persons: tuple[int, ...]


def differing_numbers(first: Mapping[int, str], second: Mapping[int, str]) -> list[int]:
    """Ballot numbers entered twice whose two entries differ, in number order."""
    return sorted(number for number in first.keys() & second.keys() if first[number] != second[number])


def differences(first: Mapping[int, str], second: Mapping[int, str]) -> list[Difference]:
    """The differing ballots side by side, with the rows that differ."""
    found = []
    for number in differing_numbers(first, second):
        a, b = first[number], second[number]
        if len(a) == len(b):
            rows = tuple(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
        else:  # one of them is "-" (not issued): every row differs
            rows = tuple(range(max(len(a), len(b))))
        found.append(Difference(number, a, b, rows))
    return found


def unchecked(first: Mapping[int, str], second: Mapping[int, str]) -> list[int]:
    """Ballot numbers still waiting for their second entry, in stack order (the stack is re-entered in order)."""
    return [number for number in sorted(first) if number not in second]


def next_unchecked(first: Mapping[int, str], second: Mapping[int, str]) -> int | None:
    """The ballot number the next second entry pairs with."""
    pending = unchecked(first, second)
    return pending[0] if pending else None


def verification_blockers(session: Session, first: Mapping[str, Mapping[int, str]],
                           second: Mapping[str, Mapping[int, str]]) -> list[str]:
    """Why the lock must wait for the verification pass; nothing for a paper whose pass was never started."""
    blockers: list[str] = []
    for paper in session.papers:
        entered, checked = first.get(paper.key, {}), second.get(paper.key, {})
        if not checked:
            continue
        missing = [n for n in entered if n not in checked]
        if missing:
            blockers.append(_("Phiếu “{title}”: kiểm tra lại mới nhập {checked}/{entered} phiếu.").format(
                title=paper.title, checked=len(entered) - len(missing), entered=len(entered)))
        differing = differing_numbers(entered, checked)
        if differing:
            blockers.append(_("Phiếu “{title}”: {count} phiếu nhập hai lần khác nhau chưa được Ban kiểm phiếu "
                              "quyết định (số {numbers}).").format(
                title=paper.title, count=len(differing), numbers=", ".join(str(n) for n in differing)))
    return blockers

"""The higher level's desk (the board), without storage or Qt: the roster of expected units, the deadline, each
unit's state, look-alike names, and which persons are rated in two places.

A unit is identified by its unit code (mã đơn vị, given by the higher level) together with its parent body; names
are compared on NFC text and on a confusable skeleton (in the spirit of Unicode UTS #39: a Cyrillic "Ү" or a Greek
"Ο" reads as the Latin letter), and a match is only ever shown for the clerk to decide, never merged silently.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .i18n import N_, _
from .text import clean

# --- identity ---------------------------------------------------------------------------------------------------

# The confusables that matter for names typed in Vietnamese: Cyrillic and Greek letters drawn like Latin ones, the
# Icelandic eth and the African D that look like Đ/đ, and a few symbols. A subset of UTS #39's confusables.txt
# (prototype on the right), written out here because no maintained library for it is in the lock; each entry maps
# one character to the Latin letter it is drawn like (lower case: the skeleton is compared case-folded).
_CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "ë", "ѕ": "s", "і": "i", "ї": "ï", "ј": "j", "к": "k", "м": "m", "н": "h",
    "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ү": "y", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ӏ": "l", "ɡ": "g", "ᴠ": "v",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "γ": "y", "ϲ": "c", "ϳ": "j",
    # Latin look-alikes of Đ/đ and others
    "ð": "đ", "ɖ": "đ", "ƌ": "đ", "ı": "i", "ȷ": "j", "ℓ": "l",
    # digits and symbols drawn like letters
    "0": "o", "1": "l", "|": "l",
    # capitals, which often look like a different Latin letter than their small form (Greek Υ is Y, υ is u)
    "А": "A", "В": "B", "Е": "E", "З": "3", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ү": "Y", "Ѕ": "S", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "l",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X", "Ð": "Đ", "Ɖ": "Đ",
}


def nfc_key(text: str) -> str:
    """Text as compared on NFC: composed, white space folded, case folded."""
    return unicodedata.normalize("NFC", " ".join(unicodedata.normalize("NFC", text).split())).casefold()


def skeleton(text: str) -> str:
    """A confusable skeleton: NFKD, each base letter mapped to its prototype, marks kept, recomposed, case folded.

    Two texts with the same skeleton look alike on screen and on paper (e.g. "Sở Y tế" with a Cyrillic "У")."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    mapped = "".join(_CONFUSABLES.get(ch, ch) for ch in decomposed)  # on the letters as drawn, case and all
    mapped = unicodedata.normalize("NFKD", mapped).casefold()
    mapped = "".join(_CONFUSABLES.get(ch, ch) for ch in mapped).replace("rn", "m")
    return unicodedata.normalize("NFC", mapped)


def unit_identity(code: str, parent: str) -> tuple[str, str]:
    """The identity of a unit on the board: its code (case folded) and its parent's NFC text."""
    return clean(code).casefold(), nfc_key(parent)


@dataclass(frozen=True)
class RosterUnit:
    """One unit the higher level expects a result from."""

    code: str  # mã đơn vị
    name: str
    parent: str = ""
    contact: str = ""

    @property
    def identity(self) -> tuple[str, str]:
        return unit_identity(self.code, self.parent)


@dataclass(frozen=True)
class LookAlike:
    """Two texts that read the same: on NFC (`kind` "nfc") or only on their skeletons (`kind` "skeleton")."""

    first: str
    second: str
    kind: str


def look_alikes(texts: Iterable[str]) -> list[LookAlike]:
    """Every pair of distinct texts (as written) that agree on NFC or on their confusable skeleton."""
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    for text in dict.fromkeys(texts):
        by_skeleton[skeleton(text)].append(text)
    found = []
    for group in by_skeleton.values():
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                found.append(LookAlike(first, second, "nfc" if nfc_key(first) == nfc_key(second) else "skeleton"))
    return found


def roster_problems(units: Sequence[RosterUnit]) -> list[str]:
    """The roster's own duplicates: the same code under the same parent twice, and names that look alike under one
    parent (for the clerk to look at; the second is refused only when the identity repeats)."""
    problems = []
    seen: dict[tuple[str, str], RosterUnit] = {}
    for unit in units:
        if unit.identity in seen:
            problems.append(_("Mã đơn vị “{code}” ({parent}) có hai lần trong danh sách.").format(
                code=unit.code, parent=unit.parent or "—"))
        seen[unit.identity] = unit
    by_parent: dict[str, list[str]] = defaultdict(list)
    for unit in units:
        by_parent[nfc_key(unit.parent)].append(unit.name)
    for names in by_parent.values():
        for pair in look_alikes(names):
            problems.append(_("Hai đơn vị có tên giống nhau: “{a}” và “{b}”{how}.").format(
                a=pair.first, b=pair.second, how="" if pair.kind == "nfc" else _(" (chữ trông giống nhau)")))
    return problems


# --- the deadline -----------------------------------------------------------------------------------------------

AFTER_MEETING = "after-meeting"  # "ngay sau khi kết thúc Hội nghị" (Hà Giang 240/KH-UBND)


@dataclass(frozen=True)
class Deadline:
    """A date by which results must arrive (e.g. 7 days after the meeting, Cà Mau 166-KH/TU), or "immediately after
    the meeting": then the meeting's date is the day due."""

    day: date | None = None
    after_meeting: bool = False

    def text(self) -> str:
        if self.day is None:
            return _("chưa đặt hạn")
        if self.after_meeting:
            return _("ngay sau khi kết thúc hội nghị ({day})").format(day=self.day.strftime("%d/%m/%Y"))
        return self.day.strftime("%d/%m/%Y")

    def days_left(self, today: date) -> int | None:
        return None if self.day is None else (self.day - today).days

    def overdue(self, today: date) -> bool:
        return self.day is not None and today > self.day


# --- states -----------------------------------------------------------------------------------------------------

class UnitState(str, Enum):
    NOT_RECEIVED = "not-received"
    OVERDUE = "overdue"
    WAITING = "waiting"  # received, waiting for the paper check
    CHECKED = "checked"  # received, the paper minutes matched on every bit (or two groups)
    SIGNED = "signed"  # received, the unit's digital signature vouches for it
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return _(_STATE_LABELS[self])

    @property
    def reported(self) -> bool:
        return self in (UnitState.CHECKED, UnitState.SIGNED)


_STATE_LABELS = {
    UnitState.NOT_RECEIVED: N_("chưa nhận"),
    UnitState.OVERDUE: N_("quá hạn"),
    UnitState.WAITING: N_("đã nhận, chờ đối chiếu"),
    UnitState.CHECKED: N_("đã đối chiếu"),
    UnitState.SIGNED: N_("chữ ký số hợp lệ"),
    UnitState.REFUSED: N_("bị từ chối"),
}


@dataclass(frozen=True)
class Receipt:
    """What the board knows of one package taken in for a unit (the latest one counts)."""

    sha256: str
    accepted: bool
    reason: str = ""
    signed: bool = False
    checked: bool = False  # the whole fingerprint (QR) or two groups matched the paper minutes
    check_failed: str = ""  # the reason a paper check refused it
    conflict: bool = False  # two packages with different results for this unit: the clerk decides which counts


@dataclass(frozen=True)
class UnitStatus:
    unit: RosterUnit
    state: UnitState
    reason: str = ""
    sha256: str = ""


def unit_state(receipt: Receipt | None, deadline: Deadline, today: date) -> tuple[UnitState, str]:
    """One unit's state on the dashboard, with the reason of a refusal."""
    if receipt is None:
        return (UnitState.OVERDUE if deadline.overdue(today) else UnitState.NOT_RECEIVED), ""
    if not receipt.accepted:
        return UnitState.REFUSED, receipt.reason
    if receipt.conflict:
        return UnitState.WAITING, _("có hai gói với kết quả khác nhau; cần quyết định giữ gói nào")
    if receipt.check_failed:
        return UnitState.REFUSED, receipt.check_failed
    if receipt.signed:
        return UnitState.SIGNED, ""
    if receipt.checked:
        return UnitState.CHECKED, ""
    return UnitState.WAITING, ""


@dataclass
class Dashboard:
    statuses: list[UnitStatus]
    deadline: Deadline
    today: date
    counts: Counter = field(default_factory=Counter)

    @property
    def days_left(self) -> int | None:
        return self.deadline.days_left(self.today)

    @property
    def not_reported(self) -> list[UnitStatus]:
        """Units whose result the report cannot hold yet: not received, overdue, waiting or refused."""
        return [s for s in self.statuses if not s.state.reported]

    def to_json(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "deadline": {"date": self.deadline.day.isoformat() if self.deadline.day else None,
                         "after_meeting": self.deadline.after_meeting, "days_left": self.days_left},
            "counts": {state.value: self.counts.get(state, 0) for state in UnitState},
            "units": [{"code": s.unit.code, "name": s.unit.name, "parent": s.unit.parent, "contact": s.unit.contact,
                       "state": s.state.value, "label": s.state.label, "reason": s.reason, "sha256": s.sha256 or None}
                      for s in self.statuses],
        }


def dashboard(roster: Sequence[RosterUnit], receipts: dict[tuple[str, str], Receipt], deadline: Deadline,
              today: date) -> Dashboard:
    """Every unit on the roster with its state; `receipts` by unit identity."""
    statuses = []
    for unit in roster:
        receipt = receipts.get(unit.identity)
        state, reason = unit_state(receipt, deadline, today)
        statuses.append(UnitStatus(unit, state, reason, receipt.sha256 if receipt else ""))
    return Dashboard(statuses, deadline, today, Counter(s.state for s in statuses))


# --- persons rated in two places --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """Where one person was rated: the unit (its identity), the paper, and the person as printed there."""

    unit: tuple[str, str]
    paper: str
    name: str
    position: str


def two_places(places: Sequence[Place]) -> list[tuple[list[int], bool]]:
    """Groups of `places` (indices) that may be one person rated in two (or more) places, and whether the group is
    certain. Certain: the same name and the same position text (NFC) in different units, each unit holding it once.
    Otherwise, when one name appears in two or more units with different positions (or twice in one unit), the
    whole group is shown for the higher level to decide who is who. A name found in one unit only, on one paper or
    two, is never "two places"."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for index, place in enumerate(places):
        by_name[nfc_key(place.name)].append(index)
    found = []
    for indices in by_name.values():
        if len({places[i].unit for i in indices}) < 2:
            continue
        by_position: dict[str, list[int]] = defaultdict(list)
        for i in indices:
            by_position[nfc_key(places[i].position)].append(i)
        certain_all = True
        for same in by_position.values():
            per_unit = Counter(places[i].unit for i in same)
            kept = [i for i in same if per_unit[places[i].unit] == 1]
            if len(kept) >= 2:
                found.append((kept, True))
            if len(kept) != len(indices):
                certain_all = False
        if not certain_all:
            found.append((indices, False))
    return found


__all__ = ["AFTER_MEETING", "Dashboard", "Deadline", "LookAlike", "Place", "Receipt", "RosterUnit", "UnitState",
           "UnitStatus", "dashboard", "look_alikes", "nfc_key", "roster_problems", "skeleton", "two_places",
           "unit_identity", "unit_state"]

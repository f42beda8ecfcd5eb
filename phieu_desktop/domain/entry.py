"""Typing a ballot, without Qt: the one notation table shared by the entry grid, the CLI, the CSV and the printed
log, and the ballot being typed (a small state machine, tested without a QApplication).

The store keeps one code per person: the level's letter (C, T, L; K on a no-confidence ballot), 0 for no box, M for
several boxes, X for a crossed-out name, and "-" for a ballot not issued by the committee. The keyboard takes those
letters (either case) and, for a numeric keypad, the digits 1, 2 (, 3) for the levels in printed order and 9 for
several boxes. Screen and paper show the letters.
"""

from __future__ import annotations

from .i18n import _
from .marks import CROSSED_OUT, MULTIPLE, NO_MARK, NOT_ISSUED
from .regime import Regime

MULTIPLE_DIGIT = "9"  # the keypad's key for "several boxes" (M)


def short_label(code: str) -> str | None:
    """The few words a code shows as in the grid's cells: the level's short name, or what makes a row invalid."""
    from .regime import CONFIDENCE, HIGH, LOW, NO_CONFIDENCE

    levels = {level.code: level.short_label for level in (HIGH, CONFIDENCE, LOW, NO_CONFIDENCE)}
    invalid = {NO_MARK: _("Không đánh dấu"), MULTIPLE: _("Nhiều ô"), CROSSED_OUT: _("Gạch tên"),
               NOT_ISSUED: _("Không do BKP phát ra")}
    return levels.get(code) or invalid.get(code)


def key_map(regime: Regime) -> dict[str, str]:
    """Typed character -> mark code: the codes themselves (C, T, L / T, K; 0; M; X, either case) and the keypad's
    digits: 1, 2 (, 3) for the levels in printed order, 9 for several boxes."""
    keys: dict[str, str] = {}
    for i, level in enumerate(regime.levels, start=1):
        keys[str(i)] = level.code
        keys[level.code] = level.code
        keys[level.code.lower()] = level.code
    keys.update({NO_MARK: NO_MARK, MULTIPLE_DIGIT: MULTIPLE, MULTIPLE: MULTIPLE, MULTIPLE.lower(): MULTIPLE,
                 CROSSED_OUT: CROSSED_OUT, CROSSED_OUT.lower(): CROSSED_OUT})
    return keys


def key_names(regime: Regime) -> str:
    """The accepted keys, for a message: "C/1, T/2, L/3, M/9, 0, X"."""
    pairs = [f"{level.code}/{i}" for i, level in enumerate(regime.levels, start=1)]
    return ", ".join(pairs + [f"{MULTIPLE}/{MULTIPLE_DIGIT}", NO_MARK, CROSSED_OUT])


def typed_to_marks(text: str, regime: Regime) -> str:
    """'1 2 3' or 'c t l' -> 'CTL' for the correction dialogs; unknown characters pass through for parse_marks."""
    keys = key_map(regime)
    compact = "".join(text.split())
    if compact == NOT_ISSUED:
        return compact
    return "".join(keys.get(ch, ch.upper()) for ch in compact)


def marks_text(marks: str) -> str:
    """Marks as screen and paper show them, one code per person: 'LTTC' -> 'L T T C' ('-' stays)."""
    return marks if marks == NOT_ISSUED else " ".join(marks)


def mark_text(code: str | None) -> str:
    if code is None:
        return ""
    return short_label(code) or code


def legend(regime: Regime) -> list[tuple[str, str]]:
    """(key, meaning) pairs shown above the entry grid and in the F1 list."""
    items = [(f"{level.code} / {i}", level.label) for i, level in enumerate(regime.levels, start=1)]
    items += [(NO_MARK, _("Không đánh dấu ô nào")), (f"{MULTIPLE} / {MULTIPLE_DIGIT}", _("Đánh dấu nhiều ô")),
              (CROSSED_OUT, _("Gạch tên")), ("−", _("Cả phiếu không do BKP phát ra")), ("←", _("Lùi một dòng")),
              ("Enter", _("Ghi phiếu")), ("Esc", _("Xóa phiếu đang nhập"))]
    return items

class BallotDraft:
    """One mark per person, a cursor that moves on by itself, or the whole ballot not issued."""

    def __init__(self, width: int, keys: dict[str, str]) -> None:
        self.width = width
        self.keys = keys
        self.marks: list[str | None] = [None] * width
        self.cursor = 0  # == width when every row is filled
        self.not_issued = False

    @property
    def complete(self) -> bool:
        return self.not_issued or all(m is not None for m in self.marks)

    @property
    def empty(self) -> bool:
        return not self.not_issued and all(m is None for m in self.marks)

    @property
    def missing(self) -> int:
        return 0 if self.not_issued else sum(m is None for m in self.marks)

    def text(self) -> str:
        """The marks for the store ('CTL…' or '-'); only meaningful when complete."""
        return NOT_ISSUED if self.not_issued else "".join(m or "" for m in self.marks)

    def is_key(self, ch: str) -> bool:
        """Whether a typed character means something on a ballot (a code, a keypad digit, or "-")."""
        return ch == NOT_ISSUED or ch in self.keys

    def press(self, ch: str) -> list[int]:
        """Apply one typed character; returns the rows that changed (empty when the key means nothing here)."""
        if ch == NOT_ISSUED:
            self.marks = [None] * self.width
            self.not_issued = True
            self.cursor = self.width
            return list(range(self.width))
        code = self.keys.get(ch)
        if code is None or (self.cursor >= self.width and not self.not_issued):
            return []  # not a key of this ballot, or every row is already filled (Enter, or go back first)
        if self.not_issued:
            self.not_issued = False
            self.cursor = 0
            changed = list(range(self.width))
        else:
            changed = []
        row = min(self.cursor, self.width - 1)
        self.marks[row] = code
        old = self.cursor
        self.cursor = next((i for i in range(row + 1, self.width) if self.marks[i] is None), self.width)
        return sorted(set(changed + [row, old, min(self.cursor, self.width - 1)]))

    def back(self) -> list[int]:
        """Backspace: step back one row and clear it."""
        if self.not_issued:
            return self.clear()
        old = self.cursor
        self.cursor = max(0, self.cursor - 1)
        self.marks[self.cursor] = None
        return sorted({self.cursor, min(old, self.width - 1)})

    def move(self, delta: int) -> list[int]:
        old = self.cursor
        self.cursor = max(0, min(self.width - 1, old + delta))
        return sorted({min(old, self.width - 1), self.cursor})

    def clear(self) -> list[int]:
        self.marks = [None] * self.width
        self.not_issued = False
        self.cursor = 0
        return list(range(self.width))


__all__ = ["BallotDraft", "key_map", "key_names", "legend", "mark_text", "marks_text", "short_label", "typed_to_marks"]

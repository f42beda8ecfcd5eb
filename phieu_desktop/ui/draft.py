"""The ballot being typed on the entry screen: a small state machine, no Qt (tested without a QApplication)."""

from __future__ import annotations

from ..domain.marks import NOT_ISSUED


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

"""The one exception type every layer shows to the user as a Vietnamese sentence."""

from __future__ import annotations


class PhieuError(Exception):
    """An input or state the rules refuse; `str(err)` is one Vietnamese line for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

"""The one monospace font of the window (the seal's fingerprint, the groups to type, pasted keys).

The user-interface font is the system's (Segoe UI on Windows): nothing here changes it. For fixed-width text the
first of MONOSPACE that the system has, in that order: Consolas and Courier New come with every Windows, DejaVu
Sans Mono and Liberation Mono with most Linux desktops. Failing all of them, the system's own fixed font."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

MONOSPACE = ("Consolas", "Courier New", "DejaVu Sans Mono", "Liberation Mono")


def choose(families: Iterable[str]) -> str | None:
    """The first of MONOSPACE among `families` (the system's font families), or None."""
    have = {family.casefold() for family in families}
    return next((name for name in MONOSPACE if name.casefold() in have), None)


@cache
def _family() -> str:
    return choose(QFontDatabase.families()) or QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()


def monospace(points: int = 11, bold: bool = False) -> QFont:
    font = QFont(_family())
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPointSize(points)
    font.setBold(bold)
    return font

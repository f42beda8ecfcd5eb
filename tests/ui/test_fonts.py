"""One monospace font, one that Windows has; the interface font stays the system's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontInfo

import phieu_desktop
from phieu_desktop.ui.fonts import choose, monospace

UI = Path(phieu_desktop.__file__).parent / "ui"


def test_windows_fonts_come_first():
    windows_10 = ["Arial", "Consolas", "Courier New", "Segoe UI", "Tahoma"]
    assert choose(windows_10) == "Consolas"
    assert choose(["Arial", "courier new", "Segoe UI"]) == "Courier New"  # Windows XP/7 without Consolas
    assert choose(["DejaVu Sans", "DejaVu Sans Mono"]) == "DejaVu Sans Mono"
    assert choose(["Arial"]) is None  # then the system's fixed font


def test_monospace_is_fixed_width_and_sized(qapp):
    import pytest
    from PySide6.QtGui import QFontDatabase

    font = monospace(24, bold=True)
    assert font.pointSize() == 24 and font.bold()
    system_fixed = QFontInfo(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)).fixedPitch()
    if choose(QFontDatabase.families()) is None and not system_fixed:
        # Qt's offscreen platform under Wine sees no fixed-width font at all; the real windows platform does
        pytest.skip("this platform has no fixed-width font for Qt to find (offscreen under Wine)")
    assert QFontInfo(font).fixedPitch(), QFontInfo(font).family()


def test_no_screen_names_a_font_family_of_its_own():
    """A family named in a screen's code is a font a Windows machine may not have (it had "DejaVu Sans Mono")."""
    for path in UI.rglob("*.py"):
        if path.name != "fonts.py":
            text = path.read_text(encoding="utf-8")
            assert "QFont(\"" not in text and "setFamily(" not in text, path

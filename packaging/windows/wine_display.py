"""Write the registry file that makes a Wine 8 prefix show windows as Windows 10 does (test environment only).

    python3 wine_display.py OUT.reg [DPI]        # DPI 96 (100 %, the default) or 120 (125 %)

wine-window imports it with `wine regedit /S OUT.reg`:
- a virtual desktop of 1366×768 (`Software\\Wine\\Explorer`): Wine draws every window inside one X window, with the
  title bar and frame a Windows user sees (Xvfb has no window manager to draw them otherwise);
- the fonts of the window metrics (title bars, menus, message boxes: Qt takes its default font from the message
  font) set to Liberation Sans 9 pt, a font with the whole Vietnamese alphabet standing in for Segoe UI. Wine's
  own Tahoma lacks most of it ("Bình" comes out as "Bnh");
- the screen's dots per inch: 96 is 100 % on Windows, 120 is 125 % (the setting of most 14–15" laptops).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

WIDTH, HEIGHT = 1366, 768
UI_FONT = "Liberation Sans"
POINTS = 9  # Segoe UI 9 pt: Windows 10's message, menu and caption font
FONT_KEYS = ("CaptionFont", "SmCaptionFont", "MenuFont", "StatusFont", "MessageFont", "IconFont")


def logfont(face: str, dpi: int, weight: int = 400) -> bytes:
    """A LOGFONTW (92 bytes): height in pixels at `dpi` (negative: the character height), then the face name."""
    height = -round(POINTS * dpi / 72)
    name = face.encode("utf-16-le").ljust(64, b"\0")
    # height, width, escapement, orientation, weight; italic, underline, strike-out, charset (DEFAULT_CHARSET),
    # out precision, clip precision, quality (CLEARTYPE_QUALITY), pitch and family
    return struct.pack("<5l8B", height, 0, 0, 0, weight, 0, 0, 0, 1, 0, 0, 5, 0) + name


def hexbytes(data: bytes) -> str:
    return ",".join(f"{b:02x}" for b in data)


def registry(dpi: int = 96) -> str:
    if dpi not in (96, 120, 144):
        raise ValueError(f"dpi {dpi}: 96 (100 %), 120 (125 %) or 144 (150 %)")
    lines = ["REGEDIT4", "",
             "[HKEY_CURRENT_USER\\Software\\Wine\\Explorer]", '"Desktop"="phieu"', "",
             "[HKEY_CURRENT_USER\\Software\\Wine\\Explorer\\Desktops]", f'"phieu"="{WIDTH}x{HEIGHT}"', "",
             "[HKEY_CURRENT_USER\\Control Panel\\Desktop]", f'"LogPixels"=dword:{dpi:08x}', "",
             "[HKEY_CURRENT_CONFIG\\Software\\Fonts]", f'"LogPixels"=dword:{dpi:08x}', "",
             "[HKEY_CURRENT_USER\\Control Panel\\Desktop\\WindowMetrics]"]
    lines += [f'"{key}"=hex:{hexbytes(logfont(UI_FONT, dpi))}' for key in FONT_KEYS]
    return "\r\n".join(lines) + "\r\n"


def main(argv: list[str]) -> int:
    out = Path(argv[1])
    dpi = int(argv[2]) if len(argv) > 2 else 96
    out.write_text(registry(dpi), encoding="ascii")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

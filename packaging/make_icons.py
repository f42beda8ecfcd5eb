"""Render resources/icons/phieu.svg to the PNG and ICO files the window and the installer use.

Run once after changing the SVG: .venv/bin/python packaging/make_icons.py (the outputs are committed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtGui import QGuiApplication, QIcon  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs an application to render)
    icon = QIcon(str(ICONS / "phieu.svg"))
    for size in (16, 32, 48, 256):
        image = icon.pixmap(QSize(size, size)).toImage()
        if not image.save(str(ICONS / f"phieu-{size}.png")):
            print(f"could not write phieu-{size}.png", file=sys.stderr)
            return 1
    if not icon.pixmap(QSize(256, 256)).toImage().save(str(ICONS / "phieu.ico"), "ICO"):
        print("could not write phieu.ico", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Compile resources/translations/*.ts to the .qm files the window loads (Qt's own words in Vietnamese).

Run after changing a .ts file: .venv/bin/python packaging/make_translations.py (the .qm files are committed, so a
build needs no Qt tool). pyside6-lrelease comes with the PySide6-Essentials wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"


def main() -> int:
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    code = 0
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        code |= subprocess.call([lrelease, "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))])
    return code


if __name__ == "__main__":
    sys.exit(main())

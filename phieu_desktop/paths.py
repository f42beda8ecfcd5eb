"""Every path the program uses, from one place, with environment overrides (tests, portable USB mode).

The folders that travel with the program (forms/, resources/, docs/) sit inside the package once installed
(a wheel, the PyInstaller build, the Windows folder: `phieu_desktop/forms`, …; see setup.py) and at the top of the
source tree while developing. `bundled` looks inside the package first, so an installed copy never reads a source
tree that happens to be nearby.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The folder `name` (forms, resources or docs) shipped with the program: in the package, else the source tree."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def resource(*parts: str) -> Path:
    """A file under resources/ (fonts, icons, translations); PHIEU_RESOURCES overrides the folder."""
    base = os.environ.get("PHIEU_RESOURCES")
    return (Path(base) if base else bundled("resources")).joinpath(*parts)


def form(*parts: str) -> Path:
    """A file under forms/ (wording and layout of each official form); PHIEU_FORMS overrides the folder."""
    base = os.environ.get("PHIEU_FORMS")
    return (Path(base) if base else bundled("forms")).joinpath(*parts)


def guide() -> Path:
    """The user guide (docs/huong-dan.md); its screenshots sit beside it."""
    return bundled("docs") / "huong-dan.md"


def user_data() -> Path:
    """Settings, recent files and the error log: PHIEU_HOME if set (portable mode, tests), else the platform's place.

    Windows: %APPDATA%\\phieu-desktop (roaming, so a domain profile keeps the recent files); Linux:
    ~/.local/share/phieu-desktop; macOS: ~/Library/Application Support/phieu-desktop.
    """
    base = os.environ.get("PHIEU_HOME")
    if base:
        return Path(base)
    from platformdirs import user_data_path

    return user_data_path("phieu-desktop", appauthor=False, roaming=True)

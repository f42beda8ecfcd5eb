"""Every path the program uses, from one place, with environment overrides (tests, portable USB mode)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def install_root() -> Path:
    """Where `forms/` and `resources/` live: the PyInstaller bundle when frozen, else the source tree."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """A file under resources/ (fonts, icons, translations); PHIEU_RESOURCES overrides the folder."""
    base = os.environ.get("PHIEU_RESOURCES")
    return (Path(base) if base else install_root() / "resources").joinpath(*parts)


def form(*parts: str) -> Path:
    """A file under forms/ (wording and layout of each official form); PHIEU_FORMS overrides the folder."""
    base = os.environ.get("PHIEU_FORMS")
    return (Path(base) if base else install_root() / "forms").joinpath(*parts)


def user_data() -> Path:
    """Settings and recent files: PHIEU_HOME if set (portable mode, tests), else the platform's standard place."""
    base = os.environ.get("PHIEU_HOME")
    if base:
        return Path(base)
    from platformdirs import user_data_path

    return user_data_path("phieu-desktop", appauthor=False)

"""Where the save and open dialogs start, and the name they suggest for a new session's file.

A session's files go beside it (the session's folder); before there is one, into "Phiếu tín nhiệm" under the
user's Documents (PHIEU_DOCUMENTS overrides Documents, for tests and a portable USB mode)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ..domain.prepare import key_from_title
from ..domain.session import Session

FOLDER_NAME = "Phiếu tín nhiệm"


def documents_folder() -> Path:
    """Documents/Phiếu tín nhiệm, created when first asked for (a dialog is about to start in it)."""
    base = os.environ.get("PHIEU_DOCUMENTS") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    folder = Path(base) / FOLDER_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only profile: start where the user's files are
        return Path(base)
    return folder


def start_folder(file=None) -> Path:
    """The open session's folder, else Documents/Phiếu tín nhiệm."""
    return Path(file.path).parent if file is not None else documents_folder()


def session_name(session: Session) -> str:
    """A file name a secretary recognises: organisation, meeting, date ("so-tai-chinh-…-2023-09-12")."""
    parts = [key_from_title(session.organization), key_from_title(session.title)]
    parts = [p for p in parts if p != "phieu"]  # key_from_title's word for an empty title
    return "-".join(parts + [session.date.strftime("%Y-%m-%d")])


def new_session_path(session: Session, file=None) -> Path:
    return start_folder(file) / f"{session_name(session)}.phieu"

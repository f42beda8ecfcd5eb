"""Where the save and open dialogs start, and the name they suggest for a new session's file.

A session's files go beside it (the session's folder); before there is one, into "Phiếu tín nhiệm" under the
user's Documents (PHIEU_DOCUMENTS overrides Documents, for tests and a portable USB mode)."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QStandardPaths

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


def _slug(text: str, limit: int = 48) -> str:
    """"Sở Tài chính tỉnh Hà Giang" -> "so-tai-chinh-tinh-ha-giang": plain letters travel safely (USB, e-mail, zip);
    cut at a word, never in the middle of one."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    words = re.sub(r"[^a-z0-9]+", " ", "".join(ch for ch in text if not unicodedata.combining(ch)).lower()).split()
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > limit:
            break
        slug = f"{slug}-{word}" if slug else word[:limit]
    return slug


def session_name(session: Session) -> str:
    """A file name a secretary recognises: organisation, meeting, date ("so-tai-chinh-…-2023-09-12")."""
    parts = [_slug(session.organization), _slug(session.title), session.date.strftime("%Y-%m-%d")]
    return "-".join(p for p in parts if p)


def new_session_path(session: Session, file=None) -> Path:
    return start_folder(file) / f"{session_name(session)}.phieu"

"""The open session file shared by every step, and the one way widgets call the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..domain.errors import PhieuError
from . import dialogs
from .messages import explain


class Failed:
    """Returned by `SessionContext.act` when the store refused; the dialog has been shown."""

    def __bool__(self) -> bool:
        return False


FAILED = Failed()


class SessionContext(QObject):
    """Holds the open `SessionFile`; `changed` after every write (kept or refused), `opened` on a new file."""

    changed = Signal()
    opened = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.file = None

    def set_file(self, file) -> None:
        if self.file is not None and self.file is not file:
            self.file.close()
        self.file = file
        self.opened.emit()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
            self.opened.emit()

    def act(self, parent: QWidget | None, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one store operation (one transaction); a refusal becomes a Vietnamese dialog, never a traceback."""
        try:
            result = operation(*args, **kwargs)
        except (PhieuError, OSError, sqlite3.Error) as err:  # a refusal, a full USB stick, a damaged file...
            self.changed.emit()
            dialogs.error(parent, explain(err))  # in Vietnamese, never a library's text
            return FAILED
        self.changed.emit()
        return result

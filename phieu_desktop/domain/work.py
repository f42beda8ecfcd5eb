"""Long work without Qt: what a job is given to report how far it is and to learn that the user wants it stopped.

A job is a plain function taking a `Ticker` (keyword `ticker`): it calls `ticker.step(done, total, text)` as it
goes, which raises `Cancelled` once the user has asked to stop. The window runs such a job on a worker thread with a
progress dialog and a cancel button (`ui.background.run`); the CLI and the tests call the same function with the
silent `Ticker()`. A job that is cancelled must leave nothing that looks finished: it writes its output to a
temporary file and moves it into place only after its last step (as every writer here already does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import PhieuError
from .i18n import _


class Cancelled(PhieuError):
    """The user stopped the work; nothing it would have written was left behind."""

    def __init__(self, *_ignored: object) -> None:
        # reportlab re-raises an error from inside a page with its own annotation added, by calling the class
        # with one argument: the message stays ours
        super().__init__(_("Đã dừng theo yêu cầu; chưa ghi gì."))


@dataclass
class Ticker:
    """Progress out, stop requests in. Both hooks are optional: `Ticker()` is silent and never stops."""

    progress: Callable[[int, int | None, str], None] | None = None
    should_stop: Callable[[], bool] | None = None

    def step(self, done: int, total: int | None = None, text: str = "") -> None:
        """Report `done` of `total` (None: unknown) with a Vietnamese line; raise Cancelled if asked to stop."""
        if self.progress is not None:
            self.progress(done, total, text)
        self.check()

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop (call it between two units of work)."""
        if self.should_stop is not None and self.should_stop():
            raise Cancelled()


SILENT = Ticker()

__all__ = ["SILENT", "Cancelled", "Ticker"]

"""The window under test: a fresh user data folder per test, the main window, the dialog answerer."""

from __future__ import annotations

import pytest

from phieu_desktop.ui.main_window import MainWindow, configure_application
from phieu_desktop.ui.qtcompat import give_back, install, singleton_references
from tests.ui.helpers import Dialogs


@pytest.fixture(autouse=True)
def binding_references():
    """PySide6 6.12 test helpers (processEvents, keyClick) drop references to None; give them back per test."""
    install()
    before = singleton_references()
    yield
    give_back(before)


@pytest.fixture(autouse=True)
def fresh_file_choice(monkeypatch):
    """The folder an open dialog remembers from the test before is not this test's."""
    from phieu_desktop.ui import file_choice

    monkeypatch.setattr(file_choice, "_last_folder", None)


@pytest.fixture(autouse=True)
def phieu_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("PHIEU_HOME", str(home))
    return home


@pytest.fixture
def window(qtbot, qapp):
    configure_application(qapp)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for stack in (win.entry.stack, win.verification.stack):  # a test may stop mid-ballot: do not ask on closing
        if stack.grid.model() is not None:
            stack.grid.model().clear()
    win.close()


@pytest.fixture
def dialogs(qtbot):
    helper = Dialogs(qtbot)
    yield helper
    helper.timer.stop()
    assert not helper.unexpected, f"unexpected dialogs: {helper.unexpected}"
    assert not helper.answers, "a dialog the test expected never opened"

"""File menu (new through the wizard, edit, backup copy, recent files), the projector, and the documents."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from phieu_desktop.demo import create_demo
from phieu_desktop.domain.progress import Step
from phieu_desktop.store import SessionFile
from phieu_desktop.ui import dialogs as ui_dialogs
from phieu_desktop.ui import main_window as main_window_module
from phieu_desktop.ui.steps.lock import DOCUMENTS
from tests.conftest import make_session
from tests.ui.helpers import key, open_menu_and_choose, press_enter, type_text


class FakeWizard:
    """Stands in for the Prepare wizard (tested on its own): accepted at once with a prepared session."""

    prepared = make_session(present=None, present_at_vote=None, issued=None, returned=None)

    def __init__(self, parent=None, session=None, **_kwargs) -> None:
        self.session = session

    def exec(self) -> int:
        return 1

    def result_session(self):
        if self.session is None:
            return self.prepared
        return replace(self.session, title="Hội nghị đã sửa tên")


def save_pdf(lock, name: str) -> None:
    """A document's "Lưu PDF…" (its button's menu), or the Excel button itself."""
    if name not in lock.doc_menus:
        key(lock.doc_buttons[name], Qt.Key.Key_Space)
        return
    open_menu_and_choose(lock.doc_buttons[name], "savePdf")


@pytest.fixture
def fake_wizard(monkeypatch):
    monkeypatch.setattr(main_window_module, "load_wizard", lambda: FakeWizard)


def test_new_session_then_edit_it_while_no_ballot_is_entered(window, tmp_path, monkeypatch, fake_wizard):
    target = tmp_path / "moi"
    monkeypatch.setattr(ui_dialogs, "save_path", lambda *a: str(target))
    window.new_session()
    assert window.ctx.file is not None and window.ctx.file.path.name == "moi.phieu"
    assert window.current_step() is Step.PREPARE  # where the ballots are printed
    window.go_to(Step.PREPARE)
    assert window.prepare.edit.isEnabled()
    key(window.prepare.edit, Qt.Key.Key_Space)
    assert window.ctx.file.session.title == "Hội nghị đã sửa tên"
    assert "Hội nghị đã sửa tên" in window.prepare.summary.text()
    assert window.ctx.file.verify().ok


def test_backup_copy_and_recent_files(window, session_path, tmp_path, monkeypatch, dialogs):
    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)
    type_text(window.entry.stack.grid, "123")
    key(window.entry.stack.grid, Qt.Key.Key_Return)
    copy = tmp_path / "usb" / "ban-sao.phieu"
    copy.parent.mkdir()
    monkeypatch.setattr(ui_dialogs, "save_path", lambda *a: str(copy))
    dialogs.expect(press_enter)
    window.copy_action.trigger()
    dialogs.wait_done()
    assert "Đã lưu bản sao" in dialogs.seen[0]
    with SessionFile.open(copy) as backup:
        assert backup.verify().ok and backup.ballots("lanh-dao") == [(1, "CTL")]
    window.close_file()
    assert window.views.currentIndex() == 0
    monkeypatch.setenv("HOME", str(session_path.parent))
    monkeypatch.setenv("USERPROFILE", str(session_path.parent))
    window.welcome.refresh()
    assert window.welcome.recent.count() == 1 and not window.welcome.empty.isVisibleTo(window)
    line = window.welcome.recent.item(0).text()
    assert re.fullmatch(r"phien\.phieu\n~   —   sửa lần cuối \d\d:\d\d \d\d/\d\d/\d{4}", line), line
    assert window.welcome.recent.item(0).toolTip() == str(session_path.resolve())
    key(window.welcome.recent, Qt.Key.Key_Return)  # Enter opens the latest file
    assert window.views.currentIndex() != 0 and Path(window.ctx.file.path).resolve() == session_path.resolve()


def test_the_projector_follows_the_count(window, session_path, qtbot):
    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)
    window.show_projector()
    projector = window.projector
    qtbot.addWidget(projector)
    assert projector.progress.text() == "Đã kiểm 0 / 24 phiếu"
    for keys in ("111", "113"):
        type_text(window.entry.stack.grid, keys)
        key(window.entry.stack.grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: projector.progress.text() == "Đã kiểm 2 / 24 phiếu")
    model = projector.model
    assert model.data(model.index(2, 1)) == "1  (4,17%)"  # one "high" of 24 returned
    projector.close()


def test_documents_of_a_locked_count(window, tmp_path, monkeypatch, dialogs):
    demo = tmp_path / "demo.phieu"
    fingerprint = create_demo(demo)
    window.open_file(demo)
    assert window.current_step() is Step.LOCK
    assert fingerprint in window.lock.fingerprint.text()
    assert "Đặng Quốc Kỳ" in window.lock.explanations.text()
    for name in DOCUMENTS:
        out = tmp_path / f"out-{name}.{'xlsx' if name == 'xlsx' else 'pdf'}"
        monkeypatch.setattr(ui_dialogs, "save_path", lambda *a, out=out: str(out))
        dialogs.expect(press_enter)
        save_pdf(window.lock, name)
        dialogs.wait_done()
        assert out.exists() and out.stat().st_size > 0, dialogs.seen[-1]
    # Ghi phân số: the minutes again, with the exact share under each percentage
    exact = tmp_path / "bien-ban-phan-so.pdf"
    monkeypatch.setattr(ui_dialogs, "save_path", lambda *a: str(exact))
    window.lock.fractions.setFocus()
    key(window.lock.fractions, Qt.Key.Key_Space)
    assert window.lock.fractions.isChecked()
    dialogs.expect(press_enter)
    save_pdf(window.lock, "minutes")
    dialogs.wait_done()
    person = window.ctx.file.results().papers[0].persons[0]
    low = window.ctx.file.session.regime.adverse.key
    share = f"{person.percent(low)} {person.counts[low]}/{person.denominator}"
    assert share in " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(exact)).pages)
    window.close()
    with SessionFile.open(demo) as again:
        assert again.verify().ok
        notes = [e.detail for e in again.audit_entries() if e.action == "note"]
        assert set(DOCUMENTS) <= {n.get("document") for n in notes}
        assert notes[-1]["document"] == "minutes" and notes[-1]["fractions"] is True


def test_blank_ballots_from_the_prepare_step(window, session_path, tmp_path, monkeypatch, dialogs):
    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)
    window.go_to(Step.PREPARE)
    out = tmp_path / "phieu.pdf"
    monkeypatch.setattr(ui_dialogs, "save_path", lambda *a: str(out))
    dialogs.expect(press_enter)
    open_menu_and_choose(window.prepare.print_ballots, "savePdf")
    dialogs.wait_done()
    assert out.read_bytes().startswith(b"%PDF")


def test_the_real_wizard_takes_what_the_window_gives_it(window, session_path, qtbot):
    wizard_class = main_window_module.load_wizard()
    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)
    fresh = wizard_class(window)
    editing = wizard_class(window, window.ctx.file.session, session_file=window.ctx.file)
    for wizard in (fresh, editing):
        qtbot.addWidget(wizard)
    editing.accept()  # nothing edited: the session comes back as the file holds it, and the store takes it back
    assert editing.result_session() == window.ctx.file.session
    window.ctx.file.update_session(editing.result_session())
    assert window.ctx.file.verify().ok

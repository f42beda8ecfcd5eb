"""The window as a first-time secretary meets it (issue 14): each item seen on the real window, as a test."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QTreeView,
    QWidget,
    QWizard,
)

from phieu_desktop.domain.prepare import PAGES, Page
from phieu_desktop.domain.progress import Step
from phieu_desktop.store import SessionFile
from phieu_desktop.ui import dialogs as ui_dialogs
from phieu_desktop.ui import file_choice
from phieu_desktop.ui import prepare as prepare_package
from phieu_desktop.ui.main_window import configure_application
from phieu_desktop.ui.prepare import PrepareWizard
from phieu_desktop.ui.prepare.models import PersonsModel
from phieu_desktop.ui.steps.base import OK_COLOUR
from tests.conftest import make_session
from tests.ui.helpers import key, press_button
from tests.ui.test_meeting import type_ballot

# Words of Qt's own dialogs, as they appear when no translation is loaded
QT_ENGLISH = re.compile(r"\b(Look in|File name|Files of type|Save|Open|Cancel|Name|Size|Type|Kind|Date Modified|"
                        r"Computer|Back|Forward|Parent Directory|Create New Folder|New Folder|List View|Detail View|"
                        r"Folder|Drive|File|Files|Directory|Directories|Choose|All Files|Sidebar|Recent Places|OK|"
                        r"Yes|No|Close|Apply|Reset|Help|Next|Finish|Commit|Done|Continue|Go Back|Undo|Redo|Cut|Copy|"
                        r"Paste|Select All|Rename|Show hidden files|Unknown)\b")


def words_of(widget: QWidget) -> list[str]:
    """Every text a user can read in a widget: labels, buttons, tool tips, headers and cells of item views."""
    texts = [widget.windowTitle()]
    for child in [widget] + widget.findChildren(QWidget):
        for attribute in ("text", "title", "placeholderText", "toolTip", "currentText"):
            value = getattr(child, attribute, None)
            if callable(value):
                try:
                    value = value()
                except TypeError:
                    continue
            if isinstance(value, str) and value:
                texts.append(value.replace("&", ""))
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            for column in range(model.columnCount(child.rootIndex())
                                if not isinstance(model, QAbstractListModel) else 1):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(min(model.rowCount(child.rootIndex()), 30)):
                texts.append(str(model.data(model.index(row, 0, child.rootIndex())) or ""))
        for action in child.actions():
            texts.append(action.text().replace("&", ""))
    return [t for t in texts if t]


def english_in(widget: QWidget) -> list[str]:
    return sorted({m.group(0) for text in words_of(widget) for m in QT_ENGLISH.finditer(text)})


# --- 1. Qt's own file dialog in Vietnamese, used for every file choice ---

@pytest.mark.parametrize("save", [False, True])
def test_qt_file_dialog_speaks_vietnamese(qapp, qtbot, tmp_path, save):
    configure_application(qapp)
    (tmp_path / "a.phieu").write_bytes(b"x")
    mode = QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile
    dialog = file_choice._dialog(None, "Chọn tệp", mode, "Tệp phiên lấy phiếu (*.phieu)", str(tmp_path), save=save)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own dialog, as on Linux without a portal
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.findChild(QTreeView).model().rowCount(dialog.findChild(QTreeView).rootIndex()) > 0)
    found = english_in(dialog)
    assert not found, f"English words in the file dialog: {found}"
    header = dialog.findChild(QTreeView).header()
    model = header.model()
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)] == ["Tên", "Cỡ", "Loại", "Ngày sửa"]
    dialog.reject()


def test_every_file_choice_goes_through_the_vietnamese_dialog(qapp, monkeypatch, tmp_path):
    seen = []
    monkeypatch.setattr(file_choice, "_run", lambda dialog: seen.append(dialog) or [])
    ui_dialogs.save_path(None, "Lưu", str(tmp_path / "bien-ban.pdf"), "PDF (*.pdf)")
    ui_dialogs.open_path(None, "Mở", str(tmp_path), "Tệp phiên lấy phiếu (*.phieu)")
    save, open_ = seen
    assert save.acceptMode() is QFileDialog.AcceptMode.AcceptSave and save.defaultSuffix() == "pdf"
    assert save.labelText(QFileDialog.DialogLabel.Accept) == "&Lưu"
    assert save.labelText(QFileDialog.DialogLabel.FileName) == "Tê&n tệp:"
    assert open_.labelText(QFileDialog.DialogLabel.Accept) == "&Mở"
    assert Path(open_.directory().absolutePath()) == tmp_path


# --- 2. where files go ---

class FakeWizard:
    """The wizard accepted at once with a prepared session (the wizard itself has its own tests); shown again after
    the save dialog was cancelled, the user then closes it."""

    def __init__(self, *args, **kwargs) -> None:
        self.shown = 0

    def exec(self) -> bool:
        self.shown += 1
        return self.shown == 1

    def result_session(self):
        return make_session()


def test_save_dialogs_start_in_documents_or_beside_the_session(window, tmp_path, monkeypatch, session_path):
    documents = tmp_path / "Tài liệu"
    monkeypatch.setenv("PHIEU_DOCUMENTS", str(documents))
    monkeypatch.setattr(prepare_package, "PrepareWizard", FakeWizard)
    monkeypatch.setattr("phieu_desktop.ui.main_window.PrepareWizard", FakeWizard, raising=False)
    asked = []
    monkeypatch.setattr(ui_dialogs, "save_path", lambda parent, title, suggested, pattern: asked.append(suggested))
    monkeypatch.setattr(ui_dialogs, "open_path", lambda parent, title, folder, pattern: asked.append(folder))
    window.new_session()
    window.choose_file()
    expected = documents / "Phiếu tín nhiệm"
    name = "so-tai-chinh-tinh-ha-giang-hoi-nghi-lay-phieu-tin-nhiem-nam-2023-2023-09-12.phieu"
    assert Path(asked[0]) == expected / name
    assert Path(asked[1]) == expected and expected.is_dir()
    SessionFile.create(session_path, make_session()).close()
    assert window.open_file(session_path)
    asked.clear()
    window.new_session()
    window.choose_file()
    window.save_copy()
    assert [Path(p).parent for p in asked] == [session_path.parent, session_path.parent.parent, session_path.parent]
    assert Path(asked[1]) == session_path.parent  # the open dialog starts in the folder itself


# --- 3. a damaged file speaks Vietnamese and says what to do ---

def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    data[page:page * 3] = bytes(range(256)) * (2 * page // 256)  # the schema and first tables: garbage
    path.write_bytes(bytes(data))


def test_a_damaged_file_says_what_to_do_in_vietnamese(window, session_path, dialogs):
    SessionFile.create(session_path, make_session()).close()
    damage(session_path)
    dialogs.expect(press_button("Đóng"))
    assert not window.open_file(session_path)
    dialogs.wait_done()
    said = dialogs.seen[0]
    assert "bị hỏng" in said and "Lưu bản sao" in said and ".bak" in said and "USB" in said
    assert not re.search(r"database|malformed|disk image|file is not", said, re.I)


def test_a_library_error_during_a_write_is_shown_in_vietnamese(window, session_path, dialogs):
    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)

    def broken(*_args):
        raise sqlite3.DatabaseError("database disk image is malformed")

    def full(*_args):
        raise OSError(28, "No space left on device", "E:/phien.phieu")

    dialogs.expect(press_button("Đóng"), press_button("Đóng"))
    window.ctx.act(window, broken)
    window.ctx.act(window, full)
    dialogs.wait_done()
    assert "bị hỏng" in dialogs.seen[0] and "Lưu bản sao" in dialogs.seen[0]
    assert "ổ đĩa đã đầy" in dialogs.seen[1]
    assert not any(re.search(r"database|malformed|No space", text) for text in dialogs.seen)


# --- 4. the projector ---

def entered_file(path: Path, ballots: int = 4, returned: int | None = None):
    returned = returned or ballots
    file = SessionFile.create(path, make_session(persons=3, returned=returned, issued=returned))
    for marks in ["CTL", "TT0", "LMT", "CCX", "TTT", "LLL"][:ballots]:
        file.add_ballot("lanh-dao", marks)
    file.close()


def test_projector_never_takes_the_keyboard_and_f5_toggles_it(window, session_path, qtbot):
    entered_file(session_path, ballots=4, returned=6)
    window.open_file(session_path)
    window.go_to(Step.ENTRY)
    grid = window.entry.stack.grid
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    key(grid, Qt.Key.Key_F5)
    projector = window.projector
    qtbot.addWidget(projector)
    assert projector.isVisible()
    assert projector.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    qtbot.wait(50)
    assert QApplication.focusWidget() is grid and QApplication.activeWindow() is window
    key(grid, Qt.Key.Key_1)  # a ballot key still lands in the grid
    assert grid.ballot().draft.missing == 2
    key(grid, Qt.Key.Key_F5)
    assert not projector.isVisible()
    assert QApplication.focusWidget() is grid
    key(grid, Qt.Key.Key_Escape)  # no ballot left half typed for the window's closing question


def test_projector_rows_add_up_to_100_percent(window, session_path, qtbot):
    entered_file(session_path)
    window.open_file(session_path)
    window.show_projector()
    qtbot.addWidget(window.projector)
    model = window.projector.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Không hợp lệ" in headers
    for row in range(model.rowCount()):
        cells = [model.data(model.index(row, c)) for c in range(1, model.columnCount() - 1)]
        percents = [float(m.group(1).replace(",", ".")) for m in (re.search(r"\(([\d,]+)%\)", c) for c in cells)]
        counts = [int(c.split()[0]) for c in cells]
        assert sum(counts) == 4
        assert abs(sum(percents) - 100) < 0.02 * len(percents)


# --- 5. and 6. the wizard: no internal key, the persons table by keyboard ---

def open_papers_page(qtbot) -> PrepareWizard:
    wizard = PrepareWizard(None, make_session())
    qtbot.addWidget(wizard, before_close_func=lambda w: QDialog.done(w, QDialog.DialogCode.Rejected))
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    while wizard.currentId() != PAGES.index(Page.PAPERS):
        wizard.next()
    return wizard


def test_wizard_names_an_untitled_paper_as_its_list_does(qtbot):
    wizard = open_papers_page(qtbot)
    papers = wizard.currentPage()
    papers.add_paper()
    assert papers.paper_choice.currentText() == "Phiếu 2: (chưa có tiêu đề)"
    problems = papers.problems.text()
    assert "Phiếu 2 chưa có tiêu đề." in problems
    assert "Phiếu 2 chưa có người được lấy phiếu." in problems
    assert "“phieu" not in problems


def test_persons_table_by_keyboard(qtbot):
    wizard = open_papers_page(qtbot)
    page = wizard.currentPage()
    view = page.view
    page.person_name.setFocus()
    key(page.person_name, Qt.Key.Key_F2)  # F2 at once, from the name field: the first person is edited
    assert view.state() == QAbstractItemView.State.EditingState
    key(QApplication.focusWidget(), Qt.Key.Key_Escape)
    view.setFocus()
    assert view.currentIndex().isValid() and "focus" in view.styleSheet()  # a current row and a visible frame
    before = wizard.currentId()
    key(view, Qt.Key.Key_Return)  # Enter edits the person; it does not leave the page
    assert wizard.currentId() == before and view.state() == QAbstractItemView.State.EditingState
    key(QApplication.focusWidget(), Qt.Key.Key_Escape)
    view.setCurrentIndex(page.model.index(0, PersonsModel.NAME))
    key(view, Qt.Key.Key_Space)  # on a name, Space does nothing
    assert not wizard.flow.papers[0].persons[0].retiring
    view.setCurrentIndex(page.model.index(0, PersonsModel.RETIRING))
    key(view, Qt.Key.Key_Space)  # on its own column it ticks, and says so
    assert wizard.flow.papers[0].persons[0].retiring
    assert "Đã báo nghỉ hưu" in page.flag_note.text() and "Space" in page.flag_note.text()
    assert "&Q" in wizard.buttonText(QWizard.WizardButton.BackButton)


# --- 8. and 10. the end of a stack; Esc in the middle of a ballot ---

def test_end_of_stack_is_green_names_the_next_step_and_keeps_the_read_back(window, session_path, qtbot):
    SessionFile.create(session_path, make_session(persons=3, issued=3, returned=3)).close()
    window.open_file(session_path)
    window.go_to(Step.ENTRY)
    stack = window.entry.stack
    for ballot in ("123", "210", "9X1"):
        type_ballot(stack.grid, ballot)
    qtbot.waitUntil(lambda: window.ctx.file.entered("lanh-dao") == 3)
    status = stack.status
    assert "3/3" in status.text() and "Bước tiếp theo" in status.text() and "Kiểm tra lại" in status.text()
    assert OK_COLOUR in status.styleSheet()
    assert stack.grid.isEnabled() and not stack.grid.accepting  # read-back legible, no more ballots taken
    assert stack.grid.model().previous_number == 3


def test_escape_says_what_was_cleared(window, session_path, qtbot):
    SessionFile.create(session_path, make_session(persons=3)).close()
    window.open_file(session_path)
    window.go_to(Step.ENTRY)
    grid = window.entry.stack.grid
    key(grid, Qt.Key.Key_1)
    key(grid, Qt.Key.Key_2)
    key(grid, Qt.Key.Key_Escape)
    assert "Đã xóa phiếu đang nhập" in window.entry.stack.status.text()
    assert "2/3" in window.entry.stack.status.text()
    assert grid.ballot().draft.empty


# --- 9. nothing cut short ---

def test_entry_grid_shows_whole_positions(window, session_path, qtbot):
    long = "Phó Hiệu trưởng phụ trách cơ sở vật chất và công tác học sinh, sinh viên"
    session = make_session(persons=3)
    paper = session.papers[0]
    persons = tuple(p.__class__(**{**p.__dict__, "position": long}) for p in paper.persons)
    session = session.__class__(**{**session.__dict__, "papers": (paper.__class__(**{**paper.__dict__,
                                                                                   "persons": persons}),)})
    SessionFile.create(session_path, session).close()
    window.resize(1366, 768)
    window.open_file(session_path)
    window.go_to(Step.ENTRY)
    QApplication.processEvents()
    grid = window.entry.stack.grid
    bold = grid.font()
    bold.setBold(True)
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(bold)
    width = grid.columnWidth(1) - 8
    for row in range(3):
        needed = metrics.boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap), long).height()
        assert grid.rowHeight(row) >= needed, "the position is cut"
    assert grid.wordWrap()


def test_verification_heading_and_status_on_separate_lines(window, session_path):
    entered_file(session_path)
    window.open_file(session_path)
    window.go_to(Step.VERIFICATION)
    summary = window.verification.summary
    heading = next(label for label in window.verification.findChildren(QLabel)
                   if label.text() == "Phiếu nhập hai lần khác nhau")
    assert summary.text() == "Chưa nhập lại phiếu nào."
    top_of_summary = summary.mapTo(window, summary.rect().topLeft()).y()
    bottom_of_heading = heading.mapTo(window, heading.rect().bottomLeft()).y()
    assert top_of_summary >= bottom_of_heading


def test_f1_key_list_in_aligned_columns(window, dialogs):
    formats = []

    def look(box: QWidget) -> None:
        formats.append(box.textFormat())
        press_button("Đóng")(box)

    dialogs.expect(look)
    window.show_keys()
    dialogs.wait_done()
    assert formats == [Qt.TextFormat.RichText] and "<table" in dialogs.seen[0]
    assert "Ctrl+1 … Ctrl+5" in dialogs.seen[0] and "\t" not in dialogs.seen[0]


# --- 11. the folder holds the session file alone while idle ---

def test_no_journal_beside_the_session_while_idle(window, session_path, qtbot):
    SessionFile.create(session_path, make_session(persons=3)).close()
    window.open_file(session_path)
    window.go_to(Step.ENTRY)
    type_ballot(window.entry.stack.grid, "123")
    qtbot.waitUntil(lambda: window.ctx.file.entered("lanh-dao") == 1)
    beside = sorted(p.name for p in session_path.parent.iterdir() if p.name.startswith(session_path.name))
    assert beside == [session_path.name]


# --- issue 26: the second pass as a first-time secretary ---


class KeptWizard:
    """Stands in for the wizard: counts how often it is shown; what it holds stays between two showings."""

    shown = 0

    def __init__(self, parent=None, session=None, **_kwargs) -> None:
        self.session = make_session(present=None, present_at_vote=None, issued=None, returned=None)

    def exec(self) -> int:
        KeptWizard.shown += 1
        return 1 if KeptWizard.shown <= 2 else 0

    def result_session(self):
        return self.session


def test_escape_in_the_last_save_dialog_goes_back_to_the_wizard(window, tmp_path, monkeypatch):
    """Hoàn tất → "Lưu tệp phiên mới" → Esc: the wizard comes back with everything typed, and saving then works;
    the new session opens on Chuẩn bị, where the ballots are printed."""
    from phieu_desktop.ui import main_window as main_window_module

    KeptWizard.shown = 0
    monkeypatch.setattr(main_window_module, "load_wizard", lambda: KeptWizard)
    answers = iter([None, str(tmp_path / "moi")])
    monkeypatch.setattr(ui_dialogs, "save_path", lambda *a: next(answers))
    window.new_session()
    assert KeptWizard.shown == 2
    assert window.ctx.file is not None and window.ctx.file.path.name == "moi.phieu"
    assert window.current_step() is Step.PREPARE


PRINT_ENGLISH = re.compile(r"\b(Print|Printer|Copies|Collate|Options|Properties|Pages|Page|Preview|Zoom|Landscape|"
                           r"Portrait|Location|Type|Reverse|Duplex|Double|Sided|Color|Grayscale|Cancel|OK)\b")


def test_print_dialog_and_preview_speak_vietnamese(window, qtbot, tmp_path):
    """Qt draws the print dialog and the preview itself on Linux: their words come from our qt_vi translation."""
    from PySide6.QtPrintSupport import QPrinter

    from phieu_desktop.documents.printing import PaperJob
    from phieu_desktop.ui.paper import make_printer, preview_dialog, print_dialog

    job = PaperJob("report", "báo cáo kết quả", b"", 2, sizes=[(595.3, 841.9)])
    printer = make_printer(job, QPrinter(QPrinter.PrinterMode.HighResolution))
    for dialog in (print_dialog(window, printer, job), preview_dialog(window, printer, job)):
        qtbot.addWidget(dialog)
        dialog.paintRequested.disconnect() if hasattr(dialog, "paintRequested") else None
        dialog.show()
        english = [w for w in words_of(dialog) if PRINT_ENGLISH.search(w) and "CUPS" not in w]  # a printer's model
        assert not english, english
        assert dialog.width() <= 1366 and dialog.height() <= 768
        dialog.close()


def test_letters_in_the_grid_are_codes_and_other_letters_are_said_at_once(window, session_path, qtbot):
    """"l t t c" is the same ballot as "3 2 2 1"; "q" is said not to be a code, and the focus frame stays put; the
    ballots list shows the letters the printed log shows."""
    from tests.ui.helpers import type_text

    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)
    grid = window.entry.stack.grid
    grid.setFocus()
    type_text(grid, "l")
    row = grid.currentIndex().row()
    type_text(grid, "q")
    assert grid.currentIndex().row() == row and grid.ballot().draft.marks[:2] == ["L", None]
    assert "“q” không phải mã phiếu" in window.entry.stack.status.text()
    assert "C/1, T/2, L/3, M/9, 0, X" in window.entry.stack.status.text()
    type_text(grid, "tc")
    key(grid, Qt.Key.Key_Return)
    assert window.ctx.file.ballots("lanh-dao") == [(1, "LTC")]
    model = window.entry.list.model()
    assert model.data(model.index(0, 1)) == "L T C"


def test_long_documents_are_made_off_the_window_thread_and_stop_leaves_nothing(window, tmp_path, monkeypatch,
                                                                                  dialogs):
    """"Lưu PDF…" of the minutes runs in the background with a progress dialog; "Dừng" leaves no file behind and
    nothing in the log; the window keeps painting meanwhile (the dialog itself is proof: it is answered)."""
    import functools

    from phieu_desktop.demo import create_demo
    from phieu_desktop.ui import background

    demo = tmp_path / "demo.phieu"
    create_demo(demo)
    window.open_file(demo)
    out = tmp_path / "bien-ban.pdf"
    monkeypatch.setattr(ui_dialogs, "save_path", lambda *a: str(out))
    monkeypatch.setattr(background, "run", functools.partial(background.run, delay_ms=0))
    from phieu_desktop.documents.page_marks import PageMarks

    draw = PageMarks.draw

    def slow_draw(self, canvas, doc) -> None:  # a session at the limits: pages take a while each
        import time

        time.sleep(0.2)
        draw(self, canvas, doc)

    monkeypatch.setattr(PageMarks, "draw", slow_draw)
    seen_progress = []

    def stop(dialog) -> None:
        seen_progress.append(dialog.labelText())
        press_button("Dừng")(dialog)

    dialogs.progress = True
    dialogs.expect(stop, lambda box: key(box, Qt.Key.Key_Return))
    window.lock.print_document("minutes")
    dialogs.wait_done()
    assert seen_progress and "Đang" in seen_progress[0]
    assert "Đã dừng" in dialogs.seen[-1]
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))
    notes = [e.detail for e in window.ctx.file.audit_entries() if e.action == "note"]
    assert not any(n.get("document") == "minutes" for n in notes)


def test_read_back_follows_a_correction_and_a_refused_void_keeps_its_dialog(window, session_path, dialogs):
    """Ballot 1 typed 2112, corrected to 2113: "Phiếu vừa ghi" shows the corrected marks. Hủy phiếu without a
    reason: the dialog stays open and says why; its buttons are "Hủy phiếu" and "Đóng" (not "Hủy")."""
    from PySide6.QtWidgets import QAbstractButton

    from tests.ui.helpers import fill_and_enter, replace_text, type_text

    SessionFile.create(session_path, make_session(persons=4)).close()
    window.open_file(session_path)
    grid = window.entry.stack.grid
    grid.setFocus()
    type_text(grid, "2112")
    key(grid, Qt.Key.Key_Return)
    assert grid.ballot().previous == "TCCT"
    dialogs.expect(fill_and_enter("2113", "gõ nhầm"))
    window.entry.correct_ballot()
    dialogs.wait_done()
    assert window.ctx.file.ballots("lanh-dao") == [(1, "TCCL")]
    assert grid.ballot().previous == "TCCL"
    model = grid.ballot()
    assert model.data(model.index(3, model.columnCount() - 1)) == "Thấp"  # the read-back column of person 4
    seen = {}

    def empty_reason_then_close(dialog) -> None:
        buttons = [b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton)]
        seen["buttons"] = buttons
        replace_text(dialog.edits[0], "")
        key(dialog.edits[0], Qt.Key.Key_Return)
        seen["open"] = dialog.isVisible()
        seen["problem"] = dialog.problem.text()
        dialog.reject()

    dialogs.expect(empty_reason_then_close)
    window.entry.remove_ballot()
    dialogs.wait_done()
    assert seen["open"] and seen["problem"], seen
    assert "Hủy" not in seen["buttons"] and {"Hủy phiếu", "Đóng"} <= set(seen["buttons"])
    assert window.ctx.file.ballots("lanh-dao") == [(1, "TCCL")]


def test_focus_follows_the_user_paper_projector_and_reopening(window, tmp_path, qtbot):
    """Alt+L, ↓ chooses the next paper and the digits that follow are marks on it; reopening a file shows the
    paper being entered; F5 on a single screen puts the projector in front of this window, keys staying here."""
    from phieu_desktop.demo import demo_ballots, demo_session
    from tests.ui.helpers import type_text

    path = tmp_path / "hai-loai.phieu"
    session = demo_session()
    with SessionFile.create(path, session) as file:
        file.record_attendance(present=33, present_at_vote=32)
        file.record_counts("lanh-dao-so", 32, 32)
        file.record_counts("truong-phong", 32, 31)
    window.open_file(path)
    stack = window.entry.stack
    assert stack.key() == "lanh-dao-so"
    stack.paper_label.setFocus()
    key(window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is stack.paper)
    key(stack.paper, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is stack.grid)
    assert stack.key() == "truong-phong"
    marks = demo_ballots(session, "truong-phong", 31)[0]
    type_text(stack.grid, marks)
    key(stack.grid, Qt.Key.Key_Return)
    assert window.ctx.file.ballots("truong-phong") == [(1, marks)]
    window.close_file()
    window.open_file(path)  # the first paper has nothing yet; the second is in hand
    assert window.entry.stack.key() == "truong-phong"
    window.show_projector()
    qtbot.addWidget(window.projector)
    if len(QApplication.screens()) < 2:
        assert window.projector.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not window.projector.isActiveWindow()
    window.projector.close()


def test_wording_after_a_ruling_and_after_attendance(window, tmp_path):
    """A ruled difference is not "hai lần nhập khớp nhau"; Điểm danh names the real next step when entry is
    complete; the person order says "as listed"; the wizard shows no "In phiếu…" before the file exists."""
    from phieu_desktop.ui.prepare import PrepareWizard

    path = tmp_path / "so.phieu"
    with SessionFile.create(path, make_session(returned=2, issued=2)) as file:
        file.add_ballots("lanh-dao", ["CTL", "CCC"])
        file.add_check("lanh-dao", "CTL")
        file.add_check("lanh-dao", "CCT")
        file.rule_difference("lanh-dao", 2, "first", "Ban kiểm phiếu xem lại phiếu giấy số 2.")
    window.open_file(path)
    window.go_to(Step.VERIFICATION)
    text = window.verification.summary.text()
    assert "phiếu: hai lần nhập khớp nhau" not in text
    assert "1 phiếu khác nhau (số 2) đã được Ban kiểm phiếu quyết định" in text
    window.go_to(Step.ATTENDANCE)
    window.attendance.save()
    assert "Bước tiếp theo: Nhập phiếu" not in window.attendance.status.text()
    assert "Bước tiếp theo: Khóa kết quả (Ctrl+5)" in window.attendance.status.text()
    wizard = PrepareWizard(window)
    papers = wizard.pages[PAGES[4]]
    papers.load()
    assert papers.order.itemText(0) == "Giữ thứ tự như danh sách"
    assert not papers.print_button.isVisibleTo(wizard)
    wizard.deleteLater()


def test_grid_cells_whole_and_seven_persons_fit_in_the_verification_step(window, session_path, qtbot):
    """At 1366×768: "Không đánh dấu" and a foreign ballot's "Phiếu lạ" whole in their columns (was "Không do B…");
    in Kiểm tra lại the
    7-person grid's last row is entirely in sight."""
    from PySide6.QtGui import QFontMetrics

    with SessionFile.create(session_path, make_session(persons=7)) as file:
        file.add_ballots("lanh-dao", ["CTLCTLC"] * 24)
    window.resize(1366, 768)
    window.open_file(session_path)
    for step, stack in ((Step.ENTRY, window.entry.stack), (Step.VERIFICATION, window.verification.stack)):
        window.go_to(step)
        QApplication.processEvents()
        grid = stack.grid
        model = grid.model()
        bold = grid.font()
        bold.setBold(True)
        metrics, plain = QFontMetrics(bold), QFontMetrics(grid.font())  # the read-back column is plain text
        for column, text, used in ((model.columnCount() - 2, "Không đánh dấu", metrics),
                                   (model.columnCount() - 1, "Phiếu lạ", plain),
                                   (model.columnCount() - 1, "Không đánh dấu", plain)):
            assert grid.columnWidth(column) >= used.horizontalAdvance(text) + 8, (step, text)
        last = grid.visualRect(model.index(6, 0))
        assert last.bottom() <= grid.viewport().height(), (step, last.bottom(), grid.viewport().height())


def test_open_dialogs_remember_the_last_folder_and_show_whole_columns(qapp, tmp_path, dialogs):
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "so-tai-chinh.phieu").write_bytes(b"x" * 118_000)

    def pick(dialog) -> None:
        dialog.selectFile(str(folder / "so-tai-chinh.phieu"))
        dialog.accept()

    dialogs.expect(pick)
    assert file_choice.open_file(None, "Mở", "Tệp phiên (*.phieu)", str(tmp_path)) == str(folder / "so-tai-chinh.phieu")
    seen = []

    def look(dialog) -> None:
        seen.append(dialog.directory().absolutePath())
        header = dialog.findChild(QTreeView).header()
        seen.append([header.sectionResizeMode(c) for c in range(1, header.count())])
        dialog.reject()

    dialogs.expect(look)
    file_choice.open_file(None, "Mở", "Tệp phiên (*.phieu)", str(tmp_path))
    dialogs.wait_done()
    assert Path(seen[0]) == folder  # Qt's own "C:/…" on Windows
    assert set(seen[1]) == {seen[1][0]} and seen[1][0].name == "ResizeToContents"


def test_the_file_dialogs_date_is_written_the_vietnamese_way(qapp, qtbot, tmp_path, dialogs):
    """Issue 26 item 9: the date column read "6 12 2026 19:35"; it is 06/12/2026 19:35 whatever the locale."""
    import os
    from datetime import datetime

    from PySide6.QtWidgets import QFileSystemModel, QStyleOptionViewItem

    path = tmp_path / "so-tai-chinh.phieu"
    path.write_bytes(b"x")
    when = datetime(2026, 12, 6, 19, 35).timestamp()
    os.utime(path, (when, when))
    model = QFileSystemModel()
    model.setRootPath(str(tmp_path))
    qtbot.waitUntil(lambda: model.index(str(path), file_choice.DATE_COLUMN).isValid()
                    and model.lastModified(model.index(str(path))).isValid())
    option = QStyleOptionViewItem()
    file_choice._DayDelegate().initStyleOption(option, model.index(str(path), file_choice.DATE_COLUMN))
    assert option.text == "06/12/2026 19:35"
    seen = []

    def look(dialog) -> None:
        view = dialog.findChild(QTreeView)
        seen.append(type(view.itemDelegateForColumn(file_choice.DATE_COLUMN)).__name__)
        dialog.reject()

    dialogs.expect(look)
    file_choice.open_file(None, "Mở", "Tệp phiên (*.phieu)", str(tmp_path))
    dialogs.wait_done()
    assert seen == ["_DayDelegate"]


def test_the_file_dialogs_size_has_a_decimal_comma(qapp, qtbot, tmp_path, dialogs):
    """Issue 26 item 9: the size column read "96.00 KiB" (a decimal point); Vietnamese writes 96,00 KiB."""
    from PySide6.QtWidgets import QFileSystemModel, QStyleOptionViewItem

    path = tmp_path / "bien-ban.pdf"
    path.write_bytes(b"x" * 96 * 1024)
    model = QFileSystemModel()
    model.setRootPath(str(tmp_path))
    qtbot.waitUntil(lambda: model.index(str(path), file_choice.SIZE_COLUMN).isValid()
                    and model.size(model.index(str(path))) == 96 * 1024)
    option = QStyleOptionViewItem()
    file_choice._SizeDelegate().initStyleOption(option, model.index(str(path), file_choice.SIZE_COLUMN))
    assert option.text == "96,00 KiB"
    folder = QStyleOptionViewItem()
    (tmp_path / "Phiếu tín nhiệm").mkdir()
    qtbot.waitUntil(lambda: model.index(str(tmp_path / "Phiếu tín nhiệm")).isValid())
    file_choice._SizeDelegate().initStyleOption(folder, model.index(str(tmp_path / "Phiếu tín nhiệm"),
                                                                    file_choice.SIZE_COLUMN))
    assert "," not in folder.text and "KiB" not in folder.text  # a folder: no size, as Qt's own column
    seen = []

    def look(dialog) -> None:
        view = dialog.findChild(QTreeView)
        seen.append(type(view.itemDelegateForColumn(file_choice.SIZE_COLUMN)).__name__)
        dialog.reject()

    dialogs.expect(look)
    file_choice.open_file(None, "Mở", "PDF (*.pdf)", str(tmp_path))
    dialogs.wait_done()
    assert seen == ["_SizeDelegate"]


def test_where_the_grid_is_narrow_the_name_is_the_last_column_to_go_on_two_lines(window, session_path, qtbot):
    """At 125 % on a 1366×768 laptop the read-back and invalid columns go on two lines first; the name, what the room
    reads aloud, stays on one line while that is enough (it wrapped together with them: "Nguyễn / Văn An")."""
    SessionFile.create(session_path, make_session(persons=3)).close()
    window.resize(1366, 768)
    window.open_file(session_path)
    window.go_to(Step.ENTRY)
    QApplication.processEvents()
    stack = window.entry.stack
    grid = stack.grid
    flexible = stack._flexible
    name, *others = sorted(flexible)  # the name (column 0), the invalid and the read-back columns
    fixed = sum(grid.columnWidth(col) for col in range(grid.model().columnCount())
                if col != 1 and col not in flexible)
    frame = grid.width() - grid.viewport().width()
    enough = fixed + flexible[name][0] + sum(flexible[col][1] for col in others) + 100
    assert enough < fixed + sum(wide for wide, _narrow in flexible.values()) + 100  # the case is a real squeeze
    grid.resize(enough + frame + 2, grid.height())
    assert grid.columnWidth(name) == flexible[name][0]
    assert [grid.columnWidth(col) for col in others] == [flexible[col][1] for col in others]
    grid.resize(enough + frame - 30, grid.height())
    assert grid.columnWidth(name) == flexible[name][1]

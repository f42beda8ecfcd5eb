"""Quét phiếu in the window: the scanner pre-fills, a person confirms every ballot with Enter.

With PHIEU_SCREENSHOTS=docs/screenshots the dialog's picture is written for the guide."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from phieu_desktop.domain import audit
from phieu_desktop.scanning import paper_template
from phieu_desktop.store import SessionFile
from phieu_desktop.ui.scan_dialog import DOUBTFUL, ScanDialog
from tests.conftest import make_session
from tests.scan import corpus
from tests.scan.conftest import write_samples
from tests.ui.helpers import key, open_menu_and_choose


def test_confirm_every_ballot(window, session_path, tmp_path, qtbot):
    SessionFile.create(session_path, make_session(persons=6)).close()
    assert window.open_file(session_path)
    template = paper_template(window.ctx.file, "lanh-dao")
    levels = template.levels
    # ballot 1: a dot left by a resting pen in person 3's middle box; ballots 2 and 3: phone photos
    answer = [(levels[0], "x"), (levels[1], "tick"), ("0", "dot"), (levels[2], "fill"), ("X", "cross"),
              (levels[0], "pencil")]
    page = corpus.render_blank(template.blank_pdf, 200)[0]
    rng = random.Random(1)
    first = corpus.mark_sheet(page, template.sheet(1), answer, levels, 200, rng)
    first_file = tmp_path / "anh" / "trang-000.png"
    first_file.parent.mkdir()
    buffer = io.BytesIO()
    first.save(buffer, "PNG")
    first_file.write_bytes(buffer.getvalue())
    samples = corpus.make_samples(template.blank_pdf, template.sheets, levels, template.width, "photo", 2, 4)
    paths = [first_file] + write_samples(tmp_path / "anh", samples) + [first_file]  # the last one: seen before
    dialog = ScanDialog(window.ctx, "lanh-dao", paths, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=120_000)
    assert "trang-000.png, trang 1: ảnh này đã quét rồi" in dialog.problems.text()
    assert dialog.counter.text() == "Phiếu quét 1 / 3"
    model = dialog.grid.model()
    assert model.doubtful == {2}
    assert model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole).color() == DOUBTFUL
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) != DOUBTFUL
    assert model.draft.cursor == 2  # the cursor waits on the doubtful row
    folder = Path(os.environ.get("PHIEU_SCREENSHOTS") or tmp_path)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    assert dialog.grab().save(str(folder / "3b-quet-phieu.png"))
    key(dialog.grid, Qt.Key.Key_Down)
    key(dialog.grid, Qt.Key.Key_Return)  # not yet: the doubtful row waits for a person's key
    assert dialog.counter.text() == "Phiếu quét 1 / 3" and window.ctx.file.entered("lanh-dao") == 0
    assert model.draft.cursor == 2 and "Chưa ghi: dòng 3" in dialog.status.text()
    key(dialog.grid, Qt.Key.Key_0)  # the person looks at the paper: nothing marked for person 3
    assert model.doubtful == set()
    key(dialog.grid, Qt.Key.Key_Return)
    assert dialog.counter.text() == "Phiếu quét 2 / 3"
    assert dialog.grid.model().draft.text() == samples[0].marks
    key(dialog.grid, Qt.Key.Key_Return)
    dialog.skip()  # the third is left for typing by hand
    assert not dialog.grid.isEnabled()
    assert "Đã xác nhận và ghi 2 phiếu" in dialog.status.text()
    file = window.ctx.file
    expected_first = "".join(code for code, _how in answer)
    assert [m for _n, m in file.ballots("lanh-dao")] == [expected_first, samples[0].marks]
    sources = [e.detail["source"] for e in file.audit_entries() if e.action == audit.BALLOT_ADDED]
    assert [s["confirmed"] for s in sources] == [True, True]
    assert file.verify().ok


def test_scannable_ballots_from_the_prepare_step(window, session_path, tmp_path, monkeypatch, dialogs):
    import zxingcpp

    from phieu_desktop.domain.progress import Step
    from phieu_desktop.ui import dialogs as ui_dialogs
    from tests.ui.helpers import press_enter

    SessionFile.create(session_path, make_session()).close()
    window.open_file(session_path)
    window.go_to(Step.PREPARE)
    out = tmp_path / "phieu-quet.pdf"
    monkeypatch.setattr(ui_dialogs, "save_path", lambda *a: str(out))
    window.prepare.scannable.setChecked(True)
    dialogs.expect(press_enter)
    open_menu_and_choose(window.prepare.print_ballots, "savePdf")
    dialogs.wait_done()
    first = corpus.render_blank(out.read_bytes(), 150)[0]
    [found] = zxingcpp.read_barcodes(first, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found.text.startswith("PT1:") and ":LANH-DAO:1:1:" in found.text
    notes = [e.detail for e in window.ctx.file.audit_entries() if e.action == "note"]
    assert notes[-1]["document"] == "ballots" and notes[-1]["scannable"] is True


def test_a_scan_as_the_second_entry(window, session_path, tmp_path, qtbot):
    SessionFile.create(session_path, make_session(persons=6)).close()
    assert window.open_file(session_path)
    file = window.ctx.file
    template = paper_template(file, "lanh-dao")
    samples = corpus.make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "200dpi", 2, 7)
    file.add_ballots("lanh-dao", [samples[0].marks, "0" * 6])  # typed first; ballot 2 mistyped
    paths = write_samples(tmp_path / "lan-hai", samples)
    dialog = ScanDialog(window.ctx, "lanh-dao", paths, window, second=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=120_000)
    assert dialog.windowTitle() == "Quét phiếu – kiểm tra lại"
    for _ballot in samples:
        key(dialog.grid, Qt.Key.Key_Return)
    assert [m for _n, m in file.checks("lanh-dao")] == [s.marks for s in samples]
    assert [d.number for d in file.differences("lanh-dao")] == ([2] if samples[1].marks != "0" * 6 else [])
    checks = [e.detail for e in file.audit_entries() if e.action == audit.CHECK_ADDED]
    assert all(c["source"]["read_by"] == "scanner" for c in checks)
    assert file.verify().ok


def test_the_first_ballot_is_shown_while_the_rest_are_read(window, session_path, tmp_path, qtbot, monkeypatch):
    """Issue 27, item 5: the window read the whole stack before showing the first ballot."""
    import threading

    from phieu_desktop.scan import sources
    from phieu_desktop.ui import scan_dialog

    SessionFile.create(session_path, make_session(persons=6)).close()
    assert window.open_file(session_path)
    template = paper_template(window.ctx.file, "lanh-dao")
    samples = corpus.make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "200dpi", 3, 7)
    paths = write_samples(tmp_path / "anh", samples)
    (tmp_path / "anh" / "trang-002b.png").write_bytes(b"not an image")
    release = threading.Event()

    def slow_pages(given):
        for number, page in enumerate(sources.pages(given)):
            if number == 1:
                assert release.wait(60)  # the rest of the stack waits until the test has seen the first ballot
            yield page

    monkeypatch.setattr(scan_dialog, "pages", slow_pages)
    dialog = ScanDialog(window.ctx, "lanh-dao", [tmp_path / "anh"], window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.grid.model() is not None and dialog.grid.isEnabled(), timeout=60_000)
    assert dialog.reading and len(dialog.ballots) == 1
    assert dialog.counter.text().startswith("Phiếu quét 1 / 1 (đang đọc trang")
    assert dialog.grid.model().draft.text() == samples[0].marks
    folder = Path(os.environ.get("PHIEU_SCREENSHOTS") or tmp_path)
    QApplication.processEvents()
    assert dialog.grab().save(str(folder / "3c-quet-phieu-dang-doc.png"))
    key(dialog.grid, Qt.Key.Key_Return)  # confirmed while the rest are read
    assert window.ctx.file.entered("lanh-dao") == 1
    release.set()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=120_000)
    assert dialog.counter.text() == "Phiếu quét 2 / 3"
    assert "Để riêng: trang-002b.png" in dialog.problems.text() and dialog.problems.isVisible()
    assert len(paths) == 3
    QApplication.processEvents()
    assert dialog.grab().save(str(folder / "3d-quet-phieu-de-rieng.png"))

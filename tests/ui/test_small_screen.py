"""The window fits a 1366×768 laptop at 125 % (Windows' usual setting there): 1093×614 device-independent pixels,
so it can be maximised. Under Wine it once was 1100 wide, off the screen's edge, because of the seal's line."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from phieu_desktop.demo import create_demo
from phieu_desktop.domain.progress import Step
from tests.ui.test_consolidation import KEY_PASSPHRASE, no_prompt, sent  # noqa: F401 (fixtures)

WIDTH_AT_125 = 1366 * 4 // 5


def test_the_locked_session_fits_a_laptop_at_125_percent(window, qtbot, tmp_path):
    create_demo(tmp_path / "phiên mẫu.phieu")
    assert window.open_file(tmp_path / "phiên mẫu.phieu")
    window.go_to(Step.LOCK)
    qtbot.wait(10)
    assert window.minimumSizeHint().width() <= WIDTH_AT_125, window.minimumSizeHint()
    assert window.minimumSize().width() <= WIDTH_AT_125


def test_the_consolidation_window_opens_whole_and_its_columns_read_whole_at_1366(qtbot, qapp, monkeypatch, sent):
    """Issue 26: the higher level's window opened 1366×768 (its bottom below a laptop's screen, under the title bar
    and the taskbar) and squeezed "Trạng thái" to "ng t" and cut "Chữ ký số" behind a horizontal scroll."""
    from PySide6.QtWidgets import QApplication

    from phieu_desktop.exchange.keys import load_identity
    from phieu_desktop.ui import consolidation as module
    from phieu_desktop.ui import dialogs
    from phieu_desktop.ui.consolidation import ConsolidationWindow
    from phieu_desktop.ui.main_window import configure_application

    key_file, inbox, _fps = sent
    monkeypatch.setattr(module, "choose_key_file", lambda parent, title: str(key_file))
    monkeypatch.setattr(module, "choose_packages", lambda parent, title: [str(p) for p in sorted(inbox.iterdir())])
    area = QRect(0, 0, 1366, 768 - 40)  # a 1366×768 laptop, its taskbar 40 pixels high
    monkeypatch.setattr(dialogs, "free_area", lambda window: area, raising=False)
    configure_application(qapp)
    window = ConsolidationWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() <= area.width() and window.height() + 30 <= area.height(), window.size()  # + title bar
    frame = window.frameGeometry()  # where the system puts the title bar's top (offscreen has no frame)
    assert area.contains(frame.adjusted(0, 0, 0, 30)), frame
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            assert top.width() <= 1366 and top.height() <= 768, (top.objectName(), top.size())

    window.resize(1366, 768)  # as on the laptop once maximised
    window.identities.append(load_identity(key_file, KEY_PASSPHRASE))
    window.add_paths([p for p in sorted(inbox.iterdir())])
    qtbot.wait(50)
    view = window.files
    header = view.horizontalHeader()
    model = window.files_model
    assert model.rowCount() == 4
    metrics = header.fontMetrics()
    for column in range(model.columnCount()):
        text = model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text) + 8, (text, header.sectionSize(column))
    assert view.horizontalScrollBar().maximum() == 0, (
        [header.sectionSize(c) for c in range(model.columnCount())], view.viewport().width())
    status = model.COLUMNS.index("status")
    assert header.sectionSize(status) >= metrics.horizontalAdvance("Chờ đối chiếu biên bản giấy")
    assert model.index(3, status).data(Qt.ItemDataRole.ToolTipRole) == model.index(3, status).data()

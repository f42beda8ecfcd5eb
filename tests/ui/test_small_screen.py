"""The window fits a 1366×768 laptop at 125 % (Windows' usual setting there): 1093×614 device-independent pixels,
so it can be maximised. Under Wine it once was 1100 wide, off the screen's edge, because of the seal's line."""

from __future__ import annotations

from phieu_desktop.demo import create_demo
from phieu_desktop.domain.progress import Step

WIDTH_AT_125 = 1366 * 4 // 5


def test_the_locked_session_fits_a_laptop_at_125_percent(window, qtbot, tmp_path):
    create_demo(tmp_path / "phiên mẫu.phieu")
    assert window.open_file(tmp_path / "phiên mẫu.phieu")
    window.go_to(Step.LOCK)
    qtbot.wait(10)
    assert window.minimumSizeHint().width() <= WIDTH_AT_125, window.minimumSizeHint()
    assert window.minimumSize().width() <= WIDTH_AT_125

"""Run the keyboard walk-through (tests/ui/test_walkthrough.py) under the installed Windows Python on Qt's `windows`
platform (packaging/windows/wine-window).

    python.exe run_walkthrough.py TEST_LIB SHOTS_FOLDER

Like run_tests.py, with the program imported from the installed copy; the platform comes from QT_QPA_PLATFORM
(wine-window passes WINEQT_QPA_PLATFORM=windows, which Wine hands over as QT_QPA_PLATFORM). Qt warnings fail the
test as on Linux, except these three that Wine 8 itself causes and a Windows 10 machine never shows: it has no
per-monitor DPI awareness v2, no monitor device interface and no EnableNonClientDpiScaling.
"""

import os
import sys

sys.path.insert(0, sys.argv[1])
os.environ["PHIEU_WALKTHROUGH"] = sys.argv[2]
os.environ["PHIEU_WALKTHROUGH_SCREEN"] = "1"

import pytest  # noqa: E402

WINE_ONLY = [
    "PerMonitorVersion2 is not supported",
    "Unable to open monitor interface",
    r"EnableNonClientDpiScaling\(\) failed",
]
IGNORE = ["This plugin does not support propagateSizeHints", "This plugin does not support raise", *WINE_ONLY]

# A dialog that never closes ends the run after 5 minutes (the whole walk takes about 3), not 10.
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-x", "-o", "timeout=300",
                      "-o", "qt_log_ignore=" + "\n".join(IGNORE), "tests/ui/test_walkthrough.py"]))

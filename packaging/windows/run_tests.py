"""Run pytest under the installed Windows Python (packaging/windows/wine-check).

    python.exe run_tests.py TEST_LIB [pytest arguments…]

TEST_LIB holds the test-only packages (pytest, pytest-qt, hypothesis, …) as win_amd64 wheels unpacked; the
program itself is imported from the installed copy (its lib\\ folder, named in python313._pth). wine-check puts
wine_sitecustomize.py there first, for what Wine lacks.
"""

import os
import sys

sys.path.insert(0, sys.argv[1])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

import phieu_desktop  # noqa: E402
from phieu_desktop.paths import resource  # noqa: E402

# Qt's offscreen platform on Windows looks for fonts in its own lib\fonts, which the wheel does not ship (and Wine
# has no Windows fonts): the program's Liberation Serif stands in, so the window tests can draw text.
os.environ.setdefault("QT_QPA_FONTDIR", str(resource("fonts")))
print(f"[wine] phieu_desktop from {os.path.dirname(phieu_desktop.__file__)}", flush=True)
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-x", *sys.argv[2:]]))

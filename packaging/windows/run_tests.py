"""Run pytest under the installed Windows Python (packaging/windows/wine-check).

    python.exe run_tests.py TEST_LIB [pytest arguments…]

TEST_LIB holds the test-only packages (pytest, pytest-qt, hypothesis, …) as win_amd64 wheels unpacked; the
program itself is imported from the installed copy (its lib\\ folder, named in python313._pth).
"""

import os
import sys

sys.path.insert(0, sys.argv[1])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

import phieu_desktop  # noqa: E402

print(f"[wine] phieu_desktop from {os.path.dirname(phieu_desktop.__file__)}", flush=True)
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-x", *sys.argv[2:]]))

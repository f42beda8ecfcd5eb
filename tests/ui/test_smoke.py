"""`phieu-desktop --smoke-test`: it says where it ran and ends by itself, even with a dialog open."""

from __future__ import annotations

import os
import subprocess
import sys


def smoke(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PHIEU_HOME=str(tmp_path / "home"))
    return subprocess.run([sys.executable, "-m", "phieu_desktop", "--smoke-test", "0.5", *args], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=tmp_path)


def test_the_smoke_test_ends_while_a_dialog_asks_something(tmp_path):
    """Opening a file that is not there shows a modal error while the file opens: the old smoke test only started
    its clock after that dialog was answered, and waited for ever."""
    done = smoke(tmp_path, str(tmp_path / "không có.phieu"))
    assert done.returncode == 0, done.stderr


def test_the_smoke_test_names_the_platform_and_the_screen(tmp_path):
    done = smoke(tmp_path)
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("phieu-desktop --smoke-test:")]
    assert "nền tảng offscreen" in line and "màn hình" in line and " dpi" in line and "phông " in line, line

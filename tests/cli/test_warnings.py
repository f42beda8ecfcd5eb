"""No Python warning reaches the user: the two entry points filter them; PHIEU_WARNINGS=1 shows them (debugging).

A fresh process each time, as a user starts it: pytest's own warning capture would hide what a terminal shows.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# A library that warns when it is imported, the way pyHanko does under cryptography 51 (CryptographyDeprecationWarning
# is a UserWarning: shown by default); then the `phieu` entry point, as the installed script calls it.
WARNING_AT_IMPORT = """
import sys, warnings

class WarnAtImport:
    def find_spec(self, name, path=None, target=None):
        if name == "pyhanko":
            warnings.warn("DSA is deprecated (test)", UserWarning, stacklevel=2)
        return None

sys.meta_path.insert(0, WarnAtImport())
from phieu_desktop.{module} import main
code = main(sys.argv[1:])
warnings.warn("after main (test)", UserWarning)
sys.exit(code)
"""


def run(module: str, *args: str, cwd, wanted: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PHIEU_WARNINGS", "PYTHONWARNINGS")}
    if wanted is not None:
        env["PHIEU_WARNINGS"] = wanted
    return subprocess.run([sys.executable, "-c", WARNING_AT_IMPORT.format(module=module), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture
def not_a_pdf(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4\nrubbish\n")
    return tmp_path


def test_verify_pdf_says_one_vietnamese_line_and_no_warning(not_a_pdf):
    done = run("cli", "verify-pdf", "x.pdf", cwd=not_a_pdf)
    assert done.returncode == 1
    assert done.stderr == "phieu: Tệp không phải PDF đọc được.\n"


@pytest.mark.parametrize("wanted", ["1", "yes"])
def test_phieu_warnings_shows_them(not_a_pdf, wanted):
    done = run("cli", "verify-pdf", "x.pdf", cwd=not_a_pdf, wanted=wanted)
    assert done.returncode == 1
    assert "UserWarning: DSA is deprecated (test)" in done.stderr
    assert "after main (test)" in done.stderr
    assert "phieu: Tệp không phải PDF đọc được." in done.stderr


def test_phieu_warnings_0_is_off(not_a_pdf):
    done = run("cli", "verify-pdf", "x.pdf", cwd=not_a_pdf, wanted="0")
    assert "Warning" not in done.stderr


def test_the_window_entry_point_filters_too(tmp_path):
    done = run("__main__", "--help", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    done = run("__main__", "--help", cwd=tmp_path, wanted="1")
    assert "after main (test)" in done.stderr

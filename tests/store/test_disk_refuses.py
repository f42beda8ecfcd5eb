"""A disk that refuses a write while the session is open (a full or pulled-out USB stick): the action is refused
in Vietnamese, nothing is acknowledged, and everything written before is still in the file.

Here the refusal comes from a file-size limit (RLIMIT_FSIZE, POSIX); packaging/windows/wine-check does the same
under Windows with a small, full disk."""

from __future__ import annotations

import subprocess
import sys

import pytest

from phieu_desktop.store import SessionFile
from tests.conftest import make_session

resource = pytest.importorskip("resource", reason="RLIMIT_FSIZE is POSIX; wine-check fills a small disk instead")

CHILD = r"""
import resource, signal, sys
from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.store import SessionFile

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of killing us
file = SessionFile.open(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))  # from now on the disk takes no more than 1 KB per file
try:
    number = file.add_ballot("lanh-dao", "TTL")
except PhieuError as err:
    print("REFUSED", err)
else:
    print("ACKNOWLEDGED", number)
try:
    number = file.add_ballot("lanh-dao", "LLL")
except PhieuError as err:
    print("REFUSED", err)
"""


def test_a_write_the_disk_refuses_is_refused_in_vietnamese_and_loses_nothing(session_path):
    with SessionFile.create(session_path, make_session()) as file:
        file.add_ballot("lanh-dao", "CCT")
        before = file.verify().fingerprint, file.entered("lanh-dao")
    run = subprocess.run([sys.executable, "-c", CHILD, str(session_path)], capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    lines = run.stdout.splitlines()
    assert run.returncode == 0, run.stderr
    assert len(lines) == 2 and all(line.startswith("REFUSED Không ghi được vào tệp") for line in lines), lines
    assert "chưa có gì thay đổi" in lines[0] and "error" not in lines[0]  # no library text reaches the user
    with SessionFile.open(session_path) as again:
        assert (again.verify().fingerprint, again.entered("lanh-dao")) == before
        assert again.verify().ok
        assert again.add_ballot("lanh-dao", "TTL") == 2  # the disk is fine again: work goes on

"""Readers of hostile files (issue 21, items 12 and 16): FIFOs, another program's SQLite file with a hot journal,
a log with invalid JSON, a manifest whose version is NaN, a tampered file listed, unusual OS errors.

Counted from what the program did (exit code, bytes on disk, the words on stderr), never a literal.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.exchange.conftest import build_unit

from .helpers import assert_refused, phieu, phieu_here, record

POSIX = pytest.mark.skipif(os.name == "nt", reason="FIFOs and symlink loops are POSIX")


@POSIX
def test_a_fifo_named_as_an_input_is_refused_without_waiting(tmp_path):
    session = tmp_path / "dv.phieu"
    build_unit(session, "Sở Y tế tỉnh Hà Giang", lock=False)
    fifo = tmp_path / "ong.phieu"
    os.mkfifo(fifo)
    csv_fifo = tmp_path / "phieu.csv"
    os.mkfifo(csv_fifo)
    key_fifo = tmp_path / "cap-tren.key"
    os.mkfifo(key_fifo)
    commands = {"verify FIFO": ("verify", fifo), "status FIFO": ("status", fifo),
                "enter --csv FIFO": ("enter", session, "--paper", "lanh-dao", "--csv", csv_fifo),
                "consolidate --identity FIFO": ("consolidate", "--identity", key_fifo, session, "--json")}
    wrong = []
    for label, args in commands.items():
        try:  # a child process: a hang is a timeout here, not a stuck test run
            run = subprocess.run([sys.executable, "-m", "phieu_desktop.cli", *map(str, args)], cwd=tmp_path,
                                 text=True, capture_output=True, timeout=60,
                                 env={**os.environ, "PYTHONIOENCODING": "utf-8", "PHIEU_PASSPHRASE": "x" * 12,
                                      "PHIEU_HOME": str(tmp_path / "home")})
        except subprocess.TimeoutExpired:
            wrong.append((label, "hung"))
            continue
        if run.returncode == 0 or "không phải tệp thường" not in run.stderr:
            wrong.append((label, run.returncode, run.stderr[-500:]))
    record("files read (a FIFO named as a file)", len(commands), len(wrong))
    assert not wrong, wrong


def _foreign_with_hot_journal(folder: Path) -> Path:
    """Another program's SQLite file caught mid-write: its rollback journal is hot."""
    source = folder / "src.db"
    conn = sqlite3.connect(source, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA cache_size=1")  # dirty pages spill into the file before the commit
    conn.execute("CREATE TABLE t(x)")
    conn.executemany("INSERT INTO t VALUES (?)", [("a" * 500,) for _ in range(400)])
    conn.execute("BEGIN")
    conn.execute("UPDATE t SET x = 'b'")
    hot = folder / "ngoai.phieu"
    shutil.copyfile(source, hot)  # a copy of both, as a USB stick pulled out mid-write holds them
    shutil.copyfile(source.with_name("src.db-journal"), hot.with_name("ngoai.phieu-journal"))
    conn.execute("ROLLBACK")
    conn.close()
    return hot


def test_verify_never_rolls_back_another_programs_file(tmp_path):
    hot = _foreign_with_hot_journal(tmp_path)
    before = hot.read_bytes(), hot.with_name(hot.name + "-journal").read_bytes()
    run = phieu_here("verify", hot)
    after = hot.read_bytes(), (hot.with_name(hot.name + "-journal").read_bytes()
                               if hot.with_name(hot.name + "-journal").exists() else None)
    modified = after != before
    record("files read (another program's SQLite file with a hot journal)", 1, int(modified or run.returncode == 0))
    assert not modified
    assert_refused(run, "ngoai.phieu")


def test_invalid_json_in_the_log_is_named_in_vietnamese_only(tmp_path):
    session = tmp_path / "dv.phieu"
    build_unit(session, "Sở Y tế tỉnh Hà Giang")
    conn = sqlite3.connect(session)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET detail = '{bad' WHERE seq = 2")
    conn.commit()
    conn.close()
    runs = [phieu_here("verify", session), phieu_here("results", session)]
    english = [r.stderr for r in runs if "Expecting" in r.stderr or "line 1 column" in r.stderr]
    record("files read (invalid JSON in the audit log)", len(runs), len(english) + sum(r.returncode == 0 for r in runs))
    assert not english, english
    assert all(r.returncode == 1 for r in runs)
    assert "nhật ký" in runs[0].stderr


def test_a_manifest_whose_version_is_nan_is_not_called_newer():
    import json

    from phieu_desktop.domain.errors import PhieuError
    from phieu_desktop.exchange.package import FORMAT, _parse_manifest

    wrong = []
    for version in ("NaN", "Infinity", '"2"', "1.5", "true", "0", "-1"):
        raw = ('{"format": %s, "version": %s}' % (json.dumps(FORMAT), version)).encode()
        try:
            _parse_manifest(raw)
            wrong.append((version, "accepted"))
        except PhieuError as err:
            if "mới hơn" in str(err):
                wrong.append((version, str(err)))
    record("consolidation: manifest version (NaN, text, fractions)", 7, len(wrong))
    assert not wrong, wrong


def test_listing_a_tampered_file_warns_first(tmp_path):
    session = tmp_path / "dv.phieu"
    build_unit(session, "Sở Y tế tỉnh Hà Giang", lock=False)
    conn = sqlite3.connect(session)
    triggers = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]
    for name in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("UPDATE ballots SET marks = 'CCCCCC' WHERE number = 1")
    conn.commit()
    conn.close()
    runs = {"ballots": phieu_here("ballots", session, "--paper", "lanh-dao"),
            "status": phieu_here("status", session), "differences": phieu_here("differences", session)}
    silent = [name for name, run in runs.items() if "thay đổi ngoài chương trình" not in run.stderr]
    record("files read (ballots, status, differences of a tampered file)", len(runs), len(silent))
    assert not silent, {name: runs[name].stderr for name in silent}


@POSIX
def test_unusual_os_errors_are_in_vietnamese(tmp_path):
    """The board's key file and the session opener used to print the system's English strerror."""
    loop = tmp_path / "vong.phieu"
    loop.symlink_to(loop)
    key_loop = tmp_path / "vong.key"
    key_loop.symlink_to(key_loop)
    plain = tmp_path / "tep"
    plain.write_text("x")
    cases = {"verify (symlink loop)": (("verify", loop), errno.ELOOP),
             "verify (a file used as a folder)": (("verify", plain / "a.phieu"), errno.ENOTDIR),
             "consolidate --identity (symlink loop)": (("consolidate", "--json", "--identity", key_loop, plain),
                                                       errno.ELOOP),
             "consolidate --identity (a file used as a folder)": (("consolidate", "--json", "--identity",
                                                                    plain / "k.key", plain), errno.ENOTDIR)}
    english = []
    for label, (args, code) in cases.items():
        run = phieu(*args, cwd=tmp_path,
                    env={"PHIEU_PASSPHRASE": "x" * 12, "PHIEU_HOME": str(tmp_path / "home")})
        if os.strerror(code) in run.stderr or run.returncode != 1 or "Traceback" in run.stderr:
            english.append((label, run.returncode, run.stderr))
    record("files read (unusual OS errors: key file, session opener)", len(cases), len(english))
    assert not english, english
    from phieu_desktop.files import describe_os_error

    unknown = OSError(errno.EXFULL if hasattr(errno, "EXFULL") else 54, "Exchange full (English)")
    assert "English" not in describe_os_error(unknown) and "mã" in describe_os_error(unknown)


def test_the_window_and_the_command_line_share_one_table():
    from phieu_desktop.files import describe_os_error
    from phieu_desktop.ui import messages

    assert not hasattr(messages, "_OS_REASONS")
    err = OSError(errno.ELOOP, "Too many levels of symbolic links", "/x/vong.phieu")
    text = messages.explain(err)
    assert describe_os_error(err) in text and "Too many" not in text

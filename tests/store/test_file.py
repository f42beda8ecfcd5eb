"""The session file: identity, versions, refusals that never modify, one program at a time."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.store import FileBusy, FileRefused, SessionFile
from phieu_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.conftest import make_session


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_identified_versioned_and_strict(session_path):
    SessionFile.create(session_path, make_session()).close()
    conn = sqlite3.connect(session_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables and all(sql.rstrip().endswith("STRICT") for _name, sql in tables)
    conn.close()


def test_connection_settings(session_file):
    pragma = lambda name: session_file.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert pragma("journal_mode") == "delete"  # one file at rest, nothing in a -wal beside it
    assert pragma("locking_mode") == "exclusive"


def test_create_refuses_to_overwrite(session_path):
    session_path.write_bytes(b"precious")
    with pytest.raises(PhieuError, match="đã tồn tại"):
        SessionFile.create(session_path, make_session())
    assert session_path.read_bytes() == b"precious"
    assert list(session_path.parent.iterdir()) == [session_path]  # no temporary file left behind


def test_file_is_idle_and_complete_after_each_ballot(session_file, session_path):
    session_file.record_attendance(25, 24)
    session_file.add_ballot("lanh-dao", "CTL")
    copy = sqlite3.connect(f"file:{session_path}?mode=ro", uri=True, timeout=0)  # what a USB copy would see
    with pytest.raises(sqlite3.OperationalError):  # the live file is held exclusively...
        copy.execute("SELECT count(*) FROM ballots").fetchone()
    copy.close()
    session_file.close()
    for side in ("-wal", "-shm", "-journal"):
        assert not session_path.with_name(session_path.name + side).exists()
    conn = sqlite3.connect(session_path)  # ...and once closed the file alone holds the ballot
    assert conn.execute("SELECT marks FROM ballots").fetchall() == [("CTL",)]
    conn.close()


@pytest.mark.parametrize("content, reason", [
    (b"", "không phải tệp phiên"),
    (b"marks\nCC\n" * 20, "không phải tệp phiên"),
    (b"%PDF-1.7\n" + b"x" * 200, "không phải tệp phiên"),
])
def test_foreign_files_are_refused_untouched(tmp_path, content, reason):
    path = tmp_path / "la.phieu"
    path.write_bytes(content)
    with pytest.raises(FileRefused, match=reason):
        SessionFile.open(path)
    assert path.read_bytes() == content


def test_someone_elses_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "khac.phieu"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(FileRefused, match="không phải tệp phiên"):
        SessionFile.open(path)
    assert digest(path) == before


def test_newer_file_is_refused_untouched(session_path):
    SessionFile.create(session_path, make_session()).close()
    conn = sqlite3.connect(session_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(session_path)
    with pytest.raises(FileRefused, match="phiên bản mới hơn"):
        SessionFile.open(session_path)
    assert digest(session_path) == before


def test_truncated_file_is_refused_untouched(session_path):
    with SessionFile.create(session_path, make_session()) as file:
        file.add_ballots("lanh-dao", ["CTL"] * 20)
    data = session_path.read_bytes()
    session_path.write_bytes(data[: len(data) - 4096])
    before = digest(session_path)
    with pytest.raises(FileRefused, match="cắt cụt|hỏng"):
        SessionFile.open(session_path)
    assert digest(session_path) == before


def test_corrupt_file_is_refused(session_path):
    with SessionFile.create(session_path, make_session()) as file:
        file.add_ballots("lanh-dao", ["CTL"] * 20)
    data = bytearray(session_path.read_bytes())
    for offset in range(4096 + 16, len(data), 4096):  # scribble over every page after the header page
        data[offset : offset + 64] = b"\xff" * 64
    session_path.write_bytes(bytes(data))
    with pytest.raises(FileRefused, match="hỏng|không hợp lệ"):
        SessionFile.open(session_path)


def test_missing_file(tmp_path):
    with pytest.raises(FileRefused, match="không tìm thấy"):
        SessionFile.open(tmp_path / "khong-co.phieu")
    assert not (tmp_path / "khong-co.phieu").exists()


def test_second_program_is_told_the_file_is_open_elsewhere(session_file, session_path):
    code = ("import sys\nfrom phieu_desktop.store import SessionFile, FileBusy\n"
            "try:\n    SessionFile.open(sys.argv[1])\nexcept FileBusy as e:\n    print(e); sys.exit(3)\n")
    run = subprocess.run([sys.executable, "-c", code, str(session_path)], capture_output=True, timeout=60,
                         env=dict(os.environ, PYTHONIOENCODING="utf-8"), encoding="utf-8")  # Windows: not cp1252
    assert run.returncode == 3, run.stderr
    assert "đang được mở ở nơi khác" in run.stdout
    session_file.add_ballot("lanh-dao", "CCC")  # the first program goes on undisturbed


def test_second_open_in_the_same_program_is_refused_too(session_file, session_path):
    with pytest.raises(FileBusy):
        SessionFile.open(session_path)


def test_file_can_be_reopened_after_close(session_path):
    SessionFile.create(session_path, make_session()).close()
    with SessionFile.open(session_path) as file:
        assert file.session == make_session()


def test_backup_copy_is_a_complete_session(session_file, tmp_path):
    session_file.add_ballots("lanh-dao", ["CTL", "-"])
    target = tmp_path / "usb" / "ban-sao.phieu"
    target.parent.mkdir()
    session_file.backup_to(target)
    with pytest.raises(PhieuError, match="đã tồn tại"):
        session_file.backup_to(target)
    session_file.close()
    with SessionFile.open(target) as copy:
        assert copy.ballots("lanh-dao") == [(1, "CTL"), (2, "-")]
        assert copy.verify().ok


def test_nothing_beside_the_file_while_it_is_open_and_idle(session_file, session_path):
    """A secretary copying the folder to a USB stick mid-session sees the session file alone (no -journal)."""
    session_file.record_attendance(25, 24)
    session_file.add_ballot("lanh-dao", "CTL")
    assert sorted(p.name for p in session_path.parent.iterdir()) == [session_path.name]
    pragma = lambda name: session_file.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert (pragma("journal_mode"), pragma("locking_mode")) == ("delete", "exclusive")
    with pytest.raises(FileBusy):  # still held exclusively between transactions
        SessionFile.open(session_path)

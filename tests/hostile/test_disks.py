"""Read-only and full disks, broken pipes, concurrent writers, lowered versions, planted schema, cut logs.

A real small tmpfs is mounted where the test may (root, as in CI); SQLite's own errors are also injected
in-process (`query_only`, `max_page_count`), which works everywhere."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.store import SessionFile
from tests.behind import as_version_1, behind_the_back
from tests.conftest import DATA, make_session
from tests.hostile.helpers import assert_refused, door, phieu, phieu_here, record

RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "256k"):
    """A tmpfs of `size` at `folder`, unmounted afterwards; skips the test where mounting is not allowed."""
    folder.mkdir(exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root (CI runs as root); the in-process injections below still run")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


@pytest.fixture(scope="module")
def sealed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sealed") / "kq.phieu"
    with SessionFile.create(path, make_session()) as file:
        file.add_ballots("lanh-dao", ["CTL", "CCT", "-", "L0M"] * 6)
        file.lock()
    return path


@pytest.fixture(scope="module")
def unlocked_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("open") / "mo.phieu"
    with SessionFile.create(path, make_session()) as file:
        file.add_ballots("lanh-dao", ["CTL", "CCT"])
    return path


def test_read_only_mount_every_writing_command(tmp_path, sealed, unlocked_template):
    (tmp_path / "b.csv").write_text("marks\nCTL\n", encoding="utf-8")
    shutil.copy(DATA / "contract-spec.toml", tmp_path / "spec.toml")
    with small_disk(tmp_path / "ro") as disk:
        shutil.copy(sealed, disk / "kq.phieu")
        shutil.copy(unlocked_template, disk / "mo.phieu")
        read_only(disk)
        runs = {
            "enter": phieu_here("enter", disk / "mo.phieu", "--ballot", "lanh-dao", "--csv", tmp_path / "b.csv"),
            "new": phieu_here("new", disk / "moi.phieu", "--spec", tmp_path / "spec.toml"),
            "print": phieu_here("print", "minutes", disk / "kq.phieu", "-o", tmp_path / "bb.pdf"),
            "export-xlsx": phieu_here("export-xlsx", disk / "kq.phieu", "-o", tmp_path / "kq.xlsx"),
            "export": phieu_here("export", disk / "kq.phieu", "--to", RECIPIENT, "-o", tmp_path / "kq.phieux"),
            "lock": phieu_here("lock", disk / "mo.phieu"),
        }
        reading = phieu_here("verify", disk / "kq.phieu")
        before = sorted(p.name for p in disk.iterdir())
    record("read-only disk (enter, new, print, export-xlsx, export, lock)", len(runs),
           sum(r.returncode == 0 for r in runs.values()))
    for name, run in runs.items():
        line = assert_refused(run)
        if name != "lock":  # lock is refused first for the count (24 ballots returned, 2 entered)
            assert "chỉ cho phép đọc" in line or "không tạo được tệp tạm" in line, (name, line)
    assert reading.returncode == 0  # reading still works
    assert before == ["kq.phieu", "mo.phieu"]
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx", ".phieux")]  # nothing half-written


def test_full_disk_new_enter_keygen(tmp_path, unlocked_template):
    (tmp_path / "b.csv").write_text("marks\n" + "CTL\n" * 20, encoding="utf-8")
    shutil.copy(DATA / "contract-spec.toml", tmp_path / "spec.toml")
    with small_disk(tmp_path / "full", "320k") as disk:
        shutil.copy(unlocked_template, disk / "mo.phieu")
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)  # fill every block that is left
        with contextlib.suppress(OSError):
            while True:
                os.write(filler, b"\0" * 4096)
        os.close(filler)
        ballots_before = (disk / "mo.phieu").read_bytes()
        runs = {
            "new": phieu_here("new", disk / "moi.phieu", "--spec", tmp_path / "spec.toml"),
            "enter": phieu_here("enter", disk / "mo.phieu", "--ballot", "lanh-dao", "--csv", tmp_path / "b.csv"),
            "keygen": phieu("keygen", "-o", disk / "k.key", cwd=tmp_path, env={"PHIEU_PASSPHRASE": "mat-khau-dai"}),
        }
        left = sorted(p.name for p in disk.iterdir())
        with SessionFile.open(disk / "mo.phieu") as file:
            entered = file.entered("lanh-dao")
            intact = file.verify().ok
    record("full disk (new, enter, keygen)", len(runs), sum(r.returncode == 0 for r in runs.values()))
    for name, run in runs.items():
        line = assert_refused(run)
        assert "đầy" in line or "hạn mức" in line or "tệp tạm" in line, (name, line)
    assert left == ["filler", "mo.phieu"]  # no new file, no temporary, no journal, no key
    assert entered == 2 and intact and ballots_before


def test_injected_read_only_and_full_errors_in_process(unlocked_template, tmp_path):
    """SQLite's own 'readonly' and 'full' errors, on any machine: one Vietnamese line, nothing changed."""
    with door("injected SQLite errors (readonly, full)", 2) as counted:
        path = tmp_path / "mo.phieu"
        shutil.copy(unlocked_template, path)
        with SessionFile.open(path) as file:
            file.db.execute("PRAGMA query_only = ON")
            with pytest.raises(PhieuError, match="chỉ cho phép đọc"):
                file.add_ballot("lanh-dao", "CCC")
            file.db.execute("PRAGMA query_only = OFF")
            pages = file.db.execute("PRAGMA page_count").fetchone()[0]
            file.db.execute(f"PRAGMA max_page_count = {pages}")
            with pytest.raises(PhieuError, match="đầy"):
                file.add_ballots("lanh-dao", ["CCC"] * 20)
            assert file.entered("lanh-dao") == 2
        with SessionFile.open(path) as file:
            assert file.entered("lanh-dao") == 2 and file.verify().ok
        counted.held(2)  # reached only when every assertion above held


def test_export_from_a_read_only_session_leaves_nothing_and_a_written_one_is_logged(tmp_path, sealed, monkeypatch):
    with door("export (read-only session file)", 1) as counted:
        from phieu_desktop.exchange.export import export_session
        from phieu_desktop.exchange.keys import parse_recipient

        path = tmp_path / "kq.phieu"
        shutil.copy(sealed, path)
        with SessionFile.open(path) as file:
            original = file._transaction

            def refusing(reload: bool = True):
                file.db.execute("PRAGMA query_only = ON")  # the note that records the export cannot be written
                return original(reload)

            monkeypatch.setattr(file, "_transaction", refusing)
            with pytest.raises(PhieuError, match="chỉ cho phép đọc"):
                export_session(file, tmp_path / "a.phieux", [parse_recipient(RECIPIENT)], minutes=None)
        assert not (tmp_path / "a.phieux").exists()
        with SessionFile.open(path) as file:
            result = export_session(file, tmp_path / "b.phieux", [parse_recipient(RECIPIENT)], minutes=None)
            notes = [e.detail for e in file.audit_entries() if e.action == "note"]
        assert result.path.exists() and notes[-1]["file"] == "b.phieux"
        counted.held(1)  # reached only when every assertion above held


def test_ballots_into_a_closed_pipe(tmp_path, sealed):
    """`phieu ballots … | head -1`: one line, exit 1, no BrokenPipeError traceback."""
    with door("ballots piped into head (broken pipe)", 1) as counted:
        script = (f"{sys.executable} -m phieu_desktop.cli ballots {sealed} --ballot lanh-dao; echo rc=$? >&2")
        with open(tmp_path / "err", "w") as err:
            done = subprocess.run(["bash", "-c", f"set -o pipefail; ({script}) | head -c 1 >/dev/null"], stderr=err,
                                  env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)
        text = (tmp_path / "err").read_text(encoding="utf-8")
        assert "Traceback" not in text and "Exception ignored" not in text
        lines = [line for line in text.splitlines() if not line.startswith("rc=")]
        assert len(lines) <= 1 and all(line.startswith("phieu: ") for line in lines)  # small outputs may fit the pipe
        assert "rc=0" in text or "rc=1" in text, (done.returncode, text)
        counted.held(1)  # reached only when every assertion above held


def test_concurrent_writers_one_at_a_time(tmp_path, unlocked_template):
    """Four `phieu enter` at once on one file: each either enters its ballots or is told the file is open."""
    with door("concurrent writers (enter)", 4) as counted:
        path = tmp_path / "mo.phieu"
        shutil.copy(unlocked_template, path)
        for n in range(4):
            (tmp_path / f"{n}.csv").write_text("marks\n" + "CTL\n" * 3, encoding="utf-8")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        children = [subprocess.Popen([sys.executable, "-m", "phieu_desktop.cli", "enter", str(path), "--ballot",
                                      "lanh-dao", "--csv", str(tmp_path / f"{n}.csv")], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env) for n in range(4)]
        outcomes = [(child.wait(timeout=120), child.stderr.read()) for child in children]
        for code, err in outcomes:
            assert code in (0, 1), err
            if code == 1:
                assert "đang được mở ở nơi khác" in err and len(err.strip().splitlines()) == 1, err
        entered = sum(code == 0 for code, _err in outcomes)
        with SessionFile.open(path) as file:
            assert file.entered("lanh-dao") == 2 + 3 * entered and file.verify().ok
        counted.held(4)  # reached only when every assertion above held


# --- lowered versions, backups ---

@pytest.mark.parametrize("version", [0, 1])
def test_a_lowered_user_version_is_refused_and_nothing_is_overwritten(tmp_path, sealed, version):
    path = tmp_path / "kq.phieu"
    shutil.copy(sealed, path)
    backup = tmp_path / f"kq.phieu.v{version}.bak"
    backup.write_bytes(b"an earlier backup the user keeps")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    run = phieu_here("verify", path)
    record("open (lowered user_version)", 1, int(run.returncode == 0))
    assert_refused(run, "phiên bản")
    assert path.read_bytes() == before and backup.read_bytes() == b"an earlier backup the user keeps"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["kq.phieu", backup.name])


def test_a_real_version_1_file_keeps_every_earlier_backup(tmp_path, sealed):
    path = tmp_path / "kq.phieu"
    shutil.copy(sealed, path)
    as_version_1(path)
    old = path.read_bytes()
    (tmp_path / "kq.phieu.v1.bak").write_bytes(b"first")
    (tmp_path / "kq.phieu.v1.2.bak").write_bytes(b"second")
    run = phieu_here("verify", path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "kq.phieu.v1.bak").read_bytes() == b"first"
    assert (tmp_path / "kq.phieu.v1.2.bak").read_bytes() == b"second"
    assert (tmp_path / "kq.phieu.v1.3.bak").read_bytes() == old


# --- what verify sees ---

PLANTS = {
    "extra trigger": "CREATE TRIGGER spy AFTER INSERT ON ballots BEGIN UPDATE ballots SET marks = 'LLL'; END",
    "extra view": "CREATE VIEW v AS SELECT * FROM ballots",
    "extra index": "CREATE INDEX i ON ballots (marks)",
    "extra table": "CREATE TABLE khac (x TEXT)",
}


@pytest.mark.parametrize("name", list(PLANTS))
def test_a_planted_schema_object_is_caught_before_enter_writes(tmp_path, unlocked_template, name):
    path = tmp_path / "mo.phieu"
    shutil.copy(unlocked_template, path)
    behind_the_back(path, PLANTS[name], drop_triggers=False)
    (tmp_path / "b.csv").write_text("marks\nCCC\n", encoding="utf-8")
    run = phieu_here("enter", path, "--ballot", "lanh-dao", "--csv", tmp_path / "b.csv")
    record("enter (planted schema)", 1, int(run.returncode == 0))
    assert_refused(run, "cấu trúc tệp")
    with SessionFile.open(path) as file:
        assert [m for _n, m in file.ballots("lanh-dao")] == ["CTL", "CCT"]
    verify = phieu_here("verify", path)
    assert_refused(verify, "KHÔNG KHỚP", "cấu trúc tệp")


def test_a_same_name_no_op_trigger_on_a_sealed_file(tmp_path, sealed):
    path = tmp_path / "kq.phieu"
    shutil.copy(sealed, path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER ballots_update_sealed")
    conn.execute("CREATE TRIGGER ballots_update_sealed BEFORE UPDATE ON ballots BEGIN SELECT 1; END")
    conn.commit()
    conn.close()
    run = phieu_here("verify", path)
    record("verify (schema, seal, log)", 1, int(run.returncode == 0))
    assert_refused(run, "ballots_update_sealed", "đã bị sửa")


def test_a_changed_seal_time_is_caught(tmp_path, sealed):
    path = tmp_path / "kq.phieu"
    shutil.copy(sealed, path)
    behind_the_back(path, "UPDATE seal SET at = '2019-01-01T08:00:00+07:00'")
    conn = sqlite3.connect(path)  # the triggers as the program made them, so only the seal time differs
    from phieu_desktop.store.schema import SCHEMA_VERSION, expected_schema

    for (kind, _name), statement in expected_schema(SCHEMA_VERSION).items():
        if kind == "trigger":
            conn.execute(statement)
    conn.commit()
    conn.close()
    run = phieu_here("verify", path)
    record("verify (schema, seal, log)", 1, int(run.returncode == 0))
    assert_refused(run, "thời điểm niêm phong")


def test_a_seal_written_before_log_length_still_verifies(tmp_path):
    """Seals of earlier versions carry no log_length and took their time a moment after the lock entry."""
    from phieu_desktop.domain.audit import entry_hash
    from phieu_desktop.domain.seal import canonical_bytes

    path = tmp_path / "cu.phieu"
    from phieu_desktop.domain.seal import fingerprint, seal_digest

    with SessionFile.create(path, make_session()) as file:
        file.add_ballots("lanh-dao", ["CTL"] * 24)
        file.lock()
        v1 = seal_digest(file.session, file.all_ballots(), 1)  # those programs sealed with version 1
    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    seq, at, _detail, prev = conn.execute("SELECT seq, at, detail, prev_hash FROM audit WHERE action = 'locked'"
                                         ).fetchone()

    old = {"seal": v1, "fingerprint": fingerprint(v1)}
    digest = entry_hash(prev, seq, at, "locked", old)
    conn.execute("UPDATE audit SET detail = ?, hash = ? WHERE seq = ?", [canonical_bytes(old).decode(), digest, seq])
    later = at[:17] + "59" + at[19:]  # the seal's own clock, within the minute
    conn.execute("UPDATE seal SET audit_head = ?, at = ?, digest = ?, fingerprint = ?", [digest, later, v1,
                                                                                         fingerprint(v1)])
    from phieu_desktop.store.schema import SCHEMA_VERSION, expected_schema

    for (kind, _name), statement in expected_schema(SCHEMA_VERSION).items():
        if kind == "trigger":
            conn.execute(statement)
    conn.commit()
    conn.close()
    run = phieu_here("verify", path)
    assert run.returncode == 0, run.stderr


def test_a_cut_tail_with_the_seal_removed_reads_unlocked_and_expect_catches_it(tmp_path, sealed):
    """What `verify` without --expect cannot prove (README): a file made unlocked again reads OK (unlocked);
    the fingerprint printed on the paper minutes, given to --expect, catches it."""
    path = tmp_path / "kq.phieu"
    shutil.copy(sealed, path)
    with SessionFile.open(path) as file:
        fingerprint = file.fingerprint
    behind_the_back(path, "DELETE FROM seal", "DELETE FROM audit WHERE action = 'locked'")
    conn = sqlite3.connect(path)
    from phieu_desktop.store.schema import SCHEMA_VERSION, expected_schema

    for (kind, _name), statement in expected_schema(SCHEMA_VERSION).items():
        if kind == "trigger":
            conn.execute(statement)
    conn.commit()
    conn.close()
    assert "chưa khóa" in phieu_here("verify", path).stdout
    run = phieu_here("verify", path, "--expect", fingerprint)
    record("verify (schema, seal, log)", 1, int(run.returncode == 0))
    assert_refused(run, "KHÔNG KHỚP")


def test_a_copy_onto_a_read_only_or_full_stick_leaves_nothing(tmp_path, sealed):
    """Tệp › Lưu bản sao… (`backup_to`) onto a write-protected or full USB stick."""
    with door("copy onto a USB stick (read-only, full)", 2) as counted:
        with small_disk(tmp_path / "usb", "64k") as disk:
            with SessionFile.open(sealed) as file:
                with pytest.raises(PhieuError, match="đầy"):
                    file.backup_to(disk / "ban-sao.phieu")  # 64 KB cannot hold the file
                assert list(disk.iterdir()) == []
                read_only(disk)
                with pytest.raises(PhieuError, match="chỉ cho phép đọc|tệp tạm|quyền"):
                    file.backup_to(disk / "ban-sao.phieu")
                assert list(disk.iterdir()) == []
        counted.held(2)  # reached only when every assertion above held

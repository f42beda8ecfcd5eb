"""Doors "temporary names" and "kills between write and record" (issue 21, items 13 and 14).

A symlink planted at the temporary name the program used to write (`.NAME.PID.tmp`) must never be followed; a run
killed (SIGKILL) between writing a file and recording it in the audit log leaves no file the log does not know, and
whatever a killed run left is cleaned up and explained at the next run. Counted from what the program did.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pyrage import x25519

from phieu_desktop.store import SessionFile
from tests.exchange.conftest import build_unit

from .helpers import phieu_here, record

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")

DATA = Path(__file__).parents[1] / "data"
ROOT = Path(__file__).parents[2]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", "-journal")) or ".tmp" in p.name)


def _logged(session: Path, name: str) -> bool:
    with SessionFile.open(session) as file:
        return any(e.detail.get("file") == name for e in file.audit_entries() if isinstance(e.detail, dict))


def test_a_symlink_planted_at_the_old_temporary_name_is_never_followed(tmp_path, monkeypatch):
    monkeypatch.setenv("PHIEU_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PHIEU_PASSPHRASE", "mật khẩu dài đủ 12")
    session = tmp_path / "dv.phieu"
    build_unit(session, "Sở Y tế tỉnh Hà Giang")
    recipient = str(x25519.Identity.generate().to_public())
    doors = {"print minutes": ("bien-ban.pdf", ("print", "minutes", session, "-o", tmp_path / "bien-ban.pdf")),
             "export": ("goi.phieux", ("export", session, "--to", recipient, "-o", tmp_path / "goi.phieux")),
             "new": ("moi.phieu", ("new", tmp_path / "moi.phieu", "--spec", DATA / "contract-spec.toml")),
             "keygen": ("cap-tren.key", ("keygen", "-o", tmp_path / "cap-tren.key")),
             "export-xlsx": ("kq.xlsx", ("export-xlsx", session, "-o", tmp_path / "kq.xlsx"))}
    wrong = []
    for door, (name, args) in doors.items():
        victim = tmp_path / f"nan-nhan-{door.replace(' ', '-')}.txt"
        victim.write_text("không được sửa", encoding="utf-8")
        planted = tmp_path / f".{name}.{os.getpid()}.tmp"  # the name every earlier version wrote to
        planted.symlink_to(victim)
        run = phieu_here(*args)
        out = tmp_path / name
        if (victim.read_text(encoding="utf-8") != "không được sửa" or run.returncode != 0 or not out.is_file()
                or out.is_symlink()):
            wrong.append((door, run.returncode, run.stderr))
        planted.unlink()
    record("temporary names (a symlink planted at .NAME.PID.tmp)", len(doors), len(wrong))
    assert not wrong, wrong
    assert _leftovers(tmp_path) == []


CHILD = r"""
import os, shutil, signal, sys
from pathlib import Path

mode, target, args = sys.argv[1], sys.argv[2], sys.argv[3:]

def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)

from phieu_desktop.store import session_file
note = session_file.SessionFile.note
if mode == "before-record":  # the bytes are on disk, the log not yet written
    def patched(self, what, **detail):
        if detail.get("file") == target:
            die()
        return note(self, what, **detail)
    session_file.SessionFile.note = patched
elif mode == "after-record":  # the log written, the file not yet under its name
    def patched(self, what, **detail):
        note(self, what, **detail)
        if detail.get("file") == target:
            die()
    session_file.SessionFile.note = patched
elif mode == "before-link":  # any write: complete on disk (with its journal for a session), not yet placed
    import phieu_desktop.files as files
    real_link = os.link
    def link(src, dst, *a, **k):
        if Path(dst).name == target:
            die()
        return real_link(src, dst, *a, **k)
    files.os.link = link
elif mode == "card":  # keygen: the key written, its card not yet
    import phieu_desktop.exchange.keycard as keycard
    keycard.write_key_card = die
elif mode == "backup":  # a kill half-way through the migration backup's copy
    import phieu_desktop.store.connection as connection
    def copy(src, dst, *a, **k):
        data = Path(src).read_bytes()
        with open(dst, "r+b") as handle:
            handle.write(data[: len(data) // 2])
            handle.flush()
            os.fsync(handle.fileno())
        die()
    connection.shutil.copyfile = copy
from phieu_desktop.cli import main
sys.exit(main(args))
"""


def _child(mode: str, target: str, *args: object, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, mode, target, *map(str, args)], cwd=ROOT, text=True,
                          capture_output=True, env={**os.environ, "PYTHONIOENCODING": "utf-8", **env}, timeout=300)


def test_kills_between_write_and_record_leave_nothing_unrecorded_and_are_explained(tmp_path):
    env = {"PHIEU_HOME": str(tmp_path / "home"), "PHIEU_PASSPHRASE": "mật khẩu dài đủ 12"}
    session = tmp_path / "dv.phieu"
    build_unit(session, "Sở Y tế tỉnh Hà Giang")
    recipient = str(x25519.Identity.generate().to_public())
    cases = []
    for mode in ("before-record", "after-record", "before-link"):
        cases.append((f"print minutes ({mode})", mode, f"bb-{mode}.pdf",
                      ("print", "minutes", session, "-o", tmp_path / f"bb-{mode}.pdf")))
        cases.append((f"export ({mode})", mode, f"goi-{mode}.phieux",
                      ("export", session, "--to", recipient, "-o", tmp_path / f"goi-{mode}.phieux")))
    cases.append(("new (before-link)", "before-link", "moi.phieu",
                  ("new", tmp_path / "moi.phieu", "--spec", DATA / "contract-spec.toml")))
    wrong = []
    for label, mode, name, args in cases:
        killed = _child(mode, name, *args, env=env)
        assert killed.returncode == -signal.SIGKILL, (label, killed.returncode, killed.stderr[-1500:])
        out = tmp_path / name
        if out.exists() and not (name.endswith(".phieu") or _logged(session, name)):
            wrong.append((label, "a complete file the log does not record"))
            continue
        again = _child("none", name, *args, env=env)  # the next run: cleans up what the kill left, and says so
        if again.returncode != 0 or "tệp tạm dở dang" not in again.stderr or _leftovers(tmp_path):
            wrong.append((label, again.returncode, again.stderr[-800:], _leftovers(tmp_path)))
        elif not name.endswith(".phieu") and not _logged(session, name):
            wrong.append((label, "the next run's file is not recorded"))
    record("kills between write and record (print, export, new)", len(cases), len(wrong))
    assert not wrong, wrong


def test_a_kill_between_the_key_and_its_card_is_explained_at_the_next_run(tmp_path):
    env = {"PHIEU_HOME": str(tmp_path / "home"), "PHIEU_PASSPHRASE": "mật khẩu dài đủ 12"}
    key = tmp_path / "cap-tren.key"
    killed = _child("card", "", "keygen", "-o", key, env=env)
    assert killed.returncode == -signal.SIGKILL
    again = _child("none", "", "keygen", "-o", key, env=env)
    explained = again.returncode == 1 and "bị ngắt giữa chừng" in again.stderr and len(again.stderr.splitlines()) == 1
    record("kills between write and record (keygen: key without its card)", 1, int(not explained))
    assert explained, again.stderr
    assert _leftovers(tmp_path) == []


def test_a_kill_during_the_migration_backup_leaves_no_truncated_backup(tmp_path):
    source = DATA / "sealed-by-version-1.phieu"
    session = tmp_path / "cu.phieu"
    shutil.copyfile(source, session)
    env = {"PHIEU_HOME": str(tmp_path / "home")}
    killed = _child("backup", "", "verify", session, env=env)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-1500:]
    truncated = (tmp_path / "cu.phieu.v1.bak").exists()
    again = _child("none", "", "verify", session, env=env)
    backups = sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".bak"))
    ok = (not truncated and again.returncode == 0 and backups == ["cu.phieu.v1.bak"]
          and (tmp_path / "cu.phieu.v1.bak").read_bytes() == source.read_bytes() and not _leftovers(tmp_path))
    record("kills between write and record (migration backup)", 1, int(not ok))
    assert ok, (truncated, again.returncode, again.stderr[-800:], backups, _leftovers(tmp_path))

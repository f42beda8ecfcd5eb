"""The `phieu` command as other tools script it: the contract example, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from phieu_desktop.cli import main

DATA = Path(__file__).parents[1] / "data"


def phieu(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command, in this process (a new Python per call cost most of this file's time): `main()` with the
    working folder and both streams of a real run. `test_the_command_as_a_process` keeps one real process."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as stop:  # argparse: a malformed command line
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def ok(*args: str, cwd: Path) -> str:
    run = phieu(*args, cwd=cwd)
    assert run.returncode == 0, run.stderr
    return run.stdout


def refused(*args: str, cwd: Path, code: int = 1) -> str:
    run = phieu(*args, cwd=cwd)
    assert run.returncode == code, (run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr  # one line, never a traceback
    assert "Traceback" not in run.stderr
    return lines[0]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(DATA / "contract-spec.toml", tmp_path / "spec.toml")
    shutil.copy(DATA / "contract-lanh-dao.csv", tmp_path / "lanh-dao.csv")
    return tmp_path


def test_the_worked_contract_example(work):
    ok("new", "example.phieu", "--spec", "spec.toml", cwd=work)
    ok("enter", "example.phieu", "--ballot", "lanh-dao", "--csv", "lanh-dao.csv", cwd=work)
    out = ok("lock", "example.phieu", cwd=work)
    got = json.loads(ok("results", "example.phieu", "--json", cwd=work))
    expected = json.loads((DATA / "contract-expected.json").read_text(encoding="utf-8"))

    def contains(want, have, where="$"):
        if isinstance(want, dict):
            for key, value in want.items():
                if key != "fingerprint":
                    assert key in have, where + "." + key
                    contains(value, have[key], where + "." + key)
        elif isinstance(want, list):
            assert len(want) == len(have), where
            for i, (a, b) in enumerate(zip(want, have)):
                contains(a, b, f"{where}[{i}]")
        else:
            assert want == have, (where, want, have)

    contains(expected, got)
    fingerprint = got["fingerprint"]
    groups = fingerprint.split("-")
    assert len("".join(groups)) * 4 >= 80 and all(len(g) == 4 for g in groups)
    assert fingerprint in out
    first, coverage = ok("verify", "example.phieu", cwd=work).strip().splitlines()
    assert first == f"OK {fingerprint}"  # the contract: the first line; the second says what the seal covers
    assert coverage.startswith("Niêm phong phiên bản 3") and "toàn bộ nhật ký" in coverage
    assert ok("verify", "example.phieu", "--expect", fingerprint.lower(), cwd=work).startswith("OK")
    assert "KHÔNG KHỚP" in refused("verify", "example.phieu", "--expect", "0000-0000", cwd=work)
    assert "Hà Minh Đức" in ok("results", "example.phieu", cwd=work)


def test_verify_catches_a_ballot_edited_with_the_sqlite_shell(work):
    ok("demo", "demo.phieu", cwd=work)
    conn = sqlite3.connect(work / "demo.phieu")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE ballots SET marks = 'CCCC' WHERE paper_key = 'lanh-dao-so' AND number = 7")
    conn.commit()
    conn.close()
    message = refused("verify", "demo.phieu", cwd=work)
    assert "phiếu số 7" in message and "lanh-dao-so" in message
    assert "thay đổi ngoài chương trình" in refused("results", "demo.phieu", "--json", cwd=work)


def test_demo_is_realistic_entered_and_locked(work):
    ok("demo", "demo.phieu", cwd=work)
    data = json.loads(ok("results", "demo.phieu", "--json", cwd=work))
    assert data["locked"] and data["quorum"]["met"]
    assert [b["key"] for b in data["ballots"]] == ["lanh-dao-so", "truong-phong"]
    for paper in data["ballots"]:
        assert paper["entered"] == paper["returned"] <= paper["issued"] <= data["quorum"]["present_at_vote"]
        for person in paper["persons"]:
            assert person["valid"] + person["invalid"] == paper["entered"]
            assert sum(person["counts"].values()) == person["valid"]
    bands = {p["band"] for b in data["ballots"] for p in b["persons"]}
    assert {"none", "over_half", "two_thirds"} <= bands  # the demo shows every band
    assert "đã tồn tại" in refused("demo", "demo.phieu", cwd=work)


def test_new_refuses_to_overwrite_and_bad_spec_writes_nothing(work):
    ok("new", "a.phieu", "--spec", "spec.toml", cwd=work)
    before = (work / "a.phieu").read_bytes()
    assert "đã tồn tại" in refused("new", "a.phieu", "--spec", "spec.toml", cwd=work)
    assert (work / "a.phieu").read_bytes() == before
    (work / "bad.toml").write_text((work / "spec.toml").read_text(encoding="utf-8").replace(
        'regime = "qd96"', 'regime = "qd69"'), encoding="utf-8")
    assert "regime" in refused("new", "b.phieu", "--spec", "bad.toml", cwd=work)
    assert "không tìm thấy" in refused("new", "c.phieu", "--spec", "missing.toml", cwd=work).lower()
    assert sorted(p.name for p in work.iterdir()) == ["a.phieu", "bad.toml", "lanh-dao.csv", "spec.toml"]


def test_bad_csv_names_line_and_column_and_writes_nothing(work):
    ok("new", "a.phieu", "--spec", "spec.toml", cwd=work)
    (work / "bad.csv").write_text("marks,note\nCC,\nCT,\nCQ,\n", encoding="utf-8")
    message = refused("enter", "a.phieu", "--ballot", "lanh-dao", "--csv", "bad.csv", cwd=work)
    assert "dòng 4" in message and "ô thứ 2" in message
    (work / "wide.csv").write_text("marks\nCCC\n", encoding="utf-8")
    assert "dòng 2" in refused("enter", "a.phieu", "--ballot", "lanh-dao", "--csv", "wide.csv", cwd=work)
    assert json.loads(ok("results", "a.phieu", "--json", cwd=work))["ballots"][0]["entered"] == 0
    assert "Không có loại phiếu" in refused("enter", "a.phieu", "--ballot", "x", "--csv", "lanh-dao.csv", cwd=work)


def test_lock_refused_with_the_reason(work):
    ok("new", "a.phieu", "--spec", "spec.toml", cwd=work)
    assert "đã nhập 0 phiếu" in refused("lock", "a.phieu", cwd=work)
    assert ok("verify", "a.phieu", cwd=work).strip() == "OK (chưa khóa)"


def test_attendance_and_counts_commands(work):
    spec = (work / "spec.toml").read_text(encoding="utf-8")
    spec = spec.replace("[attendance]\npresent = 18\npresent_at_vote = 18\n", "").replace(
        "issued = 18\nreturned = 18\n", "")
    (work / "open.toml").write_text(spec, encoding="utf-8")
    ok("new", "a.phieu", "--spec", "open.toml", cwd=work)
    ok("attendance", "a.phieu", "--present", "13", "--present-at-vote", "13", cwd=work)  # the truth is recorded...
    assert "2/3" in refused("enter", "a.phieu", "--ballot", "lanh-dao", "--csv", "lanh-dao.csv", cwd=work)
    assert "2/3" in refused("lock", "a.phieu", cwd=work)  # ...but 13 of 20 is under two thirds: no vote
    ok("attendance", "a.phieu", "--present", "18", "--present-at-vote", "18", cwd=work)
    assert "phát ra và thu về" in refused("enter", "a.phieu", "--ballot", "lanh-dao", "--csv", "lanh-dao.csv",
                                          cwd=work)
    assert "thu về (19) lớn hơn" in refused("counts", "a.phieu", "--ballot", "lanh-dao", "--issued", "18",
                                            "--returned", "19", cwd=work)
    ok("counts", "a.phieu", "--ballot", "lanh-dao", "--issued", "18", "--returned", "18", cwd=work)
    ok("enter", "a.phieu", "--ballot", "lanh-dao", "--csv", "lanh-dao.csv", cwd=work)
    ok("lock", "a.phieu", cwd=work)


def test_list_correct_and_remove_ballots(work):
    ok("new", "a.phieu", "--spec", "spec.toml", cwd=work)
    ok("enter", "a.phieu", "--ballot", "lanh-dao", "--csv", "lanh-dao.csv", cwd=work)
    listed = json.loads(ok("ballots", "a.phieu", "--ballot", "lanh-dao", "--json", cwd=work))
    assert [b["number"] for b in listed] == list(range(1, 19))
    first = listed[0]["marks"]
    width = len(first)
    assert ok("ballots", "a.phieu", "--ballot", "lanh-dao", cwd=work).splitlines()[0] == f"1\t{first}"
    assert "cần ghi lý do" in refused("correct", "a.phieu", "--ballot", "lanh-dao", "--number", "1",
                                      "--marks", "c" * width, "--reason", " ", cwd=work).lower()
    assert "Không có phiếu số 40" in refused("remove", "a.phieu", "--ballot", "lanh-dao", "--number", "40",
                                             "--reason", "thừa", cwd=work)
    assert "ô thứ" in refused("correct", "a.phieu", "--ballot", "lanh-dao", "--number", "1",
                              "--marks", "Q" * width, "--reason", "đọc lại", cwd=work)
    assert "Không có loại phiếu" in refused("ballots", "a.phieu", "--ballot", "x", cwd=work)
    assert json.loads(ok("ballots", "a.phieu", "--ballot", "lanh-dao", "--json", cwd=work)) == listed  # nothing written
    ok("correct", "a.phieu", "--ballot", "lanh-dao", "--number", "1", "--marks", "c" * width,
       "--reason", "Đọc lại phiếu giấy", cwd=work)
    ok("remove", "a.phieu", "--ballot", "lanh-dao", "--number", "2", "--reason", "Nhập trùng", cwd=work)
    now = json.loads(ok("ballots", "a.phieu", "--ballot", "lanh-dao", "--json", cwd=work))
    assert now[0] == {"number": 1, "marks": "C" * width} and [b["number"] for b in now][:2] == [1, 3]
    assert "đã nhập 17 phiếu" in refused("lock", "a.phieu", cwd=work)
    assert ok("verify", "a.phieu", cwd=work).strip() == "OK (chưa khóa)"


@pytest.mark.parametrize("args, fragment", [
    ((), "thiếu tham số"),
    (("frobnicate", "x"), "lựa chọn không hợp lệ"),
    (("enter", "a.phieu", "--ballot", "k"), "thiếu tham số: --csv"),
    (("attendance", "a.phieu", "--present", "ba", "--present-at-vote", "3"), "không phải số nguyên"),
    (("results", "a.phieu", "--json", "--fractions"), "không dùng cùng --json"),
])
def test_malformed_command_lines(work, args, fragment):
    assert fragment in refused(*args, cwd=work, code=2)


def test_foreign_and_busy_files(work):
    (work / "la.phieu").write_text("không phải", encoding="utf-8")
    assert "không phải tệp phiên" in refused("verify", "la.phieu", cwd=work)
    ok("new", "a.phieu", "--spec", "spec.toml", cwd=work)
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from phieu_desktop.store import SessionFile; "
                               "f = SessionFile.open(sys.argv[1]); print('held', flush=True); sys.stdin.read()",
                               str(work / "a.phieu")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert "đang được mở ở nơi khác" in refused("verify", "a.phieu", cwd=work)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    ok("verify", "a.phieu", cwd=work)


def test_verification_pass_from_the_command_line(work):
    ok("new", "a.phieu", "--spec", "spec.toml", cwd=work)
    ok("enter", "a.phieu", "--ballot", "lanh-dao", "--csv", "lanh-dao.csv", cwd=work)
    rows = (work / "lanh-dao.csv").read_text(encoding="utf-8").splitlines()
    second = list(rows)
    second[3] = "CT,"  # ballot 3 was CC
    second[16] = "LL,"  # ballot 16 was MX
    (work / "lan2.csv").write_text("\n".join(second) + "\n", encoding="utf-8")
    (work / "bad.csv").write_text("marks\nCQ\n", encoding="utf-8")
    assert "dòng 2" in refused("check", "a.phieu", "--ballot", "lanh-dao", "--csv", "bad.csv", cwd=work)
    out = ok("check", "a.phieu", "--ballot", "lanh-dao", "--csv", "lan2.csv", cwd=work)
    assert "2 phiếu hai lần nhập khác nhau: 3, 16" in out
    found = json.loads(ok("differences", "a.phieu", "--json", cwd=work))["lanh-dao"]
    assert [(d["number"], d["first"], d["second"], d["persons"]) for d in found] == [
        (3, "CC", "CT", [2]), (16, "MX", "LL", [1, 2])]
    assert "khác nhau chưa được Ban kiểm phiếu quyết định" in refused("lock", "a.phieu", cwd=work)
    assert "lý do" in refused("rule", "a.phieu", "--ballot", "lanh-dao", "--number", "3", "--choice", "first",
                              "--reason", " ", cwd=work)
    ok("rule", "a.phieu", "--ballot", "lanh-dao", "--number", "3", "--choice", "first", "--reason",
       "Xem lại phiếu giấy: ô Cao", cwd=work)
    ok("rule", "a.phieu", "--ballot", "lanh-dao", "--number", "16", "--choice", "other", "--marks", "MT",
       "--reason", "Phiếu giấy: hai ô ở dòng 1, Tín nhiệm ở dòng 2", cwd=work)
    assert json.loads(ok("differences", "a.phieu", "--json", cwd=work)) == {"lanh-dao": []}
    ok("lock", "a.phieu", cwd=work)
    data = json.loads(ok("results", "a.phieu", "--json", cwd=work))
    second_person = data["ballots"][0]["persons"][1]
    assert second_person["counts"]["confidence"] == 4  # ballot 16 ruled MT: one more "T" than the contract's 3
    assert ok("verify", "a.phieu", cwd=work).startswith("OK ")


def test_the_command_as_a_process(work):
    """The real `phieu` process: UTF-8 out and err whatever the console, exit codes, one line on refusal."""
    env = dict(os.environ, PYTHONIOENCODING="ascii")  # main() switches its streams to UTF-8 itself

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "phieu_desktop.cli", *args], cwd=work, env=env,
                              capture_output=True, timeout=120)

    made = run("new", "a.phieu", "--spec", "spec.toml")
    assert made.returncode == 0 and made.stdout.decode("utf-8").startswith("Đã tạo")
    refused_run = run("lock", "a.phieu")
    assert refused_run.returncode == 1 and refused_run.stdout == b""
    assert refused_run.stderr.decode("utf-8").strip().splitlines() == [
        "phieu: Chưa thể khóa kết quả: Phiếu “Lãnh đạo Ban”: đã nhập 0 phiếu, số phiếu thu về là 18."]
    assert run("frobnicate").returncode == 2


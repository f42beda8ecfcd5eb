"""`phieu status` reads the same step rules as the window (domain.progress); `--paper KEY` and the older
`--ballot KEY` name the same paper. In-process: `main()` returns the exit code."""

from __future__ import annotations

import json

from phieu_desktop.cli import main
from phieu_desktop.domain.progress import Step, resume_step
from phieu_desktop.store import SessionFile
from tests.conftest import make_session


def test_status_follows_the_work(session_path, capsys):
    SessionFile.create(session_path, make_session(present=None, present_at_vote=None, issued=None,
                                                  returned=None)).close()
    assert main(["status", str(session_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["resume"] == "attendance" and data["steps"]["attendance"] is False
    assert "Điểm danh" in data["entry_blockers"]["lanh-dao"]
    assert main(["attendance", str(session_path), "--present", "25", "--present-at-vote", "24"]) == 0
    assert main(["counts", str(session_path), "--paper", "lanh-dao", "--issued", "3", "--returned", "2"]) == 0
    with SessionFile.open(session_path) as file:
        file.add_ballot("lanh-dao", "CTL")
        expected = resume_step(file.progress())
    capsys.readouterr()
    assert main(["status", str(session_path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert expected is Step.ENTRY and lines[Step.ENTRY].startswith("▶ 3. Nhập phiếu")
    assert lines[Step.ATTENDANCE].startswith("✓ 2.")
    assert "đã nhập 1/2" in out and "đã nhập 1 phiếu, số phiếu thu về là 2" in out


def test_status_of_a_full_paper_says_why_entry_is_closed(session_path, capsys):
    SessionFile.create(session_path, make_session(issued=2, returned=2)).close()
    assert main(["enter", str(session_path), "--ballot", "lanh-dao", "--csv", "-"]) == 1  # no such file: refused
    capsys.readouterr()
    with SessionFile.open(session_path) as file:
        file.add_ballots("lanh-dao", ["CTL", "TTT"])
    assert main(["status", str(session_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "Đã nhập đủ 2/2" in data["entry_blockers"]["lanh-dao"] and data["lock_blockers"] == []
    assert data["resume"] == "lock"


def test_paper_and_ballot_name_the_same_option(session_path, capsys):
    SessionFile.create(session_path, make_session()).close()
    with SessionFile.open(session_path) as file:
        file.add_ballots("lanh-dao", ["CTL", "TTT"])
    outputs = []
    for option in ("--paper", "--ballot"):
        assert main(["ballots", str(session_path), option, "lanh-dao", "--json"]) == 0
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1] == [{"number": 1, "marks": "CTL"}, {"number": 2, "marks": "TTT"}]
    assert main(["ballots", str(session_path), "--paper", "khong-co"]) == 1
    assert "Không có loại phiếu “khong-co”" in capsys.readouterr().err

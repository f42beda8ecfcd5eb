"""`phieu plan` and its edits: plan facts are `note` entries of the kind "plan" in the log, allowed before and after
the lock; the seal and `verify` are untouched; bad input is one Vietnamese line and exit 1."""

from __future__ import annotations

import json

from phieu_desktop.cli import main
from phieu_desktop.store import SessionFile
from tests.conftest import make_session


def _plan(path, capsys, today="01/09/2023") -> dict:
    capsys.readouterr()
    assert main(["plan", str(path), "--json", "--today", today]) == 0
    return json.loads(capsys.readouterr().out)


def test_plan_json_edits_and_what_is_missing(session_path, capsys):
    SessionFile.create(session_path, make_session()).close()  # meeting 12/09/2023
    data = _plan(session_path, capsys)
    due = {m["key"]: m for m in data["milestones"]}
    assert due["dossiers_to_voters"]["due"] == "2023-08-28" and due["dossiers_to_voters"]["status"] == "late"
    assert due["explanations"]["due"] == "2023-09-09" and due["explanations"]["status"] == "upcoming"
    assert data["next"][0] == "reports_requested"
    assert {g["person"] for g in data["missing"]} == {"lanh-dao/1", "lanh-dao/2", "lanh-dao/3"}

    assert main(["plan-set", str(session_path), "explanations", "--due", "08/09/2023"]) == 0
    assert main(["plan-set", str(session_path), "dossiers_to_voters", "--done", "27/08/2023"]) == 0
    for person in ("lanh-dao/1", "lanh-dao/2", "lanh-dao/3"):
        for item in ("1", "2"):
            assert main(["dossier", str(session_path), person, item, "25/08/2023"]) == 0
    assert main(["question", str(session_path), "lanh-dao/2", "--asker", "Nguyễn Văn Ân",
                 "--received", "30/08/2023"]) == 0
    data = _plan(session_path, capsys, today="03/09/2023")
    due = {m["key"]: m for m in data["milestones"]}
    assert due["explanations"]["due"] == "2023-09-08" and due["explanations"]["edited"]
    assert due["dossiers_to_voters"]["status"] == "done"
    assert [g["what"] for g in data["missing"]] == ["1 câu hỏi của người ghi phiếu chưa chuyển đến người được lấy "
                                                    "phiếu"]
    assert main(["question-sent", str(session_path), "1", "02/09/2023"]) == 0
    assert _plan(session_path, capsys, today="03/09/2023")["missing"] == []

    with SessionFile.open(session_path) as file:
        notes = [e for e in file.audit_entries() if e.action == "note"]
        assert notes and all(e.detail["what"] == "plan" for e in notes)
        assert file.verify().ok


def test_plan_notes_after_the_lock_keep_the_seal(tmp_path, capsys):
    path = tmp_path / "demo.phieu"
    assert main(["demo", str(path)]) == 0
    with SessionFile.open(path) as file:
        fingerprint = file.fingerprint
        meeting = file.session.date
    capsys.readouterr()
    data = _plan(path, capsys, today=meeting.strftime("%d/%m/%Y"))
    meeting_row = {m["key"]: m for m in data["milestones"]}["meeting"]
    assert meeting_row["status"] == "done" and meeting_row["done"] == meeting.isoformat()  # the lock marks it
    assert main(["plan-set", str(path), "process_report", "--done", meeting.strftime("%d/%m/%Y")]) == 0
    assert main(["scopes", str(path), "voters,person"]) == 0
    with SessionFile.open(path) as file:
        assert file.verify().ok and file.fingerprint == fingerprint
    assert _plan(path, capsys)["scopes"] == ["voters", "person"]


def test_bad_plan_input_is_one_line(session_path, capsys):
    SessionFile.create(session_path, make_session()).close()
    capsys.readouterr()
    for argv in (["plan-set", str(session_path), "nope", "--done", "01/01/2024"],
                 ["plan-set", str(session_path), "send_up", "--done", "31/02/2024"],
                 ["plan-set", str(session_path), "send_up"],
                 ["dossier", str(session_path), "lanh-dao/9", "1", "01/01/2024"],
                 ["dossier", str(session_path), "lanh-dao/1", "4", "01/01/2024"],
                 ["question-sent", str(session_path), "3", "01/01/2024"],
                 ["scopes", str(session_path), "voters,radio"],
                 ["plan-set", str(session_path), "send_up", "--due", "01/01/2030"]):  # beyond ±366 days
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert err.startswith("phieu: ") and err.count("\n") == 1 and "Traceback" not in err
    with SessionFile.open(session_path) as file:
        assert not [e for e in file.audit_entries() if e.action == "note"]


def test_the_plan_of_a_file_changed_behind_the_back_is_refused(session_path, capsys):
    from tests.behind import behind_the_back

    SessionFile.create(session_path, make_session()).close()
    assert main(["plan-set", str(session_path), "send_up", "--done", "01/10/2023"]) == 0
    behind_the_back(session_path, "UPDATE audit SET detail = '{\"what\": \"plan\", \"kind\": \"done\", "
                    "\"key\": \"send_up\", \"value\": \"2023-09-13\"}' WHERE seq = 2")
    capsys.readouterr()
    for argv in (["plan", str(session_path)], ["plan-set", str(session_path), "send_up", "--undone"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "thay đổi ngoài chương trình" in err and err.count("\n") == 1


def test_a_meeting_that_moves_in_the_file_moves_the_plan(session_path, capsys):
    from dataclasses import replace
    from datetime import date

    SessionFile.create(session_path, make_session(present=None, present_at_vote=None, issued=None,
                                                  returned=None)).close()  # meeting 12/09/2023
    assert main(["plan-set", str(session_path), "explanations", "--due", "07/09/2023"]) == 0  # 5 days before
    assert main(["plan-set", str(session_path), "dossiers_to_voters", "--done", "25/08/2023"]) == 0
    with SessionFile.open(session_path) as file:
        file.update_session(replace(file.session, date=date(2024, 3, 1)))  # moved to a leap year's 1 March
    data = _plan(session_path, capsys, today="20/02/2024")
    due = {m["key"]: m for m in data["milestones"]}
    assert due["explanations"]["due"] == "2024-02-25" and due["explanations"]["edited"]
    assert due["questions_to_person"]["due"] == "2024-02-20"
    assert due["dossiers_to_voters"]["due"] == "2024-02-15"
    assert due["dossiers_to_voters"]["done"] == "2023-08-25" and due["dossiers_to_voters"]["status"] == "done"
    assert due["send_up"]["due"] == "2024-03-08"


def test_a_date_is_read_by_one_rule_in_plan_and_board(session_path, tmp_path, capsys):
    """`phieu plan-set`, `phieu board deadline` (and the window's fields) read a typed date by domain.text.parse_day:
    dd/mm/yyyy or yyyy-mm-dd, and the same Vietnamese refusal naming the field for anything else."""
    from phieu_desktop.domain.text import parse_day

    SessionFile.create(session_path, make_session()).close()
    board = tmp_path / "cap-tren.phieub"
    assert main(["board", "init", str(board), "--organization", "Ban Tổ chức Tỉnh ủy"]) == 0
    assert main(["board", "deadline", str(board), "2026-12-13"]) == 0
    assert main(["board", "deadline", str(board), "13/12/2026"]) == 0
    capsys.readouterr()
    assert main(["board", "deadline", str(board), "31/02/2026"]) == 1
    board_error = capsys.readouterr().err.strip()
    assert main(["plan-set", str(session_path), "explanations", "--due", "31/02/2026"]) == 1
    plan_error = capsys.readouterr().err.strip()
    for line in (board_error, plan_error):
        assert "“31/02/2026” không phải một ngày (dd/mm/yyyy)." in line and "\n" not in line
    assert parse_day(" 2026-12-13 ", "Hạn").isoformat() == "2026-12-13"

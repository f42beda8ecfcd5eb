"""The verification pass: second entries, differences, rulings, the lock waiting, and verify after each."""

from __future__ import annotations

import sqlite3

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.verification import differences, differing_numbers, next_unchecked
from phieu_desktop.store import SessionFile
from phieu_desktop.store.schema import SCHEMA_VERSION
from tests.behind import as_version_1


def test_differing_numbers_is_pure_and_ordered():
    first = {1: "CTL", 2: "CCC", 3: "TTT", 4: "LLL"}
    second = {2: "CCT", 1: "CTL", 4: "-"}
    assert differing_numbers(first, second) == [2, 4]
    found = differences(first, second)
    assert [(d.number, d.persons) for d in found] == [(2, (2,)), (4, (0, 1, 2))]
    assert next_unchecked(first, second) == 3


def fill(file: SessionFile, marks: list[str]) -> None:
    for m in marks:
        file.add_ballot("lanh-dao", m)


def test_lock_waits_for_a_started_pass_and_for_rulings(session_file: SessionFile):
    ballots = ["CTL", "CCC", "TTT", "LLL"] * 6
    fill(session_file, ballots)
    assert session_file.lock_blockers() == []  # no pass started: nothing waits
    assert session_file.add_check("lanh-dao", "CTL") == 1
    assert any("kiểm tra lại mới nhập 1/24" in b for b in session_file.lock_blockers())
    typed = list(ballots[1:])
    typed[4] = "CTC"  # ballot 6 typed wrongly the second time
    typed[9] = "-"  # ballot 11
    for m in typed:
        session_file.add_check("lanh-dao", m)
    assert session_file.checked("lanh-dao") == 24
    assert [d.number for d in session_file.differences("lanh-dao")] == [6, 11]
    blockers = session_file.lock_blockers()
    assert len(blockers) == 1 and "số 6, 11" in blockers[0]
    with pytest.raises(PhieuError):
        session_file.lock()
    with pytest.raises(PhieuError):
        session_file.add_check("lanh-dao", "CCC")  # the stack is done
    with pytest.raises(PhieuError):
        session_file.rule_difference("lanh-dao", 6, "first", "   ")
    session_file.rule_difference("lanh-dao", 6, "first", "Xem lại phiếu giấy: lần 1 đúng")
    session_file.rule_difference("lanh-dao", 11, "other", "Phiếu giấy đánh dấu khác cả hai", marks="CTT")
    assert session_file.differences("lanh-dao") == []
    assert dict(session_file.ballots("lanh-dao"))[11] == "CTT"
    assert session_file.verify().ok
    fingerprint = session_file.lock()
    assert session_file.verify().ok and session_file.verify().fingerprint == fingerprint
    with pytest.raises(sqlite3.DatabaseError):
        session_file.db.execute("UPDATE checks SET marks = 'LLL' WHERE number = 1")


def test_removing_a_ballot_removes_its_second_entry(session_file: SessionFile):
    fill(session_file, ["CTL", "CCC"])
    session_file.add_check("lanh-dao", "CTL")
    session_file.remove_ballot("lanh-dao", 1, "Phiếu nhập thừa")
    assert session_file.checks("lanh-dao") == []
    assert session_file.verify().ok


def test_tampering_with_a_second_entry_is_reported(session_file: SessionFile, session_path):
    fill(session_file, ["CTL"])
    session_file.add_check("lanh-dao", "CTL")
    session_file.db.execute("UPDATE checks SET marks = 'LLL'")
    session_file.close()
    with SessionFile.open(session_path) as again:
        assert any("kiểm tra lại" in p for p in again.verify().problems)


def test_a_version_1_file_is_migrated_with_a_backup(session_file: SessionFile, session_path):
    fill(session_file, ["CTL"])
    session_file.close()
    as_version_1(session_path)
    with SessionFile.open(session_path) as again:
        assert again.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert again.verify().ok and again.checks("lanh-dao") == []
    assert session_path.with_name(session_path.name + ".v1.bak").exists()

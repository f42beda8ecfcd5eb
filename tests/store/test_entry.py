"""Entering, correcting, removing and locking: each one transaction, each in the audit log."""

from __future__ import annotations

import sqlite3

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.seal import fingerprint
from phieu_desktop.store import SessionFile
from tests.conftest import make_session


def test_ballots_are_numbered_in_entry_order(session_file):
    assert session_file.add_ballot("lanh-dao", "c t l") == 1
    assert session_file.add_ballots("lanh-dao", ["CCC", "-"]) == [2, 3]
    assert session_file.ballots("lanh-dao") == [(1, "CTL"), (2, "CCC"), (3, "-")]
    assert session_file.entered("lanh-dao") == 3


def test_a_bad_ballot_in_a_batch_writes_nothing(session_file):
    with pytest.raises(PhieuError, match="ô thứ 3"):
        session_file.add_ballots("lanh-dao", ["CCC", "CCQ"])
    assert session_file.ballots("lanh-dao") == []
    assert [e.action for e in session_file.audit_entries()] == ["created"]


def test_csv_entry_is_all_or_nothing(session_file):
    with pytest.raises(PhieuError, match="dòng 3"):
        session_file.add_ballots_csv("lanh-dao", b"marks\nCCC\nCC\n")
    assert session_file.entered("lanh-dao") == 0
    assert session_file.add_ballots_csv("lanh-dao", b"marks\nCCC\nTTT\n") == [1, 2]


def test_unknown_paper_is_named(session_file):
    with pytest.raises(PhieuError, match="“bch”.*lanh-dao"):
        session_file.add_ballot("bch", "CCC")


def test_no_ballot_before_attendance_or_below_quorum(session_path):
    with SessionFile.create(session_path, make_session(present=None, present_at_vote=None, issued=None,
                                                       returned=None)) as file:
        with pytest.raises(PhieuError, match="số người có mặt"):
            file.add_ballot("lanh-dao", "CCC")
        file.record_attendance(19, 19)  # 19*3 = 57 < 60: one short of two thirds of 30
        with pytest.raises(PhieuError, match="còn thiếu 1 người"):
            file.add_ballot("lanh-dao", "CCC")
        file.record_attendance(20, 20)
        with pytest.raises(PhieuError, match="phát ra và thu về"):
            file.add_ballot("lanh-dao", "CCC")
        file.record_counts("lanh-dao", 20, 2)
        file.add_ballots("lanh-dao", ["CCC", "TTT"])
        with pytest.raises(PhieuError, match="vượt số phiếu thu về"):
            file.add_ballot("lanh-dao", "LLL")
        assert file.entered("lanh-dao") == 2


@pytest.mark.parametrize("present, at_vote, fragment", [
    (31, 20, "lớn hơn số người được triệu tập"),
    (25, 26, "lớn hơn số người có mặt"),
    (25, 20, "phát ra \\(24\\) lớn hơn số người có mặt khi bỏ phiếu \\(20\\)"),
])
def test_attendance_is_checked(session_file, present, at_vote, fragment):
    with pytest.raises(PhieuError, match=fragment):
        session_file.record_attendance(present, at_vote)
    assert session_file.session.present == 25


@pytest.mark.parametrize("issued, returned, fragment", [
    (25, 20, "phát ra \\(25\\) lớn hơn số người có mặt khi bỏ phiếu"),
    (20, 21, "thu về \\(21\\) lớn hơn số phiếu phát ra"),
])
def test_counts_are_checked(session_file, issued, returned, fragment):
    with pytest.raises(PhieuError, match=fragment):
        session_file.record_counts("lanh-dao", issued, returned)


def test_returned_cannot_drop_below_what_is_entered(session_file):
    session_file.add_ballots("lanh-dao", ["CCC"] * 3)
    with pytest.raises(PhieuError, match="nhiều hơn số phiếu thu về"):
        session_file.record_counts("lanh-dao", 24, 2)


def test_correction_and_removal_keep_the_old_version_in_the_log(session_file):
    session_file.add_ballots("lanh-dao", ["CCC", "TTT", "LLL"])
    with pytest.raises(PhieuError, match="lý do"):
        session_file.correct_ballot("lanh-dao", 2, "TTL", "   ")
    session_file.correct_ballot("lanh-dao", 2, "ttl", "Đọc nhầm ô thứ ba")
    session_file.remove_ballot("lanh-dao", 1, "Nhập trùng")
    with pytest.raises(PhieuError, match="Không có phiếu số 9"):
        session_file.remove_ballot("lanh-dao", 9, "x")
    assert session_file.ballots("lanh-dao") == [(2, "TTL"), (3, "LLL")]
    entries = session_file.audit_entries()
    assert [e.action for e in entries][-2:] == ["ballot_corrected", "ballot_removed"]
    assert entries[-2].detail == {"key": "lanh-dao", "number": 2, "old": "TTT", "marks": "TTL",
                                  "reason": "Đọc nhầm ô thứ ba"}
    assert entries[-1].detail["old"] == "CCC"
    assert session_file.add_ballot("lanh-dao", "CCC") == 4  # numbers are never reused
    assert session_file.verify().ok


def test_audit_entries_are_chained(session_file):
    session_file.add_ballots("lanh-dao", ["CCC", "TTT"])
    entries = session_file.audit_entries()
    assert entries[0].prev_hash == "0" * 64
    for before, after in zip(entries, entries[1:]):
        assert after.prev_hash == before.hash and after.seq == before.seq + 1


def test_lock_is_refused_with_the_reason(session_file):
    session_file.add_ballots("lanh-dao", ["CCC"] * 23)
    with pytest.raises(PhieuError, match="đã nhập 23 phiếu, số phiếu thu về là 24"):
        session_file.lock()
    assert not session_file.locked


def test_lock_is_refused_below_quorum(session_path):
    with SessionFile.create(session_path, make_session(present=19, present_at_vote=19, issued=19,
                                                       returned=0)) as file:
        assert any("2/3" in b for b in file.lock_blockers())
        with pytest.raises(PhieuError, match="2/3"):
            file.lock()


def test_lock_is_refused_without_a_committee(session_path):
    with SessionFile.create(session_path, make_session(committee=(), returned=0)) as file:
        with pytest.raises(PhieuError, match="Ban kiểm phiếu"):
            file.lock()


def test_lock_seals_and_nothing_changes_afterwards(session_file, session_path):
    session_file.add_ballots("lanh-dao", ["CTL"] * 24)
    short = session_file.lock()
    assert len(short.replace("-", "")) * 4 >= 80
    assert short == fingerprint(session_file.db.execute("SELECT digest FROM seal").fetchone()[0])
    for action in (lambda: session_file.add_ballot("lanh-dao", "CCC"),
                   lambda: session_file.correct_ballot("lanh-dao", 1, "CCC", "x"),
                   lambda: session_file.remove_ballot("lanh-dao", 1, "x"),
                   lambda: session_file.record_attendance(26, 24),
                   lambda: session_file.record_counts("lanh-dao", 24, 24),
                   lambda: session_file.lock()):
        with pytest.raises(PhieuError, match="đã được khóa"):
            action()
    session_file.note("printed", document="minutes")  # events that change nothing are still logged
    session_file.close()
    conn = sqlite3.connect(session_path)  # behind the program's back, the triggers refuse
    for sql in ("UPDATE ballots SET marks = 'LLL' WHERE number = 1", "DELETE FROM ballots",
                "INSERT INTO ballots VALUES ('lanh-dao', 99, 'CCC')", "UPDATE persons SET name = 'X'",
                "UPDATE session SET present = 30", "DELETE FROM seal", "UPDATE audit SET detail = '{}'"):
        with pytest.raises(sqlite3.DatabaseError, match="phieu:"):
            conn.execute(sql)
    conn.close()
    with SessionFile.open(session_path) as file:
        report = file.verify()
        assert report.ok and report.locked and report.fingerprint == short
        assert file.results().locked


def test_results_of_the_file_equal_the_tally(session_file):
    session_file.add_ballots("lanh-dao", ["CTL", "CT0", "-", "LLX"])
    result = session_file.results()
    first, second, third = result.papers[0].persons
    assert (first.counts, first.invalid) == ({"high": 2, "confidence": 0, "low": 1}, 1)
    assert (second.counts, second.invalid) == ({"high": 0, "confidence": 2, "low": 1}, 1)
    assert (third.counts, third.invalid) == ({"high": 0, "confidence": 0, "low": 1}, 3)
    assert result.papers[0].denominator == 24 and not result.locked

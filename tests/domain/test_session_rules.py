"""The session's own rules, tested directly: quorum at its boundaries, attendance and counts that cannot be,
who heads the committee, the suggested role and the absent count."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phieu_desktop.domain.session import (
    BallotPaper,
    CommitteeMember,
    absent,
    attendance_problems,
    committee_head,
    count_problems,
    is_head_role,
    quorum_met,
    quorum_shortfall,
    session_problems,
    suggested_role,
)
from tests.conftest import make_session

PAPER = BallotPaper("lanh-dao", "Lãnh đạo Sở", "Toàn thể công chức", ())


@pytest.mark.parametrize("summoned, present, met", [
    (30, 20, True),   # exactly 2/3
    (30, 19, False),  # one short
    (3, 2, True),
    (3, 1, False),
    (31, 21, True),   # 21*3 = 63 >= 62
    (31, 20, False),  # 60 < 62
    (1, 1, True),
    (1, 0, False),
    (35, 24, True),   # 72 >= 70
    (35, 23, False),  # 69 < 70
])
def test_quorum_boundaries(summoned, present, met):
    assert quorum_met(summoned, present) is met
    assert (quorum_shortfall(summoned, present) == 0) is met


def test_no_attendance_is_no_quorum():
    assert not quorum_met(30, None)
    assert quorum_shortfall(30, None) == 20


@given(st.integers(1, 10_000), st.integers(0, 10_000))
def test_quorum_is_two_thirds_exactly(summoned, present):
    present = min(present, summoned)
    assert quorum_met(summoned, present) == (Fraction(present, summoned) >= Fraction(2, 3))
    missing = quorum_shortfall(summoned, present)
    assert quorum_met(summoned, present + missing)
    assert missing == 0 or not quorum_met(summoned, present + missing - 1)


def test_attendance_problems_name_each_impossibility():
    assert attendance_problems(30, 25, 24) == []
    assert attendance_problems(30, None, None) == []
    assert attendance_problems(30, 30, 30) == []
    assert any("lớn hơn số người được triệu tập" in p for p in attendance_problems(30, 31, 20))
    assert any("khi bỏ phiếu (25) lớn hơn số người có mặt (24)" in p for p in attendance_problems(30, 24, 25))
    assert any("Chưa ghi số người có mặt" in p for p in attendance_problems(30, None, 20))
    assert any("âm" in p for p in attendance_problems(30, -1, None))
    assert any("âm" in p for p in attendance_problems(30, 5, -1))


def test_count_problems_returned_issued_present_at_vote():
    assert count_problems(PAPER, 24, 24, 24) == []
    assert count_problems(PAPER, 24, 20, 24) == []
    assert count_problems(PAPER, None, None, 24) == []
    assert any("thu về (25) lớn hơn số phiếu phát ra (24)" in p for p in count_problems(PAPER, 24, 25, 30))
    assert any("phát ra (25) lớn hơn số người có mặt khi bỏ phiếu (24)" in p for p in count_problems(PAPER, 25, 20, 24))
    assert any("chưa ghi số phiếu phát ra" in p for p in count_problems(PAPER, None, 3, 24))
    assert any("âm" in p for p in count_problems(PAPER, -1, None, 24))
    assert all(p.startswith("Phiếu “Lãnh đạo Sở”") for p in count_problems(PAPER, 25, 26, 24))


def test_session_problems_catch_duplicates_and_bad_keys():
    assert session_problems(make_session()) == []
    session = make_session(summoned=0)
    assert any("lớn hơn 0" in p for p in session_problems(session))
    twice = make_session()
    twice = twice.__class__(**{**twice.__dict__, "papers": twice.papers * 2})
    assert any("bị trùng" in p for p in session_problems(twice))
    bad = make_session(papers=(BallotPaper("Lãnh Đạo", "X", "Y", make_session().papers[0].persons),))
    assert any("chữ thường không dấu" in p for p in session_problems(bad))


@pytest.mark.parametrize("role, head", [
    ("Trưởng ban", True), ("trưởng ban", True), ("TRƯỞNG BAN", True), ("  Trưởng   ban kiểm phiếu ", True),
    ("Phó Trưởng ban", False), ("Ủy viên", False), ("Thư ký", False), ("", False),
])
def test_who_heads_the_committee(role, head):
    assert is_head_role(role) is head
    assert CommitteeMember("Trần Thị Bình", role).is_head is head


def test_committee_head_and_the_next_role():
    members = (CommitteeMember("A", "Ủy viên"), CommitteeMember("B", "Phó Trưởng ban"))
    assert committee_head(members) is None and suggested_role(members) == "Trưởng ban"
    members += (CommitteeMember("C", "Trưởng ban"), CommitteeMember("D", "Trưởng ban"))
    assert committee_head(members).name == "C" and suggested_role(members) == "Ủy viên"
    assert committee_head(()) is None and suggested_role(()) == "Trưởng ban"


def test_absent():
    assert absent(30, 25) == 5
    assert absent(30, 30) == 0
    assert absent(30, None) is None
    assert absent(30, 31) is None

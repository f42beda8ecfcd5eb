"""The write rules as pure functions over a state, and the strict replay that applies them at every log entry."""

from __future__ import annotations

import pytest

from phieu_desktop.domain import audit
from phieu_desktop.domain.audit import replay
from phieu_desktop.domain.progress import Progress
from phieu_desktop.domain.rules import (
    FIRST_RULES,
    RULES_VERSION,
    attendance_refusal,
    check_refusal,
    counts_refusal,
    creation_refusal,
    entry_refusal,
    marks_refusal,
    preparation_refusal,
    session_update_refusal,
)
from phieu_desktop.domain.session import CommitteeMember, session_to_dict
from tests.conftest import make_session
from tests.domain.test_seal_audit_verification import chain


def state(session=None, entered=0, checked=0, locked=False) -> Progress:
    return Progress(session or make_session(), {"lanh-dao": entered}, {"lanh-dao": checked}, (), locked)


def test_attendance_rules():
    assert attendance_refusal(state(), 25, 24) is None
    assert "lớn hơn số người được triệu tập" in attendance_refusal(state(), 31, 24)
    assert "lớn hơn số người có mặt (25)" in attendance_refusal(state(), 25, 26)
    assert "lớn hơn số người có mặt khi bỏ phiếu (20)" in attendance_refusal(state(), 25, 20)  # 24 issued
    assert attendance_refusal(state(entered=0, session=make_session(issued=None, returned=None)), 5, 5) is None
    assert "dưới 2/3" in attendance_refusal(state(entered=1, session=make_session(issued=None, returned=None)), 5, 5)


def test_counts_rules():
    assert counts_refusal(state(), "lanh-dao", 24, 24) is None
    assert "trước số phiếu phát ra" in counts_refusal(state(make_session(present_at_vote=None)), "lanh-dao", 1, 1)
    assert "lớn hơn số phiếu phát ra" in counts_refusal(state(), "lanh-dao", 20, 21)
    assert "lớn hơn số người có mặt khi bỏ phiếu" in counts_refusal(state(), "lanh-dao", 25, 25)
    assert "nhiều hơn số phiếu thu về 10" in counts_refusal(state(entered=11), "lanh-dao", 24, 10)
    assert "Không có loại phiếu “khac”" in counts_refusal(state(), "khac", 1, 1)


def test_entry_check_and_marks_rules():
    assert entry_refusal(state(entered=23), "lanh-dao") is None
    assert "vượt số phiếu thu về" in entry_refusal(state(entered=24), "lanh-dao")
    assert "2/3" in entry_refusal(state(make_session(present=19)), "lanh-dao")
    assert "đã khóa" in entry_refusal(state(entered=1, locked=True), "lanh-dao")
    assert check_refusal(state(entered=2, checked=1), "lanh-dao") is None
    assert "Chưa có phiếu nào" in check_refusal(state(), "lanh-dao")
    session = make_session()
    assert marks_refusal(session, "lanh-dao", "CTL") is None and marks_refusal(session, "lanh-dao", "-") is None
    assert "có 2 mã" in marks_refusal(session, "lanh-dao", "CT")
    assert "không đúng dạng" in marks_refusal(session, "lanh-dao", "ctl")


def test_preparation_rules():
    assert preparation_refusal(state()) is None
    assert "Đã nhập phiếu" in preparation_refusal(state(entered=1))
    assert "Đã nhập phiếu" in preparation_refusal(state(checked=1))
    current = make_session()
    renamed = make_session(title="Hội nghị khác")
    assert session_update_refusal(state(current), renamed) is None
    assert "bước Điểm danh" in session_update_refusal(state(current), make_session(present=30, title="Khác"))
    headless = make_session(committee=(CommitteeMember("Lò Văn Sơn", "Ủy viên"),))
    assert "đúng một Trưởng ban" in session_update_refusal(state(current), headless)
    assert "đúng một Trưởng ban" in creation_refusal(headless)
    assert creation_refusal(headless, FIRST_RULES) is None


def _created(session=None, rules=RULES_VERSION) -> tuple[str, dict]:
    session = session or make_session(present=None, present_at_vote=None, issued=None, returned=None)
    detail = {"session": session_to_dict(session)}
    if rules is not None:
        detail["rules"] = rules
    return audit.CREATED, detail


def _ballot(number: int, marks: str = "CTL") -> tuple[str, dict]:
    return audit.BALLOT_ADDED, {"key": "lanh-dao", "number": number, "marks": marks}


OPENING = [_created(), (audit.ATTENDANCE, {"present": 25, "present_at_vote": 24}),
           (audit.COUNTS, {"key": "lanh-dao", "issued": 2, "returned": 2})]

BROKEN = {
    "counts before the attendance": ([_created(), (audit.COUNTS, {"key": "lanh-dao", "issued": 2, "returned": 2})],
                                     2, "trước số phiếu phát ra"),
    "attendance below 2/3 once ballots are entered": (
        OPENING + [_ballot(1), (audit.ATTENDANCE, {"present": 5, "present_at_vote": 2})], 5, "dưới 2/3"),
    "returned below entered": (OPENING + [_ballot(1), _ballot(2),
                                          (audit.COUNTS, {"key": "lanh-dao", "issued": 2, "returned": 1})],
                               6, "đã nhập 2 phiếu, nhiều hơn số phiếu thu về 1"),
    "a ballot beyond returned": (OPENING + [_ballot(1), _ballot(2), _ballot(3)], 6, "vượt số phiếu thu về"),
    "marks of the wrong width": (OPENING + [_ballot(1, "CT")], 4, "có 2 mã"),
    "a second entry before the first": (OPENING + [(audit.CHECK_ADDED, {"key": "lanh-dao", "number": 1,
                                                                         "marks": "CTL"})], 4, "Chưa có phiếu nào"),
    "preparation changed after entry": (OPENING + [_ballot(1), (audit.SESSION_UPDATED, {"session": session_to_dict(
        make_session(present=25, present_at_vote=24, issued=2, returned=2, title="Khác"))})], 5,
        "không thể sửa thông tin hội nghị"),
    "attendance changed by a session update": (OPENING + [(audit.SESSION_UPDATED, {"session": session_to_dict(
        make_session(present=30, present_at_vote=24, issued=2, returned=2))})], 4, "bước Điểm danh"),
    "counts of an unknown paper": (OPENING + [(audit.COUNTS, {"key": "khac", "issued": 1, "returned": 1})], 4,
                                   "Không có loại phiếu “khac”"),
    "locked short": (OPENING + [_ballot(1), (audit.LOCKED, {"seal": "ab" * 32})], 5,
                     "đã nhập 1 phiếu, số phiếu thu về là 2"),
    "created without a head": ([_created(make_session(committee=(CommitteeMember("Lò Văn Sơn", "Thư ký"),)))], 1,
                               "đúng một Trưởng ban"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_replay_names_the_entry_and_the_rule(name):
    actions, seq, words = BROKEN[name]
    problems = replay(chain(*actions)).problems
    broken = [p for p in problems if "trái quy tắc" in p]
    assert len(broken) == 1, problems  # the first broken rule; what follows from it is not repeated
    assert problems[0] == broken[0] and problems[0].startswith(f"nhật ký, mục số {seq} ("), problems
    assert words in problems[0], problems


def test_a_file_by_the_rules_replays_clean_and_records_its_rule_set():
    fine = OPENING + [_ballot(1), _ballot(2), (audit.LOCKED, {"seal": "ab" * 32}), (audit.NOTE, {"what": "printed"})]
    state_ = replay(chain(*fine))
    assert state_.problems == [] and state_.rules == RULES_VERSION
    headless = make_session(committee=(CommitteeMember("Lò Văn Sơn", "Thư ký"),), present=None,
                            present_at_vote=None, issued=None, returned=None)
    old = replay(chain(_created(headless, rules=None), *fine[1:]))  # written before the head rule
    assert old.problems == [] and old.rules == FIRST_RULES

"""Voter groups (issue 24): each "thành phần ghi phiếu" has its own summoned / present / present at the vote and its
own 2/3 quorum; a session with no groups behaves exactly as before (same rules, same result, same seal)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from phieu_desktop.domain.audit import GROUP_ATTENDANCE, AuditEntry, replay
from phieu_desktop.domain.lock import lock_blockers
from phieu_desktop.domain.progress import Progress, attendance_done, entry_blocker
from phieu_desktop.domain.regime import Denominator
from phieu_desktop.domain.rules import counts_refusal, group_attendance_refusal
from phieu_desktop.domain.seal import seal_payload
from phieu_desktop.domain.session import (
    BallotPaper,
    VoterGroup,
    attendance_groups,
    groups_quorum_met,
    paper_group,
    quorum_met,
    session_from_dict,
    session_problems,
    session_to_dict,
)
from phieu_desktop.domain.tally import result_to_json, tally
from tests.conftest import make_session


def two_groups(leaders: VoterGroup | None = None, staff: VoterGroup | None = None, **changes):
    base = make_session(**{"summoned": 35, "present": 33, "present_at_vote": 32, "issued": None, "returned": None,
                           **changes})
    first = replace(base.papers[0], group="lanh-dao")
    second = BallotPaper("truong-phong", "Trưởng phòng", "Toàn thể công chức, viên chức", first.persons,
                         group="toan-the")
    return replace(base, papers=(first, second), groups=(
        leaders or VoterGroup("lanh-dao", "Tập thể lãnh đạo Sở, trưởng phòng", 12, 8, 8),
        staff or VoterGroup("toan-the", "Toàn thể công chức, viên chức", 35, 33, 32)))


def test_each_group_has_its_own_quorum_exactly_two_thirds_passes():
    met = two_groups()  # 8 of 12 is exactly 2/3
    assert groups_quorum_met(met) and not session_problems(met)
    short = two_groups(leaders=VoterGroup("lanh-dao", "Tập thể lãnh đạo Sở, trưởng phòng", 12, 7, 7))
    assert not groups_quorum_met(short)  # 7 of 12 is under 2/3, although the whole meeting (33/35) is over
    assert quorum_met(short.summoned, short.present)
    progress = Progress(short, {"lanh-dao": 0, "truong-phong": 0}, {})
    blocked = entry_blocker(short, short.papers[0], 0)
    assert blocked is not None and "Tập thể lãnh đạo Sở" in blocked and "2/3" in blocked
    assert not attendance_done(short)
    assert any("Tập thể lãnh đạo Sở" in b and "2/3" in b for b in lock_blockers(progress))


def test_issued_is_held_to_the_papers_own_group():
    session = two_groups()
    state = Progress(session, {"lanh-dao": 0, "truong-phong": 0}, {})
    refusal = counts_refusal(state, "lanh-dao", 9, 9)  # 9 issued, but only 8 of the leadership at the vote
    assert refusal is not None and "(8)" in refusal
    assert counts_refusal(state, "lanh-dao", 8, 8) is None
    assert counts_refusal(state, "truong-phong", 32, 32) is None  # the other group's 32 at the vote


def test_group_attendance_rules():
    session = two_groups(leaders=VoterGroup("lanh-dao", "Lãnh đạo", 12))
    state = Progress(session, {"lanh-dao": 0, "truong-phong": 0}, {})
    assert group_attendance_refusal(state, "lanh-dao", 8, 8) is None
    assert "lớn hơn" in group_attendance_refusal(state, "lanh-dao", 13, 8)
    assert "không-co" in group_attendance_refusal(state, "không-co", 8, 8)
    entered = Progress(two_groups(), {"lanh-dao": 3, "truong-phong": 0}, {})
    assert "2/3" in group_attendance_refusal(entered, "lanh-dao", 7, 7)  # never lowered below 2/3 once entered
    assert group_attendance_refusal(entered, "toan-the", 24, 24) is None  # that group has no ballot yet


def test_groups_must_hold_together():
    session = two_groups()
    assert any("không có trong danh sách" in p for p in session_problems(
        replace(session, papers=(replace(session.papers[0], group="khac"), session.papers[1]))))
    assert any("lớn hơn số người được triệu tập dự hội nghị" in p for p in session_problems(
        two_groups(leaders=VoterGroup("lanh-dao", "Lãnh đạo", 36))))
    lone = make_session()
    assert any("không chia thành phần" in p for p in session_problems(
        replace(lone, papers=(replace(lone.papers[0], group="lanh-dao"),))))


def test_the_denominator_of_those_summoned_is_the_groups():
    session = two_groups(denominator=Denominator.SUMMONED)
    session = session.with_counts("lanh-dao", 8, 8).with_counts("truong-phong", 32, 32)
    result = tally(session, {"lanh-dao": ["LLL"] * 8, "truong-phong": ["LLL"] * 20 + ["CCC"] * 12})
    assert [p.denominator for p in result.papers] == [12, 35]
    assert [p.persons[0].band.value for p in result.papers] == ["two_thirds", "over_half"]  # 8/12; 20/35
    data = result_to_json(result)
    assert [g["met"] for g in data["groups"]] == [True, True] and data["ballots"][1]["group"] == "toan-the"


def test_the_group_attendance_is_replayed_from_the_log():
    session = two_groups(leaders=VoterGroup("lanh-dao", "Lãnh đạo", 12))
    entries = [AuditEntry(1, "t", "created", {"session": session_to_dict(session)}, "", ""),
               AuditEntry(2, "t", GROUP_ATTENDANCE, {"group": "lanh-dao", "present": 8, "present_at_vote": 8}, "", "")]
    state = replay(entries)
    assert state.broken_rule is None and state.session.groups[0].present == 8
    bad = replay(entries[:1] + [AuditEntry(2, "t", GROUP_ATTENDANCE, {"group": "lanh-dao", "present": 13,
                                                                      "present_at_vote": 8}, "", "")])
    assert bad.broken_rule is not None and "mục số 2" in bad.broken_rule


def test_a_session_without_groups_is_sealed_and_stored_as_before():
    session = make_session()
    data = session_to_dict(session)
    assert data["groups"] == [] and data["ballots"][0]["group"] == ""
    assert session_from_dict(data) == session
    legacy = {k: v for k, v in data.items() if k != "groups"}  # a file written before groups
    legacy["ballots"] = [{k: v for k, v in p.items() if k != "group"} for p in data["ballots"]]
    assert session_from_dict(legacy) == session
    from phieu_desktop.domain.seal import SealHistory
    history = SealHistory(head="0" * 64, length=3, lock_seq=4, lock_at="t", lock_detail={})
    payload = seal_payload(session, {"lanh-dao": []}, 3, history)
    assert "groups" not in payload["session"] and "group" not in payload["session"]["ballots"][0]
    grouped = seal_payload(two_groups(), {"lanh-dao": [], "truong-phong": []}, 3, history)
    assert grouped["session"]["groups"][0]["key"] == "lanh-dao"
    assert session_from_dict(session_to_dict(two_groups())) == two_groups()


counts = st.integers(min_value=0, max_value=400)


@given(summoned=st.integers(min_value=1, max_value=400), present=counts, at_vote=counts,
       marks=st.lists(st.sampled_from("CTL0MX"), min_size=0, max_size=40))
def test_one_group_gives_todays_result(summoned, present, at_vote, marks):
    """A session whose only group holds the meeting's own figures counts, checks and blocks exactly as the session
    without groups."""
    present, at_vote = min(present, summoned), min(at_vote, present, summoned)
    plain = make_session(persons=1, summoned=summoned, present=present, present_at_vote=at_vote, issued=None,
                         returned=None, denominator=Denominator.SUMMONED)
    one = replace(plain, papers=(replace(plain.papers[0], group="ca-hoi-nghi"),),
                  groups=(VoterGroup("ca-hoi-nghi", "Toàn thể", summoned, present, at_vote),))
    assert groups_quorum_met(one) == groups_quorum_met(plain) == quorum_met(summoned, present)
    assert paper_group(one, one.papers[0]).summoned == attendance_groups(plain)[0].summoned
    assert entry_blocker(one, one.papers[0], 0) is None or entry_blocker(plain, plain.papers[0], 0) is not None
    assert (entry_blocker(one, one.papers[0], 0) is None) == (entry_blocker(plain, plain.papers[0], 0) is None)
    ballots = {"lanh-dao": list(marks)}
    a, b = tally(plain, ballots), tally(one, ballots)
    assert a.quorum_met == b.quorum_met and [p.persons for p in a.papers] == [p.persons for p in b.papers]


@given(summoned=st.integers(min_value=1, max_value=10_000), present=st.integers(min_value=0, max_value=10_000))
def test_the_groups_quorum_is_the_exact_integer_rule(summoned, present):
    present = min(present, summoned)
    group = VoterGroup("g", "G", summoned, present, present)
    session = replace(two_groups(), groups=(group, replace(group, key="toan-the")),
                      papers=tuple(replace(p, group=k) for p, k in zip(two_groups().papers, ("g", "toan-the"))))
    assert groups_quorum_met(session) == (3 * present >= 2 * summoned)

"""The plan's timeline: deadlines computed back from the meeting date by the calendar (month ends, 29 February),
per regime; an edited deadline moves with the meeting; status due/late/done with today injected."""

from __future__ import annotations

from datetime import date

import pytest

from phieu_desktop.domain import plan
from phieu_desktop.domain.plan import MilestoneRule, PlanFacts, Status, due_date, fold, note_detail, timeline

RULES = [MilestoneRule("dossiers_to_voters", -15, "Gửi hồ sơ", "240/KH-UBND"),
         MilestoneRule("questions_to_person", -10, "Câu hỏi", "240/KH-UBND"),
         MilestoneRule("explanations", -3, "Giải trình", "240/KH-UBND"),
         MilestoneRule("send_up", 7, "Gửi cấp trên", "166-KH/TU")]


@pytest.mark.parametrize("meeting, days, expected", [
    (date(2024, 3, 1), -1, date(2024, 2, 29)),  # leap year
    (date(2023, 3, 1), -1, date(2023, 2, 28)),
    (date(2024, 3, 10), -15, date(2024, 2, 24)),
    (date(2023, 3, 10), -15, date(2023, 2, 23)),
    (date(2024, 3, 31), -30, date(2024, 3, 1)),
    (date(2023, 3, 31), -30, date(2023, 3, 1)),
    (date(2024, 4, 14), -45, date(2024, 2, 29)),
    (date(2024, 1, 5), -10, date(2023, 12, 26)),  # across the year's end
    (date(2024, 12, 28), 7, date(2025, 1, 4)),
    (date(2024, 2, 25), 7, date(2024, 3, 3)),
    (date(2100, 3, 1), -1, date(2100, 2, 28)),  # 2100 is not a leap year
])
def test_due_dates_follow_the_calendar(meeting, days, expected):
    assert due_date(meeting, days) == expected


def test_status_with_today_injected():
    due = date(2024, 2, 29)
    assert plan.status_of(due, None, date(2024, 3, 1)) is Status.LATE
    assert plan.status_of(due, None, date(2024, 2, 29)) is Status.DUE
    assert plan.status_of(due, None, date(2024, 2, 26)) is Status.DUE
    assert plan.status_of(due, None, date(2024, 2, 25)) is Status.UPCOMING
    assert plan.status_of(due, date(2024, 2, 29), date(2024, 3, 9)) is Status.DONE
    assert plan.status_of(due, date(2024, 3, 1), date(2024, 3, 9)) is Status.DONE_LATE


def test_the_defaults_of_each_regime_come_from_forms_with_a_source():
    from phieu_desktop.documents.planning import rules

    for regime in ("qd96", "nq96", "nq96-bpt"):
        table = rules(regime)
        assert all(r.source and r.text for r in table)
        assert len({r.key for r in table}) == len(table)
        assert {"dossiers_to_voters", "questions_to_person", "explanations", "send_up"} <= {r.key for r in table}
    days = {r.key: r.days for r in rules("nq96")}
    assert (days["reports_requested"], days["reports_due"], days["front_summary"], days["dossiers_to_voters"]) == (
        -45, -30, -25, -20)  # NQ 96/2023/QH15
    days = {r.key: r.days for r in rules("qd96")}
    assert (days["dossiers_to_voters"], days["questions_to_person"], days["explanations"]) == (-15, -10, -3)


def test_nq96_timeline_before_a_meeting_in_march_of_a_leap_year():
    from phieu_desktop.documents.planning import rules

    milestones = timeline(date(2024, 3, 15), rules("nq96"), PlanFacts(), today=date(2024, 2, 1))
    due = {m.key: m.due for m in milestones}
    assert due["reports_requested"] == date(2024, 1, 30)
    assert due["reports_due"] == date(2024, 2, 14)
    assert due["front_summary"] == date(2024, 2, 19)
    assert due["dossiers_to_voters"] == date(2024, 2, 24)
    assert [m.due for m in milestones] == sorted(m.due for m in milestones)
    assert {m.key: m.status for m in milestones}["reports_requested"] is Status.LATE


def test_a_meeting_that_moves_takes_every_deadline_with_it_and_keeps_what_was_done():
    facts = fold([note_detail(plan.OFFSET, "questions_to_person", -12),
                  note_detail(plan.DONE, "dossiers_to_voters", "2024-02-14")])
    before = {m.key: m for m in timeline(date(2024, 2, 29), RULES, facts, today=date(2024, 2, 20))}
    after = {m.key: m for m in timeline(date(2024, 3, 7), RULES, facts, today=date(2024, 2, 20))}
    assert before["questions_to_person"].due == date(2024, 2, 17) and before["questions_to_person"].edited
    assert after["questions_to_person"].due == date(2024, 2, 24)  # still 12 days before
    assert before["dossiers_to_voters"].status is Status.DONE
    assert after["dossiers_to_voters"].done == date(2024, 2, 14)  # done before its new due date 21/02
    assert after["dossiers_to_voters"].status is Status.DONE
    assert before["questions_to_person"].status is Status.LATE
    assert after["questions_to_person"].status is Status.UPCOMING


def test_fold_last_note_wins_and_a_cleared_value_goes_back_to_the_default():
    facts = fold([note_detail(plan.OFFSET, "send_up", 5), note_detail(plan.OFFSET, "send_up", None),
                  note_detail(plan.DONE, "send_up", "2024-03-01"), note_detail(plan.DONE, "send_up", None),
                  {"kind": "done", "key": 3, "value": "x"}, {"kind": "nonsense", "key": "a"}])
    assert facts.offsets == {} and facts.done == {}
    facts = fold([], automatic={"send_up": date(2024, 3, 2)})
    assert facts.done["send_up"] == date(2024, 3, 2)
    facts = fold([note_detail(plan.DONE, "send_up", "2024-03-01")], automatic={"send_up": date(2024, 3, 2)})
    assert facts.done["send_up"] == date(2024, 3, 1)  # a date recorded by hand wins


def test_next_steps_put_late_ones_first():
    milestones = timeline(date(2024, 3, 1), RULES, PlanFacts(), today=date(2024, 2, 21))
    assert [m.key for m in plan.next_steps(milestones)] == ["dossiers_to_voters", "questions_to_person",
                                                            "explanations"]
    assert plan.next_steps(milestones)[0].status is Status.LATE


def test_dossier_gaps_ten_and_three_days_before():
    persons = [("p/1", "A"), ("p/2", "B")]
    meeting = date(2024, 3, 1)
    facts = fold([note_detail(plan.DOSSIER, "p/1/1", "2024-02-01"), note_detail(plan.DOSSIER, "p/1/2", "2024-02-01"),
                  note_detail(plan.QUESTION, "1", {"person": "p/2", "asker": "X", "received": "2024-02-10",
                                                   "sent": None})])
    assert plan.dossier_gaps(persons, facts, meeting, date(2024, 2, 14)) == []  # before the 15 days
    gaps = plan.dossier_gaps(persons, facts, meeting, date(2024, 2, 15))
    assert [(g.person, "thiếu tài liệu số 1, 2" in g.what) for g in gaps] == [("p/2", True)]
    gaps = plan.dossier_gaps(persons, facts, meeting, date(2024, 2, 20))  # ten days before: the question unsent
    assert any("chưa chuyển" in g.what for g in gaps)
    assert not any("giải trình" in g.what for g in gaps)
    gaps = plan.dossier_gaps(persons, facts, meeting, date(2024, 2, 27))  # three days before
    assert any("chưa nhận báo cáo giải trình" in g.what for g in gaps if g.person == "p/2")
    facts = fold([note_detail(plan.EXPLANATION, "p/2", "2024-02-26")], automatic=None)
    assert not plan.dossier_gaps([("p/2", "B")], facts, meeting, date(2024, 2, 27))[1:]


def test_scopes_default_per_regime():
    assert plan.scopes(PlanFacts(), "qd96") == ("voters", "authority", "person")
    assert plan.scopes(PlanFacts(), "nq96") == ("voters", "authority", "person", "media")
    assert plan.scopes(fold([note_detail(plan.SCOPES, "", ["media", "voters"])]), "qd96") == ("voters", "media")


def test_once_the_meeting_is_held_only_what_comes_after_is_proposed():
    rules = RULES + [MilestoneRule("meeting", 0, "Hội nghị", "240/KH-UBND")]
    facts = fold([note_detail(plan.DONE, "meeting", "2024-03-01")])
    milestones = timeline(date(2024, 3, 1), rules, facts, today=date(2024, 3, 4))
    assert [m.key for m in plan.next_steps(milestones)] == ["send_up"]
    assert {m.key: m.status for m in milestones}["explanations"] is Status.LATE  # still shown as missed


def test_an_offset_beyond_the_limit_in_a_crafted_log_is_not_taken():
    from phieu_desktop.domain.limits import MAX_PLAN_DAYS

    facts = fold([note_detail(plan.OFFSET, "send_up", 10 ** 12), note_detail(plan.OFFSET, "explanations",
                                                                              -MAX_PLAN_DAYS)])
    assert facts.offsets == {"explanations": -MAX_PLAN_DAYS}
    assert timeline(date(2024, 3, 1), RULES, facts, today=date(2024, 3, 1))  # no overflow

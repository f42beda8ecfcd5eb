"""Step progress, entry and verification preconditions, the lock checklist: plain data in, plain answers out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from phieu_desktop.domain.lock import lock_blockers, lock_review
from phieu_desktop.domain.progress import (
    Progress,
    Step,
    attendance_done,
    check_blocker,
    entry_blocker,
    resume_step,
    step_done,
)
from tests.conftest import make_session


def progress(session=None, entered=0, checked=0, blockers=(), locked=False) -> Progress:
    session = session or make_session()
    return Progress(session, {"lanh-dao": entered}, {"lanh-dao": checked}, tuple(blockers), locked)


def test_resume_step_walks_the_steps():
    bare = make_session(present=None, present_at_vote=None, issued=None, returned=None)
    assert resume_step(progress(bare)) is Step.ATTENDANCE
    assert resume_step(progress(make_session(present=19, summoned=30))) is Step.ATTENDANCE  # below quorum
    assert resume_step(progress(entered=10)) is Step.ENTRY
    assert resume_step(progress(entered=10, checked=10)) is Step.ENTRY  # second pass caught up with the first
    assert resume_step(progress(entered=10, checked=9)) is Step.VERIFICATION
    assert resume_step(progress(entered=24, checked=24, blockers=["khác nhau"])) is Step.VERIFICATION
    assert resume_step(progress(entered=24)) is Step.LOCK
    assert resume_step(progress(entered=24, locked=True)) is Step.LOCK


def test_step_done():
    done = progress(entered=24, checked=24)
    assert all(step_done(done, s) for s in (Step.PREPARE, Step.ATTENDANCE, Step.ENTRY, Step.VERIFICATION))
    assert not step_done(done, Step.LOCK) and step_done(replace(done, locked=True), Step.LOCK)
    assert not step_done(progress(entered=24), Step.VERIFICATION)  # never started: not done, and not needed
    assert not step_done(progress(entered=23), Step.ENTRY)
    assert not attendance_done(make_session(present_at_vote=None))
    assert not attendance_done(make_session(issued=None, returned=None))


@pytest.mark.parametrize("changes, entered, adding, says", [
    ({"present": None, "present_at_vote": None}, 0, 1, "Chưa ghi số người có mặt"),
    ({"summoned": 30, "present": 19, "present_at_vote": 19, "issued": 19, "returned": 19}, 0, 1, "còn thiếu 1 người"),
    ({"issued": None, "returned": None}, 0, 1, "Chưa ghi số phiếu phát ra và thu về"),
    ({}, 24, 1, "Đã nhập đủ 24/24"),
    ({}, 20, 5, "thêm 5 phiếu sẽ vượt số phiếu thu về (24)"),
])
def test_entry_blocker(changes, entered, adding, says):
    session = make_session(**changes)
    assert says in entry_blocker(session, session.papers[0], entered, adding)


def test_entry_open_up_to_returned_and_closed_when_locked():
    session = make_session()
    assert entry_blocker(session, session.papers[0], 0) is None
    assert entry_blocker(session, session.papers[0], 20, 4) is None
    assert "đã khóa" in entry_blocker(session, session.papers[0], 0, locked=True)


def test_check_blocker():
    paper = make_session().papers[0]
    assert "Chưa có phiếu nào" in check_blocker(paper, 0, 0)
    assert check_blocker(paper, 5, 4) is None
    assert "đủ 5/5" in check_blocker(paper, 5, 5)
    assert "chỉ còn 1 phiếu" in check_blocker(paper, 5, 4, adding=2)
    assert "đã khóa" in check_blocker(paper, 5, 0, locked=True)


def test_lock_review_items_and_their_reasons():
    ready = progress(entered=24)
    items = lock_review(ready)
    assert [i.ok for i in items] == [True, True, True, True, None, True]
    assert lock_blockers(ready) == []
    short = progress(entered=23)
    entry = lock_review(short)[3]
    assert entry.ok is False and "Lãnh đạo Sở 23/24" in entry.text
    assert any("đã nhập 23 phiếu" in b for b in lock_blockers(short))
    below = progress(make_session(summoned=40, present=25, present_at_vote=24))
    assert lock_review(below)[0].ok is False and "(25/40)" in lock_review(below)[0].text
    assert any("còn thiếu 2 người" in b for b in lock_blockers(below))
    ruling = progress(entered=24, checked=24, blockers=["x"])
    assert lock_review(ruling)[4].ok is False and lock_blockers(ruling) == ["x"]
    nobody = progress(make_session(committee=()), entered=24)
    assert lock_review(nobody)[5].ok is False
    assert "Chưa có thành viên Ban kiểm phiếu." in lock_blockers(nobody)


def test_step_labels_are_vietnamese():
    assert [s.label for s in Step] == ["Chuẩn bị", "Điểm danh", "Nhập phiếu", "Kiểm tra lại", "Khóa kết quả"]


def test_papers_still_waiting():
    from phieu_desktop.domain.progress import papers_to_check, papers_to_enter

    assert [p.key for p in papers_to_enter(progress(entered=23))] == ["lanh-dao"]
    assert papers_to_enter(progress(entered=24)) == []
    assert [p.key for p in papers_to_enter(progress(make_session(issued=None, returned=None)))] == ["lanh-dao"]
    assert [p.key for p in papers_to_check(progress(entered=24, checked=23))] == ["lanh-dao"]
    assert papers_to_check(progress(entered=24, checked=24)) == []

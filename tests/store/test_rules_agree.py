"""The store and the replay apply the same rules: whatever a sequence of actions leaves, the file verifies (no rule
the store let through is refused on replay), and `lock()` refuses exactly when the lock review has an open item."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.session import CommitteeMember
from phieu_desktop.store import SessionFile
from tests.conftest import make_session

_small = st.integers(0, 12)
ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("attendance"), _small, _small),
    st.tuples(st.just("counts"), _small, _small),
    st.tuples(st.just("add"), st.integers(1, 4), st.just(0)),
    st.tuples(st.just("remove"), st.integers(1, 6), st.just(0)),
    st.tuples(st.just("check"), st.integers(1, 3), st.just(0)),
    st.tuples(st.just("update"), st.booleans(), st.just(0)),
    st.tuples(st.just("fill"), st.just(0), st.just(0)),
    st.tuples(st.just("lock"), st.just(0), st.just(0)),
), max_size=14)


def _apply(file: SessionFile, action: tuple[str, int, int]) -> None:
    kind, a, b = action
    if kind == "attendance":
        file.record_attendance(a, b)
    elif kind == "counts":
        file.record_counts("lanh-dao", a, b)
    elif kind == "add":
        file.add_ballots("lanh-dao", ["CTL"] * a)
    elif kind == "fill":  # every ballot still missing
        missing = (file.session.papers[0].returned or 0) - file.entered("lanh-dao")
        file.add_ballots("lanh-dao", ["CCT"] * max(0, missing))
    elif kind == "remove":
        file.remove_ballot("lanh-dao", a, "Phiếu trùng")
    elif kind == "check":
        file.add_checks("lanh-dao", ["CTL"] * a)
    elif kind == "update":
        committee = (CommitteeMember("Lò Văn Sơn", "Ủy viên"),) if a else (CommitteeMember("Lò Văn Sơn", "Trưởng ban"),)
        file.update_session(make_session(summoned=12, committee=committee, present=None, present_at_vote=None,
                                         issued=None, returned=None))
    else:
        open_items = [item for item in file.lock_review() if item.open]
        try:
            file.lock()
        except PhieuError as err:
            assert open_items or file.locked, err
            if not file.locked:
                assert open_items[0].problems[0] in str(err)
        else:
            assert not open_items
            LOCKED.append(1)


LOCKED: list[int] = []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), _small, ACTIONS)
@example(True, 3, [("add", 3, 0), ("check", 3, 0), ("lock", 0, 0)])  # one that locks, whatever the random draw
def test_every_file_the_store_writes_passes_the_strict_replay(prepared, returned, actions):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "phien.phieu"
        session = make_session(summoned=12, present=None, present_at_vote=None, issued=None, returned=None)
        with SessionFile.create(path, session) as file:
            if prepared:  # attendance and counts by the rules first, so that the lock is often within reach
                actions = [("attendance", 10, 10), ("counts", returned, returned)] + actions
            for action in actions:
                try:
                    _apply(file, action)
                except PhieuError:
                    pass  # refused by a rule: nothing written
            assert file.verify().problems == []
        with SessionFile.open(path) as again:
            assert again.opening_report.ok


def test_some_sequences_reach_the_lock():
    LOCKED.clear()
    test_every_file_the_store_writes_passes_the_strict_replay()
    assert LOCKED

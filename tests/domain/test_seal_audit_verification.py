"""The seal, the audit chain and its replay, and the verification pass: tested directly, without a file."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phieu_desktop.domain import audit
from phieu_desktop.domain.audit import GENESIS, AuditEntry, chain_problems, entry_hash, replay
from phieu_desktop.domain.seal import (
    FINGERPRINT_GROUPS,
    canonical_bytes,
    fingerprint,
    fingerprint_group_matches,
    paper_matches,
    pick_group,
    seal_digest,
)
from phieu_desktop.domain.session import session_to_dict
from phieu_desktop.domain.verification import (
    differences,
    differing_numbers,
    next_unchecked,
    unchecked,
    verification_blockers,
)
from tests.conftest import make_session

BALLOTS = {"lanh-dao": [(1, "CTL"), (2, "-"), (3, "TT0")]}


# --- seal ---

def test_seal_depends_on_every_ballot_and_the_session_not_on_order():
    session = make_session()
    digest = seal_digest(session, BALLOTS)
    assert len(digest) == 64 and digest == seal_digest(session, {"lanh-dao": list(reversed(BALLOTS["lanh-dao"]))})
    assert digest != seal_digest(session, {"lanh-dao": [(1, "CTL"), (2, "-"), (3, "TT1")]})
    assert digest != seal_digest(session, {"lanh-dao": BALLOTS["lanh-dao"][:2]})
    assert digest != seal_digest(replace(session, present=26), BALLOTS)
    assert digest != seal_digest(replace(session, title=session.title + " "), BALLOTS)


def test_fingerprint_is_the_first_96_bits_in_groups():
    digest = "2b0c03d8a27c3b61d1eda472" + "f" * 40
    assert fingerprint(digest) == "2B0C-03D8-A27C-3B61-D1ED-A472"
    assert len(fingerprint(digest).split("-")) == FINGERPRINT_GROUPS


def test_canonical_bytes_sorted_and_compact():
    assert canonical_bytes({"b": 1, "a": "Ơ"}) == '{"a":"Ơ","b":1}'.encode()


def test_typed_from_paper():
    fp = "2B0C-03D8-A27C-3B61-D1ED-A472"
    assert fingerprint_group_matches(fp, "a27c", 3) and not fingerprint_group_matches(fp, "A27C", 2)
    assert fingerprint_group_matches(fp, " d1ed ") and not fingerprint_group_matches(fp, "D1E")
    assert paper_matches(fp, "2b0c 03d8 a27c 3b61 d1ed a472") and not paper_matches(fp, "2B0C-03D8-A27C-3B61-D1ED-A473")
    assert paper_matches(fp, "3B61", 4) and not paper_matches(fp, "3B61", 5)
    assert {pick_group(fp) for _ in range(300)} == set(range(1, FINGERPRINT_GROUPS + 1))


# --- audit chain and replay ---

def chain(*actions: tuple[str, dict]) -> list[AuditEntry]:
    entries, prev = [], GENESIS
    for seq, (action, detail) in enumerate(actions, start=1):
        at = f"2023-09-12T08:{seq:02d}:00"
        digest = entry_hash(prev, seq, at, action, detail)
        entries.append(AuditEntry(seq, at, action, detail, prev, digest))
        prev = digest
    return entries


def history() -> list[AuditEntry]:
    session = make_session(present=None, present_at_vote=None, issued=None, returned=None)
    return chain(
        (audit.CREATED, {"session": session_to_dict(session)}),
        (audit.ATTENDANCE, {"present": 25, "present_at_vote": 24}),
        (audit.COUNTS, {"key": "lanh-dao", "issued": 24, "returned": 24}),
        (audit.BALLOT_ADDED, {"key": "lanh-dao", "number": 1, "marks": "CTL"}),
        (audit.BALLOT_ADDED, {"key": "lanh-dao", "number": 2, "marks": "CCC"}),
        (audit.BALLOT_CORRECTED, {"key": "lanh-dao", "number": 2, "old": "CCC", "marks": "CCT", "reason": "đọc lại"}),
        (audit.CHECK_ADDED, {"key": "lanh-dao", "number": 1, "marks": "CTT"}),
        (audit.CHECK_RULED, {"key": "lanh-dao", "number": 1, "first": "CTL", "second": "CTT", "choice": "second",
                             "marks": "CTT", "reason": "phiếu giấy"}),
        (audit.BALLOT_REMOVED, {"key": "lanh-dao", "number": 2, "old": "CCT", "reason": "trùng"}),
        (audit.COUNTS, {"key": "lanh-dao", "issued": 24, "returned": 1}),  # the stack recounted: one ballot
        (audit.LOCKED, {"seal": "ab" * 32, "fingerprint": "ABAB-ABAB-ABAB-ABAB-ABAB-ABAB"}),
        (audit.NOTE, {"what": "printed"}),
    )


def test_replay_rebuilds_the_state():
    entries = history()
    assert chain_problems(entries) == []
    state = replay(entries)
    assert state.problems == []
    assert state.session.present == 25 and state.session.papers[0].returned == 1
    assert state.ballots == {"lanh-dao": {1: "CTT"}} and state.checks == {"lanh-dao": {1: "CTT"}}
    assert state.seal == "ab" * 32


@pytest.mark.parametrize("index", range(12))
def test_any_edited_entry_breaks_the_chain(index):
    entries = history()
    entries[index] = replace(entries[index], at=entries[index].at + "Z")
    assert any(f"mục số {index + 1}" in p for p in chain_problems(entries))


def test_a_missing_or_reordered_entry_breaks_the_chain():
    entries = history()
    assert "thiếu hoặc chèn" in chain_problems(entries[:4] + entries[5:])[0]
    assert chain_problems([entries[1], entries[0]] + entries[2:])


def test_replay_names_inconsistencies():
    created = history()[0]
    after_lock = replay(chain(*[(e.action, e.detail) for e in history()],
                              (audit.BALLOT_ADDED, {"key": "lanh-dao", "number": 9, "marks": "CCC"})))
    assert any("sau khi đã niêm phong" in p for p in after_lock.problems)
    twice = replay(chain((created.action, created.detail),
                         (audit.BALLOT_ADDED, {"key": "lanh-dao", "number": 1, "marks": "CCC"}),
                         (audit.BALLOT_ADDED, {"key": "lanh-dao", "number": 1, "marks": "CCC"})))
    assert any("phiếu số 1 không khớp" in p for p in twice.problems)
    headless = replay(chain((audit.ATTENDANCE, {"present": 1, "present_at_vote": 1})))
    assert any("không có mục khởi tạo" in p for p in headless.problems)
    unknown = replay(chain((created.action, created.detail), ("lạ", {})))
    assert any("không rõ" in p for p in unknown.problems)
    stray_check = replay(chain((created.action, created.detail),
                               (audit.CHECK_ADDED, {"key": "lanh-dao", "number": 4, "marks": "CCC"})))
    assert any("kiểm tra lại số 4" in p for p in stray_check.problems)


# --- verification pass ---

def test_differences_side_by_side():
    first = {1: "CTL", 2: "CCC", 3: "-", 4: "TTT"}
    second = {1: "CTL", 2: "CTC", 3: "CCC"}
    assert differing_numbers(first, second) == [2, 3]
    found = differences(first, second)
    assert [(d.number, d.persons) for d in found] == [(2, (1,)), (3, (0, 1, 2))]
    assert unchecked(first, second) == [4] and next_unchecked(first, second) == 4
    assert next_unchecked(first, {**second, 4: "TTT"}) is None


def test_verification_blockers_only_once_started():
    session = make_session()
    first = {"lanh-dao": {1: "CTL", 2: "CCC"}}
    assert verification_blockers(session, first, {}) == []
    half = verification_blockers(session, first, {"lanh-dao": {1: "CTL"}})
    assert half == ["Phiếu “Lãnh đạo Sở”: kiểm tra lại mới nhập 1/2 phiếu."]
    differing = verification_blockers(session, first, {"lanh-dao": {1: "CTL", 2: "CCT"}})
    assert len(differing) == 1 and "(số 2)" in differing[0]
    assert verification_blockers(session, first, {"lanh-dao": {1: "CTL", 2: "CCC"}}) == []


@given(st.dictionaries(st.integers(1, 50), st.sampled_from(["CTL", "CCC", "TTT", "-"]), max_size=20),
       st.data())
def test_differences_are_exactly_the_numbers_entered_differently(first, data):
    second = {n: data.draw(st.sampled_from(["CTL", "CCC", "TTT", "-"])) for n in first
              if data.draw(st.booleans())}
    found = differences(first, second)
    assert [d.number for d in found] == sorted(n for n in second if second[n] != first[n])
    assert sorted(unchecked(first, second) + list(second)) == sorted(first)

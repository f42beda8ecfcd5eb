"""Supervisors (thành phần giám sát) and the third exemption (serious illness, NQ 96/2023/QH15): read from SPEC.toml,
warned about, and under seal version 3 only when they differ from their defaults (every earlier fingerprint holds)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from phieu_desktop.domain.prepare import PrepareFlow
from phieu_desktop.domain.seal import SealHistory, seal_digest, seal_payload
from phieu_desktop.domain.session import (
    Person,
    Supervisor,
    exemption_reasons,
    session_from_dict,
    session_to_dict,
    session_warnings,
    size_problems,
)
from phieu_desktop.domain.spec import SpecError, parse_spec
from tests.conftest import make_session

SPEC = (Path(__file__).parents[1] / "data" / "contract-spec.toml").read_text(encoding="utf-8")
HISTORY = SealHistory(head="0" * 64, length=3, lock_seq=4, lock_at="2023-09-12T10:00:00+07:00",
                      lock_detail={"log_length": 4, "seal_version": 3})


def test_spec_reads_supervisors_and_the_third_exemption():
    text = SPEC.replace('[[ballots]]', '[[supervisors]]\nname = "Hoàng Văn Giám"\nposition = "Phó Chủ nhiệm"\n'
                        'body = "Ủy ban Kiểm tra Tỉnh ủy"\n\n[[ballots]]', 1)
    text = text.replace('position = "Phó Giám đốc Ban"', 'position = "Phó Giám đốc Ban"\nserious_illness = true', 1)
    session = parse_spec(text)
    assert session.supervisors == (Supervisor("Hoàng Văn Giám", "Phó Chủ nhiệm", "Ủy ban Kiểm tra Tỉnh ủy"),)
    ill = [p for p in session.papers[0].persons if p.serious_illness]
    assert [p.name for p in ill] == ["Cao Thị Lệ"]
    assert any("ốm đau" in w for w in session_warnings(session))
    assert parse_spec(SPEC).supervisors == ()
    with pytest.raises(SpecError, match="supervisors"):
        parse_spec(text.replace('body = "Ủy ban', 'organ = "Ủy ban'))


def test_the_three_reasons_are_warned_about_in_the_window_and_printed():
    person = Person("Cao Thị Lệ", "Phó Giám đốc", serious_illness=True)
    assert PrepareFlow.person_warnings(person) and "6 tháng" in PrepareFlow.person_warnings(person)[0]
    assert exemption_reasons(Person("A", "B", True, True, True)) == [
        "đã có thông báo nghỉ hưu", "được bổ nhiệm, bầu trong năm", "nghỉ ốm đau từ 6 tháng liên tục trở lên"]
    assert exemption_reasons(Person("A", "B")) == []


def test_round_trip_and_defaults_for_files_written_before():
    session = make_session()
    data = session_to_dict(session)
    assert data["supervisors"] == [] and data["ballots"][0]["persons"][0]["serious_illness"] is False
    old = {k: v for k, v in data.items() if k != "supervisors"}
    old["ballots"] = [{**p, "persons": [{k: v for k, v in x.items() if k != "serious_illness"} for x in p["persons"]]}
                      for p in data["ballots"]]
    assert session_from_dict(old) == session
    grown = replace(session, supervisors=(Supervisor("Hoàng Văn Giám", "Phó Chủ nhiệm", "Sở Nội vụ"),))
    assert session_from_dict(session_to_dict(grown)) == grown


def test_seal_version_3_covers_them_only_when_set():
    session = make_session()
    ballots = {"lanh-dao": [(1, "CTL")]}
    payload = seal_payload(session, ballots, 3, HISTORY)
    assert "supervisors" not in payload["session"]
    assert all("serious_illness" not in x for x in payload["session"]["ballots"][0]["persons"])
    base = seal_digest(session, ballots, 3, HISTORY)
    supervised = replace(session, supervisors=(Supervisor("Hoàng Văn Giám", "Phó Chủ nhiệm", "Sở Nội vụ"),))
    assert seal_payload(supervised, ballots, 3, HISTORY)["session"]["supervisors"][0]["body"] == "Sở Nội vụ"
    assert seal_digest(supervised, ballots, 3, HISTORY) != base
    paper = session.papers[0]
    ill = replace(session, papers=(replace(paper, persons=(replace(paper.persons[0], serious_illness=True),)
                                           + paper.persons[1:]),))
    assert seal_digest(ill, ballots, 3, HISTORY) != base
    # versions 1 and 2 are frozen: they never see the new keys
    for version in (1, 2):
        assert seal_digest(supervised, ballots, version, HISTORY) == seal_digest(session, ballots, version, HISTORY)


def test_supervisor_texts_are_checked_like_the_committee():
    session = replace(make_session(), supervisors=(Supervisor("x" * 200, "", ""),))
    assert any("giám sát" in p for p in size_problems(session))

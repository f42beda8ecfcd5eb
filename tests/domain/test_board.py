"""The board's rules without storage: the unit code in the session and its seal, skeletons, two places, states."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

import pytest

from phieu_desktop.domain.board import (
    Deadline,
    Place,
    Receipt,
    RosterUnit,
    UnitState,
    look_alikes,
    roster_problems,
    skeleton,
    two_places,
    unit_identity,
    unit_state,
)
from phieu_desktop.domain.seal import SealHistory, seal_digest, seal_payload
from phieu_desktop.domain.session import session_from_dict, session_problems, session_to_dict
from phieu_desktop.domain.spec import SpecError, parse_spec
from tests.conftest import make_session
from tests.domain.test_spec import MINIMAL


def test_the_unit_code_is_a_key_added_later_sealed_only_when_given():
    plain = make_session()
    coded = replace(plain, unit_code="TQ.SYT")
    assert session_from_dict(session_to_dict(coded)).unit_code == "TQ.SYT"
    old = session_to_dict(plain)
    del old["unit_code"]  # a file written before the unit code
    assert session_from_dict(old) == plain
    history = SealHistory("0" * 64, 3, 4, "2026-12-06T10:00:00+07:00", {"log_length": 3, "seal_version": 3})
    assert seal_digest(plain, {}, 3, history) != seal_digest(coded, {}, 3, history)
    assert seal_digest(plain, {}, 2, history) == seal_digest(coded, {}, 2, history)  # version 2 never changes
    assert "unit_code" not in seal_payload(plain, {}, 3, history)["session"]  # at its default: left out


def test_the_unit_code_in_spec_toml_and_its_shape():
    assert parse_spec(MINIMAL.replace('summoned = 10', 'summoned = 10\nunit_code = "TQ-XMX/01"')).unit_code \
        == "TQ-XMX/01"
    with pytest.raises(SpecError, match="Mã đơn vị"):
        parse_spec(MINIMAL.replace('summoned = 10', 'summoned = 10\nunit_code = "Sở Y tế"'))
    assert session_problems(replace(make_session(), unit_code="A" * 41))


def test_skeletons_catch_cyrillic_greek_and_nfd_look_alikes_and_nothing_else():
    genuine = "Sở Y tế"
    assert skeleton("Sở \u0423 tế") == skeleton(genuine)  # Cyrillic У
    assert skeleton("Sở \u03a5 tế") == skeleton(genuine)  # Greek Υ
    assert skeleton(unicodedata.normalize("NFD", genuine)) == skeleton(genuine)
    assert skeleton("Sở \u0423 tế") != skeleton("Sở Y tê")  # a different tone is a different name
    assert skeleton("Phòng Nội vụ") != skeleton("Phòng Nội vũ")
    assert skeleton("Đảng ủy") == skeleton("\u00d0ảng ủy")  # Icelandic Ð for Đ
    pairs = look_alikes([genuine, "Sở \u0423 tế", unicodedata.normalize("NFD", genuine), "Sở Tài chính"])
    assert sorted(p.kind for p in pairs) == ["nfc", "skeleton", "skeleton"]


def test_the_identity_is_the_code_with_the_parent():
    assert unit_identity("pnv", "UBND xã Minh Xuân") == unit_identity(" PNV ", "UBND xã  Minh Xuân")
    assert unit_identity("PNV", "UBND xã Minh Xuân") != unit_identity("PNV", "UBND xã Hùng An")
    units = [RosterUnit("PNV", "Phòng Nội vụ", "UBND xã Minh Xuân"), RosterUnit("PNV", "Phòng Nội vụ", "UBND xã B"),
             RosterUnit("pnv", "Phòng Nội vụ (2)", "UBND xã B"), RosterUnit("SYT", "Sở \u0423 tế", "UBND tỉnh"),
             RosterUnit("SYT2", "Sở Y tế", "UBND tỉnh")]
    problems = roster_problems(units)
    assert len(problems) == 2 and "hai lần" in problems[0] and "trông giống" in problems[1]


def test_two_places_never_namesakes_of_one_unit():
    a, b, c = ("A", "P"), ("B", "P"), ("C", "P")
    places = [Place(a, "x", "Lê Văn Tám", "Giám đốc"), Place(a, "y", "Lê Văn Tám", "Trưởng phòng"),
              Place(b, "x", "Trần Thị Lan", "Phó Chủ tịch"), Place(c, "x", "Trần Thị Lan", "Phó Chủ tịch"),
              Place(a, "x", "Trần Thị Lan", "Phó Chủ tịch")]
    groups = two_places(places)
    assert groups == [([2, 3, 4], True)]  # one name, one position, three units
    assert two_places(places[:2]) == []  # the same name on two papers of one unit


def test_states():
    deadline = Deadline(date(2026, 12, 13))
    today, late = date(2026, 12, 13), date(2026, 12, 14)
    assert unit_state(None, deadline, today)[0] is UnitState.NOT_RECEIVED
    assert unit_state(None, deadline, late)[0] is UnitState.OVERDUE
    assert unit_state(Receipt("s", False, "hỏng"), deadline, today) == (UnitState.REFUSED, "hỏng")
    assert unit_state(Receipt("s", True), deadline, late)[0] is UnitState.WAITING
    assert unit_state(Receipt("s", True, checked=True), deadline, today)[0] is UnitState.CHECKED
    assert unit_state(Receipt("s", True, signed=True), deadline, today)[0] is UnitState.SIGNED
    assert unit_state(Receipt("s", True, check_failed="không khớp"), deadline, today)[0] is UnitState.REFUSED
    assert unit_state(Receipt("s", True, conflict=True), deadline, today)[0] is UnitState.WAITING
    assert Deadline(date(2026, 12, 1), after_meeting=True).text().startswith("ngay sau khi kết thúc hội nghị")

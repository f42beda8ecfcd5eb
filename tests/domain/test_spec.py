"""SPEC.toml: every field checked; every error names its field, in Vietnamese."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from phieu_desktop.domain.regime import CrossedOutRuling, Denominator, Header, Regime
from phieu_desktop.domain.spec import SpecError, parse_spec

CONTRACT = (Path(__file__).parents[1] / "data" / "contract-spec.toml").read_text(encoding="utf-8")

MINIMAL = """
regime = "nq96"
crossed_out = "row"
header = "party"
organization = "Đảng ủy Khối"
parent = "TỈNH ỦY HÀ GIANG"
title = "Hội nghị"
place = "Hà Giang"
date = 2023-09-12
summoned = 10
[[ballots]]
key = "bch"
title = "Ban Chấp hành"
[[ballots.persons]]
name = "Nguyễn Văn An"
position = "Bí thư"
"""


def test_the_contract_example_parses():
    session = parse_spec(CONTRACT)
    assert session.regime is Regime.QD96 and session.header is Header.STATE
    assert session.denominator is Denominator.RETURNED and session.crossed_out is CrossedOutRuling.ROW
    assert session.date == date(2023, 10, 5)
    assert (session.summoned, session.present, session.present_at_vote) == (20, 18, 18)
    assert [m.role for m in session.committee] == ["Trưởng ban", "Ủy viên"]
    paper = session.papers[0]
    assert (paper.key, paper.issued, paper.returned) == ("lanh-dao", 18, 18)
    assert [p.name for p in paper.persons] == ["Hà Minh Đức", "Cao Thị Lệ"]


def test_optional_fields_default():
    session = parse_spec(MINIMAL)
    assert session.present is None and session.papers[0].issued is None
    assert session.denominator is Denominator.RETURNED
    assert session.papers[0].voters == ""


def test_decomposed_text_is_composed_on_the_way_in():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert decomposed != "Nguyễn Thị Hường"
    session = parse_spec(MINIMAL.replace("Nguyễn Văn An", "  " + decomposed + "  "))
    assert session.papers[0].persons[0].name == "Nguyễn Thị Hường"


@pytest.mark.parametrize("change, field", [
    (('regime = "nq96"', 'regime = "qd97"'), "regime"),
    (('regime = "nq96"\n', ''), "regime"),
    (('header = "party"', 'header = "ministry"'), "header"),
    (('organization = "Đảng ủy Khối"', 'organization = ""'), "organization"),
    (('organization = "Đảng ủy Khối"', 'organization = 5'), "organization"),
    (('title = "Hội nghị"\n', ''), "title"),
    (('date = 2023-09-12', 'date = "12/9/2023"'), "date"),
    (('date = 2023-09-12', 'date = 2023-09-12T08:00:00'), "date"),
    (('summoned = 10', 'summoned = "mười"'), "summoned"),
    (('summoned = 10', 'summoned = -3'), "summoned"),
    (('summoned = 10', 'summoned = 10\nsumoned = 3'), "sumoned"),
    (('key = "bch"', 'key = "BCH Đảng"'), "BCH Đảng"),
    (('name = "Nguyễn Văn An"', 'name = ""'), "ballots[1].persons[1].name"),
    (('position = "Bí thư"', 'position = "Bí thư"\nretiring = "có"'), "ballots[1].persons[1].retiring"),
    (('title = "Ban Chấp hành"', 'title = "Ban Chấp hành"\nissued = 12'), "12"),
    (('title = "Ban Chấp hành"', 'title = "Ban Chấp hành"\nissued = 5\nreturned = 6'), "6"),
])
def test_each_bad_field_is_named(change, field):
    with pytest.raises(SpecError) as err:
        parse_spec(MINIMAL.replace(*change, 1))
    assert field in str(err.value)
    assert "\n" not in str(err.value)


def test_attendance_above_summoned_is_refused():
    with pytest.raises(SpecError, match="lớn hơn số người được triệu tập"):
        parse_spec(MINIMAL + "\n[attendance]\npresent = 11\npresent_at_vote = 10\n")


def test_duplicate_person_and_key_are_refused():
    doubled = MINIMAL + '[[ballots.persons]]\nname = "Nguyễn Văn An"\nposition = "Bí thư"\n'
    with pytest.raises(SpecError, match="hai lần"):
        parse_spec(doubled)
    with pytest.raises(SpecError, match="bị trùng"):
        parse_spec(MINIMAL + '[[ballots]]\nkey = "bch"\ntitle = "Khác"\n[[ballots.persons]]\nname = "A"\n')


def test_not_toml_at_all():
    with pytest.raises(SpecError, match="TOML"):
        parse_spec("regime = \n")


def test_the_crossed_out_ruling_is_required():
    """Issue 24, item 3: a new session states the committee's ruling on a crossed-out printed name."""
    with pytest.raises(SpecError, match="crossed_out"):
        parse_spec(MINIMAL.replace('crossed_out = "row"\n', ""))
    assert parse_spec(MINIMAL.replace('"row"', '"ballot"')).crossed_out is CrossedOutRuling.BALLOT

"""The count: validity per person, percentages half-up, bands at the exact integer boundaries."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phieu_desktop.domain.regime import CrossedOutRuling, Denominator, Regime
from phieu_desktop.domain.tally import Band, band_for, format_percent, outcome, result_to_json, tally
from tests.conftest import make_session


@pytest.mark.parametrize("count, denominator, expected", [
    (20, 30, "66,67"), (10, 30, "33,33"), (1, 8, "12,50"), (1, 800, "0,13"), (1, 1600, "0,06"),
    (25, 47, "53,19"), (448, 481, "93,14"), (0, 18, "0,00"), (18, 18, "100,00"), (1, 3, "33,33"),
    (5, 8000, "0,06"),  # 0.0625 -> half-up 0,06 (the third decimal is 2)
    (1, 400, "0,25"), (3, 800, "0,38"),  # 0.375 -> 0,38: half-up, not banker's rounding
])
def test_percentages_are_two_decimals_half_up_with_a_comma(count, denominator, expected):
    assert format_percent(count, denominator) == expected


def test_no_denominator_gives_no_percentage():
    assert format_percent(3, 0) is None
    assert format_percent(3, None) is None


@settings(max_examples=300)
@given(st.integers(min_value=1, max_value=5000), st.data())
def test_percentage_matches_exact_fraction_rounding(denominator, data):
    count = data.draw(st.integers(min_value=0, max_value=denominator))
    exact = Fraction(count * 100, denominator)
    hundredths = int(exact * 100 + Fraction(1, 2))  # floor(x + 1/2) is half-up for non-negative x
    assert format_percent(count, denominator) == f"{hundredths // 100},{hundredths % 100:02d}"


@pytest.mark.parametrize("low, d, band", [
    (15, 30, Band.NONE),  # exactly half is not over half
    (16, 30, Band.OVER_HALF),
    (19, 30, Band.OVER_HALF),
    (20, 30, Band.TWO_THIRDS),  # 20 of 30 is two thirds (shown 66,67%)
    (25, 47, Band.OVER_HALF),  # the HĐND case of 2023
    (31, 47, Band.OVER_HALF),  # 31*3 = 93 < 94: 65,96% is under two thirds
    (32, 47, Band.TWO_THIRDS),
    (0, 0, Band.NONE),
])
def test_bands_at_the_boundaries(low, d, band):
    assert band_for(low, d, Regime.QD96) is band


def test_no_confidence_vote_has_two_levels_and_one_band():
    assert band_for(16, 30, Regime.NQ96_BPT) is Band.OVER_HALF
    assert band_for(30, 30, Regime.NQ96_BPT) is Band.OVER_HALF  # no 2/3 band in the two-level vote
    assert band_for(15, 30, Regime.NQ96_BPT) is Band.NONE


@given(st.integers(min_value=1, max_value=3000), st.data())
def test_bands_agree_with_exact_fractions(d, data):
    low = data.draw(st.integers(min_value=0, max_value=d))
    share = Fraction(low, d)
    expected = Band.TWO_THIRDS if share >= Fraction(2, 3) else Band.OVER_HALF if share > Fraction(1, 2) else Band.NONE
    assert band_for(low, d, Regime.NQ96) is expected


def test_hdnd_2023_case_invalid_row_stays_in_the_denominator():
    session = make_session(persons=1, summoned=50, present=48, present_at_vote=47, issued=47, returned=47)
    ballots = ["C"] * 19 + ["T"] * 2 + ["L"] * 25 + ["M"]
    person = tally(session, {"lanh-dao": ballots}).papers[0].persons[0]
    assert (person.counts, person.valid, person.invalid) == ({"high": 19, "confidence": 2, "low": 25}, 46, 1)
    assert person.percent("low") == "53,19"
    assert person.fraction("low") == Fraction(25, 47)
    assert person.share("low") == "25/47"
    unreduced = replace(person, counts={**person.counts, "low": 22}, denominator=32)
    assert unreduced.share("low") == "22/32" and replace(person, denominator=None).share("low") is None
    assert person.band is Band.OVER_HALF


def test_validity_is_decided_per_person():
    r, row = Regime.QD96, CrossedOutRuling.ROW
    assert outcome("C0L", 0, r, row).key == "high"
    assert outcome("C0L", 1, r, row) is None  # no box marked: invalid for that person only
    assert outcome("C0L", 2, r, row).key == "low"
    assert outcome("CML", 1, r, row) is None  # several boxes
    assert outcome("-", 0, r, row) is None  # not issued by the committee: invalid for everyone


def test_crossed_out_name_follows_the_committee_ruling():
    assert outcome("CXT", 0, Regime.QD96, CrossedOutRuling.ROW).key == "high"
    assert outcome("CXT", 1, Regime.QD96, CrossedOutRuling.ROW) is None
    assert outcome("CXT", 0, Regime.QD96, CrossedOutRuling.BALLOT) is None
    assert outcome("CXT", 2, Regime.QD96, CrossedOutRuling.BALLOT) is None


def test_denominator_setting():
    ballots = ["CTL"] * 20
    base = dict(summoned=30, present=25, present_at_vote=24, issued=24, returned=20)
    for basis, value in ((Denominator.RETURNED, 20), (Denominator.ISSUED, 24), (Denominator.SUMMONED, 30)):
        paper = tally(make_session(denominator=basis, **base), {"lanh-dao": ballots}).papers[0]
        assert paper.denominator == value and paper.persons[0].denominator == value


def test_json_shape_for_the_no_confidence_vote():
    session = make_session(regime=Regime.NQ96_BPT, persons=2, issued=24, returned=3)
    data = result_to_json(tally(session, {"lanh-dao": ["TK", "KK", "T0"]}))
    person = data["ballots"][0]["persons"][1]
    assert person["counts"] == {"confidence": 0, "no_confidence": 2}
    assert person["percent"] == {"confidence": "0,00", "no_confidence": "66,67"}
    assert person["band"] == "over_half" and person["invalid"] == 1


# --- property tests: random sessions and ballots against an independent naive recount ---

LEVEL_CODES = {Regime.QD96: "CTL", Regime.NQ96: "CTL", Regime.NQ96_BPT: "TK"}


@st.composite
def sessions_and_ballots(draw):
    regime = draw(st.sampled_from(list(Regime)))
    ruling = draw(st.sampled_from(list(CrossedOutRuling)))
    basis = draw(st.sampled_from(list(Denominator)))
    persons = draw(st.integers(min_value=1, max_value=8))
    returned = draw(st.integers(min_value=0, max_value=60))
    issued = draw(st.integers(min_value=returned, max_value=returned + 5))
    summoned = draw(st.integers(min_value=issued, max_value=issued + 10))
    alphabet = LEVEL_CODES[regime] + "0MX"
    ballot = st.one_of(st.just("-"), st.text(alphabet=alphabet, min_size=persons, max_size=persons))
    ballots = draw(st.lists(ballot, min_size=0, max_size=returned))
    session = make_session(regime=regime, persons=persons, summoned=summoned, present=summoned,
                           present_at_vote=summoned, issued=issued, returned=returned, crossed_out=ruling,
                           denominator=basis)
    return session, ballots


def naive_recount(session, ballots, index):
    """Recount one person by reading every ballot literally, with no code shared with the tally."""
    keys = {"C": "high", "T": "confidence", "L": "low", "K": "no_confidence"}
    counts = {keys[c]: 0 for c in LEVEL_CODES[session.regime]}
    invalid = 0
    for ballot in ballots:
        if ballot == "-" or (session.crossed_out is CrossedOutRuling.BALLOT and "X" in ballot):
            invalid += 1
        elif ballot[index] in "0MX":
            invalid += 1
        else:
            counts[keys[ballot[index]]] += 1
    return counts, invalid


@settings(max_examples=400)
@given(sessions_and_ballots())
def test_tally_equals_a_naive_recount(case):
    session, ballots = case
    paper = tally(session, {"lanh-dao": ballots}).papers[0]
    assert paper.entered == len(ballots)
    d = {Denominator.RETURNED: paper.returned, Denominator.ISSUED: paper.issued,
         Denominator.SUMMONED: session.summoned}[session.denominator]
    for index, person in enumerate(paper.persons):
        counts, invalid = naive_recount(session, ballots, index)
        assert person.counts == counts
        assert person.invalid == invalid
        assert person.valid + person.invalid == len(ballots)
        assert sum(person.counts.values()) == person.valid
        adverse = counts["no_confidence" if session.regime is Regime.NQ96_BPT else "low"]
        if d:
            share = Fraction(adverse, d)
            if session.regime is not Regime.NQ96_BPT and share >= Fraction(2, 3):
                assert person.band is Band.TWO_THIRDS
            elif share > Fraction(1, 2):
                assert person.band is Band.OVER_HALF
            else:
                assert person.band is Band.NONE
        else:
            assert person.band is Band.NONE and person.percent(next(iter(counts))) is None

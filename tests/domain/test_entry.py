"""The ballot being typed and the one notation of marks: plain Python, no QApplication."""

from __future__ import annotations

from phieu_desktop.domain.entry import BallotDraft, key_map, key_names, marks_text, typed_to_marks
from phieu_desktop.domain.regime import Regime


def test_keys_follow_the_printed_levels():
    assert key_map(Regime.QD96)["3"] == "L"
    bpt = key_map(Regime.NQ96_BPT)
    assert bpt["1"] == "T" and bpt["2"] == "K" and "3" not in bpt
    assert typed_to_marks("1 2 3 0 9 x", Regime.QD96) == "CTL0MX"
    assert marks_text("CTL0MX") == "C T L 0 M X" and marks_text("-") == "-"  # one notation, screen and paper
    assert typed_to_marks("-", Regime.QD96) == "-"


def test_the_cursor_moves_on_and_back():
    draft = BallotDraft(3, key_map(Regime.QD96))
    assert draft.press("7") == []  # not a key of this ballot
    draft.press("1")
    draft.press("3")
    assert draft.cursor == 2 and not draft.complete and draft.missing == 1
    draft.back()
    assert draft.cursor == 1 and draft.marks == ["C", None, None]
    draft.press("x")
    draft.press("9")
    assert draft.complete and draft.text() == "CXM" and draft.cursor == 3
    draft.move(-2)
    draft.press("2")  # overwrite row 2, then the cursor goes to the next empty row: none left
    assert draft.text() == "CTM" and draft.cursor == 3


def test_a_whole_ballot_not_issued_and_clearing():
    draft = BallotDraft(4, key_map(Regime.QD96))
    draft.press("1")
    draft.press("-")
    assert draft.complete and draft.text() == "-"
    draft.press("2")  # typing a mark again starts the ballot afresh
    assert not draft.not_issued and draft.marks == ["T", None, None, None]
    draft.clear()
    assert draft.empty and draft.cursor == 0


def test_a_full_ballot_ignores_further_marks_until_enter_or_back():
    draft = BallotDraft(2, key_map(Regime.QD96))
    draft.press("1")
    draft.press("2")
    assert draft.press("3") == [] and draft.text() == "CT"
    draft.back()
    draft.press("3")
    assert draft.text() == "CL"


def test_letters_and_digits_are_the_same_codes_as_the_csv_and_the_log():
    """C/1, T/2, L/3, M/9, 0 and X, either case: what the README, the CSV, the printed log and the CLI use."""
    keys = key_map(Regime.QD96)
    for typed, code in {"c": "C", "C": "C", "1": "C", "t": "T", "2": "T", "l": "L", "3": "L", "m": "M", "9": "M",
                        "0": "0", "x": "X", "X": "X"}.items():
        assert keys[typed] == code, typed
    bpt = key_map(Regime.NQ96_BPT)
    assert bpt["k"] == "K" and bpt["t"] == "T" and "l" not in bpt and "c" not in bpt
    draft = BallotDraft(4, keys)
    for ch in "ltTc":
        draft.press(ch)
    assert draft.text() == "LTTC"
    assert not draft.is_key("q") and draft.is_key("-") and draft.is_key("m")
    assert key_names(Regime.QD96) == "C/1, T/2, L/3, M/9, 0, X"

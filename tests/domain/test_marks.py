"""Marks and BALLOTS.csv: codes, widths, case and spaces; a bad row names its line and column."""

from __future__ import annotations

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.marks import MarksError, parse_ballot_csv, parse_marks
from phieu_desktop.domain.regime import Regime


def test_codes_are_case_insensitive_and_spaces_ignored():
    assert parse_marks(" t c ", Regime.QD96, 2) == "TC"
    assert parse_marks("-", Regime.QD96, 5) == "-"
    assert parse_marks("0mx", Regime.QD96, 3) == "0MX"
    assert parse_marks("tk", Regime.NQ96_BPT, 2) == "TK"


@pytest.mark.parametrize("text, regime, width, column", [
    ("CQ", Regime.QD96, 2, 2),
    ("K", Regime.QD96, 1, 1),  # K belongs to the no-confidence vote only
    ("C", Regime.NQ96_BPT, 1, 1),
    ("CTL", Regime.QD96, 2, 3),
    ("C", Regime.QD96, 2, 2),
])
def test_wrong_code_or_width_names_the_column(text, regime, width, column):
    with pytest.raises(MarksError) as err:
        parse_marks(text, regime, width)
    assert err.value.column == column


def test_empty_marks_is_refused():
    with pytest.raises(MarksError, match="trống"):
        parse_marks("  ", Regime.QD96, 2)


def test_csv_with_bom_semicolons_and_extra_columns():
    data = "\ufeffghi chú;marks\nphiếu đầu;CT\n;  l 0 \n\n;-\n".encode("utf-8")
    assert parse_ballot_csv(data, Regime.QD96, 2) == ["CT", "L0", "-"]


def test_csv_error_names_line_and_column():
    data = b"marks,note\nCC,\nCC,\nCZ,\n"
    with pytest.raises(PhieuError) as err:
        parse_ballot_csv(data, Regime.QD96, 2)
    message = str(err.value)
    assert "dòng 4" in message and "ô thứ 2" in message and "Z" in message


@pytest.mark.parametrize("data, fragment", [
    (b"", "trống"),
    (b"note\nx\n", "marks"),
    ("marks\nCC\n".encode("utf-16"), "UTF-8"),
    (b"note,marks\nonly-one-cell\n", "dòng 2"),
])
def test_csv_refusals(data, fragment):
    with pytest.raises(PhieuError, match=fragment):
        parse_ballot_csv(data, Regime.QD96, 2)

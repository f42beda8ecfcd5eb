"""The table models on their own: the ballot grid, the results with bands, the differences side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt

from phieu_desktop.domain.regime import Regime
from phieu_desktop.domain.tally import Band, tally
from phieu_desktop.domain.verification import differences
from phieu_desktop.ui.models.ballot_model import CHOSEN, BallotModel
from phieu_desktop.ui.models.results_model import BAND_COLOURS, ResultsModel
from phieu_desktop.ui.models.stack_models import CommittedModel, DifferencesModel
from tests.conftest import make_session

DISPLAY, BACKGROUND = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole


def test_the_grid_mirrors_the_paper_ballot(qapp):
    session = make_session(persons=3)
    model = BallotModel(session.regime, session.papers[0].persons)
    assert model.columnCount() == 2 + 3 + 2
    assert model.headerData(2, Qt.Orientation.Horizontal) == "C · 1\nCao"  # the letter on paper, the keypad digit
    model.press("3")
    model.press("x")
    assert model.data(model.index(0, 4)) == "✕" and model.data(model.index(0, 4), BACKGROUND).color() == CHOSEN
    assert model.data(model.index(1, 5)) == "Gạch tên"
    model.press("1")
    model.committed(7, model.draft.text())
    assert model.headerData(6, Qt.Orientation.Horizontal) == "Phiếu vừa ghi\n(số 7)"
    assert [model.data(model.index(r, 6)) for r in range(3)] == ["Thấp", "Gạch tên", "Cao"]
    assert model.draft.empty


def test_results_highlight_the_bands(qapp):
    session = make_session(persons=2, issued=30, returned=30)
    result = tally(session, {"lanh-dao": ["LC"] * 20 + ["TC"] * 10})
    model = ResultsModel(session.regime)
    model.set_paper(result.papers[0])
    low = 4 + 2  # name, position, valid, invalid, high, confidence, low
    assert model.data(model.index(0, low)) == "20  (66,67%)"
    assert result.papers[0].persons[0].band is Band.TWO_THIRDS
    assert model.data(model.index(0, 0), BACKGROUND).color() == BAND_COLOURS[Band.TWO_THIRDS]
    assert model.data(model.index(1, 0), BACKGROUND) is None
    assert "miễn nhiệm" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, low), Qt.ItemDataRole.ToolTipRole) == "20/30 phiếu = 66,67%"
    compact = ResultsModel(Regime.NQ96_BPT, compact=True)
    assert compact.columnCount() == 1 + 2 + 1 + 1  # name, two levels, invalid (with its %), band


def test_differences_side_by_side_and_committed_keys(qapp):
    session = make_session(persons=3)
    found = differences({1: "CTL", 2: "CCC"}, {1: "CTT", 2: "-"})
    model = DifferencesModel(session.papers[0].persons)
    model.set_differences(found)
    rows = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    assert rows[0] == ["1", "3. Trần Văn Ơn", "Thấp", "Tín nhiệm"]
    assert len(rows) == 1 + 3 and rows[1][3] == "Không do BKP phát ra"
    committed = CommittedModel(Regime.QD96)
    committed.set_rows([(1, "CTL0MX"), (2, "-")])
    assert committed.data(committed.index(0, 1)) == "C T L 0 M X"  # as the printed log writes them
    assert committed.data(committed.index(1, 1)) == "Không do BKP phát ra"

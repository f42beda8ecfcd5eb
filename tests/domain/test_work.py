from __future__ import annotations

import pytest

from phieu_desktop.domain.work import SILENT, Cancelled, Ticker


def test_a_ticker_reports_and_stops_when_asked():
    seen, stop = [], []
    ticker = Ticker(progress=lambda d, t, s: seen.append((d, t, s)), should_stop=lambda: bool(stop))
    ticker.step(1, 3, "một")
    stop.append(True)
    with pytest.raises(Cancelled) as err:
        ticker.step(2, 3)
    assert seen == [(1, 3, "một"), (2, 3, "")]
    assert "dừng" in str(err.value)


def test_the_silent_ticker_never_stops():
    for i in range(3):
        SILENT.step(i)

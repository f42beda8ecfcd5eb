"""The hostile-input suite keeps a tally per door (inputs tried, wrongly accepted) and prints it at the end."""

from __future__ import annotations

from tests.hostile.helpers import TALLY, tally

TALLY.unlink(missing_ok=True)  # a fresh count for every run that collects this folder


def pytest_terminal_summary(terminalreporter) -> None:
    rows = tally()
    if not rows:
        return
    terminalreporter.write_sep("-", "hostile inputs per door (tried / wrongly accepted)")
    for door, (tried, wrong) in rows.items():
        terminalreporter.write_line(f"{door:<70} {tried:>6} {wrong:>4}")
    total = sum(t for t, _w in rows.values()), sum(w for _t, w in rows.values())
    terminalreporter.write_line(f"{'total':<70} {total[0]:>6} {total[1]:>4}")

"""Entry screen timings: per-keystroke handling for a 60-person ballot, Enter (one committed transaction), and the
time from launch to a usable window.

    python benchmarks/bench_entry.py [--ballots 20] [--launches 5]

Runs offscreen unless QT_QPA_PLATFORM is set. A keystroke is timed from the key event to the end of the repaint it
causes (QTest.keyClick, then processEvents). Launch is timed from starting a new Python process to the window
showing the session on its entry step, ready for the first key."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PERSONS = 60


def make_file(path: Path, returned: int) -> None:
    from phieu_desktop.domain.regime import Header, Regime
    from phieu_desktop.domain.session import BallotPaper, CommitteeMember, Session, person_from_values
    from phieu_desktop.store import SessionFile

    persons = tuple(person_from_values(f"Nguyễn Văn Người {i + 1}", f"Chức vụ {i + 1}") for i in range(PERSONS))
    session = Session(
        regime=Regime.QD96, header=Header.STATE, organization="Sở Tài chính tỉnh Hà Giang",
        parent="UBND TỈNH HÀ GIANG", title="Hội nghị lấy phiếu tín nhiệm", place="Hà Giang",
        date=date(2023, 9, 12), summoned=returned + 10, present=returned + 5, present_at_vote=returned,
        committee=(CommitteeMember("Trần Thị Bình", "Trưởng ban"),),
        papers=(BallotPaper("bo-phieu", "Cán bộ diện Tỉnh ủy quản lý", "Toàn thể", persons, returned, returned),))
    SessionFile.create(path, session).close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def keystrokes(ballots: int) -> tuple[list[float], list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from phieu_desktop.ui.main_window import MainWindow, configure_application
    from phieu_desktop.ui.qtcompat import give_back, singleton_references

    app = QApplication.instance() or QApplication([])
    configure_application(app)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.phieu"
        make_file(path, ballots + 5)
        window = MainWindow()
        window.resize(1366, 768)
        window.show()
        window.open_file(path)
        app.processEvents()
        grid = window.entry.stack.grid
        keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_0]
        per_key, per_enter = [], []
        references = singleton_references()
        for b in range(ballots):
            for i in range(PERSONS):
                start = time.perf_counter()
                QTest.keyClick(grid, keys[(b + i) % len(keys)])
                app.processEvents()
                per_key.append(time.perf_counter() - start)
            start = time.perf_counter()
            QTest.keyClick(grid, Qt.Key.Key_Return)
            app.processEvents()
            per_enter.append(time.perf_counter() - start)
            give_back(references)  # outside the timed part: the test helpers' own reference bug
        assert window.ctx.file.entered("bo-phieu") == ballots, "the ballots were not committed"
        window.close()
    return per_key, per_enter


CHILD = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
from phieu_desktop.ui.main_window import MainWindow, configure_application
app = QApplication([])
configure_application(app)
window = MainWindow()
window.show()
window.open_file(sys.argv[1])
app.processEvents()
assert window.entry.stack.grid.accepting
print("ready", flush=True)
"""


def launches(count: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.phieu"
        make_file(path, 30)
        env = dict(os.environ, PHIEU_HOME=str(Path(folder) / "home"))
        for _ in range(count):
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=env,
                                 check=True).stdout
            assert "ready" in out
            times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=20)
    parser.add_argument("--launches", type=int, default=5)
    args = parser.parse_args()
    per_key, per_enter = keystrokes(args.ballots)
    ms = [t * 1000 for t in per_key]
    enter = [t * 1000 for t in per_enter]
    print(f"entry, {PERSONS}-person ballot, {len(ms)} keystrokes: median {statistics.median(ms):.2f} ms, "
          f"p99 {percentile(ms, 99):.2f} ms, max {max(ms):.2f} ms")
    print(f"Enter (commit one ballot, one transaction, synchronous=FULL), {len(enter)} ballots: "
          f"median {statistics.median(enter):.1f} ms, p99 {percentile(enter, 99):.1f} ms")
    starts = launches(args.launches)
    print(f"launch to a usable window (new process, file opened on the entry step), {len(starts)} runs: "
          f"median {statistics.median(starts):.2f} s, max {max(starts):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

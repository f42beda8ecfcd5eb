"""Timing of the session file: entering 10,000 ballots of 50 persons, results, verify, open.

Run: python3 dev.py bench  (or .venv/bin/python benchmarks/bench_store.py [--ballots N])
The floor: a raw sqlite3 loop inserting the same rows, one transaction each, with the same durability settings
(rollback journal, synchronous=FULL, exclusive locking) but no audit entry and no checks.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phieu_desktop.domain.regime import Header, Regime  # noqa: E402
from phieu_desktop.domain.session import BallotPaper, CommitteeMember, Session, person_from_values  # noqa: E402
from phieu_desktop.store import SessionFile  # noqa: E402

PERSONS = 50


def session(ballots: int) -> Session:
    persons = tuple(person_from_values(f"Nguyễn Văn Người {i}", f"Trưởng phòng {i}") for i in range(PERSONS))
    return Session(Regime.QD96, Header.STATE, "Sở Tài chính", "UBND TỈNH", "Hội nghị", "Hà Giang", date(2023, 9, 12),
                   summoned=ballots, present=ballots, present_at_vote=ballots,
                   committee=(CommitteeMember("Trần Thị Bình", "Trưởng ban"),),
                   papers=(BallotPaper("p", "Phiếu", "Toàn thể", persons, ballots, ballots),))


def marks(rng: random.Random) -> str:
    return "".join(rng.choice("CCCCTTTL0") for _ in range(PERSONS))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def bench_store(folder: Path, count: int) -> dict[str, float]:
    rng = random.Random(1)
    path = folder / "bench.phieu"
    file = SessionFile.create(path, session(count))
    per_ballot = []
    for _ in range(count):
        ballot = marks(rng)
        start = time.perf_counter()
        file.add_ballot("p", ballot)
        per_ballot.append(time.perf_counter() - start)
    file.close()
    start = time.perf_counter()
    file = SessionFile.open(path)  # includes the full verify done at every opening
    opened = time.perf_counter() - start
    start = time.perf_counter()
    file.results()
    results = time.perf_counter() - start
    start = time.perf_counter()
    file.verify()
    verified = time.perf_counter() - start
    start = time.perf_counter()
    file.lock()
    locked = time.perf_counter() - start
    file.close()
    return {"median": statistics.median(per_ballot), "p99": percentile(per_ballot, 0.99), "open": opened,
            "results": results, "verify": verified, "lock": locked, "size": path.stat().st_size}


def bench_floor(folder: Path, count: int) -> dict[str, float]:
    rng = random.Random(1)
    conn = sqlite3.connect(folder / "floor.db", isolation_level=None)
    for pragma in ("journal_mode = DELETE", "synchronous = FULL", "locking_mode = EXCLUSIVE"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("CREATE TABLE ballots (paper_key TEXT NOT NULL, number INTEGER NOT NULL, marks TEXT NOT NULL,"
                 " PRIMARY KEY (paper_key, number)) STRICT")
    per_ballot = []
    for number in range(1, count + 1):
        ballot = marks(rng)
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO ballots VALUES ('p', ?, ?)", [number, ballot])
        conn.execute("COMMIT")
        per_ballot.append(time.perf_counter() - start)
    conn.close()
    return {"median": statistics.median(per_ballot), "p99": percentile(per_ballot, 0.99)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent) as tmp:
        store = bench_store(Path(tmp), args.ballots)
        floor = bench_floor(Path(tmp), args.ballots)
    print(f"store: {args.ballots} ballots x {PERSONS} persons, one committed transaction each")
    print(f"  add_ballot  median {ms(store['median'])}  p99 {ms(store['p99'])}")
    print(f"  floor (raw sqlite3 insert, same durability)  median {ms(floor['median'])}  p99 {ms(floor['p99'])}")
    print(f"  ratio of medians {store['median'] / floor['median']:.2f}")
    print(f"  open (with full verify) {ms(store['open'])}  results {ms(store['results'])}  "
          f"verify {ms(store['verify'])}  lock {ms(store['lock'])}  file {store['size'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

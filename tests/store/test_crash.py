"""Killing the program at any moment loses no acknowledged ballot and leaves no half ballot."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from phieu_desktop.store import SessionFile
from tests.conftest import make_session

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")

CHILD = r"""
import sys
from phieu_desktop.store import SessionFile

def marks_for(number):
    return "".join("CTL0MX"[(number * 7 + i) % 6] for i in range(5))

file = SessionFile.open(sys.argv[1])
print("ready", flush=True)
while True:
    number = file.entered("lanh-dao") + 1
    got = file.add_ballot("lanh-dao", marks_for(number))
    print(got, flush=True)
"""


def marks_for(number: int) -> str:
    return "".join("CTL0MX"[(number * 7 + i) % 6] for i in range(5))


def hot_journal(path: Path) -> bool:
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.read_bytes()[:8] == bytes.fromhex("d9d505f920a163d7")


def run_and_kill(path: Path, rng: random.Random) -> list[int]:
    """Start a child that enters ballots, kill it with SIGKILL after a random while; return what it acknowledged."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).parents[2])
    assert child.stdout.readline().strip() == "ready"
    target = rng.randint(0, 12)
    acknowledged = []
    for _ in range(target):
        line = child.stdout.readline()
        if not line:
            break
        acknowledged.append(int(line))
    time.sleep(rng.random() * 0.02)  # land somewhere inside the next transaction, or between two
    os.kill(child.pid, signal.SIGKILL)
    for line in child.stdout.read().split():  # acknowledgements already printed before the kill count too
        acknowledged.append(int(line))
    child.wait()
    return acknowledged


@pytest.mark.slow
def test_sigkill_at_random_moments(tmp_path):
    path = tmp_path / "phien.phieu"
    SessionFile.create(path, make_session(persons=5, summoned=2000, present=2000, present_at_vote=2000,
                                          issued=2000, returned=2000)).close()
    rng = random.Random(96)
    acknowledged: list[int] = []
    interrupted = 0
    for _round in range(40):
        acknowledged += run_and_kill(path, rng)
        interrupted += hot_journal(path)  # killed inside a transaction: SQLite must roll it back
        with SessionFile.open(path) as file:
            ballots = dict(file.ballots("lanh-dao"))
            for number in acknowledged:  # nothing acknowledged is lost
                assert ballots.get(number) == marks_for(number)
            assert sorted(ballots) == list(range(1, len(ballots) + 1))  # no gap, no half ballot
            for number, marks in ballots.items():
                assert marks == marks_for(number)
            assert len(ballots) - len(acknowledged) <= 1  # at most the one committed as it was killed
            report = file.verify()
            assert report.ok, report.problems
            adds = [e for e in file.audit_entries() if e.action == "ballot_added"]
            assert len(adds) == len(ballots)  # every ballot has exactly its audit entry, committed together
        acknowledged = sorted(ballots)  # a ballot committed but not yet acknowledged is kept, and counts now
    assert len(acknowledged) > 40
    assert interrupted >= 1  # about a quarter of the kills land mid-transaction; 0 of 40 would mean a test too gentle

"""Write the recount test vectors of tests/data/recount-*/ from sealed session files, with the program itself
(`phieu log --jsonl`, `phieu results --json`, the lock entry). Run by hand: `python -m tests.recount.make_vectors`.

The vectors are then checked from both sides: `test_recount.py` recomputes them with `independent.py` (written
from docs/recount.md alone) and checks that the program still gives the same output for the same files."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from phieu_desktop.cli import main
from phieu_desktop.domain.regime import CrossedOutRuling, Denominator, Regime
from phieu_desktop.store import SessionFile
from tests.conftest import DATA, make_session

# vector folder -> the sealed session file it is taken from
SOURCES = {
    "recount-v1": DATA / "sealed-before-log-length.phieu",
    "recount-v2": DATA / "sealed-by-seal-version-2.phieu",
    "recount-v2-bpt": DATA / "recount-v2-bpt" / "session.phieu",
    "recount-v3": DATA / "sealed-by-seal-version-3.phieu",
    "recount-v3-groups": DATA / "recount-v3-groups" / "session.phieu",
}

# nq96-bpt, percentages of ballots issued (24), a crossed-out name voids the whole ballot: exactly half is not
# over half (person 1: 12 of 24), 13 of 24 is.
BPT_BALLOTS = ["KKT"] * 12 + ["TKK", "-", "TTX", "0TM"] + ["TTT"] * 6


def build_bpt(path: Path) -> str:
    session = make_session(regime=Regime.NQ96_BPT, denominator=Denominator.ISSUED,
                           crossed_out=CrossedOutRuling.BALLOT, present=None, present_at_vote=None, issued=None,
                           returned=None)
    with SessionFile.create(path, session) as file:
        file.update_session(replace(session, title="Bỏ phiếu tín nhiệm năm 2023"))
        file.record_attendance(25, 24)
        file.record_counts("lanh-dao", 24, 22)
        file.add_ballots("lanh-dao", BPT_BALLOTS[:-1] + ["TTT"])
        file.correct_ballot("lanh-dao", 22, "TTK", "Đọc lại phiếu")
        file.remove_ballot("lanh-dao", 21, "Phiếu nhập trùng")
        file.add_ballot("lanh-dao", BPT_BALLOTS[-1])
        return file.lock()


def build_v3(path: Path) -> str:
    """The first file locked with seal version 3: two papers' worth of history (a correction, a removal)."""
    with SessionFile.create(path, make_session(persons=4)) as file:
        file.add_ballots("lanh-dao", ["CTLT", "TTTT", "CCCC", "LLLT"] * 6)
        file.correct_ballot("lanh-dao", 3, "CCCT", "Đọc lại phiếu")
        file.remove_ballot("lanh-dao", 24, "Phiếu nhập trùng")
        file.add_ballot("lanh-dao", "TLTC")
        return file.lock()


def groups_session():
    """Two voter groups (issue 24): the leadership votes one paper, every civil servant the other; percentages of
    those summoned, so each paper's denominator is its own group's."""
    from phieu_desktop.domain.session import BallotPaper, VoterGroup

    base = make_session(persons=2, summoned=35, present=None, present_at_vote=None, issued=None, returned=None,
                        denominator=Denominator.SUMMONED)
    leaders = replace(base.papers[0], key="lanh-dao", title="Lãnh đạo Sở", group="lanh-dao",
                      voters="Tập thể lãnh đạo Sở, trưởng phòng và tương đương")
    staff = BallotPaper("truong-phong", "Trưởng phòng", "Toàn thể công chức, viên chức", base.papers[0].persons,
                        group="toan-the")
    return replace(base, papers=(leaders, staff), groups=(
        VoterGroup("lanh-dao", "Tập thể lãnh đạo Sở, trưởng phòng và tương đương", 12),
        VoterGroup("toan-the", "Toàn thể công chức, viên chức", 35)))


def build_groups(path: Path) -> str:
    with SessionFile.create(path, groups_session()) as file:
        file.record_attendance(33, 32)
        file.record_group_attendance("lanh-dao", 8, 8)  # exactly 2/3 of 12: the quorum is met
        file.record_group_attendance("toan-the", 33, 32)
        file.record_counts("lanh-dao", 8, 8)
        file.record_counts("truong-phong", 32, 31)
        file.add_ballots("lanh-dao", ["LL"] * 8)  # 8 of 12 summoned: exactly 2/3
        file.add_ballots("truong-phong", ["CT"] * 20 + ["LT"] * 11)
        return file.lock()


def capture(*argv: str) -> str:
    out = tempfile.TemporaryFile("w+", encoding="utf-8")
    saved, sys.stdout = sys.stdout, out
    try:
        assert main(list(argv)) == 0
    finally:
        sys.stdout = saved
    out.seek(0)
    return out.read()


def vector_of(source: Path) -> dict[str, str]:
    """The three files of a vector, as text, from a copy of `source` (opening may migrate an old file)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / source.name
        shutil.copy(source, path)
        log = capture("log", str(path), "--jsonl")
        results = json.loads(capture("results", str(path), "--json"))
    lock = next(e for e in map(json.loads, log.splitlines()) if e["action"] == "locked")
    seal = {"seal_version": lock["detail"].get("seal_version", 1), "seal": lock["detail"]["seal"],
            "fingerprint": lock["detail"]["fingerprint"], "log_length": lock["seq"]}
    dump = lambda value: json.dumps(value, ensure_ascii=False, indent=1) + "\n"  # noqa: E731
    return {"log.jsonl": log, "expected-seal.json": dump(seal), "expected-results.json": dump(results)}


def write() -> None:
    bpt = SOURCES["recount-v2-bpt"]
    if not bpt.exists():
        bpt.parent.mkdir(parents=True, exist_ok=True)
        print(build_bpt(bpt))
    groups = SOURCES["recount-v3-groups"]
    if not groups.exists():
        groups.parent.mkdir(parents=True, exist_ok=True)
        print(build_groups(groups))
    v3 = SOURCES["recount-v3"]
    if not v3.exists():
        print(build_v3(v3))
    for name, source in SOURCES.items():
        folder = DATA / name
        folder.mkdir(exist_ok=True)
        for file_name, text in vector_of(source).items():
            (folder / file_name).write_text(text, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    write()

"""Consolidating N unit packages of 15 persons and 40 ballots each: total time and peak memory.

Run: python3 dev.py bench  (or .venv/bin/python benchmarks/bench_consolidate.py [--units 1000] [--report xlsx])
The units are built and exported first (timed separately, minutes PDF left out so the setup stays short); the
consolidation then runs in a fresh child process, so its peak resident memory (getrusage) is its own. Python's
own peak allocation (tracemalloc) is measured in a second child: tracemalloc slows the run, so its time is not
the figure to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pyrage import x25519  # noqa: E402

from phieu_desktop.domain.regime import Header, Regime  # noqa: E402
from phieu_desktop.domain.session import BallotPaper, CommitteeMember, Session, person_from_values  # noqa: E402
from phieu_desktop.exchange.export import export_session  # noqa: E402
from phieu_desktop.store import SessionFile  # noqa: E402

PERSONS = 15
BALLOTS = 40


def unit_session(number: int) -> Session:
    persons = tuple(person_from_values(f"Nguyễn Văn Người {number}-{i}", f"Phó Trưởng phòng {i}")
                    for i in range(PERSONS))
    return Session(Regime.QD96, Header.STATE, f"Đơn vị số {number} tỉnh Hà Giang", "UBND TỈNH HÀ GIANG",
                   "Hội nghị lấy phiếu tín nhiệm năm 2023", "Hà Giang", date(2023, 9, 12),
                   summoned=45, present=42, present_at_vote=BALLOTS,
                   committee=(CommitteeMember("Trần Thị Bình", "Trưởng ban"), CommitteeMember("Lò Văn Sơn", "Ủy viên")),
                   papers=(BallotPaper("lanh-dao", "Lãnh đạo", "Toàn thể", persons, BALLOTS, BALLOTS),))


def build(folder: Path, units: int, recipient: x25519.Recipient) -> list[Path]:
    rng = random.Random(2023)
    packages = []
    for number in range(units):
        path = folder / f"u{number:04d}.phieu"
        with SessionFile.create(path, unit_session(number)) as file:
            file.add_ballots("lanh-dao", ["".join(rng.choice("CCCCTTTL0") for _ in range(PERSONS))
                                          for _ in range(BALLOTS)])
            file.lock()
            out = folder / f"u{number:04d}.phieux"
            export_session(file, out, [recipient], minutes=None)
        path.unlink()
        packages.append(out)
    return packages


def child(folder: Path, key: str, report: str, trace: bool) -> None:
    """Runs in its own process: consolidate every package in `folder`, print figures as JSON."""
    if trace:
        import tracemalloc

        tracemalloc.start()
    from phieu_desktop.exchange.consolidate import consolidate
    from phieu_desktop.exchange.consolidated_report import consolidation_to_json
    from phieu_desktop.exchange.intake import Credentials

    packages = sorted(folder.glob("*.phieux"))
    start = time.perf_counter()
    result = consolidate(packages, Credentials([x25519.Identity.from_str(key)]))
    consolidated = time.perf_counter() - start
    out = folder / f"report-{os.getpid()}.{report}"
    if report == "json":
        out.write_text(json.dumps(consolidation_to_json(result), ensure_ascii=False))
    elif report == "xlsx":
        from phieu_desktop.exchange.consolidated_xlsx import write_xlsx

        write_xlsx(result, out)
    elif report == "pdf":
        from phieu_desktop.exchange.consolidated_pdf import write_pdf

        write_pdf(result, out)
    total = time.perf_counter() - start
    figures = {"units": len(result.units), "problems": len(result.problems), "consolidate_s": consolidated,
               "with_report_s": total, "report_bytes": out.stat().st_size if out.exists() else 0,
               "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    if trace:
        figures["tracemalloc_peak_bytes"] = tracemalloc.get_traced_memory()[1]
    print(json.dumps(figures))


def run_child(folder: Path, key: str, report: str, trace: bool) -> dict:
    command = [sys.executable, __file__, "--child", str(folder), "--key-env", "--report", report]
    if trace:
        command.append("--trace")
    output = subprocess.run(command, check=True, capture_output=True, text=True,
                            env={**os.environ, "BENCH_KEY": key}).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--report", choices=["json", "xlsx", "pdf"], default="xlsx")
    parser.add_argument("--child", type=Path)
    parser.add_argument("--key-env", action="store_true")
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args.child, os.environ["BENCH_KEY"], args.report, args.trace)
        return 0
    identity = x25519.Identity.generate()
    with tempfile.TemporaryDirectory(prefix="bench-consolidate-") as name:
        folder = Path(name)
        start = time.perf_counter()
        build(folder, args.units, identity.to_public())
        built = time.perf_counter() - start
        size = sum(p.stat().st_size for p in folder.glob("*.phieux"))
        print(f"built and exported {args.units} units ({PERSONS} persons x {BALLOTS} ballots): {built:.1f} s, "
              f"{size / args.units / 1024:.1f} KiB per package")
        plain = run_child(folder, str(identity), args.report, trace=False)
        assert plain["units"] == args.units and plain["problems"] == 0, plain
        print(f"consolidate {args.units} units: {plain['consolidate_s']:.1f} s "
              f"({plain['consolidate_s'] / args.units * 1000:.1f} ms per unit); with the {args.report} report "
              f"({plain['report_bytes'] / 1024:.0f} KiB): {plain['with_report_s']:.1f} s; "
              f"peak resident memory {plain['maxrss_kb'] / 1024:.0f} MiB")
        traced = run_child(folder, str(identity), args.report, trace=True)
        print(f"tracemalloc peak (Python objects only): {traced['tracemalloc_peak_bytes'] / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

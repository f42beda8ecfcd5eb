"""A board (.phieub) of N units: roster import, intake of N packages, the paper checks, the dashboard and the
report (Excel; PDF too with --pdf), with time and peak memory per unit.

Run: .venv/bin/python benchmarks/bench_board.py [--units 10000] [--pdf]
The units are built and exported first (timed separately, as in bench_consolidate.py: 15 persons, 40 ballots, no
minutes PDF); the board's work then runs in a fresh child process so that its peak resident memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pyrage import x25519  # noqa: E402

from benchmarks.bench_consolidate import BALLOTS, PERSONS, unit_session  # noqa: E402

PARENT = "UBND TỈNH HÀ GIANG"


def write_roster(folder: Path, roster: int) -> None:
    lines = ["Mã đơn vị,Tên đơn vị,Cơ quan cấp trên,Liên hệ"]
    lines += [f"U{number:05d},{unit_session(number).organization},{PARENT}," for number in range(roster)]
    (folder / "don-vi.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(folder: Path, units: int, recipient: x25519.Recipient) -> None:
    """The units' packages, u00000.phieux …; those already in `folder` are kept (a long build can resume)."""
    import random

    from phieu_desktop.exchange.export import export_session
    from phieu_desktop.store import SessionFile

    for number in range(units):
        if (folder / f"u{number:05d}.phieux").exists():
            continue
        rng = random.Random(f"2026-{number}")
        session = replace(unit_session(number), unit_code=f"U{number:05d}")
        path = folder / f"u{number:05d}.phieu"
        path.unlink(missing_ok=True)
        with SessionFile.create(path, session) as file:
            file.add_ballots("lanh-dao", ["".join(rng.choice("CCCCTTTL0") for _ in range(PERSONS))
                                          for _ in range(BALLOTS)])
            file.lock()
            export_session(file, folder / f"u{number:05d}.phieux", [recipient], minutes=None)
        path.unlink()


def child(folder: Path, key: str, pdf: bool) -> None:
    from phieu_desktop.domain.board import dashboard
    from phieu_desktop.exchange.board_intake import check_qr, take_in
    from phieu_desktop.exchange.board_report import build_report
    from phieu_desktop.exchange.board_report_xlsx import write_report_xlsx
    from phieu_desktop.exchange.intake import Credentials
    from phieu_desktop.imports.roster import read_roster
    from phieu_desktop.store.board_file import BoardFile

    figures: dict = {}
    board = BoardFile.create(folder / f"b-{os.getpid()}.phieub", {"organization": "Ban Tổ chức Tỉnh ủy"})
    start = time.perf_counter()
    board.add_units(read_roster(folder / "don-vi.csv"), "don-vi.csv")
    figures["roster_s"] = time.perf_counter() - start
    packages = sorted(folder.glob("*.phieux"))
    start = time.perf_counter()
    outcomes = take_in(board, packages, Credentials([x25519.Identity.from_str(key)]))
    figures["intake_s"] = time.perf_counter() - start
    figures["accepted"] = sum(1 for o in outcomes if o.accepted and o.unit is not None)
    figures["roster"] = len(board.roster())
    start = time.perf_counter()
    for outcome in outcomes:
        check_qr(board, outcome.sha256, [board.package(outcome.sha256).fingerprint])
    figures["checks_s"] = time.perf_counter() - start
    start = time.perf_counter()
    from datetime import date

    status = dashboard(board.roster(), board.receipts(), board.deadline(), date.today())
    figures["dashboard_s"] = time.perf_counter() - start
    figures["checked"] = status.counts.get(status.statuses[0].state, 0) if status.statuses else 0
    start = time.perf_counter()
    report = build_report(board)
    write_report_xlsx(report, folder / f"r-{os.getpid()}.xlsx")
    figures["report_xlsx_s"] = time.perf_counter() - start
    if pdf:
        from phieu_desktop.exchange.board_report_pdf import write_report_pdf

        start = time.perf_counter()
        figures["report_pdf_pages"] = write_report_pdf(report, folder / f"r-{os.getpid()}.pdf")
        figures["report_pdf_s"] = time.perf_counter() - start
    board.close()
    figures["board_bytes"] = (folder / f"b-{os.getpid()}.phieub").stat().st_size
    figures["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(figures))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10000, help="packages received")
    parser.add_argument("--roster", type=int, help="units on the roster (default: --units); the others not received")
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--child", type=Path)
    parser.add_argument("--folder", type=Path, help="keep the built packages here (built once, reused)")
    args = parser.parse_args()
    if args.child:
        child(args.child, os.environ["BENCH_KEY"], args.pdf)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-board-") as name:
        folder = args.folder or Path(name)
        folder.mkdir(parents=True, exist_ok=True)
        key_file = folder / "bench.key"
        if key_file.exists():
            identity = x25519.Identity.from_str(key_file.read_text().strip())
        else:
            identity = x25519.Identity.generate()
            key_file.write_text(str(identity))
        for extra in sorted(folder.glob("u*.phieux"))[args.units:]:  # a folder built for more units
            extra.rename(extra.with_suffix(".spare"))
        for spare in sorted(folder.glob("u*.spare"))[:max(0, args.units - len(list(folder.glob("u*.phieux"))))]:
            spare.rename(spare.with_suffix(".phieux"))
        start = time.perf_counter()
        build(folder, args.units, identity.to_public())
        print(f"built and exported the missing packages of {args.units} units: {time.perf_counter() - start:.0f} s")
        write_roster(folder, max(args.roster or args.units, args.units))
        command = [sys.executable, __file__, "--child", str(folder)] + (["--pdf"] if args.pdf else [])
        output = subprocess.run(command, check=True, capture_output=True, text=True,
                                env={**os.environ, "BENCH_KEY": str(identity)}).stdout
        figures = json.loads(output.strip().splitlines()[-1])
        n = args.units
        assert figures["accepted"] == n, figures
        print(f"roster {figures['roster']} units, {n} packages received and checked")
        for part in ("roster", "intake", "checks", "dashboard", "report_xlsx", "report_pdf"):
            if f"{part}_s" in figures:
                seconds = figures[f"{part}_s"]
                per = figures["roster"] if part in ("roster", "dashboard") else n
                what = "roster unit" if part in ("roster", "dashboard") else "unit received"
                print(f"{part:12} {seconds:8.1f} s  {seconds / per * 1000:7.2f} ms per {what}")
        print(f"board file {figures['board_bytes'] / 2**20:.1f} MiB ({figures['board_bytes'] / n / 1024:.1f} KiB per "
              f"unit received); peak resident memory {figures['maxrss_kb'] / 1024:.0f} MiB "
              f"({figures['maxrss_kb'] / n:.1f} KiB per unit received)")
        if "report_pdf_pages" in figures:
            print(f"report PDF: {figures['report_pdf_pages']} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())

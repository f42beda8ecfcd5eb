"""Reading accuracy and speed of the scanner path, per condition, on a corpus made from the real layout matrix.

    python benchmarks/bench_scan.py [--ballots 2] [--seed 1] [--conditions 300dpi,photo] [--markdown]

The corpus (tests/scan/corpus.py) prints real ballots of three layouts: 12 one-line rows on one sheet (state header);
30 rows of one to six lines (long names and positions) on a two-sheet ballot (party header); the no-confidence
paper's wide boxes with wrapped rows. Each ballot is marked at random (X, tick, filled box, pencil, light pencil;
some rows blank, several boxes or a crossed-out name; stray marks beside the names), then scanned or photographed
under one condition (grey or colour, noise, JPEG, rotation, 94 % scale, upside down, a phone photo).
Reported per condition (every layout together):
  rows right        the reading equals the known answer and is not flagged (no person had to correct it)
  doubtful          share of rows flagged for a person to look at
  wrong, unflagged  a wrong reading NOT flagged as doubtful (goal: 0 — the person confirming might trust it)
  sheets/min        CPU time of one process (the machine may be shared), decoding the image file included
Exit status 1 when any row is wrong and unflagged.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402

from phieu_desktop.scan.reading import NoBallot, SheetMismatch, read_sheet  # noqa: E402
from phieu_desktop.scanning import paper_template  # noqa: E402
from phieu_desktop.store import SessionFile  # noqa: E402
from tests.scan.corpus import CONDITIONS, layout_matrix, make_samples  # noqa: E402


def templates():
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for index, (name, session) in enumerate(layout_matrix()):
            file = SessionFile.create(Path(folder) / f"bench-{index}.phieu", session)
            found.append((name, paper_template(file, session.papers[0].key)))
            file.close()
    return found


def measure(condition: str, layouts, ballots: int, seed: int, wrong: list | None = None) -> dict:
    """Counts for one condition over every layout."""
    counts = {"rows": 0, "right": 0, "doubtful": 0, "unflagged": 0, "sheets": 0, "refused": 0, "seconds": 0.0}
    for name, template in layouts:
        samples = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, condition,
                               ballots, seed)
        for sample in samples:
            counts["sheets"] += 1
            start = time.process_time()
            try:
                reading = read_sheet(Image.open(io.BytesIO(sample.image)), template)
            except (NoBallot, SheetMismatch):
                counts["refused"] += 1
                continue
            finally:
                counts["seconds"] += time.process_time() - start
            for row in reading.rows:
                expected = sample.marks[row.person]
                counts["rows"] += 1
                counts["doubtful"] += row.doubtful
                counts["right"] += row.code == expected and not row.doubtful
                if row.code != expected and not row.doubtful:
                    counts["unflagged"] += 1
                    if wrong is not None:
                        wrong.append((condition, name, sample.sheet, row.person + 1, expected, row))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=2, help="ballots per layout and condition")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    parser.add_argument("--markdown", action="store_true", help="the table as the README shows it")
    parser.add_argument("--verbose", action="store_true", help="list every wrong, unflagged row")
    args = parser.parse_args()
    layouts = templates()
    print(f"{args.ballots} ballot(s) per layout and condition; layouts: "
          + ", ".join(f"{name} ({template.width} persons, {len(template.sheets)} sheet(s))"
                      for name, template in layouts))
    if args.markdown:
        print("| condition | rows right | doubtful | wrong, unflagged | sheets refused | sheets/min |")
        print("|---|---:|---:|---:|---:|---:|")
    else:
        print(f"{'condition':<13} {'rows right':>11} {'doubtful':>9} {'wrong, unflagged':>17} {'refused':>8} "
              f"{'sheets/min':>11}")
    wrong: list = []
    total = {"rows": 0, "right": 0, "doubtful": 0, "unflagged": 0, "sheets": 0, "refused": 0, "seconds": 0.0}
    for condition in args.conditions.split(","):
        c = measure(condition, layouts, args.ballots, args.seed, wrong)
        for key in total:
            total[key] += c[key]
        _line(condition, c, args.markdown)
    _line("all", total, args.markdown)
    if args.verbose:
        for item in wrong:
            print("wrong, unflagged:", *item)
    return 1 if total["unflagged"] else 0


def _line(label: str, c: dict, markdown: bool) -> None:
    rows = max(1, c["rows"])
    per_minute = c["sheets"] / c["seconds"] * 60 if c["seconds"] else 0.0
    if markdown:
        print(f"| {label} | {c['right'] / rows:.1%} | {c['doubtful'] / rows:.1%} | {c['unflagged']} | "
              f"{c['refused']} | {per_minute:.0f} |")
    else:
        print(f"{label:<13} {c['right'] / rows:>11.1%} {c['doubtful'] / rows:>9.1%} {c['unflagged']:>17} "
              f"{c['refused']:>8} {per_minute:>11.0f}")


if __name__ == "__main__":
    sys.exit(main())

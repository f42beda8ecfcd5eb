"""Reading accuracy and speed of the scanner path, per condition, on a corpus made from our own PDFs.

    python benchmarks/bench_scan.py [--ballots 20] [--persons 12] [--seed 1] [--conditions 300dpi,photo]

Each ballot is marked at random (X, tick, filled box, light pencil; some rows blank, several boxes or a crossed-out
name; stray marks beside the names), then scanned or photographed under one condition (tests/scan/corpus.py).
Reported per condition:
  rows right        the reading equals the known answer and is not flagged (no person had to correct it)
  boxes right       each box's "marked / not marked" equals the known answer
  wrong, unflagged  a wrong reading NOT flagged as doubtful (goal: 0 — the person confirming might trust it)
  doubtful          share of rows flagged for a person to look at
  sheets/min        one process, decoding the image file included (goal: >= 200 at 300 dpi)
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

from phieu_desktop.scan.reading import EMPTY, MARKED, read_sheet  # noqa: E402
from phieu_desktop.scanning import paper_template  # noqa: E402
from phieu_desktop.store import SessionFile  # noqa: E402
from tests.conftest import make_session  # noqa: E402
from tests.scan.corpus import CONDITIONS, make_samples  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=20)
    parser.add_argument("--persons", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        file = SessionFile.create(Path(folder) / "bench.phieu", make_session(persons=args.persons))
        template = paper_template(file, "lanh-dao")
        file.close()
    print(f"{args.ballots} ballots x {args.persons} persons ({len(template.sheets)} sheet(s) each) per condition")
    print(f"{'condition':<12} {'rows right':>12} {'boxes right':>12} {'wrong, unflagged':>17} {'doubtful':>9} "
          f"{'sheets/min':>11}")
    totals = [0, 0, 0, 0, 0, 0]
    for condition in args.conditions.split(","):
        samples = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, condition,
                               args.ballots, args.seed)
        rows = right = boxes = boxes_right = unflagged = doubtful = 0
        elapsed = 0.0
        for sample in samples:
            start = time.perf_counter()
            reading = read_sheet(Image.open(io.BytesIO(sample.image)), template)
            elapsed += time.perf_counter() - start
            for row in reading.rows:
                expected = sample.marks[row.person]
                rows += 1
                doubtful += row.doubtful
                right += row.code == expected and not row.doubtful
                unflagged += row.code != expected and not row.doubtful
                if expected in template.levels or expected == "0":  # boxes whose truth is one mark or none
                    for index, ink in enumerate(row.ink):
                        boxes += 1
                        boxes_right += (ink >= (EMPTY + MARKED) / 2) == (template.levels[index] == expected)
        per_minute = len(samples) / elapsed * 60
        print(f"{condition:<12} {right / rows:>11.2%} {boxes_right / boxes:>12.2%} {unflagged:>17} "
              f"{doubtful / rows:>9.2%} {per_minute:>11.0f}")
        for i, value in enumerate((rows, right, boxes, boxes_right, unflagged, doubtful)):
            totals[i] += value
    rows, right, boxes, boxes_right, unflagged, doubtful = totals
    print(f"{'all':<12} {right / rows:>11.2%} {boxes_right / boxes:>12.2%} {unflagged:>17} {doubtful / rows:>9.2%}")
    return 1 if unflagged else 0


if __name__ == "__main__":
    sys.exit(main())

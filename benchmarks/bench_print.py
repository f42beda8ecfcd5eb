"""Timing of the paper documents: 500 ballots of 30 persons, and the minutes of a 60-person count.

Run: .venv/bin/python benchmarks/bench_print.py [--copies 500] [--persons 30] [--repeat 5] [--no-platypus]

The floor: every copy of a ballot is the same page(s), so the least any program can do is to draw each page once
as a form XObject (canvas.beginForm) and place it on every copy (canvas.doForm). The floor here draws a bare
ballot of the same number of pages (lines and the names, same embedded font) and places it the same number of
times. For context, the naive way is also measured: one Platypus table laid out per ballot.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table  # noqa: E402

from phieu_desktop.documents.ballots import BallotLayout, ballots_pdf  # noqa: E402
from phieu_desktop.documents.common import FONT, PAGE_HEIGHT, PAGE_WIDTH, register_fonts, table_style  # noqa: E402
from phieu_desktop.documents.minutes import minutes_pdf  # noqa: E402
from phieu_desktop.domain.regime import Regime  # noqa: E402
from phieu_desktop.domain.tally import tally  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import make_session  # noqa: E402


def timed(repeat: int, action) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def floor_pdf(session, pages_per_ballot: int, copies: int) -> bytes:
    """The bare minimum: each ballot page drawn once as a form, placed on every copy."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    persons = session.papers[0].persons
    per_page = -(-len(persons) // pages_per_ballot)
    for page in range(pages_per_ballot):
        canvas.beginForm(f"p{page}")
        canvas.setFont(FONT, 12)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 30 * mm, "PHIẾU TÍN NHIỆM")
        y = PAGE_HEIGHT - 50 * mm
        for index, person in enumerate(persons[page * per_page:(page + 1) * per_page]):
            canvas.rect(30 * mm, y - 8.5 * mm, 165 * mm, 8.5 * mm)
            canvas.drawString(32 * mm, y - 6 * mm, f"{page * per_page + index + 1}  {person.name}  {person.position}")
            y -= 8.5 * mm
        canvas.endForm()
    for _copy in range(copies):
        for page in range(pages_per_ballot):
            canvas.doForm(f"p{page}")
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def platypus_pdf(session, copies: int) -> bytes:
    """The naive way: a Platypus table laid out again for every ballot."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer)
    story = []
    rows = [[str(i + 1), p.name, p.position, "", "", ""] for i, p in enumerate(session.papers[0].persons)]
    for _copy in range(copies):
        table = Table(rows, colWidths=[10 * mm, 45 * mm, 55 * mm, 18 * mm, 18 * mm, 18 * mm], rowHeights=8.5 * mm)
        table.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.8, "black")))
        story += [table, PageBreak()]
    doc.build(story)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--persons", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-platypus", action="store_true")
    args = parser.parse_args()
    register_fonts()

    session = make_session(persons=args.persons)
    key = session.papers[0].key
    pages = len(BallotLayout(session, session.papers[0], "ABCD-1234").pages)
    ours, data = timed(args.repeat, lambda: ballots_pdf(session, "ABCD-1234", [key], args.copies)[0])
    floor, floor_data = timed(args.repeat, lambda: floor_pdf(session, pages, args.copies))
    print(f"ballots: {args.copies} × {args.persons} persons ({pages} page(s) each, {pages * args.copies} pages)")
    print(f"  phieu print ballots : {ours:6.3f} s  {len(data) / 1024:7.0f} KB")
    print(f"  floor (form XObject): {floor:6.3f} s  {len(floor_data) / 1024:7.0f} KB")
    print(f"  ratio               : {ours / floor:6.2f} ×")
    if not args.no_platypus:
        naive, naive_data = timed(1, lambda: platypus_pdf(session, args.copies))
        print(f"  naive Platypus      : {naive:6.3f} s  {len(naive_data) / 1024:7.0f} KB (one table per ballot)")

    big = make_session(persons=60)
    rng = random.Random(1)
    marks = ["".join(rng.choice("CCCTTL0") for _ in range(60)) for _ in range(big.papers[0].returned)]
    result = tally(big, {key: marks}, locked=True, fingerprint="7F3A-19C2-0000-1111-2222-3333")
    assert big.regime is Regime.QD96
    minutes, (minutes_data, minutes_pages) = timed(args.repeat, lambda: minutes_pdf(big, result))
    print(f"minutes: 60 persons, 3 copies, {minutes_pages} pages: {minutes:6.3f} s  {len(minutes_data) / 1024:5.0f} KB")


if __name__ == "__main__":
    main()

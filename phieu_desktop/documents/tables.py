"""The per-person result table (Phụ lục 4 columns), shared by the minutes and the report."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, Table

from ..domain.regime import Regime
from ..domain.tally import PaperResult
from .common import frame_width, para, percent_text, table_style, vn_number
from .flow import RuledTable
from .fonts import BOLD


def result_table(paper: PaperResult, regime: Regime, words: dict, invalid: bool = True, band: bool = True,
                 note: str | None = None, fractions: bool = False, after: list | None = None,
                 continued: Flowable | None = None) -> Table:
    """STT · name · position · valid [· invalid] · per level: count and % [· band]; the header repeats.

    `words["levels"]` may name the levels as the form does (Phụ lục 4: "Cao", "Tín nhiệm", "Thấp").

    `fractions` writes the exact share under each percentage ("25/47"), for a committee that asks for it.

    The note (the denominator) is the table's last, borderless row, so a page break never parts it from the table.
    `after` (the paper's conclusion: who is above half, or nobody) follows as further borderless rows, kept with
    the note and the last person: a conclusion never opens a page alone. `continued` (the conclusion's heading,
    "… (tiếp theo):") stands above the rest of a conclusion a page break cuts, instead of the table's header.
    """
    levels = regime.levels
    # the figures' columns as narrow as their headings' longest words allow ("STT" 6 mm, "không" 8.5 mm at 9 pt):
    # the room goes to the names and positions (issue 24)
    order_width, valid_width = 8 * mm, 11 * mm
    fixed = [("order", order_width), ("valid", valid_width)] + ([("invalid", valid_width)] if invalid else [])
    count_width = 8.8 * mm
    level_width = 20 * mm if len(levels) == 3 else 27 * mm
    if fractions:  # room for "574/998" under the percentage (12.1 mm at 10.5 pt, and the padding)
        level_width = max(level_width, count_width + 13.5 * mm)
    # the band column: room for "Từ 2/3 trở lên" on two lines when a person has a band, else for its heading only
    # (the room goes to the names and positions, issue 24)
    band_width = (14 * mm if any(p.band.label for p in paper.persons) else 10 * mm) if band else 0
    rest = frame_width() - sum(w for _k, w in fixed) - level_width * len(levels) - band_width
    name_width, position_width = _name_and_position(paper, rest)

    head1 = [para(words["order"], "cell_head"), para(words["name"], "cell_head"), para(words["position"], "cell_head"),
             para(words["valid"], "cell_head")]
    widths = [order_width, name_width, position_width, valid_width]
    if invalid:
        head1.append(para(words["invalid"], "cell_head"))
        widths.append(valid_width)
    first_level = len(head1)
    group = words.get("levels_head_bpt", words["levels_head"]) if regime is Regime.NQ96_BPT else words["levels_head"]
    head1 += [para(group, "cell_head")] + [""] * (2 * len(levels) - 1)
    head2 = [""] * first_level
    head3 = [""] * first_level
    for level in levels:
        head2 += [para(words.get("levels", {}).get(level.key, level.label), "cell_head"), ""]
        head3 += [para(words["count"], "cell_head"), para(words["percent"], "cell_head")]
        widths += [count_width, level_width - count_width]
    if band:
        head1.append(para(words["band"], "cell_head"))
        head2.append("")
        head3.append("")
        widths.append(band_width)

    rows = [head1, head2, head3]
    for person in paper.persons:
        # Numbers are plain strings (the style names the embedded font): a Paragraph per number is slow.
        row = [str(person.order), para(person.name, "cell"), para(person.position, "cell"), vn_number(person.valid)]
        if invalid:
            row.append(vn_number(person.invalid))
        for level in levels:
            share = percent_text(person.percent(level.key))
            if fractions and person.denominator:
                share += "\n" + person.share(level.key)
            row += [vn_number(person.counts[level.key]), share]
        if band:
            label = person.band.label
            if label and regime is Regime.NQ96_BPT:
                label = words.get("band_over_half_bpt", label)
            row.append(para(label, "cell_center") if label else "")
        rows.append(row)

    spans = [("SPAN", (col, 0), (col, 2)) for col in range(first_level)]
    spans.append(("SPAN", (first_level, 0), (first_level + 2 * len(levels) - 1, 0)))
    for index in range(len(levels)):
        col = first_level + 2 * index
        spans.append(("SPAN", (col, 1), (col + 1, 1)))
    if band:
        spans.append(("SPAN", (len(widths) - 1, 0), (len(widths) - 1, 2)))
    grid_end = -1
    trailing = [para(note, "note")] if note else []
    trailing += after or []
    if trailing:
        first = len(rows)
        for flowable in trailing:
            rows.append([flowable] + [""] * (len(widths) - 1))
            spans.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
        spans += [("LEFTPADDING", (0, first), (-1, -1), 0), ("RIGHTPADDING", (0, first), (-1, -1), 0),
                  ("TOPPADDING", (0, first), (-1, -1), 4), ("ALIGN", (0, first), (-1, -1), "LEFT"),
                  # the note and the conclusion's first lines go with the last person (a long list of names may
                  # then run on over the page, row by row)
                  ("NOSPLIT", (0, first - 1), (-1, first + min(len(trailing), 3) - 1))]
        grid_end = first - len(rows) - 1
    table = RuledTable(rows, colWidths=widths, repeatRows=3, trailing=len(trailing), continued=continued)
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, grid_end), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("FONTNAME", (0, 0), (-1, 2), BOLD),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (1, 3), (2, grid_end), 3),
        ("RIGHTPADDING", (1, 3), (2, grid_end), 3),  # no name or position touches its cell's border (issue 24)
        *spans,
    ))
    return table


CELL_PADDING = 6  # points: the name and position cells' left (3) and right (3) padding
SAMPLE = 200  # persons: the split is weighed on the first ones (a list is made of similar names and positions)


def _name_and_position(paper: PaperResult, rest: float) -> tuple[float, float]:
    """The room left by the figures, shared between the name and the position by their content (issue 24): the
    split whose tallest row is the shortest (no row of 7-9 lines), then the table shortest (the sum over persons of
    the taller of the two cells, in lines), the names' side winning a tie
    so that a name keeps to one line. Between 30 % and 70 % of the room each."""
    style = para("", "cell").style
    people = [(p.name, p.position) for p in paper.persons[:SAMPLE]]
    best: tuple[tuple[int, int, int], float] | None = None
    for share in range(30, 71, 2):
        name_width = rest * share / 100
        rows = [max(len(simpleSplit(name, style.fontName, style.fontSize, name_width - CELL_PADDING)),
                    len(simpleSplit(position, style.fontName, style.fontSize, rest - name_width - CELL_PADDING)))
                for name, position in people]
        key = (max(rows, default=0), sum(rows), -share)
        if best is None or key < best[0]:
            best = (key, name_width)
    name_width = best[1] if best is not None else rest * 0.52
    return name_width, rest - name_width

"""How official text flows over pages: a table is split only by the rule, a heading keeps with what follows.

The rule for tables (what a reviewer expects): a table of up to `KEEP_WHOLE` body rows is never split; a longer one
leaves at least `LEAST_ROWS` body rows on each side of a break, and repeats its header row(s) on the next page.
The rule bends only where it cannot hold: a short table taller than a whole page, or rows so tall that three of them
do not fit on a fresh page, split where reportlab would. And where keeping a short table whole would leave more than
`ROOM_LEFT` of a page empty (the minutes' first page ending after section I, issue 24), it splits as a long one does:
at least `LEAST_ROWS` rows on each side, the header repeated. A table that cannot split so (1-5 rows) may leave
its lead on that page and go to the next (`WithTable(lead_alone=…)`, the minutes), rather than leave it half empty.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

KEEP_WHOLE = 10
LEAST_ROWS = 3
ROOM_LEFT = 0.35  # of the body frame: a short table going whole to the next page may leave no more empty
FRAME_HEIGHT = 711.0  # points: the body frame of an A4 portrait page (documents/common.py margins)


class RuledTable(Table):
    """A Table that splits only as the rule says. `trailing` rows (a note under the grid) are not body rows."""

    def __init__(self, *args, trailing: int = 0, frame_height: float = FRAME_HEIGHT,
                 continued: Flowable | None = None, **kwargs) -> None:
        kwargs.setdefault("splitInRow", 0)
        kwargs.setdefault("longTableOptimize", 0)  # every row measured: the rule needs the whole table's height
        super().__init__(*args, **kwargs)
        self.trailing = trailing
        # the heading of a list in the trailing rows (the paper's band list), repeated above the rest of that list
        # when a page break falls inside it, instead of the table's header above no person's row (issue 24 item 15)
        self.continued = continued
        self.frame_height = frame_height  # the body frame of a fresh page
        self.least_first = LEAST_ROWS  # body rows before a break (the entry log's first table: 1, issue 24)
        self.part = False  # the continuation of a split table: "never split" no longer applies to it
        self.forced = False  # set by WithTable on a fresh page, where its lead takes part of the room
        self.bent = False  # set by WithTable where keeping this short table whole would leave a page too empty

    def _head_rows(self) -> int:
        repeat = self.repeatRows
        return repeat if isinstance(repeat, int) else max(repeat) + 1

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):  # noqa: N802 (reportlab's name)
        head = self._head_rows()
        total = len(self._rowHeights)
        body = total - head - self.trailing
        # reportlab stops measuring rows (None) once they pass the available height
        heights = self._rowHeights
        whole = None if None in heights else sum(heights)
        fresh = self.forced or availHeight >= self.frame_height - 1  # at the top of a page: nowhere better to go
        if body <= KEEP_WHOLE and not self.part and not self.forced and not (self.bent and body >= 2 * LEAST_ROWS) \
                and (whole is None or whole <= self.frame_height):
            return 0 if whole is None or whole > availHeight else total
        n = reportlab_n = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
        if n >= total:
            return n
        last_body = total - self.trailing  # first index after the body
        if last_body - n < LEAST_ROWS:
            before = heights[:last_body - LEAST_ROWS]
            if None not in before:
                n = super()._getFirstPossibleSplitRowPosition(min(availHeight, sum(before) + 0.01), ignoreSpans)
        if n - head < self.least_first:
            return reportlab_n if fresh else 0
        return n

    def _splitRows(self, availHeight, doInRowSplit=0):  # noqa: N802
        parts = super()._splitRows(availHeight, doInRowSplit)
        for part in parts:
            if part is not self:
                part.trailing = self.trailing
                part.frame_height = self.frame_height
                part.continued = self.continued
                part.least_first = self.least_first
        if len(parts) == 2:
            parts[1].part = True
            first_rows = len(parts[0]._cellvalues)
            if self.continued is not None and first_rows >= len(self._cellvalues) - self.trailing:
                # only trailing rows continue: they go on under the list's heading, not under the table's header
                rest = [row[0] for row in self._cellvalues[first_rows:]]
                tail = Table([[self.continued]] + [[flowable] for flowable in rest], colWidths=[sum(self._colWidths)],
                             repeatRows=1, splitInRow=0)
                tail.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 4), ("VALIGN", (0, 0), (-1, -1), "TOP")])
                return [parts[0], tail]
        return parts


class WithTable(Flowable):
    """Lead-in flowables (a heading, the lines introducing a table) kept with the first rows of a table."""

    def __init__(self, lead: list, table: Flowable, lead_alone: float | None = None) -> None:
        super().__init__()
        self.lead = lead
        self.table = table
        # the lead may stay on a page that would otherwise be left at least `lead_alone` (of the frame) empty, its
        # short table (one that cannot be split by the rule) going to the next page with its header (issue 24: the
        # minutes' page 1 half empty after section I when the first paper has 1-5 persons); None: never
        self.lead_alone = lead_alone

    def _lead_height(self, width: float) -> float:
        return sum(f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.lead)

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.lead_height = self._lead_height(availWidth)
        _w, table_height = self.table.wrap(availWidth, max(availHeight - self.lead_height, 1))
        self.width, self.height = availWidth, self.lead_height + table_height
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        lead = self._lead_height(availWidth)
        if lead >= availHeight:
            return []
        parts = self.table.split(availWidth, availHeight - lead)
        frame = getattr(self.table, "frame_height", float("inf"))
        if not parts and availHeight >= ROOM_LEFT * frame and hasattr(self.table, "bent"):
            self.table.bent = True  # whole on the next page would leave this one too empty: split by the rule
            try:
                parts = self.table.split(availWidth, availHeight - lead)
            finally:
                self.table.bent = False
        if not parts and self.lead_alone is not None and self.lead and \
                self.lead_alone * frame <= availHeight < frame - 1:
            return [*self.lead, WithTable([], self.table)]  # the lead fits (lead < availHeight): it fills this page
        if not parts and availHeight >= frame - 1:
            self.table.forced = True  # a fresh page and still no split by the rule: split where it can
            try:
                parts = self.table.split(availWidth, availHeight - lead)
            finally:
                self.table.forced = False
        if not parts:
            return []
        return [WithTable(self.lead, parts[0]), *parts[1:]]

    def draw(self) -> None:
        y = self.height
        for flowable in self.lead:
            y -= flowable.getSpaceBefore()
            _w, h = flowable.wrap(self.width, 1e6)
            y -= h
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()
        self.table.drawOn(self.canv, 0, 0)


def keep_with_next(flowable: Flowable) -> Flowable:
    """Mark a paragraph (a heading, a line ending in a colon) to stay on the page of what follows it."""
    flowable.keepWithNext = 1
    return flowable


__all__ = ["KEEP_WHOLE", "LEAST_ROWS", "ROOM_LEFT", "RuledTable", "WithTable", "keep_with_next"]

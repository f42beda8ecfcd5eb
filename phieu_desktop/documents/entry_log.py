"""Nhật ký nhập phiếu: every ballot operation of the audit log, per paper, in the order it was done."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from ..domain import audit
from ..domain.audit import AuditEntry
from ..domain.session import Session
from ..domain.work import Ticker
from ..store import SessionFile
from .common import (
    build_document,
    frame_width,
    heading,
    para,
    place_date,
    signature_block,
    table_style,
    vn_number,
    wording,
)
from .flow import ROOM_LEFT, RuledTable, WithTable, keep_with_next
from .fonts import BOLD
from .minutes import ROMAN
from .page_marks import PageMarks

BALLOT_ACTIONS = (audit.BALLOT_ADDED, audit.BALLOT_CORRECTED, audit.BALLOT_REMOVED, audit.CHECK_ADDED,
                  audit.CHECK_RULED)


def render_log(file: SessionFile, out: Path) -> None:
    data, _pages = log_bytes(file)
    from ..files import write_new  # a new file only: unpredictable temporary name, never through a link

    write_new(Path(out), data)


def log_bytes(file: SessionFile, ticker: Ticker | None = None) -> tuple[bytes, int]:
    """The log of any session, locked or not (it says which)."""
    session = file.session
    entries = file.audit_entries()
    entered = {paper.key: len(file.ballots(paper.key)) for paper in session.papers}
    sealed = next((e for e in entries if e.action == audit.LOCKED), None)
    common = wording("common")["marks"]
    footer = f"{session.organization} · " + (common["fingerprint"].format(fingerprint=file.fingerprint)
                                              if file.fingerprint else common["unlocked"])
    marks = PageMarks(secret=True, footer=footer, ticker=ticker)
    return build_document(lambda: _story(session, entries, entered, sealed, file.fingerprint), marks,
                          wording("log")["title"], session.organization, session.title)


def group_marks(marks: str | None) -> str:
    """'CTLCTTLC0M' -> 'CTLCT TLC0M': groups of five, so a recount does not lose its place."""
    if not marks:
        return ""
    return " ".join(marks[i:i + 5] for i in range(0, len(marks), 5))


LEAD_KEPT_WITH_TABLE = 40  # persons: beyond, the paper's list of persons no longer travels with its table


def format_time(at: str) -> str:
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    return moment.strftime("%d/%m %H:%M:%S")


def _story(session: Session, entries: list[AuditEntry], entered: dict[str, int], sealed: AuditEntry | None,
           fingerprint: str | None) -> list:
    words = wording("log")
    story: list = [Spacer(1, 8 * mm), heading(session, right_date=place_date(session.place, session.date)),
                   Spacer(1, 8 * mm), para(words["title"], "title"),
                   para(words["subtitle"].format(title=session.title), "subtitle"), Spacer(1, 4 * mm),
                   para(words["intro"], "body_indent"), keep_with_next(para(words["legend_title"] + ":", "section"))]
    levels = words["levels"][session.regime.value]
    story += [para("- " + line.format(levels=levels), "body_indent") for line in words["legend"]]
    for index, paper in enumerate(session.papers):
        rows = [e for e in entries if e.action in BALLOT_ACTIONS and e.detail.get("key") == paper.key]
        title = para(words["paper_title"].format(roman=ROMAN[index % len(ROMAN)], title=paper.title.upper(),
                                                 key=paper.key), "section")
        long_list = len(paper.persons) > LEAD_KEPT_WITH_TABLE
        if long_list:  # a heading kept with a list taller than a page would leave a blank page before it
            title.keepWithNext = 0
        lead = [Spacer(1, 4 * mm), title if long_list else keep_with_next(title)]
        persons = "; ".join(f"{order}. {person.name}" for order, person in enumerate(paper.persons, start=1))
        lead += [para(words["columns_intro"].format(persons=persons), "small"), Spacer(1, 2 * mm)]
        summary = para(words["summary"].format(entered=vn_number(entered[paper.key]),
                                               returned=vn_number(paper.returned), operations=len(rows)), "note")
        table = _table(rows, words, summary) if rows else None
        if table is not None and index == 0:
            # the heading and legend keep the first table's first rows on their page, however few fit (issue 24
            # item 15: a first page held only the heading and the legend)
            table.least_first = 1
        if table is not None and long_list:  # the list of persons alone may fill a page: it
            story += lead + [table]  # flows on its own (kept together it could not be laid out)
        elif table is not None:  # the first paper's lead stays under the legend if not even one row fits there
            story.append(WithTable(lead, table, lead_alone=ROOM_LEFT if index == 0 else None))
        else:
            story += lead + [para(words["empty"], "body_indent"), summary]
    if sealed is not None:
        last = para(words["sealed"].format(at=format_time(sealed.at), fingerprint=fingerprint), "plain_indent")
    else:
        last = para(words["unsealed"], "body_indent")
    width = frame_width()
    signs = Table([[signature_block([words["sign"][0]], words["sign_hint"], "", width / 2),
                    signature_block([words["sign"][1]], words["sign_hint"], "", width / 2)]],
                  colWidths=[width / 2, width / 2])
    signs.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    story.append(KeepTogether([Spacer(1, 4 * mm), last, Spacer(1, 6 * mm), signs]))
    return story


def _table(rows: list[AuditEntry], words: dict, summary: Flowable) -> RuledTable:
    """One paper's operations; the paper's summary line is the table's last, borderless row, kept with the last
    operation (issue 24 item 15: it opened a page alone)."""
    head = words["table"]
    actions = words["actions"]
    data = [[para(head[k], "cell_head") for k in ("seq", "at", "number", "action", "marks", "old", "reason")]]
    for entry in rows:
        d = entry.detail
        marks = group_marks(d.get("marks")) if entry.action != audit.BALLOT_REMOVED else ""
        old = group_marks(d.get("old"))
        if entry.action == audit.CHECK_RULED:
            old = actions["ruled_detail"].format(first=group_marks(d.get("first")), second=group_marks(d.get("second")))
        data.append([para(str(entry.seq), "cell_center"), para(format_time(entry.at), "cell"),
                     para(str(d.get("number", "")), "cell_center"),
                     para(actions.get(entry.action, entry.action), "cell"),
                     para(marks, "cell"), para(old, "cell"), para(d.get("reason") or _source(d, actions), "cell")])
    widths = _widths(data)
    data.append([summary] + [""] * (len(widths) - 1))
    table = RuledTable(data, colWidths=widths, repeatRows=1, trailing=1)
    last = len(data) - 1
    table.setStyle(table_style(("GRID", (0, 0), (-1, -2), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("FONTNAME", (0, 0), (-1, 0), BOLD), ("LEFTPADDING", (0, 0), (-1, -1), PAD / 2),
                               ("RIGHTPADDING", (0, 0), (-1, -1), PAD / 2), ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("SPAN", (0, last), (-1, last)),
                               ("LEFTPADDING", (0, last), (-1, last), 0), ("TOPPADDING", (0, last), (-1, last), 4),
                               ("NOSPLIT", (0, last - 1), (-1, last))))
    return table


PAD = 6  # points: left and right padding of a cell (3 + 3): no word touches the border


def _widths(data: list[list]) -> list[float]:
    """Columns sized to their content (issue 24): the first four fixed, the marks, the old marks and the reason
    share the rest. Each gets at least its heading's longest word, at most its longest line; an empty column
    ("Trước khi sửa" and "Lý do" of a session without corrections) stays narrow, the room goes to the marks."""
    fixed = [11 * mm, 26 * mm, 13 * mm, 18 * mm]
    rest = frame_width() - sum(fixed)
    columns = range(len(fixed), len(data[0]))
    least, most = [], []
    for col in columns:
        head = data[0][col]
        low = max(stringWidth(word, head.style.fontName, head.style.fontSize) for word in head.text.split()) + PAD
        high = max([stringWidth(row[col].text, row[col].style.fontName, row[col].style.fontSize) + PAD
                    for row in data[1:]] + [low])
        least.append(max(low + 2, 11 * mm))
        most.append(max(high + 2, least[-1]))
    if sum(most) <= rest:  # everything fits on one line: the spare room in proportion
        spare = rest - sum(most)
        return fixed + [w + spare * w / sum(most) for w in most]
    wants = [m - low for m, low in zip(most, least)]
    spare = rest - sum(least)
    return fixed + [low + spare * want / sum(wants) for low, want in zip(least, wants)]


def _source(detail: dict, actions: dict) -> str:
    """A ballot read by a scanner and confirmed by a person: the first 8 hex digits of each image's SHA-256."""
    source = detail.get("source")
    if not isinstance(source, dict):
        return ""
    images, changed = source.get("images"), source.get("changed")
    text = actions["scanned"].format(images=", ".join(str(d)[:8] for d in images) if isinstance(images, list) else "")
    if isinstance(changed, list) and changed:
        text += actions["scanned_changed"].format(rows=", ".join(map(str, changed)))
    return text


__all__ = ["group_marks", "log_bytes", "render_log"]

"""The papers before and after the meeting that the plan calls for (Kế hoạch 240/KH-UBND, C.IV, C.V):

- the letter asking the supervising bodies to send representatives (`supervisors-letter`);
- the báo cáo sơ kết, the process report signed by the head of the body, MẬT (`process-report`): what the program
  knows is filled in (deadlines kept and missed, attendance and quorum, ballots, corrections and rulings,
  supervisors, committee); what only people can write is left as marked lines;
- the announcement of results (`announcement`), one per publication scope of the plan.

Their words are data in forms/ (supervisors_letter.toml, process_report.toml, announcement.toml).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table

from ..domain import plan
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.marks import NOT_ISSUED
from ..domain.regime import Header
from ..domain.session import Session, exemption_reasons
from ..domain.tally import SessionResult
from ..store import SessionFile
from .attendance import attendance_paragraphs
from .common import (
    at_meeting,
    build_document,
    frame_width,
    heading,
    para,
    place_date,
    signature_block,
    table_style,
    title_rule,
    vn_number,
    wording,
)
from .flow import RuledTable, WithTable
from .page_marks import CopyStart, PageMarks
from .planning import SessionPlan, scope_label, session_plan
from .tables import result_table


def _day(day: date | None) -> str:
    return "—" if day is None else day.strftime("%d/%m/%Y")


def _lower_title(title: str) -> str:
    return title[:1].lower() + title[1:] if title[:2] != title[:2].upper() else title


def _closing(session: Session, words: dict, extra: dict | None = None) -> Table:
    """Nơi nhận on the left, the head of the body's signature on the right (NĐ 30 / HD 36)."""
    width = frame_width()
    values = {"parent": session.parent or "……", **(extra or {})}
    left = [para(words["recipients_title"], "note")] + [para(line.format(**values), "small")
                                                       for line in words["recipients"]]
    sign = words["sign"]["party" if session.header is Header.PARTY else "state"]
    table = Table([[left, signature_block(sign, words["sign_hint"], "", width / 2)]],
                  colWidths=[width / 2, width / 2])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)))
    return table


def _lines(words: dict, hints: list[str] | None = None) -> list:
    story = [para(words["written_by_people"], "note")]
    for hint in hints or [""]:
        if hint:
            story.append(para(hint, "plain_indent"))
        story += [para("……", "plain") for _ in range(int(words["blank_lines"]))]
    return story


# --- the letter asking for supervisors ---

def supervisors_letter_bytes(file: SessionFile, today: date | None = None) -> tuple[bytes, int]:
    """Printable before the meeting; the reply is asked for by the plan's deadline for the letter plus a week, or
    three days before the meeting, whichever is earlier."""
    session = file.session
    words = wording("supervisors_letter")
    p = session_plan(file, today)
    letter = p.milestone("supervisors_letter")
    reply = min(plan.due_date(session.date, -3), plan.due_date(letter.due, 7)) if letter else \
        plan.due_date(session.date, -3)
    values = {"organization": session.organization, "title_lower": _lower_title(session.title),
              "day": _day(session.date), "place": session.place, "reply": _day(reply)}

    def story() -> list:
        s = [Spacer(1, 8 * mm), heading(session, right_date=place_date(session.place, p.today),
                                        left_extra=[words["number"], words["about"]]), Spacer(1, 8 * mm)]
        bodies = [para(words["to"], "plain_indent")] + [para(words["body_line"].format(body=b), "plain_indent")
                                                        for b in words["bodies"]]
        s += bodies + [Spacer(1, 4 * mm)]
        s += [para(line.format(**values), "body_indent") for line in words["body"]]
        s.append(KeepTogether([para(words["closing"], "body_indent"), Spacer(1, 6 * mm), _closing(session, words)]))
        return s

    marks = PageMarks(secret=False, footer=session.organization)
    return build_document(story, marks, words["about"], session.organization, session.title)


# --- the process report (báo cáo sơ kết) ---

def _evaluation(m: plan.Milestone, words: dict) -> str:
    if m.done is not None:
        late = (m.done - m.due).days
        return words["kept"] if late <= 0 else words["late_by"].format(days=late)
    return words["not_yet"] if m.status in (plan.Status.UPCOMING, plan.Status.DUE) else words["not_done"]


def _timeline_table(p: SessionPlan, words: dict) -> RuledTable:
    width = frame_width()
    rows = [[para(text, "cell_head") for text in words["timeline_head"]]]
    for n, m in enumerate([m for m in p.milestones if m.days <= 0], start=1):
        rows.append([para(str(n), "cell_center"), para(m.text, "cell"), para(_day(m.due), "cell_center"),
                     para(_day(m.done), "cell_center"), para(_evaluation(m, words), "cell_center")])
    table = RuledTable(rows, colWidths=[12 * mm, width - 92 * mm, 24 * mm, 26 * mm, 30 * mm], repeatRows=1)
    table.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")))
    return table


def _log_counts(file: SessionFile) -> dict[str, int]:
    counts = {"corrected": 0, "removed": 0, "checked": 0, "ruled": 0}
    names = {"ballot_corrected": "corrected", "ballot_removed": "removed", "check_added": "checked",
             "check_ruled": "ruled"}
    for entry in file.audit_entries():
        if entry.action in names:
            counts[names[entry.action]] += 1
    return counts


def process_report_bytes(file: SessionFile, today: date | None = None) -> tuple[bytes, int]:
    """MẬT on every page; a draft (marked on every page) while the count is not locked."""
    session = file.session
    words = wording("process_report")
    p = session_plan(file, today)
    result = file.results()
    handling = _log_counts(file)
    foreign = {key: sum(1 for _n, marks in rows if marks == NOT_ISSUED) for key, rows in file.all_ballots().items()}
    draft = not file.locked

    def story() -> list:
        return _process_story(session, result, p, words, handling, foreign, draft)

    common = wording("common")["marks"]
    footer = f"{session.organization} · " + (common["fingerprint"].format(fingerprint=result.fingerprint)
                                              if result.fingerprint else common["unlocked"])
    marks = PageMarks(secret=True, draft=draft, footer=footer)
    return build_document(story, marks, words["title"], session.organization, session.title)


def _process_story(session: Session, result: SessionResult, p: SessionPlan, words: dict, handling: dict,
                   foreign: dict, draft: bool) -> list:
    values = {"organization": session.organization, "title_lower": _lower_title(session.title),
              "day": _day(session.date), "place": session.place}
    s = [Spacer(1, 8 * mm), heading(session, right_date=place_date(session.place, session.date),
                                    number=words["number_kind"]), Spacer(1, 8 * mm),
         para(words["title"], "title"), para(words["subtitle"], "subtitle"), title_rule(words["subtitle"]),
         para(at_meeting(words["meeting"], words["meeting_generic"], session.title), "center"), Spacer(1, 4 * mm),
         para(words["intro"].format(**values), "body_indent"),
         para(words["preparation_title"], "section"), para(words["timeline_intro"], "body_indent"),
         Spacer(1, 1.5 * mm), _timeline_table(p, words), Spacer(1, 3 * mm)]
    persons = p.persons()
    complete = sum(1 for key, _name in persons if all(f"{key}/{n}" in p.facts.dossier for n in plan.REQUIRED_ITEMS))
    questions = list(p.facts.questions.values())
    s.append(para(words["dossiers"].format(persons=len(persons), complete=complete, questions=len(questions),
                                           sent=sum(1 for q in questions if q.sent is not None),
                                           explanations=len(p.facts.explanations)), "body_indent"))
    exempt = [f"{x.name} ({', '.join(exemption_reasons(x))})" for paper in session.papers for x in paper.persons
              if exemption_reasons(x)]
    s.append(para(words["exempt"].format(list="; ".join(exempt)) if exempt else words["exempt_none"], "body_indent"))

    s.append(para(words["meeting_title"], "section"))
    s += attendance_paragraphs(session, words)  # the minutes' lines: they add up, once per voter group
    if session.supervisors:
        s.append(para("- " + words["supervisors_intro"], "body_indent"))
        s += [para("+ " + words["supervisor_line"].format(name=x.name, position=x.position or "……",
                                                          body=x.body or "……"), "body_indent")
              for x in session.supervisors]
    else:
        s.append(para("- " + words["supervisors_none"], "body_indent"))
    s.append(para("- " + words["committee_intro"].format(count=len(session.committee)), "body_indent"))
    s += [para("+ " + words["committee_line"].format(name=m.name, role=m.role), "body_indent")
          for m in session.committee]
    for paper in result.papers:
        s.append(para("- " + words["paper_counts"].format(
            title=paper.title, issued=vn_number(paper.issued), returned=vn_number(paper.returned),
            foreign=vn_number(foreign.get(paper.key, 0)), entered=vn_number(paper.entered)), "body_indent"))
    s.append(para("- " + words["handling"].format(**{k: vn_number(v) for k, v in handling.items()}), "body_indent"))
    s.append(para("- " + (words["seal"].format(fingerprint=result.fingerprint) if result.fingerprint and not draft
                          else words["seal_draft"]), "plain_indent"))  # the fingerprint would stretch a justified line
    s.append(para("- " + words["complaints"], "body_indent"))
    s += _lines(words)
    s.append(para(words["assessment_title"], "section"))
    s += _lines(words, words["assessment_hints"])
    s.append(para(words["proposals_title"], "section"))
    lines = _lines(words)
    tail = [lines.pop() for _ in range(2)][::-1]
    s += lines
    s.append(KeepTogether([*tail, Spacer(1, 6 * mm), _closing(session, words)]))
    return s


# --- the announcement of results (thông báo kết quả), per publication scope ---

def announcement_bytes(file: SessionFile, today: date | None = None) -> tuple[bytes, int]:
    """Only of a sealed count: results are published as the committee locked them."""
    if not file.locked:
        raise PhieuError(_("Chưa khóa kết quả: chỉ in được thông báo kết quả sau khi khóa và niêm phong."))
    session = file.session
    words = wording("announcement")
    p = session_plan(file, today)
    result = file.results()
    letters: list[tuple[bool, str, list]] = []  # (to one person, addressee, the paper results it carries)
    for scope in p.scopes:
        if scope == "person":
            for paper in result.papers:
                for person in paper.persons:
                    to = words["to_person"].format(name=person.name, position=person.position)
                    letters.append((True, to, [replace(paper, persons=(replace(person, order=1),))]))
        else:
            to = words[f"to_{scope}"].format(parent=session.parent or "……")
            letters.append((False, to, list(result.papers)))
    if not letters:
        raise PhieuError(_("Kế hoạch chưa chọn phạm vi công bố kết quả nào (phieu scopes)."))
    marks = PageMarks(secret=False, footer=session.organization, copies=len(letters), show_copy=False)

    def story() -> list:
        s: list = []
        for n, (single, to, papers) in enumerate(letters, start=1):
            if s:
                s.append(PageBreak())
            s.append(CopyStart(marks, n))
            s += _announcement(session, result, words, to, papers, single)
        return s

    return build_document(story, marks, words["subtitle"], session.organization, session.title)


def _announcement(session: Session, result: SessionResult, words: dict, to: str, papers: list,
                  single: bool) -> list:
    values = {"organization": session.organization, "title_lower": _lower_title(session.title),
              "day": _day(session.date), "place": session.place, "fingerprint": result.fingerprint}
    s = [Spacer(1, 8 * mm), heading(session, right_date=place_date(session.place, session.date),
                                    number=words["number_kind"]), Spacer(1, 8 * mm),
         para(words["title"], "title"), para(words["subtitle"], "subtitle"), title_rule(words["subtitle"]),
         para(at_meeting(words["meeting"], words["meeting_generic"], session.title), "center"), Spacer(1, 4 * mm),
         para(words["to"].format(to=to), "center"), Spacer(1, 4 * mm),
         para(words["intro_person" if single else "intro"].format(**values), "body_indent")]
    report_words = wording("report")["table"]
    for paper in papers:
        lead = [para(words["counts"].format(title=paper.title, issued=vn_number(paper.issued),
                                            returned=vn_number(paper.returned)), "body_indent"), Spacer(1, 1.5 * mm)]
        note = words["note"].format(basis=paper.basis.label, denominator=vn_number(paper.denominator))
        s += [WithTable(lead, result_table(paper, session.regime, report_words, invalid=False, band=False,
                                           note=note)), Spacer(1, 3 * mm)]
    s.append(KeepTogether([para(words["closing"].format(**values), "body_indent"), Spacer(1, 6 * mm),
                           _closing(session, words)]))
    return s


def scope_names(file: SessionFile) -> list[str]:
    return [scope_label(s) for s in session_plan(file).scopes]


__all__ = ["announcement_bytes", "process_report_bytes", "scope_names", "supervisors_letter_bytes"]

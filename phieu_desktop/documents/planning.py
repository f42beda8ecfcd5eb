"""The plan of one session file: the default deadlines of forms/plan.toml, the plan notes of its log, folded by
`domain.plan`; and the one function that records a plan fact (what `phieu plan` and the window's plan view call)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..domain import plan
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_NAME, MAX_PLAN_DAYS, MAX_QUESTIONS
from ..domain.session import Session
from ..domain.text import checked_text, parse_day
from ..paths import form
from ..store import SessionFile


@lru_cache(maxsize=1)
def _table() -> dict:
    """forms/plan.toml, read without the document machinery (the plan view opens without reportlab)."""
    path = form("plan.toml")
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise PhieuError(_("Không đọc được mẫu văn bản {name} (forms/): {err}").format(name=path.name,
                                                                                       err=err)) from None


def rules(regime: str) -> list[plan.MilestoneRule]:
    """The default milestones of a regime (the no-confidence vote follows NQ 96's)."""
    table = _table()
    rows = table["nq96" if regime == "nq96-bpt" else regime]
    return [plan.MilestoneRule(str(r["key"]), int(r["days"]), str(r["text"]), str(r["source"])) for r in rows]


@dataclass(frozen=True)
class SessionPlan:
    session: Session
    today: date
    milestones: list[plan.Milestone]
    facts: plan.PlanFacts
    gaps: list[plan.DossierGap]
    scopes: tuple[str, ...]
    locked: bool
    sent_up: date | None

    def milestone(self, key: str) -> plan.Milestone | None:
        return next((m for m in self.milestones if m.key == key), None)

    @property
    def next_steps(self) -> list[plan.Milestone]:
        return plan.next_steps(self.milestones)

    def persons(self) -> list[tuple[str, str]]:
        return [(plan.person_key(p.key, n), person.name) for p in self.session.papers
                for n, person in enumerate(p.persons, start=1)]


def _notes(file: SessionFile) -> tuple[list[dict], dict[str, date]]:
    """The plan notes' details, and the milestones the log shows done by itself (the first time, by day). The
    meeting is done on its own date once the count is locked (the ballots may be entered on a later day)."""
    notes, automatic = [], {}
    for entry in file.audit_entries():
        if not isinstance(entry.detail, dict):
            continue
        what = entry.detail.get("what") if entry.action == "note" else entry.action
        if what == plan.PLAN_NOTE:
            notes.append(entry.detail)
            continue
        key = plan.AUTOMATIC.get((what, entry.detail.get("document") if what != "locked" else None))
        if key is not None and key not in automatic:
            try:
                automatic[key] = file.session.date if what == "locked" else date.fromisoformat(entry.at[:10])
            except ValueError:
                pass
    return notes, automatic


def session_plan(file: SessionFile, today: date | None = None) -> SessionPlan:
    """The plan as the file holds it, seen on `today` (injectable for tests; the computer's date otherwise)."""
    _require_file(file)  # a log changed behind the program's back is not read as a plan
    today = today or date.today()
    session = file.session
    notes, automatic = _notes(file)
    facts = plan.fold(notes, automatic)
    milestones = plan.timeline(session.date, rules(session.regime.value), facts, today)
    days = {m.key: m.days for m in milestones}
    persons = [(plan.person_key(p.key, n), person.name) for p in session.papers
               for n, person in enumerate(p.persons, start=1)]
    gaps = plan.dossier_gaps(persons, facts, session.date, today, days.get("dossiers_to_voters", -15),
                             days.get("questions_to_person", -10), days.get("explanations", -3))
    return SessionPlan(session, today, milestones, facts, gaps, plan.scopes(facts, session.regime.value),
                       file.locked, automatic.get(plan.SENT_UP))


def _require_file(file: SessionFile) -> None:
    if not file.opening_report.ok:
        raise PhieuError(_("Tệp đã bị thay đổi ngoài chương trình: {problem}").format(
            problem=file.opening_report.problems[0]))


def _milestone_key(file: SessionFile, key: str) -> str:
    keys = [r.key for r in rules(file.session.regime.value)]
    if key not in keys:
        raise PhieuError(_("Không có mốc “{key}” trong kế hoạch; các mốc: {keys}.").format(key=key[:40],
                                                                                         keys=", ".join(keys)))
    return key


def _person(file: SessionFile, key: str) -> str:
    for paper in file.session.papers:
        for n, _person in enumerate(paper.persons, start=1):
            if plan.person_key(paper.key, n) == key:
                return key
    raise PhieuError(_("Không có người được lấy phiếu “{key}” (loại phiếu/số thứ tự, ví dụ lanh-dao/1).").format(
        key=key[:60]))


def set_due(file: SessionFile, key: str, due: date | None) -> None:
    """Edit one deadline (kept as days from the meeting), or None to go back to the default."""
    _require_file(file)
    value = None if due is None else (due - file.session.date).days
    if value is not None and abs(value) > MAX_PLAN_DAYS:
        raise PhieuError(_("Hạn {day} cách ngày họp quá {limit} ngày (giới hạn của chương trình).").format(
            day=due.strftime("%d/%m/%Y"), limit=MAX_PLAN_DAYS))
    file.note(plan.PLAN_NOTE, **plan.note_detail(plan.OFFSET, _milestone_key(file, key), value))


def set_done(file: SessionFile, key: str, done: date | None) -> None:
    _require_file(file)
    file.note(plan.PLAN_NOTE, **plan.note_detail(plan.DONE, _milestone_key(file, key),
                                                 None if done is None else done.isoformat()))


def set_received(file: SessionFile, person: str, item: int, received: date | None) -> None:
    """One item of a person's dossier (Phụ lục 1: 1 report, 2 declaration, 3 explanation) received on a day."""
    _require_file(file)
    if item not in (1, 2, 3):
        raise PhieuError(_("Tài liệu của hồ sơ là số 1, 2 hoặc 3 (Phụ lục 1)."))
    key = f"{_person(file, person)}/{item}"
    file.note(plan.PLAN_NOTE, **plan.note_detail(plan.DOSSIER, key, None if received is None else
                                                 received.isoformat()))


def set_explanation(file: SessionFile, person: str, received: date | None) -> None:
    _require_file(file)
    file.note(plan.PLAN_NOTE, **plan.note_detail(plan.EXPLANATION, _person(file, person),
                                                 None if received is None else received.isoformat()))


def add_question(file: SessionFile, person: str, asker: str, received: date, sent: date | None = None) -> int:
    """A voter's written question to a person: who asked (as the committee records it), when it was received and
    when it was sent on to the person. Returns its number."""
    _require_file(file)
    asker = checked_text(_("Người hỏi"), asker, MAX_NAME)
    numbers = session_plan(file).facts.questions
    if len(numbers) >= MAX_QUESTIONS:
        raise PhieuError(_("Đã ghi {n} câu hỏi, giới hạn của chương trình.").format(n=MAX_QUESTIONS))
    number = max(numbers, default=0) + 1
    value = {"person": _person(file, person), "asker": asker, "received": received.isoformat(),
             "sent": None if sent is None else sent.isoformat()}
    file.note(plan.PLAN_NOTE, **plan.note_detail(plan.QUESTION, str(number), value))
    return number


def question_sent(file: SessionFile, number: int, sent: date) -> None:
    _require_file(file)
    question = session_plan(file).facts.questions.get(number)
    if question is None:
        raise PhieuError(_("Không có câu hỏi số {n}.").format(n=number))
    value = {"person": question.person, "asker": question.asker,
             "received": None if question.received is None else question.received.isoformat(),
             "sent": sent.isoformat()}
    file.note(plan.PLAN_NOTE, **plan.note_detail(plan.QUESTION, str(number), value))


def set_scopes(file: SessionFile, chosen: list[str]) -> None:
    _require_file(file)
    unknown = [s for s in chosen if s not in plan.SCOPE_KEYS]
    if unknown:
        raise PhieuError(_("Không có phạm vi công bố “{key}”; các phạm vi: {keys}.").format(
            key=unknown[0][:40], keys=", ".join(plan.SCOPE_KEYS)))
    file.note(plan.PLAN_NOTE, **plan.note_detail(plan.SCOPES, "", [s for s in plan.SCOPE_KEYS if s in chosen]))


def scope_label(key: str) -> str:
    return str(_table()["scopes"][key])


def dossier_items() -> list[str]:
    return [str(item) for item in _table()["dossier"]["items"]]


def plan_json(p: SessionPlan) -> dict:
    """`phieu plan --json`: the same facts as the window shows."""
    def iso(d: date | None) -> str | None:
        return None if d is None else d.isoformat()

    return {
        "meeting": p.session.date.isoformat(),
        "today": p.today.isoformat(),
        "regime": p.session.regime.value,
        "milestones": [{"key": m.key, "text": m.text, "source": m.source, "days": m.days, "edited": m.edited,
                        "due": iso(m.due), "done": iso(m.done), "status": m.status.value} for m in p.milestones],
        "next": [m.key for m in p.next_steps],
        "dossiers": [{"person": key, "name": name,
                      "items": {str(n): iso(p.facts.dossier.get(f"{key}/{n}")) for n in (1, 2, 3)},
                      "explanation": iso(p.facts.explanations.get(key))} for key, name in p.persons()],
        "questions": [{"number": q.number, "person": q.person, "asker": q.asker, "received": iso(q.received),
                       "sent": iso(q.sent)} for q in sorted(p.facts.questions.values(), key=lambda q: q.number)],
        "missing": [{"person": g.person, "name": g.name, "what": g.what} for g in p.gaps],
        "scopes": list(p.scopes),
        "sent_up": iso(p.sent_up),
    }


__all__ = ["SessionPlan", "add_question", "dossier_items", "parse_day", "plan_json", "question_sent", "rules",
           "scope_label", "session_plan", "set_done", "set_due", "set_explanation", "set_received", "set_scopes"]

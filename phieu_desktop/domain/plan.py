"""The plan (kế hoạch) around the meeting: milestones computed back from the meeting date, the dossiers, the
voters' questions and the publication of results.

None of this is counting data: it is recorded as `note` entries of the kind "plan" in the audit log (allowed before
and after the lock, so the seal's rule "after the lock only notes" holds) and folded here into a `PlanFacts`.

The deadlines themselves are data (forms/plan.toml, each with its source); this module only does the arithmetic:
a milestone's due date is the meeting date plus its offset in days (negative before the meeting). An offset the
secretary edits is kept as days from the meeting, so when the meeting moves every deadline moves with it; a date
done stays as it was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from .i18n import _
from .limits import MAX_PLAN_DAYS

PLAN_NOTE = "plan"  # the `what` of a note entry that records a plan fact

# The kinds of fact a plan note carries ("kind"), with the key ("key") and the value ("value"): last one wins.
OFFSET = "offset"  # key: milestone; value: days from the meeting (int) or None for the default
DONE = "done"  # key: milestone; value: ISO date done, or None (not done)
DOSSIER = "dossier"  # key: "paper/order/item"; value: ISO date received, or None
QUESTION = "question"  # key: a number; value: {"person": "paper/order", "asker", "received", "sent"} or None
EXPLANATION = "explanation"  # key: "paper/order"; value: ISO date received, or None
SCOPES = "scopes"  # key: ""; value: the publication scopes chosen (list of keys)
KINDS = (OFFSET, DONE, DOSSIER, QUESTION, EXPLANATION, SCOPES)

# Milestones the program marks done by itself from the log: the key of the milestone and the note that does it.
SENT_UP = "send_up"  # the result sent to the higher level: done when an export of the sealed package is noted
# The milestone each event of the log marks done: ("locked", None), ("exported", None) for the sealed package,
# ("printed", document) for a document printed.
AUTOMATIC = {("locked", None): "meeting", ("exported", None): SENT_UP, ("printed", "ballots"): "ballots_printed",
             ("printed", "process-report"): "process_report", ("printed", "announcement"): "publish",
             ("printed", "supervisors-letter"): "supervisors_letter", ("printed", "dossier"): "reports_requested"}

# Publication scopes (Hà Giang 240/KH-UBND C.V; Cà Mau 166-KH/TU): the keys, and which are chosen by default.
SCOPE_KEYS = ("voters", "authority", "person", "media")
MEDIA_REGIMES = ("nq96", "nq96-bpt")  # positions elected by the Quốc hội or an HĐND: also the mass media


@dataclass(frozen=True)
class MilestoneRule:
    """One default deadline, as forms/plan.toml states it."""

    key: str
    days: int  # from the meeting date: -15 is fifteen days before, 7 seven days after, 0 the day itself
    text: str
    source: str


@dataclass(frozen=True)
class Question:
    number: int
    person: str  # "paper/order"
    asker: str
    received: date | None
    sent: date | None


@dataclass
class PlanFacts:
    """What the plan notes of a log say, folded in order (the last note of a key wins)."""

    offsets: dict[str, int] = field(default_factory=dict)
    done: dict[str, date] = field(default_factory=dict)
    dossier: dict[str, date] = field(default_factory=dict)
    questions: dict[int, Question] = field(default_factory=dict)
    explanations: dict[str, date] = field(default_factory=dict)
    scopes: tuple[str, ...] | None = None  # None: the regime's default


class Status(str, Enum):
    DONE = "done"
    DONE_LATE = "done_late"
    LATE = "late"
    DUE = "due"  # due within `SOON_DAYS` (or today)
    UPCOMING = "upcoming"

    @property
    def label(self) -> str:
        return {Status.DONE: _("Đã xong"), Status.DONE_LATE: _("Xong muộn"), Status.LATE: _("Quá hạn"),
                Status.DUE: _("Sắp đến hạn"), Status.UPCOMING: _("Chưa đến hạn")}[self]


SOON_DAYS = 3


@dataclass(frozen=True)
class Milestone:
    key: str
    text: str
    source: str
    days: int  # from the meeting (the default or the edited offset)
    edited: bool
    due: date
    done: date | None
    status: Status

    @property
    def open(self) -> bool:
        return self.status in (Status.LATE, Status.DUE, Status.UPCOMING)


def due_date(meeting: date, days: int) -> date:
    """The meeting date plus `days` calendar days (negative: before); month ends and 29 February as the calendar
    has them."""
    return meeting + timedelta(days=days)


def status_of(due: date, done: date | None, today: date) -> Status:
    if done is not None:
        return Status.DONE if done <= due else Status.DONE_LATE
    if today > due:
        return Status.LATE
    if (due - today).days <= SOON_DAYS:
        return Status.DUE
    return Status.UPCOMING


def timeline(meeting: date, rules: list[MilestoneRule], facts: PlanFacts, today: date) -> list[Milestone]:
    """Every milestone of the plan, in date order (ties in the order of the rules)."""
    result = []
    for rule in rules:
        days = facts.offsets.get(rule.key, rule.days)
        due = due_date(meeting, days)
        done = facts.done.get(rule.key)
        result.append(Milestone(rule.key, rule.text, rule.source, days, rule.key in facts.offsets, due, done,
                                status_of(due, done, today)))
    order = {rule.key: n for n, rule in enumerate(rules)}
    return sorted(result, key=lambda m: (m.due, order[m.key]))


MEETING = "meeting"  # the milestone of the meeting itself (done once the count is locked)


def next_steps(milestones: list[Milestone], limit: int = 3) -> list[Milestone]:
    """What to do next: the open milestones, late ones first, then by date. Once the meeting is held, what was
    due before it can no longer be done: only what comes after is proposed (the process report lists the rest)."""
    held = any(m.key == MEETING and m.done is not None for m in milestones)
    open_ones = [m for m in milestones if m.open and not (held and m.days < 0)]
    return sorted(open_ones, key=lambda m: (m.status is not Status.LATE, m.due))[:limit]


def _iso(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def fold(notes: list[dict], automatic: dict[str, date] | None = None) -> PlanFacts:
    """The plan facts of the details of the plan notes, in log order. A note of a shape the program never writes
    is skipped (it changes no count; `verify` checks the chain that holds it). `automatic`: milestones the log
    shows done by itself (the lock, a document printed, the sealed package exported: `AUTOMATIC`), with the day;
    a date recorded by hand wins."""
    facts = PlanFacts()
    for note in notes:
        kind, key, value = note.get("kind"), note.get("key"), note.get("value")
        if not isinstance(key, str):
            continue
        if kind == OFFSET:
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_PLAN_DAYS:
                facts.offsets[key] = value
            else:
                facts.offsets.pop(key, None)
        elif kind == DONE:
            _put(facts.done, key, _iso(value))
        elif kind == DOSSIER:
            _put(facts.dossier, key, _iso(value))
        elif kind == EXPLANATION:
            _put(facts.explanations, key, _iso(value))
        elif kind == QUESTION and key.isdigit():
            if isinstance(value, dict) and isinstance(value.get("person"), str):
                facts.questions[int(key)] = Question(int(key), value["person"], str(value.get("asker", "")),
                                                     _iso(value.get("received")), _iso(value.get("sent")))
            else:
                facts.questions.pop(int(key), None)
        elif kind == SCOPES:
            if isinstance(value, list):
                facts.scopes = tuple(s for s in SCOPE_KEYS if s in value)
            else:
                facts.scopes = None
    for key, day in (automatic or {}).items():
        facts.done.setdefault(key, day)
    return facts


def _put(table: dict, key: str, value: date | None) -> None:
    if value is None:
        table.pop(key, None)
    else:
        table[key] = value


def note_detail(kind: str, key: str, value: object) -> dict:
    """The detail of the note entry that records one plan fact (`SessionFile.note(PLAN_NOTE, **detail)`)."""
    if kind not in KINDS:
        raise ValueError(kind)
    return {"kind": kind, "key": key, "value": value}


def scopes(facts: PlanFacts, regime: str) -> tuple[str, ...]:
    """The publication scopes: as chosen, or by default the voters, the managing authority and the person rated,
    and the mass media for positions elected by the Quốc hội or an HĐND."""
    if facts.scopes is not None:
        return facts.scopes
    return SCOPE_KEYS if regime in MEDIA_REGIMES else SCOPE_KEYS[:3]


# --- the dossier of each person (Phụ lục 1) ---

def person_key(paper_key: str, order: int) -> str:
    """A person rated, by paper and printed order (1-based)."""
    return f"{paper_key}/{order}"


def dossier_key(paper_key: str, order: int, item: int) -> str:
    return f"{paper_key}/{order}/{item}"


@dataclass(frozen=True)
class DossierGap:
    person: str  # person_key
    name: str
    what: str  # Vietnamese


REQUIRED_ITEMS = (1, 2)  # the report and the declaration of assets; the explanation (item 3) only when asked


def dossier_gaps(persons: list[tuple[str, str]], facts: PlanFacts, meeting: date, today: date,
                 send_days: int = -15, questions_days: int = -10, explanations_days: int = -3) -> list[DossierGap]:
    """What is missing now, person by person: the required items once the dossiers are due to the voters (15 days
    before), questions received but not sent to the person once they are due (10 days before), and an explanation
    not received for a question once it is due (3 days before). `persons`: (person_key, name) in order."""
    gaps: list[DossierGap] = []
    for key, name in persons:
        if today >= due_date(meeting, send_days):
            missing = [n for n in REQUIRED_ITEMS if f"{key}/{n}" not in facts.dossier]
            if missing:
                gaps.append(DossierGap(key, name, _("thiếu tài liệu số {items} của hồ sơ (Phụ lục 1)").format(
                    items=", ".join(str(n) for n in missing))))
        asked = [q for q in facts.questions.values() if q.person == key]
        if today >= due_date(meeting, questions_days):
            unsent = [q for q in asked if q.sent is None]
            if unsent:
                gaps.append(DossierGap(key, name, _("{n} câu hỏi của người ghi phiếu chưa chuyển đến người được lấy "
                                                    "phiếu").format(n=len(unsent))))
        if asked and today >= due_date(meeting, explanations_days) and key not in facts.explanations:
            gaps.append(DossierGap(key, name, _("chưa nhận báo cáo giải trình")))
    return gaps


__all__ = ["DONE", "DOSSIER", "EXPLANATION", "KINDS", "OFFSET", "PLAN_NOTE", "QUESTION", "SCOPES", "SCOPE_KEYS",
           "SENT_UP", "AUTOMATIC", "DossierGap", "Milestone", "MilestoneRule", "PlanFacts", "Question", "Status",
           "dossier_gaps", "dossier_key", "due_date", "fold", "next_steps", "note_detail", "person_key", "scopes",
           "status_of", "timeline"]

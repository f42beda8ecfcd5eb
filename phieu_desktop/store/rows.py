"""Rows of the session file <-> domain objects; used by the operations and by the integrity check."""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlite_utils

from ..domain.audit import AuditEntry, entry_hash
from ..domain.i18n import _
from ..domain.regime import CrossedOutRuling, Denominator, Header, Regime
from ..domain.seal import canonical_bytes
from ..domain.session import BallotPaper, CommitteeMember, Person, Session, Supervisor, VoterGroup
from .connection import FileRefused


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def append_entry(db: sqlite_utils.Database, prev: str, seq: int, action: str, detail: dict,
                 at: str | None = None) -> str:
    at = at or now()
    digest = entry_hash(prev, seq, at, action, detail)
    db.execute("INSERT INTO audit (seq, at, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
               [seq, at, action, canonical_bytes(detail).decode("utf-8"), prev, digest])
    return digest


# The voter groups (issue 24) and each paper's group, as one JSON row of the `meta` table: a session without
# groups writes none, so its file is exactly what earlier versions wrote and needs no new schema. What the row holds
# is checked like every table (`integrity`: the tables must equal the log's replay, which the seal covers).
GROUPS_META = "voter_groups"


def write_groups(db: sqlite_utils.Database, session: Session) -> None:
    db.execute("DELETE FROM meta WHERE name = ?", [GROUPS_META])
    if not session.groups:
        return
    value = {"groups": [[g.key, g.name, g.summoned, g.present, g.present_at_vote] for g in session.groups],
             "papers": {p.key: p.group for p in session.papers}}
    db.execute("INSERT INTO meta (name, value) VALUES (?, ?)", [GROUPS_META, canonical_bytes(value).decode("utf-8")])


def _read_groups(db: sqlite_utils.Database) -> tuple[tuple[VoterGroup, ...], dict[str, str]]:
    row = db.execute("SELECT value FROM meta WHERE name = ?", [GROUPS_META]).fetchone()
    if row is None:
        return (), {}
    try:
        value = json.loads(row[0])
        groups = tuple(VoterGroup(*item) for item in value["groups"])
        papers = {str(k): str(v) for k, v in value["papers"].items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        raise FileRefused(_("Tệp có danh sách thành phần ghi phiếu không đọc được (tệp bị sửa ngoài chương "
                            "trình).")) from None
    return groups, papers


def write_session(db: sqlite_utils.Database, session: Session) -> None:
    s = session
    write_groups(db, s)
    db.execute(
        "INSERT INTO session (id, regime, denominator, crossed_out, header, organization, parent, title, place, date,"
        " summoned, present, present_at_vote) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [s.regime.value, s.denominator.value, s.crossed_out.value, s.header.value, s.organization, s.parent, s.title,
         s.place, s.date.isoformat(), s.summoned, s.present, s.present_at_vote])
    for position, member in enumerate(s.committee, start=1):
        db.execute("INSERT INTO committee (position, name, role) VALUES (?, ?, ?)", [position, member.name,
                                                                                     member.role])
    for position, sup in enumerate(s.supervisors, start=1):
        db.execute("INSERT INTO supervisors (position, name, title, body) VALUES (?, ?, ?, ?)",
                   [position, sup.name, sup.position, sup.body])
    for position, paper in enumerate(s.papers, start=1):
        db.execute("INSERT INTO papers (key, position, title, voters, issued, returned) VALUES (?, ?, ?, ?, ?, ?)",
                   [paper.key, position, paper.title, paper.voters, paper.issued, paper.returned])
        for order, person in enumerate(paper.persons, start=1):
            db.execute("INSERT INTO persons (paper_key, position, name, title, retiring, appointed_this_year,"
                       " serious_illness) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [paper.key, order, person.name, person.position, int(person.retiring),
                        int(person.appointed_this_year), int(person.serious_illness)])


def read_session(db: sqlite_utils.Database) -> Session:
    row = db.execute("SELECT regime, denominator, crossed_out, header, organization, parent, title, place, date,"
                     " summoned, present, present_at_vote FROM session WHERE id = 1").fetchone()
    if row is None:
        raise FileRefused(_("Tệp không có thông tin hội nghị."))
    groups, paper_groups = _read_groups(db)
    papers = []
    for key, title, voters, issued, returned in db.execute(
            "SELECT key, title, voters, issued, returned FROM papers ORDER BY position").fetchall():
        persons = tuple(
            Person(name, position, bool(retiring), bool(appointed), bool(ill))
            for name, position, retiring, appointed, ill in db.execute(
                "SELECT name, title, retiring, appointed_this_year, serious_illness FROM persons WHERE paper_key = ?"
                " ORDER BY position", [key]).fetchall())
        papers.append(BallotPaper(key, title, voters, persons, issued, returned, paper_groups.get(key, "")))
    committee = tuple(CommitteeMember(name, role) for name, role in db.execute(
        "SELECT name, role FROM committee ORDER BY position").fetchall())
    return Session(
        regime=Regime(row[0]), denominator=Denominator(row[1]), crossed_out=CrossedOutRuling(row[2]),
        header=Header(row[3]), organization=row[4], parent=row[5], title=row[6], place=row[7],
        date=date.fromisoformat(row[8]), summoned=row[9], present=row[10], present_at_vote=row[11],
        committee=committee, papers=tuple(papers), groups=groups,
        supervisors=tuple(Supervisor(name, position, body) for name, position, body in db.execute(
            "SELECT name, title, body FROM supervisors ORDER BY position").fetchall()))


def read_audit(db: sqlite_utils.Database) -> list[AuditEntry]:
    return [AuditEntry(seq, at, action, json.loads(detail), prev, digest) for seq, at, action, detail, prev, digest
            in db.execute("SELECT seq, at, action, detail, prev_hash, hash FROM audit ORDER BY seq").fetchall()]

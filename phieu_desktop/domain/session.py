"""The session (hội nghị lấy phiếu): organisation, attendance, committee and ballot papers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from . import limits
from .i18n import _
from .regime import CrossedOutRuling, Denominator, Header, Regime
from .text import clean, text_problem

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# A unit code (mã đơn vị) as the higher level gives it: ASCII letters and digits with . - _ / inside, no spaces, so
# that it reads the same on every keyboard and cannot hide a look-alike letter.
UNIT_CODE_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,38}[A-Za-z0-9])?$")


def unit_code_problem(code: str) -> str:
    return _("Mã đơn vị “{code}” chỉ được gồm chữ cái không dấu, chữ số và các dấu . - _ / ở giữa (tối đa 40 ký "
             "tự).").format(code=code)


@dataclass(frozen=True)
class Person:
    """A person rated on a ballot paper, in the paper's printed order."""

    name: str
    position: str  # chức vụ, đơn vị công tác, as printed
    retiring: bool = False  # retirement announced: should not be rated
    appointed_this_year: bool = False  # appointed or elected in the year of the vote: should not be rated
    # NQ 96/2023/QH15: on leave for serious illness, confirmed by a medical facility, not in charge of work for 6
    # consecutive months or more: should not be rated (a key added later: "serious_illness")
    serious_illness: bool = False


@dataclass(frozen=True)
class BallotPaper:
    """One kind of ballot paper in the session, with its own persons and counts."""

    key: str
    title: str
    voters: str  # who votes on this paper ("của ... đối với ...")
    persons: tuple[Person, ...]
    issued: int | None = None  # phiếu phát ra
    returned: int | None = None  # phiếu thu về
    group: str = ""  # the voter group's key (`VoterGroup`); "" in a session without groups


@dataclass(frozen=True)
class VoterGroup:
    """One "thành phần ghi phiếu" (Hà Giang plan B.II): the voters of one or more papers, with their own summoned /
    present / present at the vote and their own 2/3 quorum. A session without groups has one, implicit: the
    session's own attendance (`attendance_groups`)."""

    key: str
    name: str  # thành phần ghi phiếu, as the minutes print it
    summoned: int
    present: int | None = None
    present_at_vote: int | None = None


@dataclass(frozen=True)
class Supervisor:
    """A member of the supervising delegation (thành phần giám sát) sent by a body of the higher level."""

    name: str
    position: str  # chức vụ
    body: str  # the body that sent them: Ủy ban Kiểm tra, Ban Tổ chức, Sở Nội vụ …


# The bodies the plan asks to send supervisors (Kế hoạch 240/KH-UBND, C.IV Bước 1); data printed as typed.
SUPERVISING_BODIES = ("Ủy ban Kiểm tra", "Ban Tổ chức", "Sở Nội vụ")


@dataclass(frozen=True)
class CommitteeMember:
    name: str
    role: str  # Trưởng ban, Ủy viên, Thư ký ...

    @property
    def is_head(self) -> bool:
        return is_head_role(self.role)


# The roles offered for the counting committee, as the minutes write them. They are data recorded in the file and
# printed as typed, not interface words: they are not translated.
HEAD_ROLE = "Trưởng ban"
MEMBER_ROLE = "Ủy viên"
COMMITTEE_ROLES = (HEAD_ROLE, "Phó Trưởng ban", MEMBER_ROLE, "Thư ký")


def is_head_role(role: str) -> bool:
    """Does this role head the committee? "Trưởng ban" or "Trưởng ban kiểm phiếu", in any case; not "Phó Trưởng ban"."""
    return " ".join(role.split()).casefold().startswith(HEAD_ROLE.casefold())


def committee_head(committee: tuple[CommitteeMember, ...] | list[CommitteeMember]) -> CommitteeMember | None:
    """Who heads the counting committee (signs the minutes and the report): the first member with the head's role."""
    return next((member for member in committee if member.is_head), None)


def committee_problems(committee: tuple[CommitteeMember, ...] | list[CommitteeMember],
                       complete: bool = False) -> list[str]:
    """The committee's own rule: exactly one Trưởng ban (who signs the minutes and the report), in Vietnamese.

    `complete` (the lock) also asks for at least one member; while preparing, an empty committee may wait.
    """
    if not committee:
        return [_("Chưa có thành viên Ban kiểm phiếu.")] if complete else []
    heads = sum(1 for member in committee if member.is_head)
    if heads != 1:
        return [_("Ban kiểm phiếu phải có đúng một Trưởng ban (hiện có {n}).").format(n=heads)]
    return []


def suggested_role(committee: tuple[CommitteeMember, ...] | list[CommitteeMember]) -> str:
    """The role proposed for the next member: the head while there is none, then an ordinary member."""
    return MEMBER_ROLE if committee_head(committee) is not None else HEAD_ROLE


@dataclass(frozen=True)
class Session:
    regime: Regime
    header: Header
    organization: str
    parent: str
    title: str
    place: str
    date: date
    summoned: int
    papers: tuple[BallotPaper, ...]
    committee: tuple[CommitteeMember, ...] = ()
    present: int | None = None
    present_at_vote: int | None = None
    denominator: Denominator = Denominator.RETURNED
    crossed_out: CrossedOutRuling = CrossedOutRuling.ROW
    supervisors: tuple[Supervisor, ...] = ()  # thành phần giám sát present (a key added later)
    groups: tuple[VoterGroup, ...] = ()  # voter groups; empty: every paper is voted by the whole meeting
    unit_code: str = ""  # mã đơn vị, given by the higher level: the unit's identity there (with `parent`)

    def paper(self, key: str) -> BallotPaper:
        for paper in self.papers:
            if paper.key == key:
                return paper
        raise KeyError(key)

    def with_attendance(self, present: int, present_at_vote: int) -> Session:
        return replace(self, present=present, present_at_vote=present_at_vote)

    def with_counts(self, key: str, issued: int, returned: int) -> Session:
        papers = tuple(replace(p, issued=issued, returned=returned) if p.key == key else p for p in self.papers)
        return replace(self, papers=papers)

    def with_group_attendance(self, key: str, present: int, present_at_vote: int) -> Session:
        groups = tuple(replace(g, present=present, present_at_vote=present_at_vote) if g.key == key else g
                       for g in self.groups)
        return replace(self, groups=groups)


def attendance_groups(session: Session) -> tuple[VoterGroup, ...]:
    """The groups whose attendance and quorum the rules check: the session's voter groups, or, without any, one
    group holding the session's own attendance (key "")."""
    if session.groups:
        return session.groups
    return (VoterGroup("", "", session.summoned, session.present, session.present_at_vote),)


def paper_group(session: Session, paper: BallotPaper) -> VoterGroup:
    """The voters of this paper: its group, or the whole meeting in a session without groups (or a paper whose
    group is unknown, which `session_problems` reports)."""
    for group in attendance_groups(session):
        if group.key == paper.group or not session.groups:
            return group
    return VoterGroup(paper.group, "", session.summoned, None, None)


def group_papers(session: Session, group: VoterGroup) -> tuple[BallotPaper, ...]:
    """The papers this group votes (every paper in a session without groups)."""
    return tuple(p for p in session.papers if not session.groups or p.group == group.key)


def groups_quorum_met(session: Session) -> bool:
    """Every group (the whole meeting without groups) has at least 2/3 of its summoned present."""
    return all(quorum_met(g.summoned, g.present) for g in attendance_groups(session))


def quorum_met(summoned: int, present: int | None) -> bool:
    """At least two thirds of those summoned are present: present*3 >= summoned*2."""
    return present is not None and present * 3 >= summoned * 2


def quorum_shortfall(summoned: int, present: int | None) -> int:
    """How many more people must be present for the quorum (0 when it is met)."""
    needed = (summoned * 2 + 2) // 3  # ceil(2*summoned/3) in integers
    return max(0, needed - (present or 0))


def absent(summoned: int, present: int | None) -> int | None:
    """Those summoned who are not present; None while attendance is unknown or impossible (present > summoned)."""
    if present is None or present < 0 or present > summoned:
        return None
    return summoned - present


@dataclass(frozen=True)
class AttendanceBreakdown:
    """Who was not there, so that every printed line adds up: summoned = present + absent from the start, and
    summoned = present at the vote + absent at the vote, where absent at the vote = absent from the start + left
    before the vote. The window and every document print these same figures."""

    summoned: int
    present: int
    present_at_vote: int | None
    absent_from_start: int  # summoned - present
    left_before_vote: int | None  # present - present at the vote
    absent_at_vote: int | None  # summoned - present at the vote


def attendance_breakdown(summoned: int, present: int | None, present_at_vote: int | None) -> AttendanceBreakdown | None:
    """The breakdown of these figures; None while present is unknown or the figures do not hold together."""
    if present is None or attendance_problems(summoned, present, present_at_vote):
        return None
    if present_at_vote is None:
        return AttendanceBreakdown(summoned, present, None, summoned - present, None, None)
    return AttendanceBreakdown(summoned, present, present_at_vote, summoned - present, present - present_at_vote,
                               summoned - present_at_vote)


def attendance_problems(summoned: int, present: int | None, present_at_vote: int | None) -> list[str]:
    """What is wrong with these attendance figures, in Vietnamese; empty when they hold together."""
    problems: list[str] = []
    if present is not None and present < 0 or present_at_vote is not None and present_at_vote < 0:
        problems.append(_("Số người không được âm."))
    if present is not None and present > summoned:
        problems.append(_("Số người có mặt ({present}) lớn hơn số người được triệu tập ({summoned}).").format(
            present=present, summoned=summoned))
    if present_at_vote is not None:
        if present is None:
            problems.append(_("Chưa ghi số người có mặt mà đã ghi số người có mặt khi bỏ phiếu."))
        elif present_at_vote > present:
            problems.append(_("Số người có mặt khi bỏ phiếu ({at_vote}) lớn hơn số người có mặt ({present}).").format(
                at_vote=present_at_vote, present=present))
    return problems


def count_problems(paper: BallotPaper, issued: int | None, returned: int | None,
                   present_at_vote: int | None) -> list[str]:
    """Check returned <= issued <= present at the vote for one paper, in Vietnamese."""
    problems: list[str] = []
    label = _("Phiếu “{title}”").format(title=paper.title)
    if issued is not None and issued < 0 or returned is not None and returned < 0:
        problems.append(_("{label}: số phiếu không được âm.").format(label=label))
    if issued is not None and present_at_vote is not None and issued > present_at_vote:
        problems.append(_("{label}: số phiếu phát ra ({issued}) lớn hơn số người có mặt khi bỏ phiếu "
                          "({at_vote}).").format(label=label, issued=issued, at_vote=present_at_vote))
    if returned is not None:
        if issued is None:
            problems.append(_("{label}: chưa ghi số phiếu phát ra.").format(label=label))
        elif returned > issued:
            problems.append(_("{label}: số phiếu thu về ({returned}) lớn hơn số phiếu phát ra ({issued}).").format(
                label=label, returned=returned, issued=issued))
    return problems


def session_problems(session: Session) -> list[str]:
    """Everything that makes the session itself invalid (not yet the count), in Vietnamese."""
    problems: list[str] = size_problems(session)
    if problems:  # nothing else is looked at in a session too large to be real
        return problems
    if session.summoned < 1:
        problems.append(_("Số người được triệu tập phải lớn hơn 0."))
    for name, value in (("organization", session.organization), ("title", session.title), ("place", session.place)):
        if not value:
            problems.append(_("Thiếu trường “{field}”.").format(field=name))
    if session.unit_code and not UNIT_CODE_PATTERN.match(session.unit_code):
        problems.append(unit_code_problem(session.unit_code))
    problems += attendance_problems(session.summoned, session.present, session.present_at_vote)
    problems += group_problems(session)
    problems += committee_problems(session.committee)
    if not session.papers:
        problems.append(_("Hội nghị phải có ít nhất một loại phiếu."))
    keys: set[str] = set()
    for paper in session.papers:
        if not KEY_PATTERN.match(paper.key):
            problems.append(_("Mã phiếu “{key}” chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang.").format(
                key=paper.key))
        if paper.key in keys:
            problems.append(_("Mã phiếu “{key}” bị trùng.").format(key=paper.key))
        keys.add(paper.key)
        if not paper.title:
            problems.append(_("Phiếu “{key}” thiếu tiêu đề.").format(key=paper.key))
        if not paper.persons:
            problems.append(_("Phiếu “{key}” chưa có người được lấy phiếu.").format(key=paper.key))
        seen: set[tuple[str, str]] = set()
        for order, person in enumerate(paper.persons, start=1):
            if not person.name:
                problems.append(_("Phiếu “{key}”, người thứ {order}: thiếu họ và tên.").format(
                    key=paper.key, order=order))
            ident = (person.name.casefold(), person.position.casefold())
            if ident in seen:
                problems.append(_("Phiếu “{key}”: “{name}” có hai lần trong danh sách.").format(
                    key=paper.key, name=person.name))
            seen.add(ident)
        group = paper_group(session, paper)
        problems += count_problems(paper, paper.issued, paper.returned, group.present_at_vote)
        if paper.issued is not None and paper.issued > group.summoned:
            problems.append(_("Phiếu “{title}”: số phiếu phát ra ({issued}) lớn hơn số người được triệu tập "
                              "({summoned}).").format(title=paper.title, issued=paper.issued,
                                                      summoned=group.summoned))
    return problems


def group_problems(session: Session) -> list[str]:
    """The voter groups' own rules, in Vietnamese: keys, names, each group's summoned within the meeting's and its
    attendance holding together; with groups, every paper names one and every group has a paper."""
    return group_list_problems(session) + group_paper_problems(session)


def _group_label(group: VoterGroup, number: int) -> str:
    """How a message names a group: by its name, or by its place in the list while it has none."""
    if group.name:
        return _("Thành phần “{name}”").format(name=group.name)
    return _("Thành phần ghi phiếu thứ {n}").format(n=number)


def group_list_problems(session: Session) -> list[str]:
    """The groups themselves (keys, names, summoned, attendance), whatever papers they vote: the wizard checks
    them where the summoned numbers are typed, before any paper exists."""
    problems: list[str] = []
    keys: set[str] = set()
    for number, group in enumerate(session.groups, start=1):
        label = _group_label(group, number)
        if not KEY_PATTERN.match(group.key):
            problems.append(_("Mã thành phần “{key}” chỉ được gồm chữ thường không dấu, chữ số và dấu gạch "
                              "ngang.").format(key=group.key))
        if group.key in keys:
            problems.append(_("Mã thành phần “{key}” bị trùng.").format(key=group.key))
        keys.add(group.key)
        if not group.name:
            problems.append(_("Thành phần ghi phiếu thứ {n}: chưa nhập tên thành phần.").format(n=number))
        if group.summoned < 1:
            problems.append(_("{group}: số người được triệu tập phải lớn hơn 0.").format(group=label))
        elif group.summoned > session.summoned:
            problems.append(_("{group}: số người được triệu tập ({n}) lớn hơn số người được triệu tập "
                              "dự hội nghị ({total}).").format(group=label, n=group.summoned,
                                                              total=session.summoned))
        problems += [_("{group}: {problem}").format(group=label, problem=problem)
                     for problem in attendance_problems(group.summoned, group.present, group.present_at_vote)]
    return problems


def group_paper_problems(session: Session) -> list[str]:
    """Papers and groups together: with groups, every paper names one of them and every group votes a paper;
    without, no paper names a group."""
    if not session.groups:
        return [_("Phiếu “{key}” ghi thành phần ghi phiếu “{group}” nhưng hội nghị không chia thành phần.").format(
            key=p.key, group=p.group) for p in session.papers if p.group]
    problems: list[str] = []
    keys = {group.key for group in session.groups}
    for number, group in enumerate(session.groups, start=1):
        if not any(p.group == group.key for p in session.papers):
            problems.append(_("{group} không ghi loại phiếu nào.").format(group=_group_label(group, number)))
    for paper in session.papers:
        if not paper.group:
            problems.append(_("Phiếu “{title}”: chưa chọn thành phần ghi phiếu.").format(
                title=paper.title or paper.key))
        elif paper.group not in keys:
            problems.append(_("Phiếu “{key}”: thành phần ghi phiếu “{group}” không có trong danh sách thành phần "
                              "({keys}).").format(key=paper.key, group=paper.group, keys=", ".join(sorted(keys))))
    return problems


HEADER_PART, COMMITTEE_PART, PAPERS_PART = "header", "committee", "papers"


def size_problems(session: Session, part: str | None = None, hidden_allowed: bool = False) -> list[str]:
    """Every text checked for forbidden characters and length, every count against `domain.limits`.

    `part` (HEADER_PART, COMMITTEE_PART, PAPERS_PART) limits the check to what one page of the wizard collects.
    `hidden_allowed` lets forbidden characters pass (consolidating a count sealed by an earlier program).
    """
    checks: dict[str, tuple[list, list]] = {HEADER_PART: ([], []), COMMITTEE_PART: ([], []), PAPERS_PART: ([], [])}
    counts, texts = checks[HEADER_PART]
    counts += [(_("Số người được triệu tập"), session.summoned, limits.MAX_PEOPLE),
               (_("Số người có mặt"), session.present or 0, limits.MAX_PEOPLE),
               (_("Số người có mặt khi bỏ phiếu"), session.present_at_vote or 0, limits.MAX_PEOPLE)]
    texts += [(_("Tên cơ quan, đơn vị (organization)"), session.organization, limits.MAX_TEXT),
              (_("Cơ quan cấp trên (parent)"), session.parent, limits.MAX_TEXT),
              (_("Tên hội nghị (title)"), session.title, limits.MAX_TEXT),
              (_("Địa danh (place)"), session.place, limits.MAX_TEXT),
              (_("Mã đơn vị (unit_code)"), session.unit_code, limits.MAX_UNIT_CODE)]
    counts.append((_("Số thành phần ghi phiếu"), len(session.groups), limits.MAX_PAPERS))
    for group in session.groups[:limits.MAX_PAPERS]:
        label = _("Thành phần “{key}”").format(key=group.key[:40])
        counts += [(_("{label}: số người được triệu tập").format(label=label), group.summoned, limits.MAX_PEOPLE),
                   (_("{label}: số người có mặt").format(label=label), group.present or 0, limits.MAX_PEOPLE),
                   (_("{label}: số người có mặt khi bỏ phiếu").format(label=label), group.present_at_vote or 0,
                    limits.MAX_PEOPLE)]
        texts += [(_("{label}, tên").format(label=label), group.name, limits.MAX_TEXT),
                  (_("{label}, mã").format(label=label), group.key, limits.MAX_TEXT)]
    counts, texts = checks[COMMITTEE_PART]
    counts.append((_("Số thành viên Ban kiểm phiếu"), len(session.committee), limits.MAX_COMMITTEE))
    for n, member in enumerate(session.committee[:limits.MAX_COMMITTEE], start=1):
        texts += [(_("Ban kiểm phiếu, thành viên thứ {n}, họ và tên").format(n=n), member.name, limits.MAX_NAME),
                  (_("Ban kiểm phiếu, thành viên thứ {n}, vai trò").format(n=n), member.role, limits.MAX_TEXT)]
    counts.append((_("Số người giám sát"), len(session.supervisors), limits.MAX_COMMITTEE))
    for n, sup in enumerate(session.supervisors[:limits.MAX_COMMITTEE], start=1):
        texts += [(_("Thành phần giám sát, người thứ {n}, họ và tên").format(n=n), sup.name, limits.MAX_NAME),
                  (_("Thành phần giám sát, người thứ {n}, chức vụ").format(n=n), sup.position, limits.MAX_POSITION),
                  (_("Thành phần giám sát, người thứ {n}, cơ quan cử").format(n=n), sup.body, limits.MAX_TEXT)]
    counts, texts = checks[PAPERS_PART]
    counts.append((_("Số loại phiếu"), len(session.papers), limits.MAX_PAPERS))
    for paper in session.papers[:limits.MAX_PAPERS]:
        label = _("Phiếu “{key}”").format(key=paper.key[:40])
        counts += [(_("{label}: số người được lấy phiếu").format(label=label), len(paper.persons), limits.MAX_PERSONS),
                   (_("{label}: số phiếu phát ra").format(label=label), paper.issued or 0, limits.MAX_PEOPLE),
                   (_("{label}: số phiếu thu về").format(label=label), paper.returned or 0, limits.MAX_PEOPLE)]
        texts += [(_("{label}, tiêu đề").format(label=label), paper.title, limits.MAX_TEXT),
                  (_("{label}, người bỏ phiếu (voters)").format(label=label), paper.voters, limits.MAX_TEXT)]
        for n, person in enumerate(paper.persons[:limits.MAX_PERSONS], start=1):
            texts += [(_("{label}, người thứ {n}, họ và tên").format(label=label, n=n), person.name, limits.MAX_NAME),
                      (_("{label}, người thứ {n}, chức vụ").format(label=label, n=n), person.position,
                       limits.MAX_POSITION)]
    problems: list[str] = []
    for name, (counts, texts) in checks.items():
        if part is None or part == name:
            problems += [p for p in (limits.check_count(*item) for item in counts) if p]
            problems += [p for p in (text_problem(*item, hidden_allowed=hidden_allowed) for item in texts) if p]
    return problems


def session_warnings(session: Session) -> list[str]:
    """What the rules say should not be, but the committee may still decide: exempt persons."""
    warnings: list[str] = []
    for paper in session.papers:
        for person in paper.persons:
            if person.retiring:
                warnings.append(_("{name} đã có thông báo nghỉ hưu: theo quy định không lấy phiếu tín nhiệm.").format(
                    name=person.name))
            if person.appointed_this_year:
                warnings.append(_("{name} được bổ nhiệm hoặc bầu trong năm lấy phiếu: theo quy định không lấy phiếu "
                                  "tín nhiệm.").format(name=person.name))
            if person.serious_illness:
                warnings.append(_("{name} nghỉ ốm đau từ 6 tháng liên tục trở lên (có xác nhận của cơ sở y tế): theo "
                                  "quy định không lấy phiếu tín nhiệm.").format(name=person.name))
    return warnings


def person_from_values(name: str, position: str, retiring: bool = False, appointed_this_year: bool = False,
                       serious_illness: bool = False) -> Person:
    """A person with every text normalised (NFC, trimmed)."""
    return Person(clean(name), clean(position), bool(retiring), bool(appointed_this_year), bool(serious_illness))


def supervisor_from_values(name: str, position: str, body: str) -> Supervisor:
    """A supervisor with every text normalised (NFC, trimmed)."""
    return Supervisor(clean(name), clean(position), clean(body))


def exemption_reasons(person: Person) -> list[str]:
    """Why this person should not be rated (the three reasons), in the words printed on the list of persons."""
    reasons = []
    if person.retiring:
        reasons.append(_("đã có thông báo nghỉ hưu"))
    if person.appointed_this_year:
        reasons.append(_("được bổ nhiệm, bầu trong năm"))
    if person.serious_illness:
        reasons.append(_("nghỉ ốm đau từ 6 tháng liên tục trở lên"))
    return reasons


# --- canonical form: the one dictionary used by the seal, the audit log and the store ---

def session_to_dict(session: Session) -> dict:
    """The session as plain JSON-able data; keys are the SPEC.toml names."""
    return {
        "regime": session.regime.value,
        "denominator": session.denominator.value,
        "crossed_out": session.crossed_out.value,
        "header": session.header.value,
        "organization": session.organization,
        "parent": session.parent,
        "title": session.title,
        "place": session.place,
        "date": session.date.isoformat(),
        "summoned": session.summoned,
        "present": session.present,
        "present_at_vote": session.present_at_vote,
        "unit_code": session.unit_code,
        "committee": [{"name": m.name, "role": m.role} for m in session.committee],
        "supervisors": [{"name": x.name, "position": x.position, "body": x.body} for x in session.supervisors],
        "ballots": [
            {
                "key": p.key,
                "title": p.title,
                "voters": p.voters,
                "issued": p.issued,
                "returned": p.returned,
                "persons": [
                    {"name": x.name, "position": x.position, "retiring": x.retiring,
                     "appointed_this_year": x.appointed_this_year, "serious_illness": x.serious_illness}
                    for x in p.persons
                ],
                "group": p.group,
            }
            for p in session.papers
        ],
        "groups": [{"key": g.key, "name": g.name, "summoned": g.summoned, "present": g.present,
                    "present_at_vote": g.present_at_vote} for g in session.groups],
    }


class NewerFormat(ValueError):
    """A session written by a newer program: it holds a key this program does not know (never guessed at)."""


# Keys added to the canonical form after the first release, with the value a file written before them means.
# A key added later goes here (and into a new seal version in `domain.seal`, never into an existing one); a key
# missing from a file takes its default, a key this program does not know is refused as written by a newer program.
SESSION_ADDED_LATER: dict[str, object] = {"supervisors": [], "groups": [], "unit_code": ""}  # groups []: one group
PAPER_ADDED_LATER: dict[str, object] = {"group": ""}
PERSON_ADDED_LATER: dict[str, object] = {"serious_illness": False}
MEMBER_ADDED_LATER: dict[str, object] = {}

_SESSION_KEYS = ("regime", "denominator", "crossed_out", "header", "organization", "parent", "title", "place",
                 "date", "summoned", "present", "present_at_vote", "committee", "ballots")
_PAPER_KEYS = ("key", "title", "voters", "issued", "returned", "persons")
_PERSON_KEYS = ("name", "position", "retiring", "appointed_this_year")
_MEMBER_KEYS = ("name", "role")
_SUPERVISOR_KEYS = ("name", "position", "body")
_GROUP_KEYS = ("key", "name", "summoned", "present", "present_at_vote")


def _known(data: dict, keys: tuple[str, ...], later: dict[str, object], what: str) -> dict:
    """`data` with every key added later filled in by its default; a key missing is a KeyError, an unknown key
    NewerFormat."""
    unknown = sorted(set(data) - set(keys) - set(later))
    if unknown:
        raise NewerFormat(_("{what} có trường “{key}” mà chương trình này không biết: tệp do phiên bản mới hơn của "
                            "chương trình ghi, hãy mở bằng phiên bản đó").format(what=what, key=unknown[0]))
    return {**later, **data}


def session_from_dict(data: dict) -> Session:
    """Inverse of `session_to_dict` (trusted input: the store and the audit log).

    Keys added after the first release take their default when missing (`SESSION_ADDED_LATER` …); a key this
    program does not know raises NewerFormat.
    """
    data = _known(data, _SESSION_KEYS, SESSION_ADDED_LATER, _("Thông tin hội nghị"))
    members = [_known(m, _MEMBER_KEYS, MEMBER_ADDED_LATER, _("Ban kiểm phiếu")) for m in data["committee"]]
    papers = [_known(p, _PAPER_KEYS, PAPER_ADDED_LATER, _("Loại phiếu")) for p in data["ballots"]]
    groups = [_known(g, _GROUP_KEYS, {}, _("Thành phần ghi phiếu")) for g in data["groups"]]
    return Session(
        regime=Regime(data["regime"]),
        denominator=Denominator(data["denominator"]),
        crossed_out=CrossedOutRuling(data["crossed_out"]),
        header=Header(data["header"]),
        organization=data["organization"],
        parent=data["parent"],
        title=data["title"],
        place=data["place"],
        date=date.fromisoformat(data["date"]),
        summoned=data["summoned"],
        present=data["present"],
        present_at_vote=data["present_at_vote"],
        unit_code=data["unit_code"],
        committee=tuple(CommitteeMember(m["name"], m["role"]) for m in members),
        supervisors=tuple(Supervisor(x["name"], x["position"], x["body"])
                          for x in (_known(x, _SUPERVISOR_KEYS, {}, _("Thành phần giám sát"))
                                    for x in data["supervisors"])),
        papers=tuple(
            BallotPaper(
                key=p["key"], title=p["title"], voters=p["voters"], issued=p["issued"], returned=p["returned"],
                group=p["group"],
                persons=tuple(Person(x["name"], x["position"], x["retiring"], x["appointed_this_year"],
                                     x["serious_illness"])
                              for x in (_known(x, _PERSON_KEYS, PERSON_ADDED_LATER, _("Người được lấy phiếu"))
                                        for x in p["persons"])),
            )
            for p in papers
        ),
        groups=tuple(VoterGroup(g["key"], g["name"], g["summoned"], g["present"], g["present_at_vote"])
                     for g in groups),
    )


__all__ = [
    "COMMITTEE_ROLES", "HEAD_ROLE", "SUPERVISING_BODIES", "Supervisor", "exemption_reasons",
    "supervisor_from_values", "NewerFormat", "SESSION_ADDED_LATER", "PAPER_ADDED_LATER",
    "PERSON_ADDED_LATER", "MEMBER_ADDED_LATER", "MEMBER_ROLE", "BallotPaper", "VoterGroup", "attendance_groups",
    "group_list_problems", "group_paper_problems", "group_papers", "group_problems", "groups_quorum_met",
    "paper_group", "CommitteeMember", "Person", "Session",
    "AttendanceBreakdown", "absent", "attendance_breakdown", "attendance_problems", "committee_head",
    "committee_problems", "count_problems", "is_head_role",
    "suggested_role", "unit_code_problem", "UNIT_CODE_PATTERN",
    "quorum_met", "quorum_shortfall", "session_from_dict", "session_problems", "session_to_dict",
    "session_warnings", "person_from_values", "size_problems", "HEADER_PART", "COMMITTEE_PART", "PAPERS_PART"
]

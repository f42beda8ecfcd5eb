"""The Prepare wizard (Chuẩn bị) as a plain state machine: pages, what is valid on each, what is collected.

The Qt pages only render this object and call its methods; every rule lives here, tested without Qt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from . import limits
from .i18n import _
from .rank import position_rank
from .regime import CrossedOutRuling, Denominator, Header, Regime
from .session import (
    COMMITTEE_PART,
    COMMITTEE_ROLES,
    HEADER_PART,
    KEY_PATTERN,
    PAPERS_PART,
    UNIT_CODE_PATTERN,
    BallotPaper,
    CommitteeMember,
    Person,
    Session,
    VoterGroup,
    committee_problems,
    group_list_problems,
    group_paper_problems,
    person_from_values,
    session_problems,
    session_warnings,
    size_problems,
    unit_code_problem,
)
from .text import clean, given_name_key

MAX_PLACES = 2  # a person is rated in at most 2 places (QĐ 96)


class Page(str, Enum):
    REGIME = "regime"
    HEADER = "header"
    SUMMONED = "summoned"
    COMMITTEE = "committee"
    PAPERS = "papers"
    SUMMARY = "summary"

    @property
    def title(self) -> str:
        return {
            Page.REGIME: _("Quy định áp dụng"),
            Page.HEADER: _("Cơ quan, hội nghị"),
            Page.SUMMONED: _("Số người được triệu tập"),
            Page.COMMITTEE: _("Ban kiểm phiếu"),
            Page.PAPERS: _("Phiếu và người được lấy phiếu"),
            Page.SUMMARY: _("Tóm tắt"),
        }[self]


PAGES: tuple[Page, ...] = tuple(Page)


class PersonOrder(str, Enum):
    LISTED = "listed"  # as entered or imported (usually the official order of positions), or as moved by hand
    GIVEN_NAME = "given_name"  # Vietnamese alphabetical order of the given name
    RANK = "rank"  # by position: heads, deputies, members, unit heads… (domain.rank); a tie keeps the listed order


@dataclass
class PaperDraft:
    """One ballot paper as it is being prepared; `issued`/`returned` are carried over when editing."""

    key: str
    title: str
    voters: str = ""
    persons: list[Person] = field(default_factory=list)
    issued: int | None = None
    returned: int | None = None
    order: PersonOrder = PersonOrder.LISTED
    _entered_order: list[Person] = field(default_factory=list, repr=False)
    group: str = ""  # the voter group's key; "" while the session has no groups

    def to_paper(self) -> BallotPaper:
        return BallotPaper(self.key, clean(self.title), clean(self.voters), tuple(self.persons), self.issued,
                           self.returned, group=self.group)


@dataclass
class GroupDraft:
    """One voter group (thành phần ghi phiếu) as it is being prepared; its attendance is carried over when editing
    (the attendance step records it)."""

    key: str
    name: str = ""
    summoned: int = 0
    present: int | None = None
    present_at_vote: int | None = None

    def to_group(self) -> VoterGroup:
        return VoterGroup(self.key, clean(self.name), self.summoned, self.present, self.present_at_vote)


def key_from_title(title: str, taken: set[str] = frozenset(), empty: str = "phieu") -> str:
    """A paper (or group) key from its title: lower-case ASCII without accents ("Lãnh đạo Sở" -> "lanh-dao-so");
    `empty` while there is no title yet."""
    text = unicodedata.normalize("NFD", clean(title).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:36].strip("-") or empty
    key, n = base, 2
    while key in taken:
        key = f"{base}-{n}"
        n += 1
    return key


class PrepareFlow:
    """Collects a Session page by page. Create it empty (File › Mới…) or from a session (Sửa…)."""

    def __init__(self, session: Session | None = None, today: date | None = None) -> None:
        self.page = Page.REGIME
        self.editing = session is not None
        self._saved_keys = {p.key for p in session.papers} if session is not None else set()
        self._saved_group_keys = {g.key for g in session.groups} if session is not None else set()
        self.groups: list[GroupDraft] = []
        if session is None:
            self.regime = Regime.QD96
            self.denominator = Denominator.RETURNED
            # the committee decides how a crossed-out printed name counts: asked, never a silent default (issue 24)
            self.crossed_out: CrossedOutRuling | None = None
            self.header = Header.STATE
            self.organization = self.parent = self.title = self.place = self.unit_code = ""
            self.date = today or date.today()
            self.summoned = 0
            self.present: int | None = None
            self.present_at_vote: int | None = None
            self.committee: list[CommitteeMember] = []
            self.papers: list[PaperDraft] = []
        else:
            s = session
            self.regime, self.denominator, self.crossed_out, self.header = (s.regime, s.denominator, s.crossed_out,
                                                                             s.header)
            self.organization, self.parent, self.title, self.place = s.organization, s.parent, s.title, s.place
            self.unit_code = s.unit_code
            self.date, self.summoned = s.date, s.summoned
            self.present, self.present_at_vote = s.present, s.present_at_vote
            self.committee = list(s.committee)
            self.papers = [PaperDraft(p.key, p.title, p.voters, list(p.persons), p.issued, p.returned,
                                      _entered_order=list(p.persons), group=p.group) for p in s.papers]
            self.groups = [GroupDraft(g.key, g.name, g.summoned, g.present, g.present_at_vote) for g in s.groups]

    # --- navigation ---

    @property
    def index(self) -> int:
        return PAGES.index(self.page)

    def next_page(self, page: Page | None = None) -> Page | None:
        i = PAGES.index(page or self.page)
        return PAGES[i + 1] if i + 1 < len(PAGES) else None

    def previous_page(self, page: Page | None = None) -> Page | None:
        i = PAGES.index(page or self.page)
        return PAGES[i - 1] if i > 0 else None

    def can_advance(self, page: Page | None = None) -> bool:
        return not self.problems(page or self.page)

    def advance(self) -> Page:
        """Go to the next page; refused (with the first problem) while this page is not valid."""
        problems = self.problems(self.page)
        if problems:
            raise ValueError(problems[0])
        following = self.next_page()
        if following is None:
            raise ValueError(_("Đây là trang cuối."))
        self.page = following
        return self.page

    def back(self) -> Page:
        previous = self.previous_page()
        if previous is not None:
            self.page = previous
        return self.page

    # --- validity, per page ---

    def problems(self, page: Page) -> list[str]:
        """What stops the user from leaving `page`, in Vietnamese; empty when the page is complete."""
        if page is Page.REGIME:
            if self.crossed_out is None:
                return [_("Hãy chọn quyết định của Ban kiểm phiếu đối với phiếu gạch xóa họ tên người được in trên "
                          "phiếu: không hợp lệ đối với người bị gạch tên, hay không hợp lệ toàn bộ phiếu.")]
            return []
        if page is Page.HEADER:
            missing = [label for label, value in ((_("Tên cơ quan, đơn vị"), self.organization),
                                                   (_("Tên hội nghị"), self.title), (_("Địa danh"), self.place))
                       if not clean(value)]
            problems = [_("Chưa nhập: {fields}.").format(fields=", ".join(missing))] if missing else []
            code = clean(self.unit_code)
            if code and len(code) <= limits.MAX_UNIT_CODE and not UNIT_CODE_PATTERN.match(code):
                problems.append(unit_code_problem(code))
            return problems + size_problems(self._build(), HEADER_PART)
        if page is Page.SUMMONED:
            problems = []
            if self.summoned < 1:
                problems.append(_("Số người được triệu tập phải lớn hơn 0."))
            elif self.present is not None and self.present > self.summoned:
                problems.append(_("Đã ghi {present} người có mặt: số người được triệu tập không thể nhỏ hơn.").format(
                    present=self.present))
            too_many = limits.check_count(_("Số người được triệu tập"), self.summoned, limits.MAX_PEOPLE)
            return problems + ([too_many] if too_many else []) + self._group_list_problems()
        if page is Page.COMMITTEE:
            return self._committee_problems() + size_problems(self._build(), COMMITTEE_PART)
        if page is Page.PAPERS:
            return (self._papers_problems() + group_paper_problems(self._build())
                    + size_problems(self._build(), PAPERS_PART))
        return session_problems(self.session())

    def _group_list_problems(self) -> list[str]:
        too_many = limits.check_count(_("Số thành phần ghi phiếu"), len(self.groups), limits.MAX_PAPERS)
        return ([too_many] if too_many else []) + group_list_problems(self._build())

    def _committee_problems(self) -> list[str]:
        problems = []
        if not self.committee:
            problems.append(_("Ban kiểm phiếu phải có ít nhất một người."))
        for i, member in enumerate(self.committee, start=1):
            if not member.name:
                problems.append(_("Thành viên thứ {n} của Ban kiểm phiếu chưa có họ và tên.").format(n=i))
            if not member.role:
                problems.append(_("Thành viên thứ {n} của Ban kiểm phiếu chưa có vai trò.").format(n=i))
        return problems + committee_problems(self.committee)

    def _papers_problems(self) -> list[str]:
        problems = []
        if not self.papers:
            problems.append(_("Hội nghị phải có ít nhất một loại phiếu."))
        keys: set[str] = set()
        for number, paper in enumerate(self.papers, start=1):
            # named as the papers page lists them ("Phiếu 2: …"), never by the internal key
            title = clean(paper.title)
            label = _("Phiếu “{title}”").format(title=title) if title else _("Phiếu {n}").format(n=number)
            if not title:
                problems.append(_("Phiếu {n} chưa có tiêu đề.").format(n=number))
            if not KEY_PATTERN.match(paper.key) or paper.key in keys:
                problems.append(_("{label}: mã phiếu “{key}” không hợp lệ hoặc bị trùng.").format(
                    label=label, key=paper.key))
            keys.add(paper.key)
            if not paper.persons:
                problems.append(_("{label} chưa có người được lấy phiếu.").format(label=label))
            seen: set[tuple[str, str]] = set()
            for n, person in enumerate(paper.persons, start=1):
                if not person.name:
                    problems.append(_("{label}, dòng {n}: chưa có họ và tên.").format(label=label, n=n))
                ident = (person.name.casefold(), person.position.casefold())
                if ident in seen:
                    problems.append(_("{label}: “{name}” có hai lần trong danh sách.").format(
                        label=label, name=person.name))
                seen.add(ident)
        return problems

    def warnings(self) -> list[str]:
        """What the rules advise against but the committee may decide: exempt persons, more than 2 places."""
        session = self._build()
        warnings = session_warnings(session)
        places: dict[str, list[str]] = {}
        for paper in session.papers:
            for person in paper.persons:
                places.setdefault(person.name.casefold(), []).append(paper.title)
        for paper in session.papers:
            for person in paper.persons:
                titles = places.pop(person.name.casefold(), [])
                if len(titles) > MAX_PLACES:
                    warnings.append(_("{name} được lấy phiếu ở {n} nơi ({titles}); quy định chỉ lấy phiếu tối đa ở "
                                      "{max} nơi.").format(name=person.name, n=len(titles), titles="; ".join(titles),
                                                          max=MAX_PLACES))
        return warnings

    @staticmethod
    def person_warnings(person: Person) -> list[str]:
        """The exemption warnings for one person, shown as soon as a flag is ticked."""
        warnings = []
        if person.retiring:
            warnings.append(_("{name} đã có thông báo nghỉ hưu: theo quy định không lấy phiếu tín nhiệm.").format(
                name=person.name or _("Người này")))
        if person.appointed_this_year:
            warnings.append(_("{name} được bổ nhiệm hoặc bầu trong năm lấy phiếu: theo quy định không lấy phiếu tín "
                              "nhiệm.").format(name=person.name or _("Người này")))
        if person.serious_illness:
            warnings.append(_("{name} nghỉ ốm đau từ 6 tháng liên tục trở lên (có xác nhận của cơ sở y tế): theo quy "
                              "định không lấy phiếu tín nhiệm.").format(name=person.name or _("Người này")))
        return warnings

    # --- setting the details ---

    def set_details(self, **values: object) -> None:
        """Set any of regime, denominator, crossed_out, header, organization, parent, title, place, date, summoned."""
        kinds = {"regime": Regime, "denominator": Denominator, "crossed_out": CrossedOutRuling, "header": Header,
                 "organization": clean, "parent": clean, "title": clean, "place": clean, "date": _as_date,
                 "unit_code": clean,
                 "summoned": int}
        for name, value in values.items():
            if name not in kinds:
                raise AttributeError(name)
            setattr(self, name, kinds[name](value))

    # --- committee ---

    def add_member(self, name: str, role: str) -> int:
        self.committee.append(CommitteeMember(clean(name), clean(role)))
        return len(self.committee) - 1

    def update_member(self, index: int, name: str | None = None, role: str | None = None) -> None:
        member = self.committee[index]
        self.committee[index] = CommitteeMember(clean(name) if name is not None else member.name,
                                                clean(role) if role is not None else member.role)

    def remove_member(self, index: int) -> None:
        del self.committee[index]

    def move_member(self, index: int, delta: int) -> int:
        return _move(self.committee, index, delta)

    # --- papers ---

    def add_paper(self, title: str, voters: str = "") -> PaperDraft:
        key = key_from_title(title, {p.key for p in self.papers})
        paper = PaperDraft(key, clean(title), clean(voters))
        if len(self.groups) == 1:  # one group: it votes every paper; with several, the user chooses
            paper.group = self.groups[0].key
        self.papers.append(paper)
        return paper

    def update_paper(self, index: int, title: str | None = None, voters: str | None = None) -> None:
        """Change a paper's title or voters; a new paper's key follows its title, an existing one keeps its key."""
        paper = self.papers[index]
        if title is not None:
            paper.title = clean(title)
            if paper.key not in self._saved_keys:
                paper.key = key_from_title(title, {p.key for p in self.papers if p is not paper})
        if voters is not None:
            paper.voters = clean(voters)

    def remove_paper(self, index: int) -> None:
        del self.papers[index]

    # --- voter groups (thành phần ghi phiếu): optional; none, and the whole meeting votes every paper ---

    def add_group(self, name: str = "", summoned: int = 0) -> int:
        """A new group; the first one takes every paper that has none yet (one group, the simple case)."""
        key = key_from_title(name, {g.key for g in self.groups}, empty="thanh-phan")
        self.groups.append(GroupDraft(key, clean(name), int(summoned)))
        if len(self.groups) == 1:
            for paper in self.papers:
                paper.group = paper.group or key
        return len(self.groups) - 1

    def update_group(self, index: int, name: str | None = None, summoned: int | None = None) -> None:
        """Rename a group or change its summoned number; a new group's key follows its name (its papers follow)."""
        group = self.groups[index]
        if name is not None:
            group.name = clean(name)
            if group.key not in self._saved_group_keys:
                old = group.key
                group.key = key_from_title(name, {g.key for g in self.groups if g is not group}, empty="thanh-phan")
                for paper in self.papers:
                    if paper.group == old:
                        paper.group = group.key
        if summoned is not None:
            group.summoned = int(summoned)

    def remove_group(self, index: int) -> None:
        """Remove a group: its papers have none until another is chosen; with one group left, it votes every paper;
        with none, no paper needs one."""
        key = self.groups.pop(index).key
        only = self.groups[0].key if len(self.groups) == 1 else ""
        for paper in self.papers:
            if paper.group in (key, ""):
                paper.group = only

    def set_paper_group(self, paper: int, key: str) -> None:
        if key and key not in {g.key for g in self.groups}:
            raise ValueError(_("Không có thành phần ghi phiếu “{key}”.").format(key=key))
        self.papers[paper].group = key

    # --- persons of one paper ---

    def add_person(self, paper: int, name: str, position: str = "", retiring: bool = False,
                   appointed_this_year: bool = False, serious_illness: bool = False) -> int:
        person = person_from_values(name, position, retiring, appointed_this_year, serious_illness)
        draft = self.papers[paper]
        draft.persons.append(person)
        draft._entered_order.append(person)
        if draft.order is not PersonOrder.LISTED:
            self.sort_persons(paper, draft.order)  # the newcomer takes its place in the chosen order
            return next(i for i, p in enumerate(draft.persons) if p is person)
        return len(draft.persons) - 1

    def add_persons(self, paper: int, persons: list[Person]) -> None:
        for person in persons:
            self.add_person(paper, person.name, person.position, person.retiring, person.appointed_this_year,
                            person.serious_illness)

    def update_person(self, paper: int, index: int, **changes: object) -> Person:
        draft = self.papers[paper]
        old = draft.persons[index]
        values = {"name": old.name, "position": old.position, "retiring": old.retiring,
                  "appointed_this_year": old.appointed_this_year, "serious_illness": old.serious_illness, **changes}
        new = person_from_values(str(values["name"]), str(values["position"]), bool(values["retiring"]),
                                 bool(values["appointed_this_year"]), bool(values["serious_illness"]))
        draft.persons[index] = new
        draft._entered_order = [new if p is old else p for p in draft._entered_order]
        if draft.order is not PersonOrder.LISTED and (new.name, new.position) != (old.name, old.position):
            self.sort_persons(paper, draft.order)  # a corrected name or position takes its place in the order
        return new

    def remove_person(self, paper: int, index: int) -> None:
        draft = self.papers[paper]
        person = draft.persons.pop(index)
        draft._entered_order = [p for p in draft._entered_order if p is not person]

    def move_person(self, paper: int, index: int, delta: int) -> int:
        """Move a person up (-1) or down (+1); the manual order becomes the order by position."""
        draft = self.papers[paper]
        new_index = _move(draft.persons, index, delta)
        draft.order = PersonOrder.LISTED
        draft._entered_order = list(draft.persons)
        return new_index

    def sort_persons(self, paper: int, order: PersonOrder) -> None:
        """By given name the Vietnamese way, by rank of position, or back to the listed order."""
        draft = self.papers[paper]
        if draft.order is PersonOrder.LISTED:
            draft._entered_order = list(draft.persons)
        draft.persons = list(draft._entered_order)  # every sort starts from the listed order: ties keep it
        if order is PersonOrder.GIVEN_NAME:
            draft.persons.sort(key=lambda p: given_name_key(p.name))
        elif order is PersonOrder.RANK:
            draft.persons.sort(key=lambda p: position_rank(p.position))
        draft.order = order

    # --- the result ---

    def _build(self) -> Session:
        return Session(
            regime=self.regime, header=self.header, organization=clean(self.organization), parent=clean(self.parent),
            title=clean(self.title), place=clean(self.place), date=self.date, summoned=self.summoned,
            papers=tuple(p.to_paper() for p in self.papers), committee=tuple(self.committee),
            present=self.present, present_at_vote=self.present_at_vote, denominator=self.denominator,
            crossed_out=self.crossed_out or CrossedOutRuling.ROW,  # None only before the first page is left
            unit_code=clean(self.unit_code), groups=tuple(g.to_group() for g in self.groups))

    def session(self) -> Session:
        """The session as collected so far (may still have problems; see `problems(Page.SUMMARY)`)."""
        return self._build()

    def result(self) -> Session:
        """The finished session; refused while any page has a problem."""
        for page in PAGES:
            problems = self.problems(page)
            if problems:
                raise ValueError(problems[0])
        return self._build()

    def summary(self) -> list[tuple[str, str]]:
        """(label, value) lines for the summary page."""
        s = self._build()
        lines = [
            (_("Quy định"), s.regime.label),
            (_("Cách tính tỷ lệ"), s.denominator.label),
            (_("Phiếu gạch tên"), s.crossed_out.label),
            (_("Cơ quan"), s.organization + (f" ({s.parent})" if s.parent else "")),
            *([(_("Mã đơn vị"), s.unit_code)] if s.unit_code else []),
            (_("Hội nghị"), s.title),
            (_("Địa điểm, ngày"), f"{s.place}, {s.date.strftime('%d/%m/%Y')}"),
            (_("Số người được triệu tập"), str(s.summoned)),
        ]
        names = {g.key: g.name for g in s.groups}
        for group in s.groups:
            lines.append((_("Thành phần ghi phiếu “{name}”").format(name=group.name),
                          _("{n} người được triệu tập; ghi phiếu: {papers}").format(
                              n=group.summoned, papers="; ".join(p.title for p in s.papers if p.group == group.key)
                              or "—")))
        lines.append((_("Ban kiểm phiếu"), "; ".join(f"{m.name} ({m.role})" for m in s.committee)))
        for paper in s.papers:
            text = _("{n} người; người bỏ phiếu: {voters}").format(n=len(paper.persons), voters=paper.voters or "—")
            if s.groups:
                text += "; " + _("thành phần ghi phiếu: {name}").format(name=names.get(paper.group) or "—")
            lines.append((_("Phiếu “{title}”").format(title=paper.title), text))
        return lines


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _move(items: list, index: int, delta: int) -> int:
    target = index + delta
    if not 0 <= index < len(items) or not 0 <= target < len(items):
        return index
    items[index], items[target] = items[target], items[index]
    return target


__all__ = ["COMMITTEE_ROLES", "MAX_PLACES", "PAGES", "GroupDraft", "Page", "PaperDraft", "PersonOrder", "PrepareFlow",
           "key_from_title"]

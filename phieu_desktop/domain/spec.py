"""SPEC.toml → Session: every field checked, every error names the field, in Vietnamese."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from . import limits
from .errors import PhieuError
from .i18n import N_, _
from .regime import CrossedOutRuling, Denominator, Header, Regime
from .session import (
    BallotPaper,
    CommitteeMember,
    Session,
    VoterGroup,
    person_from_values,
    session_problems,
    supervisor_from_values,
)
from .text import clean, text_problem

E = TypeVar("E", bound=Enum)

_TOP = {"regime", "denominator", "crossed_out", "header", "organization", "parent", "title", "place", "date",
        "summoned", "attendance", "committee", "supervisors", "ballots", "groups"}
_ATTENDANCE = {"present", "present_at_vote"}
_COMMITTEE = {"name", "role"}
_PAPER = {"key", "title", "voters", "issued", "returned", "persons", "group"}
_GROUP = {"key", "name", "summoned", "present", "present_at_vote"}
_PERSON = {"name", "position", "retiring", "appointed_this_year", "serious_illness"}
_SUPERVISOR = {"name", "position", "body"}


class SpecError(PhieuError):
    pass


def _fail(where: str, message: str) -> SpecError:
    return SpecError(_("Tệp đặc tả, trường “{where}”: {message}").format(where=where, message=message))


def _table(data: Any, where: str, allowed: set[str]) -> dict:
    if not isinstance(data, dict):
        raise _fail(where, _("phải là một bảng TOML."))
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _fail(f"{where}.{unknown[0]}" if where else unknown[0], _("trường không được hỗ trợ."))
    return data


def _text(data: dict, name: str, where: str, required: bool = True) -> str:
    value = data.get(name)
    if value is None:
        if required:
            raise _fail(where + name, _("bắt buộc, chưa có."))
        return ""
    if not isinstance(value, str):
        raise _fail(where + name, _("phải là chuỗi ký tự."))
    text = clean(value)
    if required and not text:
        raise _fail(where + name, _("không được để trống."))
    problem = text_problem(_("Tệp đặc tả, trường “{where}”").format(where=where + name), text,
                           _TEXT_LIMITS.get(name, limits.MAX_TEXT))
    if problem is not None:
        raise SpecError(problem)
    return text


_TEXT_LIMITS = {"name": limits.MAX_NAME, "position": limits.MAX_POSITION}


def _count(data: dict, name: str, where: str, required: bool = False) -> int | None:
    value = data.get(name)
    if value is None:
        if required:
            raise _fail(where + name, _("bắt buộc, chưa có."))
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where + name, _("phải là số nguyên."))
    if value < 0:
        raise _fail(where + name, _("không được âm."))
    if value > limits.MAX_PEOPLE:
        raise _fail(where + name, _("{value} vượt giới hạn {limit} người của chương trình.").format(
            value=value, limit=f"{limits.MAX_PEOPLE:,}".replace(",", ".")))
    return value


def _flag(data: dict, name: str, where: str) -> bool:
    value = data.get(name, False)
    if not isinstance(value, bool):
        raise _fail(where + name, _("phải là true hoặc false."))
    return value


def _choice(data: dict, name: str, kind: type[E], default: E | None) -> E:
    value = data.get(name)
    if value is None:
        if default is None:
            raise _fail(name, _("bắt buộc, chưa có."))
        return default
    try:
        return kind(value)
    except ValueError:
        choices = " | ".join(member.value for member in kind)
        raise _fail(name, _("giá trị “{value}” không hợp lệ; chọn một trong: {choices}.").format(
            value=value, choices=choices)) from None


_LIST_LIMITS = {"groups": limits.MAX_PAPERS, "ballots": limits.MAX_PAPERS, "persons": limits.MAX_PERSONS,
                "committee": limits.MAX_COMMITTEE, "supervisors": limits.MAX_COMMITTEE}


def _list(data: dict, name: str, where: str) -> list:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise _fail(where + name, _("phải là danh sách [[{name}]].").format(name=name))
    if len(value) > _LIST_LIMITS[name]:
        raise _fail(where + name, _("có {n} mục, vượt giới hạn {limit} của chương trình.").format(
            n=len(value), limit=_LIST_LIMITS[name]))
    return value


# tomllib's messages are English; the common ones in Vietnamese, the position always.
_TOML_MESSAGES = [
    ("Invalid value", N_("giá trị không hợp lệ (chuỗi phải nằm trong dấu nháy kép \"…\")")),
    ("Expected '=' after a key", N_("thiếu dấu “=” sau tên trường")),
    ("Cannot overwrite a value", N_("trường được khai báo hai lần")),
    ("Cannot declare", N_("bảng được khai báo hai lần")),
    ("Unterminated string", N_("chuỗi thiếu dấu nháy đóng")),
    ("Illegal character", N_("có ký tự không được phép (ký tự điều khiển)")),
    ("Invalid statement", N_("dòng không đúng dạng tên = giá trị")),
    ("Invalid initial character for a key part", N_("tên trường không hợp lệ")),
    ("Unclosed array", N_("danh sách thiếu dấu “]” đóng")),
    ("Invalid date or datetime", N_("ngày tháng không hợp lệ")),
    ("Unclosed inline table", N_("bảng thiếu dấu “}” đóng")),
]


def toml_error_message(err: tomllib.TOMLDecodeError) -> str:
    """One Vietnamese line for a TOML syntax error, with its line and column."""
    text = str(err)
    what = next((_(vi) for en, vi in _TOML_MESSAGES if text.startswith(en)), _("sai cú pháp"))
    where = re.search(r"at line (\d+), column (\d+)", text)
    if where:
        return _("Tệp đặc tả không đúng cú pháp TOML ở dòng {line}, cột {column}: {what}.").format(
            line=where.group(1), column=where.group(2), what=what)
    if "end of document" in text:
        return _("Tệp đặc tả không đúng cú pháp TOML ở cuối tệp: {what}.").format(what=what)
    return _("Tệp đặc tả không đúng cú pháp TOML: {what}.").format(what=what)


def parse_spec(text: str) -> Session:
    """Parse SPEC.toml text into a checked Session; raises SpecError naming the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SpecError(toml_error_message(err)) from None
    except RecursionError:  # thousands of nested arrays
        raise SpecError(_("Tệp đặc tả không đúng cú pháp TOML: lồng nhau quá sâu.")) from None
    return session_from_spec(data)


def session_from_spec(data: dict) -> Session:
    _table(data, "", _TOP)
    raw_date = data.get("date")
    if raw_date is None:
        raise _fail("date", _("bắt buộc, chưa có."))
    if isinstance(raw_date, str):
        try:
            raw_date = date.fromisoformat(raw_date)
        except ValueError:
            raise _fail("date", _("phải có dạng NĂM-THÁNG-NGÀY, ví dụ 2023-09-12.")) from None
    if not isinstance(raw_date, date) or hasattr(raw_date, "hour"):
        raise _fail("date", _("phải có dạng NĂM-THÁNG-NGÀY, ví dụ 2023-09-12."))
    attendance = _table(data.get("attendance", {}), "attendance", _ATTENDANCE)
    committee = []
    for i, raw in enumerate(_list(data, "committee", ""), start=1):
        where = f"committee[{i}]."
        member = _table(raw, where[:-1], _COMMITTEE)
        committee.append(CommitteeMember(_text(member, "name", where), _text(member, "role", where)))
    supervisors = []
    for i, raw in enumerate(_list(data, "supervisors", ""), start=1):
        where = f"supervisors[{i}]."
        sup = _table(raw, where[:-1], _SUPERVISOR)
        supervisors.append(supervisor_from_values(_text(sup, "name", where),
                                                  _text(sup, "position", where, required=False),
                                                  _text(sup, "body", where, required=False)))
    groups = []
    for i, raw in enumerate(_list(data, "groups", ""), start=1):
        where = f"groups[{i}]."
        group = _table(raw, where[:-1], _GROUP)
        groups.append(VoterGroup(
            key=_text(group, "key", where), name=_text(group, "name", where),
            summoned=_count(group, "summoned", where, required=True) or 0,
            present=_count(group, "present", where), present_at_vote=_count(group, "present_at_vote", where)))
    papers = []
    for i, raw in enumerate(_list(data, "ballots", ""), start=1):
        where = f"ballots[{i}]."
        paper = _table(raw, where[:-1], _PAPER)
        persons = []
        for j, raw_person in enumerate(_list(paper, "persons", where), start=1):
            pwhere = f"{where}persons[{j}]."
            person = _table(raw_person, pwhere[:-1], _PERSON)
            persons.append(person_from_values(
                _text(person, "name", pwhere), _text(person, "position", pwhere, required=False),
                _flag(person, "retiring", pwhere), _flag(person, "appointed_this_year", pwhere),
                _flag(person, "serious_illness", pwhere)))
        papers.append(BallotPaper(
            key=_text(paper, "key", where), title=_text(paper, "title", where),
            voters=_text(paper, "voters", where, required=False), persons=tuple(persons),
            issued=_count(paper, "issued", where), returned=_count(paper, "returned", where),
            group=_text(paper, "group", where, required=False)))
    session = Session(
        regime=_choice(data, "regime", Regime, None),
        denominator=_choice(data, "denominator", Denominator, Denominator.RETURNED),
        crossed_out=_choice(data, "crossed_out", CrossedOutRuling, None),  # the committee decides: no default
        header=_choice(data, "header", Header, None),
        organization=_text(data, "organization", ""),
        parent=_text(data, "parent", "", required=False),
        title=_text(data, "title", ""),
        place=_text(data, "place", ""),
        date=raw_date,
        summoned=_count(data, "summoned", "", required=True) or 0,
        present=_count(attendance, "present", "attendance."),
        present_at_vote=_count(attendance, "present_at_vote", "attendance."),
        committee=tuple(committee),
        supervisors=tuple(supervisors),
        papers=tuple(papers),
        groups=tuple(groups),
    )
    problems = session_problems(session)
    if problems:
        raise SpecError(_("Tệp đặc tả: {problem}").format(problem=problems[0]))
    return session

"""The plan verbs of `phieu`: plan (the timeline, what to do next, what is missing), plan-set (a deadline edited or
a milestone done), dossier (an item received), question, question-sent, explanation and scopes (registered by
`cli.build_parser`). The window's plan view calls the same functions (documents.planning)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.text import parse_day

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _open(path: str):
    from ..store import SessionFile

    return SessionFile.open(Path(path))


def _day(text: str | None, what: str) -> date | None:
    return None if text is None else parse_day(text, what)


def _short(day: date | None) -> str:
    return "—" if day is None else day.strftime("%d/%m/%Y")


def plan_lines(p) -> list[str]:
    """The plan as text: the timeline, what to do next and what is missing (`phieu plan`)."""
    from ..documents.planning import dossier_items, scope_label

    lines = [_("Kế hoạch lấy phiếu — ngày họp {meeting}, hôm nay {today}").format(
        meeting=_short(p.session.date), today=_short(p.today))]
    for m in p.milestones:
        done = _(" (xong {day})").format(day=_short(m.done)) if m.done else ""
        edited = _(" [đã sửa hạn]") if m.edited else ""
        lines.append(f"  {_short(m.due)}  {m.status.label:<13} {m.key}: {m.text}{done}{edited}")
        lines.append(_("      Căn cứ: {source}").format(source=m.source))
    nxt = p.next_steps
    lines.append(_("Việc cần làm tiếp:") if nxt else _("Không còn việc nào trong kế hoạch."))
    lines += [f"  - {m.text} ({m.status.label.lower()}, {_short(m.due)})" for m in nxt]
    items = dossier_items()
    lines.append(_("Hồ sơ (Phụ lục 1):"))
    for key, name in p.persons():
        got = ", ".join(f"{n}. {item}: {_short(p.facts.dossier.get(f'{key}/{n}'))}"
                        for n, item in enumerate(items, start=1))
        lines.append(f"  {key} {name}: {got}")
    if p.facts.questions:
        lines.append(_("Câu hỏi của người ghi phiếu:"))
        for q in sorted(p.facts.questions.values(), key=lambda q: q.number):
            lines.append(_("  {n}. {person}, người hỏi {asker}: nhận {received}, chuyển {sent}").format(
                n=q.number, person=q.person, asker=q.asker, received=_short(q.received), sent=_short(q.sent)))
    if p.gaps:
        lines.append(_("Còn thiếu:"))
        lines += [f"  - {g.name} ({g.person}): {g.what}" for g in p.gaps]
    lines.append(_("Công bố kết quả: {scopes}").format(scopes="; ".join(scope_label(s) for s in p.scopes)))
    send_up = p.milestone("send_up")
    if send_up is not None and p.sent_up is None:
        lines.append(_("Chưa gửi kết quả lên cấp trên: hạn {day}.").format(day=_short(send_up.due)))
    return lines


def cmd_plan(args: argparse.Namespace) -> int:
    from ..documents.planning import plan_json, session_plan

    with _open(args.file) as file:
        p = session_plan(file, _day(args.today, "--today"))
    if args.json:
        print(json.dumps(plan_json(p), ensure_ascii=False, indent=2))
    else:
        print("\n".join(plan_lines(p)))
    return 0


def cmd_plan_set(args: argparse.Namespace) -> int:
    from ..documents import planning

    chosen = [x for x in (args.due, args.done, args.undone or None, args.default or None) if x is not None]
    if len(chosen) != 1:
        raise PhieuError(_("Dùng đúng một trong --due, --done, --undone, --default."))
    with _open(args.file) as file:
        if args.due is not None or args.default:
            planning.set_due(file, args.milestone, _day(args.due, "--due"))
        else:
            planning.set_done(file, args.milestone, _day(args.done, "--done"))
    return 0


def cmd_dossier(args: argparse.Namespace) -> int:
    from ..documents import planning

    with _open(args.file) as file:
        planning.set_received(file, args.person, args.item, None if args.clear else _day(args.date or "", _("ngày")))
    return 0


def cmd_question(args: argparse.Namespace) -> int:
    from ..documents import planning

    with _open(args.file) as file:
        number = planning.add_question(file, args.person, args.asker, _day(args.received, "--received"),
                                       _day(args.sent, "--sent"))
    print(_("Đã ghi câu hỏi số {n}.").format(n=number))
    return 0


def cmd_question_sent(args: argparse.Namespace) -> int:
    from ..documents import planning

    with _open(args.file) as file:
        planning.question_sent(file, args.number, _day(args.date, _("ngày")))
    return 0


def cmd_explanation(args: argparse.Namespace) -> int:
    from ..documents import planning

    with _open(args.file) as file:
        planning.set_explanation(file, args.person, _day(args.date, _("ngày")))
    return 0


def cmd_scopes(args: argparse.Namespace) -> int:
    from ..documents import planning

    with _open(args.file) as file:
        planning.set_scopes(file, [s.strip() for s in args.scopes.split(",") if s.strip()])
    return 0


def add_commands(add: Add) -> None:
    sub = add("plan", cmd_plan, _("kế hoạch: các mốc thời gian tính từ ngày họp, việc cần làm tiếp, hồ sơ còn thiếu"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--json", action="store_true", help=_("in dạng JSON"))
    sub.add_argument("--today", metavar="NGÀY", help=_("xem kế hoạch như vào ngày này (dd/mm/yyyy)"))

    sub = add("plan-set", cmd_plan_set, _("sửa hạn của một mốc kế hoạch, hoặc ghi mốc đã xong"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("milestone", metavar="MỐC")
    sub.add_argument("--due", metavar="NGÀY", help=_("hạn mới (giữ theo số ngày trước/sau ngày họp)"))
    sub.add_argument("--default", action="store_true", help=_("trở về hạn mặc định"))
    sub.add_argument("--done", metavar="NGÀY", help=_("ngày đã làm xong"))
    sub.add_argument("--undone", action="store_true", help=_("bỏ ghi đã xong"))

    sub = add("dossier", cmd_dossier, _("ghi một tài liệu của hồ sơ (Phụ lục 1) đã nhận, với ngày nhận"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("person", metavar="NGƯỜI", help=_("loại phiếu/số thứ tự, ví dụ lanh-dao/1"))
    sub.add_argument("item", type=int, metavar="SỐ", help=_("1 báo cáo, 2 bản kê khai, 3 báo cáo giải trình"))
    sub.add_argument("date", nargs="?", metavar="NGÀY")
    sub.add_argument("--clear", action="store_true", help=_("bỏ ghi đã nhận"))

    sub = add("question", cmd_question, _("ghi câu hỏi bằng văn bản của người ghi phiếu gửi người được lấy phiếu"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("person", metavar="NGƯỜI", help=_("loại phiếu/số thứ tự, ví dụ lanh-dao/1"))
    sub.add_argument("--asker", required=True, metavar="TÊN")
    sub.add_argument("--received", required=True, metavar="NGÀY")
    sub.add_argument("--sent", metavar="NGÀY", help=_("ngày chuyển đến người được lấy phiếu"))

    sub = add("question-sent", cmd_question_sent, _("ghi ngày chuyển câu hỏi đến người được lấy phiếu"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("number", type=int, metavar="SỐ")
    sub.add_argument("date", metavar="NGÀY")

    sub = add("explanation", cmd_explanation, _("ghi ngày nhận báo cáo giải trình của người được lấy phiếu"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("person", metavar="NGƯỜI")
    sub.add_argument("date", metavar="NGÀY")

    sub = add("scopes", cmd_scopes, _("phạm vi công bố kết quả: voters, authority, person, media"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("scopes", metavar="DANH_SÁCH", help=_("cách nhau bởi dấu phẩy, ví dụ voters,authority,person"))

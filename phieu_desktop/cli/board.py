"""`phieu board …`: the higher level's desk from the command line, calling the same functions as the window.

init, roster import/add, deadline, add (packages), status [--json], check UNIT --minutes-scan IMG | --groups,
match, decide (which of two packages counts), report, missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.text import parse_day

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _open(args: argparse.Namespace):
    from ..store.board_file import BoardFile

    return BoardFile.open(Path(args.board))


def cmd_init(args: argparse.Namespace) -> int:
    from ..domain.limits import MAX_TEXT
    from ..domain.text import checked_text
    from ..store.board_file import BoardFile

    path = Path(args.board)
    if path.exists():
        raise PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=path.name))
    info = {name: checked_text(f"--{name.replace('_', '-')}", getattr(args, name) or "", MAX_TEXT)
            for name in ("organization", "parent", "place", "title", "number", "signer", "signer_title")}
    if not info["organization"]:
        raise PhieuError(_("Cần tên cơ quan tổng hợp (--organization)."))
    info["header"] = args.header
    BoardFile.create(path, {k: v for k, v in info.items() if v}).close()
    print(_("Đã tạo bàn tổng hợp {path}.").format(path=path))
    return 0


def cmd_roster_import(args: argparse.Namespace) -> int:
    from ..imports.roster import read_roster

    with _open(args) as board:
        units = read_roster(Path(args.file), board.roster())
        board.add_units(units, source=Path(args.file).name)
    print(_("Đã thêm {n} đơn vị vào danh sách.").format(n=len(units)))
    return 0


def cmd_roster_add(args: argparse.Namespace) -> int:
    from ..imports.roster import check_unit, refuse_duplicates

    unit = check_unit(args.code, args.name, args.parent or "", args.contact or "")
    with _open(args) as board:
        refuse_duplicates([unit], board.roster())
        board.add_units([unit], source="typed")
    print(_("Đã thêm đơn vị {code} — {name}.").format(code=unit.code, name=unit.name))
    return 0


def cmd_deadline(args: argparse.Namespace) -> int:
    from ..domain.board import Deadline

    deadline = Deadline(parse_day(args.date, _("Hạn")), bool(args.after_meeting))
    with _open(args) as board:
        board.set_deadline(deadline)
    print(_("Hạn gửi kết quả: {text}.").format(text=deadline.text()))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from ..exchange.board_intake import take_in
    from ..exchange.intake import Credentials
    from ..exchange.keys import load_identity
    from ..exchange.package import expand_inputs
    from ..exchange.passphrase import from_environment_or_terminal

    if not args.identity and not args.passphrase:
        raise PhieuError(_("Cần tệp khóa của cấp trên (--identity) hoặc --passphrase cho tệp mã hóa bằng mật khẩu."))
    identities = []
    if args.identity:
        identities.append(load_identity(Path(args.identity), from_environment_or_terminal(
            _("Mật khẩu của tệp khóa: "))))
    passphrase = from_environment_or_terminal(_("Mật khẩu của các tệp gửi lên: ")) if args.passphrase else None
    with _open(args) as board:
        outcomes = take_in(board, expand_inputs(args.inputs), Credentials(identities, passphrase))
    for outcome in outcomes:
        print(outcome.message)
    return 0


def _dashboard(board, today: date | None):
    from ..domain.board import dashboard

    return dashboard(board.roster(), board.receipts(), board.deadline(), today or date.today())


def cmd_status(args: argparse.Namespace) -> int:
    today = parse_day(args.today, "--today") if args.today else None
    with _open(args) as board:
        status = _dashboard(board, today)
        problems = board.log_problems()
        unmatched = [p for p in board.unmatched() if p.accepted]
        from ..domain.board import roster_problems

        alike = roster_problems(board.roster())
    if args.json:
        data = status.to_json() | {"log_problems": problems, "roster_problems": alike,
                                   "unmatched": [{"sha256": p.sha256, "source": p.source,
                                                  "organization": p.unit.get("organization")} for p in unmatched]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return 0
    from ..domain.board import UnitState

    days = status.days_left
    print(_("Hạn: {deadline}; còn {days} ngày.").format(deadline=status.deadline.text(),
                                                        days="—" if days is None else days))
    print("; ".join(f"{state.label}: {status.counts.get(state, 0)}" for state in UnitState))
    for s in status.statuses:
        print(f"{s.unit.code}\t{s.unit.name}\t{s.unit.parent}\t{s.state.label}" + (f": {s.reason}" if s.reason else ""))
    for p in unmatched:
        print(_("Chưa khớp đơn vị: {source} ({org}), SHA-256 {sha}").format(
            source=p.source, org=p.unit.get("organization"), sha=p.sha256[:16]))
    for problem in alike:
        print(_("Cần xem lại danh sách: {problem}").format(problem=problem))
    for problem in problems:
        print(_("phieu: nhật ký của bàn tổng hợp: {problem}").format(problem=problem), file=sys.stderr)
    return 1 if problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..exchange.board_intake import check_groups, check_qr, find_unit, groups_to_ask, package_of

    with _open(args) as board:
        unit = find_unit(board, args.unit, args.parent)
        package = package_of(board, unit)
        if args.minutes_scan:
            from ..scan.minutes_qr import qr_texts

            ok = check_qr(board, package.sha256, qr_texts(Path(args.minutes_scan)))
        else:
            asked = groups_to_ask(package.fingerprint)
            typed = []
            for group in asked:
                print(_("Gõ nhóm thứ {n} của mã niêm phong trên biên bản giấy: ").format(n=group), end="",
                      file=sys.stderr, flush=True)
                line = sys.stdin.readline()
                if not line:
                    raise PhieuError(_("Chưa gõ nhóm thứ {n}.").format(n=group))
                typed.append(line.strip())
            ok = check_groups(board, package.sha256, asked, (typed[0], typed[1]))
    if not ok:
        raise PhieuError(_("Mã niêm phong trên biên bản giấy KHÔNG khớp tệp của “{name}” ({fp}); đã ghi lại.").format(
            name=unit.name, fp=package.fingerprint))
    print(_("Khớp: biên bản giấy và tệp của “{name}” cùng mã niêm phong {fp}.").format(
        name=unit.name, fp=package.fingerprint))
    return 0


def _package_by_prefix(board, prefix: str):
    found = [p for p in board.packages() if p.sha256.startswith(prefix.lower()) or p.source == prefix]
    if len(found) != 1:
        raise PhieuError(_("“{text}”: cần tên tệp hoặc đầu mã SHA-256 của đúng một gói đã nhận ({n} gói khớp).").format(
            text=prefix, n=len(found)))
    return found[0]


def cmd_match(args: argparse.Namespace) -> int:
    from ..exchange.board_intake import find_unit

    with _open(args) as board:
        package = _package_by_prefix(board, args.package)
        unit = find_unit(board, args.unit, args.parent)
        board.match(package.sha256, unit)
    print(_("Đã khớp gói {source} với đơn vị {code} — {name}.").format(source=package.source, code=unit.code,
                                                                      name=unit.name))
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from ..exchange.board_intake import find_unit, keep_package

    with _open(args) as board:
        unit = find_unit(board, args.unit, args.parent)
        package = keep_package(board, unit, _package_by_prefix(board, args.package).sha256)
    print(_("Đơn vị {code}: giữ gói {source}.").format(code=unit.code, source=package.source))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ..exchange.board_report import build_report

    out = Path(args.output)
    if out.suffix.lower() not in (".pdf", ".xlsx", ".json"):
        raise PhieuError(_("Tệp báo cáo phải có đuôi .pdf, .xlsx hoặc .json."))
    if out.exists():
        raise PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=out.name))
    today = parse_day(args.today, "--today") if args.today else None
    with _open(args) as board:
        report = build_report(board, today)
    if out.suffix.lower() == ".pdf":
        from ..exchange.board_report_pdf import write_report_pdf

        write_report_pdf(report, out)
    elif out.suffix.lower() == ".xlsx":
        from ..exchange.board_report_xlsx import write_report_xlsx

        write_report_xlsx(report, out)
    else:
        from ..files import write_new

        write_new(out, (json.dumps(report.status.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    print(_("Báo cáo {n} đơn vị; {missing} đơn vị chưa báo cáo → {out}").format(
        n=len(report.units), missing=len(report.missing), out=out))
    return 0


def cmd_missing(args: argparse.Namespace) -> int:
    from ..exchange.board_report import build_report
    from ..exchange.board_report_pdf import write_missing_pdf

    out = Path(args.output)
    if out.exists():
        raise PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=out.name))
    with _open(args) as board:
        report = build_report(board, parse_day(args.today, "--today") if args.today else None)
    write_missing_pdf(report, out)
    print(_("{n} đơn vị chưa báo cáo → {out}").format(n=len(report.missing), out=out))
    return 0


def add_commands(add: Add) -> None:
    from . import _Parser

    board = add("board", lambda args: args.board_handler(args), _("cấp trên: bàn tổng hợp (.phieub) — danh sách "
                                                                   "đơn vị, hạn, nhận gói, đối chiếu, báo cáo"))
    verbs = board.add_subparsers(dest="verb", required=True, parser_class=_Parser, metavar="VIỆC")

    def verb(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        sub = verbs.add_parser(name, help=help_text)
        sub.set_defaults(board_handler=handler)
        sub.add_argument("board", metavar="BOARD.phieub")
        return sub

    sub = verb("init", cmd_init, _("tạo bàn tổng hợp"))
    sub.add_argument("--organization", metavar="TÊN", help=_("cơ quan tổng hợp (ban hành báo cáo)"))
    sub.add_argument("--parent", metavar="TÊN", help=_("cơ quan chủ quản, ghi trên dòng đầu"))
    sub.add_argument("--place", metavar="ĐỊA DANH")
    sub.add_argument("--title", metavar="TÊN", help=_("đợt lấy phiếu, ví dụ năm 2026"))
    sub.add_argument("--number", metavar="SỐ", help=_("số, ký hiệu của báo cáo, ví dụ 125-BC/BTCTU"))
    sub.add_argument("--signer", metavar="HỌ TÊN")
    sub.add_argument("--signer-title", metavar="DÒNG|DÒNG", help=_("chức danh người ký, các dòng cách nhau bởi |"))
    sub.add_argument("--header", choices=("state", "party"), default="state")

    roster = verbs.add_parser("roster", help=_("danh sách đơn vị phải báo cáo"))
    roster_verbs = roster.add_subparsers(dest="roster_verb", required=True, parser_class=_Parser, metavar="VIỆC")
    sub = roster_verbs.add_parser("import", help=_("nhập từ .xlsx hoặc .csv (cột Mã đơn vị, Tên đơn vị, Cơ quan cấp "
                                                   "trên, Liên hệ)"))
    sub.set_defaults(board_handler=cmd_roster_import)
    sub.add_argument("board", metavar="BOARD.phieub")
    sub.add_argument("file", metavar="DANH-SACH.xlsx")
    sub = roster_verbs.add_parser("add", help=_("thêm một đơn vị"))
    sub.set_defaults(board_handler=cmd_roster_add)
    sub.add_argument("board", metavar="BOARD.phieub")
    sub.add_argument("code", metavar="MÃ")
    sub.add_argument("name", metavar="TÊN")
    sub.add_argument("--parent", metavar="CẤP TRÊN")
    sub.add_argument("--contact", metavar="LIÊN HỆ")

    sub = verb("deadline", cmd_deadline, _("hạn gửi kết quả"))
    sub.add_argument("date", metavar="NGÀY")
    sub.add_argument("--after-meeting", action="store_true", help=_("“ngay sau khi kết thúc hội nghị”: NGÀY là ngày "
                                                                    "hội nghị"))

    sub = verb("add", cmd_add, _("nhận các gói gửi lên"))
    sub.add_argument("inputs", nargs="+", metavar="IN.phieux")
    sub.add_argument("--identity", metavar="KEY")
    sub.add_argument("--passphrase", action="store_true")

    sub = verb("status", cmd_status, _("tình trạng từng đơn vị"))
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--today", metavar="NGÀY", help=argparse.SUPPRESS)

    sub = verb("check", cmd_check, _("đối chiếu biên bản giấy: mã QR (cả 96 bit) hoặc hai nhóm chọn ngẫu nhiên"))
    sub.add_argument("unit", metavar="MÃ-ĐƠN-VỊ")
    sub.add_argument("--parent", metavar="CẤP TRÊN")
    how = sub.add_mutually_exclusive_group(required=True)
    how.add_argument("--minutes-scan", metavar="ẢNH", help=_("ảnh chụp hoặc bản quét biên bản (PNG, JPEG, TIFF, PDF)"))
    how.add_argument("--groups", action="store_true", help=_("gõ hai nhóm do chương trình chọn"))

    sub = verb("match", cmd_match, _("khớp một gói không có mã đơn vị với một đơn vị trong danh sách"))
    sub.add_argument("package", metavar="TỆP|SHA256")
    sub.add_argument("unit", metavar="MÃ-ĐƠN-VỊ")
    sub.add_argument("--parent", metavar="CẤP TRÊN")

    sub = verb("decide", cmd_decide, _("đơn vị có hai gói khác nhau: chọn gói được tính"))
    sub.add_argument("unit", metavar="MÃ-ĐƠN-VỊ")
    sub.add_argument("package", metavar="TỆP|SHA256")
    sub.add_argument("--parent", metavar="CẤP TRÊN")

    sub = verb("report", cmd_report, _("báo cáo tổng hợp (.pdf văn bản chính thức, .xlsx, .json)"))
    sub.add_argument("-o", "--output", required=True, metavar="OUT")
    sub.add_argument("--today", metavar="NGÀY", help=argparse.SUPPRESS)

    sub = verb("missing", cmd_missing, _("in danh sách đơn vị chưa báo cáo (.pdf)"))
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    sub.add_argument("--today", metavar="NGÀY", help=argparse.SUPPRESS)

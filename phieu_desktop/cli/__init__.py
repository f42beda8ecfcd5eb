"""The `phieu` command: a stable contract for scripts, automation and tests.

Every command calls the same store operations as the window. Errors: one Vietnamese line on stderr, exit 1
(2 for a malformed command line), nothing written. One module per group of verbs: session (new, enter, lock,
results, verify, …), exchange (keygen, export, consolidate), documents (print, guide, export-xlsx), signing (sign,
verify-pdf, trust) and scan.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from typing import Callable, NoReturn

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..quiet import silence_warnings

# The store (sqlite-utils), the documents (reportlab, openpyxl) and the exchange (pyrage) are imported by the
# command that needs them, so `phieu --help` and a mistyped command answer at once.

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_UNEXPECTED = 70

_ARGPARSE_VI = [
    (r"the following arguments are required: (.*)", r"thiếu tham số: \1"),
    (r"unrecognized arguments: (.*)", r"tham số không nhận ra: \1"),
    (r"argument (\S+): invalid int value: (.*)", r"tham số \1: \2 không phải số nguyên"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"tham số \1: lựa chọn không hợp lệ \2 (chọn một "
     r"trong: \3)"),
    (r"argument (\S+): invalid choice: (.*)", r"tham số \1: lựa chọn không hợp lệ \2"),
    (r"argument (\S+): expected one argument", r"tham số \1 cần một giá trị"),
    (r"argument (\S+): not allowed with argument (\S+)", r"tham số \1 không dùng cùng \2"),
    (r"one of the arguments (.*) is required", lambda m: "thiếu tham số: " + " hoặc ".join(m.group(1).split())),
    (r"argument (\S+): invalid \w+ value: (.*)", r"tham số \1: giá trị \2 không hợp lệ"),
    (r"argument (\S+): expected at least one argument", r"tham số \1 cần ít nhất một giá trị"),
    (r"argument (\S+): expected (\d+) arguments", r"tham số \1 cần \2 giá trị"),
    (r"argument (\S+): ignored explicit argument (.*)", r"tham số \1 không nhận giá trị \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"tùy chọn \1 chưa rõ, có thể là: \2"),
]


class _Formatter(argparse.HelpFormatter):
    """argparse's own words in Vietnamese: the usage line's prefix (the section titles are set by _Parser)."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001 (argparse's signature)
        super().add_usage(usage, actions, groups, _("cách dùng: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """Every `phieu … --help` and every syntax error in Vietnamese (argparse ships English only)."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 (argparse's signature)
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("tham số")
        self._optionals.title = _("tùy chọn")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_("in trang hướng dẫn này rồi thoát"))

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_VI:
            message = re.sub(pattern, replacement, message)
        self.exit(EXIT_USAGE, _("phieu: lỗi cú pháp lệnh: {message} (xem: phieu --help)\n").format(message=message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="phieu", description=_("Lấy phiếu tín nhiệm: tạo phiên, nhập phiếu, khóa và kiểm tra."))
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="LỆNH")

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.set_defaults(handler=handler)
        return sub

    from . import board, documents, exchange, plan, scan, session, signing

    session.add_commands(add)  # new, enter, check, lock, results, verify, status, demo, …
    exchange.add_commands(add)  # keygen, export, consolidate (issue 5)
    documents.add_commands(add)  # print, guide, export-xlsx (issue 3)
    signing.add_commands(add)  # sign, verify-pdf, trust (issue 15)
    scan.add_commands(add)  # scan (issue 16)
    plan.add_commands(add)  # plan, plan-set, dossier, question, explanation, scopes (issue 23)
    board.add_commands(add)  # board: the higher level's desk (issue 22)
    return parser


def main(argv: list[str] | None = None) -> int:
    silence_warnings()  # before any library is imported (PHIEU_WARNINGS=1 shows them)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        code = args.handler(args)
        _say_leftovers()
        return code
    except PhieuError as err:
        print(f"phieu: {err}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(_("phieu: đã dừng theo yêu cầu."), file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # `phieu ballots … | head`: the reader stopped reading
        _silence_stdout()
        print(_("phieu: nơi nhận kết quả đã đóng giữa chừng (ví dụ “| head”); phần còn lại không được in."),
              file=sys.stderr)
        return EXIT_REFUSED
    except (OSError, sqlite3.Error) as err:  # a disk or folder refused: say what to do, not the English text
        from ..files import describe_storage_error

        print(_("phieu: không đọc ghi được tệp: {reason}.").format(reason=describe_storage_error(err)), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as err:  # never a traceback for the user
        print(_("phieu: lỗi không mong đợi: {kind}: {err}").format(kind=type(err).__name__, err=err), file=sys.stderr)
        return EXIT_UNEXPECTED


def _say_leftovers() -> None:
    """What this run cleaned up after an earlier run that was killed while writing (files.sweep_leftovers)."""
    from ..files import LEFTOVER_NOTICES

    for notice in LEFTOVER_NOTICES:
        print(f"phieu: {notice}", file=sys.stderr)
    LEFTOVER_NOTICES.clear()


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at nowhere so the interpreter's last flush does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass



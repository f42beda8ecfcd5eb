"""`phieu scan`: read a scanned stack and print (or write) what the scanner proposes; nothing is entered.

A person then compares every ballot with its paper, corrects the marks, sets "confirmed": true, and enters the
file with `phieu enter FILE --ballot KEY --readings READINGS.json` (see scanning.enter_readings)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..files import write_new


def cmd_scan(args: argparse.Namespace) -> int:
    # Imported here, not at the top: Pillow, pypdfium2, zxing-cpp and the store would slow every `phieu --help`.
    from ..scan.sources import pages
    from ..scan.stack import read_stack
    from ..scanning import keep_image, paper_template, readings_to_json
    from ..store import SessionFile

    with SessionFile.open(Path(args.file)) as file:
        template = paper_template(file, args.ballot)
        stack = read_stack(pages([Path(p) for p in args.images]), template)
        if not stack.ballots:  # nothing read: nothing to review, nothing kept
            more = len(stack.problems) - 1
            tail = _(" (và {n} vấn đề khác)").format(n=more) if more else ""
            first = stack.problems[0].rstrip(".") if stack.problems else _("Không đọc được phiếu nào")
            raise PhieuError(_("{problem}{more}. Chưa ghi gì; bỏ trang đó ra hoặc quét lại.").format(
                problem=first, more=tail))
        for ballot in stack.ballots:
            for sheet in ballot.sheets:
                keep_image(file, sheet.page)
        readings = readings_to_json(template, stack.ballots, stack.set_aside)
    text = json.dumps(readings, ensure_ascii=False, indent=1) + "\n"
    # a page that could not be read is set aside by name; the rest of the stack is read all the same
    for problem in stack.problems:
        print(_("Để riêng: {problem}").format(problem=problem), file=sys.stderr)
    if args.output:
        write_new(Path(args.output), text.encode("utf-8"))
        doubtful = sum(1 for b in readings["ballots"] if b["doubtful"])
        aside = _(" {k} trang để riêng (xem “set_aside”), hãy quét lại hoặc nhập tay.").format(
            k=len(stack.problems)) if stack.problems else ""
        print(_("Đã đọc {n} phiếu ({d} phiếu có dòng cần xem kỹ), ghi vào {out}.{aside} Hãy đối chiếu từng phiếu "
                "rồi xác nhận trước khi nhập.").format(n=len(readings["ballots"]), d=doubtful, out=args.output,
                                                         aside=aside))
    else:
        sys.stdout.write(text)
    return 0


def add_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    sub = add("scan", cmd_scan, _("đọc phiếu đã quét (PNG, JPEG, TIFF, PDF hoặc thư mục): chỉ đề xuất, chưa nhập"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("--paper", "--ballot", dest="ballot", required=True, metavar="KEY")
    sub.add_argument("images", nargs="+", metavar="ẢNH|THƯ_MỤC")
    sub.add_argument("-o", "--output", metavar="READINGS.json", help=_("ghi kết quả đọc vào tệp (không ghi đè)"))

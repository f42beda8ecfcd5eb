"""The `phieu print`, `phieu guide` and `phieu export-xlsx` commands (registered by `cli.build_parser`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..documents.printing import DOCUMENTS, TITLES, print_document
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..files import write_new

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_print(args: argparse.Namespace) -> int:
    if args.document != "ballots" and (args.ballot or args.copies is not None or args.scannable):
        raise PhieuError(_("--paper (--ballot), --copies và --scannable chỉ dùng khi in phiếu (phieu print ballots)."))
    if args.draft and args.document not in ("minutes", "report"):
        raise PhieuError(_("--draft chỉ dùng cho biên bản và báo cáo."))
    if args.fractions and args.document not in ("minutes", "report"):
        raise PhieuError(_("--fractions chỉ dùng cho biên bản và báo cáo."))
    options: dict = {}
    if args.document == "ballots":
        options = {"ballot": args.ballot, "copies": args.copies, "scannable": args.scannable}
    elif args.document in ("minutes", "report"):
        options = {"draft": args.draft, "fractions": args.fractions}
    from ..store import SessionFile

    with SessionFile.open(Path(args.file)) as file:
        pages = print_document(file, args.document, Path(args.output), **options)
    print(_("Đã ghi {what}: {out} ({pages} trang).").format(what=_(TITLES[args.document]), out=args.output,
                                                            pages=pages))
    return 0


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from ..store import SessionFile

    with SessionFile.open(Path(args.file)) as file:
        print_document(file, "xlsx", Path(args.output), draft=args.draft)
    print(_("Đã ghi {what}: {out}.").format(what=_(TITLES["xlsx"]), out=args.output))
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    from ..documents.guide import guide_pdf

    data, pages = guide_pdf()
    write_new(Path(args.output), data)
    print(_("Đã ghi hướng dẫn sử dụng: {out} ({pages} trang).").format(out=args.output, pages=pages))
    return 0


def add_commands(add: Add) -> None:
    sub = add("print", cmd_print, _("in tài liệu ra PDF: ballots, minutes, report, log, dossier, "
                                    "supervisors-letter, process-report, announcement"))
    sub.add_argument("document", choices=DOCUMENTS, metavar="LOẠI",
                     help=_("ballots (phiếu), minutes (biên bản), report (báo cáo), log (nhật ký), dossier (hồ sơ), "
                            "supervisors-letter (đề nghị cử giám sát), process-report (báo cáo sơ kết), "
                            "announcement (thông báo kết quả)"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    sub.add_argument("--paper", "--ballot", dest="ballot", metavar="KEY",
                     help=_("chỉ in một loại phiếu (--ballot: tên cũ)"))
    sub.add_argument("--copies", type=int, metavar="N",
                     help=_("số bản mỗi loại phiếu (mặc định: số người có mặt khi bỏ phiếu)"))
    sub.add_argument("--scannable", action="store_true",
                     help=_("in kèm dấu góc và mã QR để đọc phiếu bằng máy quét (phieu scan)"))
    sub.add_argument("--draft", action="store_true", help=_("bản dự thảo khi kết quả chưa khóa"))
    sub.add_argument("--fractions", action="store_true",
                     help=_("ghi thêm phân số đúng (ví dụ 25/47) dưới mỗi tỷ lệ %% của biên bản, báo cáo"))

    sub = add("guide", cmd_guide, _("in hướng dẫn sử dụng ra PDF"))
    sub.add_argument("-o", "--output", required=True, metavar="OUT.pdf")

    sub = add("export-xlsx", cmd_export_xlsx, _("xuất bảng kết quả (Phụ lục 4) ra Excel"))
    sub.add_argument("file", metavar="FILE")
    sub.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    sub.add_argument("--draft", action="store_true", help=_("xuất khi kết quả chưa khóa"))

"""The `phieu print` and `phieu export-xlsx` commands (registered by `cli.build_parser`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import PhieuError
from ..domain.i18n import N_, _
from ..files import write_new

if TYPE_CHECKING:
    from ..store import SessionFile

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]

DOCUMENTS = ("ballots", "minutes", "report", "log", "dossier")
TITLES = {
    "ballots": N_("phiếu tín nhiệm"),
    "minutes": N_("biên bản kiểm phiếu"),
    "report": N_("báo cáo kết quả"),
    "log": N_("nhật ký nhập phiếu"),
    "dossier": N_("hồ sơ người được lấy phiếu"),
    "xlsx": N_("bảng kết quả Excel"),
}


def document_bytes(file: SessionFile, what: str, ballot: str | None = None, copies: int | None = None,
                   draft: bool = False, fractions: bool = False, scannable: bool = False) -> tuple[bytes, int]:
    """The bytes of one document and its page count (0 for a spreadsheet); nothing is written.

    `fractions` (minutes and report) writes the exact share, e.g. 25/47, under each percentage.
    """
    if what == "ballots":
        from .ballots import ballots_bytes

        return ballots_bytes(file, ballot, copies, scannable)
    if what == "minutes":
        from .minutes import minutes_bytes

        return minutes_bytes(file, draft=draft, fractions=fractions)
    if what == "report":
        from .report import report_bytes

        return report_bytes(file, draft=draft, fractions=fractions)
    if what == "log":
        from .entry_log import log_bytes

        return log_bytes(file)
    if what == "dossier":
        from .dossier import dossier_bytes

        return dossier_bytes(file)
    if what == "xlsx":
        from .xlsx import xlsx_bytes

        return xlsx_bytes(file, draft=draft), 0
    raise PhieuError(_("Không có loại tài liệu “{what}”.").format(what=what))


def print_document(file: SessionFile, what: str, out: Path, **options) -> int:
    """Render, write (never overwriting) and record in the audit log that the document was produced."""
    if not file.opening_report.ok:
        raise PhieuError(_("Tệp đã bị thay đổi ngoài chương trình: {problem}").format(
            problem=file.opening_report.problems[0]))
    data, pages = document_bytes(file, what, **options)
    out = Path(out)
    write_new(out, data)
    detail = {"document": what, "file": out.name, "pages": pages}
    detail.update({k: v for k, v in options.items() if v not in (None, False)})
    try:
        file.note("printed" if what != "xlsx" else "exported", **detail)
    except BaseException:
        out.unlink(missing_ok=True)  # a document the log does not know of is not left behind
        raise
    return pages


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
    from .guide import guide_pdf

    data, pages = guide_pdf()
    write_new(Path(args.output), data)
    print(_("Đã ghi hướng dẫn sử dụng: {out} ({pages} trang).").format(out=args.output, pages=pages))
    return 0


def add_commands(add: Add) -> None:
    sub = add("print", cmd_print, _("in tài liệu ra PDF: ballots, minutes, report, log, dossier"))
    sub.add_argument("document", choices=DOCUMENTS, metavar="LOẠI",
                     help=_("ballots (phiếu), minutes (biên bản), report (báo cáo), log (nhật ký), dossier (hồ sơ)"))
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

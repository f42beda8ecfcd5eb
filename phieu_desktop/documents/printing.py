"""Render a document of a session and write it, noted in the audit log: what `phieu print` and the window call."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import PhieuError
from ..domain.i18n import N_, _
from ..files import write_new

if TYPE_CHECKING:
    from ..store import SessionFile

DOCUMENTS = ("ballots", "minutes", "report", "log", "dossier", "supervisors-letter", "process-report", "announcement")
TITLES = {
    "ballots": N_("phiếu tín nhiệm"),
    "minutes": N_("biên bản kiểm phiếu"),
    "report": N_("báo cáo kết quả"),
    "log": N_("nhật ký nhập phiếu"),
    "dossier": N_("hồ sơ người được lấy phiếu"),
    "supervisors-letter": N_("văn bản đề nghị cử đại diện dự, giám sát"),
    "process-report": N_("báo cáo sơ kết quá trình lấy phiếu"),
    "announcement": N_("thông báo kết quả"),
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
    if what in ("supervisors-letter", "process-report", "announcement"):
        from . import after_meeting

        make = {"supervisors-letter": after_meeting.supervisors_letter_bytes,
                "process-report": after_meeting.process_report_bytes,
                "announcement": after_meeting.announcement_bytes}[what]
        return make(file)
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
    detail = {"document": what, "file": out.name, "pages": pages, "sha256": hashlib.sha256(data).hexdigest()}
    detail.update({k: v for k, v in options.items() if v not in (None, False)})
    # noted in the log once complete on disk and before it appears under its name: no kill leaves a document the
    # log does not know of (a failed note leaves nothing)
    write_new(out, data, record=lambda: file.note("printed" if what != "xlsx" else "exported", **detail))
    return pages

"""Render a document of a session and write it, noted in the audit log: what `phieu print` and the window call."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import PhieuError
from ..domain.i18n import N_, _
from ..domain.work import SILENT, Ticker
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
                   draft: bool = False, fractions: bool = False, scannable: bool = False,
                   ticker: Ticker | None = None) -> tuple[bytes, int]:
    """The bytes of one document and its page count (0 for a spreadsheet); nothing is written.

    `fractions` (minutes and report) writes the exact share, e.g. 25/47, under each percentage.
    """
    if what == "ballots":
        from .ballots import ballots_bytes

        return ballots_bytes(file, ballot, copies, scannable)
    if what == "minutes":
        from .minutes import minutes_bytes

        return minutes_bytes(file, draft=draft, fractions=fractions, ticker=ticker)
    if what == "report":
        from .report import report_bytes

        return report_bytes(file, draft=draft, fractions=fractions, ticker=ticker)
    if what == "log":
        from .entry_log import log_bytes

        return log_bytes(file, ticker=ticker)
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


def _require_intact(file: SessionFile) -> None:
    if not file.opening_report.ok:
        raise PhieuError(_("Tệp đã bị thay đổi ngoài chương trình: {problem}").format(
            problem=file.opening_report.problems[0]))


def print_document(file: SessionFile, what: str, out: Path, ticker: Ticker | None = None, **options) -> int:
    """Render, write (never overwriting) and record in the audit log that the document was produced.

    `ticker` hears of every page; a stop (Cancelled) comes before anything is written."""
    _require_intact(file)
    data, pages = document_bytes(file, what, ticker=ticker, **options)
    out = Path(out)
    detail = {"document": what, "file": out.name, "pages": pages, "sha256": hashlib.sha256(data).hexdigest()}
    detail.update({k: v for k, v in options.items() if v not in (None, False)})
    # noted in the log once complete on disk and before it appears under its name: no kill leaves a document the
    # log does not know of (a failed note leaves nothing)
    write_new(out, data, record=lambda: file.note("printed" if what != "xlsx" else "exported", **detail))
    return pages


@dataclass
class PaperJob:
    """One document to put on paper: the very PDF "Lưu PDF…" writes, and how it goes on paper by default."""

    what: str  # one of DOCUMENTS
    title: str  # shown in the dialogs and as the job's name in the print queue
    data: bytes
    pages: int
    duplex: bool = False  # two-sided, long edge: a ballot of more than one page (forms/ballot.toml)
    copies: int = 1  # copies of the whole job; the minutes hold their three copies themselves (Bản số 1/3 …)
    sizes: list[tuple[float, float]] = field(default_factory=list)  # each page's (width, height) in points
    paper: str | None = None  # the ballot paper's key, for ballots


def paper_jobs(file: SessionFile, what: str, ticker: Ticker = SILENT, **options) -> list[PaperJob]:
    """The print jobs of one document: ballots one job per paper (each duplex or not), anything else one job."""
    from .raster import page_sizes

    _require_intact(file)
    if what not in DOCUMENTS:
        raise PhieuError(_("Không in được “{what}” ra giấy.").format(what=what))
    session = file.session
    keys: list[str | None] = [None]
    if what == "ballots":
        keys = [options.pop("ballot")] if options.get("ballot") else [p.key for p in session.papers]
    jobs = []
    for index, key in enumerate(keys):
        ticker.step(index, len(keys), _("Đang chuẩn bị {title}…").format(title=_(TITLES[what])))
        extra = {"ballot": key} if key else {}
        data, pages = document_bytes(file, what, **extra, **options, ticker=ticker)
        title = _(TITLES[what])
        duplex = False
        if what == "ballots":
            from .ballots import default_copies

            copies = options.get("copies") or default_copies(session)
            duplex = pages > copies  # more than one page per ballot: printed on both sides of the sheet
            title = _("{title} “{paper}” ({copies} bản)").format(title=title, paper=session.paper(key).title,
                                                                 copies=copies)
        jobs.append(PaperJob(what, title, data, pages, duplex=duplex, sizes=page_sizes(data), paper=key))
    ticker.step(len(keys), len(keys))
    return jobs


def note_printed(file: SessionFile, job: PaperJob, printer: str, pages: int, copies: int, duplex: bool,
                 page_range: str | None = None) -> None:
    """The audit log's line for a job sent to a printer: what, on which printer, how many pages and copies."""
    detail: dict[str, object] = {"document": job.what, "printer": printer, "pages": pages, "copies": copies}
    if job.paper:
        detail["ballot"] = job.paper
    if duplex:
        detail["duplex"] = True
    if page_range:
        detail["range"] = page_range
    file.note("printed_on_paper", **detail)

"""Printing on a printer: Qt's print dialog and preview, the pages of the PDF we make drawn at 100 % scale.

The document is made once (the same bytes "Lưu PDF…" writes), each page rendered at the printer's resolution
(documents.raster) and placed at the paper's corner at its own size: nothing is scaled to fit, so a scannable
ballot keeps its geometry. Two-sided ballots are printed duplex (long side); the minutes are one job holding its
three copies, collated. After the job the audit log says what was printed, how many copies and on which printer;
a job the print system refused is reported, never shown as done. Rendering and sending run off the window's
thread (ui.background) with progress and "Dừng"; a stopped job is aborted, so nothing half-printed is queued.

On Windows the same code drives the system's printers through Qt's Windows print support (the system's own print
dialog, in the system's language); under Linux Qt draws the dialog and CUPS does the printing.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from ..documents.printing import PaperJob, note_printed, paper_jobs
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.work import SILENT, Cancelled, Ticker

PREVIEW_DPI = 96  # the preview shows pages on screen: no need for the printer's 600 dots per inch
MAX_RENDER_DPI = 300  # an office printer's native resolution; 600 took four times as long for no visible gain


def make_printer(job: PaperJob, printer: QPrinter | None = None) -> QPrinter:
    """The printer set for this job: its page size, full page (no margins added: the PDF has its own), duplex."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(job.title)
    printer.setFullPage(True)
    if job.sizes:
        width, height = job.sizes[0]
        size = QPageSize(QPageSize.id(QRectF(0, 0, width, height).size(), QPageSize.Unit.Point,
                                      QPageSize.SizeMatchPolicy.FuzzyMatch))
        if not size.isValid() or size.id() == QPageSize.PageSizeId.Custom:
            size = QPageSize(QRectF(0, 0, width, height).size(), QPageSize.Unit.Point, job.title)
        printer.setPageSize(size)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if width > height
                                   else QPageLayout.Orientation.Portrait)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide if job.duplex else QPrinter.DuplexMode.DuplexNone)
    printer.setCopyCount(job.copies)
    printer.setCollateCopies(True)
    printer.setFromTo(0, 0)
    return printer


def chosen_pages(printer: QPrinter, pages: int) -> list[int]:
    """The pages the print dialog asked for (1-based): all, or "từ trang … đến trang …"."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), printer.toPage() or pages
        return list(range(max(1, first), min(pages, last) + 1))
    return list(range(1, pages + 1))


def paint(printer: QPrinter, job: PaperJob, ticker: Ticker = SILENT) -> int:
    """Draw the chosen pages on `printer` at 100 % scale; returns how many. Raises PhieuError if the job failed."""
    from ..documents.raster import render_pages

    numbers = chosen_pages(printer, job.pages)
    painter = QPainter()
    if not painter.begin(printer):
        raise PhieuError(_("Máy in “{name}” không nhận lệnh in; chưa in trang nào.").format(
            name=printer.printerName() or _("(không tên)")))
    preview = painter.paintEngine() is not None and painter.paintEngine().type() == QPaintEngine.Type.Picture
    device_dpi = printer.resolution()
    render_dpi = PREVIEW_DPI if preview else min(device_dpi, MAX_RENDER_DPI)
    done = 0
    try:
        for page in render_pages(job.data, render_dpi, numbers, ticker=ticker):
            if done and not printer.newPage():
                raise PhieuError(_("Máy in dừng ở trang {page}.").format(page=page.number))
            image = page.image
            raw = image.tobytes()
            qimage = QImage(raw, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888)
            # full page: the painter's origin is the paper's corner, its unit the printer's dot
            scale = device_dpi / 72
            painter.drawImage(QRectF(0, 0, page.width_pt * scale, page.height_pt * scale), qimage)
            done += 1
    except BaseException:
        if not preview:
            printer.abort()  # nothing half-printed stays in the queue
        painter.end()
        raise
    if not painter.end() and not preview:
        raise PhieuError(_("Máy in “{name}” báo lỗi; lệnh in có thể chưa được gửi đi.").format(
            name=printer.printerName()))
    if not preview and printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PhieuError(_("Máy in “{name}” báo lỗi; lệnh in chưa được gửi đi.").format(name=printer.printerName()))
    return done


def print_dialog(parent: QWidget | None, printer: QPrinter, job: PaperJob) -> QPrintDialog:
    """Qt's print dialog: which printer, how many copies, both sides, which pages."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("In {title}").format(title=job.title))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    dialog.setMinMax(1, max(1, job.pages))
    return dialog


def preview_dialog(parent: QWidget | None, printer: QPrinter, job: PaperJob) -> QPrintPreviewDialog:
    """Qt's print preview: every page as it will come out; its "In" button opens the print dialog."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_("Xem trước khi in: {title}").format(title=job.title))
    dialog.paintRequested.connect(lambda target: paint(target, job))
    screen = (parent.screen() if parent is not None else None)
    if screen is not None:  # never taller or wider than the screen
        area = screen.availableGeometry()
        dialog.resize(min(1000, area.width() - 40), area.height() - 60)
    dialog.setWindowState(dialog.windowState() & ~Qt.WindowState.WindowMaximized)
    return dialog


def accepted(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def page_range(printer: QPrinter, job: PaperJob) -> str | None:
    numbers = chosen_pages(printer, job.pages)
    if len(numbers) == job.pages:
        return None
    return f"{numbers[0]}-{numbers[-1]}" if numbers else ""


def print_on_paper(parent: QWidget, ctx, what: str, preview: bool = False, **options) -> bool:
    """The whole path from a button: make the document, ask (print dialog or preview), print, note it in the log.

    Returns True when every job went to the printer. A refusal, a printer error or "Dừng" is said in a dialog.
    """
    from . import background, dialogs
    from .context import FAILED

    file = ctx.file
    jobs = ctx.act(parent, background.run, parent, _("Đang chuẩn bị tài liệu để in…"),
                   lambda ticker: paper_jobs(file, what, ticker, **options))
    if jobs is FAILED or not jobs:
        return False
    printer = make_printer(jobs[0])
    outcome: dict[str, object] = {}

    def send(target: QPrinter, job: PaperJob) -> None:
        """The real job, off the window's thread; its result or error is kept for after the dialog."""
        try:
            printed = background.run(parent, _("Đang in {title}…").format(title=job.title),
                                     lambda ticker: paint(target, job, ticker))
        except (PhieuError, OSError) as err:
            outcome["error"] = err
            return
        outcome.setdefault("sent", []).append((job, printed))  # type: ignore[union-attr]

    def paint_requested(target: QPrinter) -> None:
        painter_type = target.paintEngine().type() if target.paintEngine() is not None else None
        if painter_type == QPaintEngine.Type.Picture:
            try:
                paint(target, jobs[0])
            except PhieuError as err:
                outcome["error"] = err
        else:
            send(target, jobs[0])

    if preview:
        dialog = preview_dialog(parent, printer, jobs[0])
        dialog.paintRequested.disconnect()
        dialog.paintRequested.connect(paint_requested)
        if not accepted(dialog) and "sent" not in outcome and "error" not in outcome:
            return False
        rest = jobs[1:]
    else:
        if not accepted(print_dialog(parent, printer, jobs[0])):
            return False
        rest = jobs
    for job in rest:  # ballots of the other papers: same printer and copies, each paper duplex or not
        if "error" in outcome:
            break
        printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide if job.duplex else QPrinter.DuplexMode.DuplexNone)
        printer.setDocName(job.title)
        send(printer, job)
    for job, printed in outcome.get("sent", []):  # type: ignore[union-attr]
        if ctx.act(parent, note_printed, file, job, printer.printerName(), printed, printer.copyCount(),
                   printer.duplex() != QPrinter.DuplexMode.DuplexNone and job.duplex,
                   page_range(printer, job)) is FAILED:
            return False
    error = outcome.get("error")
    if error is not None:
        from .messages import explain

        ctx.changed.emit()
        dialogs.error(parent, explain(error), title=_("Không in được"))  # type: ignore[arg-type]
        return False
    sent = outcome.get("sent", [])
    pages = sum(printed for _job, printed in sent)  # type: ignore[union-attr]
    dialogs.info(parent, _("In"), _("Đã gửi {pages} trang × {copies} bản tới máy in “{printer}”.").format(
        pages=pages, copies=printer.copyCount(), printer=printer.printerName()))
    return True


__all__ = ["Cancelled", "PaperJob", "accepted", "chosen_pages", "make_printer", "paint", "preview_dialog",
           "print_dialog", "print_on_paper"]

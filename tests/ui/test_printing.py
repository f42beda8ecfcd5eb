"""Printing on paper: Qt's print dialog and preview, the PDF's own pages at 100 % scale, the audit log's note.

The end-to-end test prints from the window (offscreen) to a real print system: CUPS with the cups-pdf printer
(Debian `cups`, `printer-driver-cups-pdf`; .ci/run installs and starts them), then compares the pages that came
out of CUPS with the PDF the program makes. Without a running CUPS with a cups-pdf printer it is skipped.
"""

from __future__ import annotations

import functools
import getpass
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox

from phieu_desktop.demo import create_demo
from phieu_desktop.documents.printing import paper_jobs
from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.store import SessionFile
from phieu_desktop.ui import background
from phieu_desktop.ui import paper as paper_module
from phieu_desktop.ui.paper import make_printer, paint
from tests.conftest import make_session
from tests.ui.helpers import press_enter

PDFTOPPM = shutil.which("pdftoppm")


def _pages(pdf: Path, out: Path) -> list[Image.Image]:
    """Each page of a PDF in grey (poppler at 150 dpi), averaged over 10×10 dots: what the page shows at 15 dpi.

    Averaging after rendering makes vector text (our PDF) and the same text as a 300-dpi image (the printed pages)
    comparable: the same page differs by about 2 grey levels, a page shifted by 1.7 mm by 7, another page by 14."""
    out.mkdir(exist_ok=True)
    subprocess.run([PDFTOPPM, "-r", "150", "-gray", "-png", str(pdf), str(out / "p")], check=True)
    pages = [Image.open(p).convert("L") for p in sorted(out.glob("p*.png"))]
    return [page.resize((page.width // 10, page.height // 10), Image.Resampling.BOX) for page in pages]


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute grey difference (0-255) of two page images of the same size."""
    assert a.size == b.size, (a.size, b.size)
    histogram = ImageChops.difference(a, b).histogram()
    return sum(value * count for value, count in enumerate(histogram)) / (a.size[0] * a.size[1])


def _same_pages(made: Path, printed: Path, work: Path) -> None:
    ours, theirs = _pages(made, work / "ours"), _pages(printed, work / "theirs")
    assert len(theirs) == len(ours)
    for number, (a, b) in enumerate(zip(ours, theirs), start=1):
        # same page size, and at 100 % scale: a fit-to-page or a margin added would shift and shrink the ink
        assert _difference(a, b) < 4, f"page {number} differs from the PDF"


@pytest.fixture(autouse=True)
def quiet_progress(monkeypatch):
    """The progress dialog of long work appears only after a while: not during these tests' modal answers."""
    monkeypatch.setattr(background, "run", functools.partial(background.run, delay_ms=600_000))


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.phieu"
    create_demo(path)
    return path


@pytest.mark.skipif(PDFTOPPM is None, reason="poppler-utils (pdftoppm) is not installed")
def test_pages_go_on_paper_at_full_size(demo, tmp_path, qapp):
    """No print system needed: Qt's own PDF output stands for the printer, page for page, same size, same ink."""
    with SessionFile.open(demo) as file:
        job = paper_jobs(file, "report")[0]
    made = tmp_path / "made.pdf"
    made.write_bytes(job.data)
    printer = make_printer(job, QPrinter(QPrinter.PrinterMode.HighResolution))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint(printer, job) == job.pages
    _same_pages(made, tmp_path / "printed.pdf", tmp_path)


def test_ballots_are_one_job_per_paper_two_sided_only_when_a_ballot_has_two_pages(tmp_path):
    long = make_session(persons=40, issued=None, returned=None, present=None, present_at_vote=None)
    with SessionFile.create(tmp_path / "dai.phieu", long) as file:
        jobs = paper_jobs(file, "ballots", copies=2)
    assert len(jobs) == 1 and jobs[0].pages == 4 and jobs[0].duplex  # two pages per ballot: both sides
    with SessionFile.create(tmp_path / "ngan.phieu", make_session()) as file:
        jobs = paper_jobs(file, "ballots", copies=3)
    assert [(j.pages, j.duplex) for j in jobs] == [(3, False)]  # one page per ballot: never two ballots a sheet
    assert "3 bản" in jobs[0].title


def test_a_failed_print_job_is_said_and_not_logged(window, demo, monkeypatch, dialogs):
    window.open_file(demo)

    def broken(printer, job, ticker=None):
        raise PhieuError("Máy in “X” báo lỗi; lệnh in chưa được gửi đi.")

    monkeypatch.setattr(paper_module, "paint", broken)
    monkeypatch.setattr(paper_module, "accepted", lambda dialog: True)  # the print dialog, answered "In"
    dialogs.expect(press_enter)
    assert not window.lock.print_on_paper("minutes")
    dialogs.wait_done()
    assert "báo lỗi" in dialogs.seen[0] and "Đã gửi" not in dialogs.seen[0]
    notes = [e.detail for e in window.ctx.file.audit_entries() if e.action == "note"]
    assert not any(n.get("what") == "printed_on_paper" for n in notes)


def _cups_pdf_printer() -> str | None:
    """The name of a cups-pdf printer of a running CUPS, or None."""
    if shutil.which("lpstat") is None:
        return None
    try:
        listing = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in listing.stdout.splitlines():  # "device for PDF: cups-pdf:/"
        if "cups-pdf:/" in line and line.startswith("device for "):
            return line[len("device for "):].split(":")[0]
    return None


def _cups_pdf_folder() -> Path:
    """Where cups-pdf writes a job of this user: the `Out` line of /etc/cups/cups-pdf.conf (default ~/PDF)."""
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            if line.startswith("Out "):
                out = line[4:].strip()
    user = getpass.getuser()
    home = os.path.expanduser(f"~{user}")
    return Path(out.replace("${HOME}", home).replace("${USER}", user))


PRINTER = _cups_pdf_printer()


@pytest.mark.skipif(PRINTER is None, reason="no CUPS running with a cups-pdf printer (apt-get install cups "
                                            "printer-driver-cups-pdf; cupsd; lpadmin -p PDF -v cups-pdf:/ -E): "
                                            ".ci/run sets one up")
@pytest.mark.skipif(PDFTOPPM is None, reason="poppler-utils (pdftoppm) is not installed")
def test_print_from_the_window_on_a_cups_printer(window, demo, tmp_path, monkeypatch, dialogs, qtbot):
    """The report of the demo, printed from the Khóa kết quả step through the print dialog to CUPS."""
    folder = _cups_pdf_folder()
    before = set(folder.glob("*.pdf")) if folder.exists() else set()
    window.open_file(demo)

    def choose_printer(dialog):
        assert dialog.windowTitle().startswith("In ")
        combo = next(c for c in dialog.findChildren(QComboBox) if c.findText(PRINTER) >= 0)
        combo.setCurrentIndex(combo.findText(PRINTER))
        dialog.accept()

    dialogs.expect(choose_printer, press_enter)
    action = next(a for a in window.lock.doc_menus["report"].actions() if a.objectName() == "onPaper")
    started = time.time()
    action.trigger()
    dialogs.wait_done()
    assert f"tới máy in “{PRINTER}”" in dialogs.seen[-1], dialogs.seen
    notes = [e.detail for e in window.ctx.file.audit_entries() if e.action == "note"]
    made = tmp_path / "made.pdf"
    job = paper_jobs(window.ctx.file, "report")[0]
    made.write_bytes(job.data)
    assert notes[-1] == {"what": "printed_on_paper", "document": "report", "printer": PRINTER, "pages": job.pages,
                         "copies": 1}

    def came_out() -> list[Path]:
        return [p for p in folder.glob("*.pdf") if p not in before and p.stat().st_mtime >= started - 1
                and p.stat().st_size > 0] if folder.exists() else []

    deadline = time.time() + 180
    while not came_out() and time.time() < deadline:  # CUPS converts the job with ghostscript: seconds
        qtbot.wait(500)
    printed = came_out()
    assert printed, f"nothing came out of CUPS in {folder}"
    time.sleep(1)  # cups-pdf writes the file in one go, then sets its mode; let it finish
    _same_pages(made, printed[0], tmp_path)

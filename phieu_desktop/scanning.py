"""Scanning tied to a session file: the paper's template, the images kept beside the session, and entering a
ballot a person has confirmed (the same store call as typing, with its provenance in the audit log).

Used by the `phieu scan` / `phieu enter --readings` / `phieu check --readings` commands and by the window's "Quét
phiếu" dialog. The readings file's format is scan/readings.py's; which images were entered is the store's
(store/scanned.py); this layer joins them to a session file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .documents.ballots import scannable_sheets
from .documents.session_code import session_code
from .domain.errors import PhieuError
from .domain.i18n import _
from .domain.marks import parse_marks
from .files import describe_os_error
from .scan.readings import READINGS_FORMAT, confirmed_ballots, load_readings, readings_to_json
from .scan.sources import SUFFIXES, Page
from .scan.template import PaperTemplate
from .store import SessionFile
from .store.scanned import scanned_images

SCANNED = "scanner"


def paper_template(file: SessionFile, key: str) -> PaperTemplate:
    code, sheets, pdf = scannable_sheets(file, key)
    paper = file.session.paper(key)
    levels = tuple(level.code for level in file.session.regime.levels)
    return PaperTemplate(code, key, paper.title, len(paper.persons), levels, sheets, pdf)


def images_folder(file: SessionFile) -> Path:
    """Beside the session file, never inside it (so never in an exported result file)."""
    return file.path.with_name(file.path.name + ".scans")


def keep_image(file: SessionFile, page: Page) -> str:
    """Store the page's bytes as `<sha256><suffix>` in the images folder, on disk before this returns (a ballot is
    acknowledged only after its images are); returns the SHA-256."""
    folder = images_folder(file)
    digest = page.sha256
    target = folder / f"{digest}{page.suffix}"
    if target.exists():
        return digest
    try:
        folder.mkdir(exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")  # random name, created exclusively
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(page.data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _sync_folder(folder)
    except OSError as err:
        raise PhieuError(_("Không lưu được ảnh quét vào thư mục “{folder}”: {err}.").format(
            folder=folder.name, err=describe_os_error(err))) from None
    return digest


def _sync_folder(folder: Path) -> None:
    """The new name on disk too (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def enter_confirmed(file: SessionFile, key: str, marks: str, images: list[str], read: str) -> int:
    """Commit one ballot a person has confirmed against its paper; `read` is what the scanner proposed.

    The audit entry records that a scanner read it, that a person confirmed it, the images' SHA-256 and which
    rows the person changed."""
    marks, source = _provenance(file, key, marks, images, read, scanned_images(file, key, checks=True))
    return file.add_ballot(key, marks, source=source)


def check_confirmed(file: SessionFile, key: str, marks: str, images: list[str], read: str) -> int:
    """The same, as the verification pass's second entry of the next ballot; the first entries' images are
    refused (the second reading must come from the paper again)."""
    _refuse_first_images(file, key, [images])
    marks, source = _provenance(file, key, marks, images, read, scanned_images(file, key, checks=True))
    return file.add_check(key, marks, source=source)


def enter_readings(file: SessionFile, key: str, data: dict) -> list[int]:
    """Enter every ballot of a reviewed readings file, all or nothing; refuses a file not wholly confirmed."""
    marks, sources = _confirmed_readings(file, key, data)
    return file.add_ballots(key, marks, sources=sources)


def check_readings(file: SessionFile, key: str, data: dict) -> list[int]:
    """The verification pass read by a scanner: a confirmed readings file of the same stack, in the same order,
    as the second entries. Images already used for the first entries are refused: the two readings must be two."""
    file.ballots(key)  # refuses an unknown paper by name
    ballots = confirmed_ballots(data, session_code(file), key)
    _refuse_first_images(file, key, [b.images for b in ballots], numbered=True)
    marks, sources = _confirmed_readings(file, key, data, ballots)
    return file.add_checks(key, marks, sources=sources)


def _refuse_first_images(file: SessionFile, key: str, images: list, numbered: bool = False) -> None:
    first = scanned_images(file, key)
    for index, digests in enumerate(images, start=1):
        for digest in digests:
            if digest not in first:
                continue
            if numbered:
                raise PhieuError(_("Phiếu đọc thứ {n}: ảnh này đã dùng cho lần nhập thứ nhất (phiếu số {number}); "
                                   "kiểm tra lại phải quét lại từ phiếu giấy.").format(n=index, number=first[digest]))
            raise PhieuError(_("Ảnh này đã dùng cho lần nhập thứ nhất (phiếu số {number}); kiểm tra lại phải quét "
                               "lại từ phiếu giấy.").format(number=first[digest]))


def _confirmed_readings(file: SessionFile, key: str, data: dict, ballots=None) -> tuple[list[str], list[dict]]:
    file.ballots(key)  # refuses an unknown paper by name
    if ballots is None:
        ballots = confirmed_ballots(data, session_code(file), key)
    entered = scanned_images(file, key, checks=True)
    folder = images_folder(file)
    marks_list, sources = [], []
    for ballot in ballots:
        for digest in ballot.images:
            if digest in entered:
                raise PhieuError(_("Phiếu đọc thứ {n}: ảnh này đã được nhập (phiếu số {number}); chưa nhập phiếu "
                                   "nào.").format(n=ballot.index, number=entered[digest]))
            if not any((folder / f"{digest}{suffix}").is_file() for suffix in SUFFIXES):
                raise PhieuError(_("Phiếu đọc thứ {n}: không thấy ảnh quét trong thư mục “{folder}”.").format(
                    n=ballot.index, folder=folder.name))
        try:
            marks, source = _provenance(file, key, ballot.marks, list(ballot.images), ballot.read, {})
        except PhieuError as err:
            raise PhieuError(_("Phiếu đọc thứ {n}: {problem}").format(n=ballot.index, problem=err)) from None
        marks_list.append(marks)
        sources.append(source)
    return marks_list, sources


def _provenance(file: SessionFile, key: str, marks: str, images: list[str], read: str,
                entered: dict[str, int]) -> tuple[str, dict]:
    """The marks as the store keeps them and the one provenance record of a scanned ballot: read by the scanner,
    confirmed by a person, its images, and the rows the person changed (compared after both are normalised, so
    "c t l" against "CTL" changes nothing)."""
    if not images:
        raise PhieuError(_("Phiếu quét phải có ảnh đi kèm."))
    for digest in images:
        if digest in entered:
            raise PhieuError(_("Ảnh quét này đã được nhập (phiếu số {number}).").format(number=entered[digest]))
    regime, width = file.session.regime, len(file.session.paper(key).persons)
    normalised = parse_marks(marks, regime, width)
    try:
        proposed = parse_marks(read, regime, width)
    except PhieuError:
        proposed = None  # a proposal of another width: every row counts as the person's
    changed = [i + 1 for i, (a, b) in enumerate(zip(proposed, normalised)) if a != b] if proposed else \
        list(range(1, width + 1))
    return normalised, {"read_by": SCANNED, "confirmed": True, "images": list(images), "read": read,
                        "changed": changed}


__all__ = ["READINGS_FORMAT", "SCANNED", "check_confirmed", "check_readings", "enter_confirmed", "enter_readings",
           "images_folder", "keep_image", "load_readings", "paper_template", "readings_to_json", "scanned_images"]

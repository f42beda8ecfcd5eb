"""Scanning tied to a session file: the paper's template, the images kept beside the session, and entering a
ballot a person has confirmed (the same store call as typing, with its provenance in the audit log).

Used by the `phieu scan` / `phieu enter --readings` commands and by the window's "Quét phiếu" dialog."""

from __future__ import annotations

from pathlib import Path

from .documents.ballots import scannable_sheets
from .domain.errors import PhieuError
from .domain.i18n import _
from .scan.sources import Page
from .scan.template import PaperTemplate
from .store import SessionFile

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
    """Store the page's bytes as `<sha256><suffix>` in the images folder; returns the SHA-256."""
    folder = images_folder(file)
    folder.mkdir(exist_ok=True)
    digest = page.sha256
    target = folder / f"{digest}{page.suffix}"
    if not target.exists():
        temp = target.with_suffix(target.suffix + ".tmp")
        temp.write_bytes(page.data)
        temp.replace(target)
    return digest


def enter_confirmed(file: SessionFile, key: str, marks: str, images: list[str], read: str) -> int:
    """Commit one ballot a person has confirmed against its paper; `read` is what the scanner proposed.

    The audit entry records that a scanner read it, that a person confirmed it, the images' SHA-256 and which
    rows the person changed."""
    if not images:
        raise PhieuError(_("Phiếu quét phải có ảnh đi kèm."))
    changed = [i + 1 for i, (a, b) in enumerate(zip(read, marks)) if a != b] if len(read) == len(marks) else []
    source = {"read_by": SCANNED, "confirmed": True, "images": images, "read": read, "changed": changed}
    return file.add_ballot(key, marks, source=source)

"""Scanning tied to a session file: the paper's template, the images kept beside the session, and entering a
ballot a person has confirmed (the same store call as typing, with its provenance in the audit log).

Used by the `phieu scan` / `phieu enter --readings` commands and by the window's "Quét phiếu" dialog."""

from __future__ import annotations

from pathlib import Path

from .documents.ballots import scannable_sheets
from .documents.session_code import session_code
from .domain import audit
from .domain.errors import PhieuError
from .domain.i18n import _
from .scan.sources import Page
from .scan.stack import BallotReading
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
    return file.add_ballot(key, marks, source=_source(file, key, marks, images, read))


def check_confirmed(file: SessionFile, key: str, marks: str, images: list[str], read: str) -> int:
    """The same, as the verification pass's second entry of the next ballot; the first entries' images are
    refused (the second reading must come from the paper again)."""
    first = scanned_images(file, key)
    for digest in images:
        if digest in first:
            raise PhieuError(_("Ảnh này đã dùng cho lần nhập thứ nhất (phiếu số {number}); kiểm tra lại phải quét "
                               "lại từ phiếu giấy.").format(number=first[digest]))
    return file.add_check(key, marks, source=_source(file, key, marks, images, read))


def _source(file: SessionFile, key: str, marks: str, images: list[str], read: str) -> dict:
    if not images:
        raise PhieuError(_("Phiếu quét phải có ảnh đi kèm."))
    entered = scanned_images(file, key, checks=True)
    for digest in images:
        if digest in entered:
            raise PhieuError(_("Ảnh quét này đã được nhập (phiếu số {number}).").format(number=entered[digest]))
    changed = [i + 1 for i, (a, b) in enumerate(zip(read, marks)) if a != b] if len(read) == len(marks) else []
    return {"read_by": SCANNED, "confirmed": True, "images": images, "read": read, "changed": changed}


# --- the readings file: what `phieu scan` proposes and a person reviews before `phieu enter --readings` ---

READINGS_FORMAT = "phieu-scan-readings/1"


def readings_to_json(template: PaperTemplate, ballots: list[BallotReading], set_aside=()) -> dict:
    return {
        "format": READINGS_FORMAT,
        "session_code": template.session_code,
        "paper": template.paper_key,
        "persons": template.width,
        "note": _("Máy chỉ đề xuất. Mỗi phiếu: so với phiếu giấy, sửa “marks” nếu cần (nhất là các dòng trong "
                  "“doubtful”), rồi đặt “confirmed”: true. phieu enter --readings chỉ nhận tệp mà mọi phiếu đã được "
                  "xác nhận."),
        "ballots": [
            {"index": index,
             "pages": [{"file": s.page.path.name, "page": s.page.number, "sha256": s.page.sha256,
                        "sheet": s.reading.code.sheet, "upside_down": s.reading.upside_down} for s in ballot.sheets],
             "read": ballot.marks,
             "marks": ballot.marks,
             "doubtful": [person + 1 for person in ballot.doubtful],
             "rows": [{"person": r.person + 1, "code": r.code, "confidence": r.confidence,
                       "ink": [round(v, 4) for v in r.ink], "name_ink": r.added} for r in ballot.rows],
             "confirmed": False}
            for index, ballot in enumerate(ballots, start=1)],
        # pages the reader could not use, each with its reason: rescan them or enter those ballots by hand
        "set_aside": [item.to_json() for item in set_aside],
    }


def enter_readings(file: SessionFile, key: str, data: dict) -> list[int]:
    """Enter every ballot of a reviewed readings file, all or nothing; refuses a file not wholly confirmed."""
    marks, sources = _confirmed_readings(file, key, data)
    return file.add_ballots(key, marks, sources=sources)


def check_readings(file: SessionFile, key: str, data: dict) -> list[int]:
    """The verification pass read by a scanner: a confirmed readings file of the same stack, in the same order,
    as the second entries. Images already used for the first entries are refused: the two readings must be two."""
    first = scanned_images(file, key)
    ballots = data.get("ballots") if isinstance(data, dict) else None
    for index, ballot in enumerate(ballots if isinstance(ballots, list) else [], start=1):
        pages = ballot.get("pages") if isinstance(ballot, dict) else None
        for page in pages if isinstance(pages, list) else []:
            digest = page.get("sha256") if isinstance(page, dict) else None
            if digest in first:
                raise PhieuError(_("Phiếu đọc thứ {n}: ảnh này đã dùng cho lần nhập thứ nhất (phiếu số {number}); "
                                   "kiểm tra lại phải quét lại từ phiếu giấy.").format(n=index, number=first[digest]))
    marks, sources = _confirmed_readings(file, key, data)
    return file.add_checks(key, marks, sources=sources)


def _confirmed_readings(file: SessionFile, key: str, data: dict) -> tuple[list[str], list[dict]]:
    file.ballots(key)  # refuses an unknown paper by name
    if not isinstance(data, dict) or data.get("format") != READINGS_FORMAT:
        raise PhieuError(_("Tệp kết quả đọc phiếu không đúng định dạng (cần tệp do “phieu scan” ghi)."))
    if data.get("paper") != key or data.get("session_code") != session_code(file):
        raise PhieuError(_("Tệp kết quả đọc phiếu là của phiên hoặc loại phiếu khác (loại phiếu “{other}”).").format(
            other=data.get("paper")))
    entered = scanned_images(file, key, checks=True)
    folder = images_folder(file)
    marks_list, sources = [], []
    ballots = data.get("ballots")
    if not isinstance(ballots, list) or not all(isinstance(b, dict) and isinstance(b.get("pages"), list)
                                                and all(isinstance(p, dict) for p in b["pages"]) for b in ballots):
        raise PhieuError(_("Tệp kết quả đọc phiếu không đúng định dạng (cần tệp do “phieu scan” ghi)."))
    for ballot in ballots:
        index = ballot.get("index")
        if ballot.get("confirmed") is not True:
            raise PhieuError(_("Phiếu đọc thứ {n} chưa được xác nhận (“confirmed”: true): chưa nhập phiếu nào.").format(
                n=index))
        images = [str(page.get("sha256", "")) for page in ballot.get("pages") or []]
        if not images:
            raise PhieuError(_("Phiếu đọc thứ {n} không có ảnh quét đi kèm.").format(n=index))
        for digest in images:
            if digest in entered:
                raise PhieuError(_("Phiếu đọc thứ {n}: ảnh này đã được nhập (phiếu số {number}); chưa nhập phiếu "
                                   "nào.").format(n=index, number=entered[digest]))
            if len(digest) != 64 or not any(folder.glob(f"{digest}.*")):
                raise PhieuError(_("Phiếu đọc thứ {n}: không thấy ảnh quét trong thư mục “{folder}”.").format(
                    n=index, folder=folder.name))
        marks = str(ballot.get("marks", ""))
        read = str(ballot.get("read", ""))
        marks_list.append(marks)
        changed = [i + 1 for i, (a, b) in enumerate(zip(read, marks.upper())) if a != b]
        sources.append({"read_by": SCANNED, "confirmed": True, "images": images, "read": read, "changed": changed})
    if not marks_list:
        raise PhieuError(_("Tệp kết quả đọc phiếu không có phiếu nào."))
    return marks_list, sources


def scanned_images(file: SessionFile, key: str, checks: bool = False) -> dict[str, int]:
    """SHA-256 of every image of this paper already entered (and not removed since) -> its ballot number;
    with `checks`, the verification pass's images too."""
    current = {number for number, _marks in file.ballots(key)}
    actions = (audit.BALLOT_ADDED, audit.CHECK_ADDED) if checks else (audit.BALLOT_ADDED,)
    found: dict[str, int] = {}
    for entry in file.audit_entries():
        detail = entry.detail if isinstance(entry.detail, dict) else {}
        number = detail.get("number")
        if entry.action not in actions or detail.get("key") != key or not isinstance(number, int) \
                or number not in current:
            continue
        source = detail.get("source")
        images = source.get("images") if isinstance(source, dict) else None
        for digest in images if isinstance(images, list) else []:
            if isinstance(digest, str):
                found[digest] = number
    return found

"""The readings file: what `phieu scan` proposes and a person reviews before `phieu enter --readings` (or `phieu
check --readings`) enters it. Written and read here; a file is trusted for nothing it says about itself: every
field is checked for its kind and size before it is used, and anything else is one Vietnamese line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_CSV_FIELD, MAX_PEOPLE
from .stack import BallotReading, SetAside
from .template import PaperTemplate

READINGS_FORMAT = "phieu-scan-readings/1"
SHA256 = re.compile(r"[0-9a-f]{64}")  # an image's name in the images folder: exactly this, nothing a glob reads
MAX_PAGES_PER_BALLOT = 20


@dataclass(frozen=True)
class ConfirmedBallot:
    """One ballot of a readings file, as a person confirmed it."""

    index: int  # 1-based place in the file
    marks: str  # as the person confirmed them (not yet normalised)
    read: str  # what the scanner proposed
    images: tuple[str, ...]  # SHA-256 of each sheet's image, lower-case hex


def readings_to_json(template: PaperTemplate, ballots: list[BallotReading],
                     set_aside: Iterable[SetAside] = ()) -> dict:
    return {
        "format": READINGS_FORMAT,
        "session_code": template.session_code,
        "paper": template.paper_key,
        "persons": template.width,
        "note": _("Máy chỉ đề xuất. Mỗi phiếu: so với phiếu giấy, sửa “marks” nếu cần (nhất là các dòng trong "
                  "“doubtful”), rồi đặt “confirmed”: true. phieu enter --readings chỉ nhận tệp mà mọi phiếu đã được "
                  "xác nhận. Các trang trong “set_aside” chưa đọc được: quét lại hoặc nhập tay."),
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


def load_readings(data: bytes, name: str) -> dict:
    """The JSON object of a readings file, or one Vietnamese line: not UTF-8, not JSON (NaN included), nested
    without end, a number of thousands of digits (Python refuses to read it), not an object."""
    try:
        found = json.loads(data.decode("utf-8-sig"), parse_constant=_not_json)
    except (UnicodeDecodeError, ValueError, RecursionError):  # JSONDecodeError and the digits limit are ValueErrors
        raise PhieuError(_("Tệp “{name}” không phải tệp kết quả đọc phiếu (JSON).").format(name=name)) from None
    if not isinstance(found, dict):
        raise PhieuError(_("Tệp “{name}” không phải tệp kết quả đọc phiếu (JSON).").format(name=name))
    return found


def _not_json(name: str) -> None:
    """NaN and Infinity are not JSON (Python's reader accepts them): refused like any other broken file."""
    raise ValueError(name)


def confirmed_ballots(data: object, session_code: str, key: str) -> list[ConfirmedBallot]:
    """Every ballot of a readings file once its shape holds and every ballot is confirmed; raises PhieuError
    naming the ballot otherwise. Nothing about the session is checked here but its code and paper."""
    wrong_shape = _("Tệp kết quả đọc phiếu không đúng định dạng (cần tệp do “phieu scan” ghi).")
    if not isinstance(data, dict) or data.get("format") != READINGS_FORMAT:
        raise PhieuError(wrong_shape)
    if data.get("paper") != key or data.get("session_code") != session_code:
        other = data.get("paper")
        raise PhieuError(_("Tệp kết quả đọc phiếu là của phiên hoặc loại phiếu khác (loại phiếu “{other}”).").format(
            other=other if isinstance(other, str) and len(other) <= 100 else "?"))
    ballots = data.get("ballots")
    if not isinstance(ballots, list) or len(ballots) > MAX_PEOPLE:
        raise PhieuError(wrong_shape)
    found = []
    for index, ballot in enumerate(ballots, start=1):
        pages = ballot.get("pages") if isinstance(ballot, dict) else None
        if not isinstance(pages, list) or not all(isinstance(p, dict) for p in pages) \
                or len(pages) > MAX_PAGES_PER_BALLOT:
            raise PhieuError(wrong_shape)
        if ballot.get("confirmed") is not True:
            raise PhieuError(_("Phiếu đọc thứ {n} chưa được xác nhận (“confirmed”: true): chưa nhập phiếu nào.").format(
                n=index))
        if not pages:
            raise PhieuError(_("Phiếu đọc thứ {n} không có ảnh quét đi kèm.").format(n=index))
        images = []
        for page in pages:
            digest = page.get("sha256")
            if not isinstance(digest, str) or not SHA256.fullmatch(digest):
                raise PhieuError(_("Phiếu đọc thứ {n}: mã ảnh quét (“sha256”) phải là đúng 64 chữ số thập lục phân "
                                   "viết thường.").format(n=index))
            images.append(digest)
        marks, read = ballot.get("marks"), ballot.get("read", "")
        if not isinstance(marks, str) or not isinstance(read, str) or len(marks) > MAX_CSV_FIELD \
                or len(read) > MAX_CSV_FIELD:
            raise PhieuError(_("Phiếu đọc thứ {n}: “marks” và “read” phải là chuỗi mã dấu.").format(n=index))
        found.append(ConfirmedBallot(index, marks, read, tuple(images)))
    if not found:
        raise PhieuError(_("Tệp kết quả đọc phiếu không có phiếu nào."))
    return found


__all__ = ["READINGS_FORMAT", "ConfirmedBallot", "confirmed_ballots", "load_readings", "readings_to_json"]

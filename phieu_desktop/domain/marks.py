"""The marks on one paper ballot, one code per person, and the BALLOTS.csv that carries them."""

from __future__ import annotations

import csv
import io
from .i18n import _

from .errors import PhieuError
from .regime import Regime

NOT_ISSUED = "-"  # a ballot not issued by the committee (no seal, foreign paper): invalid for everyone
NO_MARK = "0"  # no box marked for this person
MULTIPLE = "M"  # two or more boxes marked for this person
CROSSED_OUT = "X"  # the printed name is crossed out
INVALID_CODES = (NO_MARK, MULTIPLE, CROSSED_OUT)


class MarksError(PhieuError):
    """Marks that cannot be a ballot; `column` is the 1-based person position, 0 for the whole field."""

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.column = column


def allowed_codes(regime: Regime) -> tuple[str, ...]:
    return tuple(level.code for level in regime.levels) + INVALID_CODES


def parse_marks(text: str, regime: Regime, width: int) -> str:
    """Normalise typed marks ('c t l' → 'CTL'); raise MarksError naming the first wrong position."""
    compact = "".join(text.split()).upper()
    if compact == NOT_ISSUED:
        return NOT_ISSUED
    if not compact:
        raise MarksError(_("ô marks trống: mỗi phiếu cần {width} mã, hoặc “-” nếu phiếu không do Ban kiểm phiếu "
                           "phát ra.").format(width=width))
    allowed = allowed_codes(regime)
    for column, code in enumerate(compact, start=1):
        if column > width:
            break
        if code not in allowed:
            raise MarksError(_("ô thứ {column}: mã “{code}” không hợp lệ; dùng {codes}.").format(
                column=column, code=code, codes=", ".join(allowed)), column)
    if len(compact) != width:
        column = min(len(compact), width) + 1
        raise MarksError(_("có {found} mã nhưng phiếu có {width} người.").format(found=len(compact), width=width),
                         column)
    return compact


def parse_ballot_csv(data: bytes, regime: Regime, width: int) -> list[str]:
    """Every ballot of a BALLOTS.csv, in order; all or nothing: raise naming the line of the first bad row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PhieuError(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PhieuError(_("Tệp CSV trống: cần dòng tiêu đề có cột “marks”."))
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader)]
    if "marks" not in header:
        raise PhieuError(_("Tệp CSV, dòng 1: thiếu cột “marks”."))
    column = header.index("marks")
    ballots: list[str] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if column >= len(row):
            raise PhieuError(_("Tệp CSV, dòng {line}: thiếu ô “marks”.").format(line=line))
        try:
            ballots.append(parse_marks(row[column], regime, width))
        except MarksError as err:
            raise PhieuError(_("Tệp CSV, dòng {line}, {detail}").format(line=line, detail=err.message)) from None
    return ballots

"""The marks on one paper ballot, one code per person, and the BALLOTS.csv that carries them."""

from __future__ import annotations

import csv
import io

from . import limits
from .errors import PhieuError
from .i18n import _
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
            shown = code if code.isprintable() else f"U+{ord(code):04X}"  # never a raw control in a message
            raise MarksError(_("ô thứ {column}: mã “{code}” không hợp lệ; dùng {codes}.").format(
                column=column, code=shown, codes=", ".join(allowed)), column)
    if len(compact) != width:
        column = min(len(compact), width) + 1
        raise MarksError(_("có {found} mã nhưng phiếu có {width} người.").format(found=len(compact), width=width),
                         column)
    return compact


def parse_ballot_csv(data: bytes, regime: Regime, width: int) -> list[str]:
    """Every ballot of a BALLOTS.csv, in order; all or nothing: raise naming the line of the first bad row.

    Line endings may be CRLF, LF or CR alone (old Mac Excel); the file and each field are checked against
    `domain.limits` before they are parsed.
    """
    limits.check_file_size("CSV", len(data), limits.MAX_BALLOTS_CSV_BYTES)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        raise PhieuError(_("Tệp CSV, dòng {line}: không phải bảng mã UTF-8; hãy lưu lại tệp dạng “CSV UTF-8”.").format(
            line=line)) from None
    text = text.replace("\x00", "\u2400")  # csv cannot read NUL; as "␀" the wrong code is named by line and column
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PhieuError(_("Tệp CSV trống: cần dòng tiêu đề có cột “marks”."))
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ballots: list[str] = []
    column = -1
    try:
        for row in reader:
            line = reader.line_num
            if max((len(cell) for cell in row), default=0) > limits.MAX_CSV_FIELD:
                raise PhieuError(_("Tệp CSV, dòng {line}: một ô dài hơn {limit} ký tự.").format(
                    line=line, limit=limits.MAX_CSV_FIELD))
            if column < 0:
                header = [cell.strip().lower() for cell in row]
                if "marks" not in header:
                    raise PhieuError(_("Tệp CSV, dòng 1: thiếu cột “marks”."))
                column = header.index("marks")
                continue
            if not any(cell.strip() for cell in row):
                continue
            if column >= len(row):
                raise PhieuError(_("Tệp CSV, dòng {line}: thiếu ô “marks”.").format(line=line))
            try:
                ballots.append(parse_marks(row[column], regime, width))
            except MarksError as err:
                raise PhieuError(_("Tệp CSV, dòng {line}, {detail}").format(line=line, detail=err.message)) from None
    except csv.Error as err:
        too_long = "field larger" in str(err)
        detail = (_("một ô dài hơn {limit} ký tự").format(limit=limits.MAX_CSV_FIELD) if too_long
                  else _("dấu nháy kép hoặc xuống dòng không đúng chỗ"))
        raise PhieuError(_("Tệp CSV, dòng {line}: {detail}.").format(line=reader.line_num,
                                                                    detail=detail)) from None
    return ballots

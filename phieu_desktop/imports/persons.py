"""Import the persons to rate from an .xlsx or .csv list: read, map columns, convert old encodings, check.

Three steps, each usable on its own (the Prepare wizard shows a preview between them):
`read_table(path)` -> `guess_mapping(table)` (the user may change it) -> `persons_from(table, mapping)`.
Every text is NFC-normalised; TCVN3/VNI cells are converted (by the cell's font when the file says it,
otherwise by a heuristic) and reported; errors name the row and the column, in Vietnamese.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..domain import limits
from ..domain.errors import PhieuError
from ..domain.i18n import N_, _
from ..domain.legacy_text import Encoding, readability, to_unicode
from ..domain.session import Person, person_from_values
from ..domain.text import clean, text_problem

MAX_BYTES = limits.MAX_IMPORT_BYTES
MAX_ROWS = limits.MAX_IMPORT_ROWS
HEADER_SCAN = 15  # look for the header row among the first rows (titles often come first)


class ImportProblem(PhieuError):
    """The file cannot be read as a list of persons."""


@dataclass(frozen=True)
class Cell:
    text: str  # Unicode NFC, trimmed
    original: str = ""  # as the file holds it, when it was converted or looks wrong
    encoding: Encoding = Encoding.UNICODE
    flagged: bool = False  # still looks like an old encoding: a person should check it


@dataclass(frozen=True)
class Row:
    number: int  # the row number in the file (1-based, as Excel shows it)
    cells: tuple[Cell, ...]

    def text(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column].text


@dataclass
class Table:
    source: str  # file name, for messages
    header: list[str]  # one label per column ("Họ và tên", or "Cột C" when the file has no header row)
    rows: list[Row]  # data rows after the header, blank rows left out
    header_row: int | None = None  # file row number of the header, if any

    @property
    def width(self) -> int:
        return len(self.header)


FIELDS = ("name", "position", "unit", "retiring", "appointed_this_year", "serious_illness")
FIELD_LABELS = {
    "name": N_("Họ và tên"),
    "position": N_("Chức vụ"),
    "unit": N_("Đơn vị công tác"),
    "retiring": N_("Đã có thông báo nghỉ hưu"),
    "appointed_this_year": N_("Bổ nhiệm/bầu trong năm"),
    "serious_illness": N_("Nghỉ ốm đau từ 6 tháng"),
}


@dataclass
class ColumnMapping:
    """Which column (0-based) holds each field; None when the file has no such column."""

    name: int | None = None
    position: int | None = None
    unit: int | None = None
    retiring: int | None = None
    appointed_this_year: int | None = None
    serious_illness: int | None = None

    def get(self, fieldname: str) -> int | None:
        return getattr(self, fieldname)

    def set(self, fieldname: str, column: int | None) -> None:
        if fieldname not in FIELDS:
            raise AttributeError(fieldname)
        setattr(self, fieldname, column)


@dataclass
class ImportResult:
    persons: list[Person] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # rows that cannot be imported
    notes: list[str] = field(default_factory=list)  # converted or suspicious text, for the user to check


# --- reading ---

def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_table(path: str | Path) -> Table:
    """Read the first sheet of an .xlsx, or a .csv (UTF-8 with or without BOM, or Windows-1252; ',' ';' or tab)."""
    path = Path(path)
    if path.is_dir():
        raise ImportProblem(_("“{name}” là một thư mục, không phải tệp danh sách.").format(name=path.name))
    try:
        size = path.stat().st_size
    except OSError:
        raise ImportProblem(_("Không tìm thấy tệp “{name}”.").format(name=path.name)) from None
    if size > MAX_BYTES:
        raise ImportProblem(_("Tệp “{name}” quá lớn cho một danh sách người được lấy phiếu ({size}; giới hạn {limit}).")
                            .format(name=path.name, size=limits.mib(size), limit=limits.mib(MAX_BYTES)))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raw = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        from ..files import read_input

        try:
            data = read_input(path, MAX_BYTES)
        except PhieuError as err:
            raise ImportProblem(str(err)) from None
        raw = _csv_rows(data, path.name)
    elif suffix == ".xls":
        raise ImportProblem(_("Tệp “{name}” là định dạng Excel cũ (.xls): hãy mở trong Excel và lưu lại dạng .xlsx.")
                            .format(name=path.name))
    else:
        raise ImportProblem(_("Chỉ nhập được tệp .xlsx hoặc .csv (tệp “{name}”).").format(name=path.name))
    return _table(path.name, raw)


def read_csv_bytes(data: bytes, source: str = "danh-sach.csv") -> Table:
    return _table(source, _csv_rows(data, source))


def _table(source: str, raw: list[tuple[int, list[Cell]]]) -> Table:
    rows = [(number, cells) for number, cells in raw if any(c.text for c in cells)]
    if not rows:
        raise ImportProblem(_("Tệp “{name}” không có dữ liệu.").format(name=source))
    if len(rows) > MAX_ROWS:
        raise ImportProblem(_("Tệp “{name}” có hơn {most} dòng: không phải một danh sách người được lấy phiếu.")
                            .format(name=source, most=MAX_ROWS))
    width = max(len(cells) for _n, cells in rows)
    header_at = None
    for i, (_number, cells) in enumerate(rows[:HEADER_SCAN]):
        texts = [c.text for c in cells]
        if _guess(texts).name is not None and sum(1 for t in texts if t) >= 2:
            header_at = i
            break
    if header_at is None:
        header = [_("Cột {letter}").format(letter=column_letter(i)) for i in range(width)]
        header_row, data = None, rows
    else:
        texts = [c.text for c in rows[header_at][1]]
        header = [texts[i] if i < len(texts) and texts[i] else _("Cột {letter}").format(letter=column_letter(i))
                  for i in range(width)]
        header_row, data = rows[header_at][0], rows[header_at + 1:]
    padded = [Row(number, tuple(cells) + (Cell(""),) * (width - len(cells))) for number, cells in data]
    return Table(source, header, padded, header_row)


class _CellTooLong(Exception):
    pass


def _cell(value: object, font: str | None = None) -> Cell:
    if isinstance(value, str) and len(value) > limits.MAX_CELL:
        raise _CellTooLong
    if value is None:
        return Cell("")
    if isinstance(value, bool):
        return Cell("x" if value else "")
    if isinstance(value, float) and value.is_integer():
        return Cell(str(int(value)))
    if isinstance(value, datetime):
        return Cell(value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" "))
    if isinstance(value, date):
        return Cell(value.isoformat())
    if not isinstance(value, str):
        return Cell(str(value))
    text, encoding, flagged = to_unicode(value, font)
    text = clean(text)
    original = value if (encoding is not Encoding.UNICODE or flagged) else ""
    return Cell(text, original, encoding, flagged)


def _xlsx_rows(path: Path) -> list[tuple[int, list[Cell]]]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.cell.rich_text import CellRichText
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # openpyxl alone does not guard against XML bombs
        raise ImportProblem(_("Thiếu thư viện defusedxml: không mở tệp Excel một cách an toàn được."))
    _check_unpacked(path)
    _scan_xlsx(path)
    try:
        # Not read-only: the font of each run of rich text (".VnTime", "VNI-Times") tells old encodings apart;
        # the scan above has already bounded the rows and cells cheaply.
        workbook = load_workbook(path, data_only=True, rich_text=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError):
        raise ImportProblem(_("Không đọc được tệp Excel “{name}”: tệp hỏng hoặc không phải .xlsx.").format(
            name=path.name)) from None
    rows: list[tuple[int, list[Cell]]] = []
    try:
        sheet = workbook.active or workbook.worksheets[0]
        for excel_row in sheet.iter_rows():
            if len(rows) >= MAX_ROWS + HEADER_SCAN:
                raise ImportProblem(_("Tệp “{name}” có hơn {most} dòng: không phải một danh sách người được lấy "
                                      "phiếu.").format(name=path.name, most=MAX_ROWS))
            cells = []
            for cell in excel_row:
                value = getattr(cell, "value", None)
                font = getattr(cell, "font", None)
                try:
                    if isinstance(value, CellRichText):
                        cells.append(_rich_cell(value, font.name if font else None))
                    else:
                        cells.append(_cell(value, font.name if font is not None else None))
                except _CellTooLong:
                    raise ImportProblem(_("Tệp “{name}”, dòng {row}, cột {letter}: ô dài hơn {limit} ký tự.").format(
                        name=path.name, row=getattr(cell, "row", len(rows) + 1),
                        letter=column_letter(len(cells)), limit=limits.MAX_CELL)) from None
            while cells and not cells[-1].text:
                cells.pop()
            number = next((c.row for c in excel_row if getattr(c, "row", None)), len(rows) + 1)
            rows.append((number, cells))
        return rows
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, EOFError, AttributeError):
        raise ImportProblem(_("Không đọc được tệp Excel “{name}”: tệp hỏng hoặc không phải .xlsx.").format(
            name=path.name)) from None
    finally:
        workbook.close()


def _scan_xlsx(path: Path) -> None:
    """Stream the first sheet (read-only mode) once: stop at the row limit, refuse an over-long cell."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, data_only=True, read_only=True)
    except Exception:  # noqa: BLE001 — the full load below names a broken file
        return
    try:
        sheet = workbook.active or workbook.worksheets[0]
        for count, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if count > MAX_ROWS + HEADER_SCAN:
                raise ImportProblem(_("Tệp “{name}” có hơn {most} dòng: không phải một danh sách người được lấy "
                                      "phiếu.").format(name=path.name, most=MAX_ROWS))
            for column, value in enumerate(values):
                if isinstance(value, str) and len(value) > limits.MAX_CELL:
                    raise ImportProblem(_("Tệp “{name}”, dòng {row}, cột {letter}: ô dài hơn {limit} ký tự.").format(
                        name=path.name, row=count, letter=column_letter(column), limit=limits.MAX_CELL))
    except ImportProblem:
        raise
    except Exception:  # noqa: BLE001 — a malformed sheet: the full load below names it
        return
    finally:
        workbook.close()


def _check_unpacked(path: Path) -> None:
    """Refuse an .xlsx whose members unzip to more than the limit (one 400 MB cell zips to 400 KB)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportProblem(_("Không đọc được tệp Excel “{name}”: tệp hỏng hoặc không phải .xlsx.").format(
            name=path.name)) from None
    if unpacked > limits.MAX_IMPORT_UNPACKED:
        raise ImportProblem(_("Tệp Excel “{name}” khi giải nén lớn {size}, vượt giới hạn {limit}: không phải một "
                              "danh sách người được lấy phiếu.").format(name=path.name, size=limits.mib(unpacked),
                                                                        limit=limits.mib(limits.MAX_IMPORT_UNPACKED)))


def _rich_cell(value, cell_font: str | None) -> Cell:
    """A cell whose runs have their own fonts: decode each run by its font."""
    parts, originals, encodings, flagged = [], [], set(), False
    for run in value:
        if isinstance(run, str):
            text, font = run, cell_font
        else:
            text, font = run.text, (run.font.rFont if run.font is not None and run.font.rFont else cell_font)
        decoded, encoding, bad = to_unicode(text, font)
        parts.append(decoded)
        originals.append(text)
        encodings.add(encoding)
        flagged = flagged or bad
    legacy = [e for e in encodings if e is not Encoding.UNICODE]
    encoding = legacy[0] if legacy else Encoding.UNICODE
    original = "".join(originals) if (legacy or flagged) else ""
    return Cell(clean("".join(parts)), original, encoding, flagged)


def _csv_rows(data: bytes, source: str) -> list[tuple[int, list[Cell]]]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8", errors="strict")
        except UnicodeDecodeError as err:
            line = data[3: 3 + err.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
            raise ImportProblem(_("Tệp “{name}”, dòng {row}: tệp ghi là UTF-8 (có BOM) nhưng có byte không hợp lệ; "
                                  "hãy lưu lại dạng “CSV UTF-8”.").format(name=source, row=line)) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_windows(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = _delimiter(text)
    rows = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for values in reader:
            if len(rows) >= MAX_ROWS + HEADER_SCAN:
                raise ImportProblem(_("Tệp “{name}” có hơn {most} dòng: không phải một danh sách người được lấy "
                                      "phiếu.").format(name=source, most=MAX_ROWS))
            rows.append((reader.line_num, [_cell(v) for v in values]))
    except _CellTooLong:
        raise ImportProblem(_("Tệp “{name}”, dòng {row}: có ô dài hơn {limit} ký tự.").format(
            name=source, row=reader.line_num, limit=limits.MAX_CELL)) from None
    except csv.Error as err:
        too_long = "field larger" in str(err)
        detail = (_("có ô dài hơn {limit} ký tự").format(limit=limits.MAX_CELL) if too_long
                  else _("dấu nháy kép hoặc ký tự không đúng chỗ"))
        raise ImportProblem(_("Tệp “{name}”, dòng {row}: {detail}.").format(
            name=source, row=reader.line_num, detail=detail)) from None
    return rows


def _decode_windows(data: bytes) -> str:
    """A CSV saved by Excel on Windows: Vietnamese code page 1258, or TCVN3/VNI bytes read as Windows-1252.

    Both are tried; the reading that gives more Vietnamese syllables (after TCVN3/VNI detection) wins.
    """
    candidates = []
    for codec in ("cp1258", "cp1252"):
        try:
            candidates.append(unicodedata.normalize("NFC", data.decode(codec)))
        except UnicodeDecodeError:
            continue
    if not candidates:
        return data.decode("latin-1")
    return max(candidates, key=readability)


def _delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number of columns most often."""
    sample = "\n".join([line for line in text.split("\n") if line.strip()][:20])

    def score(delimiter: str) -> tuple[int, int]:
        try:
            counts = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        except csv.Error:  # an over-long field: the reading proper names its row
            return (0, 0)
        common = max(set(counts), key=counts.count) if counts else 1
        return (counts.count(common) if common > 1 else 0, common)

    return max((",", ";", "\t"), key=score)


# --- mapping ---

def _plain(text: str) -> str:
    """Lower-case ASCII words for header matching ("Họ và tên" -> "ho va ten")."""
    text = unicodedata.normalize("NFD", clean(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _field_of(header: str) -> str | None:
    h = f" {_plain(header)} "
    if not h.strip():
        return None
    if " huu " in h:
        return "retiring"
    if " bo nhiem" in h or " bau trong" in h or " moi bau" in h:
        return "appointed_this_year"
    if " om " in h or " om dau" in h or " benh " in h:
        return "serious_illness"
    if " chuc vu " in h or " chuc danh " in h:
        return "position"
    if " don vi " in h or " co quan " in h or " noi cong tac " in h or " phong ban " in h:
        return "unit"
    if " ho va ten " in h or " ho ten " in h or h.strip() in ("ten", "ten nguoi duoc lay phieu"):
        return "name"
    return None


def _guess(header: list[str]) -> ColumnMapping:
    mapping = ColumnMapping()
    for index, label in enumerate(header):
        fieldname = _field_of(label)
        if fieldname is not None and mapping.get(fieldname) is None:
            mapping.set(fieldname, index)
    return mapping


def guess_mapping(table: Table) -> ColumnMapping:
    """The mapping read from the header words (Họ và tên, Chức vụ, Đơn vị …); the name column is required."""
    mapping = _guess(table.header) if table.header_row is not None else ColumnMapping()
    if mapping.name is None and table.rows:
        # No header: the column with the most multi-word text is most likely the names.
        def words(column: int) -> int:
            return sum(1 for row in table.rows if len(row.text(column).split()) >= 2)
        best = max(range(table.width), key=words)
        if words(best):
            mapping.name = best
    return mapping


# --- persons ---

_YES = {"x", "co", "1", "true", "yes", "v", "dung", "c"}
_NO = {"", "0", "khong", "false", "no", "k"}


def _flag(text: str) -> bool | None:
    if text.strip() in ("✓", "✔", "☑"):
        return True
    plain = _plain(text)
    if plain in _YES:
        return True
    if plain in _NO or text.strip() in ("-", "–"):
        return False
    return None


def persons_from(table: Table, mapping: ColumnMapping) -> ImportResult:
    """The persons of the mapped columns; rows with a problem are left out and named in `errors`."""
    result = ImportResult()
    if mapping.name is None:
        result.errors.append(_("Hãy chọn cột “Họ và tên”."))
        return result
    used = [c for c in (mapping.get(f) for f in FIELDS) if c is not None]
    if len(used) != len(set(used)):
        result.errors.append(_("Một cột được chọn cho hai thông tin khác nhau."))
        return result

    def where(row: Row, column: int) -> str:
        return _("Dòng {row}, cột {letter} ({label})").format(row=row.number, letter=column_letter(column),
                                                             label=table.header[column])

    for row in table.rows:
        values = {f: row.text(mapping.get(f)) for f in FIELDS}
        if not any(values.values()):
            continue  # blank for every mapped column (a title, a signature line...)
        name = values["name"]
        if not name:
            result.errors.append(_("{where}: thiếu họ và tên.").format(where=where(row, mapping.name)))
            continue
        if re.fullmatch(r"[\d\W_]+", name):
            result.errors.append(_("{where}: “{text}” không phải họ và tên.").format(where=where(row, mapping.name),
                                                                                     text=name))
            continue
        flags = {}
        bad = False
        for fieldname in ("retiring", "appointed_this_year", "serious_illness"):
            column = mapping.get(fieldname)
            value = _flag(values[fieldname]) if column is not None else False
            if value is None:
                result.errors.append(_("{where}: không hiểu “{text}” (ghi x nếu có, để trống nếu không).").format(
                    where=where(row, column), text=values[fieldname]))
                bad = True
            flags[fieldname] = bool(value)
        if bad:
            continue
        position = ", ".join(v for v in (values["position"], values["unit"]) if v)
        wrong = [p for p in (
            text_problem(where(row, mapping.name), name, limits.MAX_NAME),
            *(text_problem(where(row, mapping.get(f)), values[f], limits.MAX_POSITION)
              for f in ("position", "unit") if mapping.get(f) is not None),
            text_problem(_("Dòng {row}, chức vụ và đơn vị ghép lại").format(row=row.number), position,
                         limits.MAX_POSITION)) if p]
        if wrong:
            result.errors.append(wrong[0])
            continue
        result.persons.append(person_from_values(name, position, flags["retiring"], flags["appointed_this_year"],
                                                 flags["serious_illness"]))
        for fieldname in ("name", "position", "unit"):
            column = mapping.get(fieldname)
            if column is None:
                continue
            cell = row.cells[column]
            if cell.encoding is not Encoding.UNICODE:
                result.notes.append(_("{where}: đã chuyển từ bảng mã {encoding} sang Unicode: “{old}” → “{new}”.")
                                    .format(where=where(row, column), encoding=_encoding_label(cell.encoding),
                                            old=cell.original, new=cell.text))
            if cell.flagged:
                result.notes.append(_("{where}: chữ có thể ở bảng mã cũ, hãy kiểm tra: “{text}”.").format(
                    where=where(row, column), text=cell.text))
    if not result.persons and not result.errors:
        result.errors.append(_("Không có người nào trong tệp “{name}”.").format(name=table.source))
    return result


def _encoding_label(encoding: Encoding) -> str:
    return {Encoding.TCVN3: "TCVN3 (ABC)", Encoding.VNI: "VNI", Encoding.UNICODE: "Unicode"}[encoding]


def import_persons(path: str | Path) -> tuple[Table, ColumnMapping, ImportResult]:
    """All three steps with the guessed mapping (for the command line and tests)."""
    table = read_table(path)
    mapping = guess_mapping(table)
    return table, mapping, persons_from(table, mapping)


__all__ = ["Cell", "ColumnMapping", "FIELDS", "FIELD_LABELS", "ImportProblem", "ImportResult", "Row", "Table",
           "column_letter", "guess_mapping", "import_persons", "persons_from", "read_csv_bytes", "read_table"]

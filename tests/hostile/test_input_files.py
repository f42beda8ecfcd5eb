"""Hostile BALLOTS.csv (`phieu enter`) and person lists (.csv/.xlsx for the wizard's import): generated, broken,
huge. A file is accepted only when every row is a real ballot or person; otherwise one line names the row."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phieu_desktop.domain import limits
from phieu_desktop.imports.persons import ImportProblem, import_persons, read_table
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.hostile.helpers import FORBIDDEN, assert_refused, phieu_here, record

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
WIDTH = 3


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("enter") / "mau.phieu"
    SessionFile.create(path, make_session(summoned=300, present=300, present_at_vote=300, issued=300,
                                          returned=300)).close()
    return path


GOOD_ROW = st.text(alphabet="CTL0MXctl ", min_size=WIDTH, max_size=WIDTH + 2).filter(
    lambda t: len("".join(t.split())) == WIDTH)
BAD_ROW = st.one_of(
    st.text(alphabet="CTL", min_size=WIDTH + 1, max_size=WIDTH + 3),  # too wide
    st.text(alphabet="CTL", min_size=1, max_size=WIDTH - 1),  # too narrow
    st.builds(lambda a, b: a + b, st.text(alphabet="CT", min_size=WIDTH - 1, max_size=WIDTH - 1),
              st.sampled_from(FORBIDDEN + ["K", "?", "Ư", "1"])),  # a code that is not one
    st.just("C" * (limits.MAX_CSV_FIELD + 1)),  # an over-long field
)


@st.composite
def ballots_csv(draw) -> tuple[bytes, int | None, int]:
    """(file, line of the first bad row or None, number of ballots)."""
    rows = draw(st.lists(st.one_of(GOOD_ROW, BAD_ROW, st.just("-")), min_size=1, max_size=12))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [f"so{delimiter}marks"] + [f"{n}{delimiter}{row}" for n, row in enumerate(rows, start=1)]
    first_bad = None
    for line_number, row in enumerate(rows, start=2):
        compact = "".join(row.split()).upper()
        valid = compact == "-" or (len(compact) == WIDTH and all(c in "CTL0MX" for c in compact))
        if not valid and first_bad is None:
            first_bad = line_number
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + ending.join(lines).encode("utf-8") + ending.encode(), first_bad, len(rows)


@SETTINGS
@given(case=ballots_csv())
def test_generated_ballot_files(tmp_path_factory, template, case):
    data, first_bad, count = case
    folder = tmp_path_factory.mktemp("csv")
    path = folder / "phien.phieu"
    shutil.copy(template, path)
    (folder / "b.csv").write_bytes(data)
    run = phieu_here("enter", path, "--ballot", "lanh-dao", "--csv", folder / "b.csv")
    if first_bad is None:
        assert run.returncode == 0, run.stderr
        with SessionFile.open(path) as file:
            assert file.entered("lanh-dao") == count
        return
    record("enter (BALLOTS.csv)", 1, int(run.returncode == 0))
    assert_refused(run, f"dòng {first_bad}")
    with SessionFile.open(path) as file:
        assert file.entered("lanh-dao") == 0  # all or nothing


BROKEN_CSV = {
    "invalid UTF-8": (b"marks\nCTL\n\xc3\x28TL\n", "dòng 3"),
    "BOM then invalid UTF-8": (b"\xef\xbb\xbfmarks\r\nCTL\r\n\xff\xfe\r\n", "dòng 3"),
    "field over csv's own limit": (b'marks\n"' + b"C" * 140_000 + b'"\n', "dòng 2"),
    "NUL byte": (b"marks\nC\x00L\n", "dòng 2"),
    "no header": (b"CTL\nCTL\n", "marks"),
    "empty": (b"", "trống"),
    "UTF-16": ("marks\nCTL\n".encode("utf-16"), "UTF-8"),
}


@pytest.mark.parametrize("name", list(BROKEN_CSV))
def test_broken_ballot_files(tmp_path, template, name):
    data, word = BROKEN_CSV[name]
    path = tmp_path / "phien.phieu"
    shutil.copy(template, path)
    (tmp_path / "b.csv").write_bytes(data)
    before = path.read_bytes()
    run = phieu_here("enter", path, "--ballot", "lanh-dao", "--csv", tmp_path / "b.csv")
    record("enter (BALLOTS.csv)", 1, int(run.returncode == 0))
    assert_refused(run, word)
    assert path.read_bytes() == before


def test_cr_only_line_endings_are_read(tmp_path, template):
    """Old Mac Excel writes CR alone: the same ballots as with CRLF (it used to end in exit 70)."""
    path = tmp_path / "phien.phieu"
    shutil.copy(template, path)
    (tmp_path / "b.csv").write_bytes(b"marks\rCTL\rCC0\r-\r")
    run = phieu_here("enter", path, "--ballot", "lanh-dao", "--csv", tmp_path / "b.csv")
    assert run.returncode == 0, run.stderr
    with SessionFile.open(path) as file:
        assert [m for _n, m in file.ballots("lanh-dao")] == ["CTL", "CC0", "-"]


def test_folder_missing_and_huge_ballot_files(tmp_path, template):
    path = tmp_path / "phien.phieu"
    shutil.copy(template, path)
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:
        handle.truncate(limits.MAX_BALLOTS_CSV_BYTES + 1)
    runs = [(word, phieu_here(command, path, "--ballot", "lanh-dao", "--csv", csv))
            for csv, word in ((tmp_path, "thư mục"), (huge, "giới hạn"), (tmp_path / "khong.csv", "Không tìm thấy"))
            for command in ("enter", "check")]
    record("enter (BALLOTS.csv)", len(runs), sum(run.returncode == 0 for _word, run in runs))
    for word, run in runs:
        assert_refused(run, word)


# --- the person import (the wizard's Nhập từ tệp…) ---

@SETTINGS
@given(bad=st.sampled_from(FORBIDDEN), column=st.sampled_from(["name", "position"]), row=st.integers(0, 4))
def test_person_lists_with_hidden_characters(tmp_path_factory, bad, column, row):
    folder = tmp_path_factory.mktemp("list")
    rows = [["Nguyễn Văn An", "Giám đốc"], ["Trần Thị Hường", "Phó Giám đốc"], ["Đặng Quốc Kỳ", "Trưởng phòng"],
            ["Lê Thị Ưng", "Phó phòng"], ["Hồ Thị Ẩn", "Chuyên viên"]]
    i = 0 if column == "name" else 1
    rows[row][i] = rows[row][i][:3] + bad + rows[row][i][3:]
    text = "Họ và tên;Chức vụ\n" + "\n".join(";".join(r) for r in rows) + "\n"
    (folder / "ds.csv").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        _table, _mapping, result = import_persons(folder / "ds.csv")
    except ImportProblem as err:  # a whole file refused (e.g. a NUL): fine, as long as it names it
        named = "dòng" in str(err) or "Tệp" in str(err)
        record("person import (.csv/.xlsx)", 1, int(not named))
        assert named, str(err)
        return
    names = {p.name for p in result.persons} | {p.position for p in result.persons}
    accepted = any(bad in text_ for text_ in names)
    record("person import (.csv/.xlsx)", 1, int(accepted))
    assert not accepted
    assert any(f"Dòng {row + 2}" in e for e in result.errors), result.errors


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    from phieu_desktop.documents.excel_text import put

    book = Workbook()
    for i, r in enumerate(rows, start=1):
        for j, value in enumerate(r, start=1):
            put(book.active, i, j, value)  # as text, as a person list typed in Excel holds it
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """An .xlsx whose shared strings unzip to 40 MB (one huge cell), a few dozen KB on disk."""
    plain = zipfile.ZipFile(io.BytesIO(_xlsx([["Họ và tên"], ["PLACEHOLDER"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in plain.infolist():
            data = plain.read(info.filename)
            if b"PLACEHOLDER" in data:
                data = data.replace(b"PLACEHOLDER", b"A" * (40 * 1024 * 1024))
            bomb.writestr(info.filename, data)
    return out.getvalue()


def _many_rows() -> bytes:
    return _xlsx([["Họ và tên", "Chức vụ"]] + [[f"Người {i}", "x"] for i in range(limits.MAX_IMPORT_ROWS + 50)])


BROKEN_LISTS = {
    "zip bomb (one 40 MB cell)": ("ds.xlsx", _zip_bomb, "giới hạn"),
    "too many rows": ("ds.xlsx", _many_rows, str(limits.MAX_IMPORT_ROWS)),
    "long cell": ("ds.xlsx", lambda: _xlsx([["Họ và tên"], ["Ư" * (limits.MAX_CELL + 1)]]), "ký tự"),
    "not a zip": ("ds.xlsx", lambda: b"PK\x03\x04 broken", "hỏng"),
    "old .xls": ("ds.xls", lambda: b"\xd0\xcf\x11\xe0", ".xls"),
    "BOM then invalid UTF-8": ("ds.csv", lambda: b"\xef\xbb\xbfH\xe1\xbb\x8d t\xc3\xaan\nA\n\xc3\x28\n", "dòng 3"),
    "long csv field": ("ds.csv", lambda: b'Ho ten\n"' + b"A" * 200_000 + b'"\n', "dòng"),
    "csv rows": ("ds.csv", lambda: b"Ho ten\n" + b"Nguyen Van A\n" * (limits.MAX_IMPORT_ROWS + 100), "dòng"),
}


@pytest.mark.parametrize("name", list(BROKEN_LISTS))
def test_broken_person_lists_are_refused_early(tmp_path, name):
    filename, make, word = BROKEN_LISTS[name]
    path = tmp_path / filename
    path.write_bytes(make())
    try:
        read_table(path)
        caught = None
    except ImportProblem as err:
        caught = err
    record("person import (.csv/.xlsx)", 1, int(caught is None))
    assert caught is not None and word in str(caught) and filename in str(caught), str(caught)


def test_a_folder_is_not_a_person_list(tmp_path):
    (tmp_path / "ds.xlsx").mkdir()
    try:
        read_table(tmp_path / "ds.xlsx")
        caught = None
    except ImportProblem as err:
        caught = err
    record("person import (.csv/.xlsx)", 1, int(caught is None))
    assert caught is not None and "thư mục" in str(caught), caught


def test_bidi_override_in_an_xlsx_cell(tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(_xlsx([["Họ và tên", "Chức vụ"], ["Nguyễn \u202eVăn An", "Giám đốc"], ["Trần Thị Hường", "x"]]))
    _table, _mapping, result = import_persons(path)
    record("person import (.csv/.xlsx)", 1, int(len(result.persons) != 1))
    assert [p.name for p in result.persons] == ["Trần Thị Hường"]
    assert any("Dòng 2" in e and "U+202E" in e for e in result.errors)


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\",\"y\")", "+Nguyễn Văn An",
                                  "-Trần Thị Bé", "@SUM(A1)"])
def test_formula_like_names_are_names_and_written_as_text(tmp_path, name):
    """Accepted as a name (it is one, however odd), written into Excel as a string, never a formula."""
    from openpyxl import load_workbook

    path = tmp_path / "ds.xlsx"
    path.write_bytes(_xlsx([["Họ và tên", "Chức vụ"], [name, "Giám đốc"]]))
    _table, _mapping, result = import_persons(path)
    assert [p.name for p in result.persons] == [name]
    from phieu_desktop.domain.session import BallotPaper

    session = tmp_path / "a.phieu"
    paper = BallotPaper("lanh-dao", "Lãnh đạo", "", tuple(result.persons), 24, 24)
    with SessionFile.create(session, make_session(papers=(paper,))) as file:
        file.add_ballots("lanh-dao", ["C"] * 24)
        file.lock()
    run = phieu_here("export-xlsx", session, "-o", tmp_path / "kq.xlsx")
    assert run.returncode == 0, run.stderr
    cells = [c for ws in load_workbook(tmp_path / "kq.xlsx") for row in ws.iter_rows() for c in row
             if c.value == name]
    formulas = [c for ws in load_workbook(tmp_path / "kq.xlsx") for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    record("export-xlsx (formula injection)", 1, len(formulas))
    assert cells and all(c.data_type == "s" for c in cells) and not formulas

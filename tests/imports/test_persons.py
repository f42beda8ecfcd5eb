"""Importing persons from .xlsx and .csv: header guess, NFC, TCVN3/VNI by font and by heuristic, errors."""

from __future__ import annotations

import unicodedata

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

from phieu_desktop.domain.legacy_text import Encoding, encode_tcvn3, encode_vni
from phieu_desktop.imports.persons import (
    ColumnMapping,
    ImportProblem,
    guess_mapping,
    import_persons,
    persons_from,
    read_csv_bytes,
    read_table,
)

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


def messy_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH NGƯỜI ĐƯỢC LẤY PHIẾU TÍN NHIỆM NĂM 2023"])
    ws.append([])
    ws.append(["STT", "Chức vụ", "Đơn vị công tác", "Nghỉ hưu", "Họ và tên", "Bổ nhiệm trong năm"])
    ws.append([1, NFD("Giám đốc"), NFD("Sở Tài chính"), None, NFD("Nguyễn Thị Hường"), None])
    ws.append([])
    ws.append([2, "Phã Gi¸m ®èc", "Së Tµi chÝnh", "x", "§Æng Quèc Kú", None])
    for column in "BCE":
        ws[f"{column}6"].font = Font(name=".VnTime")
    ws.append([3, "Phoù Giaùm ñoác", "", "", "Traàn Vaên Ôn", "có"])
    for column in "BE":
        ws[f"{column}7"].font = Font(name="VNI-Times")
    ws.append([4, "Chánh Văn phòng", None, None, encode_tcvn3("LÊ THỊ ƯNG"), None])
    ws["E8"].font = Font(name=".VnTimeH")
    ws.append([5, "Trưởng phòng", None, None, "NguyÔn V¨n An", None])  # TCVN3 pasted into a Calibri cell
    ws.append([None, None, None, None, None, None])
    ws.append([])
    wb.save(path)
    return path


def test_messy_xlsx(tmp_path):
    table, mapping, result = import_persons(messy_workbook(tmp_path / "ds.xlsx"))
    assert table.header_row == 3
    assert (mapping.name, mapping.position, mapping.unit, mapping.retiring, mapping.appointed_this_year) == (
        4, 1, 2, 3, 5)
    assert result.errors == []
    assert [(p.name, p.position, p.retiring, p.appointed_this_year) for p in result.persons] == [
        ("Nguyễn Thị Hường", "Giám đốc, Sở Tài chính", False, False),
        ("Đặng Quốc Kỳ", "Phó Giám đốc, Sở Tài chính", True, False),
        ("Trần Văn Ơn", "Phó Giám đốc", False, True),
        ("LÊ THỊ ƯNG", "Chánh Văn phòng", False, False),
        ("Nguyễn Văn An", "Trưởng phòng", False, False),
    ]
    assert all(unicodedata.is_normalized("NFC", p.name + p.position) for p in result.persons)
    assert any("Dòng 6, cột E (Họ và tên): đã chuyển từ bảng mã TCVN3" in n for n in result.notes)
    assert any("Dòng 7, cột E (Họ và tên): đã chuyển từ bảng mã VNI" in n for n in result.notes)
    assert any("Dòng 9, cột E" in n and "TCVN3" in n for n in result.notes)


def test_rich_text_runs_are_decoded_by_their_own_font(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Chức vụ"])
    ws["A2"] = CellRichText([TextBlock(InlineFont(rFont=".VnTime"), "NguyÔn "), TextBlock(InlineFont(rFont="Arial"),
                                                                                         "Thị Hoa")])
    ws["B2"] = "Kế toán"
    wb.save(tmp_path / "rich.xlsx")
    _table, _mapping, result = import_persons(tmp_path / "rich.xlsx")
    assert result.persons[0].name == "Nguyễn Thị Hoa"


def test_csv_utf8_bom_semicolon():
    data = "\ufeffHọ và tên;Chức vụ, đơn vị công tác\r\n\"Lê Văn A\";\"Giám đốc; kiêm nhiệm\"\r\n;\r\nTrần B;Phó\r\n"
    table = read_csv_bytes(data.encode("utf-8"))
    result = persons_from(table, guess_mapping(table))
    assert [(p.name, p.position) for p in result.persons] == [("Lê Văn A", "Giám đốc; kiêm nhiệm"), ("Trần B", "Phó")]


def test_csv_comma_nfd_without_bom(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(NFD("STT,Họ tên,Chức danh\n1,Nguyễn Thị Hường,Giám đốc\n").encode("utf-8"))
    _table, _mapping, result = import_persons(path)
    assert result.persons[0].name == "Nguyễn Thị Hường"
    assert unicodedata.is_normalized("NFC", result.persons[0].position)


def test_csv_old_windows_file_in_tcvn3_and_vni():
    tcvn3 = ("Hä vµ tªn,Chøc vô\n" + encode_tcvn3("Nguyễn Văn An") + "," + encode_tcvn3("Phó Giám đốc") + "\n")
    table = read_csv_bytes(tcvn3.encode("cp1252"))
    result = persons_from(table, guess_mapping(table))
    assert (result.persons[0].name, result.persons[0].position) == ("Nguyễn Văn An", "Phó Giám đốc")
    vni = ("Hoï vaø teân,Chöùc vuï\n" + encode_vni("Trần Thị Bích") + "," + encode_vni("Kế toán trưởng") + "\n")
    table = read_csv_bytes(vni.encode("cp1252"))
    assert table.header == ["Họ và tên", "Chức vụ"]
    result = persons_from(table, guess_mapping(table))
    assert (result.persons[0].name, result.persons[0].position) == ("Trần Thị Bích", "Kế toán trưởng")


def cp1258(text: str) -> bytes:
    """Windows' Vietnamese code page: â ê ô ă ơ ư đ are letters of their own, the five tones combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tone = next(m for m in parts if m in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", parts.replace(tone, ""))
            out.append((base + tone).encode("cp1258"))
    return b"".join(out)


def test_csv_saved_by_excel_in_the_vietnamese_windows_code_page():
    data = cp1258("Họ và tên,Chức vụ\nNguyễn Văn Đức,Phó Giám đốc Sở\nTrần Thị Ưng,Trưởng phòng\n")
    table = read_csv_bytes(data)
    assert table.header == ["Họ và tên", "Chức vụ"]
    result = persons_from(table, guess_mapping(table))
    assert [(p.name, p.position) for p in result.persons] == [("Nguyễn Văn Đức", "Phó Giám đốc Sở"),
                                                              ("Trần Thị Ưng", "Trưởng phòng")]


def test_errors_name_row_and_column():
    data = ("Họ và tên,Chức vụ,Nghỉ hưu\nLê A,GĐ,\n,Phó GĐ,\n12,Kế toán,\nTrần B,Phó,có lẽ\nVũ C,Văn thư,x\n")
    table = read_csv_bytes(data.encode())
    result = persons_from(table, guess_mapping(table))
    assert result.errors == [
        "Dòng 3, cột A (Họ và tên): thiếu họ và tên.",
        "Dòng 4, cột A (Họ và tên): “12” không phải họ và tên.",
        "Dòng 5, cột C (Nghỉ hưu): không hiểu “có lẽ” (ghi x nếu có, để trống nếu không).",
    ]
    assert [(p.name, p.retiring) for p in result.persons] == [("Lê A", False), ("Vũ C", True)]


def test_no_header_row_guesses_the_name_column():
    table = read_csv_bytes("1,Nguyễn Văn A,Giám đốc\n2,Lê Thị B,Phó Giám đốc\n".encode())
    assert table.header_row is None and table.header == ["Cột A", "Cột B", "Cột C"]
    mapping = guess_mapping(table)
    assert mapping.name in (1, 2)
    mapping = ColumnMapping(name=1, position=2)
    assert [p.name for p in persons_from(table, mapping).persons] == ["Nguyễn Văn A", "Lê Thị B"]


def test_mapping_mistakes():
    table = read_csv_bytes("Họ và tên,Chức vụ\nA B,C\n".encode())
    assert persons_from(table, ColumnMapping()).errors == ["Hãy chọn cột “Họ và tên”."]
    assert "hai thông tin" in persons_from(table, ColumnMapping(name=0, position=0)).errors[0]


@pytest.mark.parametrize("name, content, message", [
    ("ds.xls", b"\xd0\xcf\x11\xe0", "định dạng Excel cũ"),
    ("ds.pdf", b"%PDF", "Chỉ nhập được"),
    ("ds.xlsx", b"not a zip", "tệp hỏng"),
    ("ds.csv", b"", "không có dữ liệu"),
])
def test_unreadable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportProblem, match=message):
        read_table(path)


def test_detected_encodings_are_recorded(tmp_path):
    table = read_table(messy_workbook(tmp_path / "ds.xlsx"))
    encodings = {row.number: row.cells[4].encoding for row in table.rows}
    assert encodings[4] is Encoding.UNICODE and encodings[6] is Encoding.TCVN3 and encodings[7] is Encoding.VNI


def test_the_third_exemption_column_is_recognised(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text("STT,Họ và tên,Chức vụ,Nghỉ hưu,Nghỉ ốm đau từ 6 tháng\n1,Nguyễn Văn An,Giám đốc,,x\n"
                    "2,Trần Thị Bình,Phó Giám đốc,x,\n", encoding="utf-8")
    _table, mapping, result = import_persons(path)
    assert mapping.serious_illness == 4 and mapping.retiring == 3
    assert [(p.name, p.retiring, p.serious_illness) for p in result.persons] == [
        ("Nguyễn Văn An", False, True), ("Trần Thị Bình", True, False)]

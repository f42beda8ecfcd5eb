"""The board (.phieub): roster, deadline, intake by SHA-256 and unit code, look-alikes, whole-fingerprint check."""

from __future__ import annotations

import os
from datetime import date

import pytest

from phieu_desktop.domain.board import Deadline, RosterUnit, UnitState, dashboard
from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.exchange.board_intake import (
    check_groups,
    check_qr,
    groups_to_ask,
    suggestions,
    take_in,
    units_for_report,
)
from phieu_desktop.store.board_file import BoardFile, FileBusy
from phieu_desktop.store.connection import FileRefused
from tests.exchange.conftest import build_unit, export_unit

INFO = {"organization": "Ban Tổ chức Tỉnh ủy", "parent": "Tỉnh ủy Tuyên Quang", "place": "Tuyên Quang"}


@pytest.fixture
def board_path(tmp_path):
    path = tmp_path / "tong-hop.phieub"
    with BoardFile.create(path, INFO) as board:
        board.add_units([RosterUnit("SYT", "Sở Y tế", "UBND tỉnh Tuyên Quang", "0207 3822 111"),
                         RosterUnit("PNV", "Phòng Nội vụ", "UBND xã Minh Xuân"),
                         RosterUnit("PNV", "Phòng Nội vụ", "UBND xã Hùng An"),
                         RosterUnit("STC", "Sở Tài chính", "UBND tỉnh Tuyên Quang")])
        board.set_deadline(Deadline(date(2026, 12, 13)))
    return path


def package(tmp_path, board_key, organization, code="", parent="UBND tỉnh Tuyên Quang", name=None, folder=""):
    stem = name or (code or organization).replace(" ", "_")
    where = tmp_path / folder
    where.mkdir(exist_ok=True)
    build_unit(where / f"{stem}.phieu", organization, unit_code=code, parent=parent)
    return export_unit(where / f"{stem}.phieu", where / f"{stem}.phieux", board_key.to_public())


def test_the_board_keeps_everything_across_closing_and_refuses_a_second_opener(board_path):
    with BoardFile.open(board_path) as board:
        assert [u.code for u in board.roster()] == ["SYT", "PNV", "PNV", "STC"]
        assert board.deadline() == Deadline(date(2026, 12, 13))
        assert board.info()["organization"] == "Ban Tổ chức Tỉnh ủy"
        with pytest.raises(FileBusy):
            BoardFile.open(board_path)
        assert board.log_problems() == []
        actions = [row[0] for row in board.db.execute("SELECT action FROM audit ORDER BY seq").fetchall()]
        assert actions == ["board_created", "roster_added", "deadline"]


def test_a_session_file_is_not_a_board(tmp_path):
    build_unit(tmp_path / "a.phieu", "Sở Y tế")
    with pytest.raises(FileRefused, match="bàn tổng hợp"):
        BoardFile.open(tmp_path / "a.phieu")


def test_the_same_code_under_two_parents_is_two_units_and_each_package_goes_to_its_own(tmp_path, board_path, board,
                                                                                       credentials):
    a = package(tmp_path, board, "Phòng Nội vụ", "PNV", "UBND xã Minh Xuân", folder="a", name="don-vi")
    b = package(tmp_path, board, "Phòng Nội vụ", "PNV", "UBND xã Hùng An", folder="b", name="don-vi")
    with BoardFile.open(board_path) as file:
        outcomes = take_in(file, [a, b], credentials)
        assert [o.accepted for o in outcomes] == [True, True]
        assert [o.unit.parent for o in outcomes] == ["UBND xã Minh Xuân", "UBND xã Hùng An"]
        again = take_in(file, [tmp_path / "a" / "don-vi.phieux"], credentials)
        assert again[0].new is False  # identified by SHA-256, not by its base name
        states = {(s.unit.code, s.unit.parent): s.state for s in
                  dashboard(file.roster(), file.receipts(), file.deadline(), date(2026, 12, 10)).statuses}
    assert states[("PNV", "UBND xã Minh Xuân")] is UnitState.WAITING
    assert states[("PNV", "UBND xã Hùng An")] is UnitState.WAITING
    assert states[("SYT", "UBND tỉnh Tuyên Quang")] is UnitState.NOT_RECEIVED


def test_a_package_without_a_code_and_a_look_alike_name_is_shown_not_merged(tmp_path, board_path, board,
                                                                            credentials):
    cyrillic = package(tmp_path, board, "Sở \u0423 tế", name="gia")  # Cyrillic У
    nfd = package(tmp_path, board, "So\u031b\u0309 Y te\u0302\u0301", name="nfd")
    with BoardFile.open(board_path) as file:
        first, second = take_in(file, [cyrillic, nfd], credentials)
        assert first.accepted and first.unit is None
        assert any("không có mã đơn vị" in n for n in first.notes)
        assert any("trông giống" in n for n in first.notes)
        assert second.unit is None
        assert [u.code for u in suggestions(file, first.sha256)] == ["SYT"]
        receipts = file.receipts()
        assert all(r is None for r in (receipts.get(u.identity) for u in file.roster()))  # nothing matched alone
        file.match(second.sha256, file.roster()[0])
        assert file.receipts()[file.roster()[0].identity].sha256 == second.sha256
        assert file.decisions("match")[0][1] == second.sha256


def test_the_whole_fingerprint_is_compared_and_a_one_bit_difference_refuses(tmp_path, board_path, board,
                                                                            credentials):
    path = package(tmp_path, board, "Sở Y tế", "SYT")
    with BoardFile.open(board_path) as file:
        (intake,) = take_in(file, [path], credentials)
        fingerprint = file.package(intake.sha256).fingerprint
        last = fingerprint[-1]
        wrong = fingerprint[:-1] + ("0" if last != "0" else "1")  # the 96th bit's group differs
        assert not check_qr(file, intake.sha256, [wrong])
        unit = file.roster()[0]
        assert dashboard(file.roster(), file.receipts(), file.deadline(), date(2026, 12, 1)).statuses[0].state \
            is UnitState.REFUSED
        assert check_qr(file, intake.sha256, ["not a fingerprint", fingerprint])
        assert file.receipts()[unit.identity].checked
        assert [c[1] for c in file.checks()] == ["qr", "qr"]
        assert [name for name, *_rest in [(u.code,) for u, _x in units_for_report(file)]] == ["SYT"]


def test_without_a_scan_two_different_groups_are_asked_and_both_must_match(tmp_path, board_path, board,
                                                                           credentials):
    path = package(tmp_path, board, "Sở Y tế", "SYT")
    with BoardFile.open(board_path) as file:
        (intake,) = take_in(file, [path], credentials)
        groups = file.package(intake.sha256).fingerprint.split("-")
        for _ in range(50):
            first, second = groups_to_ask(file.package(intake.sha256).fingerprint)
            assert first != second and 1 <= first <= 6 and 1 <= second <= 6
        assert not check_groups(file, intake.sha256, (1, 2), (groups[0], "ZZZZ"))
        assert check_groups(file, intake.sha256, (3, 5), (groups[2].lower(), groups[4]))
        with pytest.raises(PhieuError, match="QR"):
            check_qr(file, intake.sha256, ["hello"])


def test_overdue_is_the_state_of_a_unit_not_received_after_the_deadline(board_path):
    with BoardFile.open(board_path) as file:
        before = dashboard(file.roster(), file.receipts(), file.deadline(), date(2026, 12, 13))
        after = dashboard(file.roster(), file.receipts(), file.deadline(), date(2026, 12, 14))
    assert before.counts[UnitState.NOT_RECEIVED] == 4 and before.days_left == 0
    assert after.counts[UnitState.OVERDUE] == 4 and after.days_left == -1
    assert len(after.not_reported) == 4


def test_two_different_results_for_one_unit_wait_for_the_clerks_decision(tmp_path, board_path, board, credentials):
    first = package(tmp_path, board, "Sở Y tế", "SYT", folder="a", name="syt")
    build_unit(tmp_path / "b.phieu", "Sở Y tế", ballots=["CTL"] * 24, unit_code="SYT",
               parent="UBND tỉnh Tuyên Quang")
    second = export_unit(tmp_path / "b.phieu", tmp_path / "b.phieux", board.to_public())
    with BoardFile.open(board_path) as file:
        one, two = take_in(file, [first, second], credentials)
        unit = file.roster()[0]
        status = dashboard(file.roster(), file.receipts(), file.deadline(), date(2026, 12, 1)).statuses[0]
        assert status.state is UnitState.WAITING and "hai gói" in status.reason
        assert units_for_report(file) == []  # never one of the two silently
        file.decide("keep", "|".join(unit.identity), one.sha256)
        assert file.receipts()[unit.identity].sha256 == one.sha256
        assert file.decisions("keep")[0][2] == one.sha256
    with BoardFile.open(board_path) as file:  # closing and reopening loses nothing
        assert file.receipts()[unit.identity].sha256 == one.sha256
        assert len(file.packages()) == 2 and file.log_problems() == []


def test_the_log_is_append_only_and_an_edit_outside_the_program_is_found(board_path):
    import sqlite3

    conn = sqlite3.connect(board_path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE audit SET detail = '{}' WHERE seq = 2")
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET detail = '{\"count\": 1}' WHERE seq = 2")
    conn.commit()
    with pytest.raises(FileRefused, match="trigger “audit_no_update” bị thiếu"):  # the missing guard is named
        BoardFile.open(board_path)
    conn.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN "
                 "SELECT RAISE(ABORT, 'phieu: audit is append-only'); END")  # the guard put back: the chain tells
    conn.commit()
    conn.close()
    with BoardFile.open(board_path) as file:
        assert file.log_problems() == ["nhật ký: mục số 2 (roster_added) đã bị sửa"]


@pytest.mark.parametrize("planted", [
    "CREATE TRIGGER quiet AFTER INSERT ON audit BEGIN DELETE FROM checks; END",
    "CREATE VIEW quiet AS SELECT 1",
    "CREATE TABLE quiet (x)",
    "CREATE INDEX quiet ON audit (action)",
])
def test_a_board_with_a_schema_object_the_program_never_made_is_refused_and_it_is_named(board_path, planted):
    """Like the session file (store.integrity.schema_problems), the board is compared with the schema its own
    migrations make: a planted trigger would act on every later write, so the file is refused, naming the object."""
    import sqlite3

    conn = sqlite3.connect(board_path)
    conn.execute(planted)
    conn.commit()
    conn.close()
    with pytest.raises(FileRefused, match="“quiet” không do chương trình tạo"):
        BoardFile.open(board_path)


def test_the_roster_from_a_list_file_names_a_bad_row_and_takes_more_rows_than_a_person_list(tmp_path):
    from openpyxl import Workbook

    from phieu_desktop.imports.roster import read_roster

    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐƠN VỊ"])
    sheet.append(["STT", "Mã đơn vị", "Tên đơn vị", "Cơ quan cấp trên", "Liên hệ"])
    for n in range(6000):
        sheet.append([n + 1, f"X{n:04d}", f"UBND xã số {n}", "UBND tỉnh Tuyên Quang", ""])
    book.save(tmp_path / "don-vi.xlsx")
    units = read_roster(tmp_path / "don-vi.xlsx")
    assert len(units) == 6000 and units[0] == RosterUnit("X0000", "UBND xã số 0", "UBND tỉnh Tuyên Quang", "")
    (tmp_path / "sai.csv").write_text("Mã đơn vị;Tên đơn vị\nA1;Sở A\nSở B;Sở B\n", encoding="utf-8")
    with pytest.raises(PhieuError, match="dòng 3: mã đơn vị “Sở B”"):
        read_roster(tmp_path / "sai.csv")
    (tmp_path / "trung.csv").write_text("Mã đơn vị,Tên đơn vị\nA1,Sở A\na1,Sở A (2)\n", encoding="utf-8")
    with pytest.raises(PhieuError, match="đã có trong danh sách"):
        read_roster(tmp_path / "trung.csv")


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
def test_a_fifo_named_as_the_board_is_refused_without_waiting(tmp_path):
    """The board's header is read by the session file's reader (store.connection.read_header): a FIFO is refused at
    once, never waited on (it hung before the board used that reader)."""
    fifo = tmp_path / "tong-hop.phieub"
    os.mkfifo(fifo)
    with pytest.raises(PhieuError, match="không phải tệp thường"):
        BoardFile.open(fifo)

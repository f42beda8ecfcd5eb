"""The board's dashboard in the window: every unit with its state, counts and days left, intake on a worker, the
paper check by two groups, the report saved; a screenshot at 1366×768."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from pyrage import x25519

from phieu_desktop.domain.board import Deadline, RosterUnit, UnitState
from phieu_desktop.exchange import board_intake
from phieu_desktop.store.board_file import BoardFile
from phieu_desktop.ui import board as board_ui
from phieu_desktop.ui.board import BoardWindow
from tests.exchange.conftest import build_unit, export_unit
from tests.ui.test_screenshots import save

PROVINCE = "UBND tỉnh Tuyên Quang"
ROSTER = [("SYT", "Sở Y tế", PROVINCE, "0207 3822 111"), ("STC", "Sở Tài chính", PROVINCE, "0207 3822 222"),
          ("SNV", "Sở Nội vụ", PROVINCE, ""), ("SXD", "Sở Xây dựng", PROVINCE, "0207 3822 444"),
          ("MX", "Đảng ủy xã Minh Xuân", "Tỉnh ủy Tuyên Quang", ""),
          ("HA", "Đảng ủy xã Hùng An", "Tỉnh ủy Tuyên Quang", "")] + [
    (f"X{n:02d}", f"UBND xã số {n}", PROVINCE, "") for n in range(1, 15)]


@pytest.fixture
def desk(tmp_path):
    key = x25519.Identity.generate()
    path = tmp_path / "tong-hop.phieub"
    with BoardFile.create(path, {"organization": "Ban Tổ chức Tỉnh ủy", "parent": "Tỉnh ủy Tuyên Quang",
                                 "place": "Tuyên Quang", "header": "party"}) as file:
        file.add_units([RosterUnit(*row) for row in ROSTER])
        file.set_deadline(Deadline(date(2026, 12, 13)))
    packages = []
    for code, organization, parent, _contact in ROSTER[:5]:
        build_unit(tmp_path / f"{code}.phieu", organization, unit_code=code, parent=parent)
        packages.append(export_unit(tmp_path / f"{code}.phieu", tmp_path / f"{code}.phieux", key.to_public()))
    build_unit(tmp_path / "cu.phieu", "Đảng ủy xã Hùng An", parent="Tỉnh ủy Tuyên Quang")  # an older file: no code
    packages.append(export_unit(tmp_path / "cu.phieu", tmp_path / "cu.phieux", key.to_public()))
    (tmp_path / "hong.phieux").write_bytes(b"age-encryption.org/v1\nnot a package")
    packages.append(tmp_path / "hong.phieux")
    return path, key, packages


def test_the_dashboard_takes_packages_in_on_a_worker_and_checks_two_groups(desk, qtbot, qapp, monkeypatch,
                                                                           tmp_path):
    path, key, packages = desk
    shown = []
    monkeypatch.setattr(board_ui.dialogs, "info_table", lambda parent, title, rows: shown.append(rows))
    monkeypatch.setattr(board_ui.dialogs, "info", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(board_ui.dialogs, "error", lambda parent, text, title=None: shown.append(text))
    monkeypatch.setattr(board_ui, "choose_board", lambda parent, title: str(path))
    monkeypatch.setattr("phieu_desktop.ui.consolidation.choose_packages",
                        lambda parent, title: [str(p) for p in packages])
    window = BoardWindow(today=date(2026, 12, 10))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_board()
    assert window.units_model.rowCount() == len(ROSTER)
    assert "còn 3 ngày" in window.summary.text()
    window.identities.append(key)
    window.take_in()  # on a worker (ui.background.run): returns when it is done
    assert len(shown[-1]) == len(packages)
    states = [s.state for s in window.units_model.statuses]
    assert states[:5] == [UnitState.WAITING] * 5 and states[5] is UnitState.NOT_RECEIVED
    assert window.packages_model.rowCount() == 2  # the older file without a code, and the broken one
    # the paper check of Sở Tài chính by two groups: the program chooses them, the clerk types them
    window.units.selectRow(1)
    fingerprint = window.board.package(window.board.receipts()[window.units_model.statuses[1].unit.identity]
                                       .sha256).fingerprint
    monkeypatch.setattr(board_intake, "groups_to_ask", lambda fp: (4, 1))
    groups = fingerprint.split("-")
    monkeypatch.setattr(board_ui.dialogs, "confirm", lambda *args, **kwargs: False)  # no scan: two groups
    monkeypatch.setattr(board_ui.dialogs, "ask_fields", lambda *args, **kwargs: [groups[3], groups[0]])
    window.check()
    assert window.units_model.statuses[1].state is UnitState.CHECKED
    # the older file is matched by the clerk to the roster's unit, once, recorded
    window.tabs.setCurrentIndex(1)
    row = next(i for i, p in enumerate(window.packages_model.packages) if p.accepted)
    window.packages.selectRow(row)
    monkeypatch.setattr(board_ui.dialogs, "ask_fields", lambda *args, **kwargs: ["HA", "Tỉnh ủy Tuyên Quang"])
    window.match()
    assert window.units_model.statuses[5].state is UnitState.WAITING
    assert window.packages_model.rowCount() == 1
    # the report, built on a worker
    out = tmp_path / "bao-cao.pdf"
    monkeypatch.setattr(board_ui.dialogs, "save_path", lambda *args: str(out))
    window.save_report(".pdf")
    assert out.read_bytes().startswith(b"%PDF")
    folder = Path(os.environ.get("PHIEU_SCREENSHOTS") or tmp_path)
    window.resize(1366, 768)  # the picture at the laptop size, whatever the offscreen screen is
    window.tabs.setCurrentIndex(0)
    save(window, folder, "board-dashboard")
    window.close()


def test_the_higher_level_makes_its_key_in_the_window(qtbot, qapp, monkeypatch, tmp_path):
    from phieu_desktop.exchange.keys import load_identity

    said = []
    answers = iter(["Ban Tổ chức 2026", "Ban Tổ chức 2026"])
    monkeypatch.setattr("phieu_desktop.ui.consolidation.ask_secret", lambda *args: next(answers))
    monkeypatch.setattr(board_ui.dialogs, "save_path", lambda *args: str(tmp_path / "cap-tren.key"))
    monkeypatch.setattr(board_ui.dialogs, "info", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(board_ui.dialogs, "error", lambda parent, text, title=None: said.append("LỖI " + text))
    window = BoardWindow(today=date(2026, 12, 10))
    qtbot.addWidget(window)
    window.make_key()  # scrypt on a worker: the window keeps painting
    assert not said[-1].startswith("LỖI"), said
    identity = load_identity(tmp_path / "cap-tren.key", "Ban Tổ chức 2026")
    assert str(identity.to_public()) in said[-1]
    assert (tmp_path / "cap-tren-khoa-nhan.pdf").read_bytes().startswith(b"%PDF")
    window.close()


def test_the_clerk_chooses_which_of_two_different_packages_counts(qtbot, qapp, monkeypatch, tmp_path):
    """Issue 22: a unit that sent two different results waits for the clerk; the window's "Chọn gói được tính…"
    records the choice (the same function as `phieu board decide`), and the unit then has that result."""
    key = x25519.Identity.generate()
    path = tmp_path / "b.phieub"
    with BoardFile.create(path, {"organization": "Ban Tổ chức Tỉnh ủy", "parent": "Tỉnh ủy Tuyên Quang",
                                 "place": "Tuyên Quang", "header": "party"}) as file:
        file.add_units([RosterUnit("SYT", "Sở Y tế", PROVINCE, ""), RosterUnit("STC", "Sở Tài chính", PROVINCE, "")])
        file.set_deadline(Deadline(date(2026, 12, 13)))
    packages = []
    for name, ballots in (("a", None), ("b", ["CTL"] * 24)):
        build_unit(tmp_path / f"{name}.phieu", "Sở Y tế", ballots=ballots, unit_code="SYT", parent=PROVINCE)
        packages.append(export_unit(tmp_path / f"{name}.phieu", tmp_path / f"{name}.phieux", key.to_public()))
    said, asked = [], []
    monkeypatch.setattr(board_ui.dialogs, "info_table", lambda parent, title, rows: said.append(rows))
    monkeypatch.setattr(board_ui.dialogs, "info", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(board_ui.dialogs, "error", lambda parent, text, title=None: said.append("LỖI " + text))
    monkeypatch.setattr(board_ui, "choose_board", lambda parent, title: str(path))
    monkeypatch.setattr("phieu_desktop.ui.consolidation.choose_packages",
                        lambda parent, title: [str(p) for p in packages])
    window = BoardWindow(today=date(2026, 12, 10))
    qtbot.addWidget(window)
    window.open_board()
    window.identities.append(key)
    window.take_in()
    status = window.units_model.statuses[0]
    assert status.state is UnitState.WAITING and "hai gói" in status.reason
    window.units.selectRow(1)  # Sở Tài chính sent nothing: nothing to choose, and it says so
    window.keep()
    assert "0 gói" in said[-1]

    def choose(parent, title, prompt, items, ok=None, cancel=None):
        asked.append(items)
        return 1

    monkeypatch.setattr(board_ui.dialogs, "ask_choice", choose)
    window.units.selectRow(0)
    window.keep()
    assert len(asked) == 1 and len(asked[0]) == 2 and "b.phieux" in asked[0][1]
    unit = window.units_model.statuses[0].unit
    second = next(p for p in window.board.packages() if p.source == "b.phieux")
    assert window.board.receipts()[unit.identity].sha256 == second.sha256
    assert window.board.decisions("keep")[-1][2] == second.sha256
    assert not [s for s in said if isinstance(s, str) and s.startswith("LỖI")], said
    window.close()

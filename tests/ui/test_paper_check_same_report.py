"""The window and `phieu consolidate --check` decide the consolidated report the same way: same files, same paper
checks (one matched, one mismatched and refused, one never checked, one tampered file) → the same report."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from pyrage import x25519
from PySide6.QtCore import Qt

from phieu_desktop.cli import main
from phieu_desktop.exchange.consolidated_report import consolidation_to_json
from phieu_desktop.exchange.consolidated_xlsx import write_xlsx
from phieu_desktop.exchange.export import export_session
from phieu_desktop.exchange.keys import create_key_file, load_identity
from phieu_desktop.store import SessionFile
from phieu_desktop.ui.consolidation import ConsolidationWindow
from phieu_desktop.ui.main_window import configure_application
from phieu_desktop.ui.paper_check import PaperCheckDialog
from tests.exchange.conftest import build_unit
from tests.ui.helpers import key, replace_text

PASSPHRASE = "Ban Tổ chức Tỉnh ủy"


def wrong(group: str) -> str:
    return ("0" if group[0] != "0" else "1") + group[1:]


def comparable(report: dict) -> dict:
    report = dict(report)
    report.pop("generated_at")
    return report


def sheets(path) -> dict[str, list[tuple]]:
    book = load_workbook(path, read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_window_and_command_line_make_the_same_report(tmp_path, qtbot, qapp, dialogs, monkeypatch, capsys):
    monkeypatch.setenv("PHIEU_PASSPHRASE", PASSPHRASE)
    board = create_key_file(tmp_path / "board.key", PASSPHRASE)
    recipient = x25519.Recipient.from_str(board.recipient)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    fingerprints = {}
    for stem, organization in (("tai-chinh", "Sở Tài chính"), ("y-te", "Sở Y tế"), ("noi-vu", "Sở Nội vụ"),
                               ("giao-duc", "Sở Giáo dục")):
        fingerprints[stem] = build_unit(tmp_path / f"{stem}.phieu", organization)
        with SessionFile.open(tmp_path / f"{stem}.phieu") as file:
            export_session(file, inbox / f"{stem}.phieux", [recipient], minutes=None)
    tampered = bytearray((inbox / "giao-duc.phieux").read_bytes())
    tampered[len(tampered) // 2] ^= 0x04
    (inbox / "giao-duc.phieux").write_bytes(bytes(tampered))
    paths = [inbox / f"{stem}.phieux" for stem in ("tai-chinh", "y-te", "noi-vu", "giao-duc")]

    # the window: tài chính matches its paper, y tế does not and is refused, nội vụ is never checked
    configure_application(qapp)
    win = ConsolidationWindow()
    qtbot.addWidget(win)
    win.identities = [load_identity(tmp_path / "board.key", PASSPHRASE)]
    win.add_paths(paths)
    asked = {}

    def answer(stem: str, refuse: bool):
        def respond(dialog: PaperCheckDialog) -> None:
            group = dialog.entry.group
            asked[stem] = group
            right = fingerprints[stem].split("-")[group - 1]
            replace_text(dialog.typed, wrong(right) if refuse else right)
            key(dialog.typed, Qt.Key.Key_Return)
            if refuse:
                dialog.refuse_button.click()
        return respond

    for row, stem, refuse in ((0, "tai-chinh", False), (1, "y-te", True)):
        win.files.selectRow(row)
        dialogs.expect(answer(stem, refuse))
        win.check_paper()
        dialogs.wait_done()
    window_report = win.report_consolidation()
    assert [u.source for u in window_report.units] == ["tai-chinh.phieux"]
    write_xlsx(window_report, tmp_path / "window.xlsx")

    # the command line, with the same groups typed from the same papers
    def typed(stem: str) -> str:
        return fingerprints[stem].split("-")[asked[stem] - 1]

    checks = ["--check", f"tai-chinh.phieux={asked['tai-chinh']}:{typed('tai-chinh')}",
              "--check", f"y-te.phieux={asked['y-te']}:{wrong(typed('y-te'))}"]
    common = ["consolidate", "--identity", str(tmp_path / "board.key"), *map(str, paths), *checks]
    assert main([*common, "--json"]) == 3
    out, err = capsys.readouterr()
    assert "chưa đối chiếu với biên bản giấy" in err and "không khớp" in err
    assert comparable(json.loads(out)) == comparable(json.loads(json.dumps(consolidation_to_json(window_report))))
    assert main([*common, "-o", str(tmp_path / "cli.xlsx")]) == 3
    assert sheets(tmp_path / "cli.xlsx") == sheets(tmp_path / "window.xlsx")
    win.close()

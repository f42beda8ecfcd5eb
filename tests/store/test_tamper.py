"""Changes made behind the program's back (the sqlite3 shell) are caught by `verify`, triggers or not."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.store import SessionFile
from tests.behind import behind_the_back
from tests.conftest import make_session

BALLOTS = ["CTL", "CCT", "TTL", "-", "C0M", "LLX"] * 4  # 24 ballots, as returned


def build(path: Path, lock: bool) -> str | None:
    with SessionFile.create(path, make_session()) as file:
        file.add_ballots("lanh-dao", BALLOTS)
        file.correct_ballot("lanh-dao", 3, "TTT", "Đọc lại phiếu")
        file.remove_ballot("lanh-dao", 4, "Phiếu nhập trùng")
        file.add_ballot("lanh-dao", "-")
        return file.lock() if lock else None


def problems(path: Path) -> list[str]:
    with SessionFile.open(path) as file:
        return file.verify().problems


EDITS = {
    "ballot edited": ("UPDATE ballots SET marks = 'CCC' WHERE number = 5", "phiếu số 5 .* đã bị sửa"),
    "ballot deleted": ("DELETE FROM ballots WHERE number = 2", "phiếu số 2 .* đã bị xóa"),
    "ballot inserted": ("INSERT INTO ballots VALUES ('lanh-dao', 77, 'CCC')", "phiếu số 77 .* đã bị thêm"),
    "removed ballot restored": ("INSERT INTO ballots VALUES ('lanh-dao', 4, '-')", "phiếu số 4 .* đã bị thêm"),
    "attendance edited": ("UPDATE session SET present = 30", "present"),
    "person renamed": ("UPDATE persons SET name = 'Người Khác' WHERE position = 1", "người được lấy phiếu"),
    "paper counts edited": ("UPDATE papers SET returned = 20", "returned"),
    "committee edited": ("UPDATE committee SET role = 'Ủy viên' WHERE position = 1", "committee"),
    "audit detail edited": ("UPDATE audit SET detail = replace(detail, 'TTT', 'CCC') WHERE action = "
                            "'ballot_corrected'", "nhật ký: mục số"),
    "audit entry deleted": ("DELETE FROM audit WHERE seq = 3", "nhật ký"),
}


@pytest.mark.parametrize("name", list(EDITS))
@pytest.mark.parametrize("lock", [False, True], ids=["unlocked", "locked"])
def test_edits_behind_the_back_are_caught(tmp_path, name, lock):
    path = tmp_path / "phien.phieu"
    build(path, lock)
    statement, expected = EDITS[name]
    behind_the_back(path, statement, drop_triggers=True)
    found = problems(path)
    assert found, name
    assert any(re.search(expected, p) for p in found), found


def test_locked_file_still_verifies_before_tampering(tmp_path):
    path = tmp_path / "phien.phieu"
    short = build(path, lock=True)
    with SessionFile.open(path) as file:
        assert file.verify().ok and file.fingerprint == short


def test_dropping_the_triggers_alone_is_reported(tmp_path):
    path = tmp_path / "phien.phieu"
    build(path, lock=True)
    behind_the_back(path, drop_triggers=True)
    assert any("gỡ bỏ" in p for p in problems(path))


def test_seal_removed_or_edited(tmp_path):
    path = tmp_path / "a.phieu"
    build(path, lock=True)
    behind_the_back(path, "DELETE FROM seal")
    assert any("niêm phong đã bị xóa" in p for p in problems(path))
    other = tmp_path / "b.phieu"
    build(other, lock=True)
    behind_the_back(other, "UPDATE seal SET fingerprint = '0000-0000-0000-0000-0000-0000'")
    assert any("niêm phong đã bị sửa" in p for p in problems(other))


def test_edit_with_the_triggers_in_place_on_an_unlocked_file_is_caught(tmp_path):
    path = tmp_path / "phien.phieu"
    build(path, lock=False)
    behind_the_back(path, "UPDATE ballots SET marks = 'LLL' WHERE number = 1", drop_triggers=False)
    assert any("phiếu số 1" in p for p in problems(path))


def test_a_tampered_file_refuses_results_writes_and_lock(tmp_path):
    path = tmp_path / "phien.phieu"
    build(path, lock=False)
    behind_the_back(path, "UPDATE ballots SET marks = 'LLL' WHERE number = 1", drop_triggers=False)
    with SessionFile.open(path) as file:
        for action in (file.results, file.lock, lambda: file.add_ballot("lanh-dao", "CCC")):
            with pytest.raises(PhieuError, match="thay đổi ngoài chương trình"):
                action()


def test_a_forged_regime_value_is_refused_not_crashed(tmp_path):
    path = tmp_path / "phien.phieu"
    build(path, lock=False)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE session SET regime = 'khac'")
    conn.commit()
    conn.close()
    with pytest.raises(PhieuError, match="không hợp lệ|hỏng"):  # quick_check sees the broken CHECK first
        SessionFile.open(path)

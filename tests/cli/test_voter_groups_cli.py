"""Voter groups from the command line (issue 24): attendance --group, and the results naming each group's quorum."""

from __future__ import annotations

import shutil

from phieu_desktop.cli import main
from tests.conftest import DATA


def test_results_name_each_groups_attendance_and_quorum(tmp_path, capsys):
    path = tmp_path / "thanh-phan.phieu"
    shutil.copy(DATA / "recount-v3-groups" / "session.phieu", path)
    assert main(["results", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Thành phần “Tập thể lãnh đạo Sở, trưởng phòng và tương đương” (lanh-dao): triệu tập 12, có mặt 8, " \
           "có mặt khi bỏ phiếu 8; đủ 2/3" in out


def test_attendance_of_a_group_is_checked_and_recorded(tmp_path, capsys):
    from phieu_desktop.store import SessionFile
    from tests.recount.make_vectors import groups_session

    path = tmp_path / "moi.phieu"
    SessionFile.create(path, groups_session()).close()
    assert main(["attendance", str(path), "--group", "lanh-dao", "--present", "13", "--present-at-vote", "8"]) == 1
    assert "lớn hơn số người được triệu tập (12)" in capsys.readouterr().err
    assert main(["attendance", str(path), "--group", "lanh-dao", "--present", "8", "--present-at-vote", "8"]) == 0
    with SessionFile.open(path) as file:
        assert (file.session.groups[0].present, file.session.groups[0].present_at_vote) == (8, 8)

"""Forward migration: a file from the previous schema version opens, after a backup copy, with nothing lost."""

from __future__ import annotations

import pytest

from phieu_desktop.store import SessionFile
from phieu_desktop.store.schema import SCHEMA_VERSION
from tests.behind import as_version_1
from tests.conftest import make_session

BALLOTS = ["CTL", "CCT", "-", "L0M"] * 6


@pytest.mark.skipif(SCHEMA_VERSION != 2, reason="written for the step from version 1 to 2")
@pytest.mark.parametrize("lock", [False, True], ids=["unlocked", "locked"])
def test_version_1_file_is_migrated_after_a_backup(tmp_path, lock):
    path = tmp_path / "cu.phieu"
    with SessionFile.create(path, make_session()) as file:
        file.add_ballots("lanh-dao", BALLOTS)
        fingerprint = file.lock() if lock else None
    as_version_1(path)
    old_bytes = path.read_bytes()
    with SessionFile.open(path) as file:
        assert file.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [m for _n, m in file.ballots("lanh-dao")] == BALLOTS
        report = file.verify()
        assert report.ok, report.problems
        assert file.fingerprint == fingerprint
        assert file.checks("lanh-dao") == []
    backup = path.with_name("cu.phieu.v1.bak")
    assert backup.read_bytes() == old_bytes  # the untouched version-1 file, kept beside the migrated one

"""Forward migration: a file from the previous schema version opens, after a backup copy, with nothing lost."""

from __future__ import annotations

import pytest

from phieu_desktop.store import SessionFile
from phieu_desktop.store.schema import SCHEMA_VERSION
from tests.behind import as_version_1
from tests.conftest import make_session

BALLOTS = ["CTL", "CCT", "-", "L0M"] * 6


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


@pytest.mark.parametrize("name", ["sealed-by-seal-version-2.phieu", "sealed-by-seal-version-3.phieu"])
def test_version_2_files_gain_supervisors_and_the_third_exemption_with_their_seal(tmp_path, name):
    """Schema 3 (supervisors, serious_illness): a sealed file of schema 2 is migrated after a backup and keeps its
    fingerprint (seal version 3 leaves the new keys out at their defaults; versions 1 and 2 never had them)."""
    import shutil
    import sqlite3
    from pathlib import Path

    source = Path(__file__).parents[1] / "data" / name
    path = tmp_path / name
    shutil.copy(source, path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()
    with SessionFile.open(path) as file:
        assert file.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        report = file.verify()
        assert report.ok, report.problems
        assert file.session.supervisors == ()
        assert not any(p.serious_illness for paper in file.session.papers for p in paper.persons)
    assert path.with_name(name + ".v2.bak").read_bytes() == source.read_bytes()


def test_supervisors_and_the_third_exemption_are_kept_and_sealed(tmp_path):
    from phieu_desktop.domain.session import Person, Supervisor

    session = make_session()
    paper = session.papers[0]
    people = (Person(paper.persons[0].name, paper.persons[0].position, serious_illness=True),) + paper.persons[1:]
    supervisors = (Supervisor("Hoàng Văn Giám", "Phó Chủ nhiệm", "Ủy ban Kiểm tra Tỉnh ủy"),)
    from dataclasses import replace

    session = replace(session, supervisors=supervisors, papers=(replace(paper, persons=people),))
    path = tmp_path / "moi.phieu"
    with SessionFile.create(path, session) as file:
        file.add_ballots("lanh-dao", BALLOTS)
        fingerprint = file.lock()
    with SessionFile.open(path) as file:
        assert file.session == session.with_counts("lanh-dao", 24, 24)
        assert file.verify().ok and file.fingerprint == fingerprint
    # the supervisors are under the seal: changing them behind the program's back is found
    from tests.behind import behind_the_back

    behind_the_back(path, "UPDATE supervisors SET name = 'Người Khác'")
    with SessionFile.open(path) as file:
        assert not file.verify().ok

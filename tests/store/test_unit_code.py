"""The unit code (mã đơn vị) in the session file: kept in `meta`, replayed from the log, sealed by version 3; an edit
outside the program is found."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from phieu_desktop.store import SessionFile
from tests.conftest import make_session


def test_the_unit_code_is_kept_and_an_edit_after_the_lock_is_found(tmp_path):
    path = tmp_path / "u.phieu"
    with SessionFile.create(path, replace(make_session(), unit_code="TQ.STC")) as file:
        file.add_ballots("lanh-dao", ["CTL"] * 24)
        file.lock()
    with SessionFile.open(path) as file:
        assert file.session.unit_code == "TQ.STC" and file.verify().ok
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = 'TQ.SYT' WHERE name = 'unit_code'")
    conn.commit()
    conn.close()
    with SessionFile.open(path) as file:
        assert not file.verify().ok


def test_a_file_without_a_unit_code_reads_as_before(tmp_path):
    with SessionFile.create(tmp_path / "o.phieu", make_session()) as file:
        assert file.session.unit_code == ""
        assert file.db.execute("SELECT count(*) FROM meta WHERE name = 'unit_code'").fetchone()[0] == 0

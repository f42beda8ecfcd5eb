"""Files sealed by earlier programs still verify: one written by the first version (schema 1, migrated on
opening, kept as FILE.v1.bak) and one by the version before the seal recorded `log_length` (seal time from its
own clock, a printing note after the lock). Both were made from the contract example with those programs' own
code (`git archive` of their commits) and are kept in tests/data."""

from __future__ import annotations

import json
import shutil

import pytest

from phieu_desktop.store.schema import SCHEMA_VERSION
from tests.conftest import DATA
from tests.hostile.helpers import phieu_here

FINGERPRINT = "9229-764E-FC28-5BD4-E3B9-604F"  # what both programs printed when they locked the contract example


@pytest.mark.parametrize("name", ["sealed-by-version-1.phieu", "sealed-before-log-length.phieu"])
def test_files_sealed_by_earlier_programs_verify(tmp_path, name):
    path = tmp_path / name
    shutil.copy(DATA / name, path)
    run = phieu_here("verify", path, "--expect", FINGERPRINT)
    assert run.returncode == 0, run.stderr
    assert FINGERPRINT in run.stdout
    results = json.loads(phieu_here("results", path, "--json").stdout)
    expected = json.loads((DATA / "contract-expected.json").read_text(encoding="utf-8"))
    assert [p["counts"] for p in results["ballots"][0]["persons"]] == [
        p["counts"] for p in expected["ballots"][0]["persons"]]
    backups = sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".bak"))
    old = _user_version(DATA / name)  # a file of an older schema is migrated, after a backup of its own version
    assert backups == ([f"{name}.v{old}.bak"] if old < SCHEMA_VERSION else [])
    assert (tmp_path / backups[0]).read_bytes() == (DATA / name).read_bytes() if backups else True


def _user_version(path) -> int:
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()

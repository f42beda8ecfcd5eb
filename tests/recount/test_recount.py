"""The recount vectors of tests/data/recount-*/ checked from both sides: recomputed by `independent.py` (written
from docs/recount.md, importing nothing of the program) and produced by the program from the same sealed files."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.recount import independent
from tests.recount.make_vectors import SOURCES, vector_of

VECTORS = list(SOURCES)
ROOT = Path(__file__).resolve().parents[2]


def expected(name: str, file: str) -> dict:
    return json.loads((DATA / name / file).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", VECTORS)
def test_the_independent_recount_gives_the_expected_seal_and_results(name):
    seal, results = independent.recount(DATA / name)
    assert seal == expected(name, "expected-seal.json")
    assert results == expected(name, "expected-results.json")


def test_there_is_a_vector_for_every_seal_version():
    from phieu_desktop.domain.seal import SEAL_VERSIONS

    assert {expected(name, "expected-seal.json")["seal_version"] for name in VECTORS} == set(SEAL_VERSIONS)


@pytest.mark.parametrize("name", VECTORS)
def test_the_program_gives_the_same_vectors(name):
    made = vector_of(SOURCES[name])
    assert made["log.jsonl"] == (DATA / name / "log.jsonl").read_text(encoding="utf-8")
    assert json.loads(made["expected-seal.json"]) == expected(name, "expected-seal.json")
    assert json.loads(made["expected-results.json"]) == expected(name, "expected-results.json")


def test_the_independent_recount_imports_nothing_of_the_program():
    source = Path(independent.__file__).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        assert not any(n.startswith(("phieu_desktop", "tests")) for n in names), names
    probe = ("import sys, tests.recount.independent as r; from pathlib import Path; "
             f"r.recount(Path({str(DATA / 'recount-v2')!r})); "
             "assert not [m for m in sys.modules if m.startswith('phieu_desktop')]")
    subprocess.run([sys.executable, "-c", probe], cwd=ROOT, check=True)


def test_a_rewritten_log_fails_the_independent_recount():
    entries = independent.read_log(DATA / "recount-v2" / "log.jsonl")
    fix = next(e for e in entries if e["action"] == "ballot_corrected")
    fix["at"] = fix["at"][:11] + "08:00:00" + fix["at"][19:]
    with pytest.raises(independent.RecountError, match="chain"):
        independent.seal_of(entries)
    prev = independent.ZERO
    for entry in entries:  # re-chained by a forger: the chain holds, the seal in the lock entry does not
        entry["prev_hash"], entry["hash"] = prev, independent.entry_hash(prev, entry)
        prev = entry["hash"]
    with pytest.raises(independent.RecountError, match="seal"):
        independent.seal_of(entries)


def test_the_thresholds_of_the_domain_in_the_independent_recount():
    assert independent.percent(20, 30) == "66,67" and independent.band(20, 30, "qd96") == "two_thirds"
    assert independent.band(15, 30, "qd96") == "none" and independent.band(16, 30, "qd96") == "over_half"
    assert independent.percent(25, 47) == "53,19" and independent.band(25, 47, "nq96") == "over_half"
    assert independent.band(20, 30, "nq96-bpt") == "over_half" and independent.percent(1, 8) == "12,50"


def test_the_keys_added_later_are_described_for_the_independent_recount():
    """Seal version 3 leaves out keys added later at their defaults: docs/recount.md's table (copied into
    independent.py) must list exactly the program's, or an inspector cannot recompute a version 3 seal."""
    from phieu_desktop.domain import session
    from tests.recount import independent

    assert independent.SESSION_ADDED == session.SESSION_ADDED_LATER
    assert independent.PAPER_ADDED == session.PAPER_ADDED_LATER
    assert independent.PERSON_ADDED == session.PERSON_ADDED_LATER
    assert independent.MEMBER_ADDED == session.MEMBER_ADDED_LATER

"""Seal versions (domain/seal.py, docs/recount.md): every sealed fixture verifies with the fingerprint printed when
it was locked, whatever is added to the session later; version 2 changes the fingerprint on any rewrite of the log
up to the lock, version 1 does not (what `verify` says it covers)."""

from __future__ import annotations

import shutil

import pytest

from phieu_desktop.domain import session as session_module
from phieu_desktop.domain.seal import CURRENT_SEAL_VERSION, SEAL_VERSIONS
from phieu_desktop.domain.session import NewerFormat, session_from_dict, session_to_dict
from phieu_desktop.store import SessionFile
from tests.behind import rewrite_log
from tests.conftest import DATA, make_session
from tests.hostile.helpers import phieu_here

V1 = "9229-764E-FC28-5BD4-E3B9-604F"  # printed by the first programs for the contract example
V2 = "4CB5-8BAD-CA43-9AEE-F461-EDB1"  # printed when sealed-by-seal-version-2.phieu was locked (seal version 2)
V3 = "8791-D419-5630-9CC6-D13D-853B"  # printed when sealed-by-seal-version-3.phieu was locked (seal version 3)
FIXTURES = {"sealed-by-version-1.phieu": (V1, 1), "sealed-before-log-length.phieu": (V1, 1),
            "sealed-by-seal-version-2.phieu": (V2, 2), "sealed-by-seal-version-3.phieu": (V3, 3)}


def copy(tmp_path, name):
    path = tmp_path / name
    shutil.copy(DATA / name, path)
    return path


def report(path):
    with SessionFile.open(path) as file:
        return file.verify()


def test_new_locks_use_the_newest_version():
    assert CURRENT_SEAL_VERSION == max(SEAL_VERSIONS) == 3


@pytest.mark.parametrize("name", list(FIXTURES))
def test_fixtures_of_every_version_verify_with_their_fingerprints(tmp_path, name):
    fingerprint, version = FIXTURES[name]
    found = report(copy(tmp_path, name))
    assert found.ok, found.problems
    assert (found.fingerprint, found.seal_version) == (fingerprint, version)


@pytest.fixture
def supervisors_added(monkeypatch):
    """What the next issue does: a key added to the session's canonical form (with its default for older files)."""
    def grown(session):
        return {**session_to_dict(session), "supervisors": []}

    monkeypatch.setitem(session_module.SESSION_ADDED_LATER, "supervisors", [])
    for module in ("phieu_desktop.domain.session", "phieu_desktop.domain.seal", "phieu_desktop.store.integrity",
                   "phieu_desktop.store.session_file"):
        monkeypatch.setattr(f"{module}.session_to_dict", grown)


@pytest.mark.parametrize("name", list(FIXTURES))
def test_a_field_added_later_leaves_every_sealed_fixture_verifying(tmp_path, name, supervisors_added):
    fingerprint, version = FIXTURES[name]
    found = report(copy(tmp_path, name))
    assert found.ok, found.problems
    assert (found.fingerprint, found.seal_version) == (fingerprint, version)


def test_version_3_covers_a_field_added_later_once_it_has_a_value_of_its_own(monkeypatch, supervisors_added):
    """At its default the added key leaves version 3's payload as it was; with a value it is hashed."""
    from phieu_desktop.domain import seal

    session, ballots = make_session(), {"lanh-dao": [(1, "CTL")]}
    history = seal.SealHistory("0" * 64, 3, 4, "2023-09-12T10:00:00+07:00", {"seal_version": 3})
    before, before_v2 = seal.seal_digest(session, ballots, 3, history), seal.seal_digest(session, ballots, 2, history)
    assert "supervisors" not in seal.seal_payload(session, ballots, 3, history)["session"]

    def with_value(s):
        return {**session_to_dict(s), "supervisors": [{"name": "Hoàng Văn Giám"}]}

    monkeypatch.setattr("phieu_desktop.domain.seal.session_to_dict", with_value)
    assert seal.seal_payload(session, ballots, 3, history)["session"]["supervisors"] == [{"name": "Hoàng Văn Giám"}]
    assert seal.seal_digest(session, ballots, 3, history) != before
    assert seal.seal_digest(session, ballots, 2, history) == before_v2  # version 2 is frozen: it never sees it


def test_a_file_made_with_the_added_field_locks_and_verifies(tmp_path, supervisors_added):
    from phieu_desktop.store import session_file

    path = tmp_path / "moi.phieu"
    with SessionFile.create(path, make_session()) as file:
        file.add_ballots("lanh-dao", ["CTL"] * 24)
        fingerprint = file.lock()
        assert "supervisors" in file.audit_entries()[0].detail["session"]
    assert session_file.session_to_dict(make_session())["supervisors"] == []
    found = report(path)
    assert found.ok and found.fingerprint == fingerprint and found.seal_version == CURRENT_SEAL_VERSION


def test_session_from_dict_defaults_keys_added_later_and_refuses_unknown_ones(monkeypatch):
    data = session_to_dict(make_session())
    assert session_from_dict(data) == make_session()
    monkeypatch.setitem(session_module.SESSION_ADDED_LATER, "supervisors", [])
    assert session_from_dict(data) == make_session()  # a file written before the key: its default
    with pytest.raises(NewerFormat, match="timeline"):
        session_from_dict({**data, "timeline": []})
    person = {**data["ballots"][0]["persons"][0], "group": "a"}
    with pytest.raises(NewerFormat, match="group"):
        session_from_dict({**data, "ballots": [{**data["ballots"][0], "persons": [person]}]})
    with pytest.raises(KeyError):
        session_from_dict({k: v for k, v in data.items() if k != "title"})


# --- rewriting the history, as an outside auditor tried (issue 20, part 3) ---

def _erase_correction(entries):
    fix = next(e for e in entries if e["action"] == "ballot_corrected")
    added = next(e for e in entries
                 if e["action"] == "ballot_added" and e["detail"]["number"] == fix["detail"]["number"])
    added["detail"]["marks"] = fix["detail"]["marks"]
    return [e for e in entries if e is not fix]


def _erase_verification_pass(entries):
    for ruling in (e for e in entries if e["action"] == "check_ruled"):
        added = next(e for e in entries
                     if e["action"] == "ballot_added" and e["detail"]["number"] == ruling["detail"]["number"])
        added["detail"]["marks"] = ruling["detail"]["marks"]
    return [e for e in entries if e["action"] not in ("check_added", "check_ruled")]


def _edit_one_check(entries):
    """The second entry of ballot 2 (ruled in favour of the first) said something else, and so does the ruling."""
    check = next(e for e in entries if e["action"] == "check_added" and e["detail"]["number"] == 2)
    ruling = next(e for e in entries if e["action"] == "check_ruled" and e["detail"]["number"] == 2)
    check["detail"]["marks"] = ruling["detail"]["second"] = "TTT"
    return entries


def _lock_time(entries):
    lock = next(e for e in entries if e["action"] == "locked")
    lock["at"] = lock["at"][:11] + "23:59:59" + lock["at"][19:]
    return entries


def _entry_times(entries):
    for entry in entries:
        if entry["action"] in ("ballot_added", "ballot_corrected"):
            entry["at"] = entry["at"][:11] + "08:00:00" + entry["at"][19:]
    return entries


ATTACKS = {
    "a correction erased": (_erase_correction, ()),
    "the verification pass erased": (_erase_verification_pass, ("DELETE FROM checks",)),
    "one check entry edited": (_edit_one_check, ()),
    "the lock time changed": (_lock_time, ()),
    "entry times changed": (_entry_times, ()),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_rewritten_history_changes_a_version_2_fingerprint(tmp_path, attack):
    change, statements = ATTACKS[attack]
    path = copy(tmp_path, "sealed-by-seal-version-2.phieu")
    forged = rewrite_log(path, change, *statements)
    found = report(path)
    assert found.ok, found.problems  # a consistent forgery: only the fingerprint on paper can tell
    assert found.fingerprint == forged != V2


def test_the_paper_fingerprint_catches_it_on_the_command_line(tmp_path):
    path = copy(tmp_path, "sealed-by-seal-version-2.phieu")
    rewrite_log(path, _erase_correction)
    run = phieu_here("verify", path, "--expect", V2)
    assert run.returncode == 1 and "KHÔNG KHỚP" in run.stderr and V2 in run.stderr


def test_a_downgrade_to_version_1_changes_the_fingerprint_too(tmp_path):
    def as_version_1(entries):
        lock = next(e for e in entries if e["action"] == "locked")
        lock["detail"] = {k: v for k, v in lock["detail"].items() if k != "seal_version"}
        return _erase_correction(entries)

    path = copy(tmp_path, "sealed-by-seal-version-2.phieu")
    forged = rewrite_log(path, as_version_1)
    found = report(path)
    assert found.ok and found.seal_version == 1 and found.fingerprint == forged != V2


@pytest.mark.parametrize("attack", ["the lock time changed", "entry times changed"])
def test_version_1_does_not_cover_the_history_and_says_so(tmp_path, attack):
    """The limit of version 1, kept for its files: the same rewrite leaves its fingerprint as printed."""
    path = copy(tmp_path, "sealed-before-log-length.phieu")
    assert rewrite_log(path, ATTACKS[attack][0]) == V1
    run = phieu_here("verify", path, "--expect", V1)
    assert run.returncode == 0, run.stderr
    first, coverage = run.stdout.strip().splitlines()
    assert first == f"OK {V1}"
    assert coverage.startswith("Niêm phong phiên bản 1") and "không bao gồm lịch sử" in coverage


def test_a_seal_of_a_newer_version_is_named_not_guessed(tmp_path):
    path = copy(tmp_path, "sealed-by-seal-version-2.phieu")

    def newer(entries):
        lock = next(e for e in entries if e["action"] == "locked")
        lock["detail"]["seal_version"] = 4
        return entries

    rewrite_log(path, newer, reseal=False)
    assert any("phiên bản 4 do chương trình mới hơn" in p for p in report(path).problems)

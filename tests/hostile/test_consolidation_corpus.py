"""A crafted-package corpus for consolidation: each bad file is refused on its own, with its reason; the good
units beside it are consolidated and the report is written. No crafted file may end in a Python exception."""

from __future__ import annotations

import json
import random
import re
import sqlite3

import pytest

from phieu_desktop.domain.audit import entry_hash
from phieu_desktop.domain.seal import canonical_bytes
from phieu_desktop.domain.tally import result_to_json
from phieu_desktop.exchange import age
from phieu_desktop.exchange.consolidate import Consolidator
from phieu_desktop.exchange.package import build_zip
from phieu_desktop.store import SessionFile
from phieu_desktop.store.schema import SCHEMA_VERSION, expected_schema
from tests.exchange.conftest import build_unit, export_unit
from tests.hostile.helpers import phieu, record

# A reason that shows a Python exception (or the per-file last guard) means a shape was not checked first.
LEAK = re.compile(r"KeyError|IndexError|TypeError|ValueError|AttributeError|Exception|không kiểm tra được")


def rechain(conn: sqlite3.Connection) -> None:
    """Recompute every hash of the log after an edit and re-point the seal, as a forger would."""
    prev = "0" * 64
    lock_hash = None
    for seq, at, action, detail in conn.execute("SELECT seq, at, action, detail FROM audit ORDER BY seq").fetchall():
        try:
            value = json.loads(detail)
        except ValueError:
            value = detail
        digest = entry_hash(prev, seq, at, action, value)
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, digest, seq])
        if action == "locked":
            lock_hash = digest
        prev = digest
    if lock_hash:
        conn.execute("UPDATE seal SET audit_head = ?", [lock_hash])


def restore_triggers(conn: sqlite3.Connection) -> None:
    for (kind, name), sql in expected_schema(SCHEMA_VERSION).items():
        if kind == "trigger" and not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [name]).fetchone():
            try:
                conn.execute(sql)
            except sqlite3.OperationalError:  # its table was dropped on purpose
                pass


def edit_detail(action: str, change) -> callable:
    """Change the detail of the first entry of `action`, then re-chain the log (a forged but consistent chain)."""
    def apply(conn: sqlite3.Connection) -> None:
        seq, detail = conn.execute("SELECT seq, detail FROM audit WHERE action = ? ORDER BY seq LIMIT 1",
                                   [action]).fetchone()
        new = change(json.loads(detail))
        conn.execute("UPDATE audit SET detail = ? WHERE seq = ?",
                     [new if isinstance(new, str) else canonical_bytes(new).decode("utf-8"), seq])
        rechain(conn)
    return apply


def rename(key: str, to: str):
    return lambda d: {(to if k == key else k): v for k, v in d.items()}


def replace(key: str, value):
    return lambda d: {**d, key: value}


def sql(*statements: str):
    def apply(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)
    return apply


MUTATIONS = {
    "marks renamed": edit_detail("ballot_added", rename("marks", "mark")),
    "detail is a list": edit_detail("ballot_added", lambda d: []),
    "detail is a string": edit_detail("ballot_added", lambda d: '"x"'),
    "marks is a number": edit_detail("ballot_added", replace("marks", 5)),
    "number is text": edit_detail("ballot_added", replace("number", "1")),
    "number is true": edit_detail("ballot_added", replace("number", True)),
    "lock detail empty": edit_detail("locked", lambda d: {}),
    "summoned is text": edit_detail("created", lambda d: {**d, "session": {**d["session"], "summoned": "ba"}}),
    "session missing ballots": edit_detail("created", lambda d: {**d, "session": {
        k: v for k, v in d["session"].items() if k != "ballots"}}),
    "session is text": edit_detail("created", replace("session", "x")),
    "session date wrong": edit_detail("created", lambda d: {**d, "session": {**d["session"], "date": "hôm qua"}}),
    "persons not a list": edit_detail("created", lambda d: {**d, "session": {
        **d["session"], "ballots": [{**d["session"]["ballots"][0], "persons": 7}]}}),
    "lock without seal": edit_detail("locked", rename("seal", "dau")),
    "unknown action": sql("UPDATE audit SET action = 'khac' WHERE seq = 2"),
    "user_version 0": sql("PRAGMA user_version = 0"),
    "user_version 1": sql("PRAGMA user_version = 1"),
    "user_version 99": sql("PRAGMA user_version = 99"),
    "foreign application_id": sql("PRAGMA application_id = 7"),
    "extra trigger": sql("CREATE TRIGGER spy AFTER INSERT ON ballots BEGIN SELECT 1; END"),
    "same-name no-op trigger": sql(  # every trigger was dropped before the edit; the real ones come back after
        "CREATE TRIGGER ballots_update_sealed BEFORE UPDATE ON ballots BEGIN SELECT 1; END"),
    "extra table": sql("CREATE TABLE notes (x TEXT)"),
    "extra view": sql("CREATE VIEW v AS SELECT * FROM ballots"),
    "extra index": sql("CREATE INDEX i ON ballots (marks)"),
    "seal time changed": sql("UPDATE seal SET at = '2020-01-01T00:00:00+07:00'"),
    "tail of the log cut": sql("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)",
                               "DELETE FROM seal"),
    "ballot table dropped": sql("DROP TABLE checks"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, board_key):
    """Two good units (as packages) and the raw pieces of a third to craft from."""
    folder = tmp_path_factory.mktemp("corpus")
    recipient = board_key.to_public()
    good = []
    for name in ("Sở Y tế", "Sở Xây dựng"):
        path = folder / f"{name}.phieu"
        build_unit(path, name)
        good.append(export_unit(path, folder / f"{name}.phieux", recipient))
    base = folder / "base.phieu"
    build_unit(base, "Sở Công Thương")
    with SessionFile.open(base) as file:
        results, session, fingerprint = result_to_json(file.results()), file.session, file.fingerprint
    return {"folder": folder, "good": good, "base": base, "results": results, "session": session,
            "fingerprint": fingerprint, "recipient": recipient}


@pytest.fixture(scope="module")
def board_key():
    from pyrage import x25519

    return x25519.Identity.generate()


def package(corpus, session_bytes: bytes, results: dict | None = None, manifest_session=None) -> bytes:
    clear = build_zip(manifest_session or corpus["session"], corpus["fingerprint"], session_bytes,
                      corpus["results"] if results is None else results, None)
    return age.encrypt(clear, [corpus["recipient"]])


def crafted_session(corpus, mutation) -> bytes:
    copy = corpus["folder"] / "work.phieu"
    copy.unlink(missing_ok=True)
    copy.write_bytes(corpus["base"].read_bytes())
    conn = sqlite3.connect(copy)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    mutation(conn)
    restore_triggers(conn)
    conn.commit()
    conn.close()
    return copy.read_bytes()


def consolidate_three(corpus, board_key, bad: bytes) -> tuple[Consolidator, object]:
    from phieu_desktop.exchange.intake import Credentials

    consolidator = Consolidator(Credentials(identities=[board_key]))
    consolidator.add_file(corpus["good"][0])
    outcome = consolidator.add_bytes("bad.phieux", bad)
    consolidator.add_file(corpus["good"][1])
    return consolidator, outcome


def test_crafted_sessions_are_refused_one_by_one(corpus, board_key):
    wrong = []
    for name, mutation in MUTATIONS.items():
        consolidator, outcome = consolidate_three(corpus, board_key, package(corpus, crafted_session(corpus, mutation)))
        assert len(consolidator.units) == 2, name  # the good units on either side are never lost
        if not hasattr(outcome, "reason"):
            wrong.append(name)
            continue
        assert not LEAK.search(outcome.reason), (name, outcome.reason)
    record("consolidation: crafted session inside a package", len(MUTATIONS), len(wrong))
    assert not wrong, wrong


def test_forged_text_in_a_consistent_file_is_refused(corpus, board_key, monkeypatch, tmp_path):
    """An older or modified program sealed names the program now refuses. Too long: refused. Characters now
    forbidden (control, bidi, zero width): the count is accepted (issue 21, item 7), every such character shown as
    ‹U+…› in the reports and the unit flagged, never silently dropped."""
    import phieu_desktop.store.session_file as session_file
    from phieu_desktop.exchange.consolidated_report import consolidation_to_json

    names = {"bell": ("Nguyễn Văn\u0007 An", "‹U+0007›"), "nul-char": ("Trần\u0000Thị", "‹U+0000›"),
             "bidi": ("Lê \u202eThị Ưng", "‹U+202E›"), "zero-width": ("Hồ\u200b Văn Bình", "‹U+200B›"),
             "long": ("Ư" * 10_000, None)}
    wrong = []
    for label, (name, shown) in names.items():
        with monkeypatch.context() as patch:
            patch.setattr(session_file, "creation_refusal", lambda session: None)
            patch.setattr(session_file, "RULES_VERSION", 1)  # the rules it wrote under: no limit on texts yet
            patch.setattr(session_file, "lock_blockers", lambda progress: [])  # the older program's lock
            path = tmp_path / f"{label}.phieu"
            build_unit(path, f"Sở {label}", names=[name, "Đặng Quốc Kỳ", "Hồ Thị Ẩn"])
        with SessionFile.open(path) as file:
            results = result_to_json(file.results())
            session, fingerprint = file.session, file.fingerprint
        clear = build_zip(session, fingerprint, path.read_bytes(), results, None)
        consolidator, outcome = consolidate_three(corpus, board_key, age.encrypt(clear, [corpus["recipient"]]))
        if shown is None:  # too long: refused, naming it
            assert len(consolidator.units) == 2
            if not hasattr(outcome, "reason"):
                wrong.append(label)
                continue
            assert "ký tự" in outcome.reason and not LEAK.search(outcome.reason), outcome.reason
            continue
        if hasattr(outcome, "reason"):  # refused: a count sealed by an earlier program must be accepted
            wrong.append((label, outcome.reason))
            continue
        report = consolidation_to_json(consolidator.result)
        kept = consolidator  # its reports are written below
        unit = next(u for u in report["units"] if u["organization"] == f"Sở {label}")
        printed = [p["name"] for paper in unit["results"]["ballots"] for p in paper["persons"]]
        if not unit["hidden_text"] or not any(shown in n for n in printed) or any(name in n for n in printed):
            wrong.append((label, "not flagged or not visible", unit["hidden_text"], printed))
    from phieu_desktop.exchange.consolidated_xlsx import write_xlsx

    write_xlsx(kept.result, tmp_path / "tong-hop.xlsx")  # no IllegalCharacterError: the text is visible
    from phieu_desktop.exchange.consolidated_pdf import write_pdf

    write_pdf(kept.result, tmp_path / "tong-hop.pdf")
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", tmp_path / "tong-hop.pdf", "-"], capture_output=True, text=True).stdout
        assert "‹U+200B›" in text, text[:2000]
    record("consolidation: forged names in a sealed file (long refused, hidden characters shown)", len(names),
           len(wrong))
    assert not wrong, wrong


def test_broken_members_of_a_package_are_refused(corpus, board_key):
    base = corpus["base"].read_bytes()
    cases = {
        "results not a table": package(corpus, base, results=[]),
        "results persons are numbers": package(corpus, base, results={**corpus["results"], "ballots": [1, 2]}),
        "results deeply nested": package(corpus, base, results=json.loads("[" * 50 + "]" * 50)),
        "not a zip": age.encrypt(b"PK\x03\x04 not really", [corpus["recipient"]]),
        "empty": b"",
        "age header only": age.MAGIC,
        "session truncated": package(corpus, base[: len(base) // 2]),
        "session empty": package(corpus, b""),
        "session is text": package(corpus, b"SQLite format 3\x00" + b"x" * 200),
    }
    wrong = []
    for name, data in cases.items():
        consolidator, outcome = consolidate_three(corpus, board_key, data)
        assert len(consolidator.units) == 2, name
        if not hasattr(outcome, "reason"):
            wrong.append(name)
            continue
        assert not LEAK.search(outcome.reason), (name, outcome.reason)
    record("consolidation: broken package members", len(cases), len(wrong))
    assert not wrong, wrong


@pytest.mark.parametrize("where", ["session", "zip"])
def test_bit_flips_inside_a_package_never_crash(corpus, board_key, where):
    """Flips inside the decrypted content (re-encrypted to the right key, so age lets them through)."""
    rng = random.Random(f"flip-{where}")
    base = corpus["base"].read_bytes()
    clear = build_zip(corpus["session"], corpus["fingerprint"], base, corpus["results"], None)
    tries, wrong = 40, []
    for n in range(tries):
        if where == "session":
            data = bytearray(base)
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            sealed = package(corpus, bytes(data))
        else:
            data = bytearray(clear)
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            sealed = age.encrypt(bytes(data), [corpus["recipient"]])
        consolidator, outcome = consolidate_three(corpus, board_key, sealed)
        assert {u.source for u in consolidator.units} >= {p.name for p in corpus["good"]}
        if hasattr(outcome, "reason"):
            assert not LEAK.search(outcome.reason), (n, outcome.reason)
        elif result_to_json(outcome.result) != corpus["results"] or outcome.fingerprint != corpus["fingerprint"]:
            wrong.append(n)  # accepted with other figures: the flip changed the count unseen
    record(f"consolidation: bit flips in the {where}", tries, len(wrong))
    assert not wrong


def test_the_command_writes_the_report_for_the_good_files(corpus, board_key, tmp_path):
    """`phieu consolidate B bad A -o r.json`: exit 3, each refused file on its own line, the report written."""
    from phieu_desktop.exchange import age_scrypt

    key = tmp_path / "k.key"
    from phieu_desktop.exchange.keys import identity_text

    key.write_bytes(age_scrypt.encrypt(identity_text(board_key).encode("ascii"), "mat-khau-dai", work_factor=10))
    bad = []
    for name in ("marks renamed", "user_version 0", "user_version 1", "detail is a list"):
        path = tmp_path / f"{name.replace(' ', '-')}.phieux"
        path.write_bytes(package(corpus, crafted_session(corpus, MUTATIONS[name])))
        bad.append(path)
    run = phieu("consolidate", "--identity", key, corpus["good"][1], *bad, corpus["good"][0], "-o", "r.json",
                cwd=tmp_path, env={"PHIEU_PASSPHRASE": "mat-khau-dai"})
    lines = run.stderr.strip().splitlines()
    unnamed = [p.name for p in bad if not any("TỪ CHỐI" in line and p.name in line for line in lines)]
    record("consolidation: the phieu consolidate command", len(bad), len(unnamed))
    assert run.returncode == 3, run.stderr
    assert sum("TỪ CHỐI" in line for line in lines) == len(bad) and "Traceback" not in run.stderr
    assert all(any(path.name in line for line in lines) for path in bad)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(report["units"]) == 2


def test_a_folder_or_a_huge_file_named_as_a_package_is_refused(corpus, board_key, tmp_path):
    from phieu_desktop.domain import limits
    from phieu_desktop.exchange.intake import Credentials

    huge = tmp_path / "huge.phieux"
    with open(huge, "wb") as handle:
        handle.truncate(limits.MAX_PACKAGE_BYTES + 1)  # sparse: nothing is read
    (tmp_path / "folder.phieux").mkdir()
    consolidator = Consolidator(Credentials(identities=[board_key]))
    for path in (corpus["good"][0], huge, tmp_path / "folder.phieux", corpus["good"][1]):
        consolidator.add_file(path)
    reasons = {p.source: p.reason for p in consolidator.problems}
    record("consolidation: files named as packages", 2, sum(name not in reasons for name in ("huge.phieux",
                                                                                              "folder.phieux")))
    assert len(consolidator.units) == 2
    assert "giới hạn" in reasons["huge.phieux"] and "thư mục" in reasons["folder.phieux"]

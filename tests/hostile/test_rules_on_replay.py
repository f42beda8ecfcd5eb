"""Files that break the store's rules but whose log, tables and seal agree: a modified program wrote and sealed
them (the store's rules switched off), so chain and seal match. Replaying the log applies every rule again:
`verify`, `results`, `print`, `export` and consolidation refuse each one, naming the entry and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

import phieu_desktop.store.session_file as session_file
from phieu_desktop.domain.session import BallotPaper, CommitteeMember, person_from_values
from phieu_desktop.domain.tally import result_to_json, tally
from phieu_desktop.exchange import age
from phieu_desktop.exchange.package import build_zip
from phieu_desktop.store import SessionFile
from tests.behind import rewrite_log
from tests.conftest import make_session
from tests.hostile.helpers import assert_refused, phieu_here, record

NAMES = ["Nguyễn Văn An", "Trần Thị Hường", "Đặng Quốc Kỳ"]


def _paper(issued=None, returned=None) -> BallotPaper:
    people = tuple(person_from_values(name, "Phó Giám đốc") for name in NAMES)
    return BallotPaper("lanh-dao", "Lãnh đạo Sở", "Toàn thể công chức", people, issued, returned)


def forge(path: Path, monkeypatch, session, steps, *switched_off: str) -> None:
    """Write and lock a session with the named rules of the store switched off, as a modified program would."""
    with monkeypatch.context() as patch:
        for name in switched_off:
            patch.setattr(session_file, name, lambda *args, **kwargs: None)
        patch.setattr(session_file, "lock_blockers", lambda progress: [])
        patch.setattr(session_file, "integrity_problems", lambda db: [])  # nor does it replay what it wrote
        with SessionFile.create(path, session) as file:
            steps(file)
            file.lock()


def too_many_ballots(path: Path, monkeypatch) -> None:
    """98 ballots entered of 38 returned: printed as "Tín nhiệm thấp 72 (189,47%)"."""
    session = make_session(summoned=40, present=38, present_at_vote=38, papers=(_paper(38, 38),))
    forge(path, monkeypatch, session, lambda f: f.add_ballots("lanh-dao", ["LLL"] * 72 + ["CCC"] * 26),
          "entry_refusal")


def one_present(path: Path, monkeypatch) -> None:
    """1 present of 40 summoned, yet 5 ballots issued, returned and counted."""
    session = make_session(summoned=40, present=None, present_at_vote=None, papers=(_paper(),))

    def steps(file):
        file.record_attendance(1, 1)
        file.record_counts("lanh-dao", 5, 5)
        file.add_ballots("lanh-dao", ["TTT"] * 5)
    forge(path, monkeypatch, session, steps, "attendance_refusal", "counts_refusal", "entry_refusal")


def below_quorum(path: Path, monkeypatch) -> None:
    """1 present of 40, one ballot: attendance and counts hold together; voting below the quorum does not."""
    session = make_session(summoned=40, present=None, present_at_vote=None, papers=(_paper(),))

    def steps(file):
        file.record_attendance(1, 1)
        file.record_counts("lanh-dao", 1, 1)
        file.add_ballots("lanh-dao", ["LLL"])
    forge(path, monkeypatch, session, steps, "entry_refusal")


def locked_short(path: Path, monkeypatch) -> None:
    """Every entry by the rules but the lock: 37 ballots entered of 38 returned."""
    session = make_session(summoned=40, present=38, present_at_vote=38, papers=(_paper(38, 38),))
    forge(path, monkeypatch, session, lambda f: f.add_ballots("lanh-dao", ["CCC"] * 37))


def no_head(path: Path, monkeypatch) -> None:
    """A committee of one Ủy viên and one Thư ký: the minutes would print an empty TRƯỞNG BAN signature."""
    committee = (CommitteeMember("Lò Văn Sơn", "Ủy viên"), CommitteeMember("Lê Thị Ưng", "Thư ký"))
    session = make_session(committee=committee)
    forge(path, monkeypatch, session, lambda f: f.add_ballots("lanh-dao", ["CCC"] * 24), "creation_refusal")


# (build, words the one-line refusal must hold: the entry and the rule)
FORGED = {
    "98 of 38 returned": (too_many_ballots, ("mục số", "ballot_added", "trái quy tắc", "vượt số phiếu thu về")),
    "1 present of 40, 5 issued": (one_present, ("counts", "trái quy tắc", "lớn hơn số người có mặt khi bỏ phiếu")),
    "1 present of 40, voted": (below_quorum, ("ballot_added", "trái quy tắc", "2/3", "không được bỏ phiếu")),
    "locked 37 of 38": (locked_short, ("locked", "trái quy tắc", "đã nhập 37 phiếu, số phiếu thu về là 38")),
    "no Trưởng ban": (no_head, ("mục số 1", "trái quy tắc", "đúng một Trưởng ban")),
}


@pytest.fixture(scope="module")
def board():
    from pyrage import x25519

    return x25519.Identity.generate()


@pytest.mark.parametrize("name", list(FORGED))
def test_verify_results_print_export_refuse_a_forged_file(tmp_path, monkeypatch, board, name):
    build, words = FORGED[name]
    path = tmp_path / "gia.phieu"
    build(path, monkeypatch)
    wrong = 0
    for args in (("verify", path), ("results", path), ("results", path, "--json"),
                 ("print", "minutes", path, "-o", tmp_path / "bien-ban.pdf"),
                 ("print", "report", path, "-o", tmp_path / "bao-cao.pdf"),
                 ("export-xlsx", path, "-o", tmp_path / "ket-qua.xlsx"),
                 ("export", path, "--to", str(board.to_public()), "-o", tmp_path / "gui.phieux")):
        run = phieu_here(*args)
        wrong += run.returncode == 0
        assert_refused(run, *words)
    assert not [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx", ".phieux")]
    record("rules on replay: verify, results, print, export", 7, wrong)


@pytest.mark.parametrize("name", list(FORGED))
def test_consolidation_refuses_a_forged_file(tmp_path, monkeypatch, board, name):
    from phieu_desktop.exchange.consolidate import Consolidator
    from phieu_desktop.exchange.intake import Credentials
    from tests.exchange.conftest import build_unit, export_unit

    build, words = FORGED[name]
    path = tmp_path / "gia.phieu"
    build(path, monkeypatch)
    with monkeypatch.context() as patch:  # packaged as the modified program did, with its own results
        patch.setattr(SessionFile, "verify", lambda self: session_file.VerifyReport(locked=True))
        with SessionFile.open(path) as file:
            marks = {key: [m for _n, m in rows] for key, rows in file.all_ballots().items()}
            results = result_to_json(tally(file.session, marks, locked=True, fingerprint=file.fingerprint))
            clear = build_zip(file.session, file.fingerprint, path.read_bytes(), results, None)
    good = tmp_path / "good.phieu"
    build_unit(good, "Sở Y tế")
    consolidator = Consolidator(Credentials(identities=[board]))
    consolidator.add_file(export_unit(good, tmp_path / "good.phieux", board.to_public()))
    outcome = consolidator.add_bytes("gia.phieux", age.encrypt(clear, [board.to_public()]))
    assert len(consolidator.units) == 1  # the good unit stays; the forged one is refused on its own
    record("rules on replay: consolidation", 1, int(not hasattr(outcome, "reason")))
    assert hasattr(outcome, "reason"), outcome
    for word in words:
        assert word in outcome.reason, (word, outcome.reason)


def test_an_old_file_without_a_head_still_verifies(tmp_path, monkeypatch):
    """A file created before the head rule (no "rules" in its first entry) and locked then: it verifies, and
    prints with its fingerprint; the rule holds only for what is written from now on."""
    path = tmp_path / "cu.phieu"
    no_head(path, monkeypatch)

    def before_the_rule(entries: list[dict]) -> list[dict]:
        del entries[0]["detail"]["rules"]
        return entries

    # the log rewritten and re-sealed as that older program would have written it (a version-2 seal covers the
    # first entry, so the fingerprint is the rewritten file's own)
    fingerprint = rewrite_log(path, before_the_rule)
    with SessionFile.open(path) as file:
        assert file.fingerprint == fingerprint
    run = phieu_here("verify", path, "--expect", fingerprint)
    assert run.returncode == 0 and fingerprint in run.stdout, run.stderr


def test_new_refuses_a_committee_without_its_head(tmp_path):
    """`phieu new` from a SPEC.toml whose committee is one Ủy viên and one Thư ký."""
    from tests.conftest import DATA

    spec = (DATA / "contract-spec.toml").read_text(encoding="utf-8").replace('role = "Trưởng ban"', 'role = "Thư ký"')
    (tmp_path / "SPEC.toml").write_text(spec, encoding="utf-8")
    run = phieu_here("new", "--spec", tmp_path / "SPEC.toml", tmp_path / "phien.phieu")
    record("new (committee without its head)", 1, int(run.returncode == 0))
    assert_refused(run, "đúng một Trưởng ban", "hiện có 0")
    assert not (tmp_path / "phien.phieu").exists()


def test_marks_longer_than_the_paper_in_a_resealed_file_are_refused_never_a_crash(tmp_path, board):
    """A forger lengthens every ballot's marks in the log and the table and re-seals: one Vietnamese line (replay),
    and the count itself refuses such marks rather than failing with IndexError (issue 21, item 8)."""
    from tests.behind import rewrite_log
    from tests.exchange.conftest import build_unit

    path = tmp_path / "dai.phieu"
    build_unit(path, "Sở Y tế tỉnh Hà Giang")

    def longer(entries):
        for entry in entries:
            if entry["action"] == "ballot_added":
                entry["detail"]["marks"] += "CC"
        return entries

    rewrite_log(path, longer, "UPDATE ballots SET marks = marks || 'CC'")
    runs = [phieu_here("results", path), phieu_here("print", "minutes", path, "-o", tmp_path / "bb.pdf"),
            phieu_here("export", path, "--to", str(board.to_public()), "-o", tmp_path / "goi.phieux")]
    session = make_session(papers=(_paper(),))
    try:
        tally(session, {"lanh-dao": ["CCCCC"]})
        direct = "accepted"
    except IndexError:
        direct = "IndexError"
    except Exception as err:  # noqa: BLE001
        direct = "refused" if "có 5 mã" in str(err) else type(err).__name__
    wrong = sum(r.returncode != 1 or "lỗi không mong đợi" in r.stderr for r in runs) + (direct != "refused")
    record("re-sealed file (marks longer than the paper)", len(runs) + 1, wrong)
    for run in runs:
        assert_refused(run, "có 5 mã")
    assert direct == "refused", direct

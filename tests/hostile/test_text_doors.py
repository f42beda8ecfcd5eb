"""Hostile text and sizes at every door that takes them: SPEC.toml (`phieu new`), the Prepare wizard (the same
rules, without Qt), reasons (`correct`, `remove`, `rule`), the person import, and a file an older program wrote
(`lock`). Each refusal: exit 1, one Vietnamese line naming the field; nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phieu_desktop.domain import limits
from phieu_desktop.domain.prepare import Page, PrepareFlow
from phieu_desktop.store import SessionFile
from tests.conftest import DATA, make_session
from tests.hostile.helpers import FORBIDDEN, assert_refused, phieu_here, record, toml_string

CONTRACT = (DATA / "contract-spec.toml").read_text(encoding="utf-8")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# (TOML line to replace, the field's name as the message must give it, its length limit)
TEXT_FIELDS = [
    ('organization = "Ban Quản lý dự án tỉnh (ví dụ)"', "organization", limits.MAX_TEXT),
    ('parent = "UBND TỈNH (VÍ DỤ)"', "parent", limits.MAX_TEXT),
    ('title = "Hội nghị lấy phiếu tín nhiệm (ví dụ)"', "title", limits.MAX_TEXT),
    ('place = "Thành phố ví dụ"', "place", limits.MAX_TEXT),
    ('name = "Phạm Văn Tâm"', "committee[1].name", limits.MAX_NAME),
    ('role = "Ủy viên"', "committee[2].role", limits.MAX_TEXT),
    ('title = "Lãnh đạo Ban"', "ballots[1].title", limits.MAX_TEXT),
    ('voters = "Toàn thể công chức, viên chức"', "ballots[1].voters", limits.MAX_TEXT),
    ('name = "Hà Minh Đức"', "ballots[1].persons[1].name", limits.MAX_NAME),
    ('position = "Phó Giám đốc Ban"', "ballots[1].persons[2].position", limits.MAX_POSITION),
]
COUNT_FIELDS = [("summoned = 20", "summoned"), ("present = 18", "present"), ("issued = 18", "issued"),
                ("returned = 18", "returned")]


def hostile_text(draw, limit: int) -> str:
    kind = draw(st.sampled_from(["control", "long"]))
    # every door folds runs of white space before it measures: a "long" text must still be long once folded
    base = " ".join(draw(st.text(alphabet="Nguyễn Thị Hường ĐặngQuốcKỳ", min_size=1, max_size=30)).split()) or "An"
    if kind == "control":
        bad = draw(st.sampled_from(FORBIDDEN))
        at = draw(st.integers(0, len(base)))
        return base[:at] + bad + base[at:]
    return (base + " ") * (limit // (len(base) + 1)) + "x" * draw(st.integers(min_value=1, max_value=50)) + base


@st.composite
def hostile_spec(draw) -> tuple[str, str]:
    """The contract spec with one field made hostile; returns (spec text, what the message must name)."""
    kind = draw(st.sampled_from(["text", "count", "list"]))
    if kind == "text":
        line, name, limit = draw(st.sampled_from(TEXT_FIELDS))
        value = hostile_text(draw, limit)
        key = line.split(" = ")[0]
        return CONTRACT.replace(line, f"{key} = {toml_string(value)}", 1), name.rsplit(".", 1)[-1]
    if kind == "count":
        line, name = draw(st.sampled_from(COUNT_FIELDS))
        value = draw(st.one_of(st.integers(min_value=limits.MAX_PEOPLE + 1, max_value=10 ** 30),
                               st.just(99999999999999999999), st.integers(max_value=-1, min_value=-10 ** 20)))
        return CONTRACT.replace(line, f"{line.split(' = ')[0]} = {value}", 1), name
    many = limits.MAX_PERSONS + draw(st.integers(1, 20))
    persons = "".join(f'\n[[ballots.persons]]\nname = "Người {i}"\n' for i in range(many))
    return CONTRACT + persons, "persons"


@SETTINGS
@given(case=hostile_spec())
def test_hostile_specs_are_refused_naming_the_field(tmp_path_factory, case):
    folder = tmp_path_factory.mktemp("spec")
    text, field = case
    (folder / "spec.toml").write_text(text, encoding="utf-8")
    run = phieu_here("new", folder / "a.phieu", "--spec", folder / "spec.toml")
    wrong = int(run.returncode == 0)
    record("new (SPEC.toml)", 1, wrong)
    assert_refused(run, field)
    assert not (folder / "a.phieu").exists() and not any(p.name.endswith(".tmp") for p in folder.iterdir())


BROKEN_SPECS = {
    "TOML syntax": ("summoned = \n", "dòng"),
    "not UTF-8": (b"\xff\xfe r e g i m e", "UTF-8"),
    "BOM then invalid UTF-8": (b"\xef\xbb\xbfregime = \"qd96\"\n\xc3\x28", "UTF-8"),
    "bare string value": ("regime = qd96\n", "dòng 1"),
    "nested too deep": ("a = " + "[" * 5000 + "]" * 5000 + "\n", "TOML"),
    "unknown field": (CONTRACT + "\nsumoned = 3\n", "sumoned"),
    "date as text": (CONTRACT.replace("date = 2023-10-05", 'date = "hôm nay"'), "date"),
    "summoned as float": (CONTRACT.replace("summoned = 20", "summoned = 2e1"), "summoned"),
    "persons as a number": (CONTRACT.split("[[ballots.persons]]")[0] + "persons = 3\n", "persons"),
    "duplicate field": ("summoned = 3\n" + CONTRACT, "hai lần"),
}


@pytest.mark.parametrize("name", list(BROKEN_SPECS))
def test_broken_spec_files_get_one_vietnamese_line(tmp_path, name):
    content, word = BROKEN_SPECS[name]
    spec = tmp_path / "spec.toml"
    spec.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    run = phieu_here("new", tmp_path / "a.phieu", "--spec", spec)
    record("new (SPEC.toml)", 1, int(run.returncode == 0))
    assert_refused(run, word)
    assert not (tmp_path / "a.phieu").exists()


def test_spec_folder_and_huge_spec(tmp_path):
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as handle:
        handle.truncate(limits.MAX_SPEC_BYTES + 1)
    doors = ((tmp_path, "thư mục"), (huge, "giới hạn"), (tmp_path / "missing.toml", "Không tìm thấy"))
    runs = [(word, phieu_here("new", tmp_path / "a.phieu", "--spec", spec)) for spec, word in doors]
    record("new (SPEC.toml)", len(runs), sum(run.returncode == 0 for _word, run in runs))
    for word, run in runs:
        assert_refused(run, word)


@SETTINGS
@given(bad=st.sampled_from(FORBIDDEN), where=st.sampled_from(["name", "position"]))
def test_the_wizard_refuses_the_same_text_with_the_same_message(bad, where):
    flow = PrepareFlow(make_session())
    flow.add_person(0, "Nguyễn Văn" + (bad if where == "name" else "") + " An",
                    "Phó" + (bad if where == "position" else "") + " Giám đốc")
    problems = flow.problems(Page.PAPERS)
    record("wizard (persons, same rules)", 1, int(not problems))
    label = "họ và tên" if where == "name" else "chức vụ"
    assert any(label in p and f"U+{ord(bad):04X}" in p for p in problems), problems
    with pytest.raises(ValueError):
        flow.result()


def test_the_wizard_refuses_too_many_persons_and_long_names():
    flow = PrepareFlow(make_session())
    flow.add_person(0, "Ư" * (limits.MAX_NAME + 1))
    for i in range(limits.MAX_PERSONS):
        flow.add_person(0, f"Người thứ {i}")
    problems = flow.problems(Page.PAPERS)
    too_many = any(str(limits.MAX_NAME) in p for p in problems) and any(str(limits.MAX_PERSONS) in p for p in problems)
    flow = PrepareFlow(make_session())
    flow.set_details(organization="Sở\u202e Tài chính")
    hidden = any("organization" in p for p in flow.problems(Page.HEADER))
    record("wizard (persons, same rules)", 2, int(not too_many) + int(not hidden))
    assert too_many and hidden, problems


@pytest.fixture
def unlocked(tmp_path) -> Path:
    path = tmp_path / "a.phieu"
    with SessionFile.create(path, make_session()) as file:
        file.add_ballots("lanh-dao", ["CTL", "CCT"])
        file.add_checks("lanh-dao", ["CTL", "CCL"])
    return path


@pytest.mark.parametrize("reason", ["Đọc\u0007 lại", "\u202eĐọc lại", "x" * (limits.MAX_REASON + 1), "\u0000"])
def test_reasons_are_checked_like_every_other_text(unlocked, reason):
    before = unlocked.read_bytes()
    runs = [phieu_here("correct", unlocked, "--ballot", "lanh-dao", "--number", 1, "--marks", "CCC",
                       "--reason", reason),
            phieu_here("remove", unlocked, "--ballot", "lanh-dao", "--number", 1, "--reason", reason),
            phieu_here("rule", unlocked, "--ballot", "lanh-dao", "--number", 2, "--choice", "first",
                       "--reason", reason)]
    record("correct / remove / rule (reason)", len(runs), sum(r.returncode == 0 for r in runs))
    for run in runs:
        assert_refused(run, "Lý do")
    assert unlocked.read_bytes() == before


@pytest.mark.parametrize("number", [99999999999999999999, -1, 0, 2 ** 63])
def test_ballot_numbers_beyond_sqlite_are_not_found(unlocked, number):
    run = phieu_here("correct", unlocked, "--ballot", "lanh-dao", "--number", number, "--marks", "CCC",
                     "--reason", "Đọc lại")
    record("correct / remove / rule (reason)", 1, int(run.returncode == 0))
    assert_refused(run, "Không có phiếu số")


@pytest.mark.parametrize("name", ["Nguyễn\u0007 Văn An", "Trần \u202eThị", "Ư" * 10_000])
def test_a_file_an_older_program_wrote_is_not_locked_with_such_text(tmp_path, monkeypatch, name):
    """`lock`: the program of before this check accepted these names; it no longer seals them."""
    import phieu_desktop.store.session_file as session_file
    from phieu_desktop.domain.session import BallotPaper, person_from_values

    path = tmp_path / "cu.phieu"
    paper = BallotPaper("lanh-dao", "Lãnh đạo", "", (person_from_values(name, "Giám đốc"),), 24, 24)
    with monkeypatch.context() as patch:
        patch.setattr(session_file, "creation_refusal", lambda session: None)
        patch.setattr(session_file, "RULES_VERSION", 1)  # the rules it wrote under: no limit on texts yet
        with SessionFile.create(path, make_session(papers=(paper,))) as file:
            file.add_ballots("lanh-dao", ["C"] * 24)
    run = phieu_here("lock", path)
    record("lock (text written by an older program)", 1, int(run.returncode == 0))
    line = assert_refused(run, "họ và tên")
    assert re.search(r"U\+|giới hạn", line)
    with SessionFile.open(path) as file:
        assert not file.locked


@pytest.mark.parametrize("args", [
    ("attendance", "--present", 99999999999999999999, "--present-at-vote", 1),
    ("attendance", "--present", 20, "--present-at-vote", -99999999999999999999),
    ("counts", "--ballot", "lanh-dao", "--issued", 99999999999999999999, "--returned", 1),
    ("counts", "--ballot", "lanh-dao", "--issued", 24, "--returned", 2 ** 70),
], ids=["present", "at-vote", "issued", "returned"])
def test_numbers_beyond_any_session_on_the_command_line(unlocked, args):
    before = unlocked.read_bytes()
    run = phieu_here(args[0], unlocked, *args[1:])
    record("attendance / counts (numbers)", 1, int(run.returncode == 0))
    assert_refused(run)
    assert unlocked.read_bytes() == before

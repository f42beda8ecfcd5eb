"""`phieu print …` and `phieu export-xlsx`: files written once, refusals on one line, the audit note."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from phieu_desktop.cli import main
from phieu_desktop.demo import create_demo
from phieu_desktop.store import SessionFile
from tests.conftest import make_session


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.phieu"
    create_demo(path)
    return path


@pytest.mark.parametrize("document", ["ballots", "minutes", "report", "log", "dossier"])
def test_print_each_document(demo: Path, tmp_path: Path, capsys, document: str):
    out = tmp_path / f"{document}.pdf"
    assert main(["print", document, str(demo), "-o", str(out)]) == 0
    pages = len(PdfReader(str(out)).pages)
    assert f"({pages} trang)" in capsys.readouterr().out
    with SessionFile.open(demo) as file:
        note = file.audit_entries()[-1]
    assert note.action == "note" and note.detail["what"] == "printed"
    assert note.detail["document"] == document and note.detail["pages"] == pages


def test_print_ballots_one_paper_with_copies(demo: Path, tmp_path: Path):
    out = tmp_path / "phieu.pdf"
    assert main(["print", "ballots", str(demo), "-o", str(out), "--ballot", "truong-phong", "--copies", "5"]) == 0
    assert len(PdfReader(str(out)).pages) == 5


def test_export_xlsx(demo: Path, tmp_path: Path):
    out = tmp_path / "ket-qua.xlsx"
    assert main(["export-xlsx", str(demo), "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_refusals_write_nothing(demo: Path, tmp_path: Path, capsys):
    existing = tmp_path / "co-roi.pdf"
    existing.write_bytes(b"old")
    assert main(["print", "minutes", str(demo), "-o", str(existing)]) == 1
    assert existing.read_bytes() == b"old"
    assert main(["print", "ballots", str(demo), "-o", str(tmp_path / "a.pdf"), "--ballot", "khong-co"]) == 1
    assert main(["print", "report", str(demo), "-o", str(tmp_path / "b.pdf"), "--copies", "2"]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("phieu: ") for line in errors)
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "b.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_minutes_of_an_unlocked_count_refused_draft_allowed(tmp_path: Path, capsys):
    path = tmp_path / "mo.phieu"
    SessionFile.create(path, make_session()).close()
    out = tmp_path / "bien-ban.pdf"
    assert main(["print", "minutes", str(path), "-o", str(out)]) == 1
    assert "Chưa khóa kết quả" in capsys.readouterr().err
    assert not out.exists()
    assert main(["print", "minutes", str(path), "-o", str(out), "--draft"]) == 0
    assert out.exists()


@pytest.mark.parametrize("document", ["ballots", "minutes", "log"])
def test_a_file_changed_behind_the_programs_back_prints_nothing(demo: Path, tmp_path: Path, capsys, document: str):
    import sqlite3

    conn = sqlite3.connect(demo)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE ballots SET marks = replace(marks, 'L', 'C') WHERE number = 1")
    conn.commit()
    conn.close()
    out = tmp_path / "x.pdf"
    assert main(["print", document, str(demo), "-o", str(out)]) == 1
    assert "thay đổi ngoài chương trình" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("document", ["minutes", "report"])
def test_fractions_under_each_percentage_when_asked(demo: Path, tmp_path: Path, document: str):
    with SessionFile.open(demo) as file:
        result = file.results()
    shares = [(person.counts[key], paper.denominator, person.percent(key))
              for paper in result.papers for person in paper.persons for key in person.counts]
    plain, exact = tmp_path / f"{document}.pdf", tmp_path / f"{document}-phan-so.pdf"
    assert main(["print", document, str(demo), "-o", str(plain)]) == 0
    assert main(["print", document, str(demo), "-o", str(exact), "--fractions"]) == 0
    plain_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(plain)).pages)
    exact_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(exact)).pages)
    for count, denominator, percent in shares:
        assert f"{percent} {count}/{denominator}" in exact_text, (count, denominator)
    assert not any(f" {count}/{denominator} " in plain_text for count, denominator, _p in shares)
    with SessionFile.open(demo) as file:
        assert file.audit_entries()[-1].detail["fractions"] is True


def test_fractions_only_for_minutes_and_report(demo: Path, tmp_path: Path, capsys):
    assert main(["print", "log", str(demo), "-o", str(tmp_path / "log.pdf"), "--fractions"]) != 0
    assert "--fractions chỉ dùng cho biên bản và báo cáo" in capsys.readouterr().err
    assert not (tmp_path / "log.pdf").exists()


def test_results_text_with_fractions(demo: Path, capsys):
    assert main(["results", str(demo), "--fractions"]) == 0
    text = capsys.readouterr().out
    with SessionFile.open(demo) as file:
        person = file.results().papers[0].persons[0]
    low = file.session.regime.adverse
    assert (f"{low.label} {person.counts[low.key]} ({person.percent(low.key)}% = "
            f"{person.counts[low.key]}/{person.denominator})") in text
    assert main(["results", str(demo)]) == 0
    assert f"/{person.denominator})" not in capsys.readouterr().out

"""Fixtures for the document tests: locked and unlocked session files of any size."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from phieu_desktop.store import SessionFile
from tests.conftest import make_session


def fill(file: SessionFile, seed: int = 7) -> None:
    """Enter every returned ballot with plausible marks (a few invalid rows and one foreign ballot)."""
    rng = random.Random(seed)
    codes = "".join(level.code * weight for level, weight in zip(file.session.regime.levels, (3, 2, 1))) + "0"
    for paper in file.session.papers:
        ballots = []
        for number in range(paper.returned):
            if number == 3:
                ballots.append("-")
                continue
            ballots.append("".join(rng.choice(codes) for _ in paper.persons))
        file.add_ballots(paper.key, ballots)


@pytest.fixture
def make_file(tmp_path: Path):
    """make_file(persons=N, locked=True, **session changes) -> an open SessionFile, closed after the test."""
    opened: list[SessionFile] = []

    def factory(persons: int = 3, locked: bool = True, name: str | None = None, **changes) -> SessionFile:
        path = tmp_path / (name or f"phien-{persons}-{len(opened)}.phieu")
        file = SessionFile.create(path, make_session(persons=persons, **changes))
        opened.append(file)
        fill(file)
        if locked:
            file.lock()
        return file

    yield factory
    for file in opened:
        file.close()


def pdf_pages(path: Path) -> list[str]:
    """The extracted text of every page, whitespace collapsed (a name may wrap inside its table cell)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]


def render_png(pdf: Path, out_dir: Path, resolution: int = 40) -> list[Path]:
    """Render every page with pdftoppm; a drawing error in the PDF fails here."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm absent: install poppler-utils (CI installs it in .ci/run)")
    out_dir.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(out_dir / "p")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Error" not in run.stderr, run.stderr
    return sorted(out_dir.glob("p-*.png"))

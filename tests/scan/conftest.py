"""Fixtures for the scanning tests: a session, its scannable template, a few marked and scanned sheets."""

from __future__ import annotations

from pathlib import Path

import pytest

from phieu_desktop.scanning import paper_template
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.scan.corpus import make_samples


@pytest.fixture
def scan_session(tmp_path: Path):
    """scan_session(persons=6, name=...) -> (open SessionFile, its PaperTemplate)."""
    opened = []

    def factory(persons: int = 6, name: str = "phien.phieu", **changes):
        file = SessionFile.create(tmp_path / name, make_session(persons=persons, **changes))
        opened.append(file)
        return file, paper_template(file, "lanh-dao")

    yield factory
    for file in opened:
        file.close()


def write_samples(folder: Path, samples) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, sample in enumerate(samples):
        path = folder / f"trang-{index + 1:03}{sample.suffix}"
        path.write_bytes(sample.image)
        paths.append(path)
    return paths


__all__ = ["make_samples", "write_samples"]

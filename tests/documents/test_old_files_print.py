"""Every sealed file of an earlier version (tests/data/sealed-*) still prints every document, on as many pages as
the program printed before the page-break and ballot changes of issue 24 items 14-15, and the pages pass the
layout checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phieu_desktop.documents.printing import document_bytes
from phieu_desktop.store import SessionFile
from tests.documents import layout

DATA = Path(__file__).resolve().parents[1] / "data"
# pages per document (ballots: one copy), as printed by the program of 2026-12-06 (main at 3e20bfe)
PAGES = {
    "sealed-by-version-1.phieu": {"ballots": 1, "minutes": 9, "report": 2, "log": 2, "dossier": 6},
    "sealed-before-log-length.phieu": {"ballots": 1, "minutes": 9, "report": 2, "log": 2, "dossier": 6},
    "sealed-by-seal-version-2.phieu": {"ballots": 1, "minutes": 9, "report": 2, "log": 3, "dossier": 9},
    "sealed-by-seal-version-3.phieu": {"ballots": 1, "minutes": 9, "report": 2, "log": 2, "dossier": 12},
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_sealed_files_of_earlier_versions_still_print(tmp_path, name):
    layout.need_poppler()
    path = tmp_path / name
    shutil.copy(DATA / name, path)
    with SessionFile.open(path) as file:
        for kind, expected in PAGES[name].items():
            data, _pages = document_bytes(file, kind, **({"copies": 1} if kind == "ballots" else {}))
            out = tmp_path / f"{kind}.pdf"
            out.write_bytes(data)
            pages = layout.read(out)
            assert len(pages) == expected, (kind, len(pages))
            problems = {"edges": layout.edges(pages), "overlaps": layout.overlaps(pages),
                        "conclusion": layout.conclusion_alone(pages), "bands": layout.band_list_split(pages)}
            assert not {k: v for k, v in problems.items() if v}, (kind, problems)
        assert document_bytes(file, "xlsx")[0].startswith(b"PK")

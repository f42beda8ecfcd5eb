"""The session code printed on ballots: random for every new session, unchanged for the files already made."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from phieu_desktop.documents.session_code import session_code
from phieu_desktop.scan.reading import SheetMismatch, read_sheet
from phieu_desktop.scanning import paper_template
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.scan.corpus import make_samples

DATA = Path(__file__).parents[1] / "data"


def test_two_sessions_from_the_same_spec_in_the_same_second_have_two_codes(tmp_path, monkeypatch):
    """Issue 27, item 3: the code was a hash of the first log entry, whose time has one-second resolution."""
    monkeypatch.setattr("phieu_desktop.store.rows.now", lambda: "2026-12-06T23:00:00+07:00")
    session = make_session(persons=4)
    with SessionFile.create(tmp_path / "a.phieu", session) as first, \
            SessionFile.create(tmp_path / "b.phieu", session) as second:
        assert first.audit_entries()[0].at == second.audit_entries()[0].at
        assert session_code(first) != session_code(second)
        ours, theirs = paper_template(first, "lanh-dao"), paper_template(second, "lanh-dao")
        [sample] = make_samples(theirs.blank_pdf, theirs.sheets, theirs.levels, theirs.width, "200dpi", 1, 1)
        with pytest.raises(SheetMismatch):  # a sheet of one is never read as the other's
            read_sheet(Image.open(BytesIO(sample.image)), ours)
        for file in (first, second):
            assert file.verify().ok
            assert len(file.audit_entries()[0].detail["nonce"]) == 32


@pytest.mark.parametrize(("name", "code"), [("sealed-by-version-1.phieu", "2FB5-BC4B"),
                                            ("sealed-by-seal-version-3.phieu", "ECAE-CE9B")])
def test_files_already_made_keep_their_code(tmp_path, name, code):
    shutil.copy(DATA / name, tmp_path / name)
    with SessionFile.open(tmp_path / name) as file:
        assert session_code(file) == code
        assert "nonce" not in file.audit_entries()[0].detail

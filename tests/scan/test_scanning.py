"""The layer joining a scanned stack to a session file: one provenance record, rows changed counted after the
marks are normalised, images on disk before the ballot is acknowledged."""

from __future__ import annotations

import json
import os

from phieu_desktop.domain import audit
from phieu_desktop.scan.sources import pages
from phieu_desktop.scan.stack import read_stack
from phieu_desktop.scanning import enter_confirmed, enter_readings, images_folder, keep_image, readings_to_json
from tests.scan.conftest import write_samples
from tests.scan.corpus import make_samples


def _stack(scan_session, tmp_path, ballots=2):
    file, template = scan_session(persons=6)
    samples = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "300dpi", ballots, 8)
    stack = read_stack(pages(write_samples(tmp_path / "quet", samples)), template)
    return file, template, stack


def test_rows_changed_are_counted_after_the_marks_are_normalised(scan_session, tmp_path):
    """`c t l` typed for `CTL` changes no row (the audit log named the wrong rows: spaces shift the columns)."""
    file, template, stack = _stack(scan_session, tmp_path)
    for ballot in stack.ballots:
        for sheet in ballot.sheets:
            keep_image(file, sheet.page)
    data = json.loads(json.dumps(readings_to_json(template, stack.ballots)))
    for ballot in data["ballots"]:
        ballot["marks"] = " ".join(ballot["read"].lower())
        ballot["confirmed"] = True
    last = data["ballots"][-1]
    last["marks"] = ("0" if last["read"][0] != "0" else template.levels[0]).lower() + " " + " ".join(
        last["read"][1:].lower())
    enter_readings(file, "lanh-dao", data)
    added = [e.detail for e in file.audit_entries() if e.action == audit.BALLOT_ADDED]
    assert [d["source"]["changed"] for d in added] == [[]] * (len(added) - 1) + [[1]]
    assert [d["marks"] for d in added][:-1] == [b["read"] for b in data["ballots"]][:-1]


def test_the_window_path_records_the_same_provenance(scan_session, tmp_path):
    file, _template, stack = _stack(scan_session, tmp_path, 1)
    [ballot] = stack.ballots
    images = [keep_image(file, sheet.page) for sheet in ballot.sheets]
    enter_confirmed(file, "lanh-dao", " ".join(ballot.marks.lower()), images, ballot.marks)
    [detail] = [e.detail for e in file.audit_entries() if e.action == audit.BALLOT_ADDED]
    assert detail["source"] == {"read_by": "scanner", "confirmed": True, "images": images, "read": ballot.marks,
                                "changed": []}


def test_an_image_is_on_disk_before_it_is_named(scan_session, tmp_path, monkeypatch):
    file, _template, stack = _stack(scan_session, tmp_path, 1)
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    page = stack.ballots[0].sheets[0].page
    digest = keep_image(file, page)
    assert len(synced) >= 1
    kept = images_folder(file) / f"{digest}{page.suffix}"
    assert kept.read_bytes() == page.data
    assert [p.name for p in images_folder(file).iterdir()] == [kept.name]  # no temporary file left

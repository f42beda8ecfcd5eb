"""Export: only a locked, intact count leaves the unit; the package holds session, results, minutes, manifest."""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from pyrage import x25519

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.tally import result_to_json
from phieu_desktop.exchange import age
from phieu_desktop.exchange.consolidate import consolidate
from phieu_desktop.exchange.export import default_export_name, export_session
from phieu_desktop.exchange.intake import Credentials, verified_minutes
from phieu_desktop.store import SessionFile
from tests.exchange.conftest import build_unit


def test_round_trip_with_minutes(tmp_path, board, credentials):
    fingerprint = build_unit(tmp_path / "u.phieu", "Sở Y tế tỉnh Hà Giang")
    with SessionFile.open(tmp_path / "u.phieu") as file:
        assert default_export_name(file) == "so-y-te-tinh-ha-giang_2023-09-12.phieux"
        out = tmp_path / default_export_name(file)
        result = export_session(file, out, [board.to_public()])  # the real minutes renderer
        expected = result_to_json(file.results())
        assert file.verify().ok
        note = file.audit_entries()[-1]
    assert result.with_minutes and result.fingerprint == fingerprint
    assert note.action == "note" and note.detail["what"] == "exported"
    assert note.detail["to"] == [str(board.to_public())] and note.detail["file"] == out.name

    clear = age.decrypt(out.read_bytes(), [board])
    with zipfile.ZipFile(io.BytesIO(clear)) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "minutes.pdf", "results.json", "session.phieu"]
        assert archive.read("minutes.pdf").startswith(b"%PDF")
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["fingerprint"] == fingerprint and manifest["organization"] == "Sở Y tế tỉnh Hà Giang"

    minutes = verified_minutes(out.name, out.read_bytes(), credentials)
    assert minutes.startswith(b"%PDF")
    consolidation = consolidate([out], credentials)
    assert consolidation.problems == []
    [unit] = consolidation.units
    assert unit.fingerprint == fingerprint and unit.with_minutes
    assert result_to_json(unit.result) == expected


def test_unlocked_session_is_refused_at_export(tmp_path, board):
    build_unit(tmp_path / "u.phieu", "Sở Xây dựng", lock=False)
    with SessionFile.open(tmp_path / "u.phieu") as file:
        entries = len(file.audit_entries())
        with pytest.raises(PhieuError, match="chưa được khóa"):
            export_session(file, tmp_path / "u.phieux", [board.to_public()], minutes=None)
        assert len(file.audit_entries()) == entries
    assert not (tmp_path / "u.phieux").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["u.phieu"]


def test_several_recipients_each_can_open(tmp_path):
    build_unit(tmp_path / "u.phieu", "Sở Nội vụ")
    first, second, stranger = (x25519.Identity.generate() for _ in range(3))
    with SessionFile.open(tmp_path / "u.phieu") as file:
        export_session(file, tmp_path / "u.phieux", [first.to_public(), second.to_public()], minutes=None)
    for identity in (first, second):
        assert len(consolidate([tmp_path / "u.phieux"], Credentials([identity])).units) == 1
    refused = consolidate([tmp_path / "u.phieux"], Credentials([stranger]))
    assert refused.units == [] and "khóa khác" in refused.problems[0].reason


def test_passphrase_round_trip_and_wrong_passphrase(tmp_path):
    build_unit(tmp_path / "u.phieu", "Sở Nội vụ")
    with SessionFile.open(tmp_path / "u.phieu") as file:
        result = export_session(file, tmp_path / "u.phieux", passphrase="mật khẩu của đơn vị", minutes=None)
        assert file.audit_entries()[-1].detail["to"] == "passphrase"
    assert result.recipients == ()
    ok = consolidate([tmp_path / "u.phieux"], Credentials(passphrase="mật khẩu của đơn vị"))
    assert len(ok.units) == 1 and ok.problems == []
    wrong = consolidate([tmp_path / "u.phieux"], Credentials(passphrase="mật khẩu khác"))
    assert wrong.units == [] and wrong.problems[0].message == "u.phieux: sai mật khẩu, hoặc tệp đã bị sửa đổi"
    missing = consolidate([tmp_path / "u.phieux"], Credentials(identities=[x25519.Identity.generate()]))
    assert "mã hóa bằng mật khẩu" in missing.problems[0].reason


def test_export_never_overwrites(tmp_path, board):
    build_unit(tmp_path / "u.phieu", "Sở Nội vụ")
    (tmp_path / "u.phieux").write_bytes(b"keep")
    with SessionFile.open(tmp_path / "u.phieu") as file:
        with pytest.raises(PhieuError, match="đã tồn tại"):
            export_session(file, tmp_path / "u.phieux", [board.to_public()], minutes=None)
    assert (tmp_path / "u.phieux").read_bytes() == b"keep"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_decrypted_session_only_in_a_private_folder_removed_afterwards(tmp_path, monkeypatch, make_package,
                                                                       credentials):
    package = make_package("Sở Công Thương")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    seen = []
    from phieu_desktop.exchange import intake

    real_open = intake.SessionFile.open

    def spy(path):
        seen.append((path, os.stat(path.parent).st_mode))
        return real_open(path)

    monkeypatch.setattr(intake.SessionFile, "open", spy)
    assert len(consolidate([package], credentials).units) == 1
    [(path, mode)] = seen
    assert path.parent.parent == scratch
    if os.name == "posix":
        assert mode & 0o777 == 0o700
    assert list(scratch.iterdir()) == []


def test_no_minutes_from_a_package_that_fails_its_checks(tmp_path, board, credentials):
    build_unit(tmp_path / "u.phieu", "Sở Công an")
    with SessionFile.open(tmp_path / "u.phieu") as file:
        export_session(file, tmp_path / "u.phieux", [board.to_public()], minutes=None)
    data = (tmp_path / "u.phieux").read_bytes()
    with pytest.raises(PhieuError, match="không có biên bản"):
        verified_minutes("u.phieux", data, credentials)
    with pytest.raises(PhieuError, match="cắt cụt"):
        verified_minutes("u.phieux", data[:-1], credentials)

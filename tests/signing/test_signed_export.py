"""Sign, then encrypt: the unit's signature inside the envelope, checked when the higher level consolidates."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.exchange import age
from phieu_desktop.exchange.consolidate import Consolidator
from phieu_desktop.exchange.consolidated_report import consolidation_to_json
from phieu_desktop.exchange.export import export_session
from phieu_desktop.exchange.intake import Credentials
from phieu_desktop.exchange.package import SIGNATURE
from phieu_desktop.signing import trust
from phieu_desktop.signing.keys import open_key
from phieu_desktop.store import SessionFile
from tests.exchange.conftest import board, build_unit  # noqa: F401 (board: the higher level's key fixture)

from .pki import UNIT


def _export(keys, tmp_path, board, which="unit", name="don-vi"):
    session_path = tmp_path / f"{name}.phieu"
    build_unit(session_path, UNIT)
    out = tmp_path / f"{name}.phieux"
    with SessionFile.open(session_path) as file:
        if which is None:
            export_session(file, out, [board.to_public()], minutes=None)
        else:
            with open_key(getattr(keys, which), keys.pin, UNIT) as key:
                result = export_session(file, out, [board.to_public()], minutes=None, key=key)
            assert result.signed_by
    return out


def test_signed_export_consolidated(keys, tmp_path, board, trust_home):
    package = _export(keys, tmp_path, board)
    clear = age.decrypt(package.read_bytes(), [board], None)
    assert SIGNATURE in zipfile.ZipFile(io.BytesIO(clear)).namelist(), "the signature is inside the envelope"
    consolidator = Consolidator(Credentials(identities=[board]))
    unit = consolidator.add_file(package)
    assert not consolidator.problems, consolidator.problems
    assert unit.signature.organization == UNIT and unit.signature.ok and unit.origin_verified
    report = consolidation_to_json(consolidator.result)
    assert report["units"][0]["origin"] == "signed"
    assert report["units"][0]["signature"]["trusted"] is True


def test_unsigned_export_marked_for_the_paper_check(tmp_path, board, trust_home, pki):
    package = _export(None, tmp_path, board, which=None)
    consolidator = Consolidator(Credentials(identities=[board]))
    unit = consolidator.add_file(package)
    assert unit.signature is None and not unit.origin_verified
    assert consolidation_to_json(consolidator.result)["units"][0]["origin"] == "paper-check-only"
    assert "biên bản giấy" in unit.origin


def test_untrusted_signer_accepted_only_as_unverified(keys, tmp_path, board, trust_home):
    package = _export(keys, tmp_path, board, which="foreign")
    consolidator = Consolidator(Credentials(identities=[board]))
    unit = consolidator.add_file(package)
    assert unit.signature.intact and not unit.signature.trusted and not unit.origin_verified
    assert consolidation_to_json(consolidator.result)["units"][0]["origin"] == "paper-check-only"


def _reseal(package, board, change):
    """Decrypt, let `change` alter the members, re-encrypt to the board: what a forger with the card can do."""
    clear = age.decrypt(package.read_bytes(), [board], None)
    members = {i.filename: zipfile.ZipFile(io.BytesIO(clear)).read(i.filename)
               for i in zipfile.ZipFile(io.BytesIO(clear)).infolist()}
    change(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    package.write_bytes(age.encrypt(buffer.getvalue(), [board.to_public()], None))


def test_package_changed_after_signing_refused(keys, tmp_path, board, trust_home):
    package = _export(keys, tmp_path, board)

    def change(members):
        manifest = json.loads(members["manifest.json"])
        manifest["exported_at"] = "2020-01-01T00:00:00+07:00"
        members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")

    _reseal(package, board, change)
    consolidator = Consolidator(Credentials(identities=[board]))
    consolidator.add_file(package)
    assert not consolidator.units
    assert "thay đổi sau khi ký" in consolidator.problems[0].reason


def test_broken_signature_refused(keys, tmp_path, board, trust_home):
    package = _export(keys, tmp_path, board)

    def change(members):
        members[SIGNATURE] = members[SIGNATURE][:-40] + bytes(40)

    _reseal(package, board, change)
    consolidator = Consolidator(Credentials(identities=[board]))
    consolidator.add_file(package)
    assert not consolidator.units and consolidator.problems


def test_expired_certificate_cannot_sign_an_export(keys, tmp_path, board):
    with pytest.raises(PhieuError, match="hết hạn"):
        _export(keys, tmp_path, board, which="expired")
    assert not (tmp_path / "don-vi.phieux").exists()


def test_trust_roots_given_explicitly(keys, tmp_path, board, pki, monkeypatch):
    monkeypatch.setenv("PHIEU_HOME", str(tmp_path / "empty-home"))
    package = _export(keys, tmp_path, board)
    untrusted = Consolidator(Credentials(identities=[board])).add_file(package)
    assert untrusted.signature.intact and not untrusted.signature.trusted
    from phieu_desktop.signing.trust import load_certificate

    trusted = Consolidator(Credentials(identities=[board], trust_roots=[load_certificate(pki.root.der(), "r")]))
    assert trusted.add_file(package).signature.trusted
    assert trust.roots() == []


def test_trusted_signature_stands_in_for_the_paper_check(keys, tmp_path, board, trust_home):
    from phieu_desktop.exchange.paper_check import report_consolidation

    # the same session sent three ways: each consolidated on its own (together they would be duplicates)
    for which, name, in_report in (("unit", "ky-so", True), (None, "khong-ky", False), ("foreign", "la", False)):
        package = _export(keys if which else None, tmp_path, board, which=which, name=name)
        consolidator = Consolidator(Credentials(identities=[board]))
        consolidator.add_file(package)
        assert not consolidator.problems, consolidator.problems
        report = report_consolidation(consolidator.result, [])  # no paper check typed
        assert [u.source for u in report.units] == ([package.name] if in_report else []), name
        assert [p.source for p in report.problems] == ([] if in_report else [package.name]), name

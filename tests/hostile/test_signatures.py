"""Door "signatures": forged and borrowed signatures on minutes (PDF) and on packages (issue 21, items 1-4).

Each hostile input is handed to the program; what it did (exit code, verified or not) is counted, never a literal.
"""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from phieu_desktop.exchange import age
from phieu_desktop.exchange.consolidate import Consolidator
from phieu_desktop.exchange.export import export_session
from phieu_desktop.exchange.intake import Credentials
from phieu_desktop.exchange.package import SIGNATURE
from phieu_desktop.signing.keys import FileSource, open_key
from phieu_desktop.signing.pdf import sign_pdf
from phieu_desktop.signing.trust import load_certificate
from phieu_desktop.store import SessionFile
from tests.exchange.conftest import board, build_unit  # noqa: F401 (board: the higher level's key fixture)
from tests.signing.conftest import minutes_pdf, pki  # noqa: F401 (session fixtures)
from tests.signing.pki import NOW, UNIT, issue, write_p12

from .helpers import phieu_here, record

PIN = "1234"


def _key(pki, issued, tmp_path: Path, name: str) -> FileSource:  # noqa: F811
    return FileSource(write_p12(issued, pki.root, tmp_path / f"{name}.p12", PIN))


def _overlay(signed: bytes, name: str, box: tuple[float, float, float, float], fill: bool = True) -> bytes:
    """An incremental update adding an UNSIGNED signature field whose appearance is a white box over `box`."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    fields.append_signature_field(writer, fields.SigFieldSpec(name, on_page=0, box=box))
    width, height = box[2] - box[0], box[3] - box[1]
    stream = generic.StreamObject({generic.NameObject("/Type"): generic.NameObject("/XObject"),
                                   generic.NameObject("/Subtype"): generic.NameObject("/Form"),
                                   generic.NameObject("/BBox"): generic.ArrayObject(
                                       [generic.FloatObject(0), generic.FloatObject(0), generic.FloatObject(width),
                                        generic.FloatObject(height)])},
                                  stream_data=f"1 1 1 rg 0 0 {width} {height} re f".encode() if fill else b"")
    ref = writer.add_object(stream)
    for field_ref in writer.root["/AcroForm"]["/Fields"]:
        field = field_ref.get_object()
        if field.get("/T") == name:
            field["/AP"] = generic.DictionaryObject({generic.NameObject("/N"): ref})
            writer.update_container(field)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def home(tmp_path, monkeypatch, pki):  # noqa: F811
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("PHIEU_HOME", str(home))
    root = tmp_path / "root.cer"
    root.write_bytes(pki.root.der())
    return root


def test_an_overlay_on_signed_minutes_is_refused_naming_it(tmp_path, pki, minutes_pdf, home):  # noqa: F811
    signed = tmp_path / "ky.pdf"
    with open_key(_key(pki, pki.unit, tmp_path, "unit"), PIN, UNIT) as key:
        sign_pdf(minutes_pdf, signed, key)
    data = signed.read_bytes()
    attacks = {"trang trắng": _overlay(data, "Overlay", (0, 0, 595, 842)),
               # named like the next signature (the unit signed ChuKySo1-3: one per copy's signature page)
               "ô nhỏ che số phiếu": _overlay(data, "ChuKySo4", (100, 400, 300, 430)),
               "trường rỗng": _overlay(data, "Trong", (10, 10, 20, 20), fill=False)}
    wrong = []
    for label, attack in attacks.items():
        path = tmp_path / f"{label}.pdf"
        path.write_bytes(attack)
        run = phieu_here("verify-pdf", path, "--trust", home)
        if run.returncode == 0 or "sửa sau khi ký" not in run.stdout:
            wrong.append((label, run.returncode, run.stdout))
    record("signatures (verify-pdf: incremental updates after signing)", len(attacks), len(wrong))
    assert not wrong, wrong
    run = phieu_here("verify-pdf", tmp_path / "trang trắng.pdf", "--trust", home)
    assert "“Overlay”" in run.stdout  # the change is named
    # a later signature is still accepted: only signatures (and their validation data) may follow one
    second = tmp_path / "ky-2.pdf"
    with open_key(_key(pki, pki.person, tmp_path, "person"), PIN, UNIT) as key:
        sign_pdf(signed, second, key)
    run = phieu_here("verify-pdf", second, "--trust", home)
    assert run.returncode == 0 and run.stdout.count("nguyên vẹn, tin cậy") == 2, run.stdout + run.stderr


def _signed_package(tmp_path, board, pki, name="don-vi"):  # noqa: F811
    session_path = tmp_path / f"{name}.phieu"
    build_unit(session_path, UNIT)
    out = tmp_path / f"{name}.phieux"
    with SessionFile.open(session_path) as file, open_key(_key(pki, pki.unit, tmp_path, "unit"), PIN, UNIT) as key:
        export_session(file, out, [board.to_public()], minutes=None, key=key)
    return out


def _resign(package: Path, board, key, signing_time=None) -> None:  # noqa: F811
    """A forger holding the board's public key: replace the package's signature with `key`'s over its manifest."""
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    from phieu_desktop.signing.run import run

    clear = age.decrypt(package.read_bytes(), [board], None)
    archive = zipfile.ZipFile(io.BytesIO(clear))
    members = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    attributes = PdfCMSSignedAttributes(signing_time=signing_time or NOW)
    members[SIGNATURE] = run(key.signer.async_sign_general_data(
        members["manifest.json"], "sha256", detached=True, signed_attr_settings=attributes)).dump()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    package.write_bytes(age.encrypt(buffer.getvalue(), [board.to_public()], None))


def test_another_organisations_certificate_never_vouches_for_the_unit(tmp_path, board, pki, home):  # noqa: F811
    """O is the organisation; a CN (or a person's name) that reads like the unit proves nothing."""
    forged = {"O khác, CN là tên đơn vị": issue(pki.root, UNIT, "Sở Xây dựng tỉnh Hà Giang"),
              "không có O, CN là tên đơn vị": issue(pki.root, UNIT, None),
              "O khác, CN là tên người": issue(pki.root, "Trần Thị Bình", "Sở Xây dựng tỉnh Hà Giang")}
    roots = [load_certificate(pki.root.der(), "root")]
    wrong = []
    for n, (label, issued) in enumerate(forged.items()):
        package = _signed_package(tmp_path, board, pki, name=f"goi-{n}")
        with open_key(_key(pki, issued, tmp_path, f"forged-{n}"), PIN, None) as key:
            _resign(package, board, key)
        consolidator = Consolidator(Credentials(identities=[board], trust_roots=roots))
        consolidator.add_file(package)
        if consolidator.units or not consolidator.problems:
            wrong.append((label, [u.origin for u in consolidator.units]))
        else:
            assert "Sở Xây dựng" in consolidator.problems[0].reason or "không ghi tổ chức" in \
                consolidator.problems[0].reason, consolidator.problems[0].reason
    record("signatures (package signed by another organisation)", len(forged), len(wrong))
    assert not wrong, wrong


def test_a_back_dated_signing_time_never_revives_an_expired_certificate(tmp_path, board, pki, home):  # noqa: F811
    package = _signed_package(tmp_path, board, pki)
    roots = [load_certificate(pki.root.der(), "root")]
    # pki.expired was valid from NOW-400 days to NOW-10 days; the forger's clock says NOW-100 days
    with open_key(_key(pki, pki.expired, tmp_path, "expired"), PIN, None, now=NOW - timedelta(days=100)) as key:
        _resign(package, board, key, signing_time=NOW - timedelta(days=100))
    consolidator = Consolidator(Credentials(identities=[board], trust_roots=roots))
    consolidator.add_file(package)
    vouched = [u for u in consolidator.units if u.origin_verified]
    record("signatures (expired certificate, back-dated signing time)", 1, len(vouched))
    assert not vouched
    assert all("HẾT HẠN" in u.origin for u in consolidator.units), [u.origin for u in consolidator.units]


def test_verify_pdf_trust_refuses_a_certificate_that_is_not_a_ca(tmp_path, pki, minutes_pdf, home):  # noqa: F811
    signed = tmp_path / "ky.pdf"
    with open_key(_key(pki, pki.unit, tmp_path, "unit"), PIN, UNIT) as key:
        sign_pdf(minutes_pdf, signed, key)
    leaf = tmp_path / "la.cer"
    leaf.write_bytes(pki.unit.der())
    runs = [phieu_here("verify-pdf", signed, "--trust", leaf), phieu_here("trust", "add", leaf)]
    record("signatures (a leaf certificate as trust anchor)", len(runs), sum(r.returncode == 0 for r in runs))
    for run in runs:
        assert run.returncode == 1 and "không phải của tổ chức cấp chứng thư" in run.stderr, run.stderr

"""Signing fixtures: the test PKI, SoftHSM2 tokens (skipped only when SoftHSM2 is absent) and .p12 files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from phieu_desktop.signing.keys import FileSource, TokenSource

from .pki import Pki, make_pki, write_p12
from .tokens import PIN, make_token, missing_reason, setup_tokendir, softhsm_library

_MADE: dict[str, object] = {}  # one PKI and one token folder per test process (the UI tests import these fixtures)


@pytest.fixture(scope="session")
def pki() -> Pki:
    if "pki" not in _MADE:
        _MADE["pki"] = make_pki()
    return _MADE["pki"]


@dataclass
class Keys:
    """Key sources by role, all of one kind (token or file); `pin` opens each of them."""

    kind: str
    unit: object
    person: object
    expired: object
    foreign: object
    other_org: object
    no_key: object
    pin: str = PIN


@pytest.fixture(scope="session")
def token_keys(pki, tmp_path_factory) -> Keys:
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    if "tokens" in _MADE:  # python-pkcs11 keeps SoftHSM loaded with its first configuration: reuse it
        return _MADE["tokens"]
    folder = tmp_path_factory.mktemp("softhsm")
    setup_tokendir(folder)
    make_token("unit", folder, pki.unit, extra_certs=(pki.root,))
    make_token("person", folder, pki.person)
    make_token("expired", folder, pki.expired)
    make_token("foreign", folder, pki.foreign)
    make_token("otherorg", folder, pki.other_org)
    make_token("nokey", folder, pki.unit, with_key=False)
    lib = softhsm_library()
    _MADE["tokens"] = Keys("token", *(TokenSource(lib, label) for label in
                                      ("unit", "person", "expired", "foreign", "otherorg", "nokey")))
    return _MADE["tokens"]


@pytest.fixture(scope="session")
def file_keys(pki, tmp_path_factory) -> Keys:
    folder = tmp_path_factory.mktemp("p12")
    files = {name: write_p12(getattr(pki, name), pki.root, folder / f"{name}.p12", PIN)
             for name in ("unit", "person", "expired", "foreign", "other_org")}
    # A .p12 without a key: only certificates (what some CAs hand out for the public part).
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    no_key = folder / "nokey.p12"
    no_key.write_bytes(pkcs12.serialize_key_and_certificates(
        b"cert", None, None, [pki.unit.cert], BestAvailableEncryption(PIN.encode())))
    return Keys("file", *(FileSource(files[name]) for name in ("unit", "person", "expired", "foreign", "other_org")),
                no_key=FileSource(no_key))


@pytest.fixture(params=["token", "file"])
def keys(request) -> Keys:
    """Every signing test runs twice: with the SoftHSM2 token and with a .p12 file."""
    return request.getfixturevalue(f"{request.param}_keys")


@pytest.fixture
def trust_home(tmp_path, monkeypatch, pki) -> Path:
    """A fresh user data folder whose trust store holds the test root."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("PHIEU_HOME", str(home))
    root = tmp_path / "root.cer"
    root.write_bytes(pki.root.der())
    from phieu_desktop.signing import trust

    trust.add(root)
    return home


@pytest.fixture(scope="session")
def minutes_pdf(tmp_path_factory) -> Path:
    """The demo session's minutes, as the documents module prints them."""
    from phieu_desktop.demo import create_demo
    from phieu_desktop.documents import render_minutes
    from phieu_desktop.store import SessionFile

    folder = tmp_path_factory.mktemp("minutes")
    create_demo(folder / "demo.phieu")
    with SessionFile.open(folder / "demo.phieu") as file:
        render_minutes(file, folder / "bien-ban.pdf")
    return folder / "bien-ban.pdf"

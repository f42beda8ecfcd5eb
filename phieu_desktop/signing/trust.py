"""The root certificates the higher level trusts: files in the user data folder, imported by hand, never fetched."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_CERTIFICATE_BYTES
from ..files import read_input, write_new
from ..paths import user_data
from .certificates import describe

FOLDER = "trusted-roots"


@dataclass(frozen=True)
class TrustedRoot:
    fingerprint: str  # SHA-256 of the DER certificate, hex upper case
    subject: str
    not_after: datetime
    path: Path

    @property
    def short(self) -> str:
        return self.fingerprint[:16]


def folder() -> Path:
    return user_data() / FOLDER


def load_certificate(data: bytes, name: str):
    """An asn1crypto certificate from DER or PEM bytes; PhieuError naming the file otherwise."""
    from asn1crypto import pem, x509

    try:
        if pem.detect(data):
            _type, _headers, data = pem.unarmor(data)
        cert = x509.Certificate.load(data)
        cert.native  # noqa: B018 - parse it now: a broken file fails here, not later
    except Exception:
        raise PhieuError(_("“{name}” không phải tệp chứng thư số (.cer/.crt/.pem).").format(name=name)) from None
    return cert


def require_ca(cert, name: str):
    """The certificate if it is a CA's; a person's or an agency's certificate is never a trust anchor (one rule
    for `trust add` and for `--trust` given to one command)."""
    if not cert.ca:
        raise PhieuError(_("“{name}” là chứng thư số của một người/cơ quan, không phải của tổ chức cấp chứng thư "
                           "(CA); chỉ tin cậy chứng thư gốc của CA.").format(name=name))
    return cert


def _root(path: Path) -> TrustedRoot:
    data = path.read_bytes()
    cert = require_ca(load_certificate(data, path.name), path.name)  # a leaf planted in the folder is no anchor
    info = describe(cert)
    subject = info.person or info.organization
    if info.organization and info.organization != subject:
        subject = f"{subject} ({info.organization})"
    return TrustedRoot(fingerprint=hashlib.sha256(cert.dump()).hexdigest().upper(), subject=subject,
                       not_after=info.not_after, path=path)


def add(source: Path) -> TrustedRoot:
    """Copy a CA certificate into the trust store; refuses a certificate that is not a CA's."""
    source = Path(source)
    data = read_input(source, MAX_CERTIFICATE_BYTES)
    cert = require_ca(load_certificate(data, source.name), source.name)
    fingerprint = hashlib.sha256(cert.dump()).hexdigest().upper()
    for root in roots():
        if root.fingerprint == fingerprint:
            raise PhieuError(_("Chứng thư gốc “{subject}” đã có trong danh sách tin cậy.").format(subject=root.subject))
    folder().mkdir(parents=True, exist_ok=True)
    target = folder() / f"{fingerprint[:16]}.cer"
    write_new(target, cert.dump())
    return _root(target)


def roots() -> list[TrustedRoot]:
    found = []
    for path in sorted(folder().glob("*.cer")) if folder().is_dir() else []:
        try:
            found.append(_root(path))
        except (PhieuError, OSError):
            continue  # a damaged file is not trusted; `trust list` simply does not show it
    return found


def remove(which: str) -> TrustedRoot:
    """Remove by fingerprint (its first characters are enough when unambiguous)."""
    key = which.replace(":", "").replace(" ", "").upper()
    matches = [r for r in roots() if key and r.fingerprint.startswith(key)]
    if not matches:
        raise PhieuError(_("Không có chứng thư gốc nào có dấu vân tay bắt đầu bằng “{key}”.").format(key=which))
    if len(matches) > 1:
        raise PhieuError(_("Có {n} chứng thư gốc bắt đầu bằng “{key}”; hãy gõ thêm ký tự.").format(
            n=len(matches), key=which))
    matches[0].path.unlink()
    return matches[0]


def trusted_certificates(extra: list[Path] | None = None) -> list:
    """asn1crypto certificates to validate against: the store, plus files given for one command."""
    certs = [load_certificate(r.path.read_bytes(), r.path.name) for r in roots()]
    for path in extra or []:
        name = Path(path).name
        certs.append(require_ca(load_certificate(read_input(path, MAX_CERTIFICATE_BYTES), name), name))
    return certs

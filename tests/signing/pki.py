"""A small test PKI made with `cryptography`: two roots, and agency / person / expired / foreign certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

UNIT = "Sở Tài chính tỉnh Tuyên Quang"  # the demo's organisation (phieu_desktop/demo.py)
NOW = datetime.now(timezone.utc)


@dataclass
class Issued:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def key_der(self) -> bytes:
        return self.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())


def _name(cn: str, org: str | None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if org:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(parts)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_root(cn: str) -> Issued:
    key = _key()
    name = _name(cn, "Tổ chức chứng thực thử nghiệm")
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(NOW - timedelta(days=3650))
            .not_valid_after(NOW + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return Issued(key, cert)


def issue(root: Issued, cn: str, org: str | None, days_before: int = 30, days_after: int = 365) -> Issued:
    key = _key()
    cert = (x509.CertificateBuilder().subject_name(_name(cn, org)).issuer_name(root.cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(NOW - timedelta(days=days_before)).not_valid_after(NOW + timedelta(days=days_after))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False)
            .sign(root.key, hashes.SHA256()))
    return Issued(key, cert)


def write_p12(issued: Issued, root: Issued, path: Path, password: str) -> Path:
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"test", issued.key, issued.cert, [root.cert],
        serialization.BestAvailableEncryption(password.encode("utf-8"))))
    return path


@dataclass
class Pki:
    root: Issued
    other_root: Issued
    unit: Issued  # the agency's certificate (O = the unit)
    person: Issued  # the committee head's own certificate, O = the unit
    expired: Issued
    foreign: Issued  # from a root the higher level does not trust
    other_org: Issued  # another agency's certificate


def make_pki() -> Pki:
    root, other = make_root("Phieu Test Root CA"), make_root("Untrusted Root CA")
    return Pki(root=root, other_root=other, unit=issue(root, UNIT, UNIT), person=issue(root, "Trần Thị Bình", UNIT),
               expired=issue(root, UNIT, UNIT, days_before=400, days_after=-10),
               foreign=issue(other, UNIT, UNIT), other_org=issue(root, "Sở Y tế tỉnh Hà Giang",
                                                                 "Sở Y tế tỉnh Hà Giang"))

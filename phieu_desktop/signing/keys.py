"""Where the signing key comes from: a PKCS#11 token (USB token) or a .p12/.pfx file.

The PIN is passed in for one signing and dropped: never stored, never logged, never retried by this code.
Every refusal is a PhieuError with one Vietnamese sentence, raised before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.errors import PhieuError
from ..domain.i18n import _
from .certificates import CertificateInfo, belongs_to, check_usable, describe


@dataclass(frozen=True)
class TokenSource:
    """A USB token through its driver's PKCS#11 library; `token_label` picks one of several tokens."""

    library: Path
    token_label: str | None = None


@dataclass(frozen=True)
class FileSource:
    """A .p12 / .pfx file holding the key and its certificate; the PIN is the file's password."""

    path: Path


KeySource = TokenSource | FileSource


@dataclass
class SigningKey:
    """An opened key, ready for pyHanko: `signer` is a pyhanko Signer. Close it (or use `with`) after signing."""

    signer: Any
    certificate: Any  # asn1crypto x509.Certificate
    info: CertificateInfo
    _session: Any = field(default=None, repr=False)

    def close(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            except Exception:  # closing a session of an unplugged token: nothing left to do
                pass
            self._session = None

    def __enter__(self) -> "SigningKey":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_key(source: KeySource, pin: str, organization: str | None, now: datetime | None = None) -> SigningKey:
    """Open the key for one signing; `organization` (the unit) must be the certificate's O (None: no check)."""
    if not pin:
        raise PhieuError(_("Chưa nhập mã PIN."))
    from .check import quiet_libraries

    quiet_libraries()
    if isinstance(source, FileSource):
        return _open_file(source, pin, organization, now)
    return _open_token(source, pin, organization, now)


def _open_file(source: FileSource, pin: str, organization: str | None, now: datetime | None) -> SigningKey:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    try:
        data = Path(source.path).read_bytes()
    except OSError:
        raise PhieuError(_("Không đọc được tệp chứng thư số “{name}”.").format(name=Path(source.path).name)) from None
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, pin.encode("utf-8"))
    except ValueError:
        raise PhieuError(_("Sai mật khẩu (mã PIN) của tệp “{name}”, hoặc tệp không phải .p12/.pfx.").format(
            name=Path(source.path).name)) from None
    if key is None or cert is None:
        raise PhieuError(_("Tệp “{name}” không có chứng thư số kèm khóa bí mật để ký.").format(
            name=Path(source.path).name))
    certificate = asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
    info = describe(certificate)
    check_usable(info, organization, now)
    chain = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in extra or ()]
    key_info = asn1_keys.PrivateKeyInfo.load(key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()))
    signer = SimpleSigner(signing_key=key_info, signing_cert=certificate,
                          cert_registry=SimpleCertificateStore.from_certs(chain))
    return SigningKey(signer=signer, certificate=certificate, info=info)


def _pin_message(token) -> str:
    """What the token says about the PIN tries left (CKF_USER_PIN_COUNT_LOW / FINAL_TRY / LOCKED)."""
    from pkcs11 import TokenFlag

    try:
        flags = token.slot.get_token().flags
    except Exception:  # the token was pulled out meanwhile: say only what we know
        flags = TokenFlag(0)
    if flags & TokenFlag.USER_PIN_LOCKED:
        return _("Sai mã PIN. Thiết bị ký số đã khóa mã PIN; hãy liên hệ đơn vị cấp chứng thư số.")
    if flags & TokenFlag.USER_PIN_FINAL_TRY:
        return _("Sai mã PIN. Thiết bị báo chỉ còn MỘT lần thử: nhập sai lần nữa thiết bị sẽ khóa.")
    if flags & TokenFlag.USER_PIN_COUNT_LOW:
        return _("Sai mã PIN. Thiết bị báo số lần thử còn lại đã ít; hãy kiểm tra kỹ trước khi nhập lại.")
    return _("Sai mã PIN (thiết bị không cho biết còn bao nhiêu lần thử). Chương trình không tự thử lại.")


def _open_token(source: TokenSource, pin: str, organization: str | None, now: datetime | None) -> SigningKey:
    import pkcs11
    from asn1crypto import x509 as asn1_x509
    from pkcs11 import Attribute, ObjectClass
    from pkcs11 import exceptions as p11
    from pyhanko.sign.pkcs11 import PKCS11Signer

    library = Path(source.library)
    if not library.is_file():
        raise PhieuError(_("Không tìm thấy thư viện của thiết bị ký số “{path}”; hãy cài trình điều khiển của "
                           "USB token hoặc chọn lại thư viện.").format(path=library))
    try:
        lib = pkcs11.lib(str(library))
    except Exception:  # the vendor's library failed to load (wrong file, 32-bit DLL…)
        raise PhieuError(_("Không nạp được thư viện “{name}”: không phải thư viện PKCS#11 của thiết bị ký số, "
                           "hoặc không hợp với máy (32/64 bit).").format(name=library.name)) from None
    try:
        slots = lib.get_slots(token_present=True)
        tokens = [slot.get_token() for slot in slots]
    except p11.PKCS11Error:
        tokens = []
    tokens = [t for t in tokens if source.token_label is None or t.label == source.token_label]
    if not tokens:
        raise PhieuError(_("Chưa cắm thiết bị ký số (USB token), hoặc máy chưa nhận thiết bị; hãy cắm vào và thử "
                           "lại."))
    token = tokens[0]
    try:
        session = token.open(user_pin=pin)
    except p11.PinLocked:
        raise PhieuError(_("Mã PIN của thiết bị ký số đã bị khóa; hãy liên hệ đơn vị cấp chứng thư số.")) from None
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange):
        raise PhieuError(_pin_message(token)) from None
    except p11.PKCS11Error as err:
        raise PhieuError(_("Thiết bị ký số từ chối đăng nhập ({kind}).").format(kind=type(err).__name__)) from None
    try:
        key_ids = {bytes(k[Attribute.ID]) for k in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})}
        pairs = []
        for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
            cert_id = bytes(obj[Attribute.ID])
            if cert_id in key_ids:
                pairs.append((cert_id, asn1_x509.Certificate.load(bytes(obj[Attribute.VALUE]))))
        if not pairs:
            raise PhieuError(_("Thiết bị ký số không có chứng thư số kèm khóa bí mật để ký."))
        # Prefer the unit's certificate, then one still valid; a token may carry an old one beside the new.
        infos = [(cert_id, cert, describe(cert)) for cert_id, cert in pairs]
        moment = now or datetime.now().astimezone()
        infos.sort(key=lambda item: (not (organization is None or belongs_to(item[2], organization)),
                                     not item[2].valid_at(moment)))
        cert_id, certificate, info = infos[0]
        check_usable(info, organization, now)
        signer = PKCS11Signer(session, cert_id=cert_id, key_id=cert_id, signing_cert=certificate)
    except BaseException:
        session.close()
        raise
    return SigningKey(signer=signer, certificate=certificate, info=info, _session=session)

"""The age layer (pyrage): encrypt to X25519 recipients or a passphrase; decrypt, naming why it failed."""

from __future__ import annotations

from collections.abc import Sequence

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from ..domain.errors import PhieuError
from ..domain.i18n import _

MAGIC = b"age-encryption.org/v1\n"


def is_age(data: bytes) -> bool:
    return data.startswith(MAGIC)


def uses_passphrase(data: bytes) -> bool:
    """True when the file was encrypted to a passphrase (an scrypt stanza) rather than to keys."""
    header = data[: 4096].split(b"\n---", 1)[0]
    return b"\n-> scrypt " in header


def encrypt(data: bytes, recipients: Sequence[x25519.Recipient] = (), passphrase: str | None = None) -> bytes:
    """age allows either recipients or one passphrase, not both."""
    if passphrase is not None:
        if recipients:
            raise PhieuError(_("Chỉ chọn một cách mã hóa: khóa của cấp trên hoặc mật khẩu, không cả hai."))
        return age_passphrase.encrypt(data, passphrase)
    if not recipients:
        raise PhieuError(_("Cần ít nhất một khóa nhận (age1…) hoặc một mật khẩu."))
    return pyrage.encrypt(data, list(recipients))


def decrypt(data: bytes, identities: Sequence[x25519.Identity] = (), passphrase: str | None = None) -> bytes:
    """The clear bytes; PhieuError with the reason only (the caller names the file)."""
    if not is_age(data):
        raise PhieuError(_("không phải tệp gửi cấp trên của chương trình (không phải tệp mã hóa age)"))
    try:
        if uses_passphrase(data):
            if passphrase is None:
                raise PhieuError(_("tệp được mã hóa bằng mật khẩu, mà chưa có mật khẩu"))
            return age_passphrase.decrypt(data, passphrase)
        if not identities:
            raise PhieuError(_("tệp được mã hóa cho khóa của cấp trên, mà chưa có tệp khóa"))
        return pyrage.decrypt(data, list(identities))
    except pyrage.DecryptError as err:
        text = str(err)
        if uses_passphrase(data):
            raise PhieuError(_("sai mật khẩu, hoặc tệp đã bị sửa đổi")) from None
        if "No matching keys" in text:
            raise PhieuError(_("tệp được mã hóa cho một khóa khác (hoặc phần đầu tệp đã bị sửa đổi)")) from None
        raise PhieuError(_("tệp đã bị sửa đổi hoặc bị cắt cụt: giải mã thất bại")) from None

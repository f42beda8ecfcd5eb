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


def check_work_factor(data: bytes) -> None:
    """Refuse a passphrase file whose header asks scrypt for more memory than our own files ever do, before pyrage
    reads it: age lets the file state its own work factor (`-> scrypt SALT N`), and 2^N KiB is allocated at once
    (2^23: 8 GiB, the process is killed). Every scrypt stanza of the header is read; one we cannot read is refused."""
    from ..domain.limits import MAX_SCRYPT_WORK_FACTOR

    header = data[:4096].split(b"\n---", 1)[0]
    for line in header.split(b"\n")[1:]:
        if not line.startswith(b"-> scrypt"):
            continue
        parts = line.split(b" ")
        factor = parts[3] if len(parts) == 4 else b""
        if not (factor.isdigit() and len(factor) <= 2 and 1 <= int(factor) <= MAX_SCRYPT_WORK_FACTOR):
            shown = factor[:12].decode("ascii", "replace") or "?"
            raise PhieuError(_("phần đầu tệp đòi hệ số công việc scrypt 2^{n}, vượt mức 2^{limit} mà chương trình "
                               "dùng (tệp giả mạo hoặc không phải do chương trình làm); không giải mã").format(
                n=shown, limit=MAX_SCRYPT_WORK_FACTOR))


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
            check_work_factor(data)
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

"""Keys of the higher level: the identity file (protected by a passphrase) and recipients (age1…)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_KEY_FILE_BYTES, MAX_RECIPIENT_BYTES
from ..files import read_input, write_new
from . import age_scrypt
from .age import check_work_factor, is_age

_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")


@dataclass(frozen=True)
class NewKey:
    recipient: str  # age1…, public: printed, sent to the units
    key_file: Path


def parse_recipient(text: str) -> x25519.Recipient:
    """An age1… recipient as typed or pasted (spaces and line breaks inside are ignored)."""
    compact = "".join(text.split()).lower()
    try:
        return x25519.Recipient.from_str(compact)
    except (pyrage.RecipientError, ValueError):
        raise PhieuError(_("“{text}” không phải khóa nhận hợp lệ (age1…).").format(text=text.strip()[:70])) from None


def recipient_from_argument(value: str) -> x25519.Recipient:
    """`--to` takes the recipient itself, or a file that holds exactly one: a text file, or the key card PDF."""
    if value.strip().lower().startswith("age1"):
        return parse_recipient(value)
    return recipient_from_file(Path(value))


def recipient_from_file(path: Path) -> x25519.Recipient:
    """The one recipient in a text file or in the key card PDF written by `phieu keygen` (its Info subject)."""
    path = Path(path)
    if not path.exists():
        raise PhieuError(_("Không tìm thấy tệp “{name}”; khóa nhận có dạng age1…").format(name=path.name))
    data = read_input(path, MAX_RECIPIENT_BYTES)
    text = data.decode("latin-1")  # the recipient is ASCII; any encoding of the rest will do
    found = set(_RECIPIENT.findall(text.lower()))
    if len(found) != 1:
        raise PhieuError(_("Tệp “{name}” phải chứa đúng một khóa nhận age1… (tìm thấy {n}).").format(
            name=path.name, n=len(found)))
    return parse_recipient(found.pop())


def identity_text(identity: x25519.Identity) -> str:
    """The secret in age-keygen's own layout, so `age -d` can also read the key file in an emergency."""
    created = datetime.now().astimezone().isoformat(timespec="seconds")
    return f"# created: {created}\n# public key: {identity.to_public()}\n{identity}\n"


def create_key_file(path: Path, passphrase: str) -> NewKey:
    """A new identity, written encrypted with `passphrase`; never overwrites an existing file."""
    path = Path(path)
    identity = x25519.Identity.generate()
    sealed = age_scrypt.encrypt(identity_text(identity).encode("ascii"), passphrase)  # at 2^18: see age_scrypt
    write_new(path, sealed)  # complete or absent (a kill leaves a swept temporary file), 0600, never overwriting
    return NewKey(recipient=str(identity.to_public()), key_file=path)


def load_identity(path: Path, passphrase: str) -> x25519.Identity:
    """Open a key file written by `create_key_file`."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise PhieuError(_("Không tìm thấy tệp khóa “{name}”.").format(name=path.name))
    sealed = read_input(path, MAX_KEY_FILE_BYTES)  # every OS error in Vietnamese, the size checked first
    if not is_age(sealed):
        raise PhieuError(_("“{name}” không phải tệp khóa của chương trình.").format(name=path.name))
    try:
        check_work_factor(sealed)
    except PhieuError as err:
        raise PhieuError(_("Tệp khóa “{name}”: {reason}.").format(name=path.name, reason=err)) from None
    try:
        text = age_passphrase.decrypt(sealed, passphrase).decode("ascii")
    except pyrage.DecryptError:
        raise PhieuError(_("Sai mật khẩu của tệp khóa “{name}” (hoặc tệp khóa đã bị hỏng).").format(
            name=path.name)) from None
    except UnicodeDecodeError:
        raise PhieuError(_("“{name}” không phải tệp khóa của chương trình.").format(name=path.name)) from None
    secrets = [line.strip() for line in text.splitlines() if line.strip().startswith("AGE-SECRET-KEY-")]
    if len(secrets) != 1:
        raise PhieuError(_("“{name}” không phải tệp khóa của chương trình.").format(name=path.name))
    try:
        return x25519.Identity.from_str(secrets[0])
    except (pyrage.IdentityError, ValueError):
        raise PhieuError(_("“{name}” không phải tệp khóa của chương trình.").format(name=path.name)) from None

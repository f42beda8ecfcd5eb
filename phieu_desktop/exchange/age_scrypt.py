"""An age passphrase file (the scrypt recipient of age v1) at a work factor we choose.

pyrage encrypts to a passphrase at rage's own calibrated work factor: 2^20 on this machine, 1 GiB of memory and
about 2 s each time the key file is opened. The key file is opened on office laptops with 4 GB that run other
programs; age's own default, 2^18 (scrypt N=2^18, r=8, p=1: 256 MiB, a fraction of a second), is what `age -p`
writes and what every age implementation reads. The file written here is a standard age file: pyrage (and
`age -d`) decrypt it, and files written earlier at 2^20 are still read by pyrage unchanged.

The format (https://age-encryption.org/v1): a header with one `scrypt` stanza wrapping a random file key,
an HMAC over the header, then the payload in 64 KiB ChaCha20-Poly1305 chunks (STREAM).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

WORK_FACTOR = 18  # log2 of scrypt's N, as age writes by default: 256 MiB of memory
_CHUNK = 64 * 1024
_LABEL = b"age-encryption.org/v1/scrypt"


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA256 (RFC 5869) to 32 bytes."""
    prk = hmac.new(salt or bytes(32), key, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def _body_lines(body: bytes) -> bytes:
    encoded = _b64(body)
    lines = [encoded[i:i + 64] for i in range(0, len(encoded), 64)]
    if not lines or len(lines[-1]) == 64:
        lines.append(b"")  # the last line of a stanza body is always shorter than 64 columns
    return b"\n".join(lines) + b"\n"


def encrypt(plaintext: bytes, passphrase: str, work_factor: int = WORK_FACTOR) -> bytes:
    """`plaintext` as an age file encrypted to `passphrase` with scrypt N = 2**work_factor."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    file_key = os.urandom(16)
    salt = os.urandom(16)
    wrap_key = hashlib.scrypt(passphrase.encode("utf-8"), salt=_LABEL + salt, n=2 ** work_factor, r=8, p=1,
                              maxmem=2 ** work_factor * 8 * 128 + 64 * 1024 * 1024, dklen=32)
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
    header = (b"age-encryption.org/v1\n-> scrypt " + _b64(salt) + b" " + str(work_factor).encode("ascii") + b"\n"
              + _body_lines(body) + b"---")
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    nonce = os.urandom(16)
    stream = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [plaintext[i:i + _CHUNK] for i in range(0, len(plaintext), _CHUNK)] or [b""]
    payload = b"".join(stream.encrypt(index.to_bytes(11, "big") + (b"\x01" if index == len(chunks) - 1 else b"\x00"),
                                      chunk, None) for index, chunk in enumerate(chunks))
    return header + b" " + _b64(mac) + b"\n" + nonce + payload


def work_factor_of(data: bytes) -> int | None:
    """The scrypt work factor an age passphrase file declares, or None."""
    for line in data[:4096].split(b"\n")[1:4]:
        if line.startswith(b"-> scrypt "):
            try:
                return int(line.split()[3])
            except (IndexError, ValueError):
                return None
    return None

"""SoftHSM2 as the USB token: one token directory for the whole test run (python-pkcs11 loads the library once
per process, and SoftHSM reads SOFTHSM2_CONF when it is loaded)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .pki import Issued

PIN = "123456"
SO_PIN = "12345678"
CANDIDATES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
              "/usr/local/lib/softhsm/libsofthsm2.so", "/usr/lib64/pkcs11/libsofthsm2.so")


def softhsm_library() -> Path | None:
    if not shutil.which("softhsm2-util"):
        return None
    for path in CANDIDATES:
        if Path(path).is_file():
            return Path(path)
    return None


def missing_reason() -> str | None:
    if softhsm_library() is None:
        return "SoftHSM2 chưa được cài (Debian: apt-get install softhsm2); .ci/run cài nó"
    if not shutil.which("pkcs11-tool"):
        return "pkcs11-tool chưa được cài (Debian: apt-get install opensc); .ci/run cài nó"
    return None


def setup_tokendir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tokens").mkdir(exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)


def _run(*args: str) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ)


def make_token(label: str, folder: Path, issued: Issued | None, with_key: bool = True,
               extra_certs: tuple[Issued, ...] = ()) -> None:
    lib = str(softhsm_library())
    _run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", SO_PIN)
    objects = []
    if issued is not None:
        if with_key:
            objects.append(("privkey", issued.key_der(), "01", "key"))
        objects.append(("cert", issued.der(), "01", "cert"))
    for n, other in enumerate(extra_certs, start=2):
        objects.append(("cert", other.der(), f"{n:02d}", f"ca{n}"))
    for kind, data, ident, name in objects:
        path = folder / f"{label}-{name}.der"
        path.write_bytes(data)
        _run("pkcs11-tool", "--module", lib, "--token-label", label, "--login", "--pin", PIN, "--write-object",
             str(path), "--type", kind, "--id", ident, "--label", f"{label}-{name}")
        path.unlink()

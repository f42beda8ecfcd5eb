"""Where a token's PKCS#11 library (the .dll / .so of its driver) may be, and the one the user chose, remembered.

The file names of the Vietnamese CAs' drivers are not published in one place: the patterns below are candidates
found by name (vnpt, viettel, bkav, fpt, Ban Cơ yếu's "bcy"/"gca", and the ePass2003 / SafeNet / Shuttle chips
their tokens are built on). Whatever is found is only offered; the user picks one, and it is remembered.
"""

from __future__ import annotations

import fnmatch
import glob
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..paths import user_data

SETTINGS = "signing.json"

# Candidates by pattern, under C:\Windows\System32 (and SysWOW64 is never offered: we are a 64-bit program).
WINDOWS_PATTERNS = (
    "*vnpt*.dll", "*viettel*.dll", "*bkav*.dll", "*fpt*ca*.dll", "*fptca*.dll", "*bcy*.dll", "*gca*p11*.dll",
    "*cyca*.dll", "*newca*.dll", "*misa*ca*.dll", "eps2003csp11*.dll", "ShuttleCsp11*.dll", "eTPKCS11.dll",
    "*pkcs11*.dll", "*p11*.dll", "*csp11*.dll",
)
WINDOWS_PROGRAM_PATTERNS = ("*pkcs11*.dll", "*csp11*.dll")  # in Program Files, two folders deep at most
# Fixed depths only: a recursive walk of /usr/lib takes minutes on a full system.
UNIX_PATTERNS = (
    "/usr/lib/pkcs11/*.so", "/usr/lib/*/pkcs11/*.so", "/usr/lib/*pkcs11*.so", "/usr/lib/*/*pkcs11*.so",
    "/usr/lib64/pkcs11/*.so", "/usr/lib64/*pkcs11*.so", "/usr/local/lib/*pkcs11*.so", "/usr/local/lib/pkcs11/*.so",
    "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/*/softhsm/libsofthsm2.so", "/Library/*/*pkcs11*.dylib",
    "/Library/*/lib/*pkcs11*.dylib",
)


@dataclass(frozen=True)
class Candidate:
    path: Path
    label: str  # the file name, with the vendor when the name says it


_VENDORS = (("vnpt", "VNPT-CA"), ("viettel", "Viettel-CA"), ("bkav", "BKAV-CA"), ("fpt", "FPT-CA"),
            ("bcy", "Ban Cơ yếu Chính phủ"), ("gca", "Ban Cơ yếu Chính phủ"), ("newca", "NewCA"),
            ("eps2003", "ePass2003"), ("etpkcs11", "SafeNet eToken"), ("shuttle", "Shuttle"),
            ("softhsm", "SoftHSM (thử nghiệm)"), ("opensc", "OpenSC"))


def _label(path: Path) -> str:
    name = path.name.lower()
    for key, vendor in _VENDORS:
        if key in name:
            return f"{vendor} — {path.name}"
    return path.name


def _globs(base: str | None, patterns: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for pattern in patterns:
        full = os.path.join(base, pattern) if base else pattern
        try:
            found += [Path(p) for p in glob.glob(full)]
        except OSError:
            continue
    return found


def _names(base: str, patterns: tuple[str, ...], depth: int) -> list[Path]:
    """Files under `base` (at most `depth` folders down) whose name matches, ignoring case as Windows does."""
    found: list[Path] = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return found
    for entry in entries:
        try:
            if entry.is_file() and any(fnmatch.fnmatch(entry.name.lower(), p.lower()) for p in patterns):
                found.append(Path(entry.path))
            elif depth > 0 and entry.is_dir():
                found += _names(entry.path, patterns, depth - 1)
        except OSError:
            continue
    return found


def candidates() -> list[Candidate]:
    """Libraries found in the usual install places (never loaded here: loading runs the vendor's code)."""
    if sys.platform == "win32":
        root = os.environ.get("SystemRoot", r"C:\Windows")
        found = _names(os.path.join(root, "System32"), WINDOWS_PATTERNS, 0)
        for variable in ("ProgramFiles",):  # not (x86): a 64-bit program cannot load 32-bit libraries
            if os.environ.get(variable):
                found += _names(os.environ[variable], WINDOWS_PROGRAM_PATTERNS, 2)
    else:
        found = _globs(None, UNIX_PATTERNS)
    seen: dict[str, Candidate] = {}
    for path in found:
        try:
            key = str(path.resolve()).lower()  # /usr/lib/x/pkcs11/a.so is often a link to /usr/lib/x/a.so
        except OSError:
            continue
        if path.is_file() and key not in seen:
            seen[key] = Candidate(path, _label(path))
    return sorted(seen.values(), key=lambda c: c.label.lower())


def _settings_file() -> Path:
    return user_data() / SETTINGS


def _read() -> dict:
    try:
        data = json.loads(_settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_library() -> Path | None:
    """The library chosen last time, if it is still there. Only the path is kept; never a PIN."""
    value = _read().get("pkcs11_library")
    return Path(value) if isinstance(value, str) and Path(value).is_file() else None


def remember_library(path: Path) -> None:
    data = _read()
    data["pkcs11_library"] = str(Path(path).resolve())
    try:
        _settings_file().parent.mkdir(parents=True, exist_ok=True)
        _settings_file().write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError:
        pass  # a read-only place: remembering is a convenience

#!/usr/bin/env python3
"""Set up and run phieu-desktop from a fresh clone, on Linux, macOS or Windows.

    python3 dev.py demo    # virtual environment + packages, then the window on a demo session
    python3 dev.py test    # virtual environment + packages, then ruff (lint) and the whole test suite
    python3 dev.py bench   # the timing scripts in benchmarks/
    python3 dev.py lint    # ruff: pyflakes, pycodestyle, import order, bugbear (configured in pyproject.toml)
    python3 dev.py lock    # after changing a dependency in pyproject.toml: regenerate requirements/*.txt (uv)
    python3 dev.py newest  # not part of CI: the newest releases pyproject.toml allows, in build/venv-newest,
                           # with the quick tests (what would break next month), and those beyond our bounds

Extra arguments after `test` go to pytest (e.g. `python3 dev.py test -k tally`).
Every package comes from requirements/dev.txt, with the SHA-256 of each file checked (pip --require-hashes): a
clean clone installs next month exactly what was tested today.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PHIEU_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".phieu-installed"
LOCK = ROOT / "requirements" / "dev.txt"


def ensure_environment() -> None:
    """Create the virtual environment and install exactly requirements/dev.txt, once per change of it or pyproject."""
    if not (3, 11) <= sys.version_info[:2] < (3, 14):  # Qt 6.8, our Qt line, has no wheel for Python 3.14
        sys.exit("phieu-desktop cần Python 3.11, 3.12 hoặc 3.13 (đang chạy %d.%d)." % sys.version_info[:2])
    if not PYTHON.exists():
        print(f"[dev] tạo môi trường ảo {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("[dev] cài đặt các gói cần thiết (requirements/dev.txt)", flush=True)
    STAMP.unlink(missing_ok=True)
    install_locked(PYTHON, LOCK)
    STAMP.write_text(wanted)


def install_locked(python: Path, lock: Path) -> None:
    """The lock's packages with their hashes checked (nothing else, nothing newer), then the project itself, editable,
    built with the locked setuptools."""
    subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "--require-hashes", "--no-deps", "-r", str(lock)])
    # and nothing more: what an older lock (or someone's `pip install`) left behind goes
    locked = {normalise(m) for m in re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", lock.read_text(), re.MULTILINE)}
    listed = subprocess.check_output([str(python), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
                                     text=True)
    extra = sorted(p["name"] for p in json.loads(listed) if normalise(p["name"]) not in locked | {"phieu-desktop"})
    if extra:
        print("[dev] gỡ các gói không có trong requirements/dev.txt: " + ", ".join(extra), flush=True)
        subprocess.check_call([str(python), "-m", "pip", "uninstall", "--quiet", "--yes", *extra])
    # setuptools' notice about editable installs ("be careful with folders … same name") is for its own developers
    quiet = dict(os.environ, PYTHONWARNINGS="ignore")
    subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                           "--no-build-isolation", "-e", str(ROOT)], env=quiet)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def run(*command: str) -> int:
    return subprocess.call([str(c) for c in command], cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test", "bench", "lint", "lock", "newest"):
        print(__doc__)
        return 2
    if argv[0] in ("lock", "newest"):  # tools/lock.py, tools/newest.py: their own environments under build/
        return run(sys.executable, ROOT / "tools" / f"{argv[0]}.py", *argv[1:])
    ensure_environment()
    what, rest = argv[0], argv[1:]
    if what == "test":  # lint first (under a second): a finding fails the test command like a failing test
        return run(PYTHON, "-m", "ruff", "check", ".") or run(PYTHON, "-m", "pytest", *rest)
    if what == "lint":
        return run(PYTHON, "-m", "ruff", "check", *(rest or ["."]))
    if what == "bench":
        code = 0
        for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
            code |= run(PYTHON, script, *rest)
        return code
    demo_dir = ROOT / "demo"
    demo_dir.mkdir(exist_ok=True)
    demo = demo_dir / "demo.phieu"
    if demo.exists():
        demo.unlink()
    code = run(PYTHON, "-m", "phieu_desktop.cli", "demo", demo)
    if code:
        return code
    return run(PYTHON, "-m", "phieu_desktop", *rest, demo)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

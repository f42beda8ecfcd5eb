#!/usr/bin/env python3
"""Set up and run phieu-desktop from a fresh clone, on Linux, macOS or Windows.

    python3 dev.py demo    # virtual environment + packages, then the window on a demo session
    python3 dev.py test    # virtual environment + packages, then ruff (lint) and the whole test suite
    python3 dev.py bench   # the timing scripts in benchmarks/
    python3 dev.py lint    # ruff: pyflakes, pycodestyle, import order, bugbear (configured in pyproject.toml)

Extra arguments after `test` go to pytest (e.g. `python3 dev.py test -k tally`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PHIEU_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".phieu-installed"


def ensure_environment() -> None:
    """Create the virtual environment and install the package with its test extras, once per pyproject change."""
    if sys.version_info < (3, 11):
        sys.exit("phieu-desktop cần Python 3.11 trở lên (đang chạy %d.%d)." % sys.version_info[:2])
    if not PYTHON.exists():
        print(f"[dev] tạo môi trường ảo {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("[dev] cài đặt các gói cần thiết", flush=True)
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"])
    STAMP.write_text(wanted)


def run(*command: str) -> int:
    return subprocess.call([str(c) for c in command], cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test", "bench", "lint"):
        print(__doc__)
        return 2
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

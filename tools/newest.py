"""What would break next month: the newest releases pyproject.toml allows, tried in a separate environment.

    python3 dev.py newest                  # report only; exit 0 when nothing breaks, 1 otherwise
    python3 dev.py newest -k signing       # extra arguments go to pytest
    python3 dev.py newest --beyond-bounds  # try the newest releases even past our upper bounds (before lifting one)

Not part of CI's gate (CI installs requirements/dev.txt, which does not move). It resolves the newest versions that
pyproject.toml admits (uv, no lock), installs them into build/venv-newest, runs the quick tests (`-m "not slow"`)
there, and prints: each package whose newest allowed version differs from the lock, the releases beyond our upper
bounds (to be tried before a bound is lifted), and the tests that fail. When all is well: `python3 dev.py lock`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lock  # noqa: E402  (tools/lock.py: uv, the pins of a lock file)

ROOT = lock.ROOT
VENV = ROOT / "build" / "venv-newest"
PYTHON = VENV / ("Scripts" if os.name == "nt" else "bin") / ("python.exe" if os.name == "nt" else "python")
EXTRAS = ["--extra", "test"]


def resolve(pyproject: Path) -> str:
    """The newest versions (with hashes) pyproject allows, for this machine's Python and platform."""
    return lock.compile_lock([str(pyproject)], *EXTRAS)


def without_upper_bounds(pyproject: Path, target: Path) -> None:
    """A copy of pyproject.toml whose requirements lose their `<` bounds (to see what lies beyond them)."""
    text = pyproject.read_text(encoding="utf-8")
    text = re.sub(r'("[A-Za-z0-9._\[\]-]+>=[^",<]+),\s*<[^"]+"', r'\1"', text)
    target.write_text(text, encoding="utf-8")


def failures(output: str) -> list[str]:
    return [line.split(" ", 1)[1].split(" - ")[0] for line in output.splitlines()
            if line.startswith(("FAILED ", "ERROR "))]


def main(argv: list[str]) -> int:
    beyond_bounds = "--beyond-bounds" in argv
    argv = [a for a in argv if a != "--beyond-bounds"]
    locked = lock.pins(lock.DEV)
    print("[newest] resolving the newest versions pyproject.toml allows", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        allowed_text = resolve(ROOT / "pyproject.toml")
        allowed_file = Path(tmp) / "newest.txt"
        allowed_file.write_text(allowed_text, encoding="utf-8")
        allowed = lock.pins(allowed_file)
        unbounded_project = Path(tmp) / "unbounded" / "pyproject.toml"
        unbounded_project.parent.mkdir()
        without_upper_bounds(ROOT / "pyproject.toml", unbounded_project)
        unbounded_file = Path(tmp) / "unbounded.txt"
        unbounded_file.write_text(lock.compile_lock([str(unbounded_project)], *EXTRAS), encoding="utf-8")
        unbounded = lock.pins(unbounded_file)

        tried = unbounded if beyond_bounds else allowed
        print(f"[newest] installing into {VENV.relative_to(ROOT)}"
              + (" (beyond our upper bounds)" if beyond_bounds else ""), flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)  # a fresh one: nothing left from the last try
        subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                               "--require-hashes", "--no-deps",
                               "-r", str(unbounded_file if beyond_bounds else allowed_file)])
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                           "--no-build-isolation", "-e", str(ROOT)], env=dict(os.environ, PYTHONWARNINGS="ignore"))
    print("[newest] quick tests (-m 'not slow') on these versions", flush=True)
    done = subprocess.run([str(PYTHON), "-m", "pytest", "-m", "not slow", "-q", "-p", "no:cacheprovider", "-rfE",
                           *argv], cwd=ROOT, capture_output=True, text=True)
    (ROOT / "build" / "newest-pytest.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    failed = failures(done.stdout)

    print("\n[newest] report")
    changed = sorted(name for name in tried if tried[name] != locked.get(name))
    print(f"  {'package':28} {'locked':14} {'tried':16}")
    for name in changed:
        print(f"  {name:28} {locked.get(name, '(new)'):14} {tried[name]:16}")
    if not changed:
        print("  the lock already holds the newest versions pyproject.toml allows")
    beyond = sorted(name for name in unbounded if unbounded[name] != allowed.get(name))
    print("  beyond our upper bounds" + (" (tried above): " if beyond_bounds else " (not tried; --beyond-bounds): ")
          + (", ".join(f"{name} {unbounded[name]}" for name in beyond) or "nothing"))
    summary = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(f"  tests: {summary}")
    for test in failed:
        print(f"    FAILED {test}")
    if not failed and done.returncode == 0:
        print("  no failure: " + ("lift the bounds in pyproject.toml, then " if beyond_bounds else "")
              + "`python3 dev.py lock` takes these versions (then run `python3 dev.py test`)")
    print(f"  full pytest output: {(ROOT / 'build' / 'newest-pytest.log').relative_to(ROOT)}")
    return 0 if done.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The lock files under requirements/: exactly what is installed, with the SHA-256 of every file pip may take.

    python3 dev.py lock        # regenerate all three from pyproject.toml (after changing a dependency)

requirements/dev.txt           every dependency of pyproject.toml with the `test` and `build` extras, for every
                               platform and CPython 3.11 and later (markers where they differ): dev.py, .ci/run
                               and packaging/build install from it
requirements/windows.txt       what the Windows installer ships: the runtime dependencies for win_amd64, CPython
                               3.13 (the embeddable Python), at the versions of dev.txt
requirements/windows-tests.txt the test-only packages that packaging/windows/wine-check adds to run the suite under
                               the Windows Python (those already in windows.txt left out)

uv (pinned below, installed into build/venv-uv) resolves; pip installs, with --require-hashes. No index address is
written into the files (uv's own uv.lock would record one per file). Each file's header records the SHA-256 of the
dependency tables of pyproject.toml it was compiled from; tests/packaging/test_lock.py fails when they no longer
match, i.e. when someone changed a dependency without re-locking.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / "requirements"
UV_VERSION = "0.13.9"
UV_VENV = ROOT / "build" / "venv-uv"
DEV = REQUIREMENTS / "dev.txt"
WINDOWS = REQUIREMENTS / "windows.txt"
WINDOWS_TESTS = REQUIREMENTS / "windows-tests.txt"
WINDOWS_TARGET = ["--python-platform", "x86_64-pc-windows-msvc", "--python-version", "3.13"]
# The test extra minus what the Wine run never uses (ruff lints on Linux; setuptools builds the wheel on Linux).
NOT_UNDER_WINE = {"ruff", "setuptools"}
HASH_LINE = "# pyproject-dependencies-sha256: "
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def dependency_tables(pyproject: Path = ROOT / "pyproject.toml") -> dict:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data["project"]
    return {
        "build-system.requires": data["build-system"]["requires"],
        "requires-python": project["requires-python"],
        "dependencies": project["dependencies"],
        "optional-dependencies": project.get("optional-dependencies", {}),
    }


def dependencies_hash(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """SHA-256 of what a lock depends on: formatting and comments of pyproject.toml do not count."""
    canonical = json.dumps(dependency_tables(pyproject), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def recorded_hash(lock: Path) -> str | None:
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith(HASH_LINE):
            return line[len(HASH_LINE):].strip()
    return None


def pins(lock: Path) -> dict[str, str]:
    """{normalised name: version} of a lock file."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[normalise(match.group(1))] = match.group(2)
    return found


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def uv() -> Path:
    """uv, pinned, in a virtual environment of its own (build/venv-uv)."""
    binary = UV_VENV / ("Scripts" if os.name == "nt" else "bin") / ("uv.exe" if os.name == "nt" else "uv")
    python = binary.parent / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(UV_VENV)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout if binary.exists() else ""
    if f"uv {UV_VERSION}" not in version:
        subprocess.check_call([python, "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}"])
    return binary


def compile_lock(inputs: list[str], *options: str, constraints: dict[str, str] | None = None) -> str:
    """`uv pip compile` with hashes, no header, no annotations, no index address; returns the pins."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(uv()), "pip", "compile", *inputs, "--generate-hashes", "--no-header", "--no-annotate",
                   "--quiet", "--no-emit-index-url", "--no-emit-find-links", "-o", str(Path(tmp) / "out.txt"),
                   *options]
        if constraints:
            constraint_file = Path(tmp) / "constraints.txt"
            constraint_file.write_text("".join(f"{name}=={version}\n" for name, version in constraints.items()))
            command += ["-c", str(constraint_file)]
        # uv reads no pip configuration; its own settings from the environment would change the result
        env = {k: v for k, v in os.environ.items() if not k.startswith("UV_")}
        env["UV_NO_CONFIG"] = "1"
        subprocess.check_call(command, cwd=ROOT, env=env)
        return (Path(tmp) / "out.txt").read_text(encoding="utf-8")


def blocks(text: str) -> dict[str, str]:
    """{normalised name: the pin with its hash lines} of uv's output."""
    found: dict[str, str] = {}
    current = None
    for line in text.splitlines(keepends=True):
        match = PIN.match(line)
        if match:
            current = normalise(match.group(1))
            found[current] = line
        elif current and line.startswith((" ", "\t")):
            found[current] += line
        else:
            current = None
    return found


def write(lock: Path, what: str, body: str) -> None:
    header = (f"# {lock.relative_to(ROOT).as_posix()}: {what}\n"
              f"# Written by `python3 dev.py lock` (uv {UV_VERSION}, tools/lock.py) from pyproject.toml; "
              "do not edit by hand.\n"
              f"{HASH_LINE}{dependencies_hash()}\n")
    lock.write_text(header + body, encoding="utf-8")
    print(f"[lock] {lock.relative_to(ROOT)}: {len(pins(lock))} packages", flush=True)


def main() -> int:
    REQUIREMENTS.mkdir(exist_ok=True)
    dev = compile_lock(["pyproject.toml"], "--universal", "--python-version", "3.11",
                       "--extra", "test", "--extra", "build")
    write(DEV, "every platform, CPython 3.11+, with the test and build extras "
               "(dev.py, .ci/run, packaging/build)", dev)
    tested = pins(DEV)
    runtime = compile_lock(["pyproject.toml"], *WINDOWS_TARGET, constraints=tested)
    write(WINDOWS, "what the Windows installer ships: win_amd64, CPython 3.13 (packaging/windows/build)", runtime)
    test_extra = [r for r in dependency_tables()["optional-dependencies"]["test"]
                  if normalise(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0]) not in NOT_UNDER_WINE]
    with tempfile.TemporaryDirectory() as tmp:
        wanted = Path(tmp) / "windows-tests.in"
        wanted.write_text("".join(f"{r}\n" for r in [*dependency_tables()["dependencies"], *test_extra]))
        full = compile_lock([str(wanted)], *WINDOWS_TARGET, constraints=tested)
    shipped = blocks(runtime)
    only_tests = "".join(block for name, block in blocks(full).items() if name not in shipped)
    write(WINDOWS_TESTS, "the test-only packages of the Wine run, win_amd64, CPython 3.13 "
                         "(packaging/windows/wine-check; the rest comes from windows.txt)", only_tests)
    return 0


if __name__ == "__main__":
    sys.exit(main())

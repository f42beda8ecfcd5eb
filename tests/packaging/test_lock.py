"""The lock files (requirements/*.txt, tools/lock.py) match pyproject.toml, pin every file by its hash, name no index
and agree with each other: what the Windows installer ships is what the Linux tests ran on."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[2]
_spec = importlib.util.spec_from_file_location("phieu_lock_tool", ROOT / "tools" / "lock.py")
lock = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lock)
LOCKS = [lock.DEV, lock.WINDOWS, lock.WINDOWS_TESTS]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def requirements(*extras: str) -> list[Requirement]:
    found = [Requirement(r) for r in PROJECT["dependencies"]]
    for extra in extras:
        found += [Requirement(r) for r in PROJECT["optional-dependencies"][extra]]
    return found


@pytest.mark.parametrize("path", LOCKS, ids=lambda p: p.name)
def test_locked_from_the_current_pyproject(path):
    assert lock.recorded_hash(path) == lock.dependencies_hash(), (
        f"pyproject.toml's dependencies changed since {path.name} was written: run `python3 dev.py lock`")


@pytest.mark.parametrize("path", LOCKS, ids=lambda p: p.name)
def test_every_pin_carries_its_hashes_and_no_address(path):
    text = path.read_text(encoding="utf-8")
    blocks = lock.blocks(text)
    assert blocks
    for name, block in blocks.items():
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), f"{name} has no hash"
        assert "==" in block.splitlines()[0], f"{name} is not pinned"
    assert "://" not in text
    for option in ("--index-url", "--extra-index-url", "--find-links", "--trusted-host", "-i ", "-f "):
        assert option not in text
    for line in text.splitlines():  # only pins, hash lines and comments: nothing pip would take for an option
        assert line.startswith(("#", "    --hash=sha256:")) or lock.PIN.match(line), line


def test_the_bounds_of_pyproject_admit_the_locked_versions():
    tested = lock.pins(lock.DEV)
    for requirement in requirements(*PROJECT["optional-dependencies"]):
        name = canonicalize_name(requirement.name)
        assert name in tested, f"{name} is not locked"
        assert requirement.specifier.contains(tested[name], prereleases=True), (
            f"{name} {tested[name]} is outside {requirement.specifier}")


def test_the_windows_installer_ships_the_tested_versions():
    tested, shipped, tests = lock.pins(lock.DEV), lock.pins(lock.WINDOWS), lock.pins(lock.WINDOWS_TESTS)
    for requirement in requirements():
        assert canonicalize_name(requirement.name) in shipped
    for name, version in {**shipped, **tests}.items():
        assert tested.get(name) == version, f"{name}: Windows {version}, tested on Linux {tested.get(name)}"
    assert not set(shipped) & set(tests), "the Wine test lib must not shadow the installed copy's packages"


def test_one_qt_line():
    """Linux and Windows run the same Qt (6.8 LTS): pyproject's bound holds it, the locks agree."""
    assert lock.pins(lock.DEV)["pyside6-essentials"].startswith("6.8.")
    assert lock.pins(lock.WINDOWS)["pyside6-essentials"] == lock.pins(lock.DEV)["pyside6-essentials"]


def test_dev_py_newest_looks_beyond_the_upper_bounds_only(tmp_path):
    spec = importlib.util.spec_from_file_location("phieu_newest_tool", ROOT / "tools" / "newest.py")
    newest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(newest)
    newest.without_upper_bounds(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    project = tomllib.loads((tmp_path / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    unbounded = [Requirement(r) for r in project["dependencies"]]
    assert [r.name for r in unbounded] == [r.name for r in requirements()]
    assert all(not any(s.operator in ("<", "<=") for s in r.specifier) for r in unbounded)
    assert all(any(s.operator == ">=" for s in r.specifier) for r in unbounded), "lower bounds stay"
    assert project["requires-python"] == PROJECT["requires-python"]

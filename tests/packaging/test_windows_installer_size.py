"""packaging/windows/build fails when the installer is over its size limit, naming the largest parts."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

BUILD = Path(__file__).resolve().parents[2] / "packaging" / "windows" / "build"


def load_build():
    loader = importlib.machinery.SourceFileLoader("windows_build", str(BUILD))
    spec = importlib.util.spec_from_loader("windows_build", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def sized(path: Path, megabytes: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.truncate(int(megabytes * 1e6))  # sparse: no disk written
    return path


def test_an_installer_over_60_mb_fails_the_build(tmp_path, capsys):
    build = load_build()
    assert build.INSTALLER_LIMIT_MB == 60
    stage = tmp_path / "stage"
    sized(stage / "lib" / "PySide6" / "Qt6Gui.dll", 12)
    sized(stage / "lib" / "huge_new_dependency" / "data.bin", 90)
    sized(stage / "python" / "python313.zip", 3)
    build.check_size(sized(tmp_path / "setup.exe", 40.6), stage)  # today's installer passes
    with pytest.raises(SystemExit) as ended:
        build.check_size(sized(tmp_path / "setup.exe", 60.1), stage)
    assert ended.value.code == 1
    report = capsys.readouterr().err
    assert "60.1 MB, over the 60 MB limit" in report
    assert report.index("huge_new_dependency") < report.index("PySide6")  # largest first

"""The wheel is whole: built from a copy of the source, installed into a fresh virtual environment, run from a
folder far from the source tree, it prints every document kind with its own fonts, forms and guide.

The fresh environment gets only the wheel; the third-party packages it needs are borrowed from the test
environment through a `.pth` line (which adds that folder but runs none of its `.pth` files, so the editable
install of the source tree stays out of sight).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).parents[2]
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "demo", "*.egg-info", "__pycache__", ".pytest_cache",
                              ".hypothesis", "*.phieu")
PRINTED = ("ballots", "minutes", "report", "log", "dossier")

pytestmark = pytest.mark.slow


def run(*command, cwd: Path, env: dict | None = None) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, work / "src", ignore=SKIP)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", work / "out",
        work / "src", cwd=work)
    (built,) = (work / "out").glob("phieu_desktop-*.whl")
    return built


def test_the_wheel_carries_forms_fonts_icons_translations_and_the_guide(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"phieu_desktop/forms/{p.name}" for p in (ROOT / "forms").glob("*.toml")}
    expected |= {f"phieu_desktop/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
                 for p in (ROOT / "resources").rglob("*") if p.is_file()}
    expected |= {"phieu_desktop/docs/huong-dan.md", "phieu_desktop/docs/recount.md"}  # the guide and the recount
    expected |= {f"phieu_desktop/docs/screenshots/{p.name}" for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert expected - names == set()
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "phieu_desktop").rglob("__init__.py")}
    assert {f"{package}/__init__.py" for package in packages} - names == set()


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment holding only the wheel (dependencies borrowed, see the module's doc)."""
    where = tmp_path_factory.mktemp("fresh venv")
    env_dir = where / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=where).strip())
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel,
        cwd=where)
    return env_dir


def clean_environment(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PHIEU_") and k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return dict(env, PHIEU_HOME=str(home), PYTHONIOENCODING="utf-8", QT_QPA_PLATFORM="offscreen")


def test_the_installed_program_prints_every_document_far_from_the_source(installed, tmp_path):
    bin_dir = installed / ("Scripts" if os.name == "nt" else "bin")
    work = tmp_path / "Hội nghị 2023"
    work.mkdir()
    env = clean_environment(tmp_path / "home")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    where = run(python, "-c", "import phieu_desktop; print(phieu_desktop.__file__)", cwd=work, env=env).strip()
    assert Path(where).is_relative_to(installed) and not Path(where).is_relative_to(ROOT)

    phieu = bin_dir / "phieu"
    run(phieu, "demo", "phiên mẫu.phieu", cwd=work, env=env)
    for kind in PRINTED:
        run(phieu, "print", kind, "phiên mẫu.phieu", "-o", f"{kind}.pdf", cwd=work, env=env)
    run(phieu, "guide", "-o", "huong-dan.pdf", cwd=work, env=env)
    run(phieu, "export-xlsx", "phiên mẫu.phieu", "-o", "ket-qua.xlsx", cwd=work, env=env)
    assert zipfile.is_zipfile(work / "ket-qua.xlsx")

    for name in [f"{kind}.pdf" for kind in PRINTED] + ["huong-dan.pdf"]:
        reader = PdfReader(work / name)
        fonts = {str(font.get("/BaseFont")) for page in reader.pages
                 for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
                 for font in [font.get_object()]}
        assert any("LiberationSerif" in font for font in fonts), (name, fonts)
        assert len(reader.pages) >= 1
    guide_images = sum(len(page.images) for page in PdfReader(work / "huong-dan.pdf").pages)
    assert guide_images > 0, "the guide's screenshots travel with the wheel"
    assert "BIÊN BẢN" in "".join(page.extract_text() for page in PdfReader(work / "minutes.pdf").pages).upper()


def test_the_installed_window_finds_its_qt_translation(installed, tmp_path):
    """`--smoke-test` exits 4 when resources/translations/qt_vi.qm is not found beside the installed code."""
    bin_dir = installed / ("Scripts" if os.name == "nt" else "bin")
    env = clean_environment(tmp_path / "home")
    run(bin_dir / "phieu", "demo", "demo.phieu", cwd=tmp_path, env=env)
    run(bin_dir / "phieu-desktop", "--smoke-test", "0", "demo.phieu", cwd=tmp_path, env=env)

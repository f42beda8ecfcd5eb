"""What pyproject.toml cannot say: three top-level folders travel inside the installed package.

    forms/      → phieu_desktop/forms        (wording and layout of each printed form)
    resources/  → phieu_desktop/resources    (fonts, icons, Qt translations)
    docs/       → phieu_desktop/docs         (the user guide and its screenshots, printable from the Help menu)

`phieu_desktop/paths.py` finds them in either place, so the source tree, a wheel, the frozen build and the Windows
folder all work. Every other setting lives in pyproject.toml.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
# folder → the files of its top level that are shipped (every file of its subfolders is)
BUNDLED = {"forms": ["*.toml"], "resources": ["*"], "docs": ["huong-dan.md", "recount.md"]}


def bundled() -> tuple[dict[str, str], dict[str, list[str]]]:
    """package_dir and package_data for each bundled folder and its subfolders (each a data-only package)."""
    package_dir, package_data = {}, {}
    for folder, top in BUNDLED.items():
        for path in [HERE / folder] + sorted(p for p in (HERE / folder).rglob("*") if p.is_dir()):
            relative = path.relative_to(HERE)
            package = ".".join(("phieu_desktop", folder, *relative.parts[1:]))
            package_dir[package] = relative.as_posix()
            package_data[package] = top if path == HERE / folder else ["*"]
    return package_dir, package_data


PACKAGE_DIR, PACKAGE_DATA = bundled()

setup(
    packages=find_packages(include=["phieu_desktop", "phieu_desktop.*"]) + list(PACKAGE_DIR),
    package_dir=PACKAGE_DIR,
    package_data=PACKAGE_DATA,
)

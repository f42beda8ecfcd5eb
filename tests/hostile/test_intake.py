"""The higher level's intake (issue 21, items 5 and 6): a hostile passphrase header, swapped minutes.

What the program did is counted (exit code, units consolidated), never a literal.
"""

from __future__ import annotations

import re

from phieu_desktop.domain.limits import MAX_SCRYPT_WORK_FACTOR
from phieu_desktop.exchange import age_scrypt
from phieu_desktop.exchange.export import export_session
from phieu_desktop.store import SessionFile
from tests.exchange.conftest import build_unit

from .helpers import phieu, record

PASSPHRASE = "mật khẩu dài đủ 12"


def _with_work_factor(data: bytes, factor: bytes) -> bytes:
    """The same package, its header now declaring another scrypt work factor (what a forger can type)."""
    return re.sub(rb"(\n-> scrypt \S+ )\d+\n", lambda m: m.group(1) + factor + b"\n", data, count=1)


def test_a_hostile_scrypt_work_factor_refuses_that_file_alone(tmp_path):
    """2^22 / 2^23 made pyrage allocate 4-8 GiB and abort the whole consolidation (exit -6, no report)."""
    sessions = {name: tmp_path / f"{name}.phieu" for name in ("that", "khac")}
    build_unit(sessions["that"], "Sở Y tế tỉnh Hà Giang")
    build_unit(sessions["khac"], "Sở Tư pháp tỉnh Hà Giang")
    packages = {}
    for name, path in sessions.items():
        packages[name] = tmp_path / f"{name}.phieux"
        with SessionFile.open(path) as file:
            export_session(file, packages[name], [], PASSPHRASE)
    genuine = packages["that"].read_bytes()
    assert age_scrypt.work_factor_of(genuine) <= MAX_SCRYPT_WORK_FACTOR  # our own exports pass
    hostile = {"22": b"22", "23": b"23", "40": b"40", "leading-zero": b"0023", "huge": b"9" * 5000,
               "none": b""}
    for label, factor in hostile.items():
        (tmp_path / f"xau-{label}.phieux").write_bytes(_with_work_factor(genuine, factor))
    env = {"PHIEU_PASSPHRASE": PASSPHRASE, "PHIEU_HOME": str(tmp_path / "home")}
    run = phieu("consolidate", "--passphrase", packages["khac"], *sorted(tmp_path.glob("xau-*.phieux")),
                "-o", tmp_path / "tong-hop.json", cwd=tmp_path, env=env)
    refused = [line for line in run.stderr.splitlines() if "TỪ CHỐI" in line and "scrypt" in line]
    # the report was written with the one good unit; each hostile file refused on its own, by name
    report_written = (tmp_path / "tong-hop.json").exists()
    wrong = len(hostile) - len(refused)
    record("consolidation: passphrase header (scrypt work factor)", len(hostile), wrong)
    assert run.returncode == 3 and report_written, (run.returncode, run.stderr[-2000:])
    assert wrong == 0 and "Traceback" not in run.stderr, run.stderr
    assert all(any(f"xau-{label}" in line for line in refused) for label in hostile), refused

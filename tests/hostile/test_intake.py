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


def _repack_with_minutes(package, board, minutes: bytes) -> None:
    """Anyone holding the higher level's public key: decrypt nothing, but re-pack a genuine unit (here we decrypt
    with the board's key only to build the forgery) with another meeting's minutes and a matching manifest."""
    import io
    import json
    import zipfile

    from phieu_desktop.exchange import age
    from phieu_desktop.exchange.package import MANIFEST, MINUTES, sha256

    clear = age.decrypt(package.read_bytes(), [board], None)
    archive = zipfile.ZipFile(io.BytesIO(clear))
    members = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    members[MINUTES] = minutes
    manifest = json.loads(members[MANIFEST])
    manifest["files"][MINUTES] = sha256(minutes)
    members[MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    package.write_bytes(age.encrypt(buffer.getvalue(), [board.to_public()], None))


def test_minutes_swapped_into_a_genuine_package_are_not_called_the_units(tmp_path):
    from pyrage import x25519

    from phieu_desktop.domain.errors import PhieuError
    from phieu_desktop.exchange.consolidate import Consolidator
    from phieu_desktop.exchange.intake import Credentials, verified_minutes

    board = x25519.Identity.generate()
    packages = {}
    for name, unit in (("that", "Sở Y tế tỉnh Hà Giang"), ("khac", "Sở Tư pháp tỉnh Hà Giang")):
        build_unit(tmp_path / f"{name}.phieu", unit)
        packages[name] = tmp_path / f"{name}.phieux"
        with SessionFile.open(tmp_path / f"{name}.phieu") as file:
            export_session(file, packages[name], [board.to_public()])
    credentials = Credentials(identities=[board])
    genuine = verified_minutes("that.phieux", packages["that"].read_bytes(), credentials)  # tied: handed out
    other = verified_minutes("khac.phieux", packages["khac"].read_bytes(), credentials)
    _repack_with_minutes(packages["that"], board, other)
    consolidator = Consolidator(credentials)
    unit = consolidator.add_file(packages["that"])
    handed_out = None
    try:
        handed_out = verified_minutes("that.phieux", packages["that"].read_bytes(), credentials)
    except PhieuError as err:
        assert "không phải của đơn vị" in str(err)
    wrong = int(handed_out is not None or getattr(unit, "with_minutes", False))
    record("consolidation: minutes swapped in a genuine package", 1, wrong)
    assert genuine != other and wrong == 0
    assert getattr(unit, "fingerprint", None)  # the count itself is still the unit's (the seal is intact)


def test_a_full_disk_during_consolidate_to_xlsx_says_one_thing(tmp_path):
    """It printed the right Vietnamese line, then ~60 lines of "Exception ignored … Errno 28" and lxml tracebacks."""
    import contextlib
    import os

    from phieu_desktop.exchange.keys import load_identity

    from .test_disks import small_disk

    key = tmp_path / "cap-tren.key"
    env = {"PHIEU_PASSPHRASE": PASSPHRASE, "PHIEU_HOME": str(tmp_path / "home")}
    assert phieu("keygen", "-o", key, cwd=tmp_path, env=env).returncode == 0
    board = load_identity(key, PASSPHRASE)
    build_unit(tmp_path / "dv.phieu", "Sở Y tế tỉnh Hà Giang")
    with SessionFile.open(tmp_path / "dv.phieu") as file:
        export_session(file, tmp_path / "dv.phieux", [board.to_public()], minutes=None)
    outs = {}
    with small_disk(tmp_path / "day", "256k") as disk:
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
        with contextlib.suppress(OSError):
            while True:
                os.write(filler, b"\0" * 4096)
        os.close(filler)
        for suffix in ("xlsx", "pdf", "json"):
            outs[suffix] = phieu("consolidate", "--identity", key, tmp_path / "dv.phieux", "-o",
                                 disk / f"tong-hop.{suffix}", cwd=tmp_path, env=env)
        left = sorted(p.name for p in disk.iterdir())
    noisy = {s: r.stderr for s, r in outs.items()
             if r.returncode != 1 or "Exception ignored" in r.stderr or "Traceback" in r.stderr
             or "ổ đĩa đã đầy" not in r.stderr or len(r.stderr.strip().splitlines()) > 2}
    record("full disk (consolidate -o .xlsx/.pdf/.json)", len(outs), len(noisy))
    assert not noisy, noisy
    assert left == ["filler"]

"""Consolidation refuses, naming the file and the reason, anything it cannot prove; the rest goes through."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pyrage import x25519

from phieu_desktop.domain.tally import result_to_json, tally
from phieu_desktop.exchange import age
from phieu_desktop.exchange.consolidate import Consolidator, consolidate, fingerprint_group_matches, pick_group
from phieu_desktop.exchange.consolidated_report import rows, same_name_groups
from phieu_desktop.exchange.export import export_session
from phieu_desktop.exchange.intake import Credentials
from phieu_desktop.exchange.package import build_zip
from phieu_desktop.store import SessionFile
from tests.behind import as_version_1, behind_the_back
from tests.exchange.conftest import build_unit, export_unit


@pytest.fixture(scope="module")
def sealed(tmp_path_factory, board) -> bytes:
    """One good package (without minutes, to keep it small enough to flip every byte)."""
    folder = tmp_path_factory.mktemp("sealed")
    build_unit(folder / "u.phieu", "Sở Giáo dục và Đào tạo")
    return export_unit(folder / "u.phieu", folder / "u.phieux", board.to_public()).read_bytes()


def _refused(data: bytes, credentials: Credentials, name: str = "x.phieux") -> str | None:
    consolidator = Consolidator(credentials)
    outcome = consolidator.add_bytes(name, data)
    return None if consolidator.units else outcome.message


def test_the_good_package_goes_through(sealed, credentials):
    assert _refused(sealed, credentials) is None


def test_wrong_identity(sealed):
    message = _refused(sealed, Credentials([x25519.Identity.generate()]), "don-vi.phieux")
    assert message == "don-vi.phieux: tệp được mã hóa cho một khóa khác (hoặc phần đầu tệp đã bị sửa đổi)"


def test_a_flipped_bit_anywhere_is_refused(sealed, credentials):
    """Every byte of the file, each with one bit flipped (the bit rotates with the position)."""
    accepted = []
    for index in range(len(sealed)):
        damaged = bytearray(sealed)
        damaged[index] ^= 1 << (index % 8)
        try:
            age.decrypt(bytes(damaged), credentials.identities)
        except Exception:
            continue
        accepted.append(index)
    assert accepted == []
    # and through the whole consolidation path, a few positions, each named with a reason
    for index in (0, 30, len(sealed) // 2, len(sealed) - 1):
        damaged = bytearray(sealed)
        damaged[index] ^= 0x80
        message = _refused(bytes(damaged), credentials)
        assert message and message.startswith("x.phieux: ")


@pytest.mark.parametrize("keep", [0, 1, 21, 60, 200, "half", "minus-one"])
def test_a_truncated_file_is_refused(sealed, credentials, keep):
    length = {"half": len(sealed) // 2, "minus-one": len(sealed) - 1}.get(keep, keep)
    message = _refused(sealed[:length], credentials)
    assert message and message.startswith("x.phieux: ")


def test_foreign_files_are_refused(tmp_path, credentials):
    build_unit(tmp_path / "u.phieu", "Sở Tư pháp")
    (tmp_path / "note.phieux").write_text("xin chào")
    inner = age.encrypt(b"not a zip at all", [credentials.identities[0].to_public()])
    (tmp_path / "inner.phieux").write_bytes(inner)
    result = consolidate([tmp_path / "u.phieu", tmp_path / "note.phieux", tmp_path / "inner.phieux",
                          tmp_path / "missing.phieux"], credentials)
    reasons = {p.source: p.reason for p in result.problems}
    assert result.units == []
    assert "không phải tệp mã hóa age" in reasons["u.phieu"] and "không phải tệp mã hóa age" in reasons["note.phieux"]
    assert "không phải tệp zip" in reasons["inner.phieux"]
    assert reasons["missing.phieux"] == "không tìm thấy tệp"


# --- a modified copy of the program, exporting what the real one refuses to ---

def evil_export(session_path: Path, out: Path, recipient, *, results: dict | None = None,
                fingerprint: str | None = None) -> Path:
    """Skips every check: reads the raw tables, tallies them itself, packages and encrypts."""
    with SessionFile.open(session_path) as file:
        session, real_fingerprint = file.session, file.fingerprint
        marks = {key: [m for _n, m in rows_] for key, rows_ in file.all_ballots().items()}
        computed = result_to_json(tally(session, marks, locked=file.locked, fingerprint=real_fingerprint))
    clear = build_zip(session, fingerprint or real_fingerprint or "", session_path.read_bytes(),
                      results if results is not None else computed, None)
    out.write_bytes(age.encrypt(clear, [recipient]))
    return out


def test_ballot_edited_behind_the_back_then_exported_by_a_modified_program(tmp_path, board, credentials):
    build_unit(tmp_path / "u.phieu", "Sở Tài nguyên và Môi trường")
    behind_the_back(tmp_path / "u.phieu", "UPDATE ballots SET marks = 'LLL' WHERE number = 5")
    package = evil_export(tmp_path / "u.phieu", tmp_path / "u.phieux", board.to_public())
    result = consolidate([package], credentials)
    assert result.units == []
    [problem] = result.problems
    assert problem.source == "u.phieux"
    assert "đã bị thay đổi ngoài chương trình" in problem.reason and "phiếu số 5" in problem.reason


def test_doctored_results_manifest_or_unlocked_count_are_refused(tmp_path, board, credentials):
    build_unit(tmp_path / "u.phieu", "Sở Văn hóa")
    build_unit(tmp_path / "open.phieu", "Sở Du lịch", lock=False)
    with SessionFile.open(tmp_path / "u.phieu") as file:
        doctored = result_to_json(file.results())
    doctored["ballots"][0]["persons"][0]["counts"]["low"] = 0
    recipient = board.to_public()
    packages = [
        evil_export(tmp_path / "u.phieu", tmp_path / "results.phieux", recipient, results=doctored),
        evil_export(tmp_path / "u.phieu", tmp_path / "manifest.phieux", recipient,
                    fingerprint="0000-0000-0000-0000-0000-0000"),
        evil_export(tmp_path / "open.phieu", tmp_path / "open.phieux", recipient),
    ]
    result = consolidate(packages, credentials)
    reasons = {p.source: p.reason for p in result.problems}
    assert result.units == []
    assert reasons["results.phieux"] == "kết quả gửi kèm không khớp kết quả tính lại từ các phiếu"
    assert "mã niêm phong ghi trong bản kê (0000-0000" in reasons["manifest.phieux"]
    assert reasons["open.phieux"] == "kết quả trong gói chưa được khóa và niêm phong"


def test_a_rebuilt_forgery_passes_the_file_checks_but_not_the_paper(tmp_path, board, credentials):
    """Someone re-enters different ballots in a new file: only the fingerprint on the paper minutes tells."""
    paper_fingerprint = build_unit(tmp_path / "real.phieu", "Sở Ngoại vụ")
    build_unit(tmp_path / "forged.phieu", "Sở Ngoại vụ", ballots=["LLL"] * 24)
    package = export_unit(tmp_path / "forged.phieu", tmp_path / "ngoai-vu.phieux", board.to_public())
    consolidator = Consolidator(credentials)
    unit = consolidator.add_file(package)
    assert unit.fingerprint != paper_fingerprint
    assert not consolidator.confirm_paper("ngoai-vu.phieux", paper_fingerprint.split("-")[2], group=3)
    assert consolidator.units == []
    assert "trên biên bản giấy" in consolidator.problems[0].message
    real = export_unit(tmp_path / "real.phieu", tmp_path / "real.phieux", board.to_public())
    consolidator.add_file(real)
    assert consolidator.confirm_paper("real.phieux", paper_fingerprint.split("-")[2].lower(), group=3)
    assert [u.source for u in consolidator.units] == ["real.phieux"]


def test_the_same_unit_twice(tmp_path, make_package, credentials, board):
    first = make_package("Sở Y tế", name="y-te")
    copy = tmp_path / "y-te (1).phieux"
    shutil.copy(first, copy)
    with SessionFile.open(tmp_path / "y-te.phieu") as file:  # exported again: other bytes, same count
        export_session(file, tmp_path / "y-te-lan-2.phieux", [board.to_public()], minutes=None)
    build_unit(tmp_path / "y-te-khac.phieu", "Sở Y tế", ballots=["CCC"] * 24)
    different = export_unit(tmp_path / "y-te-khac.phieu", tmp_path / "y-te-khac.phieux", board.to_public())
    result = consolidate([first, copy, tmp_path / "y-te-lan-2.phieux", different], credentials)
    assert [u.source for u in result.units] == ["y-te.phieux"]
    reasons = {p.source: p.reason for p in result.problems}
    assert reasons["y-te (1).phieux"].startswith("là bản thứ hai của kết quả “Sở Y tế” đã nhập từ tệp y-te.phieux")
    assert reasons["y-te-lan-2.phieux"].startswith("là bản thứ hai")
    assert "đã có kết quả khác từ tệp y-te.phieux" in reasons["y-te-khac.phieux"]


def test_two_persons_with_the_same_name_in_different_units(make_package, credentials):
    a = make_package("Sở Tài chính", names=["Nguyễn Văn An", "Lê Thị Bình"], ballots=["CT"] * 24)
    b = make_package("Sở Kế hoạch và Đầu tư", names=["Trần Văn Cường", "Nguyễn  Văn An"], ballots=["TL"] * 24)
    result = consolidate([a, b], credentials)
    table = rows(result.units)
    assert len(table) == 4
    same = [r for r in table if r.name == "Nguyễn Văn An"]
    assert [(r.unit.organization, r.counts["high"], r.counts["low"]) for r in same] == [
        ("Sở Tài chính", 24, 0), ("Sở Kế hoạch và Đầu tư", 0, 24)]
    [group] = same_name_groups(table)
    assert [r.unit.organization for r in group] == ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]


def test_one_bad_file_never_stops_the_others(tmp_path, make_package, credentials):
    good = [make_package(f"Phòng {n}") for n in ("Một", "Hai")]
    bad = tmp_path / "hong.phieux"
    bad.write_bytes(good[0].read_bytes()[:-10])
    result = consolidate([good[0], bad, good[1]], credentials)
    assert [u.organization for u in result.units] == ["Phòng Một", "Phòng Hai"]
    assert [p.source for p in result.problems] == ["hong.phieux"]


def test_fingerprint_group_typed_from_the_paper():
    fingerprint = "7F3A-19C2-0B4D-EE01-9A9A-0000"
    assert fingerprint_group_matches(fingerprint, "19c2", group=2)
    assert fingerprint_group_matches(fingerprint, " 0b4d ", group=3)
    assert fingerprint_group_matches(fingerprint, "ee01")
    assert not fingerprint_group_matches(fingerprint, "19C2", group=1)
    assert not fingerprint_group_matches(fingerprint, "19C", group=2)
    assert not fingerprint_group_matches(fingerprint, "19C2", group=7)
    assert not fingerprint_group_matches(fingerprint, "")
    assert {pick_group(fingerprint) for _ in range(200)} == {1, 2, 3, 4, 5, 6}


def test_a_package_from_the_previous_file_version_is_migrated_in_the_temporary_folder(tmp_path, board, credentials,
                                                                                    monkeypatch):
    """An older program's export: the session inside is version 1; it is migrated only in the private folder."""
    fingerprint = build_unit(tmp_path / "cu.phieu", "Sở Lao động")
    with SessionFile.open(tmp_path / "cu.phieu") as file:
        session, results = file.session, result_to_json(file.results())
    as_version_1(tmp_path / "cu.phieu")
    clear = build_zip(session, fingerprint, (tmp_path / "cu.phieu").read_bytes(), results, None)
    (tmp_path / "cu.phieux").write_bytes(age.encrypt(clear, [board.to_public()]))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    result = consolidate([tmp_path / "cu.phieux"], credentials)
    assert result.problems == [] and result.units[0].fingerprint == fingerprint
    assert list(scratch.iterdir()) == []


def test_results_agree_figure_by_figure():
    from phieu_desktop.exchange.intake import results_agree

    recomputed = {"regime": "qd96", "locked": True, "fingerprint": "F", "quorum": {"met": True},
                  "ballots": [{"key": "k", "issued": 3, "returned": 3, "entered": 3, "denominator": {"value": 3},
                               "persons": [{"order": 1, "name": "An", "valid": 3, "invalid": 0,
                                            "counts": {"low": 1}, "percent": {"low": "33,33"}, "band": "none",
                                            "new_field": 1}]}]}
    assert results_agree(recomputed, recomputed)
    older = json.loads(json.dumps(recomputed))
    del older["ballots"][0]["persons"][0]["new_field"]  # written by an older program: still agrees
    del older["quorum"]
    assert results_agree(older, recomputed)
    for change in (lambda r: r["ballots"][0]["persons"][0]["counts"].update(low=2),
                   lambda r: r["ballots"][0]["persons"][0].pop("counts"),
                   lambda r: r["ballots"][0]["persons"][0].update(invalid=False),  # False == 0, but not a count
                   lambda r: r["ballots"][0]["persons"].append(r["ballots"][0]["persons"][0]),
                   lambda r: r.update(extra=1),
                   lambda r: r.pop("fingerprint")):
        changed = json.loads(json.dumps(recomputed))
        change(changed)
        assert not results_agree(changed, recomputed)

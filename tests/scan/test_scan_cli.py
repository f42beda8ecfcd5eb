"""phieu scan proposes, a person confirms, phieu enter --readings enters: audited with the images' SHA-256."""

from __future__ import annotations

import hashlib
import json

from phieu_desktop.cli import main
from phieu_desktop.domain import audit
from phieu_desktop.scanning import images_folder
from phieu_desktop.store import SessionFile
from tests.scan.conftest import write_samples
from tests.scan.corpus import make_samples


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_scan_then_confirm_then_enter(scan_session, tmp_path, capsys):
    file, template = scan_session(persons=6)
    path = file.path
    file.close()
    samples = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "300dpi", 3, 8)
    scans = write_samples(tmp_path / "quet", samples)
    code, out, err = _run(capsys, "scan", path, "--paper", "lanh-dao", tmp_path / "quet")
    assert code == 0, err
    readings = json.loads(out)
    assert [b["read"] for b in readings["ballots"]] == [s.marks for s in samples]
    assert all(b["confirmed"] is False for b in readings["ballots"])
    kept = sorted(p.name for p in images_folder(file).iterdir())  # beside the session, never inside it
    assert kept == sorted(hashlib.sha256(p.read_bytes()).hexdigest() + ".png" for p in scans)

    unconfirmed = tmp_path / "doc.json"
    unconfirmed.write_text(out, encoding="utf-8")
    code, _out, err = _run(capsys, "enter", path, "--ballot", "lanh-dao", "--readings", unconfirmed)
    assert code == 1 and "Phiếu đọc thứ 1 chưa được xác nhận" in err

    readings["ballots"][1]["marks"] = "0" * 6  # the person read the paper otherwise
    for ballot in readings["ballots"]:
        ballot["confirmed"] = True
    confirmed = tmp_path / "da-xac-nhan.json"
    confirmed.write_text(json.dumps(readings), encoding="utf-8")
    code, out, err = _run(capsys, "enter", path, "--ballot", "lanh-dao", "--readings", confirmed)
    assert code == 0, err
    with SessionFile.open(path) as reopened:
        assert [m for _n, m in reopened.ballots("lanh-dao")] == [samples[0].marks, "000000", samples[2].marks]
        added = [e.detail for e in reopened.audit_entries() if e.action == audit.BALLOT_ADDED]
        assert reopened.verify().ok
    assert added[0]["source"]["read_by"] == "scanner" and added[0]["source"]["confirmed"] is True
    assert added[0]["source"]["images"] == [hashlib.sha256(scans[0].read_bytes()).hexdigest()]
    assert added[1]["source"]["changed"] == [i + 1 for i, c in enumerate(samples[1].marks) if c != "0"]
    code, _out, err = _run(capsys, "enter", path, "--ballot", "lanh-dao", "--readings", confirmed)
    assert code == 1 and "đã được nhập (phiếu số 1)" in err


def test_scan_refuses_a_foreign_sheet_and_writes_nothing(scan_session, tmp_path, capsys):
    file, _template = scan_session(persons=6)
    _other_file, other = scan_session(persons=6, name="khac.phieu", title="Hội nghị khác")
    path = file.path
    file.close()
    samples = make_samples(other.blank_pdf, other.sheets, other.levels, other.width, "200dpi", 1, 8)
    scans = write_samples(tmp_path / "quet", samples)
    out_file = tmp_path / "r.json"
    code, out, err = _run(capsys, "scan", path, "--ballot", "lanh-dao", *scans, "-o", out_file)
    assert code == 1
    assert err.startswith("phieu: trang-001.png, trang 1: phiếu của một phiên khác") and err.count("\n") == 1
    assert not out_file.exists() and not (path.parent / (path.name + ".scans")).exists()


def test_a_scan_as_the_verification_pass(scan_session, tmp_path, capsys):
    """Typed first, then the same stack scanned again and confirmed: the second entries, with their images."""
    file, template = scan_session(persons=6)
    samples = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "jpeg60", 3, 9)
    typed = [s.marks for s in samples]
    typed[1] = ("0" if typed[1][0] != "0" else template.levels[0]) + typed[1][1:]  # a typing slip on ballot 2
    file.add_ballots("lanh-dao", typed)
    path = file.path
    file.close()
    scans = write_samples(tmp_path / "lan-hai", samples)
    code, out, err = _run(capsys, "scan", path, "--ballot", "lanh-dao", *scans)
    assert code == 0, err
    readings = json.loads(out)
    for ballot in readings["ballots"]:
        ballot["confirmed"] = True
    confirmed = tmp_path / "lan-hai.json"
    confirmed.write_text(json.dumps(readings), encoding="utf-8")
    code, out, err = _run(capsys, "check", path, "--ballot", "lanh-dao", "--readings", confirmed)
    assert code == 0, err
    assert "1 phiếu hai lần nhập khác nhau: 2" in out
    with SessionFile.open(path) as reopened:
        checks = [e.detail for e in reopened.audit_entries() if e.action == audit.CHECK_ADDED]
        assert reopened.verify().ok
    assert [c["source"]["images"] for c in checks] == [[hashlib.sha256(p.read_bytes()).hexdigest()] for p in scans]


def test_the_verification_pass_cannot_reuse_the_first_images(scan_session, tmp_path, capsys):
    file, template = scan_session(persons=6)
    path = file.path
    file.close()
    samples = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "200dpi", 2, 9)
    scans = write_samples(tmp_path / "quet", samples)
    code, out, _err = _run(capsys, "scan", path, "--ballot", "lanh-dao", *scans)
    readings = json.loads(out)
    for ballot in readings["ballots"]:
        ballot["confirmed"] = True
    confirmed = tmp_path / "r.json"
    confirmed.write_text(json.dumps(readings), encoding="utf-8")
    assert _run(capsys, "enter", path, "--ballot", "lanh-dao", "--readings", confirmed)[0] == 0
    code, _out, err = _run(capsys, "check", path, "--ballot", "lanh-dao", "--readings", confirmed)
    assert code == 1 and "đã dùng cho lần nhập thứ nhất (phiếu số 1)" in err


def test_the_entry_log_says_which_ballots_a_scanner_read(scan_session, tmp_path):
    from phieu_desktop.documents.entry_log import log_bytes
    from phieu_desktop.scan.sources import Page
    from phieu_desktop.scanning import enter_confirmed, keep_image
    from tests.documents.conftest import pdf_pages

    file, template = scan_session(persons=3)
    [sample] = make_samples(template.blank_pdf, template.sheets, template.levels, template.width, "200dpi", 1, 3)
    page = Page(tmp_path / "a.png", 1, sample.image, ".png")
    digest = keep_image(file, page)
    changed = ("0" if sample.marks[1] != "0" else template.levels[0])
    enter_confirmed(file, "lanh-dao", sample.marks[0] + changed + sample.marks[2], [digest], sample.marks)
    file.add_ballot("lanh-dao", "CTL")
    out = tmp_path / "log.pdf"
    out.write_bytes(log_bytes(file)[0])
    text = " ".join(pdf_pages(out))
    assert f"Máy quét đọc, người xác nhận; ảnh {digest[:8]}; người sửa dòng 2" in text
    assert text.count("Máy quét đọc") == 1


def test_a_readings_file_of_any_shape_is_refused_in_one_line(scan_session, tmp_path, capsys):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from phieu_desktop.domain.errors import PhieuError
    from phieu_desktop.scanning import READINGS_FORMAT, check_readings, enter_readings

    file, template = scan_session(persons=2)
    scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
    anything = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                            | st.dictionaries(st.sampled_from(["index", "pages", "marks", "read", "confirmed",
                                                               "sha256", "ballots"]), inner, max_size=4), max_leaves=12)
    shaped = st.fixed_dictionaries({"format": st.just(READINGS_FORMAT), "paper": st.just("lanh-dao"),
                                    "session_code": st.just(template.session_code), "ballots": anything})

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(anything | shaped)
    def run(data):
        for operation in (enter_readings, check_readings):
            try:
                operation(file, "lanh-dao", data)
            except PhieuError:
                pass
        assert file.entered("lanh-dao") == 0

    run()


def test_broken_images_are_refused_by_name(scan_session, tmp_path, capsys):
    import struct
    import zlib

    file, _template = scan_session(persons=2)
    path = file.path
    file.close()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")
    for name, data, message in (("bom.png", bomb, "bom.png, trang 1: ảnh quá lớn (100000 × 100000 điểm ảnh)"),
                                ("rong.jpg", b"", "rong.jpg: không đọc được ảnh này"),
                                ("hong.pdf", b"%PDF-1.4 garbage", "hong.pdf: không đọc được tệp PDF này"),
                                ("ghi-chu.txt", b"x", "không phải ảnh quét")):
        (tmp_path / name).write_bytes(data)
        code, out, err = _run(capsys, "scan", path, "--ballot", "lanh-dao", tmp_path / name)
        assert code == 1 and message in err and err.count("\n") == 1 and out == ""

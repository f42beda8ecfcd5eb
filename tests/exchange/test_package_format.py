"""The clear package: our layout exactly, or a refusal naming the reason."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.exchange.package import build_zip, read_zip, slug, suggested_name
from tests.conftest import make_session


def test_suggested_name_is_ascii_organisation_and_date():
    assert suggested_name("Sở Tài chính tỉnh Hà Giang", date(2023, 9,
                                                             12)) == "so-tai-chinh-tinh-ha-giang_2023-09-12.phieux"
    assert slug("ĐẢNG ỦY Khối   Cơ quan") == "dang-uy-khoi-co-quan"
    assert slug("Ự̛ !!") == "u"
    assert slug("…") == "don-vi"


def _zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name.replace("_", "."), data)
    return buffer.getvalue()


def _valid() -> bytes:
    return build_zip(make_session(), "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", b"session bytes", {"x": 1}, b"%PDF")


def test_round_trip_of_the_clear_package():
    package = read_zip(_valid())
    assert package.session == b"session bytes"
    assert package.results == {"x": 1}
    assert package.minutes == b"%PDF"
    assert package.manifest.organization == "Sở Tài chính tỉnh Hà Giang"
    assert package.manifest.fingerprint == "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"


def _rewrite(data: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _manifest_change(**fields):
    def change(members):
        manifest = json.loads(members["manifest.json"])
        manifest.update(fields)
        members["manifest.json"] = json.dumps(manifest).encode()
    return change


CASES = {
    "not a zip": (lambda m: None, "không phải tệp zip"),
    "extra member": (lambda m: m.update({"../evil.sh": b"x"}), "thành phần lạ"),
    "missing results": (lambda m: m.pop("results.json"), "thiếu thành phần results.json"),
    "session swapped": (lambda m: m.update({"session.phieu": b"other"}), "session.phieu không khớp"),
    "results edited": (lambda m: m.update({"results.json": b'{"x": 2}'}), "results.json không khớp"),
    "minutes dropped": (lambda m: m.pop("minutes.pdf"), "không khớp các thành phần"),
    "newer format": (_manifest_change(version=99), "phiên bản mới hơn"),
    "foreign manifest": (_manifest_change(format="other"), "không phải gói kết quả"),
    "manifest field missing": (_manifest_change(fingerprint=None), "thiếu thông tin"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_anything_else_is_refused(case):
    change, expected = CASES[case]
    data = b"PK\x03\x04 garbage" if case == "not a zip" else _rewrite(_valid(), change)
    with pytest.raises(PhieuError, match=expected):
        read_zip(data)

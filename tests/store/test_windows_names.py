"""A file name Windows keeps for a device ("nul.phieu", "CON.pdf") is refused by name on every platform: on Windows
it "exists" (the device), and a file made with it on Linux could not be copied there."""

from __future__ import annotations

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.files import reserved_name, write_new
from phieu_desktop.store import SessionFile
from tests.conftest import make_session


@pytest.mark.parametrize("name", ["nul.phieu", "NUL", "con.pdf", "Com1.xlsx", "lpt9.phieux", "aux.tar.gz"])
def test_device_names_are_reserved(name):
    assert reserved_name(name)


@pytest.mark.parametrize("name", ["null.phieu", "console.pdf", "com10.xlsx", "nul_2023.phieux", "phiên.phieu"])
def test_ordinary_names_are_not(name):
    assert not reserved_name(name)


def test_a_session_named_nul_is_refused_in_vietnamese(tmp_path):
    with pytest.raises(PhieuError, match="tên Windows dành cho thiết bị"):
        SessionFile.create(tmp_path / "nul.phieu", make_session())
    with pytest.raises(PhieuError, match="nul.pdf"):
        write_new(tmp_path / "nul.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []

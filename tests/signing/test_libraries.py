"""The token libraries offered: found by name in the usual places, the chosen one remembered (never a PIN)."""

from __future__ import annotations

import json
import sys

from phieu_desktop.signing import libraries


def test_windows_system32_candidates_by_vendor(tmp_path, monkeypatch):
    system32 = tmp_path / "Windows" / "System32"
    system32.mkdir(parents=True)
    for name in ("vnpt-ca_v34.dll", "viettel-ca_v5.dll", "BkavCA.dll", "eps2003csp11.dll", "kernel32.dll"):
        (system32 / name).write_bytes(b"MZ")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("SystemRoot", str(tmp_path / "Windows"))
    monkeypatch.delenv("ProgramFiles", raising=False)
    monkeypatch.delenv("ProgramFiles(x86)", raising=False)
    found = {c.path.name: c.label for c in libraries.candidates()}
    assert "kernel32.dll" not in found
    assert found["vnpt-ca_v34.dll"].startswith("VNPT-CA")
    assert found["viettel-ca_v5.dll"].startswith("Viettel-CA")
    assert found["BkavCA.dll"].startswith("BKAV-CA")
    assert found["eps2003csp11.dll"].startswith("ePass2003")


def test_library_remembered_in_user_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PHIEU_HOME", str(tmp_path / "home"))
    assert libraries.remembered_library() is None
    lib = tmp_path / "token.so"
    lib.write_bytes(b"\x7fELF")
    libraries.remember_library(lib)
    assert libraries.remembered_library() == lib.resolve()
    stored = json.loads((tmp_path / "home" / libraries.SETTINGS).read_text(encoding="utf-8"))
    assert set(stored) == {"pkcs11_library"}, "only the library's path is kept"
    lib.unlink()
    assert libraries.remembered_library() is None, "a library removed since is not offered"

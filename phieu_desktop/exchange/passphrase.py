"""Where a passphrase comes from: PHIEU_PASSPHRASE for scripts and tests, else the terminal (the window asks itself)."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable

from ..domain.errors import PhieuError
from ..domain.i18n import _

ENV = "PHIEU_PASSPHRASE"
MIN_LENGTH = 8

PassphraseSource = Callable[[str], str]


def check_new_passphrase(passphrase: str) -> str:
    """A passphrase that will protect something new (a key file, an export) must not be trivially short."""
    if len(passphrase) < MIN_LENGTH:
        raise PhieuError(_("Mật khẩu phải có ít nhất {n} ký tự.").format(n=MIN_LENGTH))
    return passphrase


def from_environment_or_terminal(prompt: str, confirm: bool = False) -> str:
    """PHIEU_PASSPHRASE if set; otherwise ask on the terminal (twice when `confirm`); never waits without one."""
    value = os.environ.get(ENV)
    if value is not None:
        if not value:
            raise PhieuError(_("Biến môi trường {env} đang để trống.").format(env=ENV))
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise PhieuError(_("Cần mật khẩu: hãy chạy lệnh trong cửa sổ dòng lệnh hoặc đặt biến môi trường {env}.")
                         .format(env=ENV))
    try:
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass(_("Nhập lại mật khẩu: ")) != value:
            raise PhieuError(_("Hai lần nhập mật khẩu không giống nhau."))
    except EOFError:
        raise PhieuError(_("Chưa nhập mật khẩu.")) from None
    if not value:
        raise PhieuError(_("Chưa nhập mật khẩu."))
    return value

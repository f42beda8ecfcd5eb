"""What a wrong PIN says, from the token's own flags (CKF_USER_PIN_COUNT_LOW / FINAL_TRY / LOCKED)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pkcs11 import TokenFlag

from phieu_desktop.signing.keys import _pin_message


def token_with(flags):
    current = SimpleNamespace(flags=flags)
    return SimpleNamespace(slot=SimpleNamespace(get_token=lambda: current))


@pytest.mark.parametrize(("flags", "says"), [
    (TokenFlag.USER_PIN_FINAL_TRY | TokenFlag.USER_PIN_COUNT_LOW, "MỘT lần thử"),
    (TokenFlag.USER_PIN_COUNT_LOW, "đã ít"),
    (TokenFlag.USER_PIN_LOCKED, "đã khóa"),
    (TokenFlag.LOGIN_REQUIRED, "không cho biết"),
])
def test_wrong_pin_message_follows_the_token(flags, says):
    message = _pin_message(token_with(flags))
    assert message.startswith("Sai mã PIN") and says in message


def test_token_pulled_out_while_reading_flags():
    def gone():
        raise RuntimeError("removed")
    assert "không cho biết" in _pin_message(SimpleNamespace(slot=SimpleNamespace(get_token=gone)))

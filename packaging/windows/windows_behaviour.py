"""Windows behaviour checked under the installed Windows Python (packaging/windows/wine-check).

    python.exe windows_behaviour.py "C:\\users\\…\\Tài liệu\\Hội nghị 2023"

1. the user data folder is %APPDATA%\\phieu-desktop;
2. a session in a folder with Vietnamese letters and spaces is created, entered and verified;
3. a second copy of the program (another process) opening the same session is refused at once, in Vietnamese;
4. a session on a USB stick pulled out while open (its folder vanishes): the next ballot is refused with a clear
   Vietnamese message, nothing is acknowledged that is not on disk, and once the stick is back every ballot
   entered before is there and the file verifies.
Exit 0 when all hold; otherwise the first failure, on stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.spec import parse_spec
from phieu_desktop.paths import user_data
from phieu_desktop.store import SessionFile

SPEC = """
regime = "qd96"
header = "state"
organization = "Sở Tài chính tỉnh Hà Giang"
parent = "UBND TỈNH HÀ GIANG"
title = "Hội nghị lấy phiếu tín nhiệm năm 2023"
place = "Hà Giang"
date = 2023-09-12
summoned = 10

[attendance]
present = 9
present_at_vote = 9

[[committee]]
name = "Trần Thị Bình"
role = "Trưởng ban"

[[ballots]]
key = "lanh-dao"
title = "Lãnh đạo Sở"
voters = "Toàn thể công chức"
issued = 9
returned = 9

[[ballots.persons]]
name = "Nguyễn Thị Hường"
position = "Giám đốc"

[[ballots.persons]]
name = "Đặng Quốc Kỳ"
position = "Phó Giám đốc"
"""


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"windows_behaviour: {what}")
    print(f"  ok: {what}", flush=True)


def user_data_folder() -> None:
    expected = Path(os.environ["APPDATA"]) / "phieu-desktop"
    check(user_data() == expected, f"user data in %APPDATA%: {user_data()}")


def second_copy_is_refused(path: Path) -> None:
    with SessionFile.open(path) as file:
        file.add_ballot("lanh-dao", "CC")
        other = subprocess.run([sys.executable, "-m", "phieu_desktop.cli", "verify", str(path)],
                               capture_output=True, encoding="utf-8", timeout=120)
    lines = other.stderr.strip().splitlines()
    check(other.returncode == 1 and len(lines) == 1 and "đang được mở ở nơi khác" in lines[0],
          f"a second copy is refused while the session is open: {lines[:1]}")


def pulled_usb_stick(folder: Path) -> None:
    """The stick's folder vanishes while the session is open (renamed away: what Windows sees when it is pulled)."""
    stick = folder / "USB E"
    stick.mkdir()
    path = stick / "phiên trên USB.phieu"
    SessionFile.create(path, parse_spec(SPEC)).close()
    away = folder / "USB E (đã rút)"
    file = SessionFile.open(path)
    try:
        file.add_ballot("lanh-dao", "CT")
        stick.rename(away)
        try:
            file.add_ballot("lanh-dao", "TL")
        except PhieuError as err:
            message = str(err)
        else:
            message = ""
        check(bool(message), f"the ballot after the stick was pulled is refused: {message!r}")
        check("lỗi không mong đợi" not in message and not message.isascii(), "the refusal is in Vietnamese")
    finally:
        try:
            file.close()
        except Exception:  # the handle of a vanished file may not close cleanly; the data is already safe
            pass
    away.rename(stick)
    with SessionFile.open(path) as again:
        check(again.entered("lanh-dao") == 1, "the stick back: the ballot entered before is there, no other")
        check(again.verify().ok, "the stick back: the session verifies")


def main() -> int:
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stderr.reconfigure(encoding="utf-8")
    folder = Path(sys.argv[1])
    user_data_folder()
    path = folder / "phiên thử nghiệm Đắk Lắk.phieu"
    path.unlink(missing_ok=True)
    SessionFile.create(path, parse_spec(SPEC)).close()
    check(path.exists(), f"a session created in {folder}")
    second_copy_is_refused(path)
    with SessionFile.open(path) as file:
        check(file.entered("lanh-dao") == 1 and file.verify().ok, "entered and verified after reopening")
    pulled_usb_stick(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Windows behaviour checked under the installed Windows Python (packaging/windows/wine-check).

    python.exe windows_behaviour.py "C:\\users\\…\\Tài liệu\\Hội nghị 2023" ["C:\\users\\…\\USB E"]

1. the user data folder is %APPDATA%\\phieu-desktop;
2. a session in a folder with Vietnamese letters and spaces is created, entered and verified;
3. a second copy of the program (another process) opening the same session is refused at once, in Vietnamese;
4. a session on a small USB stick that fills up while the session is open (the second folder, a 1 MB disk mounted
   by wine-check): the next ballot is refused with a clear Vietnamese message, nothing is acknowledged that is not
   on disk, and once there is room again entry goes on and every ballot is there.
   (A stick pulled out cannot be imitated under Wine: its open handles stay valid on the Unix side.)
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
crossed_out = "row"
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


def full_usb_stick(stick: Path) -> None:
    """A small USB stick (a 1 MB disk mounted by wine-check) fills up while the session on it is open.

    The stick is filled right after opening, before the first write, so that write needs new space (SQLite keeps
    the space of a journal it has used for as long as the file is open)."""
    path = stick / "phiên trên USB.phieu"
    SessionFile.create(path, parse_spec(SPEC)).close()
    with SessionFile.open(path) as file:
        file.add_ballot("lanh-dao", "CT")
    filler = stick / "tệp lớn.bin"
    with SessionFile.open(path) as file:
        with open(filler, "wb", buffering=0) as handle:  # something else takes the rest of the stick
            try:
                while True:
                    handle.write(bytes(16384))
            except OSError:
                pass
        try:
            file.add_ballot("lanh-dao", "TL")
        except PhieuError as err:
            message = str(err)
        else:
            message = ""
        check(bool(message), f"the ballot on a full stick is refused: {message!r}")
        check("lỗi không mong đợi" not in message and "chưa có gì thay đổi" in message, "the refusal is in Vietnamese")
        check(file.entered("lanh-dao") == 1, "the refused ballot is not counted")
        filler.unlink()
        check(file.add_ballot("lanh-dao", "TL") == 2, "room on the stick again: entry goes on in the same window")
    with SessionFile.open(path) as again:
        check(again.entered("lanh-dao") == 2 and again.verify().ok, "reopened: both ballots there, the file verifies")


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
    if len(sys.argv) > 2:
        full_usb_stick(Path(sys.argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

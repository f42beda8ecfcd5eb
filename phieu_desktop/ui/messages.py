"""The one place where a failure becomes the Vietnamese sentence the window shows: no library text reaches the user.

The store and the domain raise `PhieuError` with their own sentence, shown as it is. What comes from below them
(SQLite, the operating system) is mapped here, and a damaged session file gets what to do next."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..store.schema import APPLICATION_ID, SCHEMA_VERSION

_MAGIC = b"SQLite format 3\x00"

def explain(err: BaseException) -> str:
    """The sentence to show for a failure of a store or document operation."""
    if isinstance(err, PhieuError):
        return str(err)
    if isinstance(err, sqlite3.Error):
        return _("Tệp phiên bị hỏng hoặc bị thay đổi ngoài chương trình; thao tác vừa rồi không được ghi.") + "\n\n" \
            + damaged_advice()
    if isinstance(err, OSError):  # the one table of OS errors: files.describe_os_error
        from ..files import describe_os_error

        where = f" “{Path(err.filename).name}”" if err.filename else ""
        return _("Không ghi hoặc đọc được tệp{where}: {reason}.").format(where=where, reason=describe_os_error(err))
    return _("Không thực hiện được thao tác này.")


def damaged_advice(path: Path | None = None) -> str:
    """What to do when a session file is damaged: the copies that may hold the ballots, found beside it or not."""
    lines = [_("Cách xử lý: đóng chương trình, giữ nguyên tệp hỏng (đừng xóa), rồi mở một bản sao lưu:"),
             _("• bản sao đã lưu bằng Tệp › Lưu bản sao… (ví dụ trên USB);"),
             _("• tệp có đuôi .bak cạnh tệp phiên (chương trình tạo khi nâng cấp tệp), nếu có;"),
             _("• tệp gửi cấp trên, nếu kết quả đã khóa.")]
    if path is not None:
        found = sorted(p.name for p in Path(path).parent.glob(f"{Path(path).stem}*")
                       if p != Path(path) and (p.suffix == ".bak" or p.suffix == ".phieu"))
        if found:
            lines.append(_("Trong cùng thư mục có: {names}.").format(names=", ".join(found)))
    lines.append(_("Nếu không có bản sao nào, các phiếu giấy vẫn còn: nhập lại từ phiếu giấy vào một tệp mới."))
    return "\n".join(lines)


def looks_damaged(path: Path) -> bool:
    """A file that says it is one of our session files (header) but could not be opened: damaged or cut short."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_MAGIC):
        return False
    user_version, application_id = struct.unpack(">I", header[60:64])[0], struct.unpack(">I", header[68:72])[0]
    return application_id == APPLICATION_ID and user_version <= SCHEMA_VERSION


def open_failure(path: Path, err: BaseException) -> str:
    """Why a session file did not open, and for a damaged one what to do."""
    text = explain(err)
    from ..store import FileBusy

    if looks_damaged(Path(path)) and not isinstance(err, (sqlite3.Error, FileBusy)):
        text += "\n\n" + damaged_advice(Path(path))
    return text

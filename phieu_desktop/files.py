"""Writing a file the user asked for: all or nothing, and never over an existing file."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .domain.errors import PhieuError
from .domain.i18n import N_, _
from .domain.limits import check_file_size


def _exists(path: Path) -> PhieuError:
    return PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=path.name))


_ERRNO_ADVICE = {
    errno.ENOSPC: N_("ổ đĩa đã đầy; hãy giải phóng chỗ trống hoặc chọn ổ đĩa khác rồi làm lại"),
    errno.EDQUOT: N_("đã hết hạn mức dung lượng; hãy giải phóng chỗ trống rồi làm lại"),
    errno.EROFS: N_("ổ đĩa chỉ cho phép đọc (ví dụ USB khóa ghi); hãy chép tệp sang ổ đĩa ghi được"),
    errno.EACCES: N_("không có quyền ghi; hãy kiểm tra quyền của tệp và thư mục, hoặc chép sang thư mục khác"),
    errno.EPERM: N_("không có quyền ghi; hãy kiểm tra quyền của tệp và thư mục, hoặc chép sang thư mục khác"),
    errno.ENOENT: N_("không có thư mục hoặc tệp này"),
    errno.EISDIR: N_("đây là một thư mục, không phải tệp"),
    errno.ENAMETOOLONG: N_("tên tệp quá dài"),
    errno.EIO: N_("lỗi đọc ghi của ổ đĩa; hãy kiểm tra ổ đĩa hoặc USB"),
}


def describe_os_error(err: OSError) -> str:
    """What an operating-system error means for the user, in Vietnamese (what to do, not the English text)."""
    advice = _ERRNO_ADVICE.get(err.errno or 0)
    return _(advice) if advice else _("lỗi hệ điều hành: {err}").format(err=err.strerror or err)


_SQLITE_ADVICE = [
    ("readonly", errno.EROFS),  # attempt to write a readonly database
    ("disk is full", errno.ENOSPC),  # database or disk is full
    ("unable to open", errno.EACCES),  # the folder refuses the journal beside the file
    ("disk i/o error", errno.EIO),
    ("malformed", errno.EBADMSG),  # database disk image is malformed
    ("not a database", errno.EBADMSG),
]


def describe_storage_error(err: BaseException) -> str:
    """An OSError or an SQLite error while reading or writing a file, as the user should read it."""
    if isinstance(err, OSError):
        return describe_os_error(err)
    text = str(err).lower()
    for words, code in _SQLITE_ADVICE:
        if words in text:
            if code == errno.EROFS:
                return _("tệp hoặc thư mục chỉ cho phép đọc; hãy chép tệp sang thư mục ghi được (không phải ổ CD, "
                         "USB khóa ghi, thư mục chỉ đọc) rồi làm lại")
            if code == errno.EACCES:
                return _("không tạo được tệp tạm bên cạnh tệp (thư mục chỉ cho phép đọc hoặc không có quyền); "
                         "hãy chép tệp sang thư mục ghi được")
            if code == errno.EBADMSG:
                return _("tệp bị hỏng; hãy dùng bản sao lưu")
            return _(_ERRNO_ADVICE[code])
    return _("lỗi cơ sở dữ liệu: {err}").format(err=err)


def read_input(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a file the user named, or one Vietnamese line: missing, a folder, unreadable, too large.

    The size is checked before anything is read.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise PhieuError(_("“{name}” là một thư mục, không phải tệp; hãy chỉ ra một tệp.").format(name=path.name))
        with open(path, "rb") as handle:
            check_file_size(path.name, os.fstat(handle.fileno()).st_size, limit)
            data = handle.read(limit + 1)
        check_file_size(path.name, len(data), limit)  # a pipe or a file still growing
        return data
    except FileNotFoundError:
        raise PhieuError(_("Không tìm thấy tệp “{name}”.").format(name=path.name)) from None
    except PermissionError:
        raise PhieuError(_("Không có quyền đọc tệp “{name}”; hãy kiểm tra quyền truy cập.").format(
            name=path.name)) from None
    except OSError as err:
        raise PhieuError(_("Không đọc được tệp “{name}”: {err}.").format(name=path.name,
                                                                         err=describe_os_error(err))) from None


def write_new(path: Path, data: bytes) -> None:
    """`data` as a new file at `path`, complete or not at all."""
    write_new_with(path, lambda temp: temp.write_bytes(data))


# Names Windows keeps for devices, whatever the extension ("nul.phieu" is the null device, and "exists"):
# refused on every platform, so a session or a document named on Linux can also be copied to Windows.
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def reserved_name(name: str) -> bool:
    """True for a file name Windows reserves for a device (CON, NUL, COM1, … with any extension)."""
    return name.split(".")[0].strip().upper() in _WINDOWS_DEVICES


def write_new_with(path: Path, writer: Callable[[Path], object]) -> None:
    """`writer` fills a temporary file beside `path`; it is moved into place only when complete."""
    path = Path(path)
    if reserved_name(path.name):
        raise PhieuError(_("“{name}” là tên Windows dành cho thiết bị, không dùng được làm tên tệp; hãy chọn tên "
                           "khác.").format(name=path.name))
    if path.exists():
        raise _exists(path)
    if not path.parent.is_dir():
        raise PhieuError(_("Không có thư mục “{name}”.").format(name=str(path.parent)))
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        writer(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            raise _exists(path) from None
        except OSError:  # no hard links (FAT USB stick)
            if path.exists():
                raise _exists(path) from None
            os.rename(temp, path)
    except (OSError, sqlite3.Error) as err:
        raise PhieuError(_("Không ghi được tệp “{name}”: {err}.").format(name=path.name,
                                                                         err=describe_storage_error(err))) from None
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass

"""Writing a file the user asked for: all or nothing, and never over an existing file."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .domain.errors import PhieuError
from .domain.i18n import N_, _
from .domain.limits import check_file_size


def _exists(path: Path) -> PhieuError:
    return PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=path.name))


# The one table of operating-system errors a user can meet, in Vietnamese (the CLI, the window through
# ui/messages.py, the store and every reader use it): the system's own English words (strerror) never reach a user.
_ERRNO_ADVICE = {
    errno.ENOSPC: N_("ổ đĩa đã đầy; hãy giải phóng chỗ trống hoặc chọn ổ đĩa khác rồi làm lại"),
    errno.EDQUOT: N_("đã hết hạn mức dung lượng; hãy giải phóng chỗ trống rồi làm lại"),
    errno.EFBIG: N_("tệp vượt cỡ tối đa mà ổ đĩa cho phép (ví dụ USB định dạng FAT32); hãy chọn ổ đĩa khác"),
    errno.EROFS: N_("ổ đĩa chỉ cho phép đọc (ví dụ USB khóa ghi); hãy chép tệp sang ổ đĩa ghi được"),
    errno.EACCES: N_("không có quyền ghi; hãy kiểm tra quyền của tệp và thư mục, hoặc chép sang thư mục khác"),
    errno.EPERM: N_("không có quyền ghi; hãy kiểm tra quyền của tệp và thư mục, hoặc chép sang thư mục khác"),
    errno.ENOENT: N_("không có thư mục hoặc tệp này (USB đã bị rút ra?)"),
    errno.ENOTDIR: N_("một phần của đường dẫn không phải thư mục"),
    errno.EEXIST: N_("đã có một tệp cùng tên; hãy chọn tên khác"),
    errno.EISDIR: N_("đây là một thư mục, không phải tệp"),
    errno.ENAMETOOLONG: N_("tên tệp quá dài"),
    errno.ELOOP: N_("đường dẫn là một liên kết (symlink) vòng quanh hoặc quá nhiều tầng"),
    errno.EIO: N_("lỗi đọc ghi của ổ đĩa; hãy kiểm tra ổ đĩa hoặc USB"),
    errno.ENXIO: N_("thiết bị không có hoặc đã bị rút ra"),
    errno.ENODEV: N_("thiết bị không có hoặc đã bị rút ra"),
    errno.EBUSY: N_("tệp hoặc thiết bị đang bận (chương trình khác đang dùng); hãy đóng chương trình đó rồi làm lại"),
    errno.ETXTBSY: N_("tệp đang được chương trình khác dùng; hãy đóng chương trình đó rồi làm lại"),
    errno.EAGAIN: N_("tệp đang bị khóa hoặc tạm thời không dùng được; hãy thử lại"),
    errno.EMFILE: N_("đang mở quá nhiều tệp; hãy đóng bớt chương trình rồi làm lại"),
    errno.ENFILE: N_("đang mở quá nhiều tệp; hãy đóng bớt chương trình rồi làm lại"),
    errno.ENOMEM: N_("máy không đủ bộ nhớ; hãy đóng bớt chương trình rồi làm lại"),
    errno.EINVAL: N_("tên tệp hoặc thao tác không hợp lệ với ổ đĩa này"),
    errno.ESPIPE: N_("đây không phải tệp thường (ống dẫn hoặc thiết bị)"),
    errno.EBADF: N_("tệp đã bị đóng giữa chừng"),
    errno.ESTALE: N_("tệp trên ổ mạng không còn (đã bị xóa hoặc ổ bị ngắt)"),
    errno.ETIMEDOUT: N_("ổ mạng không trả lời kịp"),
    errno.ENOTCONN: N_("ổ mạng đã bị ngắt"),
    errno.EBADMSG: N_("tệp bị hỏng; hãy dùng bản sao lưu"),
}


def describe_os_error(err: OSError) -> str:
    """What an operating-system error means for the user, in Vietnamese (what to do, never the English text)."""
    advice = _ERRNO_ADVICE.get(err.errno or 0)
    if advice:
        return _(advice)
    if err.errno:
        return _("lỗi của hệ điều hành (mã {code})").format(code=err.errno)
    return _("lỗi đọc ghi không rõ")


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


def open_regular(path: Path):
    """Open `path` for reading only if it is a regular file: a FIFO (or a device) named as a file would hang the
    command or read forever; it is opened without blocking and refused (PhieuError naming it)."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # POSIX only; Windows has no FIFO that a plain open would wait on
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | nonblocking)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise PhieuError(_("“{name}” không phải tệp thường (là ống dẫn, thiết bị hoặc ổ cắm); hãy chỉ ra một "
                               "tệp.").format(name=Path(path).name))
        if nonblocking:  # back to blocking reads; on Windows set_blocking exists for pipes only (EINVAL on a file)
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a file the user named, or one Vietnamese line: missing, a folder, unreadable, too large.

    The size is checked before anything is read.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise PhieuError(_("“{name}” là một thư mục, không phải tệp; hãy chỉ ra một tệp.").format(name=path.name))
        with open_regular(path) as handle:
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


def write_new(path: Path, data: bytes, record: Callable[[], object] | None = None) -> None:
    """`data` as a new file at `path`, complete or not at all; `record` (the audit log's note) runs once the bytes
    are safely on disk and before the file appears under its name, so no kill leaves a file the log does not know."""
    write_new_with(path, lambda temp: temp.write_bytes(data), record)


# Names Windows keeps for devices, whatever the extension ("nul.phieu" is the null device, and "exists"):
# refused on every platform, so a session or a document named on Linux can also be copied to Windows.
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def reserved_name(name: str) -> bool:
    """True for a file name Windows reserves for a device (CON, NUL, COM1, … with any extension)."""
    return name.split(".")[0].strip().upper() in _WINDOWS_DEVICES


TEMP_SUFFIX = ".tmp"
LEFTOVER_NOTICES: list[str] = []  # what the sweep removed during this run: the CLI and the window say it once


def _temporary(path: Path) -> Path:
    """A new empty file beside `path`, under an unpredictable name (`.NAME.PID.RANDOM.tmp`), created exclusively
    (O_CREAT|O_EXCL: a link planted at that name is never followed, the call fails instead)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    return Path(name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would terminate it there; a file still open by a live process cannot be removed
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


_LEFTOVER = re.compile(r"\.(.+)\.(\d+)\.[A-Za-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"(-journal)?")


def sweep_leftovers(path: Path) -> list[str]:
    """Remove what runs killed while writing into `path`'s folder left there (temporary files `.NAME.PID.RANDOM.tmp`
    and their SQLite journals), and say so: the name holds the run's process id, so a file another live run is
    still writing is never touched."""
    removed, names = [], set()
    try:
        entries = [entry.name for entry in os.scandir(path.parent) if entry.name.startswith(".")]
    except OSError:
        return removed
    for name in entries:
        match = _LEFTOVER.fullmatch(name)
        if not match or _alive(int(match.group(2))):
            continue
        try:
            os.unlink(path.parent / name)
        except OSError:
            continue
        removed.append(name)
        names.add(match.group(1))
    for target in sorted(names):
        LEFTOVER_NOTICES.append(_("đã xóa tệp tạm dở dang của một lần ghi “{name}” trước đó bị ngắt giữa chừng (máy "
                                  "tắt, chương trình bị buộc dừng); tệp đó chưa từng được ghi xong.").format(
            name=target))
    return removed


def write_new_with(path: Path, writer: Callable[[Path], object], record: Callable[[], object] | None = None) -> None:
    """`writer` fills a temporary file beside `path`; it is moved into place only when complete (and recorded)."""
    path = Path(path)
    if reserved_name(path.name):
        raise PhieuError(_("“{name}” là tên Windows dành cho thiết bị, không dùng được làm tên tệp; hãy chọn tên "
                           "khác.").format(name=path.name))
    if path.exists() or path.is_symlink():
        raise _exists(path)
    if not path.parent.is_dir():
        raise PhieuError(_("Không có thư mục “{name}”.").format(name=str(path.parent)))
    sweep_leftovers(path)
    temp = None
    try:
        temp = _temporary(path)
        writer(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        if record is not None:
            record()
        try:
            os.link(temp, path)
        except FileExistsError:
            raise _exists(path) from None
        except OSError:  # no hard links (FAT USB stick)
            if path.exists() or path.is_symlink():
                raise _exists(path) from None
            os.rename(temp, path)
    except (OSError, sqlite3.Error) as err:
        raise PhieuError(_("Không ghi được tệp “{name}”: {err}.").format(name=path.name,
                                                                         err=describe_storage_error(err))) from None
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")) if temp is not None else ():
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass

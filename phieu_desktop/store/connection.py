"""Opening a session file: refuse what is not ours, newer, truncated, corrupt or open elsewhere."""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from ..domain.errors import PhieuError
from ..domain.i18n import _
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

_MAGIC = b"SQLite format 3\x00"
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


class FileRefused(PhieuError):
    """The file cannot be used as a session file; it was not modified."""


class FileBusy(PhieuError):
    """Another program (or window) has the file open."""


def _refuse(path: Path, reason: str) -> FileRefused:
    return FileRefused(_("Không mở được tệp “{name}”: {reason}").format(name=path.name, reason=reason))


def read_header(path: Path, refuse: Callable[[Path, str], Exception]) -> bytes:
    """The first 100 bytes of an SQLite file the user named, read before SQLite touches it (a foreign file is never
    modified, a FIFO never waited on); `refuse(path, reason)` builds the refusal of the calling kind of file."""
    from ..files import open_regular

    try:
        with open_regular(path) as handle:
            return handle.read(100)
    except FileNotFoundError:
        raise refuse(path, _("không tìm thấy tệp.")) from None
    except OSError as err:
        from ..files import describe_os_error

        raise refuse(path, _("không đọc được tệp ({err}).").format(err=describe_os_error(err))) from None


def _check_header(path: Path) -> None:
    """Look at the raw header before SQLite touches the file, so a foreign file is never modified."""
    header = read_header(path, _refuse)
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise _refuse(path, _("đây không phải tệp phiên lấy phiếu (.phieu)."))
    user_version, application_id = struct.unpack(">I", header[60:64])[0], struct.unpack(">I", header[68:72])[0]
    _check_identity(path, application_id, user_version)


def _hot_journal(path: Path) -> bool:
    """A rollback journal left by a write that was interrupted (an idle file has none: see tidy_journal)."""
    try:
        with open(path.with_name(path.name + "-journal"), "rb") as handle:
            return handle.read(8) == _JOURNAL_MAGIC
    except OSError:
        return False


def _check_identity(path: Path, application_id: int, user_version: int) -> None:
    if application_id != APPLICATION_ID:
        raise _refuse(path, _("đây không phải tệp phiên lấy phiếu (.phieu)."))
    if user_version > SCHEMA_VERSION:
        raise _refuse(path, _("tệp được tạo bởi phiên bản mới hơn của chương trình; hãy cập nhật chương trình."))


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    # Files arrive from other units (consolidation): no SQL function or virtual table named in a file's schema
    # (a view, a trigger) may run with side effects, before anything else is read.
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA busy_timeout = 0")
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA journal_mode = DELETE")


def tidy_journal(conn: sqlite3.Connection) -> None:
    """Remove the rollback journal SQLite keeps (zeroed) between transactions in exclusive mode, so that the folder
    holds the session file alone while the program is idle; the exclusive lock is held throughout.

    Only a journal left by an interrupted write matters after a crash, and that one exists only during a write."""
    try:
        conn.execute("PRAGMA locking_mode = NORMAL")  # takes effect only when the lock is next released: never here
        conn.execute("PRAGMA journal_mode = PERSIST")
        conn.execute("PRAGMA journal_mode = DELETE")  # from PERSIST outside exclusive mode: the journal is deleted
    except sqlite3.Error:
        pass  # a journal left beside the file is harmless; the next transaction works the same
    finally:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")


def _take_lock(path: Path, conn: sqlite3.Connection, creating: bool = False) -> None:
    """Hold the exclusive lock for as long as the file is open; a second program fails at once."""
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as err:
        conn.close()
        if creating:  # a full or read-only disk: the caller names the file the user asked for
            raise
        if "locked" in str(err) or "busy" in str(err):
            raise FileBusy(_("Tệp “{name}” đang được mở ở nơi khác (một cửa sổ hoặc chương trình khác); hãy đóng "
                             "nơi đó trước.").format(name=path.name)) from None
        raise _refuse(path, _("tệp bị hỏng; hãy dùng bản sao lưu.")) from None
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # SQLite's own words never reach the user
        conn.close()
        raise _refuse(path, _("tệp bị hỏng; hãy dùng bản sao lưu.")) from None


def open_database(path: Path) -> sqlite_utils.Database:
    """Open an existing session file for exclusive use, migrating an older one after a backup copy."""
    path = Path(path)
    if _hot_journal(path) and not path.exists():
        raise _refuse(path, _("không tìm thấy tệp."))
    # the header is sniffed read-only even with a hot journal: SQLite would roll another program's file back
    # (modify it) before we could refuse it; our own file keeps its header through an interrupted write
    _check_header(path)
    conn = _connect(path, create=False)
    _take_lock(path, conn)
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        _check_identity(path, application_id, user_version)
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        if os.path.getsize(path) < page_size * page_count:
            raise _refuse(path, _("tệp bị cắt cụt (thiếu phần cuối); hãy dùng bản sao lưu."))
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _refuse(path, _("tệp bị hỏng; hãy dùng bản sao lưu."))
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # SQLite's own message may quote the broken bytes
        conn.close()
        raise _refuse(path, _("tệp bị hỏng; hãy dùng bản sao lưu.")) from None
    except PhieuError:
        conn.close()
        raise
    try:
        _configure(conn)
    except (sqlite3.Error, UnicodeDecodeError):
        conn.close()
        raise _refuse(path, _("tệp bị hỏng; hãy dùng bản sao lưu.")) from None
    if user_version < SCHEMA_VERSION:
        _migrate_with_backup(path, conn, user_version)
    tidy_journal(conn)
    return sqlite_utils.Database(conn)


def _migrate_with_backup(path: Path, conn: sqlite3.Connection, user_version: int) -> None:
    """Check the file is what that older version wrote, keep a copy under a fresh name, then migrate."""
    from ..files import describe_storage_error, write_new_with
    from .schema import schema_differences

    try:
        differences = schema_differences(conn, user_version)
    except (sqlite3.Error, UnicodeDecodeError):
        differences = [("", "", "")]
    if user_version < 1 or differences:
        conn.close()
        raise _refuse(path, _("tệp ghi phiên bản cấu trúc {version} nhưng nội dung không đúng cấu trúc của phiên bản "
                              "đó (tệp bị sửa ngoài chương trình); tệp không bị thay đổi.").format(
            version=user_version))
    try:
        backup = fresh_backup_name(path, user_version)
        # through a temporary file moved into place once complete: a kill mid-copy never leaves a truncated
        # FILE.vN.bak (the next run sweeps the temporary file and takes the same name), never over another backup
        write_new_with(backup, lambda temp: shutil.copyfile(path, temp))
        _migrate(conn, user_version)
    except (OSError, sqlite3.Error) as err:
        conn.close()
        raise _refuse(path, _("cần nâng cấp tệp lên phiên bản mới nhưng không ghi được ({reason}).").format(
            reason=describe_storage_error(err))) from None
    except PhieuError as err:  # the backup could not be written: the file is not touched
        conn.close()
        raise _refuse(path, _("cần nâng cấp tệp lên phiên bản mới nhưng không ghi được bản sao lưu ({reason}).")
                      .format(reason=str(err).rstrip("."))) from None


def fresh_backup_name(path: Path, version: int) -> Path:
    """FILE.vN.bak, or FILE.vN.2.bak, FILE.vN.3.bak … when that name is taken: a backup never replaces another."""
    candidate = path.with_name(f"{path.name}.v{version}.bak")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.v{version}.{n}.bak")
        n += 1
    return candidate


def create_database(path: Path) -> sqlite_utils.Database:
    """A new, empty session file at the current schema version (the caller fills it in one transaction)."""
    conn = _connect(Path(path), create=True)
    _take_lock(Path(path), conn, creating=True)
    try:
        _configure(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(conn, 0)
    except BaseException:
        conn.close()
        raise
    tidy_journal(conn)
    return sqlite_utils.Database(conn)


def _migrate(conn: sqlite3.Connection, version: int, target: int = SCHEMA_VERSION,
             migrations: dict[int, str] = MIGRATIONS) -> None:
    """From `version` up to `target`, one transaction per step (the session file's; the board file passes its own)."""
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(migrations[version]):
                conn.execute(statement)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    return statements

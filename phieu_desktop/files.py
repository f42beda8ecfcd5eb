"""Writing a file the user asked for: all or nothing, and never over an existing file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .domain.errors import PhieuError
from .domain.i18n import _


def _exists(path: Path) -> PhieuError:
    return PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=path.name))


def write_new(path: Path, data: bytes) -> None:
    """`data` as a new file at `path`, complete or not at all."""
    write_new_with(path, lambda temp: temp.write_bytes(data))


def write_new_with(path: Path, writer: Callable[[Path], object]) -> None:
    """`writer` fills a temporary file beside `path`; it is moved into place only when complete."""
    path = Path(path)
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
    except OSError as err:
        raise PhieuError(_("Không ghi được tệp “{name}” ({err}).").format(name=path.name, err=err.strerror)) from None
    finally:
        temp.unlink(missing_ok=True)

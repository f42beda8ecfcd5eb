"""Pages from what a scanner or a phone leaves behind: PNG, JPEG, TIFF (several pages too) and PDF, or a folder
of them (in name order).

Every size is checked before the work it would cost (domain/limits.py): a file's bytes before it is read, the
stack's pages before the first is read, a page's pixels (or a PDF page's millimetres) before it is decoded or
rendered. A page that cannot be read is handed on as `Unreadable`, named with its reason: the rest of the stack is
read all the same."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import Image, UnidentifiedImageError

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import (
    MAX_SCAN_FILE_BYTES,
    MAX_SCAN_PAGE_MM,
    MAX_SCAN_PAGES,
    MAX_SCAN_PIXELS,
    LimitError,
    check_file_size,
)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUFFIXES = IMAGE_SUFFIXES + (".pdf",)
PDF_DPI = 200
# Pillow's own guard warns in English (DecompressionBombWarning) between its limit and twice it: every image's size
# is checked here instead, against MAX_SCAN_PIXELS, before its pixels are decoded.
Image.MAX_IMAGE_PIXELS = None
_BROKEN = (UnidentifiedImageError, OSError, EOFError, ValueError, SyntaxError, MemoryError,
           Image.DecompressionBombError)


@dataclass
class Page:
    """One page of one file; `data` are the bytes kept beside the session and hashed into the audit log."""

    path: Path
    number: int  # 1-based page in its file
    data: bytes
    suffix: str  # of the kept file
    image: Image.Image | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def where(self) -> str:
        return _("{file}, trang {page}").format(file=self.path.name, page=self.number)

    def load(self) -> Image.Image:
        if self.image is None:
            self.image = _open(self.data, self.path, self.where)
        return self.image


@dataclass
class Unreadable:
    """A page (or a whole file, `number` 0) that cannot be read, with the reason in Vietnamese; set aside."""

    path: Path
    number: int
    reason: str

    @property
    def where(self) -> str:
        return _("{file}, trang {page}").format(file=self.path.name, page=self.number) if self.number else \
            self.path.name


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder contributes its scans in name order. Refuses what is neither."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise PhieuError(_("Tệp “{name}” không phải ảnh quét (PNG, JPEG, TIFF hoặc PDF).").format(
                    name=path.name))
            files.append(path)
        else:
            raise PhieuError(_("Không tìm thấy tệp “{name}”.").format(name=path.name))
    if not files:
        raise PhieuError(_("Không có ảnh quét nào (PNG, JPEG, TIFF hoặc PDF)."))
    return files


def check_stack(paths: list[Path]) -> list[Path]:
    """The files of a stack once every limit that can be known up front holds: each file's size, then the number
    of pages (a PDF's and a TIFF's from their headers). Raises LimitError naming the file or the count."""
    files = expand(paths)
    for path in files:
        check_file_size(path.name, path.stat().st_size, MAX_SCAN_FILE_BYTES)
    total = 0
    for path in files:
        total += _page_count(path)
        if total > MAX_SCAN_PAGES:
            raise LimitError(_("Xấp quét có hơn {limit} trang (đến tệp “{name}”); giới hạn là {limit} trang mỗi lần "
                               "đọc: hãy chia xấp thành nhiều phần.").format(limit=f"{MAX_SCAN_PAGES:,}".replace(
                                   ",", "."), name=path.name))
    return files


def _page_count(path: Path) -> int:
    try:
        if path.suffix.lower() == ".pdf":
            document = pypdfium2.PdfDocument(str(path))
            try:
                return len(document)
            finally:
                document.close()
        if path.suffix.lower() in (".tif", ".tiff"):
            with Image.open(path) as image:
                return getattr(image, "n_frames", 1)
    except (pypdfium2.PdfiumError, *_BROKEN):
        return 1  # read later, and set aside there with its reason
    return 1


def pages(paths: list[Path]) -> Iterator[Page | Unreadable]:
    """Every page of the stack in order; what cannot be read comes as `Unreadable`, and reading goes on."""
    for path in check_stack(paths):
        try:
            data = path.read_bytes()
        except OSError:
            yield Unreadable(path, 0, _("{file}: không đọc được tệp này.").format(file=path.name))
            continue
        if path.suffix.lower() == ".pdf":
            yield from _pdf_pages(path, data)
            continue
        yield from _image_pages(path, data)


def _image_pages(path: Path, data: bytes) -> Iterator[Page | Unreadable]:
    try:
        image = Image.open(io.BytesIO(data))
    except _BROKEN:
        yield Unreadable(path, 0, _("{file}: không đọc được ảnh này (không phải ảnh, hoặc tệp hỏng).").format(
            file=path.name))
        return
    frames = getattr(image, "n_frames", 1)
    if frames == 1:
        problem = _too_large(image.size, _("{file}, trang {page}").format(file=path.name, page=1))
        if problem:
            yield Unreadable(path, 1, problem)
            return
        try:
            image.load()
        except _BROKEN:
            yield Unreadable(path, 1, _broken(path, 1))
            return
        yield Page(path, 1, data, path.suffix.lower(), image)
        return
    for number in range(1, frames + 1):
        where = _("{file}, trang {page}").format(file=path.name, page=number)
        try:
            image.seek(number - 1)
            problem = _too_large(image.size, where)
            if problem:
                yield Unreadable(path, number, problem)
                continue
            copy = image.convert("L")
        except _BROKEN:
            yield Unreadable(path, number, _broken(path, number))
            continue
        yield Page(path, number, _png(copy), ".png", copy)


def _pdf_pages(path: Path, data: bytes) -> Iterator[Page | Unreadable]:
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        yield Unreadable(path, 0, _("{file}: không đọc được tệp PDF này.").format(file=path.name))
        return
    try:
        for index in range(len(document)):
            where = _("{file}, trang {page}").format(file=path.name, page=index + 1)
            try:
                page = document[index]
                width, height = (side * 25.4 / 72 for side in page.get_size())
                if max(width, height) > MAX_SCAN_PAGE_MM:
                    yield Unreadable(path, index + 1, _(
                        "{where}: trang PDF quá lớn ({w:.0f} × {h:.0f} mm); giới hạn là {limit} mm mỗi cạnh.").format(
                        where=where, w=width, h=height, limit=MAX_SCAN_PAGE_MM))
                    continue
                image = page.render(scale=PDF_DPI / 72, grayscale=True).to_pil().convert("L")
            except (pypdfium2.PdfiumError, *_BROKEN):
                yield Unreadable(path, index + 1, _broken(path, index + 1))
                continue
            yield Page(path, index + 1, _png(image), ".png", image)
    finally:
        document.close()


def _too_large(size: tuple[int, int], where: str) -> str | None:
    if size[0] * size[1] > MAX_SCAN_PIXELS:
        return _("{where}: ảnh quá lớn ({w} × {h} điểm ảnh); giới hạn là {limit} triệu điểm ảnh mỗi trang.").format(
            where=where, w=size[0], h=size[1], limit=MAX_SCAN_PIXELS // 1_000_000)
    return None


def _broken(path: Path, number: int) -> str:
    return _("{file}, trang {page}: ảnh bị hỏng (tệp không đầy đủ hoặc sai định dạng); không đọc được.").format(
        file=path.name, page=number)


def _open(data: bytes, path: Path, where: str | None = None) -> Image.Image:
    """An image kept earlier (a single page, or a frame stored as PNG): the same checks, raised as PhieuError."""
    try:
        image = Image.open(io.BytesIO(data))
        problem = _too_large(image.size, where or path.name)
        if problem:
            raise PhieuError(problem)
        image.load()
        return image
    except _BROKEN:
        raise PhieuError(_("Không đọc được ảnh “{name}”.").format(name=path.name)) from None


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()

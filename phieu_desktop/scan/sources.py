"""Pages from what a scanner or a phone leaves behind: PNG, JPEG, TIFF (several pages too) and PDF, or a folder
of them (in name order)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import Image, ImageSequence, UnidentifiedImageError

from ..domain.errors import PhieuError
from ..domain.i18n import _

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUFFIXES = IMAGE_SUFFIXES + (".pdf",)
PDF_DPI = 200
Image.MAX_IMAGE_PIXELS = 120_000_000  # an A4 page at 1200 dpi; larger is not a scan


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
            self.image = _open(self.data, self.path)
        return self.image


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


def pages(paths: list[Path]) -> Iterator[Page]:
    for path in expand(paths):
        data = path.read_bytes()
        if path.suffix.lower() == ".pdf":
            yield from _pdf_pages(path, data)
            continue
        image = _open(data, path)
        frames = getattr(image, "n_frames", 1)
        if frames == 1:
            yield Page(path, 1, data, path.suffix.lower(), image)
            continue
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            copy = frame.convert("L")
            yield Page(path, number, _png(copy), ".png", copy)


def _pdf_pages(path: Path, data: bytes) -> Iterator[Page]:
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise PhieuError(_("Không đọc được tệp PDF “{name}”.").format(name=path.name)) from None
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=PDF_DPI / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            yield Page(path, index + 1, _png(image), ".png", image)
    finally:
        document.close()


def _open(data: bytes, path: Path) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        return image
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise PhieuError(_("Không đọc được ảnh “{name}”.").format(name=path.name)) from None


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()

"""The visible signature, as Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II describes it.

- 7.d: the person's digital signature shows the image of their handwritten signature, blue, PNG with a
  transparent background, centred between the position and the name of the signer;
- 8.a: the organisation's digital signature shows the image of its seal, red, at the seal's real size, PNG
  with a transparent background, covering about one third of the person's signature image, on its left;
- the information shown with an organisation's signature (8.b, Phần II 3.c): the organisation's name and the
  signing time — date; hour, minute, second; Vietnam time zone, ISO 8601 — in Times New Roman, regular, 10 pt,
  black (we embed Liberation Serif, metrically the same, which has every Vietnamese glyph).

The appearance is drawn with reportlab into a one-page PDF of exactly the box's size, then imported by pyHanko
as the signature widget's appearance (fonts embedded: the document stays PDF/A).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..paths import resource
from .certificates import CertificateInfo, iso_time

MM = 72 / 25.4
TEXT_SIZE = 10
LINE = 12
SIGNATURE_HEIGHT = 42  # the handwritten signature's image, in points (about 15 mm)
DEFAULT_SEAL_MM = 36  # a common round seal of an agency is 35–40 mm across
FONT = "PhieuSignSerif"


@dataclass(frozen=True)
class Appearance:
    """What the visible signature shows; images are optional (a signature without them shows text only)."""

    seal_image: Path | None = None  # the organisation's seal, red, transparent PNG
    signature_image: Path | None = None  # the person's handwritten signature, blue, transparent PNG
    seal_mm: float = DEFAULT_SEAL_MM


def _image_size(path: Path) -> tuple[int, int]:
    from reportlab.lib.utils import ImageReader

    try:
        return ImageReader(str(path)).getSize()
    except Exception:
        raise PhieuError(_("Không đọc được hình ảnh “{name}” (cần tệp .png nền trong suốt).").format(
            name=Path(path).name)) from None


def _check_image(path: Path | None) -> None:
    if path is None:
        return
    if not Path(path).is_file():
        raise PhieuError(_("Không tìm thấy hình ảnh “{name}”.").format(name=Path(path).name))
    if Path(path).suffix.lower() != ".png":
        raise PhieuError(_("Hình ảnh con dấu / chữ ký phải là tệp .png nền trong suốt (Nghị định 30/2020, "
                           "Phụ lục I): “{name}”.").format(name=Path(path).name))


def lines(info: CertificateInfo, moment: datetime) -> list[str]:
    """The text shown: organisation, signer when a person signs, signing time in ISO 8601 +07:00."""
    out = [info.organization]
    if info.person and info.person != info.organization:
        out.append(_("Người ký: {person}").format(person=info.person))
    out.append(_("Thời gian ký: {time}").format(time=iso_time(moment)))
    return out


def layout(appearance: Appearance, text: list[str]) -> tuple[float, float]:
    """(width, height) of the box in points."""
    _check_image(appearance.seal_image)
    _check_image(appearance.signature_image)
    _register_font()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = max(stringWidth(t, FONT, TEXT_SIZE) for t in text) + 6
    image_height = 0.0
    if appearance.signature_image is not None:
        w, h = _image_size(appearance.signature_image)
        sig_w = SIGNATURE_HEIGHT * w / max(h, 1)
        image_height = SIGNATURE_HEIGHT
        width = max(width, sig_w * 1.4)
    if appearance.seal_image is not None:
        seal = appearance.seal_mm * MM
        image_height = max(image_height, seal)
        width = max(width, seal * 1.7)
    return min(width, 300.0), image_height + LINE * len(text) + 4


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resource("fonts", "LiberationSerif-Regular.ttf"))))


def render(appearance: Appearance, text: list[str], size: tuple[float, float], out: Path) -> None:
    """A one-page PDF of `size` points with the images above and the text below, nothing else."""
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    width, height = size
    canvas = Canvas(str(out), pagesize=(width, height), pageCompression=1)
    image_top = height
    image_bottom = LINE * len(text) + 4
    image_height = image_top - image_bottom
    sig_box = None
    if appearance.signature_image is not None:
        w, h = _image_size(appearance.signature_image)
        sig_h = min(SIGNATURE_HEIGHT, image_height)
        sig_w = min(sig_h * w / max(h, 1), width)
        x = (width - sig_w) / 2
        y = image_bottom + (image_height - sig_h) / 2
        canvas.drawImage(str(appearance.signature_image), x, y, sig_w, sig_h, mask="auto")
        sig_box = (x, sig_w)
    if appearance.seal_image is not None:
        seal = min(appearance.seal_mm * MM, image_height)
        w, h = _image_size(appearance.seal_image)
        seal_w = seal * w / max(h, 1)
        # 8.a: the seal covers about the left third of the signature image; alone, it stands on the left.
        x = sig_box[0] + sig_box[1] / 3 - seal_w if sig_box else 0
        canvas.drawImage(str(appearance.seal_image), max(0.0, x), image_bottom, seal_w, seal, mask="auto")
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(FONT, TEXT_SIZE)
    y = LINE * (len(text) - 1) + 4
    for line in text:
        canvas.drawString(3, y, line)
        y -= LINE
    canvas.showPage()
    canvas.save()

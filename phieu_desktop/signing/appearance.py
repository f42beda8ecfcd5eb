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
LINE = 11
SIGNATURE_HEIGHT = 28  # the handwritten signature's image, in points (10 mm: it fits above the name)
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


@dataclass(frozen=True)
class Layout:
    """The box and where things sit in it (points, origin at the box's lower left)."""

    width: float
    height: float
    seal: tuple[float, float, float, float] | None  # x, y, w, h
    signature: tuple[float, float, float, float] | None
    text_x: float
    text_top: float  # the text block's top, from the box's bottom
    anchor_x: float  # what is centred under "(Ký, ghi rõ họ tên)": the signature image, else the whole box

    @property
    def size(self) -> tuple[float, float]:
        return self.width, self.height


def layout(appearance: Appearance, text: list[str]) -> Layout:
    """Images on the left (the seal over the left third of the signature image, 8.a), the text to their right."""
    _check_image(appearance.seal_image)
    _check_image(appearance.signature_image)
    _register_font()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text_w = max(stringWidth(t, FONT, TEXT_SIZE) for t in text) + 4
    text_h = LINE * len(text) + 2
    sig_w = sig_h = seal_w = seal_h = 0.0
    if appearance.signature_image is not None:
        w, h = _image_size(appearance.signature_image)
        sig_h = SIGNATURE_HEIGHT
        sig_w = min(sig_h * w / max(h, 1), 160.0)
    if appearance.seal_image is not None:
        w, h = _image_size(appearance.seal_image)
        seal_h = appearance.seal_mm * MM
        seal_w = seal_h * w / max(h, 1)
    if seal_w and not sig_w:  # the organisation's seal alone: its text on the left, the seal's right edge anchors
        height = max(text_h, seal_h)
        seal = (text_w + 4, (height - seal_h) / 2, seal_w, seal_h)
        width = text_w + 4 + seal_w
        return Layout(width=width, height=height, seal=seal, signature=None, text_x=0.0,
                      text_top=(height + text_h) / 2,
                      anchor_x=width)
    # Otherwise the images in a row, the seal over the left third of the signature image (8.a), and the text under
    # them, starting right of where a seal reaches (this one's, or the organisation's that will lie over the left
    # third of this signature), so the seal never covers the words.
    images_h = max(sig_h, seal_h)
    height = images_h + text_h
    seal = signature = None
    sig_x = max(0.0, seal_w - sig_w / 3) if seal_w else 0.0
    images_w = max(seal_w, sig_x + sig_w)
    if seal_w:
        seal = (0.0, text_h + (images_h - seal_h) / 2, seal_w, seal_h)
    if sig_w:
        signature = (sig_x, text_h + (images_h - sig_h) / 2, sig_w, sig_h)
    if seal_w and sig_w:
        text_x = seal_w + 2
    elif sig_w:
        text_x = max(0.0, sig_w / 2 - 15)
    else:
        text_x = 0.0
    width = max(images_w, text_x + text_w)
    anchor = sig_x + sig_w / 2 if sig_w else width / 2
    return Layout(width=width, height=height, seal=seal, signature=signature, text_x=text_x, text_top=text_h,
                  anchor_x=anchor)


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resource("fonts", "LiberationSerif-Regular.ttf"))))


def render(appearance: Appearance, text: list[str], box: Layout, out: Path, scale: float = 1.0) -> None:
    """A one-page PDF of the box's size times `scale` (smaller when the page has no room for the full size): the
    images and the text, nothing else (transparent elsewhere)."""
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    # the canvas starts in the embedded serif: reportlab's default start, Helvetica, is a font it never embeds
    canvas = Canvas(str(out), pagesize=(box.width * scale, box.height * scale), pageCompression=1,
                    initialFontName=FONT, initialFontSize=TEXT_SIZE)
    canvas.scale(scale, scale)
    if box.signature is not None:
        canvas.drawImage(str(appearance.signature_image), *box.signature, mask="auto")
    if box.seal is not None:  # drawn last: the seal lies over the signature, as on paper
        canvas.drawImage(str(appearance.seal_image), *box.seal, mask="auto")
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(FONT, TEXT_SIZE)
    y = box.text_top - TEXT_SIZE
    for line in text:
        canvas.drawString(box.text_x, y, line)
        y -= LINE
    canvas.showPage()
    canvas.save()

"""PAdES baseline B-B signatures on PDFs, offline (no time-stamp server, no OCSP), as incremental updates.

An incremental update appends to the file and never rewrites it: a PDF/A document stays PDF/A, its MẬT marks and
earlier signatures stay untouched, and a second signature (the committee head's own token) can follow the first.
"""

from __future__ import annotations

import io
import tempfile
from datetime import datetime
from pathlib import Path

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_PDF_BYTES
from ..files import read_input, write_new
from .appearance import Appearance, Layout, layout, lines, render
from .certificates import VIETNAM
from .check import SignatureCheck, from_status, key_usage, signing_time, validation_context
from .keys import SigningKey

HINTS = ("ghi rõ họ tên", "ghi rõ họ, tên", "Ký, ghi rõ", "(Ký")
MARGIN = 36  # points kept free at the page's edges


def _read(path: Path) -> bytes:
    return read_input(path, MAX_PDF_BYTES)


def signature_block(data: bytes) -> tuple[float, float, float, float]:
    """(x, y, page width, page height) of the signature hint "(Ký, ghi rõ họ tên)" on the last page: the centre
    of the place for the signature is under it. Without a hint: the lower right of the page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[-1]
    box = page.mediabox
    width, height = float(box.width), float(box.height)
    found: list[tuple[float, float]] = []

    def visit(text, cm, tm, _font, size):
        if text and any(h.casefold() in text.casefold() for h in HINTS):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            from reportlab.pdfbase.pdfmetrics import stringWidth

            scale = abs(tm[0] * cm[0]) or 1.0  # the hint is centred: its middle is where the signature goes
            found.append((x + stringWidth(text.strip(), "Times-Italic", (size or 10) * scale) / 2, y))

    try:
        page.extract_text(visitor_text=visit)
    except Exception:  # a page pypdf cannot read: fall back to the lower right
        found = []
    if found:
        x, y = max(found, key=lambda p: (p[0] > width / 2, p[1]))  # the top right: T/M …, TRƯỞNG BAN
        return x, y, width, height
    return width * 0.7, height * 0.35, width, height


def _existing_signatures(writer) -> int:
    from pyhanko.sign.fields import enumerate_sig_fields

    return sum(1 for _name, value, _ref in enumerate_sig_fields(writer.prev) if value is not None)


SCALES = (1.0, 0.85, 0.7, 0.55)  # the stamp shrinks rather than cover text when the page has no room for it
SHRINK_COST = 60.0  # points of distance from the place that one step smaller is worth


def _field_box(data: bytes, box: Layout, index: int) -> tuple[tuple[float, float, float, float], float]:
    """(the widget's rectangle, the stamp's scale) on the last page: free space found from the page's own layout
    (`placement`), nearest under the signature hint, beside earlier signatures, never over text or them. An
    organisation's seal that follows a person's signature first tries the place Phụ lục I, 8.a gives it (over the
    left third of that signature), if no text lies there."""
    from pypdf import PdfReader

    from .placement import annotation_boxes, free_box, scored_free_box, text_boxes

    x, y, page_w, page_h = signature_block(data)
    try:
        page = PdfReader(io.BytesIO(data)).pages[-1]
        words, earlier = text_boxes(page), annotation_boxes(page)
    except Exception:  # a page pypdf cannot read: the margins still hold
        words, earlier = [], []
    w, h = box.size
    if box.seal is not None and box.signature is None and index >= 1:
        left = x - 20 - box.anchor_x  # the seal's right edge a third into a signature about 60 pt each side of x
        over = (left, y - 2 - h, left + w, y - 2)
        if free_box((page_w, page_h), words, (w, h), (x, y - 2), box.anchor_x) == over:
            return over, 1.0
    best: tuple[float, tuple[float, float, float, float], float] | None = None
    for step, scale in enumerate(SCALES):  # a smaller stamp near the place beats a full one far from it
        found = scored_free_box((page_w, page_h), words + earlier, (w * scale, h * scale), (x, y - 2),
                                box.anchor_x * scale)
        if found is not None and (best is None or found[0] + SHRINK_COST * step < best[0]):
            best = (found[0] + SHRINK_COST * step, found[1], scale)
    if best is not None:
        return best[1], best[2]
    scale = SCALES[-1]  # a page full of text: the smallest stamp in the lower right margin area, as before
    left = min(max(MARGIN, x - box.anchor_x * scale), page_w - MARGIN - w * scale)
    bottom = max(MARGIN / 2, y - 2 - h * scale - index * (h * scale + 4))
    return (left, bottom, left + w * scale, bottom + h * scale), scale


def sign_pdf(source: Path, out: Path, key: SigningKey, appearance: Appearance = Appearance(),
             now: datetime | None = None) -> SignatureCheck:
    """Sign `source` into the new file `out` (never overwrites); returns the signature as read back."""
    from pyhanko.pdf_utils import layout as layout_rule
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    out = Path(out)
    if out.exists():
        raise PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=out.name))
    data = _read(source)
    moment = (now or datetime.now(VIETNAM)).astimezone(VIETNAM)
    text = lines(key.info, moment)
    size = layout(appearance, text)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, OSError):
        raise PhieuError(_("“{name}” không phải tệp PDF đọc được.").format(name=Path(source).name)) from None
    index = _existing_signatures(writer)
    name = f"ChuKySo{index + 1}"
    box, scale = _field_box(data, size, index)
    with tempfile.TemporaryDirectory(prefix="phieu-sign-") as folder:
        stamp_pdf = Path(folder) / "stamp.pdf"
        render(appearance, text, size, stamp_pdf, scale)
        exact = layout_rule.SimpleBoxLayoutRule(x_align=layout_rule.AxisAlignment.ALIGN_MIN,
                                                y_align=layout_rule.AxisAlignment.ALIGN_MIN,
                                                margins=layout_rule.Margins(0, 0, 0, 0),
                                                inner_content_scaling=layout_rule.InnerScaling.NO_SCALING)
        style = StaticStampStyle.from_pdf_file(str(stamp_pdf), border_width=0, background_layout=exact)
        meta = signers.PdfSignatureMetadata(field_name=name, md_algorithm="sha256",
                                            subfilter=fields.SigSeedSubFilter.PADES,
                                            name=key.info.person or None, location=None)
        spec = fields.SigFieldSpec(sig_field_name=name, on_page=-1, box=box)
        pdf_signer = signers.PdfSigner(meta, signer=key.signer, stamp_style=style, new_field_spec=spec)
        output = io.BytesIO()
        try:
            pdf_signer.sign_pdf(writer, output=output)
        except PhieuError:
            raise
        except Exception as err:  # the token refused (removed mid-way, key not allowed to sign…)
            raise PhieuError(_("Thiết bị ký số không ký được ({kind}); tệp chưa được ghi.").format(
                kind=type(err).__name__)) from None
    signed = output.getvalue()
    write_new(out, signed)
    return SignatureCheck(organization=key.info.organization, person=key.info.person, signed_at=moment,
                          intact=True, trusted=False, valid_at_signing=key.info.valid_at(moment), field=name,
                          certified_organization=key.info.certified_organization)


def verify_pdf_bytes(data: bytes, roots: list) -> list[SignatureCheck]:
    """Every signature of any PDF (ours or another program's), in the order they were added."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, OSError, KeyError):
        raise PhieuError(_("Tệp không phải PDF đọc được.")) from None
    later_signed = [str(sig.field_name) for sig in embedded]
    checks = []
    for index, sig in enumerate(embedded):
        try:
            moment = signing_time(sig.signed_data)
            status = validate_pdf_signature(sig, validation_context(roots, moment), key_usage_settings=key_usage())
        except Exception:  # a malformed signature dictionary: report it as not intact rather than fail
            checks.append(SignatureCheck(organization="?", person="?", signed_at=None, intact=False, trusted=False,
                                         valid_at_signing=False, field=str(sig.field_name)))
            continue
        change = _change_after(status, later_signed[index + 1:])
        checks.append(from_status(status, changed_after=bool(change), field=str(sig.field_name), change=change))
    return checks


def _change_after(status, later: list[str]) -> str:
    """What changed after a signature other than later signatures (and their validation data), or "".

    pyHanko's FORM_FILLING level lets an incremental update add an unsigned field whose appearance covers the
    page: nothing may change what a signed page shows, so only fields of later signatures may change.
    """
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel

    if status.docmdp_ok is False:
        return _("quyền sửa đổi do người ký đặt đã bị vi phạm")
    level, diff = status.modification_level, getattr(status, "diff_result", None)
    if level is None or level == ModificationLevel.NONE:
        return ""
    if level > ModificationLevel.FORM_FILLING or not isinstance(diff, DiffResult):
        return _("nội dung trang hoặc chú thích đã bị thay đổi")
    foreign = sorted(set(diff.changed_form_fields) - set(later))
    if foreign:
        return _("thêm hoặc sửa trường “{fields}” không phải chữ ký số ký sau").format(fields="”, “".join(foreign))
    return ""


def verify_pdf(path: Path, roots: list) -> list[SignatureCheck]:
    return verify_pdf_bytes(_read(path), roots)

"""PAdES baseline B-B signatures on PDFs, offline (no time-stamp server, no OCSP), as incremental updates.

An incremental update appends to the file and never rewrites it: a PDF/A document stays PDF/A, its MẬT marks and
earlier signatures stay untouched, and a second signature (the committee head's own token) can follow the first.
"""

from __future__ import annotations

import io
import re
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


COPY_LABEL = re.compile(r"Bản\s+số\s+(\d{1,2})\s*/\s*(\d{1,2})")
MAX_COPIES = 5  # the minutes have three copies; a file claiming more is signed on its last page only


def signature_pages(data: bytes) -> list[int]:
    """The pages (0-based) that take a visible signature: the last page of each copy "Bản số k/n" (every page of
    a copy carries its label; copies 1/3 and 2/3 go to the level above and must carry the signature too), or
    the last page when the copies' labels are absent or do not make whole copies 1..n in order."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    count = len(reader.pages)
    labels: list[tuple[int, int] | None] = []
    for page in reader.pages:
        try:
            found = COPY_LABEL.findall(page.extract_text() or "")
        except Exception:  # a page pypdf cannot read: no label known
            found = []
        labels.append((int(found[0][0]), int(found[0][1])) if len(set(found)) == 1 else None)
    if not labels or any(label is None for label in labels):
        return [count - 1]
    total = labels[0][1]
    copies = [k for k, _n in labels]
    if not 1 < total <= MAX_COPIES or any(n != total for _k, n in labels) or copies != sorted(copies) \
            or sorted(set(copies)) != list(range(1, total + 1)):
        return [count - 1]
    return [index for index in range(count) if index == count - 1 or copies[index + 1] != copies[index]]


def signature_block(data: bytes, page_index: int = -1) -> tuple[float, float, float, float]:
    """(x, y, page width, page height) of the signature hint "(Ký, ghi rõ họ tên)" on the page (the last by
    default): the centre of the place for the signature is under it. Without a hint: the lower right of the page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[page_index]
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


def _field_box(data: bytes, box: Layout, index: int, page_index: int = -1
               ) -> tuple[tuple[float, float, float, float], float]:
    """(the widget's rectangle, the stamp's scale) on the page (the last by default): free space found from the
    page's own layout (`placement`), nearest under the signature hint, beside earlier signatures, never over text
    or them. An organisation's seal that follows a person's signature first tries the place Phụ lục I, 8.a gives
    it (over the left third of that signature), if no text lies there."""
    from pypdf import PdfReader

    from .placement import annotation_boxes, free_box, scored_free_box, text_boxes

    x, y, page_w, page_h = signature_block(data, page_index)
    try:
        page = PdfReader(io.BytesIO(data)).pages[page_index]
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


def _page_signatures(data: bytes, page_index: int) -> int:
    """How many signature widgets the page already carries (earlier signers' stamps on it)."""
    from pypdf import PdfReader

    try:
        page = PdfReader(io.BytesIO(data)).pages[page_index]
        return sum(1 for ref in page.get("/Annots", []) or [] if ref.get_object().get("/FT") == "/Sig")
    except Exception:  # a page pypdf cannot read: as if none
        return 0


def sign_pdf(source: Path, out: Path, key: SigningKey, appearance: Appearance = Appearance(),
             now: datetime | None = None) -> SignatureCheck:
    """Sign `source` into the new file `out` (never overwrites); returns the signature as read back.

    A PDF signature field has one widget (pyHanko), and every copy's signature page must show the stamp (copies
    1/3 and 2/3 go to the level above): the key signs once per signature page (`signature_pages`), each an
    incremental signature on its own field, with the one key and token session (the PIN asked once). A later
    signature is what the modification check accepts after a signature; `verify_pdf` reports the signer once."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError

    out = Path(out)
    if out.exists():
        raise PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=out.name))
    data = _read(source)
    moment = (now or datetime.now(VIETNAM)).astimezone(VIETNAM)
    text = lines(key.info, moment)
    size = layout(appearance, text)
    try:
        IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        pages = signature_pages(data)
    except (PdfReadError, ValueError, OSError):
        raise PhieuError(_("“{name}” không phải tệp PDF đọc được.").format(name=Path(source).name)) from None
    except Exception:  # pypdf could not read what pyHanko could: sign the last page only
        pages = [-1]
    name = ""
    for page_index in pages:
        data, name = _sign_page(data, key, appearance, text, size, page_index)
    write_new(out, data)
    return SignatureCheck(organization=key.info.organization, person=key.info.person, signed_at=moment,
                          intact=True, trusted=False, valid_at_signing=key.info.valid_at(moment), field=name,
                          certified_organization=key.info.certified_organization)


def _sign_page(data: bytes, key: SigningKey, appearance: Appearance, text, size: Layout,
               page_index: int) -> tuple[bytes, str]:
    """One incremental signature of `data` whose visible stamp sits on the page `page_index`: (the signed
    bytes, the field's name)."""
    from pyhanko.pdf_utils import layout as layout_rule
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, OSError):
        raise PhieuError(_("Tệp PDF không đọc được.")) from None
    name = f"ChuKySo{_existing_signatures(writer) + 1}"
    box, scale = _field_box(data, size, _page_signatures(data, page_index), page_index)
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
        spec = fields.SigFieldSpec(sig_field_name=name, on_page=page_index, box=box)
        pdf_signer = signers.PdfSigner(meta, signer=key.signer, stamp_style=style, new_field_spec=spec)
        output = io.BytesIO()
        try:
            pdf_signer.sign_pdf(writer, output=output)
        except PhieuError:
            raise
        except Exception as err:  # the token refused (removed mid-way, key not allowed to sign…)
            raise PhieuError(_("Thiết bị ký số không ký được ({kind}); tệp chưa được ghi.").format(
                kind=type(err).__name__)) from None
    return output.getvalue(), name


def verify_pdf_bytes(data: bytes, roots: list) -> list[SignatureCheck]:
    """Every signer of any PDF (ours or another program's), in the order they first signed: each signature is
    checked, and the signatures one certificate made (ours: one per copy's signature page) are reported as one
    signer, good only when every one of them is."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, OSError, KeyError):
        raise PhieuError(_("Tệp không phải PDF đọc được.")) from None
    later_signed = [str(sig.field_name) for sig in embedded]
    groups: dict[object, list[SignatureCheck]] = {}
    for index, sig in enumerate(embedded):
        try:
            moment = signing_time(sig.signed_data)
            signer = sig.signer_cert.sha256
            status = validate_pdf_signature(sig, validation_context(roots, moment), key_usage_settings=key_usage())
        except Exception:  # a malformed signature dictionary: report it as not intact rather than fail
            groups[("?", index)] = [SignatureCheck(organization="?", person="?", signed_at=None, intact=False,
                                                   trusted=False, valid_at_signing=False,
                                                   field=str(sig.field_name))]
            continue
        change = _change_after(status, later_signed[index + 1:])
        groups.setdefault(signer, []).append(
            from_status(status, changed_after=bool(change), field=str(sig.field_name), change=change))
    return [_one_signer(checks) for checks in groups.values()]


def _one_signer(checks: list[SignatureCheck]) -> SignatureCheck:
    """One certificate's signatures as one: intact, trusted and valid only if each is; a change after any of
    them is a change; the fields all named."""
    from dataclasses import replace

    first = checks[0]
    changed = [c for c in checks if c.changed_after]
    return replace(first, intact=all(c.intact for c in checks), trusted=all(c.trusted for c in checks),
                   valid_at_signing=all(c.valid_at_signing for c in checks),
                   changed_after=bool(changed), change=changed[0].change if changed else "",
                   expired=any(c.expired for c in checks), field=", ".join(c.field for c in checks))


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

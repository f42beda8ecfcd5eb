"""PAdES signatures on the printed minutes, with a SoftHSM2 token and with a .p12 file (each test runs twice)."""

from __future__ import annotations

import pytest

from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.signing import trust
from phieu_desktop.signing.appearance import Appearance
from phieu_desktop.signing.keys import open_key
from phieu_desktop.signing.pdf import sign_pdf, verify_pdf

from .pki import UNIT


def _sign(keys, source, out, which="unit", organization=UNIT, appearance=Appearance()):
    with open_key(getattr(keys, which), keys.pin, organization) as key:
        return sign_pdf(source, out, key, appearance)


def test_sign_and_verify(keys, minutes_pdf, tmp_path, trust_home):
    out = tmp_path / "ky.pdf"
    _sign(keys, minutes_pdf, out)
    original = minutes_pdf.read_bytes()
    assert out.read_bytes().startswith(original), "an incremental update keeps every original byte (PDF/A, MẬT)"
    checks = verify_pdf(out, trust.trusted_certificates())
    assert len(checks) == 1
    check = checks[0]
    assert (check.organization, check.intact, check.trusted, check.valid_at_signing) == (UNIT, True, True, True)
    assert check.ok and check.signed_at is not None


def test_pdf_changed_after_signing_is_not_intact(keys, minutes_pdf, tmp_path, trust_home):
    out = tmp_path / "ky.pdf"
    _sign(keys, minutes_pdf, out)
    data = bytearray(out.read_bytes())
    at = data.index(b"/MediaBox")  # inside the signed byte range: the first revision's page
    data[at + 1:at + 2] = b"m"
    changed = tmp_path / "sua.pdf"
    changed.write_bytes(bytes(data))
    checks = verify_pdf(changed, trust.trusted_certificates())
    assert checks and not checks[0].ok and not checks[0].intact


def test_second_signature_keeps_the_first(keys, minutes_pdf, tmp_path, trust_home):
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    _sign(keys, minutes_pdf, first)
    _sign(keys, first, second, which="person")
    checks = verify_pdf(second, trust.trusted_certificates())
    assert [c.person for c in checks] == [UNIT, "Trần Thị Bình"]
    assert all(c.ok for c in checks), [c.status_text() for c in checks]
    assert checks[0].field != checks[1].field


def test_untrusted_root_is_intact_but_not_trusted(keys, minutes_pdf, tmp_path, trust_home):
    out = tmp_path / "ky.pdf"
    _sign(keys, minutes_pdf, out, which="foreign")
    [check] = verify_pdf(out, trust.trusted_certificates())
    assert check.intact and not check.trusted and not check.ok


def test_expired_certificate_refused_nothing_written(keys, minutes_pdf, tmp_path):
    out = tmp_path / "ky.pdf"
    with pytest.raises(PhieuError, match="hết hạn"):
        _sign(keys, minutes_pdf, out, which="expired")
    assert not out.exists()


def test_other_organisation_refused(keys, minutes_pdf, tmp_path):
    out = tmp_path / "ky.pdf"
    with pytest.raises(PhieuError, match="không phải đơn vị"):
        _sign(keys, minutes_pdf, out, which="other_org")
    assert not out.exists()


def test_wrong_pin_refused_once(keys, minutes_pdf, tmp_path):
    with pytest.raises(PhieuError, match="Sai"):
        open_key(keys.unit, "000000", UNIT)
    with open_key(keys.unit, keys.pin, UNIT) as key:  # the right PIN still works: nothing retried, nothing locked
        assert key.info.organization == UNIT


def test_token_or_file_without_key(keys):
    with pytest.raises(PhieuError, match="không có chứng thư số kèm khóa bí mật"):
        open_key(keys.no_key, keys.pin, UNIT)


def test_visible_signature_with_seal_and_signature_images(keys, minutes_pdf, tmp_path, trust_home):
    from .images import seal_png, signature_png

    out = tmp_path / "ky.pdf"
    appearance = Appearance(seal_image=seal_png(tmp_path / "dau.png"),
                            signature_image=signature_png(tmp_path / "chu-ky.png"))
    _sign(keys, minutes_pdf, out, appearance=appearance)
    [check] = verify_pdf(out, trust.trusted_certificates())
    assert check.ok
    from pypdf import PdfReader

    reader = PdfReader(out)
    widgets = [a.get_object() for a in reader.pages[-1].get("/Annots", [])]
    sig = [w for w in widgets if w.get("/FT") == "/Sig"]
    assert sig and sig[0]["/F"] & 4, "the widget prints (PDF/A requires the Print flag)"
    x1, y1, x2, y2 = (float(v) for v in sig[0]["/Rect"])
    width = float(reader.pages[-1].mediabox.width)
    assert x2 > width / 2 and x2 <= width, "on the right, where T/M BAN KIỂM PHIẾU signs"


def _plain(value):
    """A PDF object as plain data: references as (number, generation), not as the reader's Python object."""
    from pypdf.generic import IndirectObject

    if isinstance(value, IndirectObject):
        return ("ref", value.idnum, value.generation)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def test_catalog_kept_for_pdfa(keys, minutes_pdf, tmp_path):
    """PDF/A lives in the catalog (/Metadata, /OutputIntents, /MarkInfo…): signing adds /AcroForm and keeps the rest."""
    from pypdf import PdfReader

    out = tmp_path / "ky.pdf"
    _sign(keys, minutes_pdf, out)
    before = PdfReader(minutes_pdf).trailer["/Root"]
    after = PdfReader(out).trailer["/Root"]
    for name in before:
        if name in ("/AcroForm", "/Pages"):
            continue
        assert name in after, f"{name} lost"
        assert _plain(after[name].get_object()) == _plain(before[name].get_object()), f"{name} changed"
    assert "/AcroForm" in after and after["/AcroForm"]["/SigFlags"] == 3
    assert len(PdfReader(out).pages) == len(PdfReader(minutes_pdf).pages)


def test_visible_signatures_find_free_space_side_by_side(keys, minutes_pdf, tmp_path, trust_home):
    """Issue 24, item 1: each stamp sits in free space of the signature page (never over a word, the heading
    "CÁC THÀNH VIÊN BAN KIỂM PHIẾU" included), a second signer beside the first rather than on it, both inside the
    margins of Nghị định 30 (right margin at least 15 mm)."""
    from pypdf import PdfReader

    from tests.documents import layout

    from .images import seal_png, signature_png

    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    with_seal = Appearance(seal_image=seal_png(tmp_path / "dau.png"),
                           signature_image=signature_png(tmp_path / "chu-ky.png"))
    _sign(keys, minutes_pdf, first, appearance=with_seal)
    _sign(keys, first, second, which="person", appearance=Appearance(signature_image=signature_png(
        tmp_path / "chu-ky-2.png")))
    assert all(c.ok for c in verify_pdf(second, trust.trusted_certificates()))
    reader = PdfReader(second)
    page = reader.pages[-1]
    rects = [tuple(float(v) for v in a.get_object()["/Rect"]) for a in page.get("/Annots", [])
             if a.get_object().get("/FT") == "/Sig"]
    assert len(rects) == 2
    height = float(page.mediabox.height)
    width = float(page.mediabox.width)
    words = layout.read(minutes_pdf)[-1].words  # the page as printed, before any signature
    for x0, y0, x1, y1 in rects:
        assert x0 >= 30 * layout.MM - 1 and x1 <= width - 15 * layout.MM + 1, (x0, x1)
        for w in words:  # poppler's boxes: y from the top
            wy0, wy1 = height - w.y1, height - w.y0
            assert w.x1 <= x0 or w.x0 >= x1 or wy1 <= y0 or wy0 >= y1, f"the stamp covers “{w.text}”"
    (a0, b0, a1, b1), (c0, d0, c1, d1) = rects
    assert a1 <= c0 or c1 <= a0 or b1 <= d0 or d1 <= b0, "the second signature lies on the first"


def test_every_copy_carries_each_signers_stamp(keys, minutes_pdf, tmp_path, trust_home):
    """Issue 24, item 1: copies 1/3 and 2/3 (sent to the level above) carry the visible signature as copy 3/3
    does: each signer's stamp on the signature page of every copy, beside the other signer's, never over a word,
    inside the margins; every signature is checked and each signer is reported once."""
    from pypdf import PdfReader

    from phieu_desktop.signing.pdf import signature_pages
    from tests.documents import layout

    from .images import seal_png, signature_png

    printed = layout.read(minutes_pdf)
    ends = sorted(layout.unit_ends(printed))  # the copies' last pages, found from the numbering
    assert len(ends) == 3, ends
    assert [i + 1 for i in signature_pages(minutes_pdf.read_bytes())] == ends
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    with_seal = Appearance(seal_image=seal_png(tmp_path / "dau.png"),
                           signature_image=signature_png(tmp_path / "chu-ky.png"))
    _sign(keys, minutes_pdf, first, appearance=with_seal)
    assert [c.person for c in verify_pdf(first, trust.trusted_certificates())] == [UNIT]
    _sign(keys, first, second, which="person", appearance=Appearance(signature_image=signature_png(
        tmp_path / "chu-ky-2.png")))
    checks = verify_pdf(second, trust.trusted_certificates())
    assert [c.person for c in checks] == [UNIT, "Trần Thị Bình"], "each signer once"
    assert all(c.ok for c in checks), [c.status_text() for c in checks]
    assert [len(c.field.split(", ")) for c in checks] == [3, 3], "every copy's signature checked"
    reader = PdfReader(second)
    for index, page in enumerate(reader.pages):
        sigs = [a.get_object() for a in page.get("/Annots", []) if a.get_object().get("/FT") == "/Sig"]
        rects = [tuple(float(v) for v in s["/Rect"]) for s in sigs]
        if index + 1 not in ends:
            assert not rects, f"page {index + 1} is no signature page"
            continue
        assert len(rects) == 2, f"page {index + 1}: {len(rects)} stamps"
        assert all(s["/F"] & 4 for s in sigs), "the widgets print"
        height, width = float(page.mediabox.height), float(page.mediabox.width)
        for x0, y0, x1, y1 in rects:
            assert x1 - x0 > 20 and y1 - y0 > 20, "a visible stamp"
            assert x0 >= layout.LEFT - 1 and x1 <= width - layout.RIGHT + 1, (index + 1, x0, x1)
            assert y0 >= layout.BOTTOM - 1 and y1 <= height - layout.TOP + 1, (index + 1, y0, y1)
            for w in printed[index].words:  # poppler's boxes: y from the top
                wy0, wy1 = height - w.y1, height - w.y0
                assert w.x1 <= x0 or w.x0 >= x1 or wy1 <= y0 or wy0 >= y1, \
                    f"page {index + 1}: the stamp covers “{w.text}”"
        (a0, b0, a1, b1), (c0, d0, c1, d1) = rects
        assert a1 <= c0 or c1 <= a0 or b1 <= d0 or d1 <= b0, f"page {index + 1}: a stamp on another"


def test_a_signer_is_good_only_when_each_of_their_signatures_is():
    """A signer's signatures (one per copy) are reported as one line: one broken or changed-after copy makes the
    signer not good, the change named."""
    from phieu_desktop.signing.check import SignatureCheck
    from phieu_desktop.signing.pdf import _one_signer

    good = [SignatureCheck(organization=UNIT, person=UNIT, signed_at=None, intact=True, trusted=True,
                           valid_at_signing=True, field=f"ChuKySo{n}") for n in (1, 2, 3)]
    assert _one_signer(good).ok and _one_signer(good).field == "ChuKySo1, ChuKySo2, ChuKySo3"
    from dataclasses import replace

    for broken in (replace(good[1], intact=False), replace(good[1], trusted=False),
                   replace(good[1], changed_after=True, change="thêm trường “X”")):
        merged = _one_signer([good[0], broken, good[2]])
        assert not merged.ok, broken
    assert "“X”" in _one_signer([good[0], replace(good[2], changed_after=True, change="thêm trường “X”")]
                                ).status_text()

"""Issue 24, item 13: the key card and the signature stamp embed their fonts (no Helvetica) and the key card is
PDF/A-2b, like every other PDF the program writes."""

from __future__ import annotations

from pyrage import x25519

from phieu_desktop.exchange.keycard import write_key_card
from phieu_desktop.signing.appearance import Appearance, layout, lines, render
from tests.documents import layout as checks


def test_the_key_card_embeds_its_fonts_and_is_pdfa(tmp_path):
    checks.need_poppler()
    card = tmp_path / "khoa.pdf"
    write_key_card(str(x25519.Identity.generate().to_public()), card, holder="Ban Tổ chức Tỉnh ủy")
    assert checks.fonts_embedded(card) == []
    assert checks.archival(card) == []


def test_the_signature_stamp_references_no_helvetica(tmp_path):
    checks.need_poppler()
    from datetime import datetime, timedelta, timezone

    from phieu_desktop.signing.certificates import CertificateInfo

    info = CertificateInfo.__new__(CertificateInfo)
    object.__setattr__(info, "organization", "Sở Tài chính tỉnh Hà Giang")
    object.__setattr__(info, "person", "Trần Thị Bình")
    text = lines(info, datetime(2023, 9, 12, 10, 0, tzinfo=timezone(timedelta(hours=7))))
    box = layout(Appearance(), text)
    out = tmp_path / "stamp.pdf"
    render(Appearance(), text, box, out, 0.7)
    assert checks.fonts_embedded(out) == []

"""The embedded font covers every Vietnamese letter, and the wording of every form is NFC."""

from __future__ import annotations

import tomllib
import unicodedata

from reportlab.pdfbase.ttfonts import TTFontFile

from phieu_desktop.paths import form, resource

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # none, huyền, hỏi, ngã, sắc, nặng


def vietnamese_letters() -> set[str]:
    letters = {"đ", "Đ"}
    for base in BASES:
        for tone in TONES:
            letter = unicodedata.normalize("NFC", base + tone)
            letters |= {letter, letter.upper()}
    return letters


def test_alphabet_has_all_134_toned_vowels_and_d():
    assert len(vietnamese_letters()) == 2 * (len(BASES) * len(TONES) + 1)
    assert all(len(letter) == 1 for letter in vietnamese_letters())  # every one precomposed


def test_every_style_of_the_font_has_every_letter():
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        cmap = TTFontFile(str(resource("fonts", f"LiberationSerif-{style}.ttf"))).charToGlyph
        missing = sorted(letter for letter in vietnamese_letters() | set("…–·“”") if ord(letter) not in cmap)
        assert not missing, (style, missing)
    assert "Open Font License" in resource("fonts", "OFL.txt").read_text(encoding="utf-8")


def test_form_wording_is_nfc():
    for path in sorted(form().glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path.name
        tomllib.loads(text)

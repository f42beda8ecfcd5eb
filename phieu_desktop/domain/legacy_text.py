"""Old Vietnamese 8-bit encodings (TCVN3/ABC, VNI) found in old Excel lists, converted to Unicode.

Excel stores such text as the Windows-1252 reading of the bytes (``"NguyÔn"`` for Nguyễn in
TCVN3, ``"Nguyeãn"`` in VNI); only the font (".VnTime", "VNI-Times") made it look right.
We decode per cell: by the font name when it is known, otherwise by a heuristic that keeps
Unicode text untouched and converts only when the result reads as Vietnamese.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from .text import nfc


class Encoding(str, Enum):
    UNICODE = "unicode"
    TCVN3 = "tcvn3"
    VNI = "vni"


# --- TCVN3 (TCVN 5712:1993, VN3 / "ABC"): one byte per letter ---
# Only lower-case toned letters exist; upper-case ones are drawn by the ".Vn…H" fonts from the same codes.
_TCVN3_LETTERS = {
    "à": 0xB5, "á": 0xB8, "ả": 0xB6, "ã": 0xB7, "ạ": 0xB9,
    "ă": 0xA8, "ằ": 0xBB, "ắ": 0xBE, "ẳ": 0xBC, "ẵ": 0xBD, "ặ": 0xC6,
    "â": 0xA9, "ầ": 0xC7, "ấ": 0xCA, "ẩ": 0xC8, "ẫ": 0xC9, "ậ": 0xCB,
    "đ": 0xAE,
    "è": 0xCC, "é": 0xD0, "ẻ": 0xCE, "ẽ": 0xCF, "ẹ": 0xD1,
    "ê": 0xAA, "ề": 0xD2, "ế": 0xD5, "ể": 0xD3, "ễ": 0xD4, "ệ": 0xD6,
    "ì": 0xD7, "í": 0xDD, "ỉ": 0xD8, "ĩ": 0xDC, "ị": 0xDE,
    "ò": 0xDF, "ó": 0xE3, "ỏ": 0xE1, "õ": 0xE2, "ọ": 0xE4,
    "ô": 0xAB, "ồ": 0xE5, "ố": 0xE8, "ổ": 0xE6, "ỗ": 0xE7, "ộ": 0xE9,
    "ơ": 0xAC, "ờ": 0xEA, "ớ": 0xED, "ở": 0xEB, "ỡ": 0xEC, "ợ": 0xEE,
    "ù": 0xEF, "ú": 0xF3, "ủ": 0xF1, "ũ": 0xF2, "ụ": 0xF4,
    "ư": 0xAD, "ừ": 0xF5, "ứ": 0xF8, "ử": 0xF6, "ữ": 0xF7, "ự": 0xF9,
    "ỳ": 0xFA, "ý": 0xFD, "ỷ": 0xFB, "ỹ": 0xFC, "ỵ": 0xFE,
    "Ă": 0xA1, "Â": 0xA2, "Đ": 0xA7, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6,
}
TCVN3_DECODE: dict[str, str] = {chr(code): letter for letter, code in _TCVN3_LETTERS.items()}
TCVN3_ENCODE: dict[str, str] = {letter: chr(code) for letter, code in _TCVN3_LETTERS.items()}

# --- VNI (VNI Software, Windows fonts "VNI-…"): a base letter followed by a mark byte ---
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # none, huyền, hỏi, ngã, sắc, nặng
# mark bytes after a lower-case base: plain vowel (tones), â/ê/ô (circumflex + tone), ă (breve + tone)
_VNI_TONE = {"\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0301": "ù", "\u0323": "ï"}
_VNI_CIRCUMFLEX = {"": "â", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0301": "á", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0301": "é", "\u0323": "ë"}
# letters that are one byte of their own
_VNI_SINGLE = {
    "đ": "ñ", "Đ": "Ñ", "ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö",
    "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "Ì": "Ì", "Í": "Í", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò",
    "ỵ": "î", "Ỵ": "Î",
}

VIETNAMESE_VOWELS = "aăâeêioôơuưy"


def _vietnamese_letters() -> list[str]:
    """The 134 toned or modified letters of the Vietnamese alphabet (plus đ/Đ), lower then upper."""
    letters: list[str] = []
    for base in VIETNAMESE_VOWELS:
        for tone in _TONES:
            letter = nfc(base + tone)
            if not letter.isascii():
                letters.append(letter)
    letters.append("đ")
    return letters + [ch.upper() for ch in letters]


VIETNAMESE_LETTERS: tuple[str, ...] = tuple(_vietnamese_letters())


def _vni_encode_letter(letter: str) -> str:
    if letter in _VNI_SINGLE:
        return _VNI_SINGLE[letter]
    upper = letter.isupper()
    parts = unicodedata.normalize("NFD", letter.lower())
    base, marks = parts[0], parts[1:]
    tone = next((m for m in marks if m in _VNI_TONE), "")
    if "\u031b" in marks:  # horn: ơ / ư are one byte, the tone follows
        head, mark = _VNI_SINGLE["ơ" if base == "o" else "ư"], _VNI_TONE.get(tone, "")
    elif "\u0302" in marks:
        head, mark = base, _VNI_CIRCUMFLEX[tone]
    elif "\u0306" in marks:
        head, mark = base, _VNI_BREVE[tone]
    else:
        head, mark = base, _VNI_TONE[tone]
    if upper:
        return head.upper() + mark.upper()
    return head + mark


VNI_ENCODE: dict[str, str] = {letter: _vni_encode_letter(letter) for letter in VIETNAMESE_LETTERS}


def _vni_decode_table() -> dict[str, str]:
    table = {code: letter for letter, code in VNI_ENCODE.items()}
    # Also seen in old files: a mark of the other case (e.g. "Aù"), and i/I written with a separate tone mark.
    for letter, code in VNI_ENCODE.items():
        if len(code) == 2:
            table.setdefault(code[0] + code[1].swapcase(), letter)
    for tone, mark in _VNI_TONE.items():
        table.setdefault("i" + mark, nfc("i" + tone))
        table.setdefault("I" + mark.upper(), nfc("I" + tone))
    return table


VNI_DECODE: dict[str, str] = _vni_decode_table()


def decode_tcvn3(text: str, upper: bool = False) -> str:
    """TCVN3 text (as Windows-1252 characters) to Unicode NFC; `upper` for the ".Vn…H" capital fonts."""
    out = "".join(TCVN3_DECODE.get(ch, ch) for ch in text)
    if upper:
        return nfc(out.upper())
    # A capital word typed with the normal font has its toned letters in lower case: raise them.
    return nfc(re.sub(r"\S+", _raise_if_capital_word, out))


def _raise_if_capital_word(match: re.Match) -> str:
    word = match.group(0)
    capitals = sum(ch.isupper() for ch in word)
    if capitals >= 2 and not any("a" <= ch <= "z" for ch in word):
        return word.upper()
    return word


def decode_vni(text: str) -> str:
    """VNI text (as Windows-1252 characters) to Unicode NFC."""
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if len(pair) == 2 and pair in VNI_DECODE:
            out.append(VNI_DECODE[pair])
            i += 2
            continue
        ch = text[i]
        out.append(VNI_DECODE.get(ch, ch))
        i += 1
    return nfc("".join(out))


def encode_tcvn3(text: str) -> str:
    """Unicode to TCVN3 (as Windows-1252 characters); capitals with tones become lower case, as in the fonts."""
    out = []
    for ch in nfc(text):
        if ch in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[ch])
        elif ch.lower() in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode to VNI (as Windows-1252 characters)."""
    return "".join(VNI_ENCODE.get(ch, ch) for ch in nfc(text))


def encoding_of_font(font_name: str | None) -> Encoding | None:
    """TCVN3 for ".Vn…" fonts, VNI for "VNI-…" fonts, Unicode for any other named font, None if unknown."""
    if not font_name:
        return None
    name = font_name.strip()
    if name.lower().startswith(".vn"):
        return Encoding.TCVN3
    if name.lower().startswith(("vni-", "vni ", "vni_")):
        return Encoding.VNI
    return Encoding.UNICODE


def is_capital_font(font_name: str | None) -> bool:
    """The TCVN3 capital fonts (".VnTimeH", ".VnArialH" ...) draw every letter as a capital."""
    return bool(font_name) and encoding_of_font(font_name) is Encoding.TCVN3 and font_name.strip().endswith("H")


# --- detection without a font ---

# Latin-1 letters that Unicode Vietnamese text uses itself ("Lê Hà" is all Latin-1).
_UNICODE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l",
           "m", "n", "p", "r", "s", "t", "v", "x", "")
_NUCLEI = {
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi",
    "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oao",
    "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "uơi",
}
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")


def _strip_tone(word: str) -> tuple[str, int]:
    """The word without tone marks (keeping ă â ê ô ơ ư) and how many tone marks it had."""
    tones = 0
    out = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES[1:]:
            tones += 1
        else:
            out.append(ch)
    return nfc("".join(out)), tones


def is_vietnamese_syllable(word: str) -> bool:
    """A plausible Vietnamese syllable: onset, vowel nucleus, coda, at most one tone, one letter case pattern."""
    if not word or not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
                        or len(word) == 1):
        return False
    base, tones = _strip_tone(word.lower())
    if tones > 1:
        return False
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rest = base[len(onset):]
        for coda in _CODAS:
            if rest.endswith(coda) and rest[:len(rest) - len(coda)] in _NUCLEI:
                return True
        if onset in ("gi", "qu") and rest in _CODAS:  # "gì", "giữ" -> gi + ư ...; "gin" is rare; accept
            return True
    return False


_WORD = re.compile(r"[^\W\d_]+")


def _score(text: str) -> tuple[int, int]:
    """(plausible syllables, implausible words) among the words that hold non-ASCII letters."""
    good = bad = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if is_vietnamese_syllable(word):
            good += 1
        else:
            bad += 1
    return good, bad


_CP1252_EXTRA = set("ŒœŠšŽžŸƒ\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2020\u2021\u2030\u2039\u203a\u2122")


def _may_be_legacy(text: str) -> bool:
    """Only Windows-1252 characters, some of them beyond ASCII: TCVN3 or VNI shown without its font is possible."""
    return (all(ord(ch) <= 0xFF or ch in _CP1252_EXTRA for ch in text)
            and any(ord(ch) >= 0xA0 for ch in text))


def readability(text: str) -> int:
    """How Vietnamese a text reads once decoded: plausible syllables minus implausible words (non-ASCII ones)."""
    good, bad = _score(to_unicode(text)[0])
    return good - bad


def looks_legacy(text: str) -> bool:
    """The text reads like TCVN3 or VNI shown without its font (and should be checked by a person)."""
    if not _may_be_legacy(text):
        return False
    if any(ord(ch) >= 0xA0 and ch not in _UNICODE_LATIN1 for ch in text):
        return True
    return _score(text)[1] > 0


def detect_encoding(text: str) -> Encoding:
    """Guess the encoding of a text read without its font; Unicode unless a decoding reads better."""
    if not _may_be_legacy(text):
        return Encoding.UNICODE
    candidates = {Encoding.UNICODE: text, Encoding.TCVN3: decode_tcvn3(text), Encoding.VNI: decode_vni(text)}
    scored = {enc: _score(decoded) for enc, decoded in candidates.items()}
    best = max(scored, key=lambda enc: (scored[enc][0] - scored[enc][1], enc is Encoding.UNICODE))
    if best is not Encoding.UNICODE and scored[best][1] >= scored[best][0]:
        return Encoding.UNICODE  # no decoding reads as Vietnamese: leave it (the caller flags it)
    return best


def decode(text: str, encoding: Encoding, font_name: str | None = None) -> str:
    if encoding is Encoding.TCVN3:
        return decode_tcvn3(text, upper=is_capital_font(font_name))
    if encoding is Encoding.VNI:
        return decode_vni(text)
    return nfc(text)


def to_unicode(text: str, font_name: str | None = None) -> tuple[str, Encoding, bool]:
    """Decode one cell: (Unicode NFC text, the encoding used, whether it still looks wrong and should be checked)."""
    encoding = encoding_of_font(font_name)
    if encoding in (Encoding.TCVN3, Encoding.VNI) and not _may_be_legacy(text) and not text.isascii():
        encoding = Encoding.UNICODE  # already Unicode ("Hoà" would otherwise become "Hồ"): the font was kept
    elif encoding is None or encoding is Encoding.UNICODE and looks_legacy(text):
        encoding = detect_encoding(text)
    result = decode(text, encoding, font_name)
    return result, encoding, looks_legacy(result)

"""Text as the rules see it: Unicode NFC, trimmed, inner white space folded; no invisible controls."""

from __future__ import annotations

import unicodedata
from datetime import date

from .errors import PhieuError
from .i18n import _


def nfc(text: str) -> str:
    """Compose `text` to NFC, so 'Hường' typed on Windows or macOS equals Unikey's."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, strip, and fold runs of white space to one space."""
    return " ".join(nfc(text).split())


def forbidden_character(text: str) -> str | None:
    """The first character no field may hold, as 'U+0007', or None.

    Control characters (C0, C1, U+0000), format characters (bidi overrides and isolates, zero-width joiners,
    soft hyphen, BOM), surrogates, private-use and non-characters: invisible or misleading on paper, refused by
    Excel, never typed in a Vietnamese name. White space (tab, line breaks) is folded to a space by `clean`.
    """
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") or _noncharacter(ch):
            return f"U+{ord(ch):04X}"
    return None


def is_forbidden(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") or _noncharacter(ch)


def visible(text: str) -> str:
    """Every forbidden character written out as ‹U+200B›: what a report shows of text an earlier program let in
    (a zero-width space pasted from Word), never silently dropped and never invisible on paper. Single guillemets,
    not ⟨ ⟩: the embedded font (Liberation Serif) has them, so the PDF reports show them too."""
    if not any(is_forbidden(ch) for ch in text):
        return text
    return "".join(f"‹U+{ord(ch):04X}›" if is_forbidden(ch) else ch for ch in text)


def _noncharacter(ch: str) -> bool:
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def text_problem(label: str, text: str, limit: int, hidden_allowed: bool = False) -> str | None:
    """What is wrong with the text of one field (already `clean`ed), naming the field; None when it is fine.

    `hidden_allowed`: forbidden characters pass (a count sealed by an earlier program, shown with `visible`)."""
    bad = None if hidden_allowed else forbidden_character(text)
    if bad is not None:
        return _("{label}: có ký tự điều khiển hoặc ký tự ẩn ({char}); hãy gõ lại trường này.").format(
            label=label, char=bad)
    if len(text) > limit:
        return _("{label}: dài {length} ký tự, vượt giới hạn {limit} ký tự.").format(
            label=label, length=len(text), limit=limit)
    return None


def checked_text(label: str, text: str, limit: int) -> str:
    """`clean(text)`, or PhieuError naming the field when it holds a forbidden character or is too long."""
    from .errors import PhieuError

    cleaned = clean(text)
    problem = text_problem(label, cleaned, limit)
    if problem is not None:
        raise PhieuError(problem)
    return cleaned


def excel_safe(text: str) -> str:
    """Text Excel can store: characters XML 1.0 forbids replaced by U+FFFD (only for files from older programs)."""
    return "".join("\ufffd" if (ord(ch) < 32 and ch not in "\t\n\r") or 0xD800 <= ord(ch) <= 0xDFFF
                   or ord(ch) in (0xFFFE, 0xFFFF) else ch for ch in text)


# Vietnamese alphabetical order: letters first (with đ after d, ă â after a, ...), then tones.
_BASE_ORDER = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {  # combining mark -> rank: none, huyền, hỏi, ngã, sắc, nặng
    "\u0300": 1,
    "\u0309": 2,
    "\u0303": 3,
    "\u0301": 4,
    "\u0323": 5,
}


def _letters_and_tones(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for ch in word.lower():
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        letter = base
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark == "\u0306" and base == "a":
                letter = "ă"
            elif mark == "\u0302" and base in "aeo":
                letter = {"a": "â", "e": "ê", "o": "ô"}[base]
            elif mark == "\u031b" and base in "ou":
                letter = {"o": "ơ", "u": "ư"}[base]
        if ch in "đĐ":
            letter = "đ"
        rank = _BASE_ORDER.find(letter)
        letters.append(rank if rank >= 0 else 100 + ord(letter))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def vietnamese_key(text: str) -> tuple:
    """Sort key for one string: letters in Vietnamese order first, then tones.

    Tones in order: none < huyền < hỏi < ngã < sắc < nặng.
    """
    words = clean(text).split(" ")
    letters = tuple(_letters_and_tones(w)[0] for w in words)
    tones = tuple(_letters_and_tones(w)[1] for w in words)
    return (letters, tones)


def given_name_key(full_name: str) -> tuple:
    """Sort key for a person: given name (last word) first, then the rest of the name, the Vietnamese way."""
    words = clean(full_name).split(" ")
    given, rest = words[-1], " ".join(words[:-1])
    return (vietnamese_key(given), vietnamese_key(rest))


def parse_day(text: str, what: str) -> date:
    """A date typed as dd/mm/yyyy or yyyy-mm-dd (the window's fields, `phieu plan` and `phieu board`); a clear
    Vietnamese refusal naming the field otherwise."""
    text = text.strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise PhieuError(_("{what}: “{text}” không phải một ngày (dd/mm/yyyy).").format(
            what=what, text=text[:40])) from None

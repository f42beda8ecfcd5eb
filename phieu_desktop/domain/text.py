"""Text as the rules see it: Unicode NFC, trimmed, inner white space folded."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """Compose `text` to NFC, so 'Hường' typed on Windows or macOS equals Unikey's."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, strip, and fold runs of white space to one space."""
    return " ".join(nfc(text).split())


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
    """Sort key for one string: letters in Vietnamese order first, then tones (none < huyền < hỏi < ngã < sắc < nặng)."""
    words = clean(text).split(" ")
    letters = tuple(_letters_and_tones(w)[0] for w in words)
    tones = tuple(_letters_and_tones(w)[1] for w in words)
    return (letters, tones)


def given_name_key(full_name: str) -> tuple:
    """Sort key for a person: given name (last word) first, then the rest of the name, the Vietnamese way."""
    words = clean(full_name).split(" ")
    given, rest = words[-1], " ".join(words[:-1])
    return (vietnamese_key(given), vietnamese_key(rest))

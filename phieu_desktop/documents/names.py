"""The issuing body's name in the heading: broken between word groups, balanced, never inside a place name.

"HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG" becomes "HỘI ĐỒNG NHÂN DÂN" / "TỈNH HÀ GIANG", never "… TỈNH HÀ" / "GIANG".
Which words start a group and which start a place name is data (forms/common.toml, [header]).
"""

from __future__ import annotations

from itertools import combinations
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

LOOSE = 20 * mm


def _phrases(words: list[str], groups: list[str], places: list[str]) -> list[tuple[int, int, bool]]:
    """(start, length, is_place) of every group or place phrase, left to right, longest phrase first."""
    upper = [w.upper() for w in words]
    candidates = sorted({(tuple(p.upper().split()), False) for p in groups} |
                        {(tuple(p.upper().split()), True) for p in places}, key=lambda c: -len(c[0]))
    found, i = [], 0
    while i < len(words):
        for parts, is_place in candidates:
            if tuple(upper[i:i + len(parts)]) == parts:
                found.append((i, len(parts), is_place))
                i += len(parts)
                break
        else:
            i += 1
    return found


def place_spans(words: list[str], places: list[str], groups: list[str]) -> list[tuple[int, int]]:
    """(first, last) word index of every place name: its administrative word up to the next group or the end."""
    phrases = _phrases(words, groups, places)
    spans = []
    for index, (start, _length, is_place) in enumerate(phrases):
        if is_place:
            end = phrases[index + 1][0] - 1 if index + 1 < len(phrases) else len(words) - 1
            spans.append((start, end))
    return spans


def break_name(text: str, font: str, size: float, width: float, groups: list[str], places: list[str],
               most: int = 4) -> list[str]:
    """The fewest lines that fit `width`, balanced; a break before a group word is preferred (a break elsewhere
    counts as 20 mm of imbalance), and a place name is never broken while some way of at most `most` lines keeps
    every place name whole."""
    words = text.split()
    if not words or stringWidth(text, font, size) <= width:
        return [text] if words else []
    if len(words) > 30:  # a pathological name: plain wrapping, no search over every break
        from reportlab.lib.utils import simpleSplit
        return simpleSplit(text, font, size, width)
    phrases = _phrases(words, groups, places)
    places_inside = {k for first, last in place_spans(words, places, groups) for k in range(first + 1, last + 1)}
    phrase_inside = {k for start, length, _p in phrases for k in range(start + 1, start + length)}
    group_at = {start for start, _l, _p in phrases}
    everywhere = list(range(1, len(words)))
    # first between word groups only, then anywhere outside a place name, then (a name too long) anywhere
    for allowed in ([k for k in everywhere if k not in places_inside | phrase_inside and words[k] not in ("-", "–")],
                    [k for k in everywhere if k not in places_inside], everywhere):
        best: tuple | None = None
        for lines in range(2, most + 1):
            for cut in combinations(allowed, lines - 1):
                bounds = (0, *cut, len(words))
                parts = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
                widths = [stringWidth(p, font, size) for p in parts]
                if max(widths) > width:
                    continue
                # a break inside a word group costs as much as 20 mm of imbalance between the lines
                loose = sum(1 for k in cut if k not in group_at)
                key = (loose * LOOSE + max(widths) - min(widths), loose)
                if best is None or key < best[0]:
                    best = (key, parts)
            if best is not None:
                return best[1]
    return [text]


def name_lines(text: str, st: ParagraphStyle, width: float) -> list:
    """The issuing body's name as centred lines broken between word groups (forms/common.toml [header])."""
    from .common import wording

    header = wording("common")["header"]
    size = st.fontSize
    lines = break_name(text, st.fontName, size, width, header["groups"], header["places"])
    while any(stringWidth(line, st.fontName, size) > width for line in lines) and size > 9:
        size -= 0.5
        lines = break_name(text, st.fontName, size, width, header["groups"], header["places"])
    fitted = ParagraphStyle(st.name + "-fit", parent=st, fontSize=size, leading=size + 2.5)
    return [Paragraph(escape(line), fitted) for line in lines]


__all__ = ["break_name", "name_lines", "place_spans"]

"""Where a visible signature goes: free space found from the page's own layout (its text and the annotations
already on it), never over text, under the place "(Ký, ghi rõ họ tên)" when there is room, beside an earlier
signature rather than on it, inside the margins of Nghị định 30/2020 (left 30 mm, right and top and bottom 20 mm;
the right margin may be 15–20 mm, the stamp keeps 20).

Plain geometry on boxes in points (x0, y0, x1, y1, origin at the lower left of the page); the text boxes come from
pypdf's text visitor, measured with the document's own font size.
"""

from __future__ import annotations

MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, 20 * MM, 20 * MM, 20 * MM
PAD = 3.0  # points kept free around every word and every earlier signature
STEP = 6.0  # the grid the search walks, in points

Box = tuple[float, float, float, float]


def text_boxes(page) -> list[Box]:
    """A box round every run of text drawn on a pypdf page (an approximation from the font size: Times metrics)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    boxes: list[Box] = []

    def visit(text, cm, tm, _font, size):
        if not text or not text.strip():
            return
        scale_x = (tm[0] * cm[0] + tm[1] * cm[2]) or 1.0
        scale_y = (tm[3] * cm[3] + tm[2] * cm[1]) or 1.0
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        height = abs((size or 10) * scale_y)
        width = stringWidth(text.rstrip(), "Times-Roman", abs((size or 10) * scale_x)) * 1.05
        if width <= 0 or height > 60:  # a diagonal watermark is a graphic across the page, not a line of text
            return
        boxes.append((x, y - 0.25 * height, x + width, y + 0.9 * height))

    try:
        page.extract_text(visitor_text=visit)
    except Exception:  # a page pypdf cannot read: no text known, the margins still hold
        return []
    return boxes


def annotation_boxes(page) -> list[Box]:
    """The rectangles of the annotations already on the page (earlier signatures)."""
    boxes: list[Box] = []
    for ref in page.get("/Annots", []) or []:
        try:
            rect = [float(v) for v in ref.get_object()["/Rect"]]
        except (KeyError, TypeError, ValueError):
            continue
        if rect[2] - rect[0] > 1 and rect[3] - rect[1] > 1:
            boxes.append((min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]),
                          max(rect[1], rect[3])))
    return boxes


def _clear(box: Box, occupied: list[Box]) -> bool:
    x0, y0, x1, y1 = box
    return all(x1 + PAD <= a0 or a1 + PAD <= x0 or y1 + PAD <= b0 or b1 + PAD <= y0 for a0, b0, a1, b1 in occupied)


def free_box(page_size: tuple[float, float], occupied: list[Box], size: tuple[float, float],
             anchor: tuple[float, float], anchor_x: float) -> Box | None:
    found = scored_free_box(page_size, occupied, size, anchor, anchor_x)
    return None if found is None else found[1]


def scored_free_box(page_size: tuple[float, float], occupied: list[Box], size: tuple[float, float],
                    anchor: tuple[float, float], anchor_x: float) -> tuple[float, Box] | None:
    """(nearness score, box): `free_box` with how far it is, to weigh a smaller stamp near the place against a
    full-size one far from it."""
    """The free box of `size` nearest to `anchor` (the middle of the signature hint): its point `anchor_x` from
    its left edge under the hint, its top just under it; None when the page has no room of that size.

    Nearness counts a step sideways less than a step down, so several signers sit side by side under the hint
    before any goes lower; a box above the hint is taken only when nothing below is free."""
    page_w, page_h = page_size
    w, h = size
    ax, ay = anchor
    best: tuple[float, Box] | None = None
    x = LEFT
    while x + w <= page_w - RIGHT + 0.01:
        y = BOTTOM
        while y + h <= page_h - TOP + 0.01:
            box = (x, y, x + w, y + h)
            if _clear(box, occupied):
                top = y + h
                score = abs(x + anchor_x - ax) + 1.5 * abs(ay - top) + (400 if top > ay + 1 else 0)
                if best is None or score < best[0]:
                    best = (score, box)
            y += STEP
        x += STEP
    return best


__all__ = ["annotation_boxes", "free_box", "scored_free_box", "text_boxes"]

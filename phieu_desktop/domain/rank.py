"""The usual order of positions on a Vietnamese list: heads before deputies, the body before its units.

Only the first title of a position counts ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh" ranks as Phó Bí thư). The
ranks are a convention, not a rule: persons of the same rank keep the order in which they were entered, and the
secretary can still move anyone by hand.
"""

from __future__ import annotations

from .text import clean

# rank -> the titles that open a position of that rank (lower case); a deputy is "phó " + a title of its head
_BODY_HEADS = ("chủ tịch", "giám đốc", "tổng giám đốc", "chánh án", "viện trưởng", "tổng cục trưởng", "cục trưởng",
               "vụ trưởng", "hiệu trưởng", "tổng biên tập", "chủ nhiệm", "tổng thư ký", "thủ trưởng", "bộ trưởng",
               "tổng kiểm toán", "tư lệnh", "chính ủy")
# "trưởng" and "chánh" open every unit head's title: trưởng phòng, trưởng ban, chánh văn phòng, chánh thanh tra…
_UNIT_HEADS = ("trưởng", "chánh", "kế toán trưởng")

SECRETARY, DEPUTY_SECRETARY, HEAD, DEPUTY, MEMBER, UNIT_HEAD, UNIT_DEPUTY, OTHER = range(8)


def _opens(text: str, titles: tuple[str, ...]) -> bool:
    return any(text == title or text.startswith(title + " ") or text.startswith(title + ",") for title in titles)


def position_rank(position: str) -> int:
    """0 Bí thư, 1 Phó Bí thư, 2 head of the body, 3 its deputy, 4 Ủy viên, 5 unit head, 6 unit deputy, 7 other."""
    text = clean(position).lower()
    if _opens(text, ("bí thư",)):
        return SECRETARY
    if _opens(text, ("phó bí thư",)):
        return DEPUTY_SECRETARY
    if _opens(text, ("giám đốc trung tâm",)):  # a unit of a department, before the department's own head
        return UNIT_HEAD
    if _opens(text, ("phó giám đốc trung tâm",)):
        return UNIT_DEPUTY
    if _opens(text, _BODY_HEADS):
        return HEAD
    if _opens(text, tuple("phó " + title for title in _BODY_HEADS) + ("thứ trưởng",)):
        return DEPUTY
    if _opens(text, ("ủy viên", "uỷ viên")):
        return MEMBER
    if _opens(text, _UNIT_HEADS):
        return UNIT_HEAD
    if _opens(text, tuple("phó " + title for title in _UNIT_HEADS)):
        return UNIT_DEPUTY
    return OTHER

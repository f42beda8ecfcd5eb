"""The keys of the entry screen and how each mark code reads on screen (texts translated when asked)."""

from __future__ import annotations

from ..domain.i18n import _
from ..domain.marks import CROSSED_OUT, MULTIPLE, NO_MARK, NOT_ISSUED
from ..domain.regime import Regime


def _short(code: str) -> str | None:
    return {"C": _("Cao"), "T": _("Tín nhiệm"), "L": _("Thấp"), "K": _("Không TN"), NO_MARK: _("Không đánh dấu"),
            MULTIPLE: _("Nhiều ô"), CROSSED_OUT: _("Gạch tên"), NOT_ISSUED: _("Không do BKP phát ra")}.get(code)


def key_map(regime: Regime) -> dict[str, str]:
    """Typed character -> mark code: 1, 2 (, 3) the levels in printed order; 0 none; 9 several; X crossed out."""
    keys = {str(i): level.code for i, level in enumerate(regime.levels, start=1)}
    keys.update({"0": NO_MARK, "9": MULTIPLE, "x": CROSSED_OUT, "X": CROSSED_OUT})
    return keys


def typed_to_marks(text: str, regime: Regime) -> str:
    """'1 2 3' or 'CTL' -> 'CTL' for the correction dialogs; unknown characters pass through for parse_marks."""
    keys = key_map(regime)
    compact = "".join(text.split())
    if compact == NOT_ISSUED:
        return compact
    return "".join(keys.get(ch, ch.upper()) for ch in compact)


def marks_to_typed(marks: str, regime: Regime) -> str:
    """The keys that would produce these marks ('CTL' -> '123'), for pre-filling a correction."""
    if marks == NOT_ISSUED:
        return marks
    back = {code: key for key, code in key_map(regime).items() if key != "x"}
    return "".join(back.get(code, code) for code in marks)


def mark_text(code: str | None) -> str:
    if code is None:
        return ""
    return _short(code) or code


def legend(regime: Regime) -> list[tuple[str, str]]:
    """(key, meaning) pairs shown above the entry grid."""
    items = [(str(i), level.label) for i, level in enumerate(regime.levels, start=1)]
    items += [("0", _("Không đánh dấu ô nào")), ("9", _("Đánh dấu nhiều ô")), ("X", _("Gạch tên")),
              ("−", _("Cả phiếu không do BKP phát ra")), ("←", _("Lùi một dòng")),
              ("Enter", _("Ghi phiếu")), ("Esc", _("Xóa phiếu đang nhập"))]
    return items

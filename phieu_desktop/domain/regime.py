"""The two legal regimes (three ballot kinds), their levels, and the denominator setting."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .i18n import _


@dataclass(frozen=True)
class Level:
    """One box on the ballot: the mark code typed, the JSON key, and the printed label (translated when read)."""

    code: str
    key: str
    text: str  # the Vietnamese label as written in the source; `label` is what is shown
    short: str = ""  # the few words of the entry grid's cells and the projector

    @property
    def label(self) -> str:
        return _(self.text)

    @property
    def short_label(self) -> str:
        return _(self.short or self.text)


HIGH = Level("C", "high", "Tín nhiệm cao", "Cao")
CONFIDENCE = Level("T", "confidence", "Tín nhiệm", "Tín nhiệm")
LOW = Level("L", "low", "Tín nhiệm thấp", "Thấp")
NO_CONFIDENCE = Level("K", "no_confidence", "Không tín nhiệm", "Không TN")


class Regime(str, Enum):
    """Which rule governs the vote; the value is the contract's spelling."""

    QD96 = "qd96"  # Quy định 96-QĐ/TW: Party / agency leaders
    NQ96 = "nq96"  # Nghị quyết 96/2023/QH15: positions elected by the Quốc hội / HĐND
    NQ96_BPT = "nq96-bpt"  # NQ 96 follow-up: the two-level no-confidence vote (bỏ phiếu tín nhiệm)

    @property
    def levels(self) -> tuple[Level, ...]:
        if self is Regime.NQ96_BPT:
            return (CONFIDENCE, NO_CONFIDENCE)
        return (HIGH, CONFIDENCE, LOW)

    @property
    def adverse(self) -> Level:
        """The level whose share decides the band: low, or no-confidence."""
        return NO_CONFIDENCE if self is Regime.NQ96_BPT else LOW

    @property
    def label(self) -> str:
        return {
            Regime.QD96: _("Lấy phiếu tín nhiệm theo Quy định 96-QĐ/TW (cơ quan, tổ chức trong hệ thống chính trị)"),
            Regime.NQ96: _("Lấy phiếu tín nhiệm theo Nghị quyết 96/2023/QH15 (chức vụ do Quốc hội, HĐND bầu hoặc "
                           "phê chuẩn)"),
            Regime.NQ96_BPT: _("Bỏ phiếu tín nhiệm theo Nghị quyết 96/2023/QH15 (hai mức: tín nhiệm, không tín nhiệm)"),
        }[self]


class Denominator(str, Enum):
    """What a percentage is taken of; printed on every report."""

    RETURNED = "returned"  # tổng số phiếu thu về (default)
    ISSUED = "issued"  # tổng số phiếu phát ra
    SUMMONED = "summoned"  # tổng số thành viên / người được triệu tập (older NQ 85/2014 practice)

    @property
    def label(self) -> str:
        return {
            Denominator.RETURNED: _("Tỷ lệ % tính trên tổng số phiếu thu về"),
            Denominator.ISSUED: _("Tỷ lệ % tính trên tổng số phiếu phát ra"),
            Denominator.SUMMONED: _("Tỷ lệ % tính trên tổng số người được triệu tập"),
        }[self]


class Header(str, Enum):
    """Which document layout the organisation uses."""

    STATE = "state"  # Nghị định 30/2020/NĐ-CP
    PARTY = "party"  # Hướng dẫn 36-HD/VPTW


class CrossedOutRuling(str, Enum):
    """The committee's ruling on a ballot where a printed name is crossed out."""

    ROW = "row"  # invalid for that person only (the default of files written before the committee was asked)
    BALLOT = "ballot"  # the whole ballot is invalid

    @property
    def label(self) -> str:
        return {
            CrossedOutRuling.ROW: _("Phiếu gạch xóa họ tên người được in trên phiếu: không hợp lệ đối với người bị "
                                    "gạch xóa họ tên, các ô của người khác trên phiếu vẫn được tính"),
            CrossedOutRuling.BALLOT: _("Phiếu gạch xóa họ tên người được in trên phiếu: không hợp lệ toàn bộ phiếu "
                                       "(đối với mọi người có tên trên phiếu)"),
        }[self]

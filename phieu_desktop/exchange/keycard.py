"""The one-page PDF the higher level hands to its units: the recipient (age1…) as text and as a QR code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit

from ..documents.fonts import BOLD as SERIF_BOLD
from ..documents.fonts import FONT as SERIF
from ..documents.fonts import ITALIC as SERIF_ITALIC
from ..documents.fonts import register_fonts
from ..documents.pdfa import ArchivalCanvas
from ..documents.qrcode import QrCode
from ..domain.i18n import _
from ..files import write_new_with


def recipient_lines(recipient: str, width: int = 16) -> list[str]:
    """The recipient cut into groups of four for reading aloud or retyping, `width` characters per line."""
    groups = [recipient[i:i + 4] for i in range(0, len(recipient), 4)]
    per_line = max(1, width // 4)
    return [" ".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line)]


def write_key_card(recipient: str, out: Path, holder: str = "", day: date | None = None) -> None:
    """Never overwrites; `holder` names the higher level (e.g. 'Ban Tổ chức Tỉnh ủy')."""
    register_fonts()
    write_new_with(Path(out), lambda temp: _draw_card(temp, recipient, holder, day or date.today()))


def _draw_card(temp: Path, recipient: str, holder: str, day: date) -> None:
    pdf = ArchivalCanvas(str(temp), pagesize=A4, pageCompression=1)  # PDF/A-2b, every font embedded
    pdf.setTitle(_("Khóa nhận kết quả lấy phiếu tín nhiệm"))
    pdf.setSubject(recipient)  # plain text in the PDF's Info: `--to card.pdf` and the window read it back from here
    width, height = A4
    left = 30 * mm
    y = height - 30 * mm
    pdf.setFont(SERIF_BOLD, 15)
    pdf.drawCentredString(width / 2, y, _("KHÓA NHẬN KẾT QUẢ LẤY PHIẾU TÍN NHIỆM"))
    y -= 9 * mm
    if holder:
        pdf.setFont(SERIF_BOLD, 13)
        pdf.drawCentredString(width / 2, y, _("của {holder}").format(holder=holder))
        y -= 8 * mm
    pdf.setFont(SERIF_ITALIC, 12)
    pdf.drawCentredString(width / 2, y, _("Lập ngày {d:02d} tháng {m:02d} năm {yyyy}").format(
        d=day.day, m=day.month, yyyy=day.year))
    y -= 14 * mm
    pdf.setFont(SERIF, 12)
    for line in (_("Các đơn vị dùng khóa này khi gửi kết quả lên cấp trên (chức năng “Gửi cấp trên”): chỉ cấp trên "
                   "giữ tệp khóa bí mật mới mở được tệp kết quả. Khóa này công khai, không cần giữ mật."),
                 _("Quét mã QR hoặc gõ lại đúng dòng chữ dưới đây (dấu cách không quan trọng).")):
        for part in simpleSplit(line, SERIF, 12, width - 2 * left):
            pdf.drawString(left, y, part)
            y -= 6.5 * mm
    size = 80 * mm
    y -= size + 6 * mm
    QrCode(recipient, size).drawOn(pdf, (width - size) / 2, y)  # squares on the canvas: no Helvetica (PDF/A)
    y -= 12 * mm
    pdf.setFont(SERIF_BOLD, 15)
    for line in recipient_lines(recipient, width=36):
        pdf.drawCentredString(width / 2, y, line)
        y -= 8 * mm
    y -= 6 * mm
    pdf.setFont(SERIF, 10)
    pdf.drawCentredString(width / 2, y, recipient)
    pdf.showPage()
    pdf.save()

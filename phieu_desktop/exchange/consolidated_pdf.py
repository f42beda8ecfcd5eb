"""The consolidated report as a PDF (A4 landscape, Liberation Serif, MẬT on every page)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..documents.flow import RuledTable, WithTable
from ..documents.fonts import BOLD as SERIF_BOLD
from ..documents.fonts import FONT as SERIF
from ..documents.fonts import ITALIC as SERIF_ITALIC
from ..documents.fonts import register_fonts
from ..documents.pdfa import ArchivalCanvas
from ..domain.i18n import _
from ..domain.regime import Regime
from ..files import write_new_with
from .consolidate import Consolidation
from .consolidated_report import Row, attendance, band_summary, levels, paper_group_name, rows, same_name_groups
from .intake import Unit

RED = colors.Color(0.8, 0.0, 0.0)
PAGE = landscape(A4)
# Nghị định 30/2020 margins on the landscape sheet; the marks (MẬT, page number) sit in the margin band,
# at least 10 mm from every edge.
MARGIN = 15 * mm  # right
LEFT = 30 * mm
TOP = 22 * mm
BOTTOM = 20 * mm
FRAME = PAGE[1] - TOP - BOTTOM - 12  # the body frame's height (SimpleDocTemplate pads 6 points each side)


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=1),
        "sub": ParagraphStyle("sub", fontName=SERIF_ITALIC, fontSize=11, leading=14, alignment=1),
        "h1": ParagraphStyle("h1", fontName=SERIF_BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=SERIF_BOLD, fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=2),
        "body": ParagraphStyle("body", fontName=SERIF, fontSize=10.5, leading=13),
        "cell": ParagraphStyle("cell", fontName=SERIF, fontSize=9, leading=11),
    }


def _table(data: list[list], widths: list[float], numeric_from: int | None = None) -> Table:
    head = ParagraphStyle("head", fontName=SERIF_BOLD, fontSize=9, leading=11, alignment=1)
    plain = ParagraphStyle("plain", fontName=SERIF, fontSize=9, leading=11)
    right = ParagraphStyle("right", parent=plain, alignment=2)

    def wrapped(cell, column: int):
        # a plain string never wraps and runs into its neighbour: every text is a paragraph
        if isinstance(cell, (str, int)):
            numeric = numeric_from is not None and column >= numeric_from
            return Paragraph(escape(str(cell)), right if numeric else plain)
        return cell

    data = [[Paragraph(escape(str(cell)), head) if isinstance(cell, (str, int)) else cell for cell in data[0]],
            *[[wrapped(cell, i) for i, cell in enumerate(row)] for row in data[1:]]]
    table = RuledTable(data, colWidths=widths, repeatRows=1, frame_height=FRAME)
    style = [("FONTNAME", (0, 0), (-1, -1), SERIF), ("FONTNAME", (0, 0), (-1, 0), SERIF_BOLD),
             ("FONTSIZE", (0, 0), (-1, -1), 9), ("LEADING", (0, 0), (-1, -1), 11),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
    if numeric_from is not None:
        style.append(("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _on_page(canvas, doc) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setFillColor(RED)
    canvas.setFont(SERIF_BOLD, 13)
    x, y = LEFT, PAGE[1] - 19 * mm
    canvas.rect(x, y, 16 * mm, 7 * mm, stroke=1, fill=0)
    canvas.drawCentredString(x + 8 * mm, y + 2.2 * mm, "MẬT")
    canvas.setFillColor(colors.black)
    canvas.setFont(SERIF, 9)
    canvas.drawRightString(PAGE[0] - MARGIN, 12 * mm, _("Trang {n}").format(n=doc.page))
    canvas.restoreState()


def write_pdf(consolidation: Consolidation, out: Path) -> None:
    register_fonts()
    write_new_with(Path(out), lambda temp: _build(consolidation, temp))


def _build(consolidation: Consolidation, target: Path) -> None:
    s = _styles()
    units = consolidation.units
    table = rows(units)
    columns = levels(units)
    story: list = [Paragraph(_("BÁO CÁO TỔNG HỢP KẾT QUẢ LẤY PHIẾU TÍN NHIỆM"), s["title"]),
                   Paragraph(_("Lập lúc {at}; {units} đơn vị; {refused} tệp bị từ chối").format(
                       at=datetime.now().strftime("%H:%M ngày %d/%m/%Y"), units=len(units),
                       refused=len(consolidation.problems)), s["sub"]),
                   Spacer(1, 4 * mm),
                   Paragraph(_("I. Kết quả theo đơn vị và theo người được lấy phiếu"), s["h1"])]
    by_unit: dict[int, list[Row]] = {}
    for row in table:
        by_unit.setdefault(id(row.unit), []).append(row)
    usable = PAGE[0] - LEFT - MARGIN
    fixed = [9 * mm, 40 * mm, 52 * mm, 14 * mm, 14 * mm, 17 * mm]
    band_width = 24 * mm
    level_width = (usable - sum(fixed) - band_width) / max(1, len(columns))
    for number, unit in enumerate(units, start=1):
        unit_heading = (Paragraph(_("{n}. {org} — {title}, ngày {day} — Mã niêm phong: <b>{fp}</b> (tệp {src})").format(
            n=number, org=escape(unit.organization), title=escape(unit.title), day=unit.date.strftime("%d/%m/%Y"),
            fp=unit.fingerprint, src=escape(unit.source)), s["h2"]),
                        Paragraph(_("Chữ ký số: {origin}").format(origin=escape(unit.origin)), s["cell"]),
                        *_attendance(unit, s))
        for paper in unit.result.papers:
            head = [_("TT"), _("Họ và tên"), _("Chức vụ"), _("Thu về"), _("Hợp lệ"), _("Không HL")]
            head += [level.label for level in columns] + [_("Mức")]
            data: list[list] = [head]
            for row in by_unit[id(unit)]:
                if row.paper_key != paper.key:
                    continue
                line = [row.order, Paragraph(escape(row.name), s["cell"]), Paragraph(escape(row.position), s["cell"]),
                        _text(row.returned), row.valid, row.invalid]
                for level in columns:
                    count = row.counts.get(level.key)
                    line.append("" if count is None else f"{count} ({row.percent_text(level.key)})")
                line.append(row.band_label)
                data.append(line)
            group = paper_group_name(unit, paper.group)
            voters = _(" (thành phần ghi phiếu: {group})").format(group=escape(group)) if group else ""
            caption = Paragraph(_("Phiếu “{title}”{voters}: phát ra {issued}, thu về {returned}; tỷ lệ % tính trên "
                                  "{basis} = {d}").format(title=escape(paper.title), voters=voters,
                                                          issued=_text(paper.issued),
                                                  returned=_text(paper.returned),
                                                  basis=escape(paper.basis.label.split(" trên ")[-1]),
                                                  d=_text(paper.denominator)), s["cell"])
            lead = [caption, Spacer(1, 1 * mm)]
            if unit_heading is not None:  # the unit's heading (and its signature line) go with its first table
                lead[0:0] = list(unit_heading)
                unit_heading = None
            story.append(WithTable(lead, _table(data, fixed + [level_width] * len(columns) + [band_width],
                                                numeric_from=3)))
    story += _same_names(table, s, usable) + _bands(table, s, usable) + _problems(consolidation, s, usable)
    doc = SimpleDocTemplate(str(target), pagesize=PAGE, leftMargin=LEFT, rightMargin=MARGIN, topMargin=TOP,
                            bottomMargin=BOTTOM, title=_("Báo cáo tổng hợp kết quả lấy phiếu tín nhiệm"),
                            author=_("Cơ quan tổng hợp"), subject=_("Tổng hợp kết quả lấy phiếu tín nhiệm"),
                            creator="phieu-desktop")
    doc.build(story, onFirstPage=_on_page, onLaterPages=_on_page, canvasmaker=ArchivalCanvas)


def _attendance(unit: Unit, s: dict) -> list:
    """The unit's attendance under its heading: the whole meeting in one line; with voter groups, a table of each
    group's own summoned / present / present at the vote and its own 2/3 (issue 24 item 5)."""
    whole, *groups = attendance(unit)
    line = _("Tổng số người được triệu tập: {summoned}; có mặt: {present}; có mặt tại thời điểm bỏ phiếu: "
             "{vote}").format(summoned=whole.summoned, present=_text(whole.present),
                              vote=_text(whole.present_at_vote))
    if not groups:
        line += "; " + (_("đủ 2/3 số người được triệu tập") if whole.quorum else
                        _("không đủ 2/3 số người được triệu tập"))
        return [Paragraph(escape(line) + ".", s["cell"])]
    data: list[list] = [[_("Thành phần ghi phiếu"), _("Loại phiếu"), _("Triệu tập"), _("Có mặt"),
                         _("Có mặt khi bỏ phiếu"), _("Đủ 2/3")]]
    for group in groups:
        data.append([Paragraph(escape(group.name), s["cell"]), Paragraph(escape("; ".join(group.papers)), s["cell"]),
                     group.summoned, _text(group.present), _text(group.present_at_vote),
                     _("Đủ") if group.quorum else _("Không đủ")])
    table = _table(data, [70 * mm, 70 * mm, 18 * mm, 18 * mm, 24 * mm, 18 * mm], numeric_from=2)
    table.hAlign = "LEFT"
    return [Paragraph(escape(line) + _("; mỗi thành phần ghi phiếu có số người và tỷ lệ 2/3 riêng:"), s["cell"]),
            Spacer(1, 1 * mm), table, Spacer(1, 2 * mm)]


def _same_names(table: list[Row], s: dict, usable: float) -> list:
    title = Paragraph(_("II. Người có cùng họ tên ở nhiều nơi (đặt cạnh nhau, không cộng gộp)"), s["h1"])
    groups = same_name_groups(table)
    if not groups:
        return [KeepTogether([title, Paragraph(_("Không có."), s["body"])])]
    data: list[list] = [[_("Họ và tên"), _("Đơn vị"), _("Loại phiếu"), _("Chức vụ"), _("Thu về"),
                         _("Thấp / không TN"), _("Mức"), _("Mã niêm phong")]]
    spans = []
    for group in groups:
        start = len(data)
        for row in group:
            adverse = row.unit.regime.adverse.key
            # the name on every row (a spanned cell could not break over a page when the group is long)
            data.append([Paragraph(escape(group[0].name), s["cell"]),
                         Paragraph(escape(row.unit.organization), s["cell"]), Paragraph(escape(row.paper_title),
                                                                                        s["cell"]),
                         Paragraph(escape(row.position), s["cell"]), _text(row.returned),
                         f"{row.counts[adverse]} ({row.percent_text(adverse)})", row.band_label, row.unit.fingerprint])
        spans.append(("LINEABOVE", (0, start), (-1, start), 1.2, colors.black))  # where a group starts
    widths = [30 * mm, 40 * mm, 26 * mm, 38 * mm, 13 * mm, 24 * mm, 22 * mm]
    widths.append(usable - sum(widths))
    result = _table(data, widths)
    result.setStyle(TableStyle(spans))
    story = [WithTable([title], result)]
    story.append(Paragraph(_("Kết quả ở mỗi nơi được giữ và báo cáo riêng; cùng họ tên chưa chắc là một người."),
                           s["cell"]))
    return story


def _bands(table: list[Row], s: dict, usable: float) -> list:
    summary = band_summary(table)
    regimes = {row.unit.regime for row in table}
    two_level = Regime.NQ96_BPT in regimes
    three_level = bool(regimes - {Regime.NQ96_BPT})
    # only the words of the regimes present (a no-confidence vote has no "tín nhiệm thấp")
    over_half = {(True, False): _("Trên 1/2 đến dưới 2/3 tín nhiệm thấp"), (False, True): _("Quá nửa không tín nhiệm"),
                 (True, True): _("Trên 1/2 đến dưới 2/3 tín nhiệm thấp (hoặc quá nửa không tín nhiệm)")}
    lines = [[_("Nội dung"), _("Số lượt người")],
             [_("Số lượt người được lấy phiếu (mỗi nơi tính một lượt)"), summary.persons]]
    if three_level or two_level:
        lines.append([over_half[(three_level, two_level)], len(summary.over_half)])
    if three_level:
        lines.append([_("Từ 2/3 trở lên tín nhiệm thấp"), len(summary.two_thirds)])
    story: list = [WithTable([Paragraph(_("III. Tổng hợp theo mức"), s["h1"])],
                             _table(lines, [150 * mm, 35 * mm], numeric_from=1))]
    listed = summary.two_thirds + summary.over_half
    if listed:
        data: list[list] = [[_("Mức"), _("Họ và tên"), _("Chức vụ"), _("Đơn vị"), _("Tỷ lệ"), _("Mã niêm phong")]]
        for row in listed:
            adverse = row.unit.regime.adverse.key
            data.append([row.band_label, Paragraph(escape(row.name), s["cell"]), Paragraph(escape(row.position),
                                                                                           s["cell"]),
                         Paragraph(escape(row.unit.organization), s["cell"]),
                         f"{row.counts[adverse]} ({row.percent_text(adverse)})", row.unit.fingerprint])
        widths = [26 * mm, 40 * mm, 48 * mm, 50 * mm, 24 * mm]
        widths.append(usable - sum(widths))
        story += [Spacer(1, 3 * mm), _table(data, widths)]
    return story


def _problems(consolidation: Consolidation, s: dict, usable: float) -> list:
    title = Paragraph(_("IV. Tệp bị từ chối"), s["h1"])
    if not consolidation.problems:
        return [KeepTogether([title, Paragraph(_("Không có."), s["body"])])]
    data: list[list] = [[_("Tệp"), _("Lý do")]]
    for problem in consolidation.problems:
        data.append([Paragraph(escape(problem.source), s["cell"]), Paragraph(escape(problem.reason), s["cell"])])
    return [WithTable([title], _table(data, [70 * mm, usable - 70 * mm]))]

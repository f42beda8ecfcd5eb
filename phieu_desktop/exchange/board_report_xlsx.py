"""The board's consolidated report as an Excel workbook: the same figures as the PDF, as real numbers."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from ..documents.excel_text import row_of
from ..domain.i18n import _
from ..domain.work import SILENT, Ticker
from ..files import write_new_with
from .board_report import BoardReport
from .sheets import attendance_titles, attendance_values
from .sheets import header as _header
from .sheets import percent as _percent


def build_workbook(report: BoardReport, ticker: Ticker = SILENT) -> Workbook:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Đơn vị"))
    _header(sheet, [_("STT"), _("Mã đơn vị"), _("Đơn vị"), _("Cơ quan cấp trên"), _("Hội nghị"), _("Ngày"),
                    _("Triệu tập"), _("Có mặt"), _("Có mặt khi bỏ phiếu"), _("Đủ 2/3"), _("Xác thực"),
                    _("Mã niêm phong")])
    for n, reported in enumerate(report.units, start=1):
        unit = reported.unit
        sheet.append(row_of(sheet, [n, reported.roster.code, unit.organization, unit.parent, unit.title, unit.date,
                                    unit.summoned, unit.present, unit.present_at_vote,
                                    _("Đủ") if reported.quorum else _("Không đủ"),
                                    _("Chữ ký số") if reported.signed else _("Đối chiếu biên bản"),
                                    unit.fingerprint]))
    ticker.check()
    sheet = book.create_sheet(_("Điểm danh"))  # the whole meeting, then each voter group's own figures and 2/3
    _header(sheet, [_("STT"), _("Mã đơn vị"), _("Đơn vị"), *attendance_titles()])
    for n, reported in enumerate(report.units, start=1):
        for values in attendance_values(reported.unit):
            sheet.append(row_of(sheet, [n, reported.roster.code, reported.unit.organization, *values]))
    sheet = book.create_sheet(_("Kết quả"))
    columns = report.levels
    titles = [_("Mã đơn vị"), _("Đơn vị"), _("Loại phiếu"), _("STT"), _("Họ và tên"), _("Chức vụ"), _("Phát ra"),
              _("Thu về"), _("Mẫu số"), _("Hợp lệ"), _("Không hợp lệ")]
    for level in columns:
        titles += [_("{label} (phiếu)").format(label=level.label), _("{label} (%)").format(label=level.label)]
    _header(sheet, titles + [_("Mức")])
    codes = {id(u.unit): u.roster.code for u in report.units}
    for row in report.rows:
        values = [codes[id(row.unit)], row.unit.organization, row.paper_title, row.order, row.name, row.position,
                  row.issued, row.returned, row.denominator, row.valid, row.invalid]
        for level in columns:
            values += [row.counts.get(level.key), _percent(sheet, row, level.key)]
        sheet.append(row_of(sheet, values + [row.band_label]))
    sheet = book.create_sheet(_("Hai nơi"))
    _header(sheet, [_("Nhóm"), _("Họ và tên"), _("Đơn vị"), _("Chức vụ"), _("Thu về"), _("Phiếu bất lợi"),
                    _("Tỷ lệ"), _("Mức"), _("Chắc chắn cùng một người")])
    for certain, groups in ((True, report.two_places), (False, report.namesakes)):
        for n, group in enumerate(groups, start=1):
            for row in group:
                adverse = row.unit.regime.adverse.key
                sheet.append(row_of(sheet, [n, row.name, row.unit.organization, row.position, row.returned,
                                            row.counts.get(adverse), _percent(sheet, row, adverse), row.band_label,
                                            _("có") if certain else _("cần xác định")]))
    sheet = book.create_sheet(_("Chưa báo cáo"))
    _header(sheet, [_("STT"), _("Mã đơn vị"), _("Đơn vị"), _("Cơ quan cấp trên"), _("Liên hệ"), _("Tình trạng"),
                    _("Lý do")])
    for n, status in enumerate(report.missing, start=1):
        sheet.append(row_of(sheet, [n, status.unit.code, status.unit.name, status.unit.parent, status.unit.contact,
                                    status.state.label, status.reason]))
    return book


def write_report_xlsx(report: BoardReport, out: Path, ticker: Ticker = SILENT) -> None:
    write_new_with(Path(out), lambda temp: build_workbook(report, ticker).save(temp))


__all__ = ["build_workbook", "write_report_xlsx"]

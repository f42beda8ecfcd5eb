"""The consolidated report as an Excel workbook: real numbers, one sheet per part."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook

from ..domain.i18n import _
from ..domain.regime import Regime
from ..files import write_new_with
from .consolidate import Consolidation
from .consolidated_report import Row, band_summary, levels, rows, same_name_groups
from .sheets import append as _append
from .sheets import attendance_titles, attendance_values
from .sheets import header as _header
from .sheets import percent as _percent


def _adverse(row: Row) -> str:
    return row.unit.regime.adverse.key


def write_xlsx(consolidation: Consolidation, out: Path) -> None:
    """Built in memory, then written in one go: a full disk is one OSError (one Vietnamese line), never openpyxl's
    half-closed zip streams complaining at exit ("Exception ignored … Errno 28") with lxml tracebacks."""
    buffer = io.BytesIO()
    build_workbook(consolidation).save(buffer)
    write_new_with(Path(out), lambda temp: temp.write_bytes(buffer.getvalue()))


def build_workbook(consolidation: Consolidation) -> Workbook:
    units = consolidation.units
    table = rows(units)
    columns = levels(units)
    book = Workbook(write_only=True)

    sheet = book.create_sheet(_("Kết quả"))
    titles = [_("STT"), _("Đơn vị"), _("Hội nghị"), _("Ngày"), _("Loại phiếu"), _("TT trên phiếu"), _("Họ và tên"),
              _("Chức vụ, đơn vị công tác"), _("Phát ra"), _("Thu về"), _("Mẫu số"), _("Hợp lệ"), _("Không hợp lệ")]
    for level in columns:
        titles += [_("{label} (phiếu)").format(label=level.label), _("{label} (%)").format(label=level.label)]
    titles += [_("Mức"), _("Mã niêm phong"), _("Tệp")]
    _header(sheet, titles)
    for number, row in enumerate(table, start=1):
        values = [number, row.unit.organization, row.unit.title, row.unit.date, row.paper_title, row.order, row.name,
                  row.position, row.issued, row.returned, row.denominator, row.valid, row.invalid]
        for level in columns:
            values += [row.counts.get(level.key), _percent(sheet, row, level.key)]
        values += [row.band_label, row.unit.fingerprint, row.unit.source]
        _append(sheet, values)

    sheet = book.create_sheet(_("Cùng họ tên"))
    groups = same_name_groups(table)
    widest = max((len(g) for g in groups), default=2)
    titles = [_("Họ và tên")]
    for place in range(1, widest + 1):
        titles += [_("Nơi {n}: đơn vị").format(n=place), _("Nơi {n}: loại phiếu").format(n=place),
                   _("Nơi {n}: chức vụ").format(n=place), _("Nơi {n}: thu về").format(n=place),
                   _("Nơi {n}: thấp/không tín nhiệm (phiếu)").format(n=place),
                   _("Nơi {n}: thấp/không tín nhiệm (%)").format(n=place), _("Nơi {n}: mức").format(n=place),
                   _("Nơi {n}: mã niêm phong").format(n=place)]
    _header(sheet, titles)
    for group in groups:
        values: list = [group[0].name]
        for row in group:
            values += [row.unit.organization, row.paper_title, row.position, row.returned, row.counts[_adverse(row)],
                       _percent(sheet, row, _adverse(row)), row.band_label, row.unit.fingerprint]
        _append(sheet, values)
    _append(sheet, [])
    _append(sheet, [_("Kết quả ở mỗi nơi được giữ và báo cáo riêng, không cộng gộp; cùng họ tên chưa chắc là "
                    "một người.")])

    sheet = book.create_sheet(_("Tổng hợp mức"))
    summary = band_summary(table)
    _header(sheet, [_("Nội dung"), _("Số lượt người")])
    _append(sheet, [_("Số lượt người được lấy phiếu (mỗi nơi tính một lượt)"), summary.persons])
    _append(sheet, [_("Trên 1/2 đến dưới 2/3 tín nhiệm thấp (hoặc quá 1/2 không tín nhiệm)"), len(summary.over_half)])
    _append(sheet, [_("Từ 2/3 trở lên tín nhiệm thấp"), len(summary.two_thirds)])
    _append(sheet, [])
    _header(sheet, [_("Mức"), _("Họ và tên"), _("Chức vụ"), _("Đơn vị"), _("Phiếu bất lợi"), _("Tỷ lệ"),
                    _("Mã niêm phong")])
    for row in summary.two_thirds + summary.over_half:
        _append(sheet, [row.band_label, row.name, row.position, row.unit.organization, row.counts[_adverse(row)],
                      _percent(sheet, row, _adverse(row)), row.unit.fingerprint])

    sheet = book.create_sheet(_("Đơn vị"))
    _header(sheet, [_("STT"), _("Đơn vị"), _("Cơ quan cấp trên"), _("Hội nghị"), _("Địa điểm"), _("Ngày"),
                    _("Quy định"), _("Mã niêm phong"), _("Có biên bản"), _("Tệp"), _("Chữ ký số")])
    for number, unit in enumerate(units, start=1):
        _append(sheet, [number, unit.organization, unit.parent, unit.title, unit.place, unit.date,
                      _regime_short(unit.regime), unit.fingerprint, _("có") if unit.with_minutes else _("không"),
                      unit.source, unit.origin])

    sheet = book.create_sheet(_("Điểm danh"))  # the whole meeting, then each voter group's own figures and 2/3
    _header(sheet, [_("STT"), _("Đơn vị"), *attendance_titles(), _("Mã niêm phong")])
    for number, unit in enumerate(units, start=1):
        for values in attendance_values(unit):
            _append(sheet, [number, unit.organization, *values, unit.fingerprint])

    sheet = book.create_sheet(_("Tệp bị từ chối"))
    _header(sheet, [_("Tệp"), _("Lý do")])
    for problem in consolidation.problems:
        _append(sheet, [problem.source, problem.reason])
    return book


def _regime_short(regime: Regime) -> str:
    return {Regime.QD96: "QĐ 96-QĐ/TW", Regime.NQ96: "NQ 96/2023/QH15",
            Regime.NQ96_BPT: _("NQ 96/2023/QH15, bỏ phiếu tín nhiệm")}[regime]

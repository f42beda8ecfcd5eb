"""The higher level's desk in the window: the board file (.phieub) with its roster, deadline and every unit's state,
intake, paper checks (QR code of the minutes or two groups), matching, the official report and the list of units
that have not reported; the higher level's key made here too.

Every rule is below (domain.board, store.board_file, exchange.board_*); long work runs on a worker with progress and
a stop button (ui.background.run). This window only collects and shows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.board import UnitState, dashboard
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.text import parse_day
from ..exchange.intake import Credentials
from ..store.board_file import EXTENSION, BoardFile
from . import background, dialogs, file_choice
from .board_models import PackagesModel, UnitsModel
from .messages import explain
from .window_parts import action_button, read_only_table


def choose_board(parent: QWidget | None, title: str) -> str | None:
    """An existing board file; None when cancelled. Tests replace this."""
    return file_choice.open_file(parent, title, f"Bàn tổng hợp (*{EXTENSION})")


def choose_list(parent: QWidget | None, title: str) -> str | None:
    return file_choice.open_file(parent, title, "Danh sách đơn vị (*.xlsx *.csv)")


def choose_scan(parent: QWidget | None, title: str) -> str | None:
    return file_choice.open_file(parent, title, "Ảnh hoặc bản quét (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)")


class BoardWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board")
        self.setWindowTitle(self.tr("Bàn tổng hợp của cấp trên"))
        dialogs.fit_to_screen(self, 1366, 768)  # never taller than the screen less its taskbar
        self.board: BoardFile | None = None
        self.today = today
        self.identities: list = []

        central = QWidget()
        layout = QVBoxLayout(central)
        first, second = QHBoxLayout(), QHBoxLayout()
        self._button(first, "newBoard", self.tr("&Tạo bàn mới…"), self.new_board)
        self._button(first, "openBoard", self.tr("&Mở bàn…"), self.open_board)
        self._button(first, "makeKey", self.tr("Tạo &khóa cấp trên…"), self.make_key)
        self._button(first, "openKey", self.tr("Mở tệp khó&a…"), self.open_key)
        first.addStretch(1)
        self._button(first, "importRoster", self.tr("Nhập &danh sách…"), self.import_roster)
        self._button(first, "addUnit", self.tr("Thêm đơn &vị…"), self.add_unit)
        self._button(first, "deadline", self.tr("&Hạn gửi…"), self.set_deadline)
        self._button(second, "takeIn", self.tr("&Nhận gói…"), self.take_in)
        self._button(second, "check", self.tr("Đối &chiếu biên bản…"), self.check)
        self._button(second, "match", self.tr("&Khớp gói với đơn vị…"), self.match)
        self._button(second, "keep", self.tr("Chọn gói đư&ợc tính…"), self.keep)
        second.addStretch(1)
        self._button(second, "reportPdf", self.tr("Báo cáo &PDF…"), lambda: self.save_report(".pdf"))
        self._button(second, "reportXlsx", self.tr("Báo cáo &Excel…"), lambda: self.save_report(".xlsx"))
        self._button(second, "missing", self.tr("In danh sách &chưa báo cáo…"), self.print_missing)
        layout.addLayout(first)
        layout.addLayout(second)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.units_model = UnitsModel(self)
        self.units = self._table("units", self.units_model)
        self.units.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.units, self.tr("Các đơn vị"))
        self.packages_model = PackagesModel(self)
        self.packages = self._table("packages", self.packages_model)
        self.packages.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.packages, self.tr("Gói chưa khớp đơn vị"))
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.refresh()

    _button = staticmethod(action_button)
    _table = staticmethod(read_only_table)

    # --- the view --------------------------------------------------------------------------------------------------
    def status(self):
        assert self.board is not None
        return dashboard(self.board.roster(), self.board.receipts(), self.board.deadline(),
                         self.today or date.today())

    def refresh(self) -> None:
        if self.board is None:
            self.heading.setText(self.tr("Chưa mở bàn tổng hợp: tạo bàn mới hoặc mở một tệp {ext}.").format(
                ext=EXTENSION))
            self.summary.setText("")
            self.units_model.show(None)
            self.packages_model.show([])
            return
        info = self.board.info()
        self.heading.setText(f"{info.get('organization', '')} — {self.board.path.name}")
        status = self.status()
        days = status.days_left
        left = "" if days is None else (self.tr(" (còn {n} ngày)").format(n=days) if days >= 0
                                        else self.tr(" (đã quá {n} ngày)").format(n=-days))
        counts = " · ".join(f"{state.label}: {status.counts.get(state, 0)}" for state in UnitState)
        keys = self.tr("đã mở {n} tệp khóa").format(n=len(self.identities)) if self.identities else \
            self.tr("chưa mở tệp khóa")
        self.summary.setText(self.tr("{n} đơn vị · Hạn gửi: {deadline}{left} · {counts} · {keys}").format(
            n=len(status.statuses), deadline=status.deadline.text(), left=left, counts=counts, keys=keys))
        self.units_model.show(status)
        self.packages_model.show(self.board.unmatched())
        self.tabs.setTabText(1, self.tr("Gói chưa khớp đơn vị ({n})").format(n=self.packages_model.rowCount()))

    def _act(self, work) -> object:
        """Run one user action; a refusal is shown in Vietnamese, the view is redrawn either way."""
        try:
            return work()
        except PhieuError as err:
            dialogs.error(self, explain(err))
            return None
        finally:
            self.refresh()

    def _need_board(self) -> BoardFile | None:
        if self.board is None:
            dialogs.info(self, self.tr("Chưa có bàn tổng hợp"),
                         self.tr("Hãy tạo bàn mới hoặc mở một tệp {ext}.").format(ext=EXTENSION))
        return self.board

    # --- the board file ------------------------------------------------------------------------------------------
    def new_board(self) -> None:
        path = dialogs.save_path(self, self.tr("Tạo bàn tổng hợp"), "tong-hop" + EXTENSION,
                                 f"Bàn tổng hợp (*{EXTENSION})")
        if not path:
            return
        values = dialogs.ask_fields(self, self.tr("Cơ quan tổng hợp"), self.tr(
            "Cơ quan ban hành báo cáo tổng hợp (ghi ở đầu văn bản):"),
            [(self.tr("Cơ quan tổng hợp:"), ""), (self.tr("Cơ quan chủ quản:"), ""), (self.tr("Địa danh:"), ""),
             (self.tr("Số, ký hiệu báo cáo:"), ""), (self.tr("Người ký:"), "")], self.tr("Tạo"))
        if values is None:
            return
        info = dict(zip(("organization", "parent", "place", "number", "signer"), (v.strip() for v in values)))
        self._act(lambda: self.open_path(BoardFile.create(Path(path), {k: v for k, v in info.items() if v})))

    def open_board(self) -> None:
        path = choose_board(self, self.tr("Mở bàn tổng hợp"))
        if path:
            self._act(lambda: self.open_path(BoardFile.open(Path(path))))

    def open_path(self, board: BoardFile) -> None:
        if self.board is not None:
            self.board.close()
        self.board = board

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.board is not None:
            self.board.close()
            self.board = None
        super().closeEvent(event)

    # --- the higher level's key ----------------------------------------------------------------------------------
    def make_key(self) -> None:
        from ..exchange.keycard import write_key_card
        from ..exchange.keys import create_key_file
        from ..exchange.passphrase import check_new_passphrase
        from .consolidation import ask_secret

        path = dialogs.save_path(self, self.tr("Tạo khóa của cấp trên"), "cap-tren.key", "Tệp khóa (*.key)")
        if not path:
            return
        first = ask_secret(self, self.tr("Mật khẩu bảo vệ tệp khóa"), self.tr(
            "Đặt mật khẩu cho tệp khóa bí mật (ít nhất 8 ký tự; quên mật khẩu thì không mở được các gói):"),
            self.tr("Tiếp"))
        if first is None:
            return
        again = ask_secret(self, self.tr("Nhập lại mật khẩu"), self.tr("Nhập lại mật khẩu vừa đặt:"), self.tr("Tạo"))
        if again is None:
            return

        def work():
            if first != again:
                raise PhieuError(_("Hai lần nhập mật khẩu không giống nhau."))
            passphrase = check_new_passphrase(first)
            key = Path(path)
            card = key.with_name(f"{key.stem}-khoa-nhan.pdf")
            new = background.run(self, _("Đang tạo khóa…"), lambda ticker: create_key_file(key, passphrase),
                                 cancellable=False)
            try:
                write_key_card(new.recipient, card, holder=(self.board.info().get("organization", "")
                                                            if self.board else ""))
            except BaseException:
                key.unlink(missing_ok=True)
                raise
            dialogs.info(self, self.tr("Đã tạo khóa"), self.tr(
                "Tệp khóa bí mật: {key} (giữ kín, nhớ mật khẩu).\nTrang in khóa nhận gửi các đơn vị: {card}.\n"
                "Khóa nhận: {recipient}").format(key=key, card=card, recipient=new.recipient))
        self._act(work)

    def open_key(self) -> None:
        from ..exchange.keys import load_identity
        from .consolidation import ask_secret, choose_key_file

        path = choose_key_file(self, self.tr("Chọn tệp khóa bí mật của cấp trên"))
        if not path:
            return
        secret = ask_secret(self, self.tr("Mở tệp khóa"), self.tr("Mật khẩu bảo vệ tệp khóa “{name}”:").format(
            name=Path(path).name), self.tr("Mở khóa"))
        if secret is None:
            return

        def work():
            identity = background.run(self, _("Đang mở tệp khóa…"),
                                      lambda ticker: load_identity(Path(path), secret), cancellable=False)
            if str(identity) not in {str(i) for i in self.identities}:
                self.identities.append(identity)
        self._act(work)

    # --- the roster and the deadline -----------------------------------------------------------------------------
    def import_roster(self) -> None:
        from ..imports.roster import read_roster

        board = self._need_board()
        path = choose_list(self, self.tr("Chọn danh sách đơn vị")) if board else None
        if board and path:
            self._act(lambda: board.add_units(read_roster(Path(path), board.roster()), source=Path(path).name))

    def add_unit(self) -> None:
        from ..imports.roster import check_unit, refuse_duplicates

        board = self._need_board()
        if board is None:
            return
        values = dialogs.ask_fields(self, self.tr("Thêm đơn vị"), self.tr("Đơn vị phải gửi kết quả lên:"),
                                    [(self.tr("Mã đơn vị:"), ""), (self.tr("Tên đơn vị:"), ""),
                                     (self.tr("Cơ quan cấp trên:"), ""), (self.tr("Liên hệ:"), "")], self.tr("Thêm"))
        if values is not None:
            def work():
                unit = check_unit(*values)
                refuse_duplicates([unit], board.roster())
                board.add_units([unit], source="typed")
            self._act(work)

    def set_deadline(self) -> None:
        from ..domain.board import Deadline

        board = self._need_board()
        if board is None:
            return
        values = dialogs.ask_fields(self, self.tr("Hạn gửi kết quả"), self.tr(
            "Ngày phải nhận được kết quả (ví dụ 07 ngày sau hội nghị); hoặc ngày hội nghị khi kết quả gửi “ngay sau "
            "khi kết thúc hội nghị”:"), [(self.tr("Ngày (dd/mm/yyyy):"), "")], self.tr("Đặt hạn"))
        if values is None:
            return
        after = dialogs.confirm(self, self.tr("Hạn gửi kết quả"), self.tr(
            "Đây là ngày hội nghị và kết quả phải gửi ngay sau khi kết thúc hội nghị?"), self.tr("Đúng vậy"),
            self.tr("Không, đây là ngày hết hạn"), default_yes=False)
        self._act(lambda: board.set_deadline(Deadline(parse_day(values[0], self.tr("Hạn")), after)))

    # --- packages ---------------------------------------------------------------------------------------------------
    def take_in(self) -> None:
        from ..exchange.board_intake import take_in
        from .consolidation import choose_packages

        board = self._need_board()
        if board is None:
            return
        if not self.identities:
            dialogs.info(self, self.tr("Chưa mở tệp khóa"), self.tr("Hãy mở tệp khóa của cấp trên trước."))
            return
        paths = [Path(p) for p in choose_packages(self, self.tr("Chọn các tệp gửi cấp trên"))]
        if not paths:
            return
        credentials = Credentials(list(self.identities))
        outcomes = self._act(lambda: background.run(self, _("Đang nhận các gói…"),
                                                    lambda ticker: take_in(board, paths, credentials, ticker)))
        if outcomes:
            dialogs.info_table(self, self.tr("Kết quả nhận gói"), [(o.source, o.message[len(o.source) + 2:])
                                                                    for o in outcomes])

    def _selected_unit(self):
        rows = self.units.selectionModel().selectedRows()
        if not rows:
            dialogs.info(self, self.tr("Chọn đơn vị"), self.tr("Hãy chọn một đơn vị trong bảng."))
            return None
        return self.units_model.statuses[rows[0].row()].unit

    def check(self) -> None:
        from ..exchange.board_intake import check_groups, check_qr, groups_to_ask, package_of

        board = self._need_board()
        unit = self._selected_unit() if board else None
        if board is None or unit is None:
            return
        package = self._act(lambda: package_of(board, unit))
        if package is None:
            return
        use_scan = dialogs.confirm(self, self.tr("Đối chiếu biên bản giấy"), self.tr(
            "Đối chiếu cả mã niêm phong (96 bit) bằng mã QR trên ảnh chụp hoặc bản quét biên bản của “{name}”; "
            "nếu không có ảnh, gõ hai nhóm ký tự do chương trình chọn.").format(name=unit.name),
            self.tr("Đọc mã QR từ ảnh…"), self.tr("Gõ hai nhóm"))
        if use_scan:
            from ..scan.minutes_qr import qr_texts

            path = choose_scan(self, self.tr("Chọn ảnh biên bản"))
            if not path:
                return
            ok = self._act(lambda: check_qr(board, package.sha256, background.run(
                self, _("Đang đọc mã QR…"), lambda ticker: qr_texts(Path(path), ticker))))
        else:
            asked = groups_to_ask(package.fingerprint)
            values = dialogs.ask_fields(self, self.tr("Đối chiếu biên bản giấy"), self.tr(
                "Gõ hai nhóm của mã niêm phong in trên biên bản giấy của “{name}”:").format(name=unit.name),
                [(self.tr("Nhóm thứ {n}:").format(n=g), "") for g in asked], self.tr("Đối chiếu"))
            if values is None:
                return
            ok = self._act(lambda: check_groups(board, package.sha256, asked, (values[0], values[1])))
        if ok is True:
            dialogs.info(self, self.tr("Khớp"), self.tr("Biên bản giấy và tệp của “{name}” cùng mã niêm phong.").format(
                name=unit.name))
        elif ok is False:
            dialogs.error(self, self.tr("Mã niêm phong trên biên bản giấy KHÔNG khớp tệp của “{name}”; đã ghi lại. "
                                        "Hãy liên hệ đơn vị.").format(name=unit.name))

    def match(self) -> None:
        from ..exchange.board_intake import find_unit, suggestions

        board = self._need_board()
        if board is None:
            return
        rows = self.packages.selectionModel().selectedRows()
        if not rows:
            self.tabs.setCurrentIndex(1)
            dialogs.info(self, self.tr("Chọn gói"), self.tr("Hãy chọn một gói chưa khớp đơn vị."))
            return
        package = self.packages_model.packages[rows[0].row()]
        guess = suggestions(board, package.sha256)
        values = dialogs.ask_fields(self, self.tr("Khớp gói với đơn vị"), self.tr(
            "Gói “{source}” ghi đơn vị “{org}” ({parent}). Đơn vị nào trong danh sách đã gửi gói này?{hint}").format(
            source=package.source, org=package.unit.get("organization", ""), parent=package.unit.get("parent", ""),
            hint=self.tr(" Gợi ý: {codes}.").format(codes=", ".join(u.code for u in guess)) if guess else ""),
            [(self.tr("Mã đơn vị:"), guess[0].code if len(guess) == 1 else ""),
             (self.tr("Cơ quan cấp trên:"), guess[0].parent if len(guess) == 1 else "")], self.tr("Khớp"))
        if values is not None:
            self._act(lambda: board.match(package.sha256, find_unit(board, values[0], values[1] or None)))

    def keep(self) -> None:
        """A unit that sent two different results: the clerk chooses the one that counts (recorded)."""
        from ..exchange.board_intake import keep_package, packages_of_unit

        board = self._need_board()
        unit = self._selected_unit() if board else None
        if board is None or unit is None:
            return
        packages = self._act(lambda: packages_of_unit(board, unit))
        if not isinstance(packages, list):
            return
        if len(packages) < 2:
            dialogs.info(self, self.tr("Chọn gói được tính"), self.tr(
                "Đơn vị “{name}” có {n} gói đã nhận; chỉ phải chọn khi có hai gói khác nhau.").format(
                name=unit.name, n=len(packages)))
            return
        labels = [self.tr("{source} — nhận lúc {at} — mã niêm phong {fp}").format(
            source=p.source, at=p.received_at, fp=p.fingerprint) for p in packages]
        chosen = dialogs.ask_choice(self, self.tr("Chọn gói được tính"), self.tr(
            "Đơn vị “{name}” đã gửi {n} kết quả khác nhau. Gói nào là kết quả được tính (đối chiếu với biên bản "
            "giấy)? Quyết định được ghi vào nhật ký của bàn.").format(name=unit.name, n=len(packages)), labels,
            self.tr("Chọn gói này"))
        if chosen is not None:
            self._act(lambda: keep_package(board, unit, packages[chosen].sha256))

    # --- reports ----------------------------------------------------------------------------------------------------
    def save_report(self, suffix: str) -> None:
        from ..exchange.board_report import build_report

        board = self._need_board()
        if board is None:
            return
        path = dialogs.save_path(self, self.tr("Lưu báo cáo tổng hợp"), "bao-cao-tong-hop" + suffix,
                                 "PDF (*.pdf)" if suffix == ".pdf" else "Excel (*.xlsx)")
        if not path:
            return

        def job(ticker):
            report = build_report(board, self.today, ticker)
            if suffix == ".pdf":
                from ..exchange.board_report_pdf import write_report_pdf

                write_report_pdf(report, Path(path), ticker)
            else:
                from ..exchange.board_report_xlsx import write_report_xlsx

                write_report_xlsx(report, Path(path), ticker)
        self._act(lambda: background.run(self, _("Đang lập báo cáo tổng hợp…"), job))

    def print_missing(self) -> None:
        from ..exchange.board_report import build_report
        from ..exchange.board_report_pdf import write_missing_pdf

        board = self._need_board()
        if board is None:
            return
        path = dialogs.save_path(self, self.tr("Danh sách đơn vị chưa báo cáo"), "chua-bao-cao.pdf", "PDF (*.pdf)")
        if path:
            self._act(lambda: background.run(self, _("Đang lập danh sách…"), lambda ticker: write_missing_pdf(
                build_report(board, self.today, ticker), Path(path))))


__all__ = ["BoardWindow"]

"""The higher level's window: open the board's key, add the files units sent up, check each against its paper
minutes, see the results and the bands, save the consolidated report (.xlsx or .pdf).

Every check is the library's (`exchange.consolidate.Consolidator`); this window only collects and shows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStyledItemDelegate,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_PACKAGE_BYTES
from ..domain.work import Cancelled
from ..exchange import age
from ..exchange.consolidate import Consolidation, Consolidator, FileProblem
from ..exchange.consolidated_report import band_summary, rows
from ..exchange.intake import Credentials, verified_minutes
from ..exchange.keys import load_identity
from ..exchange.package import EXTENSION, expand_inputs
from ..exchange.paper_check import report_consolidation
from ..files import read_input, write_new
from . import background, dialogs, file_choice
from .consolidation_models import Entry, FilesModel, PersonsModel, status_text
from .messages import explain
from .paper_check import PaperCheckDialog
from .places import documents_folder
from .window_parts import action_button, read_only_table


def choose_key_file(parent: QWidget | None, title: str) -> str | None:
    """The board's secret key file; None when cancelled. Tests replace this."""
    return file_choice.open_file(parent, title, "Tệp khóa (*.key);;Mọi tệp (*)")


def choose_packages(parent: QWidget | None, title: str) -> list[str]:
    """Files sent up by the units; [] when cancelled. Tests replace this."""
    return file_choice.open_files(parent, title, f"Tệp gửi cấp trên (*{EXTENSION})")


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    """A folder whose .phieux files are all added; None when cancelled. Tests replace this."""
    return file_choice.open_folder(parent, title)


def ask_secret(parent: QWidget | None, title: str, prompt: str, ok: str, check=None) -> str | None:
    """A passphrase typed in a dialog with hidden characters; None when cancelled. `check(values)` may refuse it
    with a sentence shown in the dialog, which stays open (the key file chosen is not lost)."""
    caption = _("Mật khẩu:")
    dialog = dialogs.FieldsDialog(parent, title, prompt, [(caption, "")], ok, check)
    dialog.edits[0].setEchoMode(QLineEdit.EchoMode.Password)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()[0]
    finally:
        dialog.deleteLater()


class _ElideMiddle(QStyledItemDelegate):
    """A long file name keeps its start and its end: "tai-chinh…ban-2.phieux" (the whole name in the tooltip)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


# the most of the table's width a column takes before it is elided (the rest in the tooltip and below the table)
_FILES_SHARE = {0: 0.16, 1: 0.22, 4: 0.26}


class ConsolidationWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consolidation")
        self.setWindowTitle(self.tr("Tổng hợp kết quả lấy phiếu tín nhiệm (cấp trên)"))
        dialogs.fit_to_screen(self, 1366, 768)
        self.identities: list = []
        self.key_names: list[str] = []
        self.consolidator = Consolidator(Credentials())
        self.entries: list[Entry] = []
        self.last_folder: Path | None = None

        central = QWidget()
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        self.key_button = self._button(top, "openKey", self.tr("Tệp &khóa của cấp trên…"), self.choose_key)
        self.key_state = QLabel()
        self.key_state.setObjectName("keyState")
        self.key_state.setTextFormat(Qt.TextFormat.PlainText)
        self.key_state.setWordWrap(True)  # a long list of keys takes two lines, never widens the window
        top.addWidget(self.key_state, 1)
        layout.addLayout(top)

        actions = QHBoxLayout()
        self._button(actions, "addFiles", self.tr("&Thêm tệp…"), self.add_files)
        self._button(actions, "addFolder", self.tr("Thêm cả thư &mục…"), self.add_folder)
        self.check_button = self._button(actions, "checkPaper", self.tr("Đối &chiếu biên bản giấy…"), self.check_paper)
        self.minutes_button = self._button(actions, "saveMinutes", self.tr("Lưu biên bản của đơn &vị…"),
                                           self.save_minutes)
        self.remove_button = self._button(actions, "remove", self.tr("&Bỏ khỏi danh sách"), self.remove_selected)
        actions.addStretch(1)
        # the report's two buttons on the key's row: one row of seven buttons made the window 1161 pixels wide,
        # wider than a 1366×768 laptop at 125 % (1093)
        self.xlsx_button = self._button(top, "saveXlsx", self.tr("Lưu báo cáo &Excel…"),
                                        lambda: self.save_report(".xlsx"))
        self.pdf_button = self._button(top, "savePdf", self.tr("Lưu báo cáo &PDF…"),
                                       lambda: self.save_report(".pdf"))
        layout.addLayout(actions)

        self.tabs = QTabWidget()
        self.files_model = FilesModel(self)
        self.files = self._table("files", self.files_model)
        self.files.setItemDelegateForColumn(0, _ElideMiddle(self.files))
        self.files.setProperty("elidedTextInTooltip", True)  # long texts whole in the tooltip and below
        self.files_model.modelReset.connect(self._fit_files)
        self.files.activated.connect(self._activated)
        self.files.selectionModel().currentChanged.connect(lambda _now, _before: self._show_details())
        self.tabs.addTab(self.files, self.tr("Tệp gửi lên"))
        self.persons_model = PersonsModel(self)
        self.persons = self._table("persons", self.persons_model)
        self.persons.horizontalHeader().setStretchLastSection(False)
        self.persons_model.modelReset.connect(self._fit_persons)
        self.tabs.addTab(self.persons, self.tr("Kết quả theo người (đơn vị đã đối chiếu)"))
        layout.addWidget(self.tabs, 1)
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.setCentralWidget(central)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.files)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self._refresh()

    # --- building ------------------------------------------------------------------------------------------------
    _button = staticmethod(action_button)
    _table = staticmethod(read_only_table)

    # --- the key -------------------------------------------------------------------------------------------------
    def choose_key(self) -> bool:
        path = choose_key_file(self, self.tr("Chọn tệp khóa bí mật của cấp trên"))
        if not path:
            return False
        loaded: list = []

        def unlock(values: list[str]) -> str | None:  # a wrong passphrase is said in the dialog, kept open
            try:
                loaded.append(load_identity(Path(path), values[0]))
            except PhieuError as err:
                return explain(err)
            return None

        if ask_secret(self, self.tr("Mở tệp khóa"), self.tr("Mật khẩu bảo vệ tệp khóa “{name}”:").format(
                name=Path(path).name), self.tr("Mở khóa"), check=unlock) is None or not loaded:
            return False
        identity = loaded[-1]
        if str(identity) not in {str(i) for i in self.identities}:
            self.identities.append(identity)
            self.key_names.append(f"{Path(path).name} ({identity.to_public()})")
        self._refresh()
        return True

    # --- adding files --------------------------------------------------------------------------------------------
    def add_files(self) -> None:
        self.add_paths([Path(p) for p in choose_packages(self, self.tr("Chọn các tệp gửi cấp trên"))])

    def add_folder(self) -> None:
        folder = choose_folder(self, self.tr("Chọn thư mục chứa các tệp gửi cấp trên"))
        if folder:
            paths = expand_inputs([folder])
            if not paths:
                dialogs.info(self, self.tr("Không có tệp"), self.tr("Thư mục “{name}” không có tệp {ext} nào.").format(
                    name=folder, ext=EXTENSION))
            self.add_paths(paths)

    def add_paths(self, paths: list[Path]) -> None:
        """Each file checked on its own: one bad file never stops the others."""
        if not paths:
            return
        self.last_folder = paths[0].parent
        datas: dict[Path, bytes | None] = {}
        for path in paths:
            try:
                datas[path] = read_input(path, MAX_PACKAGE_BYTES)  # size checked before reading
            except PhieuError:
                datas[path] = None  # the library names the reason (missing, a folder, too large …)
        needs_key = any(d is not None and age.is_age(d) and not age.uses_passphrase(d) for d in datas.values())
        if needs_key and not self.identities:
            self.choose_key()
        jobs = []
        for path, data in datas.items():
            passphrase = None
            if data is not None and age.is_age(data) and age.uses_passphrase(data):
                passphrase = ask_secret(self, self.tr("Tệp mã hóa bằng mật khẩu"), self.tr(
                    "Tệp “{name}” được mã hóa bằng mật khẩu. Nhập mật khẩu đơn vị đã báo:").format(name=path.name),
                    self.tr("Mở tệp"))
            jobs.append((path, data, Credentials(tuple(self.identities), passphrase)))
        done: list = []  # kept as the worker goes: a stopped run keeps the files already checked

        def work(ticker) -> None:  # on a worker (ui.background): decrypting and verifying 1,000 files takes a while
            for n, (path, data, credentials) in enumerate(jobs):
                ticker.step(n, len(jobs), _("Đang kiểm tra tệp {n}/{total}: {name}").format(
                    n=n + 1, total=len(jobs), name=path.name))
                self.consolidator.credentials = credentials
                outcome = (self.consolidator.add_file(path) if data is None
                           else self.consolidator.add_bytes(path.name, data))
                done.append((path, outcome, credentials))

        try:
            background.run(self, self.tr("Đang kiểm tra các tệp gửi lên…"), work)
        except Cancelled:
            pass
        for path, outcome, credentials in done:
            if isinstance(outcome, FileProblem):
                self.entries.append(Entry(path, problem=outcome, credentials=credentials))
            else:
                self.entries.append(Entry(path, unit=outcome, credentials=credentials))
        self._refresh()
        self._select(next((i for i, e in enumerate(self.entries) if e.waiting), len(self.entries) - 1))

    # --- the paper check -----------------------------------------------------------------------------------------
    def selected(self) -> Entry | None:
        index = self.files.currentIndex()
        return self.entries[index.row()] if index.isValid() and index.row() < len(self.entries) else None

    def _select(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self.tabs.setCurrentWidget(self.files)
            self.files.selectRow(row)
            self.files.setFocus()

    def _activated(self, _index) -> None:
        """Enter (or a double click) on a file waiting for its paper check opens that check."""
        entry = self.selected()
        if entry is not None and entry.waiting:
            self.check_paper()

    def check_paper(self) -> None:
        entry = self.selected()
        if entry is None or not entry.waiting:
            entry = next((e for e in self.entries if e.waiting), None)
            if entry is None:
                dialogs.info(self, self.tr("Đối chiếu biên bản giấy"),
                             self.tr("Không còn tệp nào chờ đối chiếu biên bản giấy."))
                return
        dialog = PaperCheckDialog(entry, self)
        try:
            outcome = dialog.exec()
        finally:
            dialog.deleteLater()
        if outcome == PaperCheckDialog.REFUSE:
            typed = entry.mismatches[-1] if entry.mismatches else ""
            self.consolidator.confirm_paper(entry.source, typed, entry.group)  # takes the unit out, says why
            entry.problem = self.consolidator.problems[-1]
        self._refresh()
        following = [i for i, e in enumerate(self.entries) if e.waiting]
        self._select(following[0] if following else self.entries.index(entry))

    # --- other actions -------------------------------------------------------------------------------------------
    def remove_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        row = self.entries.index(entry)
        if entry.problem is not None:
            self.consolidator.discard(entry.problem)
        elif entry.unit is not None:
            self.consolidator.discard(entry.unit)
        self.entries.remove(entry)
        self._refresh()
        self._select(min(row, len(self.entries) - 1))

    def save_minutes(self) -> None:
        entry = self.selected()
        if entry is None or entry.unit is None or entry.problem is not None:
            dialogs.error(self, self.tr("Hãy chọn một tệp đã được nhận."))
            return
        try:
            pdf = verified_minutes(entry.source, entry.path.read_bytes(), entry.credentials)
        except (PhieuError, OSError) as err:
            dialogs.error(self, explain(err))
            return
        suggested = (self.last_folder or documents_folder()) / f"{Path(entry.source).stem}_bien-ban.pdf"
        chosen = dialogs.save_path(self, self.tr("Lưu biên bản kiểm phiếu của đơn vị"), str(suggested), "PDF (*.pdf)")
        if chosen:
            self._write(lambda out: write_new(out, pdf), Path(chosen), ".pdf")

    def report_consolidation(self) -> Consolidation:
        """What the report holds, decided as `phieu consolidate --check` decides it (`exchange.paper_check`)."""
        return report_consolidation(self.consolidator.result, [e.paper for e in self.entries if e.paper is not None])

    def save_report(self, suffix: str) -> None:
        consolidation = self.report_consolidation()
        if not consolidation.units:
            dialogs.error(self, self.tr("Chưa có đơn vị nào đã đối chiếu biên bản giấy; chưa lập báo cáo."))
            return
        waiting = sum(1 for e in self.entries if e.waiting)
        if waiting and not dialogs.confirm(self, self.tr("Còn tệp chờ đối chiếu"), self.tr(
                "{n} tệp chưa đối chiếu biên bản giấy sẽ không có trong báo cáo (chỉ được liệt kê). Vẫn lưu báo cáo?")
                .format(n=waiting), yes=self.tr("Vẫn lưu"), no=self.tr("Quay lại")):
            return
        name = f"tong-hop-ket-qua_{date.today().isoformat()}{suffix}"
        pattern = "Excel (*.xlsx)" if suffix == ".xlsx" else "PDF (*.pdf)"
        chosen = dialogs.save_path(self, self.tr("Lưu báo cáo tổng hợp"),
                                   str((self.last_folder or documents_folder()) / name),
                                   pattern)
        if not chosen:
            return
        if suffix == ".xlsx":
            from ..exchange.consolidated_xlsx import write_xlsx as writer
        else:
            from ..exchange.consolidated_pdf import write_pdf as writer
        self._write(lambda out: writer(consolidation, out), Path(chosen), suffix)

    def _write(self, writer, out: Path, suffix: str) -> None:
        if out.suffix.lower() != suffix:
            out = out.with_name(out.name + suffix)
        try:  # report building on a worker (ui.background): the window keeps painting
            background.run(self, self.tr("Đang lập báo cáo…"), lambda ticker: writer(out), cancellable=False)
        except (PhieuError, OSError) as err:
            dialogs.error(self, explain(err))
            return
        dialogs.info(self, self.tr("Đã lưu"), self.tr("Đã lưu {path}.").format(path=out))

    # --- showing -------------------------------------------------------------------------------------------------
    def _fit_files(self) -> None:
        """Every column as wide as its content, the long ones capped, the digital signature taking what is left: no
        header is elided and nothing needs a horizontal scroll at 1366 pixels (issue 26: "ng t", "Chữ ký số" cut)."""
        header = self.files.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.files.resizeColumnsToContents()
        self.files.updateGeometries()  # the row numbers' width, once there are rows, narrows the viewport
        room = max(self.files.viewport().width(), 600)
        last = header.count() - 1
        for column in range(last):
            need = max(header.sectionSizeHint(column), header.sectionSize(column))
            share = _FILES_SHARE.get(column)
            if share is not None:
                need = max(header.sectionSizeHint(column), min(need, int(room * share)))
            header.resizeSection(column, need)
        over = sum(header.sectionSize(c) for c in range(last)) + header.sectionSizeHint(last) - (room - 2)
        for column in (4, 1, 0, 3):  # a narrow window: the long ones give way first, never below their heading
            if over <= 0:
                break
            give = min(over, header.sectionSize(column) - header.sectionSizeHint(column))
            if give > 0:
                header.resizeSection(column, header.sectionSize(column) - give)
                over -= give
        used = sum(header.sectionSize(c) for c in range(last))
        header.resizeSection(last, max(header.sectionSizeHint(last), room - used - 2))
        header.setStretchLastSection(True)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_files)  # once the layout gave the table its new width

    def _fit_persons(self) -> None:
        """The position column takes what is left (elided), so every count and the band fit at 1366 pixels."""
        header = self.persons.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.persons_model.columnCount() > 3:
            header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _show_details(self) -> None:
        """The selected file in full (the table cuts long reasons)."""
        entry = self.selected()
        if entry is None:
            self.details.setText("")
            return
        unit = entry.unit
        about = f"{unit.organization} — {unit.title}, {unit.date.strftime('%d/%m/%Y')}\n" if unit else ""
        signer = self.tr("\nChữ ký số: {origin}").format(origin=unit.origin) if unit else ""
        self.details.setText(self.tr("{about}Tệp: {path}\n{status}").format(
            about=about, path=entry.path, status=status_text(entry)) + signer)

    def _refresh(self) -> None:
        self.key_state.setText(self.tr("Khóa: {keys}").format(keys="; ".join(self.key_names)) if self.key_names else
                               self.tr("Chưa mở tệp khóa của cấp trên (cần để mở các tệp mã hóa cho cấp trên)."))
        self.files_model.set_entries(self.entries)
        accepted = self.report_consolidation().units
        self.persons_model.set_units(accepted)
        waiting = sum(1 for e in self.entries if e.waiting)
        refused = sum(1 for e in self.entries if e.problem is not None)
        summary = band_summary(rows(accepted))
        self.summary.setText(self.tr(
            "Đã nhận {units} đơn vị (biên bản giấy khớp); chờ đối chiếu {waiting}; từ chối {refused} tệp.\n"
            "Các đơn vị đã nhận: {persons} lượt người được lấy phiếu; trên 1/2 đến dưới 2/3 tín nhiệm thấp (hoặc quá "
            "1/2 không tín nhiệm): {half}; từ 2/3 trở lên tín nhiệm thấp: {two}.").format(
            units=len(accepted), waiting=waiting, refused=refused, persons=summary.persons,
            half=len(summary.over_half), two=len(summary.two_thirds)))
        has_report = bool(accepted)
        self.xlsx_button.setEnabled(has_report)
        self.pdf_button.setEnabled(has_report)
        self.check_button.setEnabled(waiting > 0)
        self._show_details()

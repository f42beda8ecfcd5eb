"""PrepareWizard: File › Mới… and Chuẩn bị › Sửa… both run it; `result_session()` after it is accepted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget, QWizard

from ...domain.errors import PhieuError
from ...domain.prepare import PAGES, PrepareFlow
from ...domain.session import Session
from .. import dialogs
from ..messages import explain
from ..places import start_folder
from ..qtcompat import install as install_qt_fixes
from .pages import CommitteePage, HeaderPage, RegimePage, SummaryPage, SummonedPage
from .papers_page import PapersPage
from .widgets import confirm, message

_PAGE_CLASSES = (RegimePage, HeaderPage, SummonedPage, CommitteePage, PapersPage, SummaryPage)


class PrepareWizard(QWizard):
    """Prepare a new session, or change a prepared one (`session=`) while no ballot is entered.

    `session_file`, when given, is the open file the session comes from: "In phiếu…" prints from it.
    """

    def __init__(self, parent: QWidget | None = None, session: Session | None = None, *, session_file=None) -> None:
        install_qt_fixes()  # PySide6 6.12.0 loses a reference to True on every Signal.emit() (see ui/qtcompat)
        super().__init__(parent)
        self.setObjectName("prepareWizard")
        self.flow = PrepareFlow(session)
        self._initial = self.flow.session()
        self.session_file = session_file
        self._result: Session | None = None
        self.setWindowTitle(self.tr("Sửa thông tin hội nghị") if session is not None
                            else self.tr("Chuẩn bị hội nghị lấy phiếu"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp ›"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("‹ &Quay lại"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Hủy"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Tiếp ›"))
        self.setButtonText(QWizard.WizardButton.HelpButton, self.tr("Trợ giúp"))
        self.pages = {}
        for kind, cls in zip(PAGES, _PAGE_CLASSES, strict=True):
            page = cls(self.flow)
            self.setPage(PAGES.index(kind), page)
            self.pages[kind] = page
        self.setStartId(0)
        dialogs.fit_to_screen(self, 980, 660)  # 660 is taller than a 1366×768 laptop at 125 % (614)

    # --- leaving without saving ---

    def reject(self) -> None:
        """Hủy, Esc or the window's close button: asks first when something was typed, so a slip loses no work."""
        if self.flow.session() != self._initial and not confirm(
                self, self.tr("Hủy chuẩn bị"), self.tr("Bỏ mọi thông tin vừa nhập trong trình hướng dẫn này?"),
                yes=self.tr("Bỏ thông tin"), no=self.tr("Tiếp tục nhập")):
            return
        super().reject()

    # --- the result ---

    def accept(self) -> None:
        try:
            self._result = self.flow.result()
        except ValueError as err:
            message(self, self.tr("Chưa hoàn tất"), str(err), error=True)
            return
        super().accept()

    def result_session(self) -> Session:
        """The prepared session; only after the wizard was accepted."""
        if self._result is None:
            raise RuntimeError("the wizard was not accepted")
        return self._result

    # --- actions of the papers page that leave the wizard ---

    def import_persons(self, path: str | None = None) -> bool:
        """Choose a .xlsx/.csv file, map its columns, preview, and add its persons to the current paper."""
        from ...imports.persons import ImportProblem, read_table
        from .import_dialog import ImportDialog

        page: PapersPage = self.pages[PAGES[4]]
        if page.paper is None:
            return False
        if path is None:
            folder = str(start_folder(self.session_file))
            path = dialogs.open_path(self, self.tr("Chọn danh sách người được lấy phiếu"), folder,
                                     self.tr("Bảng tính (*.xlsx *.csv);;Tất cả (*)"))
            if not path:
                return False
        try:
            table = read_table(path)
        except ImportProblem as err:
            message(self, self.tr("Không nhập được danh sách"), str(err), error=True)
            return False
        dialog = ImportDialog(table, self, replace_possible=bool(self.flow.papers[page.paper].persons))
        if not dialog.exec():
            return False
        if dialog.replace_existing:
            while self.flow.papers[page.paper].persons:
                self.flow.remove_person(page.paper, 0)
        self.flow.add_persons(page.paper, dialog.result.persons)
        page.model.refresh()
        page.changed()
        page.person_name.setFocus()  # the next person can be typed; a space never ticks a box in the table
        return True

    def print_ballots(self) -> None:
        """Print the ballots of the saved session (the session code on them exists only once the file exists)."""
        from ...documents.ballots import render_ballots as render  # reportlab is heavy: imported when printing

        file = self.session_file
        if file is None:
            message(self, self.tr("In phiếu"), self.tr(
                "Phiếu được in sau khi lưu hội nghị: mã hội nghị in trên mỗi phiếu chỉ có khi tệp phiên đã được tạo. "
                "Hãy bấm Hoàn tất để lưu, rồi in phiếu từ bước Chuẩn bị."))
            return
        if self.flow.session() != file.session:
            message(self, self.tr("In phiếu"), self.tr(
                "Thông tin đã thay đổi so với tệp đã lưu. Hãy bấm Hoàn tất để lưu thay đổi, rồi in phiếu."))
            return
        suggested = str(Path(file.path).with_name(f"{Path(file.path).stem}-phieu.pdf"))
        path = dialogs.save_path(self, self.tr("Lưu phiếu để in"), suggested, self.tr("Tệp PDF (*.pdf)"))
        if not path:
            return
        try:
            pages = render(file, Path(path))
        except (PhieuError, OSError) as err:
            message(self, self.tr("Không in được phiếu"), explain(err), error=True)
            return
        message(self, self.tr("In phiếu"), self.tr("Đã tạo {pages} trang phiếu trong tệp “{name}”.").format(
            pages=pages, name=Path(path).name))

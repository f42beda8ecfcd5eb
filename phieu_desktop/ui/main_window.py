"""The main window: a thin shell composing one page per step, the File menu and the projector."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import PhieuError
from ..domain.progress import Step, resume_step, step_done
from ..store import SessionFile
from . import dialogs
from .context import FAILED, SessionContext
from .language import install_vietnamese
from .messages import open_failure
from .places import new_session_path, start_folder
from .projector import ProjectorWindow
from .qtcompat import install as install_qt_fixes
from .recent import recent_files, remember
from .steps.attendance import AttendanceStep
from .steps.base import heading, note
from .steps.entry import EntryStep
from .steps.lock import LockStep
from .steps.plan import PlanStep
from .steps.prepare import PrepareStep
from .steps.verification import VerificationStep
from .welcome import WelcomePage

PATTERN = "Tệp phiên lấy phiếu (*.phieu)"


def configure_application(app: QApplication) -> None:
    """One readable font size for a 1366×768 laptop; the window's name for settings and dialogs; Qt in Vietnamese."""
    app.setApplicationName("phieu-desktop")
    app.setApplicationDisplayName("phieu-desktop")
    font = QFont(app.font())
    font.setPointSize(11)
    app.setFont(font)
    install_vietnamese(app)


def load_wizard():
    """The Prepare wizard's class, imported when first needed (tests put a stand-in here)."""
    from .prepare import PrepareWizard

    return PrepareWizard


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        install_qt_fixes()
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Lấy phiếu tín nhiệm"))
        self.resize(1366, 768)
        self.ctx = SessionContext(self)
        self.ctx.changed.connect(self._update_steps)
        self.projector: ProjectorWindow | None = None
        self.consolidation = None  # the higher level's window, opened from the File menu

        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(self.new_session)
        self.welcome.open_requested.connect(self.choose_file)
        self.welcome.open_path.connect(self.open_file)

        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        font = QFont()
        font.setPointSize(13)
        self.steps.setFont(font)
        # as wide as its longest line in bold with its mark ("▶  5. Khóa kết quả"), not a fixed 210 pixels: at 125 %
        # on a 1366×768 laptop the entry grid needs every pixel of a 1093-pixel-wide window
        bold = QFont(font)
        bold.setBold(True)
        side_width = max(QFontMetrics(bold).horizontalAdvance(f"▶  {step + 1}. {step.label}") for step in Step) + 36
        self.steps.setFixedWidth(side_width)
        self.steps.setSpacing(4)
        self.prepare = PrepareStep(self.ctx)
        self.prepare.edit_requested.connect(self.edit_session)
        self.attendance = AttendanceStep(self.ctx)
        self.entry = EntryStep(self.ctx)
        self.verification = VerificationStep(self.ctx)
        self.lock = LockStep(self.ctx)
        self.pages = [self.prepare, self.attendance, self.entry, self.verification, self.lock]
        self.page_stack = QStackedWidget()
        for step, page in zip(Step, self.pages):
            self.page_stack.addWidget(page)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, int(step))
            self.steps.addItem(item)
        self.steps.currentRowChanged.connect(self._show_step)
        self.plan_view = PlanStep(self.ctx)  # Kế hoạch: before the five steps, outside their numbering
        self.page_stack.addWidget(self.plan_view)
        self.plan_button = QPushButton(self.tr("Kế hoạch"))
        self.plan_button.setObjectName("planButton")
        self.plan_button.setFixedWidth(side_width)
        self.plan_button.setFont(font)
        self.plan_button.setCheckable(True)
        self.plan_button.clicked.connect(self.show_plan)
        self.entry.stack.paper_changed.connect(self._follow_paper)

        session_view = QWidget()
        outer = QVBoxLayout(session_view)
        self.title = heading("", 13)
        self.title.setObjectName("sessionTitle")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        row = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.plan_button)
        left.addWidget(self.steps, 1)
        row.addLayout(left)
        row.addWidget(self.page_stack, 1)
        outer.addLayout(row, 1)
        self.saved = note(self.tr("Mọi thay đổi được ghi ngay vào tệp; không cần lưu."), colour="gray")
        outer.addWidget(self.saved)

        self.views = QStackedWidget()
        self.views.addWidget(self.welcome)
        self.views.addWidget(session_view)
        self.setCentralWidget(self.views)
        self._only_current_page_sizes(-1)  # no step shown yet: none of them widens the window at its start
        self._build_menus()
        self._update_steps()

    # --- menus ---

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Tệp"))
        menu.addAction(self._action(self.tr("&Mới…"), self.new_session, QKeySequence.StandardKey.New))
        menu.addAction(self._action(self.tr("M&ở…"), self.choose_file, QKeySequence.StandardKey.Open))
        self.recent_menu = menu.addMenu(self.tr("Mở &gần đây"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.copy_action = self._action(self.tr("&Lưu bản sao…"), self.save_copy, "Ctrl+Shift+S")
        menu.addAction(self.copy_action)
        self.close_action = self._action(self.tr("Đó&ng tệp"), self.close_file, QKeySequence.StandardKey.Close)
        menu.addAction(self.close_action)
        menu.addSeparator()
        menu.addAction(self._action(self.tr("&Tổng hợp kết quả (cấp trên)…"), self.show_consolidation))
        menu.addAction(self._action(self.tr("&Bàn tổng hợp của cấp trên…"), self.show_board))
        menu.addSeparator()
        menu.addAction(self._action(self.tr("T&hoát"), self.close, QKeySequence.StandardKey.Quit))
        view = self.menuBar().addMenu(self.tr("&Xem"))
        self.plan_action = self._action(self.tr("&Kế hoạch"), self.show_plan, "Ctrl+0")
        view.addAction(self.plan_action)
        self.step_actions = [self.plan_action]
        for step in Step:
            action = self._action(self._step_name(step), lambda _c=False, s=step: self.go_to(s), f"Ctrl+{step + 1}")
            view.addAction(action)
            self.step_actions.append(action)
        view.addSeparator()
        self.projector_action = self._action(self.tr("Màn hình &chiếu (hiện/ẩn)"), self.show_projector, "F5")
        self.projector_action.setCheckable(True)
        view.addAction(self.projector_action)
        self.full_screen_action = self._action(self.tr("Màn hình chiếu &toàn màn hình"), self.projector_full_screen,
                                               "F11")
        view.addAction(self.full_screen_action)
        help_menu = self.menuBar().addMenu(self.tr("T&rợ giúp"))
        help_menu.addAction(self._action(self.tr("&Phím nhập phiếu"), self.show_keys,
                                         QKeySequence.StandardKey.HelpContents))
        help_menu.addAction(self._action(self.tr("&Hướng dẫn sử dụng (PDF)…"), self.save_guide))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for path in files:
            self.recent_menu.addAction(path.name, lambda p=str(path): self.open_file(p))
        if not files:
            self.recent_menu.addAction(self.tr("(chưa có)")).setEnabled(False)

    # --- steps ---

    def _step_name(self, step: Step) -> str:
        return step.label

    def _update_steps(self) -> None:
        file = self.ctx.file
        has_file = file is not None
        self.views.setCurrentIndex(1 if has_file else 0)
        for index in range(self.views.count()):  # the welcome page or the session: only the shown one sizes the
            # window (the session's steps wider than a 1093-pixel screen at 125 % kept the welcome page as wide)
            policy = QSizePolicy.Policy.Preferred if index == self.views.currentIndex() else QSizePolicy.Policy.Ignored
            self.views.widget(index).setSizePolicy(policy, policy)
        self.views.updateGeometry()
        for action in self.step_actions + [self.copy_action, self.close_action, self.projector_action,
                                           self.full_screen_action]:
            action.setEnabled(has_file)
        if not has_file:
            self.setWindowTitle(self.tr("Lấy phiếu tín nhiệm"))
            return
        current = self.steps.currentRow()
        progress = file.progress()
        for step in Step:
            done = step_done(progress, step)
            item = self.steps.item(step)
            mark = "✓" if done else ("▶" if step == current else " ")
            item.setText(f"{mark}  {step + 1}. {self._step_name(step)}")
            font = item.font()
            font.setBold(step == current)
            item.setFont(font)
        s = file.session
        seal = self.tr("  —  ĐÃ NIÊM PHONG {fp}").format(fp=file.fingerprint) if file.locked else ""
        self.title.setText(f"{s.organization}: {s.title}{seal}")
        self.setWindowTitle(f"{file.path.name} — {self.tr('Lấy phiếu tín nhiệm')}")

    def _show_step(self, row: int) -> None:
        if row < 0:
            return
        self.page_stack.setCurrentIndex(row)
        self._only_current_page_sizes(row)
        self.plan_button.setChecked(False)
        self._update_steps()
        self.pages[row].focus_first()

    def _only_current_page_sizes(self, row: int) -> None:
        """The window's least size is the shown step's, never a hidden step's (whose layout may still hold the
        width of a long line from the file opened before): the window never grows past a 1366-pixel screen."""
        for index in range(self.page_stack.count()):  # the steps, and the plan view (its index past them)
            page = self.page_stack.widget(index)
            policy = QSizePolicy.Policy.Preferred if index == row else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.page_stack.updateGeometry()

    def go_to(self, step: Step) -> None:
        if self.ctx.file is None:
            return
        self.steps.setCurrentRow(int(step))
        self.pages[step].focus_first()

    def show_plan(self) -> None:
        """The plan view (Kế hoạch): what to do before and after the meeting."""
        if self.ctx.file is None:
            return
        self.steps.setCurrentRow(-1)
        self.page_stack.setCurrentWidget(self.plan_view)
        self._only_current_page_sizes(self.page_stack.currentIndex())
        self.plan_button.setChecked(True)
        self._update_steps()
        self.plan_view.focus_first()

    def current_step(self) -> Step:
        return Step(self.steps.currentRow())

    # --- files ---

    def open_file(self, path: str | Path) -> bool:
        current = self.ctx.file
        if current is not None and Path(path).resolve() == current.path.resolve():
            self.go_to(resume_step(current.progress()))  # already open here: opening it again would find it busy
            return True
        try:
            file = SessionFile.open(path)
        except (PhieuError, sqlite3.Error, OSError) as err:
            dialogs.error(self, open_failure(Path(path), err), title=self.tr("Không mở được tệp"))
            return False
        self._adopt(file)
        if not file.opening_report.ok:
            dialogs.error(self, self.tr("Tệp đã bị thay đổi ngoài chương trình; chỉ xem, không ghi được:\n{problems}")
                          .format(problems="\n".join(file.opening_report.problems)),
                          title=self.tr("Tệp không còn nguyên vẹn"))
        return True

    def _adopt(self, file) -> None:
        size = self.size()
        self._only_current_page_sizes(-1)  # while the pages fill with the new file, none of them widens the window
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(-1)
        self.steps.blockSignals(False)
        self.ctx.set_file(file)
        remember(file.path)
        self._update_steps()
        self.go_to(resume_step(file.progress()))
        self.resize(size)  # the size the user had (never less than the shown step needs)

    def choose_file(self) -> None:
        path = dialogs.open_path(self, self.tr("Mở tệp phiên"), str(start_folder(self.ctx.file)), self.tr(PATTERN))
        if path:
            self.open_file(path)

    def close_file(self) -> None:
        if self.projector is not None:
            self.projector.hide()
        self.ctx.close()
        self._update_steps()

    def new_session(self) -> None:
        wizard = load_wizard()(self)
        while wizard.exec():  # no file chosen, or it could not be written: back to the wizard, everything kept
            session = wizard.result_session()
            path = dialogs.save_path(self, self.tr("Lưu tệp phiên mới"),
                                     str(new_session_path(session, self.ctx.file)), self.tr(PATTERN))
            if not path:
                continue
            path = Path(path) if Path(path).suffix == ".phieu" else Path(path).with_suffix(".phieu")
            file = self.ctx.act(self, SessionFile.create, path, session)
            if file is not FAILED:
                self._adopt(file)
                self.go_to(Step.PREPARE)  # where the ballots are printed, the next thing to do
                return

    def edit_session(self) -> None:
        file = self.ctx.file
        if file is None:
            return
        wizard = load_wizard()(self, file.session, session_file=file)
        if wizard.exec():
            self.ctx.act(self, file.update_session, wizard.result_session())

    def save_copy(self) -> None:
        file = self.ctx.file
        if file is None:
            return
        suggested = file.path.with_name(f"{file.path.stem}-ban-sao.phieu")
        path = dialogs.save_path(self, self.tr("Lưu bản sao"), str(suggested), self.tr(PATTERN))
        if path and self.ctx.act(self, file.backup_to, path) is not FAILED:
            dialogs.info(self, self.tr("Lưu bản sao"), self.tr("Đã lưu bản sao vào {path}.").format(path=path))

    # --- help ---

    def show_keys(self) -> None:
        from ..domain.entry import legend
        from ..domain.regime import Regime

        regime = self.ctx.file.session.regime if self.ctx.file else Regime.QD96
        rows = list(legend(regime)) + [("", ""), ("Ctrl+1 … Ctrl+5", self.tr("Chuyển bước")),
                                       ("F5", self.tr("Hiện/ẩn màn hình chiếu")),
                                       ("F11", self.tr("Màn hình chiếu toàn màn hình")), ("F1",
                                                                                          self.tr("Bảng phím này"))]
        dialogs.info_table(self, self.tr("Phím nhập phiếu"), rows)

    def save_guide(self) -> None:
        from ..documents.guide import guide_pdf
        from ..files import write_new

        path = dialogs.save_path(self, self.tr("Hướng dẫn sử dụng"), str(start_folder(self.ctx.file) / "huong-dan.pdf"),
                                 "PDF (*.pdf)")
        if path and self.ctx.act(self, lambda: write_new(Path(path), guide_pdf()[0])) is not FAILED:
            dialogs.info(self, self.tr("Hướng dẫn sử dụng"), self.tr("Đã ghi tệp {path}.").format(path=path))

    # --- projector ---

    def show_board(self) -> None:
        """The higher level's desk (issue 22): the board file with its roster, deadline and report."""
        from .board import BoardWindow

        if getattr(self, "board_window", None) is None:
            self.board_window = BoardWindow()
            self.board_window.destroyed.connect(lambda *_: setattr(self, "board_window", None))
            self.board_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.board_window.show()
        self.board_window.raise_()
        self.board_window.activateWindow()

    def show_consolidation(self) -> None:
        """The higher level's window: decrypt, verify and consolidate the units' files (no session needed)."""
        from .consolidation import ConsolidationWindow

        if self.consolidation is None:
            self.consolidation = ConsolidationWindow()
            self.consolidation.destroyed.connect(lambda *_: setattr(self, "consolidation", None))
            self.consolidation.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.consolidation.show()
        self.consolidation.raise_()
        self.consolidation.activateWindow()

    def show_projector(self) -> None:
        """F5: show the projector window, or hide it when shown; the keyboard stays here either way."""
        if self.ctx.file is None:
            return
        if self.projector is not None and self.projector.isVisible():
            self.projector.hide()
            self.projector_action.setChecked(False)
            return
        if self.projector is None:
            self.projector = ProjectorWindow(self.ctx)
        focus = QApplication.focusWidget()
        self.projector.key = self.entry.stack.key()
        # one screen (a projector mirroring it): in front of this window, else it would open behind it unseen
        self.projector.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, len(QApplication.screens()) < 2)
        self.projector.show()  # without activating: it does not accept focus
        self.projector.raise_()
        self.projector_action.setChecked(True)
        self.activateWindow()
        if focus is not None:
            focus.setFocus()

    def projector_full_screen(self) -> None:
        """F11: the projector window fills its screen, or goes back to a window (it never takes the keyboard)."""
        if self.projector is not None and self.projector.isVisible():
            self.projector.toggle_full_screen()
            self.activateWindow()

    def _follow_paper(self, key: str) -> None:
        if self.projector is not None:
            self.projector.show_paper(key)

    def draft_in_progress(self) -> bool:
        """A ballot typed but not yet committed with Enter, on the entry or the verification step."""
        for stack in (self.entry.stack, self.verification.stack):
            model = stack.grid.model()
            if model is not None and not model.draft.empty:
                return True
        return False

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.ctx.file is not None and self.draft_in_progress() and not dialogs.confirm(
                self, self.tr("Thoát"), self.tr("Có một phiếu đang nhập dở, chưa ghi (chưa nhấn Enter). Thoát thì "
                                               "phiếu đó phải nhập lại; mọi phiếu đã ghi vẫn an toàn."),
                yes=self.tr("&Thoát"), no=self.tr("Ở &lại")):
            event.ignore()
            return
        if self.projector is not None:
            self.projector.close()
        self.ctx.close()
        super().closeEvent(event)

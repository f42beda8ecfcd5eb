"""Step 3, Nhập phiếu: every paper ballot by key presses; corrections and removals with a reason."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.entry import key_names, marks_text, typed_to_marks
from ...domain.errors import PhieuError
from ...domain.i18n import _
from ...domain.progress import papers_to_enter
from .. import dialogs
from ..context import FAILED
from ..messages import explain
from ..models.stack_models import CommittedModel
from .base import StepPage, heading, note
from .stack import StackEntry


def choose_and_scan(step, second: bool) -> None:
    """Ask for the scanned pages, then let a person confirm every ballot read (the entry or the verification step)."""
    from ..file_choice import open_files  # the Vietnamese file dialog, like every other file choice
    from ..scan_dialog import ScanDialog

    names = open_files(step, _("Chọn các trang đã quét"), _("Ảnh quét (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"),
                       str(step.file.path.parent))
    if not names:
        return
    dialog = step.ctx.act(step, ScanDialog, step.ctx, step.stack.key(), [Path(name) for name in names], step, second)
    if dialog is not FAILED:
        dialog.exec()
    step.refresh()


def entry_finished(file, key: str) -> str:
    """Success, in green, once every returned ballot of this paper is in: and what comes next."""
    s = file.session
    paper = s.paper(key)
    text = _("✓ Đã nhập đủ {n}/{n} phiếu “{title}”.").format(n=paper.returned, title=paper.title)
    waiting = papers_to_enter(file.progress())
    if waiting:
        return text + " " + _("Tiếp theo: phiếu “{title}” (chọn ở ô Loại phiếu).").format(title=waiting[0].title)
    return text + " " + _("Bước tiếp theo: Kiểm tra lại (Ctrl+4), một người khác nhập lại cùng tập phiếu; hoặc "
                          "Khóa kết quả (Ctrl+5).")


def attempt(operation, *args) -> str | None:
    """Run one store operation; None when done, else the Vietnamese sentence of its refusal (for a dialog)."""
    try:
        operation(*args)
    except (PhieuError, OSError, sqlite3.Error) as err:
        return explain(err)
    return None


class EntryStep(StepPage):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(heading(self.tr("Nhập phiếu")))
        self.stack = StackEntry(
            ctx, commit=lambda key, marks: self.file.add_ballot(key, marks), count=lambda key: self.file.entered(key),
            total=lambda key: self.file.session.paper(key).returned,
            counter_text=lambda n, total: self.tr("Phiếu {n} / {total}").format(n=n, total=total),
            blocker=lambda key: self.file.entry_blocker(key), finished=lambda key: entry_finished(self.file, key))
        self.stack.committed.connect(lambda _n: self._refresh_list())
        self.stack.paper_changed.connect(lambda _k: self._refresh_list())
        left.addWidget(self.stack, 1)
        layout.addLayout(left, 1)
        side = QWidget()
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(heading(self.tr("Phiếu đã ghi"), 12))
        self.list = QTableView()
        self.list.setObjectName("committed")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.setWordWrap(True)
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.committed_model: CommittedModel | None = None
        right.addWidget(self.list, 1)
        self.hint = note(self.tr("Chọn một phiếu trong danh sách (mặc định: phiếu vừa ghi)."))
        right.addWidget(self.hint)
        self.correct = QPushButton(self.tr("&Sửa phiếu…"))
        self.correct.setObjectName("correct")
        self.correct.clicked.connect(self.correct_ballot)
        right.addWidget(self.correct)
        self.remove = QPushButton(self.tr("&Hủy phiếu…"))
        self.remove.setObjectName("remove")
        self.remove.clicked.connect(self.remove_ballot)
        right.addWidget(self.remove)
        self.scan = QPushButton(self.tr("&Quét phiếu…"))
        self.scan.setObjectName("scan")
        self.scan.setToolTip(self.tr("Đọc các phiếu đã quét (máy quét hoặc ảnh chụp) rồi xác nhận từng phiếu"))
        self.scan.clicked.connect(self.choose_scans)
        right.addWidget(self.scan)
        self.not_issued = QPushButton(self.tr("&Không do BKP phát ra (−)"))
        self.not_issued.setObjectName("notIssued")
        self.not_issued.clicked.connect(self.stack.not_issued)
        right.addWidget(self.not_issued)
        # as wide as its widest button (“Không do BKP phát ra (−)”), not more: the grid beside it needs the room at
        # 125 % on a 1366×768 laptop (a ballot not issued by the committee takes two lines of the list)
        side.setMaximumWidth(max(button.sizeHint().width() for button in (self.correct, self.remove, self.scan,
                                                                          self.not_issued)))
        layout.addWidget(side)

    def refresh(self) -> None:
        self.stack.refresh()
        self._refresh_list()

    def _refresh_list(self) -> None:
        file, key = self.file, self.stack.key()
        if file is None or key is None:
            return
        if self.committed_model is None or self.committed_model.regime is not file.session.regime:
            self.committed_model = CommittedModel(file.session.regime, self.list)
            self.list.setModel(self.committed_model)
        self.committed_model.set_rows(file.ballots(key))
        self.list.scrollToBottom()
        writable = not file.locked
        has = bool(self.committed_model.rows)
        self.correct.setEnabled(writable and has)
        self.remove.setEnabled(writable and has)
        self.not_issued.setEnabled(self.stack.grid.accepting)
        self.scan.setEnabled(self.stack.grid.accepting)

    def _chosen(self) -> tuple[int, str] | None:
        model = self.committed_model
        if model is None or not model.rows:
            return None
        rows = self.list.selectionModel().selectedRows()
        return model.rows[rows[0].row()] if rows else model.rows[-1]

    def correct_ballot(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        number, marks = chosen
        file, key = self.file, self.stack.key()
        regime = file.session.regime
        corrected: list[str] = []

        def correct(values: list[str]) -> str | None:  # refused: said in the dialog, which stays open
            new = typed_to_marks(values[0], regime)
            problem = attempt(file.correct_ballot, key, number, new, values[1])
            if problem is None:
                corrected.append(new)
            return problem

        values = dialogs.ask_fields(
            self, self.tr("Sửa phiếu số {n}").format(n=number),
            self.tr("Gõ lại nội dung phiếu số {n} ({keys}, hoặc “-” nếu phiếu không do BKP phát ra) và ghi lý do "
                    "sửa.").format(n=number, keys=key_names(regime)),
            [(self.tr("Nội dung:"), marks_text(marks)), (self.tr("Lý do:"), "")], ok=self.tr("Sửa phiếu"),
            check=correct, cancel=self.tr("Đóng"))
        if values is not None and corrected:
            self.stack.grid.ballot().reread(number, corrected[-1])  # "Phiếu vừa ghi" shows what is kept
        self.ctx.changed.emit()
        self.refresh()

    def remove_ballot(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        number = chosen[0]
        file, key = self.file, self.stack.key()
        reason = dialogs.ask_reason(
            self, self.tr("Hủy phiếu số {n}").format(n=number),
            self.tr("Phiếu số {n} sẽ bị hủy khỏi kết quả (nhật ký vẫn ghi lại). Ghi lý do hủy.").format(n=number),
            ok=self.tr("Hủy phiếu"), cancel=self.tr("Đóng"),
            check=lambda values: attempt(file.remove_ballot, key, number, values[0]))
        if reason is not None:
            self.stack.grid.ballot().reread(number, None)
        self.ctx.changed.emit()
        self.refresh()

    def choose_scans(self) -> None:
        choose_and_scan(self, second=False)

    def focus_first(self) -> None:
        self.stack.focus_grid()

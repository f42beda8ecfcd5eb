"""Step 2, Điểm danh: present, present at the vote, the quorum, ballots issued and returned per paper."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ...domain.progress import attendance_done, resume_step
from ...domain.session import absent, attendance_problems, count_problems, quorum_met, quorum_shortfall
from ..context import FAILED
from .base import BAD_COLOUR, OK_COLOUR, StepPage, heading, note


def _number(edit: QLineEdit) -> int | None:
    text = edit.text().strip()
    return int(text) if text.isdigit() else None


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


class AttendanceStep(StepPage):
    recorded = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self._loaded_for = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Điểm danh và số phiếu")))
        people = QGroupBox(self.tr("Số người"))
        form = QFormLayout(people)
        self.summoned = QLabel()
        form.addRow(self.tr("Được triệu tập:"), self.summoned)
        self.present = self._edit("present")
        form.addRow(self.tr("Có &mặt:"), self.present)
        self.at_vote = self._edit("presentAtVote")
        form.addRow(self.tr("Có mặt khi &bỏ phiếu:"), self.at_vote)
        self.absent = QLabel()
        self.absent.setObjectName("absent")
        form.addRow(self.tr("Vắng mặt:"), self.absent)
        layout.addWidget(people)
        self.quorum = note(size=15, bold=True)
        self.quorum.setObjectName("quorum")
        layout.addWidget(self.quorum)
        self.papers_box = QGroupBox(self.tr("Số phiếu theo từng loại phiếu"))
        self.papers_grid = QGridLayout(self.papers_box)
        layout.addWidget(self.papers_box)
        self.problems = note(colour=BAD_COLOUR)
        self.problems.setObjectName("problems")
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.record = QPushButton(self.tr("Ghi &nhận (Enter)"))
        self.record.setObjectName("record")
        self.record.clicked.connect(self.save)
        buttons.addWidget(self.record)
        self.status = note()
        buttons.addWidget(self.status, 1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.counts: dict[str, tuple[QLineEdit, QLineEdit]] = {}

    def _edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setValidator(QIntValidator(0, 99999, edit))
        edit.setMaximumWidth(140)
        edit.textChanged.connect(self.check)
        edit.returnPressed.connect(self.save)
        return edit

    def _build_papers(self) -> None:
        while self.papers_grid.count():
            item = self.papers_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.counts = {}
        self.papers_grid.addWidget(QLabel(self.tr("<b>Loại phiếu</b>")), 0, 0)
        self.papers_grid.addWidget(QLabel(self.tr("<b>Phát ra</b>")), 0, 1)
        self.papers_grid.addWidget(QLabel(self.tr("<b>Thu về</b>")), 0, 2)
        previous = self.at_vote
        for row, paper in enumerate(self.file.session.papers, start=1):
            self.papers_grid.addWidget(QLabel(paper.title), row, 0)
            issued, returned = self._edit(f"issued:{paper.key}"), self._edit(f"returned:{paper.key}")
            self.papers_grid.addWidget(issued, row, 1)
            self.papers_grid.addWidget(returned, row, 2)
            self.setTabOrder(previous, issued)
            self.setTabOrder(issued, returned)
            previous = returned
            self.counts[paper.key] = (issued, returned)
        self.setTabOrder(previous, self.record)

    def refresh(self) -> None:
        file = self.file
        s = file.session
        if self._loaded_for is not file:
            self._loaded_for = file
            self._build_papers()
            self.present.setText(_text(s.present))
            self.at_vote.setText(_text(s.present_at_vote))
            for paper in s.papers:
                issued, returned = self.counts[paper.key]
                issued.setText(_text(paper.issued))
                returned.setText(_text(paper.returned))
        self.summoned.setText(str(s.summoned))
        editable = not file.locked
        for edit in [self.present, self.at_vote] + [e for pair in self.counts.values() for e in pair]:
            edit.setReadOnly(not editable)
        self.record.setEnabled(editable)
        self.check()

    def check(self) -> None:
        """Check the figures as they are typed; the quorum indicator says how many more are needed."""
        if self.file is None or not self.counts:
            return
        s = self.file.session
        present, at_vote = _number(self.present), _number(self.at_vote)
        if present is None:
            self.quorum.setText(self.tr("Nhập số người có mặt (cần ít nhất {n} người để đủ 2/3).").format(
                n=quorum_shortfall(s.summoned, 0)))
            self.quorum.setStyleSheet("")
        elif quorum_met(s.summoned, present):
            self.quorum.setText(self.tr("✓ Đủ 2/3: có mặt {present}/{summoned} người.").format(
                present=present, summoned=s.summoned))
            self.quorum.setStyleSheet(f"color: {OK_COLOUR};")
        else:
            self.quorum.setText(self.tr("✗ Chưa đủ 2/3: có mặt {present}/{summoned}, cần thêm {missing} người. "
                                        "Chưa được bỏ phiếu.").format(present=present, summoned=s.summoned,
                                                                       missing=quorum_shortfall(s.summoned, present)))
            self.quorum.setStyleSheet(f"color: {BAD_COLOUR};")
        missing = absent(s.summoned, present)
        self.absent.setText("" if missing is None else str(missing))
        problems = attendance_problems(s.summoned, present, at_vote)
        for paper in s.papers:
            issued, returned = (_number(e) for e in self.counts[paper.key])
            problems += count_problems(paper, issued, returned, at_vote)
        self.problems.setText("\n".join(problems))
        self.record.setEnabled(not problems and not self.file.locked)
        self.status.setText("")

    def save(self) -> None:
        """Record what changed: attendance first, then each paper's counts (each one transaction)."""
        file = self.file
        if file is None or file.locked or not self.record.isEnabled():
            return
        s = file.session
        present, at_vote = _number(self.present), _number(self.at_vote)
        if present is None or at_vote is None:
            self.status.setText(self.tr("Hãy nhập đủ số người có mặt và có mặt khi bỏ phiếu."))
            return
        if (present, at_vote) != (s.present, s.present_at_vote):
            if self.ctx.act(self, file.record_attendance, present, at_vote) is FAILED:
                return
        for paper in file.session.papers:
            issued, returned = (_number(e) for e in self.counts[paper.key])
            if issued is None or returned is None or (issued, returned) == (paper.issued, paper.returned):
                continue
            if self.ctx.act(self, file.record_counts, paper.key, issued, returned) is FAILED:
                return
        self.check()
        if attendance_done(file.session):
            step = resume_step(file.progress())  # entry may be complete already: name what is really next
            self.status.setText(self.tr("Đã ghi nhận. Bước tiếp theo: {step} (Ctrl+{n}).").format(
                step=step.label, n=int(step) + 1))
        else:
            self.status.setText(self.tr("Đã ghi nhận."))
        self.recorded.emit()

    def focus_first(self) -> None:
        self.present.setFocus()
        self.present.selectAll()

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
from ...domain.session import (
    attendance_breakdown,
    attendance_problems,
    count_problems,
    quorum_met,
    quorum_shortfall,
)
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
        # voter groups (a session whose papers have different voters): each group's own attendance and 2/3
        self.groups_box = QGroupBox(self.tr("Số người theo từng thành phần ghi phiếu"))
        self.groups_grid = QGridLayout(self.groups_box)
        layout.addWidget(self.groups_box)
        self.group_edits: dict[str, tuple[QLineEdit, QLineEdit, QLabel]] = {}
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
        self._build_groups()

    def _build_groups(self) -> None:
        while self.groups_grid.count():
            item = self.groups_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.group_edits = {}
        groups = self.file.session.groups
        self.groups_box.setVisible(bool(groups))
        for column, title in enumerate((self.tr("<b>Thành phần</b>"), self.tr("<b>Triệu tập</b>"),
                                        self.tr("<b>Có mặt</b>"), self.tr("<b>Khi bỏ phiếu</b>"), "")):
            self.groups_grid.addWidget(QLabel(title), 0, column)
        for row, group in enumerate(groups, start=1):
            name = QLabel(group.name)
            name.setWordWrap(True)
            self.groups_grid.addWidget(name, row, 0)
            self.groups_grid.addWidget(QLabel(str(group.summoned)), row, 1)
            present, at_vote = self._edit(f"present:{group.key}"), self._edit(f"presentAtVote:{group.key}")
            present.setText(_text(group.present))
            at_vote.setText(_text(group.present_at_vote))
            state = QLabel()
            state.setObjectName(f"quorum:{group.key}")
            state.setWordWrap(True)
            self.groups_grid.addWidget(present, row, 2)
            self.groups_grid.addWidget(at_vote, row, 3)
            self.groups_grid.addWidget(state, row, 4)
            self.group_edits[group.key] = (present, at_vote, state)

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
        group_edits = [e for present, at_vote, _state in self.group_edits.values() for e in (present, at_vote)]
        for edit in [self.present, self.at_vote] + [e for pair in self.counts.values() for e in pair] + group_edits:
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
        self.absent.setText(self._absent_text(s.summoned, present, at_vote))
        problems = attendance_problems(s.summoned, present, at_vote)
        at_vote_of = {"": at_vote}
        for group in s.groups:
            g_present, g_at_vote, state = self.group_edits[group.key]
            g_present, g_at_vote = _number(g_present), _number(g_at_vote)
            at_vote_of[group.key] = g_at_vote
            problems += [self.tr("Thành phần “{name}”: {problem}").format(name=group.name, problem=problem)
                         for problem in attendance_problems(group.summoned, g_present, g_at_vote)]
            met = g_present is not None and quorum_met(group.summoned, g_present)
            text = self._absent_text(group.summoned, g_present, g_at_vote)
            state.setText(("✓ " + self.tr("Đủ 2/3") if met else "✗ " + self.tr("Chưa đủ 2/3")) +
                          (f" · {text}" if text else ""))
            state.setStyleSheet(f"color: {OK_COLOUR if met else BAD_COLOUR};")
        for paper in s.papers:
            issued, returned = (_number(e) for e in self.counts[paper.key])
            problems += count_problems(paper, issued, returned, at_vote_of.get(paper.group, at_vote))
        self.problems.setText("\n".join(problems))
        self.record.setEnabled(not problems and not self.file.locked)
        self.status.setText("")

    def _absent_text(self, summoned: int, present: int | None, at_vote: int | None) -> str:
        """The absent broken down as the minutes print them (`domain.session.attendance_breakdown`)."""
        figures = attendance_breakdown(summoned, present, at_vote)
        if figures is None:
            return ""
        text = self.tr("vắng mặt từ đầu hội nghị {n}").format(n=figures.absent_from_start)
        if figures.absent_at_vote is not None:
            text += self.tr("; rời hội nghị trước khi bỏ phiếu {left}; vắng mặt khi bỏ phiếu {absent}").format(
                left=figures.left_before_vote, absent=figures.absent_at_vote)
        return text

    def save(self) -> None:
        """Record what changed: attendance first, then each paper's counts (each one transaction)."""
        file = self.file
        if file is None or file.locked or not self.record.isEnabled():
            return
        s = file.session
        present, at_vote = _number(self.present), _number(self.at_vote)
        if (present is None or at_vote is None) and not (s.groups and present is None and at_vote is None):
            self.status.setText(self.tr("Hãy nhập đủ số người có mặt và có mặt khi bỏ phiếu."))
            return
        if present is not None and (present, at_vote) != (s.present, s.present_at_vote):
            if self.ctx.act(self, file.record_attendance, present, at_vote) is FAILED:
                return
        for group in s.groups:  # each voter group's own attendance, before the counts that depend on it
            g_present, g_at_vote = (_number(e) for e in self.group_edits[group.key][:2])
            if g_present is None or g_at_vote is None or (g_present, g_at_vote) == (group.present,
                                                                                   group.present_at_vote):
                continue
            if self.ctx.act(self, file.record_group_attendance, group.key, g_present, g_at_vote) is FAILED:
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

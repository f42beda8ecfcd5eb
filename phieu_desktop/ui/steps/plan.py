"""Kế hoạch: the plan before the five steps — the milestones computed back from the meeting date, what to do next,
the dossier of each person (Phụ lục 1) with the voters' questions, and who the results are published to.

Presentation only: every figure comes from `documents.planning.session_plan` (what `phieu plan` prints), every
edit is one of its functions, run through `SessionContext.act`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import PhieuError
from ...domain.session import supervisor_from_values
from .. import dialogs
from ..context import FAILED
from ..models.plan_models import RowsModel, dossier_rows, milestone_rows, short
from .base import BAD_COLOUR, OK_COLOUR, StepPage, heading, note


def _planning():
    from ...documents import planning  # the plan's functions; no reportlab behind them

    return planning


def _table(model: RowsModel, *stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:  # long texts share the width and wrap
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view


def _selected(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None


class PlanStep(StepPage):
    """The plan view; `today` can be set (tests, screenshots), otherwise the computer's date."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.today: date | None = None
        self.plan = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Kế hoạch")))
        self.summary = note(size=12)
        self.summary.setObjectName("planSummary")
        layout.addWidget(self.summary)
        self.next = note(size=12, bold=True)
        self.next.setObjectName("planNext")
        layout.addWidget(self.next)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        self.milestones = RowsModel([self.tr("Hạn"), self.tr("Việc"), self.tr("Trạng thái"), self.tr("Đã xong"),
                                     self.tr("Căn cứ")], self)
        self.milestone_view = _table(self.milestones, 1, 4)
        self.milestone_view.setObjectName("planMilestones")
        self._tab(self.tr("Các mốc thời gian"), [(self.milestone_view, 1)],
                  ((self.tr("&Ghi đã xong…"), self.mark_done), (self.tr("&Bỏ ghi đã xong"), self.mark_undone),
                   (self.tr("&Sửa hạn…"), self.edit_due), (self.tr("Hạn &mặc định"), self.default_due)))

        self.dossiers = RowsModel([self.tr("Người được lấy phiếu"), self.tr("Mã"), self.tr("1. Báo cáo"),
                                   self.tr("2. Kê khai tài sản"), self.tr("3. Giải trình"), self.tr("Câu hỏi"),
                                   self.tr("Giải trình bổ sung")], self)
        self.dossier_view = _table(self.dossiers, 0)
        self.dossier_view.setObjectName("planDossiers")
        self.gaps = note(colour=BAD_COLOUR)
        self.gaps.setObjectName("planGaps")
        self._tab(self.tr("Hồ sơ (Phụ lục 1)"), [(self.dossier_view, 1), (self.gaps, 0)],
                  ((self.tr("Đã nhận tài &liệu…"), self.receive_item),
                   (self.tr("Thêm &câu hỏi…"), self.add_question),
                   (self.tr("Đã c&huyển câu hỏi…"), self.send_question),
                   (self.tr("Đã nhận giải trì&nh…"), self.receive_explanation)))

        self.supervisors = RowsModel([self.tr("Họ và tên"), self.tr("Chức vụ"), self.tr("Cơ quan cử")], self)
        self.supervisor_view = _table(self.supervisors, 0, 1, 2)
        self.supervisor_view.setObjectName("planSupervisors")
        self._tab(self.tr("Giám sát"),
                  [(note(self.tr("Thành phần đại diện cấp trên dự, giám sát (in trên biên bản kiểm phiếu, trong "
                                 "số người có mặt):")), 0), (self.supervisor_view, 1)],
                  ((self.tr("Thêm người giám &sát…"), self.add_supervisor),
                   (self.tr("&Bỏ người giám sát"), self.remove_supervisor),
                   (self.tr("In văn bản đề &nghị cử đại diện…"), lambda: self.print_document("supervisors-letter"))))

        self.scope_boxes: dict[str, QCheckBox] = {}
        planning = _planning()
        for key in ("voters", "authority", "person", "media"):
            box = QCheckBox(planning.scope_label(key))
            box.clicked.connect(self.save_scopes)
            self.scope_boxes[key] = box
        self.sent_up = note(size=12, bold=True)
        self.sent_up.setObjectName("planSentUp")
        column = self._tab(self.tr("Công bố kết quả"),
                           [(note(self.tr("Kết quả được công bố đến (Kế hoạch 240/KH-UBND, mục C.V):")), 0),
                            *((box, 0) for box in self.scope_boxes.values()), (self.sent_up, 0)],
                           ((self.tr("In báo cáo sơ &kết…"), lambda: self.print_document("process-report")),
                            (self.tr("In thông &báo kết quả…"), lambda: self.print_document("announcement"))))
        column.addStretch(1)

    def _tab(self, title: str, widgets: list[tuple[QWidget, int]], buttons) -> QVBoxLayout:
        """A tab of the plan: its widgets from the top (each with its stretch), then a row of buttons (text, slot)."""
        page = QWidget()
        column = QVBoxLayout(page)
        for widget, stretch in widgets:
            column.addWidget(widget, stretch)
        row = QHBoxLayout()
        for text, slot in buttons:
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        self.tabs.addTab(page, title)
        return column

    # --- showing ---

    def refresh(self) -> None:
        if self.file is None:
            return
        try:
            p = self.plan = _planning().session_plan(self.file, self.today)
        except PhieuError as err:  # a file changed behind the program's back: said, not shown as a plan
            self.plan = None
            self.summary.setText(str(err))
            self.next.setText("")
            return
        self.summary.setText(self.tr("Ngày họp {meeting} — hôm nay {today}. Các hạn tính lùi từ ngày họp; sửa được "
                                     "từng hạn, mỗi hạn ghi rõ căn cứ.").format(meeting=short(p.session.date),
                                                                               today=short(p.today)))
        steps = p.next_steps
        if steps:
            first = steps[0]
            self.next.setText(self.tr("Việc cần làm tiếp: {what} — {status}, hạn {due}.").format(
                what=first.text, status=first.status.label.lower(), due=short(first.due)))
            self.next.setStyleSheet(f"color: {BAD_COLOUR};" if first.status.value == "late" else "")
        else:
            self.next.setText(self.tr("Mọi việc trong kế hoạch đã xong."))
            self.next.setStyleSheet(f"color: {OK_COLOUR};")
        kept = [_selected(view) for view in (self.milestone_view, self.dossier_view)]
        self.milestones.set_rows(*milestone_rows(p.milestones))
        self.dossiers.set_rows(dossier_rows(p.persons(), p.facts))
        for view, row in zip((self.milestone_view, self.dossier_view), kept):
            if row is not None and row < view.model().rowCount():
                view.selectRow(row)  # an edit keeps the row it was made on
        self.gaps.setText("\n".join(self.tr("Còn thiếu — {name}: {what}").format(name=g.name, what=g.what)
                                    for g in p.gaps[:8]) + (self.tr("\n… và {n} mục khác").format(n=len(p.gaps) - 8)
                                                            if len(p.gaps) > 8 else ""))
        self.supervisors.set_rows([[x.name, x.position, x.body] for x in p.session.supervisors])
        for key, box in self.scope_boxes.items():
            box.setChecked(key in p.scopes)
        send_up = p.milestone("send_up")
        if p.sent_up is not None:
            self.sent_up.setText(self.tr("Đã gửi kết quả lên cấp trên ngày {day}.").format(day=short(p.sent_up)))
        elif send_up is not None:
            self.sent_up.setText(self.tr("Chưa gửi kết quả lên cấp trên: hạn {day}.").format(day=short(send_up.due)))

    # --- editing: each one function of documents.planning ---

    def _milestone(self):
        rows = self.milestone_view.selectionModel().selectedRows()
        if not rows or self.plan is None:
            dialogs.error(self, self.tr("Hãy chọn một mốc trong bảng."))
            return None
        return self.plan.milestones[rows[0].row()]

    def _person(self) -> str | None:
        rows = self.dossier_view.selectionModel().selectedRows()
        if not rows or self.plan is None:
            dialogs.error(self, self.tr("Hãy chọn một người trong bảng."))
            return None
        return self.plan.persons()[rows[0].row()][0]

    def _ask_day(self, title: str, prompt: str, default: date | None = None) -> date | None:
        values = dialogs.ask_fields(self, title, prompt, [(self.tr("Ngày (dd/mm/yyyy):"),
                                                           short(default or self.plan.today))], self.tr("Ghi"))
        if values is None:
            return None
        try:
            return _planning().parse_day(values[0], self.tr("Ngày"))
        except PhieuError as err:
            dialogs.error(self, str(err))
            return None

    def mark_done(self) -> None:
        milestone = self._milestone()
        if milestone is None:
            return
        day = self._ask_day(self.tr("Ghi đã xong"), milestone.text)
        if day is not None:
            self.ctx.act(self, _planning().set_done, self.file, milestone.key, day)

    def mark_undone(self) -> None:
        milestone = self._milestone()
        if milestone is not None:
            self.ctx.act(self, _planning().set_done, self.file, milestone.key, None)

    def edit_due(self) -> None:
        milestone = self._milestone()
        if milestone is None:
            return
        day = self._ask_day(self.tr("Sửa hạn"), milestone.text, milestone.due)
        if day is not None:
            self.ctx.act(self, _planning().set_due, self.file, milestone.key, day)

    def default_due(self) -> None:
        milestone = self._milestone()
        if milestone is not None:
            self.ctx.act(self, _planning().set_due, self.file, milestone.key, None)

    def receive_item(self) -> None:
        person = self._person()
        if person is None:
            return
        values = dialogs.ask_fields(self, self.tr("Đã nhận tài liệu"), self.tr("Tài liệu số 1, 2 hoặc 3 (Phụ lục 1) "
                                                                                "và ngày nhận."),
                                    [(self.tr("Tài liệu số:"), "1"), (self.tr("Ngày (dd/mm/yyyy):"),
                                                                      short(self.plan.today))], self.tr("Ghi"))
        if values is None:
            return
        planning = _planning()
        try:
            item = int(values[0].strip())
            day = planning.parse_day(values[1], self.tr("Ngày"))
        except ValueError:
            dialogs.error(self, self.tr("Tài liệu của hồ sơ là số 1, 2 hoặc 3 (Phụ lục 1)."))
            return
        except PhieuError as err:
            dialogs.error(self, str(err))
            return
        self.ctx.act(self, planning.set_received, self.file, person, item, day)

    def add_question(self) -> None:
        person = self._person()
        if person is None:
            return
        values = dialogs.ask_fields(self, self.tr("Câu hỏi của người ghi phiếu"),
                                    self.tr("Câu hỏi bằng văn bản gửi người được lấy phiếu."),
                                    [(self.tr("Người hỏi:"), ""), (self.tr("Ngày nhận (dd/mm/yyyy):"),
                                                                   short(self.plan.today))], self.tr("Ghi"))
        if values is None:
            return
        planning = _planning()
        try:
            day = planning.parse_day(values[1], self.tr("Ngày nhận"))
        except PhieuError as err:
            dialogs.error(self, str(err))
            return
        self.ctx.act(self, planning.add_question, self.file, person, values[0], day)

    def send_question(self) -> None:
        person = self._person()
        if person is None:
            return
        waiting = [q for q in self.plan.facts.questions.values() if q.person == person and q.sent is None]
        if not waiting:
            dialogs.error(self, self.tr("Người này không có câu hỏi nào chờ chuyển."))
            return
        day = self._ask_day(self.tr("Đã chuyển câu hỏi"), self.tr("Ngày chuyển câu hỏi đến người được lấy phiếu."))
        if day is None:
            return
        for question in waiting:
            if not self.ctx.act(self, _planning().question_sent, self.file, question.number, day):
                return

    def receive_explanation(self) -> None:
        person = self._person()
        if person is None:
            return
        day = self._ask_day(self.tr("Đã nhận giải trình"), self.tr("Ngày nhận báo cáo giải trình bổ sung."))
        if day is not None:
            self.ctx.act(self, _planning().set_explanation, self.file, person, day)

    def save_scopes(self) -> None:
        chosen = [key for key, box in self.scope_boxes.items() if box.isChecked()]
        self.ctx.act(self, _planning().set_scopes, self.file, chosen)

    def add_supervisor(self) -> None:
        values = dialogs.ask_fields(self, self.tr("Thêm người giám sát"),
                                    self.tr("Đại diện cấp trên dự, giám sát hội nghị."),
                                    [(self.tr("Họ và tên:"), ""), (self.tr("Chức vụ:"), ""),
                                     (self.tr("Cơ quan cử:"), self.tr("Ủy ban Kiểm tra"))], self.tr("Thêm"))
        if values is None:
            return
        session = self.file.session
        added = replace(session, supervisors=session.supervisors + (supervisor_from_values(*values),))
        self.ctx.act(self, self.file.update_session, added)

    def remove_supervisor(self) -> None:
        row = _selected(self.supervisor_view)
        if row is None:
            dialogs.error(self, self.tr("Hãy chọn một người trong bảng."))
            return
        session = self.file.session
        kept = session.supervisors[:row] + session.supervisors[row + 1:]
        self.ctx.act(self, self.file.update_session, replace(session, supervisors=kept))

    def print_document(self, name: str) -> None:
        """One of the papers around the meeting, written where the user says and noted in the log."""
        from .lock import find_document

        titles = {"supervisors-letter": (self.tr("Văn bản đề nghị cử đại diện dự, giám sát"), "de-nghi-giam-sat.pdf"),
                  "process-report": (self.tr("Báo cáo sơ kết"), "bao-cao-so-ket.pdf"),
                  "announcement": (self.tr("Thông báo kết quả"), "thong-bao-ket-qua.pdf")}
        text, suffix = titles[name]
        file = self.file
        path = dialogs.save_path(self, text, str(file.path.with_name(f"{file.path.stem}-{suffix}")), "PDF (*.pdf)")
        if path and self.ctx.act(self, find_document(name), file, Path(path)) is not FAILED:
            dialogs.info(self, text, self.tr("Đã ghi tệp {path}.").format(path=path))

    def focus_first(self) -> None:
        self.milestone_view.setFocus(Qt.FocusReason.OtherFocusReason)

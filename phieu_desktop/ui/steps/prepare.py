"""Step 1, Chuẩn bị: the session as prepared, and the wizard to change it while no ballot is entered."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...domain.session import session_warnings
from .base import BAD_COLOUR, StepPage, heading, note
from .lock import document_menu


class PrepareStep(StepPage):
    edit_requested = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Chuẩn bị hội nghị")))
        top.addStretch(1)
        self.edit = QPushButton(self.tr("&Sửa…"))
        self.edit.setObjectName("editSession")
        self.edit.clicked.connect(self.edit_requested)
        top.addWidget(self.edit)
        self.print_ballots = QPushButton(self.tr("&In phiếu…"))
        self.print_ballots.setObjectName("printBallots")
        self.print_ballots.setMenu(document_menu(self, self.print_on_paper, self.print_blank_ballots))
        self.scannable = QCheckBox(self.tr("kèm mã để &quét"))
        self.scannable.setObjectName("scannable")
        self.scannable.setToolTip(self.tr("In thêm bốn dấu vuông ở góc và mã QR (mã hội nghị, loại phiếu, số tờ) để "
                                          "đọc phiếu bằng máy quét hoặc điện thoại; mọi tờ vẫn giống hệt nhau."))
        top.addWidget(self.print_ballots)
        top.addWidget(self.scannable)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.addWidget(self.summary)
        inner.addStretch(1)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)
        self.warnings = note(colour=BAD_COLOUR)
        layout.addWidget(self.warnings)
        self.why = note()
        layout.addWidget(self.why)

    def refresh(self) -> None:
        file = self.file
        s = file.session
        e = html.escape
        rows = [
            (self.tr("Cơ quan, đơn vị"), s.organization),
            (self.tr("Cơ quan cấp trên"), s.parent),
            (self.tr("Hội nghị"), s.title),
            (self.tr("Địa điểm, ngày"), f"{s.place}, {s.date.strftime('%d/%m/%Y')}"),
            (self.tr("Quy định"), s.regime.label),
            (self.tr("Cách tính tỷ lệ"), s.denominator.label),
            (self.tr("Số người được triệu tập"), str(s.summoned)),
            (self.tr("Ban kiểm phiếu"), "; ".join(f"{m.name} ({m.role})" for m in s.committee) or "—"),
        ]
        parts = ["<table cellspacing='6'>"]
        for caption, value in rows:
            parts.append(f"<tr><td><b>{e(caption)}</b></td><td>{e(value)}</td></tr>")
        parts.append("</table>")
        for paper in s.papers:
            parts.append(f"<h3>{e(self.tr('Phiếu'))} “{e(paper.title)}” — {len(paper.persons)} "
                         f"{e(self.tr('người'))}</h3><p><i>{e(paper.voters)}</i></p><ol>")
            parts += [f"<li>{e(p.name)} — {e(p.position)}</li>" for p in paper.persons]
            parts.append("</ol>")
        self.summary.setText("".join(parts))
        self.warnings.setText("\n".join(session_warnings(s)))
        blocker = file.preparation_blocker()
        self.edit.setEnabled(blocker is None)
        self.why.setText(blocker if blocker is not None and not file.locked else "")

    def print_blank_ballots(self) -> None:
        """The ballots to hand out, one copy per person present at the vote (else summoned)."""
        from pathlib import Path

        from .. import dialogs
        from ..context import FAILED
        from .lock import find_document

        printer = find_document("ballots")
        file = self.file
        path = dialogs.save_path(self, self.tr("In phiếu"), str(file.path.with_name(f"{file.path.stem}-phieu.pdf")),
                                 "PDF (*.pdf)")
        options = {"scannable": True} if self.scannable.isChecked() else {}
        from ...documents.ballots import default_copies
        from .. import background

        if path and self.ctx.act(self, background.run, self, self.tr("Đang ghi phiếu…"),
                                 lambda ticker: printer(file, Path(path), ticker=ticker, **options)) is not FAILED:
            copies = default_copies(file.session)
            dialogs.info(self, self.tr("In phiếu"), self.tr(
                "Đã ghi tệp {path}: {copies} bản cho mỗi loại phiếu (một bản cho mỗi người có mặt khi bỏ phiếu, "
                "hoặc mỗi người được triệu tập khi chưa điểm danh).").format(path=path, copies=copies))

    def print_on_paper(self, preview: bool = False) -> bool:
        """The ballots on the printer: one job per paper, two-sided when a ballot has more than one page."""
        from ..paper import print_on_paper

        options = {"scannable": True} if self.scannable.isChecked() else {}
        return print_on_paper(self, self.ctx, "ballots", preview, **options)

    def focus_first(self) -> None:
        self.edit.setFocus()

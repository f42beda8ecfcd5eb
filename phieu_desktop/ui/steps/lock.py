"""Step 5, Khóa kết quả: the checklist, the committee's confirmation, the seal, the results and the documents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
)

from ...domain.lock import ReviewItem
from ...domain.tally import Band
from .. import dialogs
from ..context import FAILED
from ..fonts import monospace
from ..messages import explain
from ..models.results_model import ResultsModel
from .base import BAD_COLOUR, OK_COLOUR, StepPage, heading, note, scrolled_body

# (button text, suggested file suffix, file pattern) per document of phieu_desktop.documents; each PDF document's
# button opens a menu: print on a printer, preview, or save the PDF (Excel is only saved)
DOCUMENTS = {
    "minutes": ("In &biên bản…", "bien-ban.pdf", "PDF (*.pdf)"),
    "report": ("In báo &cáo…", "bao-cao.pdf", "PDF (*.pdf)"),
    "log": ("In &nhật ký nhập phiếu…", "nhat-ky.pdf", "PDF (*.pdf)"),
    "xlsx": ("Xuất &Excel…", "ket-qua.xlsx", "Excel (*.xlsx)"),
}


def document_menu(parent, on_paper, save) -> QMenu:
    """In… (the printer dialog), Xem trước khi in…, Lưu PDF…: the three ways a document leaves the program."""
    menu = QMenu(parent)
    menu.setObjectName("documentMenu")
    menu.addAction(parent.tr("&In ra máy in…"), lambda: on_paper(False)).setObjectName("onPaper")
    menu.addAction(parent.tr("&Xem trước khi in…"), lambda: on_paper(True)).setObjectName("preview")
    menu.addAction(parent.tr("&Lưu PDF…"), save).setObjectName("savePdf")
    return menu


def find_document(name: str):
    """`(file, out, ticker=None, **options)` -> writes the document (never overwriting), records it in the audit log."""
    from ...documents import print_document  # imported when first printing: reportlab is heavy

    return lambda file, out, ticker=None, **options: print_document(file, name, out, ticker=ticker, **options)


class LockStep(StepPage):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        layout = scrolled_body(self)  # the checklist, the seal and the results: taller than 614 px at 125 %
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Khóa kết quả")))
        top.addStretch(1)
        self.state = note(size=13, bold=True)
        self.state.setObjectName("lockState")
        self.state.setWordWrap(False)
        top.addWidget(self.state)
        layout.addLayout(top)
        self.checks = QGridLayout()  # one row per item of the lock review, as many as it returns
        self.checklist: list[tuple[QLabel, QLabel]] = []
        self.checks.setColumnStretch(1, 1)
        layout.addLayout(self.checks)
        self.blockers = note(colour=BAD_COLOUR)
        self.blockers.setObjectName("blockers")
        layout.addWidget(self.blockers)
        seal_row = QHBoxLayout()
        self.lock_button = QPushButton(self.tr("&Khóa và niêm phong kết quả…"))
        self.lock_button.setObjectName("lock")
        self.lock_button.setMinimumHeight(40)
        self.lock_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 24px; }")
        self.lock_button.clicked.connect(self.lock)
        seal_row.addWidget(self.lock_button)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setFont(monospace(24, bold=True))
        self.fingerprint.setWordWrap(True)  # at 125 % on a 1366×768 laptop the line is wider than the window
        seal_row.addWidget(self.fingerprint, 1)
        layout.addLayout(seal_row)
        self.results_title = note(bold=True)
        layout.addWidget(self.results_title)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("results")
        self.tabs.currentChanged.connect(lambda _i: self._explain())
        layout.addWidget(self.tabs, 1)
        self.explanations = note()
        self.explanations.setObjectName("explanations")
        below = QHBoxLayout()  # the percentages' basis, and beside it the option to print them as fractions too
        below.addWidget(self.explanations, 1)
        layout.addLayout(below)
        docs = QHBoxLayout()
        self.doc_buttons: dict[str, QPushButton] = {}
        self.doc_menus: dict[str, QMenu] = {}
        for name, (text, *_rest) in DOCUMENTS.items():
            button = QPushButton(self.tr(text))
            button.setObjectName(f"doc:{name}")
            if name == "xlsx":
                button.clicked.connect(lambda _checked=False, n=name: self.print_document(n))
            else:
                button.setMenu(document_menu(self, lambda preview, n=name: self.print_on_paper(n, preview),
                                             lambda n=name: self.print_document(n)))
                self.doc_menus[name] = button.menu()
            docs.addWidget(button)
            self.doc_buttons[name] = button
        self.fractions = QCheckBox(self.tr("Ghi &phân số"))
        self.fractions.setObjectName("fractions")
        self.fractions.setToolTip(self.tr("Biên bản và báo cáo ghi thêm phân số đúng (ví dụ 25/47) dưới mỗi tỷ lệ %."))
        # beside the percentages it is about, not in the row of buttons: that row fits a 1366×768 laptop at 125 %
        below.addWidget(self.fractions, 0, Qt.AlignmentFlag.AlignTop)
        docs.addStretch(1)
        self.sign_button = QPushButton(self.tr("Ký &số…"))
        self.sign_button.setObjectName("signPdfs")
        self.sign_button.setToolTip(self.tr("Ký số các tệp PDF đã in (biên bản, báo cáo…) bằng USB token hoặc tệp "
                                            ".p12 của đơn vị"))
        self.sign_button.clicked.connect(self.sign_pdfs)
        docs.addWidget(self.sign_button)
        self.send_up = QPushButton(self.tr("&Gửi cấp trên…"))
        self.send_up.setObjectName("sendUp")
        self.send_up.clicked.connect(self.send_up_package)
        docs.addWidget(self.send_up)
        # below the scrolled part, always in sight: the documents are what a secretary comes to this step for
        margins = layout.contentsMargins()
        docs.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        self.layout().addLayout(docs)
        self.models: list[ResultsModel] = []
        self._result = None

    def refresh(self) -> None:
        file = self.file
        review = file.lock_review()
        self._show_review(review)
        blockers = [] if file.locked else [problem for item in review for problem in item.problems]
        self.blockers.setText("\n".join(blockers))
        self.lock_button.setVisible(not file.locked)
        self.lock_button.setEnabled(not blockers)
        if file.locked:
            self.state.setText(self.tr("ĐÃ KHÓA VÀ NIÊM PHONG"))
            self.state.setStyleSheet(f"color: {OK_COLOUR};")
            self.fingerprint.setText(self.tr("Mã niêm phong: {fp}").format(fp=file.fingerprint))
            self.results_title.setText(self.tr("Kết quả chính thức (đã niêm phong)"))
        else:
            self.state.setText(self.tr("Chưa khóa"))
            self.state.setStyleSheet("")
            self.fingerprint.setText("")
            self.results_title.setText(self.tr("Kết quả tạm tính (chưa khóa; có thể còn thay đổi)"))
        for button in list(self.doc_buttons.values()) + [self.send_up, self.sign_button]:
            button.setEnabled(file.locked)
        self._show_results()

    def _show_review(self, review: list[ReviewItem]) -> None:
        """One row per item of the lock review, in its order: ✓ met, ✗ open, – not done and not required."""
        while len(self.checklist) < len(review):
            mark, text = note(size=13, bold=True), note()
            mark.setWordWrap(False)
            row = len(self.checklist)
            self.checks.addWidget(mark, row, 0)
            self.checks.addWidget(text, row, 1)
            self.checklist.append((mark, text))
        for index, (mark, text) in enumerate(self.checklist):
            shown = index < len(review)
            mark.setVisible(shown)
            text.setVisible(shown)
            if not shown:
                continue
            ok = review[index].ok
            mark.setText("–" if ok is None else ("✓" if ok else "✗"))
            mark.setStyleSheet(f"color: {OK_COLOUR if ok else (BAD_COLOUR if ok is False else 'gray')};")
            text.setText(review[index].text)

    def _show_results(self) -> None:
        file = self.file
        try:
            result = file.results()
        except Exception as err:  # a file changed behind the program's back: say so, never a traceback
            self.results_title.setText(explain(err))
            return
        self._result = result
        regime = file.session.regime
        if self.tabs.count() != len(result.papers) or not self.models or self.models[0].regime is not regime:
            current = self.tabs.currentIndex()
            self.tabs.clear()
            self.models = []
            for paper in result.papers:
                model = ResultsModel(regime, parent=self)
                view = QTableView()
                view.setModel(model)
                view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
                view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
                header = view.horizontalHeader()
                header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
                header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
                # a long position wraps in its row ("Phó Hiệu trưởng phụ trách cơ sở vật chất"), never "…"
                # (once the stretched column has its width: the rows' heights follow it)
                header.sectionResized.connect(lambda *_args, v=view: QTimer.singleShot(0, v.resizeRowsToContents))
                self.tabs.addTab(view, paper.title)
                self.models.append(model)
            self.tabs.setCurrentIndex(max(0, current))
        for index, (model, paper) in enumerate(zip(self.models, result.papers)):
            model.set_paper(paper)
            self.tabs.widget(index).resizeRowsToContents()
        for index, paper in enumerate(result.papers):
            self.tabs.setTabText(index, self.tr("{title} ({entered}/{returned} phiếu)").format(
                title=paper.title, entered=paper.entered,
                returned=paper.returned if paper.returned is not None else "—"))
        self._explain()

    def _explain(self) -> None:
        if self._result is None or not self.models:
            return
        index = max(0, self.tabs.currentIndex())
        paper = self._result.papers[index]
        regime = self._result.regime
        lines = [paper.basis.label + "."]
        for person in paper.persons:
            if person.band is not Band.NONE:
                adverse = regime.adverse.key
                lines.append(self.tr("• {name}: {count}/{d} ({percent}%) {level}. {why}").format(
                    name=person.name, count=person.counts[adverse], d=person.denominator,
                    percent=person.percent(adverse), level=regime.adverse.label.lower(),
                    why=person.band.explanation(regime)))
        self.explanations.setText("\n".join(lines))

    def lock(self) -> None:
        file = self.file
        if file is None or file.locked:
            return
        blockers = file.lock_blockers()
        if blockers:
            dialogs.error(self, blockers[0])
            return
        s = file.session
        committee = "\n".join(f"  • {m.name} — {m.role}" for m in s.committee)
        totals = "\n".join(f"  • {p.title}: {file.entered(p.key)} phiếu" for p in s.papers)
        text = self.tr("Ban kiểm phiếu xác nhận đã kiểm đủ phiếu:\n{totals}\n\nThành viên Ban kiểm phiếu:\n"
                       "{committee}\n\nSau khi khóa và niêm phong, không thể sửa, thêm hay hủy phiếu nào.").format(
            totals=totals, committee=committee)
        if not dialogs.confirm(self, self.tr("Khóa và niêm phong kết quả"), text,
                               yes=self.tr("&Khóa và niêm phong"), no=self.tr("&Chưa khóa")):
            return
        self.ctx.act(self, file.lock)
        self.refresh()

    def print_document(self, name: str) -> None:
        file = self.file
        function = find_document(name)
        text = self.tr(DOCUMENTS[name][0]).replace("&", "").rstrip("…")
        suggested = str(file.path.with_name(f"{file.path.stem}-{DOCUMENTS[name][1]}"))
        path = dialogs.save_path(self, text, suggested, DOCUMENTS[name][2])
        if not path:
            return
        options = {"fractions": True} if self.fractions.isChecked() and name in ("minutes", "report") else {}
        from .. import background  # the minutes of a large session take minutes: never on the window's thread

        job = background.run
        label = self.tr("Đang ghi {what}…").format(what=text.lower())
        if self.ctx.act(self, job, self, label,
                        lambda ticker: function(file, Path(path), ticker=ticker, **options)) is not FAILED:
            dialogs.info(self, text, self.tr("Đã ghi tệp {path}.").format(path=path))

    def print_on_paper(self, name: str, preview: bool = False) -> bool:
        from ..paper import print_on_paper

        options = {"fractions": True} if self.fractions.isChecked() and name in ("minutes", "report") else {}
        return print_on_paper(self, self.ctx, name, preview, **options)

    def sign_pdfs(self) -> None:
        from ..signing import sign_printed_pdfs

        self.ctx.act(self, sign_printed_pdfs, self, self.file)

    def send_up_package(self) -> None:
        from ..send_up import open_send_up

        self.ctx.act(self, open_send_up, self, self.file)

"""'Đối chiếu biên bản giấy': the user types the group of the fingerprint the program asks for, read from the
paper minutes that came by post. The fingerprint itself is never shown here: it must come from the paper."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..domain.seal import FINGERPRINT_GROUPS
from .consolidation_models import Entry
from .fonts import monospace

BAD_COLOUR = "#B00020"


def group_pattern(group: int, groups: int = FINGERPRINT_GROUPS) -> str:
    """'····-····-[  ?  ]-····-····-····': where on the printed fingerprint the asked group is."""
    return "-".join("[ ? ]" if i == group else "····" for i in range(1, groups + 1))


class PaperCheckDialog(QDialog):
    """Accepted once the typed group matches; a mismatch is said here and recorded on the entry, which stays
    unconfirmed. "Từ chối tệp" (shown after a mismatch) refuses the file for good."""

    REFUSE = 2  # exec() result when the user refused the file

    def __init__(self, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert entry.unit is not None
        self.entry = entry
        unit = entry.unit
        self.setObjectName("paperCheck")
        self.setWindowTitle(self.tr("Đối chiếu biên bản giấy"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("{org}\n{title}, ngày {day}\nTệp: {file}").format(
            org=unit.organization, title=unit.title, day=unit.date.strftime("%d/%m/%Y"), file=entry.source))
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        layout.addWidget(about)
        ask = QLabel(self.tr("Trên biên bản kiểm phiếu giấy gửi theo đường công văn, mã niêm phong gồm {n} nhóm, "
                             "mỗi nhóm 4 ký tự. Hãy gõ nhóm thứ {k}:").format(n=FINGERPRINT_GROUPS, k=entry.group))
        ask.setObjectName("ask")
        ask.setWordWrap(True)
        layout.addWidget(ask)
        pattern = QLabel(group_pattern(entry.group))
        mono = monospace(16, bold=True)
        pattern.setFont(mono)
        pattern.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(pattern)
        self.typed = QLineEdit()
        self.typed.setObjectName("group")
        self.typed.setFont(mono)
        self.typed.setMaxLength(9)
        self.typed.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.typed.setPlaceholderText(self.tr("nhóm thứ {k}").format(k=entry.group))
        layout.addWidget(self.typed)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(f"color: {BAD_COLOUR};")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(self.tr("Đối chiếu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.check_button.setObjectName("check")
        self.refuse_button = buttons.addButton(self.tr("Từ chối tệp này"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.refuse_button.setObjectName("refuse")
        self.refuse_button.setAutoDefault(False)
        self.refuse_button.setVisible(bool(entry.mismatches))
        later = buttons.addButton(self.tr("Để sau"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("later")
        later.setAutoDefault(False)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        self.refuse_button.clicked.connect(lambda: self.done(self.REFUSE))
        layout.addWidget(buttons)
        self.check_button.setDefault(True)
        self.typed.setFocus()

    def check(self) -> None:
        typed = self.typed.text().strip()
        if not typed:
            self.message.setText(self.tr("Hãy gõ nhóm thứ {k} của mã niêm phong trên biên bản giấy.").format(
                k=self.entry.group))
            return
        if self.entry.paper.check(typed):
            self.accept()
            return
        self.message.setText(self.tr(
            "“{typed}” không khớp nhóm thứ {k} của mã niêm phong trong tệp. Hãy xem lại biên bản giấy và gõ lại. "
            "Nếu biên bản giấy đúng là khác, tệp này không được nhận: chọn “Từ chối tệp này” và hỏi lại đơn vị.")
            .format(typed=typed, k=self.entry.group))
        self.refuse_button.setVisible(True)
        self.typed.selectAll()
        self.typed.setFocus()

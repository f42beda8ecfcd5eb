"""What the window shows with no session open: new, open, and the recent files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from .recent import recent_files
from .steps.base import heading, note


class WelcomePage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    open_path = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addWidget(heading(self.tr("Lấy phiếu tín nhiệm"), 22))
        layout.addWidget(note(self.tr("Chuẩn bị hội nghị, điểm danh, nhập từng phiếu, kiểm tra lại, khóa và niêm "
                                      "phong kết quả. Mọi phiếu được ghi ngay vào tệp phiên (.phieu).")))
        buttons = QHBoxLayout()
        new = QPushButton(self.tr("&Phiên mới…"))
        new.clicked.connect(self.new_requested)
        opener = QPushButton(self.tr("&Mở tệp phiên…"))
        opener.clicked.connect(self.open_requested)
        for button in (new, opener):
            button.setMinimumHeight(44)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        label = QLabel(self.tr("Tệp mở &gần đây:"))
        layout.addWidget(label)
        self.recent = QListWidget()
        self.recent.setObjectName("recent")
        label.setBuddy(self.recent)
        # a long name (the wizard names the file after the organisation and the meeting) wraps in its row, the folder
        # and the time on a line of their own: never cut behind a horizontal scroll bar at 1366×768
        self.recent.setWordWrap(True)
        self.recent.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.recent.setSpacing(4)
        self.recent.itemActivated.connect(lambda item: self.open_path.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.recent, 1)
        self.empty = note(self.tr("Chưa có tệp nào. Bấm “Phiên mới…” để chuẩn bị một hội nghị, hoặc “Mở tệp "
                                  "phiên…” để mở tệp .phieu được chép từ máy khác."), colour="#555555")
        layout.addWidget(self.empty)
        layout.addWidget(note(self.tr(
            "Các bước: 1. Chuẩn bị  ›  2. Điểm danh  ›  3. Nhập phiếu  ›  4. Kiểm tra lại  ›  5. Khóa kết quả.   "
            "Phím F1: các phím tắt."), colour="#555555"))

    def refresh(self) -> None:
        self.recent.clear()
        for path in recent_files():
            item = QListWidgetItem(self.tr("{name}\n{folder}   —   sửa lần cuối {when}").format(
                name=path.name, folder=short_folder(path.parent), when=modified(path)))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent.setVisible(self.recent.count() > 0)
        self.empty.setVisible(self.recent.count() == 0)
        if self.recent.count():
            self.recent.setCurrentRow(0)  # Enter opens the latest file

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refresh()


def short_folder(folder: Path) -> str:
    """The folder as a user reads it: inside the home folder it starts with ~."""
    try:
        return str(Path("~") / folder.resolve().relative_to(Path.home().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(folder)


def modified(path: Path) -> str:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%H:%M %d/%m/%Y")
    except OSError:
        return "?"

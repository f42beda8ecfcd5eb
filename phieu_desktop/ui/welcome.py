"""What the window shows with no session open: new, open, and the recent files."""

from __future__ import annotations

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
        self.recent.itemActivated.connect(lambda item: self.open_path.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.recent, 1)

    def refresh(self) -> None:
        self.recent.clear()
        for path in recent_files():
            item = QListWidgetItem(f"{path.name}  —  {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refresh()

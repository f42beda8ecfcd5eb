"""Choosing existing files or a folder, with Vietnamese labels where Qt draws the dialog itself.

On Windows and macOS the system's own dialog is used (in the system's language); Qt's own dialog (Linux without
a desktop portal) would otherwise say "Open" and "Cancel": Qt ships no Vietnamese translation of its texts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget


def _(text: str) -> str:
    return QCoreApplication.translate("FileChoice", text)


def _dialog(parent: QWidget | None, title: str, mode: QFileDialog.FileMode, pattern: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, "", pattern)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    if mode is QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    labels = {QFileDialog.DialogLabel.LookIn: _("Thư mục:"), QFileDialog.DialogLabel.FileName: _("Tên tệp:"),
              QFileDialog.DialogLabel.FileType: _("Loại tệp:"),
              QFileDialog.DialogLabel.Accept: _("Chọn") if mode is QFileDialog.FileMode.Directory else _("Mở"),
              QFileDialog.DialogLabel.Reject: _("Hủy")}
    for label, text in labels.items():
        dialog.setLabelText(label, text)
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    try:
        return list(dialog.selectedFiles()) if dialog.exec() == QDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def open_file(parent: QWidget | None, title: str, pattern: str) -> str | None:
    chosen = _run(_dialog(parent, title, QFileDialog.FileMode.ExistingFile, pattern))
    return chosen[0] if chosen else None


def open_files(parent: QWidget | None, title: str, pattern: str) -> list[str]:
    return _run(_dialog(parent, title, QFileDialog.FileMode.ExistingFiles, pattern))


def open_folder(parent: QWidget | None, title: str) -> str | None:
    chosen = _run(_dialog(parent, title, QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else None

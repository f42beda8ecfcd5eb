"""Every file dialog of the program: files to open, a file to save, a folder; Vietnamese where Qt draws it.

Always Qt's own dialog, never the system's: the system's dialog speaks the system's language (English on most
Windows machines in offices), which Qt cannot change. Qt's dialog takes its words from resources/translations/qt_vi.ts
and the labels set here, on Windows as on Linux, and keyboard tests can drive it.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QAbstractProxyModel, QDir, QLocale, QModelIndex
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFileSystemModel,
    QHeaderView,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from ..domain.i18n import _
from . import dialogs

DAY_AND_TIME = "dd/MM/yyyy HH:mm"  # 06/12/2026 19:35, as Vietnamese papers write a date (never "6 12 2026 19:35")
DATE_COLUMN = 3  # QFileSystemModel's "Date Modified"
SIZE_COLUMN = 1  # QFileSystemModel's "Size"
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def _source(index: QModelIndex) -> tuple[QFileSystemModel | None, QModelIndex]:
    """The file system model under the dialog's proxy, and the index there."""
    model, source = index.model(), index
    while isinstance(model, QAbstractProxyModel):
        source, model = model.mapToSource(source), model.sourceModel()
    return (model, source) if isinstance(model, QFileSystemModel) else (None, source)


class _DayDelegate(QStyledItemDelegate):
    """The dialog's date column the Vietnamese way, whatever locale the system has."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        model, source = _source(index)
        if model is not None:
            when = model.lastModified(source)
            if when.isValid():
                option.text = when.toString(DAY_AND_TIME)


class _SizeDelegate(QStyledItemDelegate):
    """The dialog's size column with a decimal comma, as Vietnamese writes it (96,00 KiB, never "96.00 KiB" of an
    English or C locale); a folder has no size, as in Qt's own column."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        model, source = _source(index)
        if model is not None and not model.isDir(source):
            option.text = VIETNAMESE.formattedDataSize(model.size(source), 2)


def _dialog(parent: QWidget | None, title: str, mode: QFileDialog.FileMode, pattern: str = "", start: str = "",
            save: bool = False) -> QFileDialog:
    dialog = QFileDialog(parent, title, start, pattern)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    if mode is QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if save:
        suffix = re.search(r"\*\.(\w+)", pattern)  # "PDF (*.pdf)": a name typed without .pdf gets it
        dialog.setDefaultSuffix(suffix.group(1) if suffix else "")
    accept = _("&Lưu") if save else (_("&Chọn") if mode is QFileDialog.FileMode.Directory else _("&Mở"))
    labels = {QFileDialog.DialogLabel.LookIn: _("Thư mục:"), QFileDialog.DialogLabel.FileName: _("Tê&n tệp:"),
              QFileDialog.DialogLabel.FileType: _("Loại tệp:"), QFileDialog.DialogLabel.Accept: accept,
              QFileDialog.DialogLabel.Reject: _("Hủy")}
    for label, text in labels.items():
        dialog.setLabelText(label, text)
    # Qt's own dialog: room for the whole file name, "Ngày sửa" and the places; never beyond the screen (600 pixels
    # and a title bar are taller than what a 1366×768 laptop at 125 % has under its taskbar)
    dialogs.fit_to_screen(dialog, 960, 600)
    splitter = dialog.findChild(QSplitter)
    if splitter is not None:
        splitter.setSizes([200, 760])
    for view in dialog.findChildren(QTreeView):  # the detail view: sizes, types and dates whole, never "115…KiB"
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        view.setItemDelegateForColumn(DATE_COLUMN, _DayDelegate(view))
        view.setItemDelegateForColumn(SIZE_COLUMN, _SizeDelegate(view))
    return dialog


_last_folder: str | None = None  # where the user last chose a file in this run: the next open dialog starts there


def _start(folder: str) -> str:
    return _last_folder if _last_folder and Path(_last_folder).is_dir() else folder


def _run(dialog: QFileDialog) -> list[str]:
    global _last_folder
    try:
        # Qt gives "C:/…" on Windows: the paths the user reads in our messages are written the system's way
        chosen = ([QDir.toNativeSeparators(path) for path in dialog.selectedFiles()]
                  if dialog.exec() == QDialog.DialogCode.Accepted else [])
        if chosen:
            _last_folder = QDir.toNativeSeparators(dialog.directory().absolutePath())
        return chosen
    finally:
        dialog.deleteLater()


def open_file(parent: QWidget | None, title: str, pattern: str, folder: str = "") -> str | None:
    chosen = _run(_dialog(parent, title, QFileDialog.FileMode.ExistingFile, pattern, _start(folder)))
    return chosen[0] if chosen else None


def save_file(parent: QWidget | None, title: str, suggested: str, pattern: str) -> str | None:
    """Where to write a new file, starting at `suggested` (its folder and name); asks before replacing a file."""
    chosen = _run(_dialog(parent, title, QFileDialog.FileMode.AnyFile, pattern, suggested, save=True))
    return chosen[0] if chosen else None


def open_files(parent: QWidget | None, title: str, pattern: str, folder: str = "") -> list[str]:
    return _run(_dialog(parent, title, QFileDialog.FileMode.ExistingFiles, pattern, _start(folder)))


def open_folder(parent: QWidget | None, title: str) -> str | None:
    chosen = _run(_dialog(parent, title, QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else None

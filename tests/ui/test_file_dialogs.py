"""Every file dialog is Qt's own, in Vietnamese, on Windows too (the system's dialog would be in English there)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel

from phieu_desktop.ui import file_choice


def test_every_file_dialog_is_qts_own_in_vietnamese(qapp):
    for mode, save in ((QFileDialog.FileMode.ExistingFile, False), (QFileDialog.FileMode.ExistingFiles, False),
                       (QFileDialog.FileMode.AnyFile, True), (QFileDialog.FileMode.Directory, False)):
        dialog = file_choice._dialog(None, "Chọn", mode, "PDF (*.pdf)", save=save)
        try:
            assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog), mode
            assert dialog.labelText(QFileDialog.DialogLabel.Reject) == "Hủy"
            assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "Thư mục:"
            for label in dialog.findChildren(QLabel):  # "&" shows as itself on a label with no field to jump to
                assert "&" not in label.text() or label.buddy() is not None, label.text()
        finally:
            dialog.deleteLater()

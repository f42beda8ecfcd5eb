"""Import persons from .xlsx/.csv: the column mapping (guessed from the header words), a preview, then OK."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.i18n import _
from ...imports.persons import (
    FIELD_LABELS,
    FIELDS,
    ColumnMapping,
    ImportResult,
    Table,
    column_letter,
    guess_mapping,
    persons_from,
)
from .models import PreviewModel


class ImportDialog(QDialog):
    """Shows how the file's columns map to the person's fields and what would be imported."""

    def __init__(self, table: Table, parent: QWidget | None = None, replace_possible: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("prepareImport")
        self.table = table
        self.mapping: ColumnMapping = guess_mapping(table)
        self.result: ImportResult = ImportResult()
        self.setWindowTitle(self.tr("Nhập danh sách từ tệp “{name}”").format(name=table.source))
        self.resize(900, 600)

        layout = QVBoxLayout(self)
        where = (self.tr("Dòng tiêu đề: dòng {row}. ").format(row=table.header_row) if table.header_row
                 else self.tr("Tệp không có dòng tiêu đề: hãy chọn cột. "))
        intro = QLabel(where + self.tr("{n} dòng dữ liệu. Kiểm tra cột nào là họ và tên, chức vụ, đơn vị…")
                       .format(n=len(table.rows)))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        choices = [self.tr("— không có —")] + [f"{column_letter(i)}: {label}" for i, label in enumerate(table.header)]
        for fieldname in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"map_{fieldname}")
            combo.addItems(choices)
            column = self.mapping.get(fieldname)
            combo.setCurrentIndex(0 if column is None else column + 1)
            combo.currentIndexChanged.connect(self._remap)
            label = QLabel(_(FIELD_LABELS[fieldname]) + ":")
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.combos[fieldname] = combo
        layout.addLayout(form)

        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("importPreview")
        self.preview.setModel(self.preview_model)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.preview, 3)

        self.messages = QPlainTextEdit()
        self.messages.setObjectName("importMessages")
        self.messages.setReadOnly(True)
        self.messages.setMaximumHeight(130)
        layout.addWidget(self.messages, 1)

        row = QHBoxLayout()
        self.replace_box = QCheckBox(self.tr("Thay thế danh sách hiện có"))
        self.replace_box.setVisible(replace_possible)
        row.addWidget(self.replace_box)
        row.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("Nhập"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        cancel.setAutoDefault(False)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self._remap()

    def _remap(self) -> None:
        for fieldname, combo in self.combos.items():
            index = combo.currentIndex()
            self.mapping.set(fieldname, None if index <= 0 else index - 1)
        self.result = persons_from(self.table, self.mapping)
        self.preview_model.set_persons(self.result.persons)
        lines = [self.tr("Lỗi — {text}").format(text=e) for e in self.result.errors]
        lines += [self.tr("Lưu ý — {text}").format(text=n) for n in self.result.notes]
        self.messages.setPlainText("\n".join(lines) if lines else self.tr("Không có lỗi."))
        self.ok.setText(self.tr("Nhập {n} người").format(n=len(self.result.persons)))
        self.ok.setEnabled(bool(self.result.persons))

    @property
    def replace_existing(self) -> bool:
        return self.replace_box.isVisible() and self.replace_box.isChecked()


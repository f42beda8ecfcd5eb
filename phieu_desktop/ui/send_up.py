"""The "Gửi cấp trên" dialog: renders `exchange.send_up.SendUpForm`, shows its problems while typing, sends.

The lead wires `open_send_up(parent, file)` to a button on the lock step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import PhieuError
from ..exchange.export import default_export_name
from ..exchange.package import EXTENSION
from ..exchange.send_up import Method, SendUpForm
from ..store import SessionFile
from . import background, dialogs, file_choice
from .fonts import monospace
from .messages import explain

BAD_COLOUR = "#B00020"


def choose_key_files(parent: QWidget | None, title: str) -> list[str]:
    """Recipient key files (the key card PDF, or a text file with age1…); [] when cancelled. Tests replace this."""
    return file_choice.open_files(parent, title, "Khóa nhận (*.pdf *.txt *.pub);;Mọi tệp (*)")


def free_name(folder: Path, name: str) -> Path:
    """`name` in `folder`, or `stem-2.phieux`, `stem-3.phieux`… when taken (nothing is ever overwritten)."""
    path = folder / name
    number = 2
    while path.exists():
        path = folder / f"{Path(name).stem}-{number}{Path(name).suffix}"
        number += 1
    return path


class SendUpDialog(QDialog):
    """Collects the recipients (or a passphrase) into a `SendUpForm`; `result_path` after a successful send."""

    def __init__(self, file: SessionFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file = file
        self.form = SendUpForm()
        self.result_path: Path | None = None
        self.setObjectName("sendUp")
        self.setWindowTitle(self.tr("Gửi kết quả lên cấp trên"))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)

        session = file.session
        about = QLabel(self.tr("{org} — {title}, ngày {day}\nMã niêm phong: {fp}").format(
            org=session.organization, title=session.title, day=session.date.strftime("%d/%m/%Y"),
            fp=file.fingerprint or self.tr("(chưa khóa)")))
        about.setObjectName("about")
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        layout.addWidget(about)
        explain = QLabel(self.tr("Tệp gửi lên được mã hóa: chỉ cấp trên giữ tệp khóa bí mật (hoặc biết mật khẩu) mới "
                                 "mở được, và mọi sửa đổi trên đường gửi đều bị phát hiện. Gửi kèm biên bản giấy có "
                                 "cùng mã niêm phong."))
        explain.setWordWrap(True)
        layout.addWidget(explain)

        methods = QHBoxLayout()
        self.by_key = QRadioButton(self.tr("&Khóa nhận của cấp trên (age1…)"))
        self.by_passphrase = QRadioButton(self.tr("&Mật khẩu (khi đơn vị chưa có khóa nhận)"))
        self.by_key.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_key)
        group.addButton(self.by_passphrase)
        methods.addWidget(self.by_key)
        methods.addWidget(self.by_passphrase)
        methods.addStretch(1)
        layout.addLayout(methods)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._key_page())
        self.pages.addWidget(self._passphrase_page())
        layout.addWidget(self.pages, 1)

        self.sign = QCheckBox(self.tr("Ký &số gói gửi đi bằng chứng thư số của đơn vị (USB token hoặc tệp .p12)"))
        self.sign.setObjectName("signPackage")
        self.sign.setToolTip(self.tr("Ký trước khi mã hóa: cấp trên kiểm tra được tệp đúng do đơn vị gửi và không "
                                     "bị sửa đổi."))
        layout.addWidget(self.sign)

        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setStyleSheet(f"color: {BAD_COLOUR};")
        layout.addWidget(self.problems)

        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(self.tr("&Gửi…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("send")
        cancel = buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel")
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.send_button.setDefault(True)  # only once inside the dialog, or showing it picks another default

        self.by_key.toggled.connect(self._collect)
        self.proposed = free_name(file.path.parent, default_export_name(file)) if file.locked else None
        self._collect()
        self.pasted.setFocus()

    # --- pages -------------------------------------------------------------------------------------------------
    def _key_page(self) -> QWidget:
        page = QGroupBox(self.tr("Khóa nhận của cấp trên"))
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("&Dán khóa nhận (mỗi khóa một dòng; dấu cách không quan trọng):")))
        self.pasted = QPlainTextEdit()
        self.pasted.setObjectName("pasted")
        self.pasted.setFont(monospace())
        self.pasted.setTabChangesFocus(True)
        self.pasted.setPlaceholderText("age1…")
        self.pasted.setFixedHeight(80)
        self.pasted.textChanged.connect(self._collect)
        layout.itemAt(0).widget().setBuddy(self.pasted)
        layout.addWidget(self.pasted)
        files_label = QLabel(self.tr("hoặc chọn tệp khóa nhận (trang in khóa nhận PDF do cấp trên gửi, hoặc tệp chữ "
                                     "chứa age1…):"))
        files_label.setWordWrap(True)
        layout.addWidget(files_label)
        row = QHBoxLayout()
        self.key_paths: list[Path] = []  # shown by name in the list
        self.files_model = QStringListModel(self)
        self.files_view = QListView()
        self.files_view.setObjectName("keyFiles")
        self.files_view.setModel(self.files_model)
        self.files_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files_view.setFixedHeight(70)
        row.addWidget(self.files_view, 1)
        side = QVBoxLayout()
        add = QPushButton(self.tr("&Chọn tệp khóa…"))
        add.setObjectName("addKeyFiles")
        add.clicked.connect(self.add_key_files)
        remove = QPushButton(self.tr("&Bỏ tệp"))
        remove.setObjectName("removeKeyFile")
        remove.clicked.connect(self.remove_key_file)
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        row.addLayout(side)
        layout.addLayout(row)
        return page

    def _passphrase_page(self) -> QWidget:
        page = QGroupBox(self.tr("Mật khẩu thống nhất với cấp trên"))
        form = QFormLayout(page)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.passphrase, self.confirm):
            edit.textChanged.connect(self._collect)
        form.addRow(self.tr("Mật khẩu (&1):"), self.passphrase)
        form.addRow(self.tr("Nhập lại (&2):"), self.confirm)
        hint = QLabel(self.tr("Báo mật khẩu cho cấp trên bằng đường khác (điện thoại, gặp trực tiếp), không gửi "
                              "kèm tệp."))
        hint.setWordWrap(True)
        form.addRow(hint)
        return page

    # --- collecting ------------------------------------------------------------------------------------------------
    def _collect(self) -> None:
        """Copy the fields into the form and show its first problem; the send button only when there is none."""
        method = Method.KEY if self.by_key.isChecked() else Method.PASSPHRASE
        self.pages.setCurrentIndex(0 if method is Method.KEY else 1)
        self.form.method = method
        self.form.pasted = self.pasted.toPlainText()
        self.form.key_files = list(self.key_paths)
        self.form.passphrase = self.passphrase.text()
        self.form.confirm = self.confirm.text()
        self.form.out = self.proposed
        problems = self.form.problems(self.file)
        self.problems.setText(problems[0] if problems else "")
        self.send_button.setEnabled(not problems)

    def add_key_files(self) -> None:
        chosen = [Path(p) for p in choose_key_files(self, self.tr("Chọn tệp khóa nhận của cấp trên"))]
        self.key_paths += [p for p in chosen if p not in self.key_paths]
        self.files_model.setStringList([p.name for p in self.key_paths])
        self._collect()

    def remove_key_file(self) -> None:
        index = self.files_view.currentIndex()
        if index.isValid():
            del self.key_paths[index.row()]
            self.files_model.setStringList([p.name for p in self.key_paths])
            self._collect()

    # --- sending ---------------------------------------------------------------------------------------------------
    def send(self) -> None:
        self._collect()
        if not self.send_button.isEnabled():
            return
        chosen = dialogs.save_path(self, self.tr("Lưu tệp gửi cấp trên"), str(self.proposed),
                                   self.tr("Tệp gửi cấp trên (*{ext})").format(ext=EXTENSION))
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != EXTENSION:
            out = out.with_name(out.name + EXTENSION)
        self.form.out = out
        request = None
        if self.sign.isChecked():
            from .signing import ask_signing

            request = ask_signing(self, self.file.session.organization, self.tr("gói gửi cấp trên"), images=False)
            if request is None:
                return

        label = self.tr("Đang tạo tệp gửi cấp trên…")
        try:
            if request is None:
                result = background.run(self, label, lambda ticker: self.form.send(self.file, ticker=ticker))
            else:
                from ..signing.keys import open_key

                pin, request.pin = request.pin, ""
                with open_key(request.source, pin, self.file.session.organization) as key:
                    del pin
                    result = background.run(self, label,
                                            lambda ticker: self.form.send(self.file, key=key, ticker=ticker))
        except (PhieuError, OSError) as err:
            dialogs.error(self, explain(err))
            self._collect()
            return
        self.result_path = result.path
        how = (self.tr("mã hóa cho {n} khóa nhận của cấp trên").format(n=len(result.recipients)) if result.recipients
               else self.tr("mã hóa bằng mật khẩu"))
        if result.signed_by:
            how += self.tr(", ký số bởi {who}").format(who=result.signed_by)
        dialogs.info(self, self.tr("Đã tạo tệp gửi cấp trên"), self.tr(
            "Đã tạo tệp {path} ({how}).\n\nMã niêm phong: {fp}\n\nGửi tệp này cho cấp trên; biên bản giấy gửi theo "
            "đường công văn phải có cùng mã niêm phong.").format(path=result.path, how=how, fp=result.fingerprint))
        self.accept()


def open_send_up(parent: QWidget | None, file: SessionFile) -> Path | None:
    """Show the dialog for the open (locked) session; the path written, or None when cancelled."""
    dialog = SendUpDialog(file, parent)
    try:
        dialog.exec()
        return dialog.result_path
    finally:
        dialog.deleteLater()

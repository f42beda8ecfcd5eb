""""Ký số…": the key source (USB token or .p12/.pfx), the PIN in a masked field, and the seal / signature images.

The PIN lives only in the dialog's field for one signing and is cleared after it; nothing here stores or logs it.
All the work is done by `phieu_desktop.signing` (the same functions as `phieu sign` / `phieu export --sign`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..store import SessionFile
from . import dialogs, file_choice
from .messages import explain

BAD_COLOUR = "#B00020"


@dataclass
class SignRequest:
    source: object  # signing.keys.TokenSource | FileSource
    pin: str
    appearance: object  # signing.appearance.Appearance


def choose_library(parent: QWidget | None, title: str) -> str | None:
    return file_choice.open_file(parent, title, "Thư viện PKCS#11 (*.dll *.so *.dylib);;Mọi tệp (*)")


def choose_p12(parent: QWidget | None, title: str) -> str | None:
    return file_choice.open_file(parent, title, "Tệp chứng thư số (*.p12 *.pfx);;Mọi tệp (*)")


def choose_image(parent: QWidget | None, title: str) -> str | None:
    return file_choice.open_file(parent, title, "Hình PNG nền trong suốt (*.png)")


def choose_pdfs(parent: QWidget | None, title: str) -> list[str]:
    return file_choice.open_files(parent, title, "Tệp PDF (*.pdf)")


class SignDialog(QDialog):
    """Where the key comes from and the PIN; `images` adds the seal and signature images (PDFs only)."""

    def __init__(self, organization: str, what: str, images: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ..signing.libraries import candidates, remembered_library

        self.setObjectName("signDialog")
        self.check: Callable[[SignRequest], str | None] | None = None  # a last test of the key before closing
        self.setWindowTitle(self.tr("Ký số"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("Ký số {what} bằng chứng thư số của “{org}”.").format(what=what, org=organization))
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(about)

        source = QGroupBox(self.tr("Nguồn khóa"))
        grid = QVBoxLayout(source)
        self.by_token = QRadioButton(self.tr("&USB token"))
        self.by_file = QRadioButton(self.tr("Tệp &chứng thư số (.p12, .pfx)"))
        group = QButtonGroup(self)
        group.addButton(self.by_token)
        group.addButton(self.by_file)
        self.library = QComboBox()
        self.library.setObjectName("library")
        self.library.setEditable(True)
        self.library.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        remembered = remembered_library()
        if remembered is not None:
            self.library.addItem(self.tr("{path} (đã chọn lần trước)").format(path=remembered), str(remembered))
        for found in candidates():
            if remembered is None or found.path != remembered:
                self.library.addItem(found.label, str(found.path))
        library_row = QHBoxLayout()
        library_label = QLabel(self.tr("Thư viện:"))
        library_label.setToolTip(self.tr("Tệp .dll (.so) đi kèm trình điều khiển của USB token; chọn một lần, "
                                         "chương trình nhớ cho lần sau."))
        library_row.addWidget(library_label)
        library_row.addWidget(self.library, 1)
        browse = QPushButton(self.tr("Chọn thư &viện…"))
        browse.setObjectName("browseLibrary")
        browse.clicked.connect(self._browse_library)
        library_row.addWidget(browse)
        grid.addWidget(self.by_token)
        grid.addLayout(library_row)
        self.p12 = QLineEdit()
        self.p12.setObjectName("p12")
        p12_row = QHBoxLayout()
        p12_row.addWidget(QLabel(self.tr("Tệp:")))
        p12_row.addWidget(self.p12, 1)
        browse_p12 = QPushButton(self.tr("Chọn &tệp…"))
        browse_p12.setObjectName("browseP12")
        browse_p12.clicked.connect(self._browse_p12)
        p12_row.addWidget(browse_p12)
        grid.addWidget(self.by_file)
        grid.addLayout(p12_row)
        layout.addWidget(source)
        (self.by_file if self.library.count() == 0 else self.by_token).setChecked(True)

        self.seal = QLineEdit()
        self.signature = QLineEdit()
        if images:
            box = QGroupBox(self.tr("Hình hiển thị trên văn bản (không bắt buộc; Nghị định 30/2020, Phụ lục I)"))
            form = QFormLayout(box)
            for edit, name, label, title in (
                    (self.seal, "seal", self.tr("Hình con dấu (đỏ, .png):"), self.tr("Chọn hình con dấu")),
                    (self.signature, "signatureImage", self.tr("Hình chữ ký (xanh, .png):"),
                     self.tr("Chọn hình chữ ký"))):
                edit.setObjectName(name)
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                button = QPushButton(self.tr("Chọn…"))
                button.clicked.connect(lambda _c=False, e=edit, t=title: self._browse_image(e, t))
                row.addWidget(button)
                form.addRow(label, row)
            layout.addWidget(box)

        pin_form = QFormLayout()
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.textChanged.connect(self._collect)
        pin_label = QLabel(self.tr("Mã &PIN (hoặc mật khẩu của tệp):"))
        pin_label.setBuddy(self.pin)
        pin_form.addRow(pin_label, self.pin)
        layout.addLayout(pin_form)
        hint = QLabel(self.tr("Mã PIN được hỏi mỗi lần ký và không được lưu. Nhập sai nhiều lần, thiết bị sẽ tự khóa: "
                              "chương trình không bao giờ tự thử lại."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet(f"color: {BAD_COLOUR};")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("&Ký"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("sign")
        cancel = buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for widget in (self.by_token, self.by_file):
            widget.toggled.connect(self._collect)
        self.library.currentTextChanged.connect(self._collect)
        self.p12.textChanged.connect(self._collect)
        self._collect()
        self.pin.setFocus()

    def _browse_library(self) -> None:
        chosen = choose_library(self, self.tr("Chọn thư viện PKCS#11 của USB token"))
        if chosen:
            self.library.insertItem(0, chosen, chosen)
            self.library.setCurrentIndex(0)
            self.by_token.setChecked(True)

    def _browse_p12(self) -> None:
        chosen = choose_p12(self, self.tr("Chọn tệp chứng thư số"))
        if chosen:
            self.p12.setText(chosen)
            self.by_file.setChecked(True)

    def _browse_image(self, edit: QLineEdit, title: str) -> None:
        chosen = choose_image(self, title)
        if chosen:
            edit.setText(chosen)

    def library_path(self) -> str:
        data = self.library.currentData()
        text = self.library.currentText().strip()
        return data if data and self.library.itemText(self.library.currentIndex()) == text else text

    def problems(self) -> list[str]:
        out = []
        if self.by_token.isChecked() and not self.library_path():
            out.append(self.tr("Chọn thư viện PKCS#11 của USB token (đi kèm trình điều khiển của thiết bị)."))
        if self.by_file.isChecked() and not self.p12.text().strip():
            out.append(self.tr("Chọn tệp chứng thư số .p12/.pfx."))
        if not self.pin.text():
            out.append(self.tr("Nhập mã PIN."))
        return out

    def _collect(self) -> None:
        problems = self.problems()
        self.problem.setText(problems[0] if problems else "")
        self.ok.setEnabled(not problems)

    def _accept(self) -> None:
        if self.problems():
            return
        if self.check is not None:  # e.g. no token plugged in, a wrong PIN: said here, the dialog stays open
            problem = self.check(self.request(clear_pin=False))
            if problem:
                self.problem.setText(problem)
                return
        self.accept()

    def request(self, clear_pin: bool = True) -> SignRequest:
        from ..signing.appearance import Appearance
        from ..signing.keys import FileSource, TokenSource
        from ..signing.libraries import remember_library

        if self.by_token.isChecked():
            library = Path(self.library_path())
            if library.is_file():
                remember_library(library)
            source = TokenSource(library)
        else:
            source = FileSource(Path(self.p12.text().strip()))
        appearance = Appearance(seal_image=Path(self.seal.text().strip()) if self.seal.text().strip() else None,
                                signature_image=Path(self.signature.text().strip())
                                if self.signature.text().strip() else None)
        pin = self.pin.text()
        if clear_pin:
            self.pin.clear()  # the PIN leaves the window with this request only
        return SignRequest(source, pin, appearance)


def ask_signing(parent: QWidget | None, organization: str, what: str, images: bool,
                check: Callable[[SignRequest], str | None] | None = None) -> SignRequest | None:
    """Show the dialog; the request, or None when cancelled. `check(request)` may refuse it with a sentence shown
    in the dialog, which stays open (nothing chosen is lost). Tests replace this."""
    dialog = SignDialog(organization, what, images, parent)
    dialog.check = check
    try:
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def key_problem(request: SignRequest, organization: str) -> str | None:
    """Whether the key opens with this PIN (token plugged in, right PIN, the unit's certificate): None, or why not."""
    from ..signing.keys import open_key

    try:
        with open_key(request.source, request.pin, organization):
            return None
    except (PhieuError, OSError) as err:
        return explain(err)


def signed_name(path: Path) -> Path:
    """`bien-ban-da-ky.pdf`, or `-da-ky-2.pdf`… when taken: nothing is ever overwritten."""
    out = path.with_name(f"{path.stem}-da-ky{path.suffix}")
    number = 2
    while out.exists():
        out = path.with_name(f"{path.stem}-da-ky-{number}{path.suffix}")
        number += 1
    return out


def sign_printed_pdfs(parent: QWidget | None, file: SessionFile) -> list[Path]:
    """The lock step's "Ký số…": pick printed PDFs, one PIN, each signed into `<name>-da-ky.pdf`."""
    chosen = [Path(p) for p in choose_pdfs(parent, _("Chọn các tệp PDF đã in để ký số"))]
    if not chosen:
        return []
    organization = file.session.organization
    from ..signing.keys import open_key
    from ..signing.pdf import sign_pdf
    from . import background

    request = ask_signing(parent, organization, _("{n} tệp PDF").format(n=len(chosen)), images=True,
                          check=lambda asked: key_problem(asked, organization))
    if request is None:
        return []
    done: list[Path] = []
    problem = None

    def sign_all(ticker) -> None:  # off the window's thread; each file whole or not at all (sign_pdf writes aside)
        with open_key(request.source, request.pin, organization) as key:
            for index, path in enumerate(chosen):
                ticker.step(index, len(chosen), _("Đang ký {name}…").format(name=path.name))
                out = signed_name(path)
                sign_pdf(path, out, key, request.appearance)
                done.append(out)

    try:
        background.run(parent, _("Đang ký số…"), sign_all)
    except (PhieuError, OSError) as err:
        problem = explain(err)
    finally:
        request.pin = ""
    if problem is not None:
        before = ("\n\n" + _("Đã ký trước đó: {names}").format(names=", ".join(p.name for p in done))) if done else ""
        dialogs.error(parent, problem + before)
        return done
    dialogs.info(parent, _("Đã ký số"), _("Đã ký số và ghi:\n{names}").format(
        names="\n".join(str(p) for p in done)))
    return done

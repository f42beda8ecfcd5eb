"""The "Gửi cấp trên" dialog as a plain form: what it collects, what is wrong with it, and the export it runs.

The Qt dialog only renders the fields, shows `problems()` and calls `send()`; this is tested without Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from pyrage import x25519

from ..documents import render_minutes
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.work import SILENT, Ticker
from ..store import SessionFile
from .export import ExportResult, MinutesRenderer, default_export_name, export_problems, export_session
from .keys import parse_recipient, recipient_from_file
from .passphrase import MIN_LENGTH


class Method(str, Enum):
    KEY = "key"  # the higher level's recipient(s): pasted, or read from its key card PDF / a text file
    PASSPHRASE = "passphrase"  # when the unit has no key: a passphrase agreed with the higher level


@dataclass
class SendUpForm:
    method: Method = Method.KEY
    pasted: str = ""  # one or more age1… (spaces inside ignored; several separated by new lines, commas or ;)
    key_files: list[Path] = field(default_factory=list)
    passphrase: str = ""
    confirm: str = ""
    out: Path | None = None  # None: the suggested name beside the session file

    def recipients(self) -> list[x25519.Recipient]:
        """Every recipient given, pasted or from files, without duplicates; PhieuError naming a bad one."""
        found: dict[str, x25519.Recipient] = {}
        for chunk in re.split(r"[\n,;]+", self.pasted):
            if chunk.strip():
                recipient = parse_recipient(chunk)
                found.setdefault(str(recipient), recipient)
        for path in self.key_files:
            recipient = recipient_from_file(path)
            found.setdefault(str(recipient), recipient)
        return list(found.values())

    def target(self, file: SessionFile) -> Path:
        return Path(self.out) if self.out else file.path.parent / default_export_name(file)

    def problems(self, file: SessionFile) -> list[str]:
        """Empty when `send` may run; the dialog shows the first and keeps its button disabled otherwise."""
        problems = export_problems(file)
        if problems:
            return problems
        if self.method is Method.KEY:
            try:
                if not self.recipients():
                    problems.append(_("Hãy dán khóa nhận của cấp trên (age1…) hoặc chọn tệp khóa nhận."))
            except PhieuError as err:
                problems.append(str(err))
        else:
            if len(self.passphrase) < MIN_LENGTH:
                problems.append(_("Mật khẩu phải có ít nhất {n} ký tự.").format(n=MIN_LENGTH))
            elif self.passphrase != self.confirm:
                problems.append(_("Hai lần nhập mật khẩu không giống nhau."))
        if self.target(file).exists():
            message = _("Tệp “{name}” đã tồn tại; chương trình không ghi đè.")
            problems.append(message.format(name=self.target(file).name))
        return problems

    def send(self, file: SessionFile, minutes: MinutesRenderer | None = render_minutes, key=None,
             ticker: Ticker = SILENT) -> ExportResult:
        """`key`: an opened signing.keys.SigningKey of the unit, to sign the package inside the envelope."""
        problems = self.problems(file)
        if problems:
            raise PhieuError(problems[0])
        if self.method is Method.KEY:
            return export_session(file, self.target(file), self.recipients(), minutes=minutes, key=key,
                                  ticker=ticker)
        return export_session(file, self.target(file), passphrase=self.passphrase, minutes=minutes, key=key,
                              ticker=ticker)

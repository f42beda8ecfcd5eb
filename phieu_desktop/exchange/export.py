"""`phieu export` and the window's "Gửi cấp trên": a locked, intact count, sealed for the higher level."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyrage import x25519

from ..documents import render_minutes
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.tally import result_to_json
from ..domain.work import SILENT, Ticker
from ..files import write_new
from ..store import SessionFile
from . import age
from .package import build_zip, sha256, suggested_name

MinutesRenderer = Callable[[SessionFile, Path], object]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    fingerprint: str
    recipients: tuple[str, ...]  # empty when encrypted to a passphrase
    with_minutes: bool
    signed_by: str = ""  # the signer's name (CN) when the package is signed


def export_problems(file: SessionFile) -> list[str]:
    """Why this file may not be sent yet (for the window to show before asking for a key)."""
    if not file.locked:
        return [_("Kết quả chưa được khóa và niêm phong: chỉ gửi cấp trên kết quả đã khóa.")]
    report = file.verify()
    if not report.ok:
        return [_("Tệp đã bị thay đổi ngoài chương trình: {problem}").format(problem=report.problems[0])]
    return []


def default_export_name(file: SessionFile) -> str:
    return suggested_name(file.session.organization, file.session.date)


def export_session(file: SessionFile, out: Path, recipients: Sequence[x25519.Recipient] = (),
                   passphrase: str | None = None, minutes: MinutesRenderer | None = render_minutes,
                   key=None, ticker: Ticker = SILENT) -> ExportResult:
    """Build, encrypt and write the package; records the export in the session's audit log.

    `minutes` renders the signed minutes' PDF into the package (None leaves it out: benchmarks only).
    `key` (a signing.keys.SigningKey, opened for this unit) signs the package inside the envelope: sign, then
    encrypt, so the signature travels encrypted and the higher level checks it after decrypting.
    `ticker` hears of each stage; a stop (Cancelled) before the last one leaves no file at `out`.
    """
    problems = export_problems(file)
    if problems:
        raise PhieuError(problems[0])
    if passphrase is None and not recipients:
        raise PhieuError(_("Cần ít nhất một khóa nhận (age1…) hoặc một mật khẩu."))
    out = Path(out)
    if out.exists():
        raise PhieuError(_("Tệp “{name}” đã tồn tại; chương trình không ghi đè.").format(name=out.name))
    ticker.step(0, 4, _("Đang sao tệp phiên…"))
    results = result_to_json(file.results())
    with tempfile.TemporaryDirectory(prefix="phieu-export-") as folder:
        minutes_bytes = None
        if minutes is not None:
            ticker.step(1, 4, _("Đang dựng biên bản…"))
            pdf = Path(folder) / "minutes.pdf"
            minutes(file, pdf)
            minutes_bytes = pdf.read_bytes()
            # the minutes' hash goes into the audit log before the copy is taken: the higher level calls the
            # package's minutes the unit's only when the sealed file's log names them (exchange/intake.py)
            file.note("printed", document="minutes", file="minutes.pdf", sha256=sha256(minutes_bytes),
                      packaged=True)
        copy = Path(folder) / "session.phieu"
        file.backup_to(copy)
        session_bytes = copy.read_bytes()
    sign = None
    if key is not None:
        from ..signing.certificates import check_usable
        from ..signing.cms import sign_bytes

        check_usable(key.info, file.session.organization)
        sign = lambda manifest: sign_bytes(manifest, key)  # noqa: E731
    ticker.step(2, 4, _("Đang đóng gói và ký…") if key is not None else _("Đang đóng gói…"))
    clear = build_zip(file.session, file.fingerprint or "", session_bytes, results, minutes_bytes, sign)
    ticker.step(3, 4, _("Đang mã hóa…"))
    sealed = age.encrypt(clear, recipients, passphrase)
    ticker.check()  # the last moment a stop is heard: after this the file is written whole, or not at all
    names = tuple(str(r) for r in recipients)
    # recorded once complete on disk and before it appears under its name: no kill leaves a package the log does
    # not record, and a failed note (read-only file, full disk) leaves nothing
    write_new(out, sealed, record=lambda: file.note(
        "exported", file=out.name, sha256=sha256(sealed), to=list(names) if names else "passphrase",
        minutes=minutes_bytes is not None,
        **({"signed_by": key.info.person, "signer_organization": key.info.organization} if key else {})))
    return ExportResult(path=out, fingerprint=file.fingerprint or "", recipients=names,
                        with_minutes=minutes_bytes is not None, signed_by=key.info.person if key else "")

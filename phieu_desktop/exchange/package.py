"""The package sent to the higher level: a zip of the session file, its results, the minutes and a manifest.

The zip is what gets age-encrypted (see `seal.py`); this module only builds and reads the clear zip, and refuses
anything that is not exactly our layout.
"""

from __future__ import annotations

import glob
import hashlib
import io
import json
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .. import __version__
from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.limits import MAX_MEMBER_BYTES, mib
from ..domain.session import Session

FORMAT = "phieu-export"
FORMAT_VERSION = 1
EXTENSION = ".phieux"

MANIFEST = "manifest.json"
SESSION = "session.phieu"
RESULTS = "results.json"
MINUTES = "minutes.pdf"
SIGNATURE = "signature.p7s"  # the unit's detached CMS signature over manifest.json (issue 15); optional
_REQUIRED = (MANIFEST, SESSION, RESULTS)
_ALLOWED = set(_REQUIRED) | {MINUTES, SIGNATURE}
# A session file of a very large meeting is a few MB; refuse zip bombs (the limit lives in domain/limits.py).


@dataclass(frozen=True)
class Manifest:
    program: str
    organization: str
    parent: str
    title: str
    place: str
    date: str  # ISO date of the session
    regime: str
    fingerprint: str
    exported_at: str
    files: dict[str, str]  # member name -> hex SHA-256

    def to_json(self) -> dict:
        return {"format": FORMAT, "version": FORMAT_VERSION, "program": self.program,
                "organization": self.organization, "parent": self.parent, "title": self.title, "place": self.place,
                "date": self.date, "regime": self.regime, "fingerprint": self.fingerprint,
                "exported_at": self.exported_at, "files": dict(self.files)}


@dataclass(frozen=True)
class Package:
    manifest: Manifest
    session: bytes
    results: dict
    minutes: bytes | None
    manifest_bytes: bytes = b""  # exactly as signed
    signature: bytes | None = None  # DER CMS over manifest_bytes, None for an unsigned package


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_manifest(session: Session, fingerprint: str, members: dict[str, bytes]) -> Manifest:
    return Manifest(
        program=__version__, organization=session.organization, parent=session.parent, title=session.title,
        place=session.place, date=session.date.isoformat(), regime=session.regime.value, fingerprint=fingerprint,
        exported_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        files={name: sha256(data) for name, data in members.items()})


def build_zip(session: Session, fingerprint: str, session_bytes: bytes, results: dict,
              minutes: bytes | None, sign: Callable[[bytes], bytes] | None = None) -> bytes:
    """The clear package. No check here: the caller (export) decides what may be sent.

    `sign` returns a detached signature over the manifest's bytes (which list every member's SHA-256).
    """
    members = {SESSION: session_bytes,
               RESULTS: json.dumps(results, ensure_ascii=False, indent=1).encode("utf-8")}
    if minutes is not None:
        members[MINUTES] = minutes
    manifest = build_manifest(session, fingerprint, members)
    buffer = io.BytesIO()
    manifest_bytes = json.dumps(manifest.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
    signature = sign(manifest_bytes) if sign is not None else None
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        for name, data in members.items():
            archive.writestr(name, data)
        if signature is not None:
            archive.writestr(SIGNATURE, signature)
    return buffer.getvalue()


def read_zip(data: bytes) -> Package:
    """Parse a decrypted package; PhieuError (the reason only, without the file name) for anything else."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, RuntimeError, OSError):
        raise PhieuError(_("nội dung giải mã không phải gói kết quả (không phải tệp zip)")) from None
    with archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        unknown = [n for n in names if n not in _ALLOWED]
        if unknown or len(set(names)) != len(names):
            raise PhieuError(_("gói có thành phần lạ ({names})").format(names=", ".join(unknown or names)))
        missing = [n for n in _REQUIRED if n not in names]
        if missing:
            raise PhieuError(_("gói thiếu thành phần {names}").format(names=", ".join(missing)))
        if any(info.file_size > MAX_MEMBER_BYTES for info in infos):
            raise PhieuError(_("gói có thành phần lớn hơn giới hạn {limit}").format(limit=mib(MAX_MEMBER_BYTES)))
        try:
            members = {name: archive.read(name) for name in names}
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, NotImplementedError,
                RuntimeError) as err:  # RuntimeError: a flag says "encrypted"
            raise PhieuError(_("gói bị hỏng ({err})").format(err=type(err).__name__)) from None
    manifest = _parse_manifest(members[MANIFEST])
    for name in names:
        if name in (MANIFEST, SIGNATURE):
            continue
        if manifest.files.get(name) != sha256(members[name]):
            raise PhieuError(_("thành phần {name} không khớp bản kê (manifest)").format(name=name))
    if set(manifest.files) != set(names) - {MANIFEST, SIGNATURE}:
        raise PhieuError(_("bản kê (manifest) không khớp các thành phần của gói"))
    try:
        results = json.loads(members[RESULTS].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PhieuError(_("tệp kết quả {name} không đọc được").format(name=RESULTS)) from None
    return Package(manifest=manifest, session=members[SESSION], results=results, minutes=members.get(MINUTES),
                   manifest_bytes=members[MANIFEST], signature=members.get(SIGNATURE))


def _parse_manifest(raw: bytes) -> Manifest:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PhieuError(_("bản kê (manifest) không đọc được")) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PhieuError(_("không phải gói kết quả của chương trình"))
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:  # NaN, "2", 1.5 …: not newer
        raise PhieuError(_("bản kê (manifest) ghi số phiên bản định dạng không hợp lệ ({version})").format(
            version=str(version)[:20]))
    if version > FORMAT_VERSION:
        raise PhieuError(_("gói được tạo bởi phiên bản mới hơn của chương trình; hãy cập nhật chương trình"))
    text_fields = ("program", "organization", "parent", "title", "place", "date", "regime", "fingerprint",
                   "exported_at")
    files = data.get("files")
    if any(not isinstance(data.get(name), str) for name in text_fields) or not isinstance(files, dict) or any(
            not isinstance(k, str) or not isinstance(v, str) for k, v in files.items()):
        raise PhieuError(_("bản kê (manifest) thiếu thông tin hoặc sai kiểu"))
    return Manifest(files=files, **{name: data[name] for name in text_fields})


def slug(text: str) -> str:
    """ASCII, lower case, words joined by '-': 'Sở Tài chính tỉnh Hà Giang' -> 'so-tai-chinh-tinh-ha-giang'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or "don-vi"


def suggested_name(organization: str, day: date) -> str:
    """The file name proposed for an export: organisation and date, nothing secret."""
    return f"{slug(organization)}_{day.isoformat()}{EXTENSION}"


def expand_inputs(values: list[str]) -> list[Path]:
    """Files as given; a folder stands for every .phieux in it; a pattern is expanded here (cmd.exe does not)."""
    paths: list[Path] = []
    for value in values:
        path = Path(value)
        if path.is_dir():
            paths += sorted(path.glob("*" + EXTENSION))
        elif not path.exists() and any(ch in value for ch in "*?["):
            paths += sorted(Path(p) for p in glob.glob(value)) or [path]
        else:
            paths.append(path)
    return paths

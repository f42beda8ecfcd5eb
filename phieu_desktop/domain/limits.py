"""Every size limit of the program, in one place: far above any real session, low enough that whatever is
accepted can still be printed, exported and consolidated.

Each door (SPEC.toml, the Prepare wizard, BALLOTS.csv, the person import, packages at the higher level) checks
its input against these numbers before the work starts, and names the limit in its message.
"""

from __future__ import annotations

from .errors import PhieuError
from .i18n import _

# Text, in characters (after NFC and white-space folding).
MAX_NAME = 100  # họ và tên; the longest real Vietnamese names are about 40
MAX_POSITION = 300  # chức vụ, đơn vị công tác, as printed on the ballot
MAX_TEXT = 300  # organisation, parent body, meeting title, place, paper title, voters, committee role
MAX_REASON = 500  # reason of a correction, a removal or a ruling

# Counts.
MAX_PERSONS = 150  # persons on one ballot paper (the Quốc hội rated 44)
MAX_PAPERS = 10  # kinds of ballot paper in one session
MAX_COMMITTEE = 30  # members of the counting committee
MAX_PEOPLE = 100_000  # people summoned; present, issued and returned are at most this
MAX_PLAN_DAYS = 366  # a deadline of the plan lies at most this many days before or after the meeting
MAX_QUESTIONS = 5000  # voters' written questions recorded in one plan

# Files, in bytes, checked before they are read.
MAX_SPEC_BYTES = 1024 * 1024  # SPEC.toml
MAX_BALLOTS_CSV_BYTES = 32 * 1024 * 1024  # BALLOTS.csv: 100,000 ballots of 150 codes fit
MAX_CSV_FIELD = 4096  # one field of a BALLOTS.csv (the marks of one ballot, with spaces)
MAX_IMPORT_BYTES = 20 * 1024 * 1024  # a person list (.xlsx or .csv) as stored
MAX_IMPORT_UNPACKED = 16 * 1024 * 1024  # an .xlsx's members once unzipped (a 400 MB cell zips to 400 KB)
MAX_IMPORT_ROWS = 5000  # rows of a person list
MAX_CELL = 1000  # characters in one cell of a person list
MAX_PACKAGE_BYTES = 64 * 1024 * 1024  # one .phieux sent up
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one member of a package once decrypted and unzipped
MAX_RECIPIENT_BYTES = 5 * 1024 * 1024  # the higher level's recipient: a text file or the key card PDF
MAX_CERTIFICATE_BYTES = 1024 * 1024  # a root certificate added to the trust store (a few KB in practice)
MAX_PDF_BYTES = 128 * 1024 * 1024  # a PDF to sign or whose signatures to check
MAX_KEY_FILE_BYTES = 1024 * 1024  # the higher level's key file (a few hundred bytes in practice)
# log2 of scrypt's N that a passphrase file (package or key file) may declare: our exports write 2^18, files of
# earlier versions 2^20 (1 GiB). A file declaring more is refused before pyrage allocates 2^N KiB (2^23: 8 GiB).
MAX_SCRYPT_WORK_FACTOR = 20

# Scanned ballots (phieu scan, the window's "Quét phiếu"), checked before a file is read or a page rendered.
MAX_SCAN_FILE_BYTES = 512 * 1024 * 1024  # one scanned file (a TIFF of 50 uncompressed A4 pages at 300 dpi fits)
MAX_SCAN_PAGES = 2000  # pages read in one go (1,000 ballots of two sheets): a larger stack is read in parts
MAX_SCAN_PIXELS = 150_000_000  # one image or TIFF frame (an A4 page at 1200 dpi is 139 million)
MAX_SCAN_PAGE_MM = 600  # each side of a PDF page (A2 is 594 mm); rendered at 200 dpi


class LimitError(PhieuError):
    """An input larger than the program accepts; the message names the limit."""


def mib(size: int) -> str:
    """A byte limit as the user reads it: '32 MB'."""
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def check_file_size(name: str, size: int, limit: int) -> None:
    """Refuse a file before reading it when it is larger than `limit` bytes."""
    if size > limit:
        raise LimitError(_("Tệp “{name}” quá lớn ({size}); giới hạn là {limit}.").format(
            name=name, size=mib(size) if size >= 1024 * 1024 else f"{size} byte", limit=mib(limit)))


def check_count(label: str, value: int, limit: int) -> str | None:
    """A problem (Vietnamese) when `value` is above `limit`, naming the field and the limit; else None."""
    if value > limit:
        return _("{label}: {value} vượt giới hạn {limit} của chương trình.").format(
            label=label, value=value, limit=f"{limit:,}".replace(",", "."))
    return None


__all__ = ["LimitError", "MAX_BALLOTS_CSV_BYTES", "MAX_CELL", "MAX_COMMITTEE", "MAX_CSV_FIELD", "MAX_IMPORT_BYTES",
           "MAX_IMPORT_ROWS", "MAX_IMPORT_UNPACKED", "MAX_KEY_FILE_BYTES", "MAX_MEMBER_BYTES", "MAX_NAME",
           "MAX_PACKAGE_BYTES", "MAX_PAPERS", "MAX_PEOPLE", "MAX_PERSONS", "MAX_PLAN_DAYS", "MAX_POSITION",
           "MAX_QUESTIONS", "MAX_REASON", "MAX_SCAN_FILE_BYTES", "MAX_SCAN_PAGES", "MAX_SCAN_PAGE_MM",
           "MAX_SCAN_PIXELS", "MAX_SCRYPT_WORK_FACTOR", "MAX_SPEC_BYTES", "MAX_TEXT", "check_count", "check_file_size",
           "mib"]

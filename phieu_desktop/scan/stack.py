"""A scanned stack read in order: sheets grouped into ballots, every page checked, problems named by file and page.

Nothing is entered here: a `BallotReading` is a proposal that a person confirms (the window's "Quét phiếu" dialog,
or a readings file reviewed before `phieu enter --readings`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..domain.errors import PhieuError
from ..domain.i18n import _
from ..domain.work import SILENT, Ticker
from .reading import NoBallot, RowReading, SheetMismatch, SheetReading, read_sheet
from .sources import Page, Unreadable
from .template import PaperTemplate


@dataclass
class ReadSheet:
    page: Page
    reading: SheetReading


@dataclass
class BallotReading:
    """One paper ballot as read: its sheets in order, one row per person."""

    sheets: list[ReadSheet] = field(default_factory=list)

    @property
    def rows(self) -> list[RowReading]:
        return sorted((r for s in self.sheets for r in s.reading.rows), key=lambda r: r.person)

    @property
    def marks(self) -> str:
        return "".join(r.code for r in self.rows)

    @property
    def doubtful(self) -> list[int]:
        """0-based persons whose reading a person must look at."""
        return [r.person for r in self.rows if r.doubtful]

    @property
    def images(self) -> list[str]:
        return [s.page.sha256 for s in self.sheets]


@dataclass(frozen=True)
class SetAside:
    """A page the reader put aside (its file and 1-based page, 0 for a whole file), with the reason: the person
    rescans it or enters that ballot by hand; the rest of the stack is read all the same."""

    file: str
    page: int
    reason: str  # Vietnamese, naming the file and page

    def to_json(self) -> dict:
        return {"file": self.file, "page": self.page, "reason": self.reason}


@dataclass
class StackReading:
    ballots: list[BallotReading]
    set_aside: list[SetAside]

    @property
    def problems(self) -> list[str]:
        """Each page set aside, in words naming its file and page."""
        return [item.reason for item in self.set_aside]


def read_stack(pages: Iterable[Page | Unreadable], template: PaperTemplate,
               progress: Callable[[int], None] | None = None, ticker: Ticker = SILENT) -> StackReading:
    """Read every page in order. A page that cannot be used is set aside by name; so is an incomplete ballot."""
    ballots: list[BallotReading] = []
    aside: list[SetAside] = []
    for item in stream_stack(pages, template, progress, ticker):
        (ballots if isinstance(item, BallotReading) else aside).append(item)
    return StackReading(ballots, aside)


def stream_stack(pages: Iterable[Page | Unreadable], template: PaperTemplate,
                 progress: Callable[[int], None] | None = None,
                 ticker: Ticker = SILENT) -> Iterator[BallotReading | SetAside]:
    """The same, handing on each ballot as soon as its last sheet is read (the window shows the first one while the
    rest are still read) and each page set aside as soon as it is met. `ticker` reports each page and stops the
    reading between two pages when the person asks (Cancelled)."""
    ballots: list[BallotReading] = []
    current: BallotReading | None = None
    seen: dict[str, Page] = {}
    sheets = len(template.sheets)
    for count, page in enumerate(pages, start=1):
        ticker.step(count, None, _("Đang đọc trang {n}…").format(n=count))
        if progress is not None:
            progress(count)
        if isinstance(page, Unreadable):
            yield SetAside(page.path.name, page.number, page.reason)
            continue
        earlier = seen.get(page.sha256)
        if earlier is not None:
            yield (_aside(page, _("{where}: ảnh này đã quét rồi (giống hệt {earlier}); bỏ qua.").format(
                where=page.where, earlier=earlier.where)))
            continue
        seen[page.sha256] = page
        try:
            reading = read_sheet(page.load(), template)
        except NoBallot as err:
            yield (_aside(page, _no_ballot(page, str(err))))
            continue
        except SheetMismatch as err:
            yield (_aside(page, _mismatch(page, err, template)))
            continue
        except (PhieuError, ValueError, OSError):  # an image Pillow cannot turn into grey levels
            yield (_aside(page, _("{where}: không đọc được ảnh này.").format(where=page.where)))
            continue
        finally:
            page.image = None  # a stack of 480 pages is not held in memory
        reading.image = None  # type: ignore[assignment]  # recomputed when a person looks at the sheet
        number = reading.code.sheet
        expected = 1 if current is None else len(current.sheets) + 1
        if number != expected:
            previous = current.sheets[-1] if current is not None else (
                ballots[-1].sheets[-1] if ballots and current is None else None)
            if previous is not None and previous.reading.code.sheet == number and _same(previous.reading, reading):
                yield (_aside(page, _("{where}: tờ {sheet}/{sheets} quét hai lần liền nhau (giống {earlier}); "
                                               "bỏ qua.").format(where=page.where, sheet=number, sheets=sheets,
                                                                 earlier=previous.page.where)))
                continue
            if current is not None:
                yield (_aside(page, _("{where}: phiếu thứ {n} thiếu tờ {missing}/{sheets} (gặp tờ {sheet}); "
                                               "phiếu đó chưa được đọc.").format(
                    where=page.where, n=len(ballots) + 1, missing=expected, sheets=sheets, sheet=number)))
            else:
                yield (_aside(page, _("{where}: gặp tờ {sheet}/{sheets} khi chờ tờ 1 của một phiếu mới; "
                                               "thiếu tờ 1.").format(where=page.where, sheet=number, sheets=sheets)))
            current = None
            if number != 1:
                continue
        if current is None:
            current = BallotReading()
        current.sheets.append(ReadSheet(page, reading))
        if len(current.sheets) == sheets:
            ballots.append(current)
            yield current
            current = None
    if current is not None:
        last = current.sheets[-1].page
        yield _aside(last, _("{where}: phiếu thứ {n} thiếu tờ {missing}/{sheets} ở cuối xấp; phiếu đó chưa được "
                             "đọc.").format(where=last.where, n=len(ballots) + 1, missing=len(current.sheets) + 1,
                                            sheets=sheets))


def _aside(page: Page, reason: str) -> SetAside:
    return SetAside(page.path.name, page.number, reason)


def _same(a: SheetReading, b: SheetReading) -> bool:
    """The same paper scanned twice: the same sheet with the same marks, ink for ink."""
    return len(a.rows) == len(b.rows) and all(
        x.code == y.code and all(abs(i - j) <= 0.01 for i, j in zip(x.ink, y.ink)) and abs(x.added - y.added) <= 0.01
        for x, y in zip(a.rows, b.rows))


def _no_ballot(page: Page, what: str) -> str:
    if what == "markers":
        return _("{where}: không thấy phiếu trong ảnh (không tìm thấy bốn dấu vuông ở góc phiếu; phiếu phải được in "
                 "kèm mã để quét và chụp đủ bốn góc).").format(where=page.where)
    return _("{where}: không đọc được mã QR của phiếu (phiếu in không có mã để quét, hoặc ảnh mờ).").format(
        where=page.where)


def _mismatch(page: Page, err: SheetMismatch, template: PaperTemplate) -> str:
    code = err.code
    if code is not None and code.session_code != template.session_code.upper():
        return _("{where}: phiếu của một phiên khác (mã phiên {other}, phiên này {ours}).").format(
            where=page.where, other=code.session_code, ours=template.session_code.upper())
    if code is not None and code.paper_key != template.paper_key:
        return _("{where}: là phiếu loại “{other}”, không phải “{key}”.").format(
            where=page.where, other=code.paper_key, key=template.paper_key)
    return _("{where}: phiếu được in từ một bố cục khác của loại phiếu này (danh sách hoặc mẫu đã đổi sau khi "
             "in, hoặc phiếu in bằng một phiên bản khác của chương trình); hãy nhập tay phiếu này.").format(
        where=page.where)

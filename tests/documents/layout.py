"""Layout checks of a printed PDF, without eyes: word boxes from poppler (pdftotext -bbox-layout, pdftohtml -xml),
drawn lines from the content streams (pypdf). Each check returns a list of problems ("" when none), each naming the
page, so that a failure says where to look.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader

MM = 72 / 25.4
EDGE = 10 * MM  # no mark nearer the edge of the sheet (office printers leave 4-6 mm)
TOP, BOTTOM, LEFT, RIGHT = 20 * MM, 20 * MM, 30 * MM, 15 * MM  # Nghị định 30/2020 (smallest allowed)
SLACK = 1.0  # points: poppler's boxes include the font's side bearings


@dataclass
class Word:
    x0: float
    y0: float  # from the top of the page, as poppler gives it
    x1: float
    y1: float
    text: str
    line: int


@dataclass
class Segment:
    """A run of text of one style (pdftohtml): for bold headings at the foot of a page."""

    top: float
    left: float
    width: float
    height: float
    text: str
    bold: bool


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def body(self) -> list[Word]:
        """Words inside the body frame (not the marks in the top and bottom margin bands)."""
        return [w for w in self.words if w.y0 >= TOP - SLACK and w.y1 <= self.height - BOTTOM + SLACK
                and w.y1 - w.y0 < 40]


def need_poppler() -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdftohtml") is None:
        pytest.skip("poppler-utils absent (CI installs it in .ci/run)")


def read(pdf: Path) -> list[Page]:
    need_poppler()
    run = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    root = ET.fromstring(re.sub(r'xmlns="[^"]+"', "", run.stdout, count=1))
    pages = []
    line_id = 0
    for number, node in enumerate(root.iter("page"), start=1):
        page = Page(number, float(node.get("width")), float(node.get("height")))
        for line in node.iter("line"):
            line_id += 1
            for w in line.iter("word"):
                page.words.append(Word(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                                       float(w.get("yMax")), w.text or "", line_id))
        pages.append(page)
    html = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", "-zoom", "1", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    for node in ET.fromstring(html.encode("utf-8")).iter("page"):
        page = pages[int(node.get("number")) - 1]
        for t in node.iter("text"):
            text = "".join(t.itertext()).strip()
            if text:
                page.segments.append(Segment(float(t.get("top")), float(t.get("left")), float(t.get("width")),
                                             float(t.get("height")), text, t.find("b") is not None))
    return pages


# --- which pages end a unit (a copy of the minutes, a person's form, a ballot) ---

PAGE_LABEL = re.compile(r"Trang (\d+)/(\d+)")


def page_number(page: Page) -> Word | None:
    """The page number Nghị định 30 places at the top, centred over the body (None on a unit's first page)."""
    middle = LEFT + (page.width - LEFT - RIGHT) / 2
    return next((w for w in page.words if w.text.isdigit() and w.y0 < 26 * MM
                 and abs((w.x0 + w.x1) / 2 - middle) < 15), None)


def unit_ends(pages: list[Page]) -> set[int]:
    """Page numbers that end a unit (a copy, a form): "Trang n/n", a page followed by one without a page number
    (the next unit's first page), and always the document's last page."""
    ends = {pages[-1].number} if pages else set()
    for page, following in zip(pages, pages[1:]):
        found = PAGE_LABEL.findall(page.text)
        if found and found[0][0] == found[0][1]:
            ends.add(page.number)
        elif not PAGE_LABEL.findall(following.text) and page_number(following) is None:
            ends.add(page.number)
    return ends


def page_numbers(pages: list[Page]) -> list[str]:
    """Nghị định 30 (issue 24, item 7): no page label "Trang i/n"; the number centred at the top, 13–14 pt, from
    the second page of each unit, counting on from the page before."""
    bad = []
    previous: int | None = None
    for page in pages:
        if PAGE_LABEL.search(page.text):
            bad.append(f"trang {page.number}: nhãn “Trang i/n” thay cho số trang ở giữa lề trên")
        word = page_number(page)
        number = int(word.text) if word is not None else None
        if number is not None:
            if word.y1 - word.y0 < 11.5:  # poppler gives 0.91 of the size: 13 pt is 11.8
                bad.append(f"trang {page.number}: số trang cỡ chữ nhỏ hơn 13 pt")
            if number != (previous or 1) + 1:
                bad.append(f"trang {page.number}: số trang {number} sau {previous or 'trang đầu'}")
        previous = number
    return bad


# --- the checks ---

def edges(pages: list[Page]) -> list[str]:
    """Every glyph at least 10 mm from every edge of the sheet."""
    bad = []
    for p in pages:
        for w in p.words:
            if w.y1 - w.y0 > 40:  # the diagonal watermark: a graphic, checked by overlaps()
                continue
            if w.x0 < EDGE - SLACK or w.y0 < EDGE - SLACK or w.x1 > p.width - EDGE + SLACK or \
                    w.y1 > p.height - EDGE + SLACK:
                bad.append(f"trang {p.number}: “{w.text}” cách mép dưới 10 mm ({w.x0:.0f},{w.y0:.0f})")
    return bad


def margins(pages: list[Page]) -> list[str]:
    """Every line of text inside the left and right margins of Nghị định 30 (marks included)."""
    bad = []
    for p in pages:
        for w in p.words:
            if w.y1 - w.y0 > 40:
                continue
            if w.x0 < LEFT - SLACK or w.x1 > p.width - RIGHT + SLACK:
                bad.append(f"trang {p.number}: “{w.text}” ngoài lề trái/phải ({w.x0:.0f}–{w.x1:.0f})")
    return bad


def overlaps(pages: list[Page]) -> list[str]:
    """No two words' boxes overlap (the draft's banner and the MẬT mark included)."""
    bad = []
    for p in pages:
        words = sorted((w for w in p.words if w.y1 - w.y0 < 40), key=lambda w: w.y0)
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b.y0 >= a.y1 - 1.5:
                    break
                if min(a.x1, b.x1) - max(a.x0, b.x0) > 1.0 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1.5:
                    bad.append(f"trang {p.number}: “{a.text}” chồng lên “{b.text}”")
    return bad


def heading_blocks(pages: list[Page], national: tuple[str, ...] = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                                      "ĐẢNG CỘNG SẢN VIỆT NAM")) -> list[str]:
    """The issuing body (left) and the national or Party title (right) stay ≥ 3 mm apart, the body's name
    breaks only between word groups (no line of one place-name word) and its lines are balanced."""
    bad = []
    for p in pages:
        lines: dict[int, list[Word]] = {}
        for w in p.words:
            lines.setdefault(w.line, []).append(w)
        texts = {k: " ".join(w.text for w in ws) for k, ws in lines.items()}
        title = next((k for k, t in texts.items() for n in national if t.endswith(n) or t == n), None)
        if title is None:
            continue
        tw = lines[title]
        start = next(i for i in range(len(tw)) if " ".join(w.text for w in tw[i:]) in national)
        right = tw[start:]
        right_x = min(w.x0 for w in right)
        if start:  # pdftotext joined the left block's words to the title's line: they touch
            bad.append(f"trang {p.number}: tên cơ quan chạm Quốc hiệu/tiêu đề Đảng")
        top = right[0].y0
        bottom = top + 75
        band = [w for w in p.words if top - 2 <= w.y0 <= bottom]
        dates = [w for w in band if w.x0 >= right_x - 40 * MM and w.text in ("ngày", "tháng")]
        right_x = min([right_x] + [min(x.x0 for x in lines[w.line]) for w in dates])
        left = [w for w in band if w.x1 < right_x + 1 and w.line not in {d.line for d in dates}]
        for w in left:
            if w.x1 > right_x - 3 * MM:
                bad.append(f"trang {p.number}: “{w.text}” cách khối bên phải dưới 3 mm")
        upper = {}
        for w in left:
            if w.text.isupper() and len(w.text) > 1 and "…" not in w.text or w.text == "*":  # not "Số …-BB/…"
                upper.setdefault(w.line, []).append(w)
        rows = sorted(upper.values(), key=lambda ws: ws[0].y0)
        for a, b in zip(rows, rows[1:]):
            if b[0].y0 - a[0].y0 > 20:
                continue
            first, second = " ".join(w.text for w in a), " ".join(w.text for w in b)
            if len(b) == 1 and b[0].text != "*":
                bad.append(f"trang {p.number}: tên cơ quan ngắt dòng không đúng chỗ: “{first} / {second}”")
        break
    return bad


def headings_at_foot(pages: list[Page]) -> list[str]:
    """No page (but a unit's last) ends on a bold line: a heading or a table's header row left alone."""
    bad = []
    ends = unit_ends(pages)
    for p in pages:
        if p.number in ends:
            continue
        body = [s for s in p.segments if s.top >= TOP - SLACK and s.top + s.height <= p.height - BOTTOM + SLACK
                and s.height < 40]
        if not body:
            continue
        lowest = max(s.top for s in body)
        last = [s for s in body if s.top >= lowest - 3]
        if all(s.bold for s in last):
            bad.append(f"trang {p.number}: trang kết thúc bằng đề mục “{last[0].text}”")
    return bad


def sparse_pages(pages: list[Page], least: float = 0.15) -> list[str]:
    """No page in the middle of a unit filled below 15 % of the body's height."""
    bad = []
    ends = unit_ends(pages)
    for p in pages:
        if p.number in ends:
            continue
        body = p.body()
        if not body:
            bad.append(f"trang {p.number}: trang trắng ở giữa văn bản")
            continue
        filled = (max(w.y1 for w in body) - min(w.y0 for w in body)) / (p.height - TOP - BOTTOM)
        if filled < least:
            bad.append(f"trang {p.number}: chỉ dùng {filled:.0%} trang")
    return bad


def table_splits(pages: list[Page], keep_whole: int = 10, least: int = 3, low: float = 0.85) -> list[str]:
    """A result table (STT 1, 2, … in its first column) of ≤ 10 rows is never split, unless it was bent to fill a page
    that keeping it whole would have left more than a third empty (documents/flow.py ROOM_LEFT): its rows on the
    first page then reach the foot of the body (below `low` of it); a split table leaves ≥ 3 rows on each side of a
    break, and its header ("Họ và tên") is repeated above the rows that continue."""
    bad = []
    reach: dict[int, float] = {}  # per table: how far down the body its last row on its first page ends
    runs: list[list[tuple[int, int]]] = []  # per table: (page, STT)
    for p in pages:
        column = [w for w in p.body() if w.text.isdigit() and w.x0 < LEFT + 9 * MM and len(w.text) <= 3]
        for w in sorted(column, key=lambda w: w.y0):
            n = int(w.text)
            if n == 1 or not runs or runs[-1][-1][1] != n - 1:
                if n == 1:
                    runs.append([(p.number, n)])
                    reach[id(runs[-1])] = (w.y1 - TOP) / (p.height - TOP - BOTTOM)
                continue
            if runs[-1][0][0] == p.number:
                reach[id(runs[-1])] = (w.y1 - TOP) / (p.height - TOP - BOTTOM)
            runs[-1].append((p.number, n))
    for run in runs:
        per_page: dict[int, int] = {}
        for page, _n in run:
            per_page[page] = per_page.get(page, 0) + 1
        if len(per_page) == 1:
            continue
        if len(run) <= keep_whole and not (min(per_page.values()) >= least and reach.get(id(run), 0) >= low):
            bad.append(f"bảng {len(run)} dòng bị cắt qua trang: {per_page}")
        elif min(per_page.values()) < least:
            bad.append(f"bảng {len(run)} dòng để lại dưới {least} dòng ở một trang: {per_page}")
        for page in list(per_page)[1:]:
            if "Họ và tên" not in pages[page - 1].text:
                bad.append(f"trang {page}: bảng tiếp theo không lặp lại dòng tiêu đề")
    return bad


FORBIDDEN = [r"\bphieu\b", r"\bverify\b", r"--[a-z]", r"SHA-?\d*", r"\b\d+ bit\b", r"[<‹]tệp[>›]", r"\bNone\b",
             r"\bTrue\b", r"\bFalse\b", r"\bnull\b", r"https?:", r"\bthe\b", r"\band\b", r"\bof\b", r"\bpage\b",
             r"\bdraft\b", r"\bballot\b", r"\bminutes\b", r"\breport\b", r"\bfingerprint\b", r"\{\w*\}", r"\\"]


def forbidden_tokens(pages: list[Page]) -> list[str]:
    """No command, program word or English in an official paper."""
    bad = []
    for p in pages:
        for pattern in FORBIDDEN:
            found = re.search(pattern, p.text)
            if found:
                bad.append(f"trang {p.number}: “{found.group(0)}”")
    return bad


THREE_LEVEL_ONLY = ["tín nhiệm thấp", "Tín nhiệm thấp", "Mức độ tín nhiệm", "tín nhiệm cao", "Tín nhiệm cao",
                    "Thấp", "Cao", "trên 1/2 đến dưới 2/3", "từ 2/3 trở lên tổng số phiếu", "Trên 1/2"]
TWO_LEVEL_ONLY = ["không tín nhiệm", "Không tín nhiệm", "quá nửa"]


def regime_terms(pages: list[Page], two_levels: bool) -> list[str]:
    """Only the regime's own terms: no three-level word in a no-confidence vote, and the other way round."""
    bad = []
    words = THREE_LEVEL_ONLY if two_levels else TWO_LEVEL_ONLY
    for p in pages:
        text = re.sub(r"\s+", " ", p.text)
        for term in words:
            if re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text):
                bad.append(f"trang {p.number}: “{term}”")
    return bad


def fonts_embedded(pdf: Path) -> list[str]:
    """pdffonts: every font embedded, none of the 14 standard fonts (Helvetica) referenced."""
    run = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    bad = []
    for line in run.stdout.splitlines()[2:]:
        columns = line.split()
        # name type [encoding…] emb sub uni object ID: "emb" is the 5th field from the end
        if len(columns) >= 7 and columns[-5] != "yes":
            bad.append(f"phông không nhúng: {columns[0]}")
        if "Helvetica" in line:
            bad.append(f"phông Helvetica: {columns[0]}")
    return bad


def archival(pdf: Path) -> list[str]:
    """PDF/A-2b markers: XMP metadata saying so, an output intent with an ICC profile, a document ID."""
    reader = PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    bad = []
    if "/Metadata" not in root:
        return ["không có siêu dữ liệu XMP"]
    xmp = root["/Metadata"].get_object()
    if "/Filter" in xmp:
        bad.append("siêu dữ liệu XMP bị nén")
    data = xmp.get_data().decode("utf-8")
    if "<pdfaid:part>2</pdfaid:part>" not in data or "<pdfaid:conformance>B</pdfaid:conformance>" not in data:
        bad.append("XMP không khai báo PDF/A-2b")
    intents = root.get("/OutputIntents")
    if not intents:
        bad.append("không có output intent")
    else:
        intent = intents[0].get_object()
        profile = intent["/DestOutputProfile"].get_object().get_data()
        if intent["/S"] != "/GTS_PDFA1" or profile[36:40] != b"acsp":
            bad.append("output intent không có hồ sơ màu ICC")
    if "/ID" not in reader.trailer:
        bad.append("không có /ID")
    return bad


# --- lines drawn: the rule under "ĐẢNG CỘNG SẢN VIỆT NAM" ---

_NUMBER = r"(\d[\d.]*)"
_ATTENDANCE = re.compile(
    r"Tổng số [^:]*: " + _NUMBER + r" (?:người|đồng chí)\. -? ?Số có mặt dự (?:hội nghị|kỳ họp)(?: \(kỳ họp\))?: " +
    _NUMBER +
    r" (?:người|đồng chí)\. - Số vắng mặt[^:]*: " + _NUMBER + r" (?:người|đồng chí)(?:, gồm " + _NUMBER +
    r" [^0-9]*? và " + _NUMBER + r" [^0-9]*?)?\. - Số có mặt tại thời điểm bỏ phiếu: " + _NUMBER)


def attendance_adds_up(pages: list[Page]) -> list[str]:
    """Every block of attendance lines adds up (issue 24, item 4): present + absent from the start = summoned,
    present at the vote + absent = summoned, and the absent are broken down into absent from the start and left
    before the vote. A block without the breakdown is reported: có mặt + vắng mặt ≠ tổng số on paper."""
    text = " ".join(p.text for p in pages)
    blocks = _ATTENDANCE.findall(text)
    if not blocks:
        return ["không tìm thấy các dòng số người dự"]
    bad = []
    for block in blocks:
        summoned, present, absent, start, left, at_vote = (int(v.replace(".", "")) if v else None for v in block)
        if start is None:
            bad.append(f"vắng mặt {absent} không tách thành vắng từ đầu và rời hội nghị ({summoned}/{present}/"
                       f"{at_vote})")
        elif present + start != summoned or at_vote + absent != summoned or start + left != absent:
            bad.append(f"không cộng được: triệu tập {summoned}, có mặt {present}, vắng {absent} = {start} + {left}, "
                       f"khi bỏ phiếu {at_vote}")
    return bad


def _multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _segments(content, resources, ctm, out) -> None:
    from pypdf.generic import ContentStream

    stack, start, point = [], None, None
    for operands, op in ContentStream(content, None).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else ctm
        elif op == b"cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif op == b"m":
            point = start = (float(operands[0]), float(operands[1]))
        elif op == b"l" and point is not None:
            end = (float(operands[0]), float(operands[1]))
            a = (point[0] * ctm[0] + point[1] * ctm[2] + ctm[4], point[0] * ctm[1] + point[1] * ctm[3] + ctm[5])
            b = (end[0] * ctm[0] + end[1] * ctm[2] + ctm[4], end[0] * ctm[1] + end[1] * ctm[3] + ctm[5])
            out.append((a, b))
            point = end
        elif op == b"Do" and resources is not None:
            xobject = resources.get("/XObject", {}).get(operands[0])
            if xobject is not None:
                xobject = xobject.get_object()
                matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                _segments(xobject, xobject.get("/Resources", resources), _multiply(matrix, ctm), out)
    del start


def drawn_lines(pdf: Path, page_index: int) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    page = PdfReader(str(pdf)).pages[page_index]
    out: list = []
    _segments(page.get_contents(), page.get("/Resources"), [1, 0, 0, 1, 0, 0], out)
    return out


def party_rule(pdf: Path, pages: list[Page], title: str = "ĐẢNG CỘNG SẢN VIỆT NAM") -> list[str]:
    """Hướng dẫn 36: the line under "ĐẢNG CỘNG SẢN VIỆT NAM" as long as the words (within 1.5 pt)."""
    bad = []
    for p in pages[:1]:
        words = title.split()
        seq = p.words
        for i in range(len(seq) - len(words) + 1):
            if [w.text for w in seq[i:i + len(words)]] == words:
                first, last = seq[i], seq[i + len(words) - 1]
                break
        else:
            return [f"trang {p.number}: không thấy “{title}”"]
        width = last.x1 - first.x0
        baseline = p.height - first.y1  # in PDF coordinates
        under = [(a, b) for a, b in drawn_lines(pdf, p.number - 1)
                 if abs(a[1] - b[1]) < 0.1 and baseline - 14 < a[1] < baseline
                 and min(a[0], b[0]) < last.x1 and max(a[0], b[0]) > first.x0]
        if not under:
            bad.append(f"trang {p.number}: không có đường kẻ dưới “{title}”")
        for a, b in under:
            length = abs(b[0] - a[0])
            if abs(length - width) > 1.5:
                bad.append(f"trang {p.number}: đường kẻ {length / MM:.1f} mm, chữ {width / MM:.1f} mm")
    return bad


def _rule_under(pdf: Path, page: Page, line_words: list[Word]) -> list[float]:
    """The lengths of the horizontal lines drawn just under a line of words (within 14 pt of its baseline)."""
    x0, x1 = min(w.x0 for w in line_words), max(w.x1 for w in line_words)
    baseline = page.height - max(w.y1 for w in line_words)
    return [abs(b[0] - a[0]) for a, b in drawn_lines(pdf, page.number - 1)
            if abs(a[1] - b[1]) < 0.1 and baseline - 14 < a[1] < baseline and min(a[0], b[0]) < x1
            and max(a[0], b[0]) > x0]


def _lines_of(page: Page) -> list[list[Word]]:
    lines: dict[int, list[Word]] = {}
    for w in page.words:
        lines.setdefault(w.line, []).append(w)
    return list(lines.values())


def header_details(pdf: Path, pages: list[Page], kind: str, party: bool) -> list[str]:
    """Issue 24, items 6 and 12, on the first page: the number line ("Số: …/BB-…", Party "Số …-BB/…") under the
    issuing body; a state heading's line under the issuing body 1/3 to 1/2 as long as its longest line (NĐ 30);
    a line under the title's summary line (trích yếu)."""
    page = pages[0]
    bad = []
    pattern = rf"Số …+-{kind}/…" if party else rf"Số: …+/{kind}-…"
    if not re.search(pattern, page.text):
        bad.append(f"trang 1: thiếu dòng số, ký hiệu “{pattern}”")
    lines = _lines_of(page)
    if not party:
        left = [ln for ln in lines if max(w.x1 for w in ln) < page.width / 2 and min(w.y0 for w in ln) < 200]
        ruled = [(ln, _rule_under(pdf, page, ln)) for ln in left]
        ruled = [(ln, r) for ln, r in ruled if r]
        if not ruled:
            bad.append("trang 1: không có đường kẻ dưới tên cơ quan ban hành")
        for ln, lengths in ruled:
            top = min(w.y0 for w in ln)
            longest = max(max(w.x1 for w in o) - min(w.x0 for w in o) for o in left if min(w.y0 for w in o) <= top)
            for length in lengths:
                if not longest / 3 - 1 <= length <= longest / 2 + 1:
                    bad.append(f"trang 1: đường kẻ dưới tên cơ quan {length / MM:.1f} mm, dòng dài nhất "
                               f"{longest / MM:.1f} mm (phải từ 1/3 đến 1/2)")
    titles = [ln for ln in lines if 200 < min(w.y0 for w in ln) < 330 and min(w.x0 for w in ln) > 80
              and _rule_under(pdf, page, ln)]
    if not titles:
        bad.append("trang 1: không có đường kẻ dưới tên loại và trích yếu")
    return bad


CONCLUSIONS = ("Không có người nào", "Người có trên 1/2", "Người có quá nửa",
               "Số phiếu đã nhập")  # the entry log's summary line under each paper's table


def _body_lines(page: Page) -> list[str]:
    """The text of each line of the body from the top (the page number left out)."""
    number = page_number(page)
    body = sorted((w for w in page.body() if w is not number), key=lambda w: (w.y0, w.x0))
    order: list[int] = []
    for w in body:
        if w.line not in order:
            order.append(w.line)
    return [" ".join(w.text for w in body if w.line == line) for line in order]


def _first_lines(page: Page, count: int = 1) -> str:
    """The text of the body's first `count` lines (the page number left out)."""
    return " ".join(_body_lines(page)[:count])


def _continuing(pages: list[Page]) -> list[Page]:
    """The pages that continue a unit (not a unit's first page)."""
    starts = {p.number + 1 for p in pages if p.number in unit_ends(pages)} | {1}
    return [p for p in pages if p.number not in starts]


def conclusion_alone(pages: list[Page]) -> list[str]:
    """Issue 24, item 15: a paper's conclusion ("Không có người nào …", "Người có trên 1/2 …") or the entry log's
    summary line under a paper's table ("Số phiếu đã nhập …") never opens a page (but a unit's first) away from
    its table."""
    bad = []
    for page in _continuing(pages):
        first_line = _first_lines(page)
        # a band list cut by a page goes on under its heading repeated, "… (tiếp theo):" (band_list_split)
        if first_line.startswith(CONCLUSIONS) and "(tiếp theo)" not in _first_lines(page, 2):
            bad.append(f"trang {page.number}: kết luận “{first_line[:40]}…” đứng riêng đầu trang")
    return bad


BAND_LINE = re.compile(r"^- .{0,160}? có (trên 1/2|từ 2/3|quá nửa)")
BAND_INTRO = re.compile(r"^Người có (trên 1/2|từ 2/3|quá nửa).*:")


def band_list_split(pages: list[Page]) -> list[str]:
    """Issue 24, item 15: the list of persons in a band ("- Đồng chí … có trên 1/2 …") is not split over a page
    with its heading ("Người có trên 1/2 tổng số phiếu …:") left behind: a page holding band lines holds their
    heading too (the list kept together, or its heading repeated)."""
    bad = []
    for page in pages:
        lines = _body_lines(page)
        bands = [i for i, text in enumerate(lines) if text.startswith("- ")
                 and BAND_LINE.match(text + " " + (lines[i + 1] if i + 1 < len(lines) else ""))]
        if bands and not any(BAND_INTRO.match(text) for text in lines[:bands[0]]):
            bad.append(f"trang {page.number}: danh sách theo mức tiếp tục không có dòng tiêu đề: "
                       f"“{lines[bands[0]][:50]}…”")
    return bad


def legend_alone(pages: list[Page], legend: str = "Ý nghĩa mã đánh dấu", head: str = "Mục",
                 persons: str = "Thứ tự người trên phiếu") -> list[str]:
    """Issue 24, item 15: the entry log's first page does not hold only its heading and legend, the first paper
    starting on the next page: the page with the legend holds the table's first rows too (or, where the paper's
    list of persons fills the page, that list)."""
    bad = []
    for page in pages:
        if legend not in page.text or page.number in unit_ends(pages):
            continue
        if not any(w.text == head for w in page.body()) and persons not in page.text:
            bad.append(f"trang {page.number}: chỉ có tiêu đề và phần chú thích, bảng bắt đầu ở trang sau")
    return bad


MARK_GROUP = re.compile(r"^[CTLMK0]{1,5}$")


def grid_cells(pdf: Path, page: Page, left: float) -> list[list[list[Word]]]:
    """The ruled table whose left border is just left of `left` (poppler's x, its first heading's): its rows, each
    a list of cells (the columns between the drawn vertical rules), each the words inside it. Rows and columns come
    from the drawn grid, so a tall row is measured as printed."""
    lines = drawn_lines(pdf, page.number - 1)
    near = [a[0] for a, b in lines if abs(a[0] - b[0]) < 0.1 and left - 25 < a[0] <= left + 6]
    left = max(near, default=left)  # the table's left border: the nearest rule left of its first heading
    across = sorted({round(page.height - a[1], 1) for a, b in lines
                     if abs(a[1] - b[1]) < 0.1 and abs(min(a[0], b[0]) - left) < 3 and abs(b[0] - a[0]) > 20})
    down = [(a[0], page.height - max(a[1], b[1]), page.height - min(a[1], b[1])) for a, b in lines
            if abs(a[0] - b[0]) < 0.1 and abs(b[1] - a[1]) > 5 and a[0] >= left - 3]
    rows = []
    for top, bottom in zip(across, across[1:]):
        xs = sorted({round(x, 1) for x, y0, y1 in down if y0 < (top + bottom) / 2 < y1})  # this row's rules
        columns = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] > 2]
        cells: list[list[Word]] = [[] for _ in columns[1:]]
        for w in page.words:
            middle_y, middle_x = (w.y0 + w.y1) / 2, (w.x0 + w.x1) / 2
            if top < middle_y < bottom:
                for i, (x0, x1) in enumerate(zip(columns, columns[1:])):
                    if x0 < middle_x < x1:
                        cells[i].append(w)
        rows.append(cells)
    return rows


def text_lines(words: list[Word]) -> int:
    return len({round(w.y0) for w in words})


def log_marks_wrap(pdf: Path, pages: list[Page]) -> list[str]:
    """The entry log (issue 24): a ballot's marks, in groups of five, take at most one line per four groups, so a
    45-person paper's row is at most three lines, not five because empty columns ("Trước khi sửa", "Lý do") are wide."""
    problems = []
    for page in pages:
        head = next((w for w in page.words if w.text == "Mục"), None)
        if head is None:
            continue
        for cells in grid_cells(pdf, page, head.x0):
            if len(cells) < 5 or not cells[0] or not cells[0][0].text.isdigit():
                continue
            words = [w for w in cells[4] if MARK_GROUP.match(w.text)]
            lines, allowed = text_lines(words), max(1, -(-len(words) // 4))
            if lines > allowed:
                problems.append(f"trang {page.number}, mục {cells[0][0].text}: {len(words)} nhóm mã đánh dấu trên "
                                f"{lines} dòng (tối đa {allowed}): cột trống chiếm chỗ")
    return problems


def tall_rows(pdf: Path, pages: list[Page], most: int = 5) -> list[str]:
    """A results table (issue 24): no person's row taller than `most` lines, as when the position column is given
    22 mm and a long position runs to 7-9 lines."""
    problems = []
    for page in pages:
        for head in (w for w in page.words if w.text == "STT"):
            for cells in grid_cells(pdf, page, head.x0):
                if not cells or not cells[0] or not cells[0][0].text.isdigit():
                    continue
                lines = max(text_lines(cell) for cell in cells)
                if lines > most:
                    problems.append(f"trang {page.number}, STT {cells[0][0].text}: hàng cao {lines} dòng "
                                    f"(tối đa {most})")
    return problems


def half_empty(pages: list[Page], least: float = 0.6) -> list[str]:
    """Issue 24: no page in the middle of a copy left 40 % empty because a short table (and its lead) went whole
    to the next page (the minutes' first page ending after section I)."""
    return [problem.replace("chỉ dùng", "nửa trống: chỉ dùng") for problem in sparse_pages(pages, least)]


def touching_border(pdf: Path, pages: list[Page], gap: float = 2.0) -> list[str]:
    """Issue 24: no name or position in a results table nearer than `gap` points to its cell's ruled border."""
    problems = []
    for page in pages:
        for head in (w for w in page.words if w.text == "STT"):
            for cells in grid_cells(pdf, page, head.x0):
                if len(cells) < 3 or not cells[0] or not cells[0][0].text.isdigit():
                    continue
                for cell in cells[1:3]:
                    cell = [w for w in cell if w.y1 - w.y0 < 16]  # not the draft's large watermark
                    if cell and max(w.x1 for w in cell) > _right_rule(pdf, page, cell) - gap:
                        problems.append(f"trang {page.number}, STT {cells[0][0].text}: “{cell[0].text} …” chạm "
                                        f"đường kẻ ô")
    return problems


def _right_rule(pdf: Path, page: Page, cell: list[Word]) -> float:
    """The nearest drawn vertical rule right of a cell's first word, at its height."""
    y = page.height - (cell[0].y0 + cell[0].y1) / 2
    rules = [a[0] for a, b in drawn_lines(pdf, page.number - 1) if abs(a[0] - b[0]) < 0.1
             and min(a[1], b[1]) < y < max(a[1], b[1]) and a[0] > cell[0].x0]
    return min(rules, default=page.width)


# --- the unit's Excel (issue 24 items 10-11) and the signed minutes (item 1), in the matrix ---

def workbook(path: Path, two_levels: bool, titles: list[str]) -> list[str]:
    """The unit's Excel: every sheet marked MẬT, its attendance lines present, only the regime's own terms (a
    no-confidence vote has no "Mức độ tín nhiệm", "Trên 1/2", "Thấp"), sheet names ≤ 31 characters cut between
    words of a paper's title."""
    from openpyxl import load_workbook

    bad = []
    book = load_workbook(path)
    terms = THREE_LEVEL_ONLY if two_levels else TWO_LEVEL_ONLY
    for sheet in book.worksheets:
        texts = [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        if "MẬT" not in texts:
            bad.append(f"trang tính “{sheet.title}”: không có dấu MẬT")
        for label in ("Tổng số người được triệu tập", "Số có mặt", "Số vắng mặt", "Số có mặt tại thời điểm bỏ phiếu"):
            if not any(t.startswith(label) for t in texts):
                bad.append(f"trang tính “{sheet.title}”: thiếu dòng “{label}”")
        text = " ".join(" ".join(t.split()) for t in texts)
        for term in terms:
            if re.search(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text):
                bad.append(f"trang tính “{sheet.title}”: “{term}”")
        name = re.sub(r" \(\d+\)$", "", sheet.title)
        if len(sheet.title) > 31 or not any(title == name or title.startswith(name + " ")
                                            or title.startswith(name + ",") for title in titles):
            bad.append(f"tên trang tính “{sheet.title}” cắt giữa chữ")
    return bad


def signature_stamps(pdf: Path, pages: list[Page]) -> list[str]:
    """A signed document: every visible signature inside the margins of Nghị định 30, over no printed word, none on
    another; the same number of them on the last page of every copy (copies 1/3 and 2/3 go to the level above) and
    none elsewhere. `pages`: the document as printed, before signing (poppler reads the stamps' words too)."""
    bad = []
    reader = PdfReader(str(pdf))
    ends = unit_ends(pages)
    counts = set()
    for index, page in enumerate(reader.pages):
        height, width = float(page.mediabox.height), float(page.mediabox.width)
        rects = [tuple(float(v) for v in a.get_object()["/Rect"]) for a in page.get("/Annots", [])
                 if a.get_object().get("/FT") == "/Sig"]
        rects = [r for r in rects if r[2] - r[0] > 1 and r[3] - r[1] > 1]  # visible widgets only
        number = index + 1
        if number not in ends:
            if rects:
                bad.append(f"trang {number}: chữ ký số trên trang không phải trang ký")
            continue
        counts.add(len(rects))
        for x0, y0, x1, y1 in rects:
            if x0 < LEFT - SLACK or x1 > width - RIGHT + SLACK or y0 < BOTTOM - SLACK or y1 > height - TOP + SLACK:
                bad.append(f"trang {number}: hình chữ ký số ra ngoài lề ({x0 / MM:.0f}-{x1 / MM:.0f} mm)")
            for w in pages[index].words:
                wy0, wy1 = height - w.y1, height - w.y0
                if not (w.x1 <= x0 or w.x0 >= x1 or wy1 <= y0 or wy0 >= y1):
                    bad.append(f"trang {number}: hình chữ ký số đè lên chữ “{w.text}”")
                    break
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                if not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]):
                    bad.append(f"trang {number}: hai chữ ký số chồng lên nhau")
    if len(counts) > 1 or counts == {0}:
        bad.append(f"số chữ ký số trên trang ký của các bản không như nhau: {sorted(counts)}")
    return bad

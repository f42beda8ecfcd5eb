"""Every printed paper over a covering matrix, checked for layout without eyes (tests/documents/layout.py).

The matrix (pairwise, not the full product, to keep the suite quick): every regime × both headers; papers of
1, 2, 5, 35 and 60 persons; sessions of 1, 2 and 3 papers; long names, positions and a long paper title; locked
counts and drafts.
Each session prints its ballots (2 copies), minutes, report, entry log and dossier (the dossier only where the
session has at most 37 persons, as each person adds two forms); the locked sessions together make one
consolidated report of the higher level.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from phieu_desktop.documents.printing import document_bytes
from phieu_desktop.domain.regime import Header, Regime
from phieu_desktop.domain.session import BallotPaper, VoterGroup, person_from_values
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.documents import layout
from tests.documents.conftest import fill
from tests.signing.conftest import file_keys, keys, pki, token_keys, trust_home  # noqa: F401 (fixtures)

NAMES = ["Nguyễn Thị Hồng Nhung", "Đặng Quốc Kỳ", "Tôn Nữ Thị Phương Thảo Nguyên", "Lê Ưng",
         "Hoàng Trọng Nghĩa Bảo Khánh Long Nguyễn Phước Vĩnh An Thái Bình Hưng Thịnh"]
POSITIONS = ["Giám đốc", "Phó Trưởng phòng Kế hoạch - Tài chính, Văn phòng Sở Tài nguyên và Môi trường",
             "Trưởng phòng Tổ chức cán bộ", "Chánh Thanh tra Sở"]


@dataclass(frozen=True)
class Case:
    regime: Regime
    header: Header
    sizes: tuple[int, ...]
    locked: bool = True
    long_title: bool = False  # a paper's title as long as a real one ("Chủ tịch, Phó Chủ tịch …")
    groups: bool = False  # each paper voted by its own voter group (issue 24)

    @property
    def name(self) -> str:
        return f"{self.regime.value}-{self.header.value}-{'-'.join(map(str, self.sizes))}" + \
            ("" if self.locked else "-du-thao") + ("-thanh-phan" if self.groups else "")


CASES = [
    Case(Regime.QD96, Header.STATE, (60,)),
    Case(Regime.QD96, Header.PARTY, (2, 35)),
    Case(Regime.NQ96, Header.STATE, (1, 5, 35)),
    Case(Regime.NQ96, Header.PARTY, (5,), locked=False),
    Case(Regime.NQ96_BPT, Header.STATE, (35,), long_title=True),
    Case(Regime.NQ96_BPT, Header.PARTY, (1, 2, 60)),
    Case(Regime.QD96, Header.STATE, (1,), locked=False),
    Case(Regime.QD96, Header.STATE, (5, 45), groups=True),
]
HEADINGS = {
    Header.STATE: ("HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG", "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Hà Giang"),
    Header.PARTY: ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", "Đảng ủy Sở Tài nguyên và Môi trường"),
}
KINDS = ["ballots", "minutes", "report", "log", "dossier"]


LONG_TITLE = ("Chủ tịch, Phó Chủ tịch Hội đồng nhân dân, Trưởng ban, Phó Trưởng ban của Hội đồng nhân dân tỉnh, "
              "Chủ tịch, Phó Chủ tịch và Ủy viên Ủy ban nhân dân tỉnh")


def _paper(key: str, persons: int, long_title: bool = False) -> BallotPaper:
    people = tuple(person_from_values(f"{NAMES[i % len(NAMES)]} {i + 1}", POSITIONS[i % len(POSITIONS)])
                   for i in range(persons))
    title = LONG_TITLE if long_title else f"Lãnh đạo các phòng, đơn vị thuộc Sở ({key})"
    return BallotPaper(key, title, "Ban Chấp hành Đảng bộ Sở và lãnh đạo các phòng", people, 24, 24)


def _documents(case: Case, folder: Path) -> dict[str, Path]:
    parent, organization = HEADINGS[case.header]
    session = make_session(regime=case.regime, header=case.header, parent=parent, organization=organization,
                           papers=tuple(_paper(f"loai-{i + 1}", n, case.long_title)
                                        for i, n in enumerate(case.sizes)))
    if case.groups:  # the leadership (12 summoned, exactly 2/3 present) votes the first paper, everyone the rest
        session = replace(session, papers=tuple(replace(p, group="lanh-dao" if i == 0 else "toan-the", issued=None,
                                                        returned=None) for i, p in enumerate(session.papers)),
                          groups=(VoterGroup("lanh-dao", "Tập thể lãnh đạo Sở, trưởng phòng và tương đương", 12),
                                  VoterGroup("toan-the", "Toàn thể công chức, viên chức", 30)))
    made = {}
    with SessionFile.create(folder / f"{case.name}.phieu", session) as file:
        if case.groups:
            file.record_group_attendance("lanh-dao", 8, 8)
            file.record_group_attendance("toan-the", 25, 24)
            for i, paper in enumerate(session.papers):
                file.record_counts(paper.key, *((8, 8) if i == 0 else (24, 24)))
        fill(file)
        if case.locked:
            file.lock()
        for kind in KINDS:
            if kind == "dossier" and sum(case.sizes) > 37:
                continue
            options = {"copies": 2} if kind == "ballots" else {}
            if kind in ("minutes", "report") and not case.locked:
                options["draft"] = True
            data, _pages = document_bytes(file, kind, **options)
            made[kind] = folder / f"{case.name}-{kind}.pdf"
            made[kind].write_bytes(data)
        if case.locked:
            made["unit"] = file.path
            made["xlsx"] = folder / f"{case.name}.xlsx"
            made["xlsx"].write_bytes(document_bytes(file, "xlsx")[0])
    return made


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, dict[str, Path]]:
    layout.need_poppler()
    folder = tmp_path_factory.mktemp("layout")
    return {case.name: _documents(case, folder) for case in CASES}


def all_checks(pdf: Path, regime: Regime | None, party: bool) -> dict[str, list[str]]:
    pages = layout.read(pdf)
    found = {
        "lề 10 mm": layout.edges(pages),
        "lề Nghị định 30": layout.margins(pages),
        "chồng chữ": layout.overlaps(pages),
        "tiêu đề hai khối": layout.heading_blocks(pages),
        "đề mục cuối trang": layout.headings_at_foot(pages),
        "trang gần trống": layout.sparse_pages(pages),
        "tách bảng": layout.table_splits(pages),
        "từ cấm": layout.forbidden_tokens(pages),
        "phông nhúng": layout.fonts_embedded(pdf),
        "PDF/A-2b": layout.archival(pdf),
    }
    if regime is not None:
        found["thuật ngữ"] = layout.regime_terms(pages, two_levels=regime is Regime.NQ96_BPT)
    if party:
        found["đường kẻ Đảng"] = layout.party_rule(pdf, pages)
    if pdf.stem.endswith(("-minutes", "-report", "-log", "-dossier")):
        found["số trang"] = layout.page_numbers(pages)
        found["kết luận đứng riêng"] = layout.conclusion_alone(pages)
    if pdf.stem.endswith("-log"):
        found["cột nhật ký theo nội dung"] = layout.log_marks_wrap(pdf, pages)
        found["trang chỉ có chú thích"] = layout.legend_alone(pages)
    if pdf.stem.endswith("-minutes"):
        found["danh sách theo mức bị cắt"] = layout.band_list_split(pages)
    if pdf.stem.endswith(("-minutes", "-report")):
        found["trang nửa trống"] = layout.half_empty(pages)
        found["số người dự cộng đủ"] = layout.attendance_adds_up(pages)
        found["hàng quá cao"] = layout.tall_rows(pdf, pages)
        found["chữ chạm đường kẻ"] = layout.touching_border(pdf, pages)
        found["số, ký hiệu, đường kẻ"] = layout.header_details(pdf, pages, "BB" if pdf.stem.endswith("-minutes")
                                                                else "BC", party)
    return {k: v for k, v in found.items() if v}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("kind", KINDS)
def test_paper_layout(printed, case: Case, kind: str):
    pdf = printed[case.name].get(kind)
    if pdf is None:
        pytest.skip("hồ sơ của phiên nhiều người: không in trong ma trận")
    problems = all_checks(pdf, case.regime, case.header is Header.PARTY)
    if kind == "ballots":
        problems.pop("tách bảng", None)  # a ballot's rows are balanced over its pages by design (test_ballots)
    if kind == "log":
        problems.pop("tách bảng", None)  # its first column is the audit sequence, not an STT from 1
    assert not problems, problems


LOCKED = [case for case in CASES if case.locked]


@pytest.mark.parametrize("case", LOCKED, ids=lambda c: c.name)
def test_excel_layout(printed, case: Case):
    """The unit's Excel of every locked session, the no-confidence vote's included (issue 24 items 10-11)."""
    with SessionFile.open(printed[case.name]["unit"]) as file:
        titles = [paper.title for paper in file.session.papers]
    problems = layout.workbook(printed[case.name]["xlsx"], case.regime is Regime.NQ96_BPT, titles)
    assert not problems, problems


@pytest.mark.parametrize("case", LOCKED[:4], ids=lambda c: c.name)
def test_signed_minutes_layout(printed, case: Case, tmp_path, trust_home, keys):
    """Issue 24 item 1 in the matrix: the minutes signed by the unit (seal and signature images) and then by a
    person: each stamp in free space inside the margins, beside the other, on every copy's signature page; the
    printed text unchanged under them (every check of the matrix on the signed file)."""
    from phieu_desktop.signing.appearance import Appearance
    from phieu_desktop.signing.keys import open_key
    from phieu_desktop.signing.pdf import sign_pdf
    from tests.signing.images import seal_png, signature_png
    from tests.signing.pki import UNIT

    first, signed = tmp_path / f"{case.name}-1.pdf", tmp_path / f"{case.name}-signed-minutes.pdf"
    with open_key(keys.unit, keys.pin, UNIT) as key:
        sign_pdf(printed[case.name]["minutes"], first, key, Appearance(
            seal_image=seal_png(tmp_path / "dau.png"), signature_image=signature_png(tmp_path / "chu-ky.png")))
    with open_key(keys.person, keys.pin, UNIT) as key:
        sign_pdf(first, signed, key, Appearance(signature_image=signature_png(tmp_path / "chu-ky-2.png")))
    problems = all_checks(signed, case.regime, case.header is Header.PARTY)
    problems.pop("PDF/A-2b", None)  # a signature is an incremental update: test_pdf_signing checks what it keeps
    # the stamps against the words printed before signing (poppler reads the stamps' own words too)
    stamps = layout.signature_stamps(signed, layout.read(printed[case.name]["minutes"]))
    if stamps:
        problems["chữ ký số"] = stamps
    assert not problems, problems


def test_consolidated_report_layout(printed, tmp_path):
    from phieu_desktop.exchange.consolidate import Consolidation
    from phieu_desktop.exchange.consolidated_pdf import write_pdf
    from phieu_desktop.exchange.intake import Unit

    units = []
    for case in CASES:
        path = printed[case.name].get("unit")
        if path is None:
            continue
        with SessionFile.open(path) as file:
            s = file.session
            units.append(Unit(path.stem + ".phieux", s.organization, s.parent, s.title, s.place, s.date, s.regime,
                              file.fingerprint, file.results(), None, False))
    out = tmp_path / "tong-hop.pdf"
    write_pdf(Consolidation(units=units), out)
    problems = all_checks(out, None, False)
    assert not problems, problems


def test_scannable_ballots_keep_the_layout_and_pdfa(printed, tmp_path):
    """The scanner's corner marks and QR code (issue 16) add no font and leave the text where it was."""
    case = CASES[1]
    with SessionFile.open(printed[case.name]["unit"]) as file:
        data, _pages = document_bytes(file, "ballots", copies=1, scannable=True)
    out = tmp_path / "phieu-quet.pdf"
    out.write_bytes(data)
    problems = all_checks(out, case.regime, case.header is Header.PARTY)
    problems.pop("tách bảng", None)
    assert not problems, problems


@pytest.mark.parametrize("persons", [6, 8, 10])
def test_a_short_table_does_not_leave_the_first_page_half_empty(tmp_path, persons):
    """Issue 24 item 15: the minutes' first page ended after section I (about 40 % empty) because the first paper's
    table of up to 10 persons went whole to page 2. Now it splits as a long one does (≥ 3 rows on each side, the
    header repeated) when keeping it whole would leave more than 35 % of a page empty. A table of 1-5 persons still
    goes whole (it cannot leave 3 rows on each side)."""
    layout.need_poppler()
    people = tuple(person_from_values(f"Nguyễn Văn Hùng {i + 1}", "Phó Giám đốc Sở") for i in range(persons))
    first = replace(_paper("loai-1", persons), persons=people)  # rows of one line, as most lists are
    session = make_session(papers=(first, _paper("loai-2", 2)))
    with SessionFile.create(tmp_path / "s.phieu", session) as file:
        fill(file)
        file.lock()
        data, _pages = document_bytes(file, "minutes")
    out = tmp_path / "s-minutes.pdf"
    out.write_bytes(data)
    pages = layout.read(out)
    problems = {"trang nửa trống": layout.half_empty(pages), "tách bảng": layout.table_splits(pages),
                "đề mục cuối trang": layout.headings_at_foot(pages), "chồng chữ": layout.overlaps(pages)}
    assert not {k: v for k, v in problems.items() if v}, problems


def _printed(tmp_path: Path, paper: BallotPaper, kind: str, ballots: list[str] | None = None) -> list[layout.Page]:
    session = make_session(papers=(paper,), summoned=max(30, paper.returned), present=max(25, paper.returned),
                           present_at_vote=max(24, paper.returned))
    with SessionFile.create(tmp_path / f"{kind}.phieu", session) as file:
        if ballots is None:
            fill(file)
        else:
            file.add_ballots(paper.key, ballots)
        file.lock()
        data, _pages = document_bytes(file, kind)
    out = tmp_path / f"s-{kind}.pdf"
    out.write_bytes(data)
    return layout.read(out)


def test_the_log_keeps_each_papers_summary_line_with_its_last_rows(tmp_path):
    """Issue 24 item 15: 67 ballots of a 5-person paper ended the log's table at the foot of page 2, and its summary
    line ("Số phiếu đã nhập …") opened page 3 alone. It is now the table's last row, kept with the last ones."""
    layout.need_poppler()
    paper = replace(_paper("loai-1", 5), issued=67, returned=67,
                    persons=tuple(person_from_values(f"Lê Văn {i + 1}", "Phó Giám đốc") for i in range(5)))
    pages = _printed(tmp_path, paper, "log")
    assert len(pages) == 3 and "Số phiếu đã nhập" in pages[2].text  # the break falls where the fault was
    assert layout.conclusion_alone(pages) == []


def test_the_logs_first_page_holds_the_first_rows_under_the_legend(tmp_path):
    """Issue 24 item 15: a first paper of 30 persons with long names (its order list 20 lines) left page 1 with only
    the heading and the legend, the paper and its table on page 2. The first table now leaves even one row there."""
    layout.need_poppler()
    people = tuple(person_from_values(f"Tôn Nữ Hoàng Phương Thảo Nguyên Bảo Khánh Ngọc Diệp {i + 1}",
                                      "Phó Trưởng phòng") for i in range(30))
    pages = _printed(tmp_path, replace(_paper("loai-1", 30), persons=people), "log")
    assert layout.legend_alone(pages) == []


def test_a_band_list_cut_by_a_page_repeats_its_heading(tmp_path):
    """Issue 24 item 15: twelve persons with 2/3 low votes: the list ran from page 3 onto page 4 under the results
    table's header repeated and without its own heading. It now goes on under "Người có … (tiếp theo):"."""
    layout.need_poppler()
    pages = _printed(tmp_path, _paper("loai-1", 12), "minutes", ["L" * 12] * 24)
    assert layout.band_list_split(pages) == [] and layout.conclusion_alone(pages) == []
    assert any("(tiếp theo)" in page.text for page in pages)  # the list is cut by a page here

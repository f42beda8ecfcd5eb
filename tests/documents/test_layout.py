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

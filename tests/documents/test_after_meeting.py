"""The papers around the meeting (issue 23): the letter asking for supervisors, the báo cáo sơ kết and the
announcement of results, through the layout checks of every printed paper, and what each must say."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from phieu_desktop.documents import planning
from phieu_desktop.documents.printing import document_bytes, print_document
from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.regime import Header, Regime
from phieu_desktop.domain.session import Supervisor
from phieu_desktop.store import SessionFile
from tests.conftest import make_session
from tests.documents import layout
from tests.documents.conftest import fill, pdf_pages
from tests.documents.test_layout import HEADINGS, _paper, all_checks

KINDS = ("supervisors-letter", "process-report", "announcement")
SUPERVISORS = (Supervisor("Hoàng Văn Giám", "Phó Chủ nhiệm Ủy ban Kiểm tra", "Ủy ban Kiểm tra Tỉnh ủy"),
               Supervisor("Nguyễn Thị Sát", "Chuyên viên", "Sở Nội vụ"))


def _file(folder: Path, regime: Regime, header: Header, sizes: tuple[int, ...], locked: bool = True,
          supervisors: tuple = SUPERVISORS) -> SessionFile:
    parent, organization = HEADINGS[header]
    session = make_session(regime=regime, header=header, parent=parent, organization=organization,
                           papers=tuple(_paper(f"loai-{i + 1}", n) for i, n in enumerate(sizes)),
                           supervisors=supervisors)
    paper = session.papers[0]
    session = replace(session, papers=(replace(paper, persons=(replace(paper.persons[0], serious_illness=True),)
                                               + paper.persons[1:]),) + session.papers[1:])
    file = SessionFile.create(folder / f"{regime.value}-{header.value}-{len(sizes)}.phieu", session)
    day = session.date
    planning.set_done(file, "supervisors_letter", day - timedelta(days=21))
    planning.set_done(file, "dossiers_to_voters", day - timedelta(days=13))  # two days late
    planning.set_received(file, "loai-1/1", 1, day - timedelta(days=22))
    planning.set_received(file, "loai-1/1", 2, day - timedelta(days=22))
    planning.add_question(file, "loai-1/1", "Lò Văn Ân", day - timedelta(days=12), day - timedelta(days=11))
    fill(file)
    if locked:
        file.lock()
    return file


CASES = [(Regime.QD96, Header.STATE, (5,)), (Regime.NQ96, Header.PARTY, (2, 30)),
         (Regime.NQ96_BPT, Header.STATE, (1, 5))]


@pytest.mark.parametrize("regime, header, sizes", CASES, ids=lambda v: getattr(v, "value", str(v)))
def test_every_new_paper_passes_the_layout_checks(tmp_path, regime, header, sizes):
    layout.need_poppler()
    file = _file(tmp_path, regime, header, sizes)
    try:
        for kind in KINDS:
            data, pages = document_bytes(file, kind)
            assert pages >= 1
            out = tmp_path / f"{kind}.pdf"
            out.write_bytes(data)
            problems = all_checks(out, regime if kind == "announcement" else None, header is Header.PARTY)
            if kind == "process-report":
                problems.pop("tách bảng", None)  # its timeline table is numbered from 1 but may be parted
            assert not problems, (kind, problems)
    finally:
        file.close()


def test_the_process_report_says_what_the_program_knows(tmp_path):
    file = _file(tmp_path, Regime.QD96, Header.STATE, (4,))
    try:
        out = tmp_path / "so-ket.pdf"
        print_document(file, "process-report", out)
        text = " ".join(pdf_pages(out))
        pages = pdf_pages(out)
        assert all("MẬT" in page for page in pages)
        for words in ("BÁO CÁO SƠ KẾT", "Hoàng Văn Giám", "Sở Nội vụ", "Trần Thị Bình: Trưởng ban", "Muộn 2 ngày",
                      "Đúng hạn", "4 người được lấy phiếu; 1 người đã nộp đủ", "1 câu hỏi", "đủ điều kiện lấy phiếu",
                      file.fingerprint, "nghỉ ốm đau từ 6 tháng", "(phần do cơ quan, đơn vị viết)",
                      "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"):
            assert words in text, words
        assert "DỰ THẢO" not in text
        # printing it marks the plan's milestone done
        assert planning.session_plan(file).facts.done["process_report"] == date.today()
    finally:
        file.close()


def test_the_process_report_of_an_unlocked_count_is_a_draft(tmp_path):
    file = _file(tmp_path, Regime.QD96, Header.STATE, (3,), locked=False, supervisors=())
    try:
        out = tmp_path / "so-ket.pdf"
        out.write_bytes(document_bytes(file, "process-report")[0])
        pages = pdf_pages(out)
        assert all("DỰ THẢO" in page for page in pages)
        assert "không ghi nhận trong tệp" in " ".join(pages)
    finally:
        file.close()


def test_one_announcement_per_scope_and_one_per_person_rated(tmp_path):
    file = _file(tmp_path, Regime.NQ96, Header.STATE, (3,))
    try:
        planning.set_scopes(file, ["voters", "person"])
        out = tmp_path / "thong-bao.pdf"
        out.write_bytes(document_bytes(file, "announcement")[0])
        text = " ".join(pdf_pages(out))
        assert text.count("THÔNG BÁO") == 4  # the voters, then each of the three persons
        assert "Kính gửi: Các đồng chí tham gia ghi phiếu" in text
        for person in file.session.papers[0].persons:
            assert f"Kính gửi: Đồng chí {person.name}" in text
        assert "MẬT" not in text and file.fingerprint in text
        planning.set_scopes(file, [])
        with pytest.raises(PhieuError, match="phạm vi"):
            document_bytes(file, "announcement")
    finally:
        file.close()


def test_no_announcement_before_the_seal(tmp_path):
    file = _file(tmp_path, Regime.QD96, Header.STATE, (2,), locked=False)
    try:
        with pytest.raises(PhieuError, match="Chưa khóa"):
            document_bytes(file, "announcement")
    finally:
        file.close()


def test_the_letter_names_the_bodies_and_a_reply_date_before_the_meeting(tmp_path):
    file = _file(tmp_path, Regime.QD96, Header.PARTY, (2,), locked=False)
    try:
        out = tmp_path / "de-nghi.pdf"
        out.write_bytes(document_bytes(file, "supervisors-letter")[0])
        text = " ".join(pdf_pages(out))
        for body in ("Ban Tổ chức Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Sở Nội vụ", "V/v đề nghị cử đại diện"):
            assert body in text
        reply = (file.session.date - timedelta(days=13)).strftime("%d/%m/%Y")  # the letter's due + 7 days
        assert f"trước ngày {reply}" in text
    finally:
        file.close()

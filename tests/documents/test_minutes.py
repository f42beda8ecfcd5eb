"""The minutes (biên bản kiểm phiếu): three copies, MẬT on every page, the seal, refusal while unlocked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from phieu_desktop.documents import render_minutes
from phieu_desktop.domain.errors import PhieuError
from phieu_desktop.domain.regime import Header
from tests.documents.conftest import pdf_pages, render_png

COPY_LABEL = re.compile(r"Bản số (\d)/3")


def test_minutes_carry_names_copies_secret_mark_and_fingerprint(make_file, tmp_path: Path):
    file = make_file(persons=6)
    out = tmp_path / "bien-ban.pdf"
    render_minutes(file, out)
    pages = pdf_pages(out)
    labels = []
    for index, text in enumerate(pages):
        assert "MẬT" in text, f"page {index + 1} lacks MẬT"
        label = COPY_LABEL.search(text)
        assert label, f"page {index + 1} lacks its copy label"
        labels.append(int(label[1]))
    per_copy = len(pages) // 3
    assert labels == [k for k in (1, 2, 3) for _page in range(per_copy)]  # each copy whole, in order
    from tests.documents import layout
    assert layout.page_numbers(layout.read(out)) == []  # from page 2 of each copy, centred (Nghị định 30)
    assert layout.unit_ends(layout.read(out)) == {per_copy, 2 * per_copy, 3 * per_copy}
    whole = "\n".join(pages)
    for name in ("Nguyễn Thị Hường", "Đặng Quốc Kỳ", "Trần Văn Ơn", "Lê Thị Ưng", "Phạm Bá Dũng", "Hồ Thị Ngọc Ẩn"):
        assert whole.count(name) == 3, name
    assert whole.count(file.fingerprint) >= 6  # text and footer of each copy
    for k in (1, 2, 3):
        assert f"Đây là bản số {k}/3" in whole
    assert "Hà Giang, ngày 12 tháng 9 năm 2023" in whole
    # issue 24, item 3: the crossed-out case among the invalid ballots and the committee's ruling, in the plan's words
    assert whole.count("phiếu gạch xóa họ tên người được in trên phiếu thì không hợp lệ") == 3
    assert whole.count("Quyết định của Ban kiểm phiếu về phiếu gạch xóa họ tên người được in trên phiếu: không hợp "
                       "lệ đối với người bị gạch xóa họ tên") == 3
    assert "Tỷ lệ % tính trên tổng số phiếu thu về (24 phiếu)" in whole
    assert "DỰ THẢO" not in whole


def test_signatures_stand_with_the_closing_paragraph(make_file, tmp_path: Path):
    """The last paragraph ("Đây là bản số k/3 …") and the signatures are on the same page, in every copy."""
    file = make_file(persons=15)
    out = tmp_path / "bien-ban.pdf"
    render_minutes(file, out)
    pages = pdf_pages(out)
    signature_pages = [i for i, text in enumerate(pages) if "T/M BAN KIỂM PHIẾU" in text]
    assert len(signature_pages) == 3
    for k, index in enumerate(signature_pages, start=1):
        assert "Trần Thị Bình" in pages[index]
        assert f"Đây là bản số {k}/3" in pages[index]


@pytest.mark.parametrize("persons, pages_per_copy", [(1, 2), (15, 3), (60, 4)])
def test_page_counts(make_file, tmp_path: Path, persons: int, pages_per_copy: int):
    file = make_file(persons=persons)
    out = tmp_path / "bien-ban.pdf"
    render_minutes(file, out)
    assert len(PdfReader(str(out)).pages) == 3 * pages_per_copy


def test_unlocked_count_is_refused_and_nothing_written(make_file, tmp_path: Path):
    file = make_file(persons=3, locked=False)
    out = tmp_path / "bien-ban.pdf"
    with pytest.raises(PhieuError, match="Chưa khóa"):
        render_minutes(file, out)
    assert not out.exists()


def test_draft_is_marked_on_every_page_and_never_carries_a_seal(make_file, tmp_path: Path):
    file = make_file(persons=4, locked=False)
    out = tmp_path / "du-thao.pdf"
    render_minutes(file, out, draft=True)
    pages = pdf_pages(out)
    assert pages
    for text in pages:
        assert "DỰ THẢO" in text and "MẬT" in text
    assert "Mã niêm phong (96 bit" not in "\n".join(pages)


def test_party_layout_and_pages_render(make_file, tmp_path: Path):
    file = make_file(persons=5, header=Header.PARTY, parent="ĐẢNG BỘ TỈNH HÀ GIANG",
                     organization="Đảng ủy Sở Tài chính")
    out = tmp_path / "bien-ban.pdf"
    render_minutes(file, out)
    first = pdf_pages(out)[0]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" not in first
    images = render_png(out, tmp_path / "png")
    assert len(images) == len(PdfReader(str(out)).pages)
    assert all(image.stat().st_size > 1000 for image in images)


def test_minutes_figures_are_those_of_phieu_results_json(make_file, tmp_path: Path, capsys):
    import json

    from phieu_desktop.cli import main

    file = make_file(persons=8)
    path = file.path
    out = tmp_path / "bien-ban.pdf"
    render_minutes(file, out)
    file.close()
    assert main(["results", str(path), "--json"]) == 0
    contract = json.loads(capsys.readouterr().out)
    first_copy = " ".join(pdf_pages(out)[:2])
    paper = contract["ballots"][0]
    for person in paper["persons"]:
        assert person["valid"] + person["invalid"] == paper["returned"]
        assert sum(person["counts"].values()) == person["valid"]
        shares = " ".join(f"{person['counts'][k]} {person['percent'][k]}" for k in ("high", "confidence", "low"))
        row = f"{person['order']} {person['name']} {person['position']} {person['valid']} {person['invalid']} {shares}"
        assert row in first_copy, row


def test_seal_qr_code_carries_the_fingerprint():
    from reportlab.graphics.barcode.qr import QrCodeWidget

    from phieu_desktop.documents.common import qr_drawing

    drawing = qr_drawing("7F3A-19C2-0000-1111-2222-3333")
    assert drawing.text == "7F3A-19C2-0000-1111-2222-3333"
    assert QrCodeWidget(drawing.text).value == drawing.text


def test_ballots_not_issued_and_blank_are_disclosed(make_file, tmp_path: Path):
    """Issue 24, item 9: a foreign ballot and a blank ballot are named in the minutes, not only +1 invalid on
    every row."""
    file = make_file(persons=3, locked=False)  # fill(): ballot 4 of the stack is not issued by the committee
    file.remove_ballot("lanh-dao", 1, "Nhập lại")
    file.add_ballot("lanh-dao", "000")
    file.lock()
    out = tmp_path / "bien-ban.pdf"
    render_minutes(file, out)
    whole = " ".join(pdf_pages(out))
    assert whole.count("trong đó 1 phiếu không do Ban kiểm phiếu phát ra, 1 phiếu trắng") == 3


def test_the_minutes_tell_each_page_and_stop_when_asked(tmp_path):
    """The window's progress: one tick per page drawn; a stop request ends the work with our own sentence."""
    import pytest

    from phieu_desktop.demo import create_demo
    from phieu_desktop.documents.printing import document_bytes
    from phieu_desktop.domain.work import Cancelled, Ticker
    from phieu_desktop.store import SessionFile

    create_demo(tmp_path / "demo.phieu")
    seen = []
    with SessionFile.open(tmp_path / "demo.phieu") as file:
        _data, pages = document_bytes(file, "minutes", ticker=Ticker(progress=lambda d, t, text: seen.append((d, t))))
        assert (pages, pages) in seen  # the last pass knows the total
        with pytest.raises(Cancelled) as stopped:
            document_bytes(file, "minutes", ticker=Ticker(should_stop=lambda: len(seen) > 0))
    assert str(stopped.value) == "Đã dừng theo yêu cầu; chưa ghi gì."

"""The user guide: every picture it names exists, and it prints as a PDF with its Vietnamese intact."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from phieu_desktop.documents.guide import guide_path, guide_pdf, inline, story_from_markdown


def test_every_picture_named_in_the_guide_exists():
    text = guide_path().read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert pictures, "the guide shows the steps with screenshots"
    missing = [p for p in pictures if not (guide_path().parent / p).exists()]
    assert not missing


def test_guide_prints_with_diacritics(tmp_path):
    data, pages = guide_pdf()
    assert pages >= 3
    out = tmp_path / "huong-dan.pdf"
    out.write_bytes(data)
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    text = "".join(page.extract_text() for page in reader.pages)
    for phrase in ("Hướng dẫn sử dụng", "Điểm danh", "Khóa kết quả", "mã niêm phong", "Gửi cấp trên"):
        assert phrase.lower() in text.lower(), phrase
    images = sum(len(page.images) for page in reader.pages)
    assert images == len(re.findall(r"!\[", guide_path().read_text(encoding="utf-8")))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_guide_pages_render(tmp_path):
    out = tmp_path / "g.pdf"
    out.write_bytes(guide_pdf()[0])
    run = subprocess.run(["pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "p")], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0 and not run.stderr.strip(), run.stderr
    assert len(list(tmp_path.glob("p-*.png"))) >= 3


def test_markup_is_escaped_and_inline_marks_become_bold():
    assert inline("a < b & **c**") == "a &lt; b &amp; <b>c</b>"
    assert inline("`phieu verify`") == "<b>phieu verify</b>"


def test_missing_picture_is_said_not_crashed(tmp_path):
    story = story_from_markdown("# T\n\n![x](khong-co.png)\n", tmp_path)
    assert any("khong-co.png" in getattr(flowable, "text", "") for flowable in story)

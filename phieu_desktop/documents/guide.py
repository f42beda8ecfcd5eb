"""The user guide (docs/huong-dan.md) as a printable PDF: a small Markdown subset laid out with our fonts.

Handled: `#`, `##`, `###` headings, paragraphs, `- ` and `1. ` list items, `![caption](image.png)` on a line of
its own, **bold** and `code` inline. Nothing else is needed by the guide, and nothing else is claimed.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Spacer

from .. import paths
from ..domain.errors import PhieuError
from ..domain.i18n import _
from .common import build_document, frame_width, para
from .page_marks import PageMarks

_IMAGE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<path>[^)]+)\)\s*$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")


def guide_path() -> Path:
    """docs/huong-dan.md, installed with the program (or in the source tree)."""
    return paths.guide()


def inline(text: str) -> str:
    """Escape for reportlab's mini-markup, then turn **bold** and `code` into tags."""
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"`(.+?)`", r"<b>\1</b>", text)


def _image(path: Path, caption: str) -> list:
    if not path.exists():
        return [para(_("[Thiếu hình: {name}]").format(name=path.name), "note")]
    picture = Image(str(path))
    width = frame_width()
    scale = min(1.0, width / picture.imageWidth, (120 * mm) / picture.imageHeight)
    picture.drawWidth, picture.drawHeight = picture.imageWidth * scale, picture.imageHeight * scale
    parts = [Spacer(1, 2 * mm), picture]
    if caption:
        parts.append(para(caption, "center_italic"))
    parts.append(Spacer(1, 3 * mm))
    return [KeepTogether(parts)]


def story_from_markdown(text: str, base: Path) -> list:
    """Flowables for the guide; images are looked up relative to `base`."""
    story: list = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            story.append(para(inline(" ".join(paragraph)), "body", markup=True))
            story.append(Spacer(1, 2 * mm))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        image = _IMAGE.match(line)
        numbered = _NUMBERED.match(line)
        if line.startswith("# "):
            flush()
            story += [para(inline(line[2:]), "title", markup=True), Spacer(1, 4 * mm)]
        elif line.startswith("## "):
            flush()
            story += [Spacer(1, 3 * mm), para(inline(line[3:]), "section", markup=True), Spacer(1, 1 * mm)]
        elif line.startswith("### "):
            flush()
            story.append(para("<b>" + inline(line[4:]) + "</b>", "plain", markup=True))
        elif image:
            flush()
            story += _image(base / image["path"], image["caption"])
        elif line.startswith("- "):
            flush()
            story.append(para("•&nbsp;&nbsp;" + inline(line[2:]), "plain_indent", markup=True))
        elif numbered:
            flush()
            story.append(para(f"{numbered[1]}.&nbsp;&nbsp;" + inline(numbered[2]), "plain_indent", markup=True))
        else:
            paragraph.append(line)
    flush()
    return story


def guide_pdf(source: Path | None = None) -> tuple[bytes, int]:
    """The guide as PDF bytes, with its number of pages."""
    source = source or guide_path()
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        raise PhieuError(_("Không tìm thấy hướng dẫn sử dụng ({name}).").format(name=source.name)) from None
    marks = PageMarks(footer=_("Hướng dẫn sử dụng phần mềm lấy phiếu tín nhiệm"))
    return build_document(lambda: story_from_markdown(text, source.parent), marks,
                          title=_("Hướng dẫn sử dụng"), author="phieu-desktop")

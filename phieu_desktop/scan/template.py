"""What the reader compares a sheet with: each sheet's geometry and its blank rendering, straight from the PDF
the ballots were printed from."""

from __future__ import annotations

from dataclasses import dataclass, field

import pypdfium2
from PIL import Image

from ..documents.sheet_geometry import SheetGeometry
from .geometry import CANON_PX_PER_MM


@dataclass
class PaperTemplate:
    """One ballot paper: its sheets (1-based) and, rendered lazily, how each looks blank."""

    session_code: str
    paper_key: str
    paper_title: str
    width: int  # persons on the paper
    levels: tuple[str, ...]  # the level codes in printed order
    sheets: list[SheetGeometry]
    blank_pdf: bytes  # one copy of the scannable ballot, every sheet
    _blank: dict[int, Image.Image] = field(default_factory=dict, repr=False)
    cache: dict = field(default_factory=dict, repr=False)  # what the reader derives once from each blank sheet

    def sheet(self, number: int) -> SheetGeometry:
        return self.sheets[number - 1]

    def blank(self, number: int) -> Image.Image:
        """Sheet `number` as printed and unmarked, in canonical pixels (grey)."""
        if number not in self._blank:
            document = pypdfium2.PdfDocument(self.blank_pdf)
            try:
                page = document[number - 1]
                bitmap = page.render(scale=CANON_PX_PER_MM * 25.4 / 72, grayscale=True)
                self._blank[number] = bitmap.to_pil().convert("L")
            finally:
                document.close()
        return self._blank[number]

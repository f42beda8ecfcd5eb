"""The marks that make a ballot sheet readable by a scanner: four solid corner squares and one QR code.

Drawn only when asked (`phieu print ballots --scannable`); the places come from `sheet_geometry`, which the reader
uses too, so the printer and the scanner can never disagree on them.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .qrcode import QrCode
from .sheet_geometry import MARKER_SIZE_MM, PAGE_HEIGHT_MM, QR_SIZE_MM, QR_X_MM, QR_Y_MM, SheetGeometry, marker_centres


def draw_scan_marks(canvas: Canvas, sheet: SheetGeometry) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    half = MARKER_SIZE_MM / 2
    for x, y in marker_centres():
        canvas.rect((x - half) * mm, (PAGE_HEIGHT_MM - y - half) * mm, MARKER_SIZE_MM * mm, MARKER_SIZE_MM * mm,
                    stroke=0, fill=1)
    # drawn as squares on the canvas: a reportlab Drawing would reference Helvetica, which is not PDF/A (issue 13)
    code = QrCode(sheet.payload(), QR_SIZE_MM * mm, border=2)
    code.drawOn(canvas, QR_X_MM * mm, (PAGE_HEIGHT_MM - QR_Y_MM - QR_SIZE_MM) * mm)
    canvas.restoreState()

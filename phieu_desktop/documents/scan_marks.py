"""The marks that make a ballot sheet readable by a scanner: four solid corner squares and one QR code.

Drawn only when asked (`phieu print ballots --scannable`); the places come from `sheet_geometry`, which the reader
uses too, so the printer and the scanner can never disagree on them.
"""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .sheet_geometry import (MARKER_SIZE_MM, PAGE_HEIGHT_MM, QR_SIZE_MM, QR_X_MM, QR_Y_MM, SheetGeometry,
                             marker_centres)


def draw_scan_marks(canvas: Canvas, sheet: SheetGeometry) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    half = MARKER_SIZE_MM / 2
    for x, y in marker_centres():
        canvas.rect((x - half) * mm, (PAGE_HEIGHT_MM - y - half) * mm, MARKER_SIZE_MM * mm, MARKER_SIZE_MM * mm,
                    stroke=0, fill=1)
    widget = QrCodeWidget(sheet.payload(), barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    size = QR_SIZE_MM * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, QR_X_MM * mm, (PAGE_HEIGHT_MM - QR_Y_MM - QR_SIZE_MM) * mm)
    canvas.restoreState()

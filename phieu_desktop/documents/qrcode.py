"""The seal's QR code, drawn as filled squares straight on the canvas.

A reportlab Drawing would start in Helvetica, a font it references and never embeds: not PDF/A."""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.platypus import Flowable


class QrCode(Flowable):
    """A QR code of `text`, `size` points wide."""

    def __init__(self, text: str, size: float, border: int = 4) -> None:
        super().__init__()
        self.text, self.size, self.border = text, size, border  # border: the quiet zone, in modules

    def wrap(self, available_width: float, available_height: float):
        return self.size, self.size

    def draw(self) -> None:
        widget = QrCodeWidget(self.text, barLevel="M", barBorder=self.border, barWidth=self.size,
                              barHeight=self.size)
        self.canv.saveState()
        self.canv.setFillColor(colors.black)
        self._squares(widget.draw())
        self.canv.restoreState()

    def _squares(self, shape) -> None:
        from reportlab.graphics.shapes import Group, Rect

        if isinstance(shape, Group):
            for child in shape.contents:
                self._squares(child)
        elif isinstance(shape, Rect) and shape.fillColor is not None and shape.fillColor != colors.white:
            self.canv.rect(shape.x, shape.y, shape.width, shape.height, stroke=0, fill=1)


__all__ = ["QrCode"]

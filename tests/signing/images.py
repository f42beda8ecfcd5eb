"""A red round seal and a blue handwritten-looking signature, as transparent PNGs (Pillow, which reportlab uses)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw


def seal_png(path: Path) -> Path:
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, 294, 294), outline=(220, 0, 0, 255), width=10)
    draw.ellipse((50, 50, 250, 250), outline=(220, 0, 0, 255), width=5)
    draw.polygon([(150, 95), (165, 140), (212, 140), (174, 168), (188, 212), (150, 186), (112, 212), (126, 168),
                  (88, 140), (135, 140)], fill=(220, 0, 0, 255))
    image.save(path)
    return path


def signature_png(path: Path) -> Path:
    image = Image.new("RGBA", (400, 140), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [(10, 100), (60, 30), (90, 110), (140, 20), (170, 100), (230, 40), (260, 95), (330, 50), (390, 70)]
    draw.line(points, fill=(0, 40, 200, 255), width=7, joint="curve")
    image.save(path)
    return path

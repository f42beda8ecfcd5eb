"""Does a screenshot of the Wine desktop show a window? (packaging/windows/wine-window)

    python wine_screen.py SHOT.png [SHOT.png …]     # exit 1, naming the picture, if one shows no window

An X screen with no window is one colour (Xvfb's black root, or Wine's empty virtual desktop). A window drawn by
Qt's `windows` platform has a title bar, a light background and anti-aliased text: many colours, most of the
picture light. Each picture must have at least MIN_COLOURS colours, at most MAX_DARK of its pixels black, and a
title bar: rows near the top with more than TITLE_WIDTH pixels of a caption's colour (Wine draws the active one
in one blue, an inactive one in one grey).
"""

from __future__ import annotations

import sys
from collections import Counter

from PIL import Image

MIN_COLOURS = 40
MAX_DARK = 0.5
TITLE_WIDTH = 300


def problems(path: str) -> list[str]:
    with Image.open(path) as image:
        picture = image.convert("RGB")
    width, height = picture.size
    data = picture.tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3]))
    found = []
    colours = len(set(pixels))
    if colours < MIN_COLOURS:
        found.append(f"{colours} colours only (a bare desktop?)")
    dark = sum(1 for p in pixels if max(p) < 16) / len(pixels)
    if dark > MAX_DARK:
        found.append(f"{dark:.0%} of the screen is black (no window)")
    title_rows = 0
    for y in range(min(height, 60)):
        row = Counter(pixels[y * width:(y + 1) * width])
        (colour, count), = row.most_common(1)
        r, g, b = colour
        g = colour[1]
        active = b > 150 and b > r + 60  # Wine's active caption: one blue
        inactive = 96 <= r <= 200 and r == g == b  # its inactive caption: one grey
        if count > TITLE_WIDTH and (active or inactive):
            title_rows += 1
    if title_rows < 8:
        found.append(f"no title bar along the top ({title_rows} rows)")
    return [f"{path}: {problem}" for problem in found]


def main(paths: list[str]) -> int:
    found = [problem for path in paths for problem in problems(path)]
    for problem in found:
        print(f"[wine] {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

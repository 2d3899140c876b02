"""Make the example seal images in source/examples/ (made-up seals, no organ's: a red ring and
a five-pointed star, no text), 300 px wide, PNG with alpha, DPI stated so that they print
42 mm wide. Run: python tests/tools/make_seal_images.py"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

RED = (220, 20, 30, 235)
SIZE = 300
DPI = SIZE / (42 / 25.4)  # 300 px over 42 mm


def star(draw: ImageDraw.ImageDraw, cx: float, cy: float, outer: float) -> None:
    inner = outer * 0.382
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=RED)


def seal(rings: int) -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, SIZE - 6, SIZE - 6), outline=RED, width=12)
    if rings > 1:
        draw.ellipse((40, 40, SIZE - 40, SIZE - 40), outline=RED, width=4)
    star(draw, SIZE / 2, SIZE / 2, SIZE * 0.22)
    return image


if __name__ == "__main__":
    out = Path(__file__).resolve().parents[2] / "source" / "examples"
    seal(1).save(out / "seal-a.png", dpi=(DPI, DPI), optimize=True)
    seal(2).save(out / "seal-b.png", dpi=(DPI, DPI), optimize=True)

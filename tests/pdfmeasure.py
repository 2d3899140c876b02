"""Measuring a rendered PDF: text rows with their extents, in points from the page's top-left."""

from __future__ import annotations

from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT = 28 * MM, (210 - 26) * MM  # the type area's edges
TOP, BOTTOM = 37 * MM, (37 + 225) * MM


@dataclass
class Row:
    page: int  # 1-based
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def middle(self) -> float:
        """Vertical middle of the row's full-width characters (Latin faces box differently)."""
        chars = [c for c in self.chars if not c["text"].isascii()] or self.chars
        return sum((c["top"] + c["bottom"]) / 2 for c in chars) / len(chars)

    @property
    def size(self) -> float:
        return max(round(c["size"], 1) for c in self.chars)


def rows(pdf_path, keep=None) -> list[list[Row]]:
    """Each page's rows of text, top to bottom; characters whose vertical middles lie within
    6 pt of each other form one row. `keep`, when given, chooses the characters that count.
    Turned characters (a 横排 table page's number, read down the page) are left out."""
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            chars = [c for c in page.chars if c["text"].strip() and c["upright"]
                     and (keep is None or keep(c))]
            chars.sort(key=lambda c: (c["top"] + c["bottom"]) / 2)
            groups: list[list[dict]] = []
            for c in chars:
                mid = (c["top"] + c["bottom"]) / 2
                if groups and abs(mid - (groups[-1][-1]["top"] + groups[-1][-1]["bottom"]) / 2) < 6:
                    groups[-1].append(c)
                else:
                    groups.append([c])
            pages.append([Row(number, sorted(g, key=lambda c: c["x0"])) for g in groups])
    return pages


def body_rows(page_rows: list[Row]) -> list[Row]:
    """Rows inside the type area (page numbers excluded)."""
    return [r for r in page_rows if r.top < BOTTOM]


def footer_rows(page_rows: list[Row]) -> list[Row]:
    return [r for r in page_rows if r.top >= BOTTOM]


def ink_rows(pdf_path, page: int, box: tuple[float, float, float, float], dpi: int = 288):
    """The vertical extent (top, bottom, in points) of dark pixels inside `box` (x0, top, x1,
    bottom, in points) on a page rasterised by pdfium."""
    with pdfplumber.open(pdf_path) as pdf:
        image = pdf.pages[page - 1].to_image(resolution=dpi).original.convert("L")
    scale = dpi / 72
    x0, top, x1, bottom = (round(v * scale) for v in box)
    dark = [y for y in range(top, bottom)
            if any(image.getpixel((x, y)) < 128 for x in range(x0, x1))]
    if not dark:
        return None
    return dark[0] / scale, (dark[-1] + 1) / scale


def red_rows(pdf_path, page: int, box: tuple[float, float, float, float], dpi: int = 144):
    """The vertical extent (top, bottom, in points) of red pixels inside `box`."""
    with pdfplumber.open(pdf_path) as pdf:
        image = pdf.pages[page - 1].to_image(resolution=dpi).original.convert("RGB")
    scale = dpi / 72
    x0, top, x1, bottom = (round(v * scale) for v in box)
    red = [y for y in range(top, bottom)
           if any(_is_red(image.getpixel((x, y))) for x in range(x0, x1, 2))]
    if not red:
        return None
    return red[0] / scale, (red[-1] + 1) / scale


def _is_red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 150 and g < 110 and b < 110


def lines(pdf_path, page: int) -> list[dict]:
    """Horizontal rules drawn on a page: y (middle), x0, x1, width, colour."""
    with pdfplumber.open(pdf_path) as pdf:
        p = pdf.pages[page - 1]
        return [{"y": (l["top"] + l["bottom"]) / 2, "x0": l["x0"], "x1": l["x1"],
                 "width": l["linewidth"], "color": l.get("stroking_color")} for l in p.lines]

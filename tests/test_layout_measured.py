"""The seed measured as printed, twice: our PDF, and our .docx laid out by LibreOffice. Both must
hold the 22 × 28 grid, justification, the line-breaking rules, the type area's position and the
page numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # LibreOffice renderings and built PDFs, measured

from pdfmeasure import BOTTOM, LEFT, MM, PAGE_H, RIGHT, TOP, body_rows, footer_rows, ink_rows, rows

PITCH = 579 / 20  # the grid row, points
NO_START = set("，。、；：？！”’）》〉」』〕】…%‰℃")
NO_END = set("“‘（《〈「『〔【")
CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕—…")


def is_pure_chinese(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" or ch in CJK_PUNCT for ch in text)


CELL = 15.75  # a 16 pt character narrowed by the run spacing of -0.25 pt
HALF = 7.75  # a digit or Latin letter in the Times New Roman slot, narrowed the same way
# Between Chinese and digits/Latin: autospacing (a fifth of an em) and the tracking the last
# character of a run in one script does not get (measured in LibreOffice: 3.45-3.5 pt at 三号).
AUTOSPACE = 3.45


def natural_width(text: str, before: str = "") -> float:
    """Width LibreOffice gives `text` before justification, after the character `before`."""
    width, previous = 0.0, before[-1:]
    for ch in text:
        latin = ch.isascii()
        width += HALF if latin else CELL
        if previous and previous.isascii() != latin:
            width += AUTOSPACE
        previous = ch
    return width


def leading_cluster(text: str) -> str:
    """What cannot be separated at the start of a line: opening marks with the character after
    them, a character with the closing marks after it, a number whole, two-cell marks (—— ……)
    whole, and (LibreOffice's rule) a closing mark with a number or Latin word directly after it."""
    i = 0
    while i < len(text) and text[i] in NO_END:
        i += 1
    if text[i : i + 2] in ("——", "……"):
        i += 2
    elif i < len(text) and text[i].isascii() and text[i].isalnum():
        while i < len(text) and text[i].isascii() and (text[i].isalnum() or text[i] in ".%"):
            i += 1
    else:
        i += 1
    while i < len(text) and text[i] in NO_START:
        i += 1
        while i < len(text) and text[i].isascii() and (text[i].isalnum() or text[i] in ".%"):
            i += 1
    return text[:i]


RENDERERS = ["pdf", "libreoffice"]


@pytest.fixture(scope="module", params=RENDERERS)
def printed(request) -> Path:
    """The seed as a PDF: ours, or LibreOffice's rendering of our .docx."""
    name = "seed_pdf" if request.param == "pdf" else "seed_lo_pdf"
    return request.getfixturevalue(name)


@pytest.fixture(scope="module")
def pages(printed):
    return rows(printed)


@pytest.fixture(scope="module")
def lines(pages):
    """Body-size rows of the type area, in reading order across pages."""
    return [r for page in pages for r in body_rows(page) if abs(r.size - 16) < 0.5]


def grid_row(row) -> int:
    """0-based grid row of a text row, from its vertical middle."""
    return round((row.middle - TOP) / PITCH - 0.5)


def test_every_full_page_has_22_lines(pages):
    assert len(pages) >= 3, "the seed should fill several pages"
    for page in pages[:-1]:
        number = page[0].page
        grid = [grid_row(r) for r in body_rows(page)]
        assert len(set(grid)) == len(grid), f"page {number}: two rows in one grid row"
        assert grid[0] == 0 and grid[-1] == 21, f"page {number}: rows {grid[0] + 1}–{grid[-1] + 1}"
        blank = 1 if number == 1 else 0  # the seed's one empty line, under the byline
        assert len(grid) + blank == 22, f"page {number}: {len(grid)} lines"
    assert grid_row(body_rows(pages[-1])[-1]) <= 21


def test_rows_sit_on_the_grid(lines):
    """Body lines are whole grid pitches apart, and the grid starts 37 mm from the paper top."""
    offsets = [(row.middle - TOP) / PITCH - 0.5 for row in lines]
    fractions = sorted(o - round(o) for o in offsets)
    typical = fractions[len(fractions) // 2]  # where the face sits inside its row
    for row, offset in zip(lines, offsets):
        drift = (offset - round(offset) - typical) * PITCH
        assert abs(drift) < 1, f"page {row.page}: {row.text[:10]} is {drift:.2f} pt off the grid"
    first = [r for r in lines if r.page == 2][0]
    top = first.middle - PITCH / 2
    assert abs(top - TOP) < 1 * MM, f"first grid row starts {top / MM:.2f} mm from the top"


def test_type_area_left_edge_is_28mm(lines):
    continuation = [r for r in lines if r.x0 < LEFT + 8]
    assert len(continuation) > 50
    for row in continuation:
        assert abs(row.x0 - LEFT) < 1 * MM, f"{row.text}: left edge {row.x0 / MM:.2f} mm"


def test_no_line_is_wider_than_the_type_area(pages):
    for page in pages:
        for row in body_rows(page):
            assert row.x1 <= RIGHT + 1, f"page {row.page}: {row.text} runs to {row.x1 / MM:.1f} mm"


def test_chinese_lines_hold_28_characters_and_are_justified(lines):
    checked = 0
    for row, following in zip(lines, lines[1:]):
        if abs(following.x0 - LEFT) > 2 or not is_pure_chinese(row.text):
            continue  # last line of its paragraph, or a line with digits or Latin
        indent = round((row.x0 - LEFT) / 16)
        capacity = 28 - indent
        n = len(row.text)
        # one more when the line was squeezed to fit a closing mark (挤进, docs/line-ends.md)
        squeezed = n == capacity + 1 and row.text[-1] in NO_START
        assert n <= capacity or squeezed, f"{n} characters: {row.text}"
        if n < capacity:
            cluster = leading_cluster(following.text)
            room = RIGHT - row.x0
            assert natural_width(row.text) + natural_width(cluster, row.text) > room, (
                f"only {n} of {capacity} characters, though {cluster!r} could follow: "
                f"{row.text}"
            )
        assert abs(row.x1 - RIGHT) < 1.5, f"not justified ({row.x1 / MM:.1f} mm): {row.text}"
        checked += 1
    assert checked > 60


def test_line_breaking_prohibitions(lines):
    for row, following in zip(lines, lines[1:]):
        assert row.text[-1] not in NO_END, f"line ends with an opening mark: {row.text}"
        if abs(following.x0 - LEFT) < 2:  # a continuation line
            assert following.text[0] not in NO_START, f"line starts with {following.text[0]}"
            for pair in ("——", "……"):
                assert not (row.text.endswith(pair[0]) and following.text.startswith(pair[1]))
            assert not (re.search(r"[0-9.%]$", row.text) and re.match(r"[0-9.%]", following.text)), (
                f"number split: {row.text[-4:]} | {following.text[:4]}"
            )


def test_page_numbers_odd_right_even_left_7mm_below(pages, printed):
    for page in pages:
        number = page[0].page
        footer = footer_rows(page)
        assert len(footer) == 1, f"page {number}: {len(footer)} footer rows"
        row = footer[0]
        assert row.text == f"—{number}—"
        one_char = 14
        if number % 2:
            assert abs(row.x1 - (RIGHT - one_char)) < 1.5, f"odd page {number}: right at {row.x1}"
        else:
            assert abs(row.x0 - (LEFT + one_char)) < 1.5, f"even page {number}: left at {row.x0}"
        if number <= 2:
            dash = row.chars[0]
            ink = ink_rows(printed, number, (dash["x0"], row.top - 4, dash["x1"], row.top + 20))
            middle = (ink[0] + ink[1]) / 2
            below = (middle - BOTTOM) / MM
            assert abs(below - 7) < 1, f"page {number}: dash {below:.2f} mm below the type area"
            assert abs((PAGE_H - middle) / MM - 28) < 1


def test_every_character_is_shown_once_in_order(seed_docx, pages):
    from docx_text import docx_paragraphs

    expected = "".join(docx_paragraphs(seed_docx)).replace(" ", "").replace("\u3000", "")
    shown = "".join(r.text for page in pages for r in body_rows(page))
    assert shown == expected


def test_title_keeps_its_natural_spacing(pages):
    """The 二号 title is not narrowed onto the body grid: its characters do not overlap."""
    title = body_rows(pages[0])[0]
    assert title.size == 22
    cjk = [c for c in title.chars if not c["text"].isascii()]
    advances = [b["x0"] - a["x0"] for a, b in zip(cjk, cjk[1:]) if b["x0"] - a["x0"] < 30]
    assert advances and min(advances) >= 21.9, f"title advance {min(advances):.2f} pt"

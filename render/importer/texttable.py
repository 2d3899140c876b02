"""Tables typed as text: two or more adjacent lines with the same number (at least 2) of cells,
separated by tabs or by runs of two or more spaces (aligned columns), become an outline `Table`;
the line above, when it reads as a caption (表1 …, 附表 …, a short centred line), is its caption.
A single line with tabs is no table: it stays a paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import outline
from . import patterns
from .lines import Line

TAB = re.compile(r"\t")
SPACES = re.compile(r"[ \u3000\u00a0]{2,}")  # two or more spaces, also ideographic
CELL_MAX = 40  # an aligned-column cell is short; a longer run is text with wide spaces
CAPTION_MAX = 40
CAPTION = re.compile(r"^(附\s*表|表)\s*([0-9０-９]+|[一二三四五六七八九十]+)?(\s|[:：.．、-]|$)")
CENTRED_OFFSET = 4  # a plain-text line pushed this far right is centred
SENTENCE = re.compile(r"[。！？!?；;][”’\"'）)》」』】〕]*$")
# A number with its unit (12, 3.5%, 1,200万元, 2023年3月): digits, signs and unit characters.
NUMBER = re.compile(r"[-+−±]?[\d０-９][\d０-９\s.,，．:：/%％‰\-−—~～()（）年月日号时分万亿千百元人个项家台次户吨亩米]*")


@dataclass
class Found:
    """A table read from the text: the `Table`, the lines it took (caption first), and why."""

    table: outline.Table
    lines: list[Line]
    why: str


def find(lines: list[Line | None]) -> dict[int, Found]:
    """Tables among body lines (None for a blank line), keyed by the index of their first
    line (the caption's, when there is one)."""
    found: dict[int, Found] = {}
    taken: set[int] = set()
    i = 0
    while i < len(lines):
        first = _cells(lines[i])
        j = i + 1
        while first and j < len(lines) and (row := _cells(lines[j])) and \
                len(row) == len(first):
            j += 1
        if j - i < 2:
            i += 1
            continue
        rows = [lines[k] for k in range(i, j)]
        caption = _caption(lines, i, taken)
        start = caption if caption is not None else i
        found[start] = _table(rows, lines[caption] if caption is not None else None)
        taken.update(range(start, j))
        i = j
    return found


def cells(line: Line) -> list[tuple[str, int]]:
    """The line's cells with their 0-based column in the line: split at each tab (an empty
    cell between two tabs is kept), else at each run of two or more spaces."""
    separator = TAB if "\t" in line.text else SPACES
    out, begin = [], 0
    for match in separator.finditer(line.text):
        out.append((line.text[begin:match.start()], begin))
        begin = match.end()
    out.append((line.text[begin:], begin))
    return [(text.strip(" \u3000\u00a0"), column) for text, column in out]


def _cells(line: Line | None) -> list[tuple[str, int]] | None:
    """The cells of a line that can be a table row, else None: not blank, not a Word table's
    cell, not a numbered heading (一、\t总体要求), two or more cells; aligned by spaces, each
    cell short and ending no sentence."""
    if line is None or "table" in line.evidence or patterns.heading(line.text):
        return None
    row = cells(line)
    if len(row) < 2:
        return None
    if "\t" not in line.text and any(len(text) > CELL_MAX or SENTENCE.search(text)
                                     for text, _ in row):
        return None
    return row


def _caption(lines: list[Line | None], first: int, taken: set[int]) -> int | None:
    """The index of the caption above the table's first row: the nearest line above (across
    blank lines) when it starts 表1/附表 or is a short centred line, ending no sentence."""
    k = first - 1
    while k >= 0 and lines[k] is None:
        k -= 1
    if k < 0 or k in taken:
        return None
    line = lines[k]
    text = line.text
    if len(text) > CAPTION_MAX or patterns.ends_sentence(text) or patterns.heading(text) or \
            "\t" in text:
        return None
    centred = line.evidence.get("align") == "center" if line.evidence.get("paragraph") \
        else line.offset >= CENTRED_OFFSET
    return k if CAPTION.match(text) or centred else None


def _table(rows: list[Line], caption: Line | None) -> Found:
    grid = [[outline.Cell(text, pos=(line.number, line.offset + column + 1))
             for text, column in cells(line)] for line in rows]
    head = 1 if _header(grid) else 0
    pos = (rows[0].number, rows[0].offset + 1)
    table = outline.Table(columns=[outline.Column() for _ in grid[0]], header=grid[:head],
                          rows=grid[head:], caption=caption.text if caption else None, pos=pos)
    how = "tabs" if "\t" in rows[0].text else "aligned spaces"
    parts = [f"{len(grid[0])} columns", f"{len(grid)} rows",
             "the first row the header (numbers below its words)" if head
             else "no header row (the rows are all of a kind)"]
    if caption:
        parts.append(f"caption from line {caption.number}")
    why = (f"a table in the text (cells separated by {how}; {', '.join(parts)}): lines "
           f"{rows[0].number}–{rows[-1].number} read as a table")
    return Found(table, ([caption] if caption else []) + rows, why)


def _header(grid: list[list[outline.Cell]]) -> bool:
    """The first row heads the table when it holds words only and a column below it holds
    numbers only."""
    first, below = grid[0], grid[1:]
    if any(_number(c.text) for c in first):
        return False
    return any(all(_number(row[j].text) or not row[j].text for row in below) and
               any(row[j].text for row in below) and first[j].text
               for j in range(len(first)))


def _number(text: str) -> bool:
    return bool(text) and bool(NUMBER.fullmatch(text))

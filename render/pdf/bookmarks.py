"""The PDF's bookmark tree, from the typeset pages: each heading's line, each 附件 (its
title, the attachment's headings under it), and in a volume each document (its title, the
rest under it). Plain data: the writer makes the outline entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..compose.blocks import Element
from ..layout.items import Line, Page


@dataclass(frozen=True)
class Bookmark:
    title: str
    level: int  # 0: top level; never more than one under the entry before it
    page: int  # index in the pages
    top: float  # where the view goes: points from the page's top


def bookmarks(pages: Sequence[Page], parts: Sequence[tuple[int, str]] = ()) -> list[Bookmark]:
    """Every bookmark in page order; `parts`: a volume's documents (first page, title)."""
    starts = dict(parts)
    out: list[Bookmark] = []
    base = 1 if parts else 0  # a volume: each document's entries under its own
    nested = 0  # 1 inside an attachment: its headings under its entry
    lines = [(index, line) for index, page in enumerate(pages) for line in page.lines]
    position = 0
    for index in range(len(pages)):
        if index in starts:
            out.append(Bookmark(starts[index], 0, index, 0.0))
            nested = 0
        while position < len(lines) and lines[position][0] == index:
            line = lines[position][1]
            if line.kind == Element.ATTACHMENT_LABEL.value:
                out.append(Bookmark(_attachment_title(lines[position:]), base, index, _top(line)))
                nested = 1
            elif line.level:
                out.append(Bookmark(line.heading, line.level - 1 + base + nested, index,
                                    _top(line)))
            position += 1
    return _no_jumps(out)


def _attachment_title(lines: list[tuple[int, Line]]) -> str:
    """The title under an attachment's label (`lines[0]`, blank rows between): its lines
    joined; the label when it has none."""
    title = []
    for _, line in lines[1:]:
        if line.kind == Element.ATTACHMENT_TITLE.value:
            title.append(line.text)
        elif line.kind != Element.BLANK.value or title:
            break
    return "".join(title) or lines[0][1].text


def _top(line: Line) -> float:
    span = line.spans[0]
    return span.y - span.size


def _no_jumps(marks: list[Bookmark]) -> list[Bookmark]:
    """Levels that go down one at a time (a 2nd-level heading with no 1st-level one before it
    sits right under its parent), as an outline tree needs."""
    out, last = [], -1
    for mark in marks:
        level = min(mark.level, last + 1)
        out.append(mark if level == mark.level else Bookmark(mark.title, level, mark.page, mark.top))
        last = level
    return out

"""The 目录 of a volume (汇编): the volume's title (broken as a document's title is), 目　录
under it, then one paragraph per document: its title, and the number of the page it starts on
flush right at the type area's edge. A title wraps short of the numbers' column, so a number
never meets its text; the numbers take no part in where lines break, so the 目录 has as many
pages whatever they are (a volume lays it out once to learn that, then again with them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..style import Style
from .blocks import BLANK, Block, Element, Para, Run
from .titles import title_lines

HEADING = "目　录"
NUMBER_ROOM = 3  # characters kept free right of a title, for its page number


@dataclass(frozen=True)
class Entry:
    """One document in the 目录: its title, the page it starts on, and where the volume
    includes it (line, column), to place a problem with its title."""

    title: str
    page: int
    pos: tuple[int, int] = (0, 0)


def contents(title: list[str], entries: Sequence[Entry], style: Style) -> list[Block]:
    """The 目录's blocks: title, 目　录, a blank row, the entries."""
    flow: list[Block] = [Para(Element.TITLE, (Run(line),)) for line in title_lines(title, style)]
    flow += [BLANK] * style.element("title").lines_after
    flow += [Para(Element.SUBTITLE, (Run(HEADING),)), BLANK]
    room = NUMBER_ROOM * style.element("body").size
    for entry in entries:
        flow.append(Para(Element.BODY, (Run(entry.title),), left=0.0, first=0.0, inset=room,
                         tab=(Run(str(entry.page)),), tab_outside=True, pos=entry.pos))
    return flow

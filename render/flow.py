"""Document + style → the flow of paragraphs both writers set: what is printed, in which element
style, with the derived parts (heading numbers, byline, the colon after 主送机关, blank lines)
filled in. No geometry here: where lines break and pages end is layout's job.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import Union

from . import outline
from .numbering import label
from .style import Style


@dataclass(frozen=True)
class Run:
    text: str
    lead: int = 0  # >0: the run-in heading of that level, set in the heading's font
    role: str | None = None  # another font role than the paragraph's (签发人 names in 楷体)
    revision: str = ""  # "ins", "del", "moveFrom" or "moveTo" in a redline (tracked changes)


@dataclass(frozen=True)
class Rule:
    """A horizontal line under a paragraph: `gap` below its text, as wide as the type area."""

    gap: float
    width: float
    color: str


@dataclass(frozen=True)
class Para:
    """One paragraph of the flow. `kind` names its paragraph style: an element (body, title,
    byline, …), `heading1`–`heading4` for stand-alone headings, `runin1`–`runin4` for paragraphs
    that open with a run-in heading, or `blank` for an empty grid line.

    Most paragraphs sit on the grid, one row per line. An off-grid paragraph (`exact`) has lines
    of that height, `before` points above them, and takes `rows` grid rows in all, so the text
    after it is back on the grid (the 发文机关标志, the 发文字号 with its red rule)."""

    kind: str
    runs: tuple[Run, ...] = ()
    level: int = 0  # outline level of headings and run-in paragraphs (1–4), else 0
    left: float | None = None  # a computed left indent in points, else the style's
    right: float | None = None  # set: right-aligned with this right indent in points
    first: float | None = None  # first-line indent relative to `left` (negative: hanging)
    tab: tuple[Run, ...] = ()  # text set on the same line after the runs (签发人, 印发日期)
    tab_at: float | None = None  # where `tab` starts (points from the left); None: flush right
    inset: float = 0.0  # a right indent that leaves the alignment alone (版记: 右空一字)
    align: str | None = None  # another alignment than the element's
    revision: str = ""  # the whole paragraph inserted, deleted or moved, in a redline
    move: str = ""  # the name pairing a moved paragraph's old and new places
    pos: tuple[int, int] = (0, 0)  # where the outline states it (line, column), if known
    size: float | None = None  # a size other than the element's (a shrunk 发文机关标志)
    exact: float | None = None  # off-grid: the exact line height
    before: float = 0.0  # off-grid: space above the first line
    rows: int = 0  # off-grid: grid rows the paragraph takes
    rule: Rule | None = None
    page_break: bool = False  # starts a new page (附件)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Imprint:
    """版记: set at the foot of the last page; a thick line above and below, thin lines
    between its groups (`thin_after`: indexes of the paragraphs a thin line follows)."""

    paras: tuple[Para, ...]
    thin_after: tuple[int, ...]
    thick: float
    thin: float
    # where each paragraph's text comes from in the outline: (offset in its text, key) pairs,
    # so that layout can name the value a 版记 too tall for a page cannot hold
    keys: tuple[tuple[tuple[int, tuple], ...], ...] = ()

    def key_at(self, index: int, offset: int) -> tuple:
        """The outline key of paragraph `index`'s text at `offset` (() when unknown)."""
        found: tuple = ()
        for start, key in self.keys[index] if index < len(self.keys) else ():
            if start <= offset:
                found = key
        return found


@dataclass(frozen=True)
class Fixed:
    """Something set on the first page at a height measured from the paper's top edge, outside
    the grid (the 信函's mark and red double lines). `y` is the mark's top edge or the double
    line's middle; `double` is "thick-thin" or "thin-thick"."""

    kind: str  # "mark" or "rule"
    y: float
    para: Para | None = None
    double: str = ""
    thick: float = 0.0
    thin: float = 0.0
    length: float = 0.0  # centred on the type area
    color: str = "FF0000"


Item = Union[Para, Imprint, Fixed]
BLANK = Para("blank")


def chinese_date(day: dt.date) -> str:
    """成文日期 form: Arabic numerals, full year, no zero padding (2023年2月16日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def build_flow(document: outline.Document, style: Style) -> list[Item]:
    """The whole document as the writers set it; see render/assemble.py."""
    from .assemble import assemble

    return assemble(document, style)


def body_flow(blocks: list[outline.Block], style: Style) -> list[Para]:
    flow = []
    for visit in outline.walk(blocks):
        block = visit.block
        if isinstance(block, outline.Paragraph):
            flow.append(Para("body", (Run(block.text),), pos=block.pos))
            continue
        number = label(style.heading(visit.depth).number, visit.numbers[-1])
        if block.runin:
            runs = (Run(number + block.heading, lead=visit.depth),)
            if block.text:
                runs += (Run(block.text),)
            flow.append(Para(f"runin{visit.depth}", runs, visit.depth, pos=block.pos))
        else:
            flow.append(Para(f"heading{visit.depth}", (Run(number + block.heading),), visit.depth,
                             pos=block.pos))
    return flow


def byline(document: outline.Document, style: Style) -> str:
    """The line under the title, from the style's template; left out when the template names a
    field the outline does not state. Fields: {issuer}, {date} (成文日期), {source} and
    {published} (web publication)."""
    element = style.element("byline")
    if not element.show or not element.template:
        return ""
    pub = document.publication
    fields = {
        "issuer": document.author,
        "date": chinese_date(document.date) if document.date else "",
        "source": pub.source if pub else "",
        "published": chinese_date(pub.date) if pub and pub.date else "",
    }
    used = [name for _, name, _, _ in string.Formatter().parse(element.template) if name]
    if not all(fields.get(name) for name in used):
        return ""
    return element.template.format(**fields)


def text_width(text: str, em: float) -> float:
    """Nominal width: full-width characters one em, ASCII (digits, Latin) half an em."""
    return sum(em / 2 if ord(ch) < 0x2000 else em for ch in text)

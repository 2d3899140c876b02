"""What layout produces: pages of positioned text, as plain data.

Coordinates are points from the page's top-left corner; `y` is a baseline. A `Span` is a run of
characters in one face at one size with each character's x; writers only draw these.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..geometry import DESCENT, REVISION_WIDTH, STRIKE, UNDERLINED


@dataclass(frozen=True)
class Span:
    face: str  # face key, as the metrics named it
    size: float
    text: str
    xs: tuple[float, ...]  # left edge of each character
    y: float  # baseline
    color: str = "000000"  # RRGGBB
    mark: str = ""  # "ins" (underlined) or "del" (struck through): a tracked change
    turn: int = 0  # degrees clockwise the span is turned about (xs[0], y), as set unturned

    def end(self, advance_units: float) -> float:
        """Where the span's last character ends (as set unturned), given that character's
        advance in thousandths of an em."""
        return self.xs[-1] + advance_units * self.size / 1000


@dataclass(frozen=True)
class Rule:
    """A horizontal line: from x0 to x1 at height y (its middle), `width` thick."""

    x0: float
    x1: float
    y: float
    width: float
    color: str = "000000"


def revision_line(span: Span, last_advance: float) -> Rule:
    """A tracked change's line as both fixed-layout writers draw it: under an insertion, through a deletion,
    the span's length (`last_advance`: its last character's, in thousandths of an em)."""
    under = span.mark in UNDERLINED
    y = span.y + DESCENT * span.size if under else span.y - STRIKE * span.size
    return Rule(span.xs[0], span.end(last_advance), y, REVISION_WIDTH, span.color)


@dataclass(frozen=True)
class Stroke:
    """A straight line in any direction (a table's borders): from (x0, y0) to (x1, y1),
    `width` thick."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: str = "000000"


@dataclass(frozen=True)
class Picture:
    """An image on the page: its top-left corner and size in points, the image file's bytes
    (PNG or JPEG, as the outline named it); `behind` the text (a seal) or in the flow (a
    figure)."""

    x: float
    top: float
    width: float
    height: float
    data: bytes = field(repr=False)
    behind: bool = False
    block: int = -1  # the block that placed it
    name: str = ""  # the image file as the outline names it
    alt: str = ""  # what a seal is (whose 印章), for a reader that cannot see it


@dataclass
class Line:
    """One line of text as set: its paragraph's kind, its grid row, its spans."""

    kind: str
    text: str
    row: int  # 0-based grid row on its page; -1 for lines outside the grid (page numbers)
    spans: list[Span] = field(default_factory=list)
    last: bool = False  # the last line of its paragraph
    level: int = 0  # outline level (1–4) on the first line of a heading or run-in paragraph
    heading: str = ""  # the heading's text, for bookmarks
    block: int = -1  # the index of the block that set it (-1: a page number)
    condensed: float = 0.0  # squeezed: points off the style's spacing after its characters
    cell: tuple[int, int] | None = None  # a table's line: its row and its cell in that row


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    bars: list[tuple[float, float, float]] = field(default_factory=list)  # x, top, bottom
    pictures: list[Picture] = field(default_factory=list)
    strokes: list[Stroke] = field(default_factory=list)
    numbered: bool = True  # shows its page number (not a blank page or the 版记 page after one)
    # the paper exactly as the style gives it (turned for a landscape page), for the writers'
    # page boxes: `width` × `height` are those lengths in whole twips, as the .docx states
    # them (A4: 595.276 × 841.89 pt, not 595.3 × 841.9); None: the page is that size
    paper: tuple[float, float] | None = None

    def __post_init__(self):
        if self.paper is None:
            self.paper = (self.width, self.height)

    @property
    def body(self) -> list[Line]:
        return [line for line in self.lines if line.row >= 0]


@dataclass(frozen=True)
class Placement:
    """Where one block landed: its lines from `page`, `row` (the first line's) to `last_page`;
    `lines` 0 for a block that sets none (a rule); a figure without a caption: its rows."""

    block: int  # the block's index in the composed list
    page: int
    row: int
    lines: int
    last_page: int


@dataclass(frozen=True)
class ForcedBreak:
    """A page break that layout set where the flow would not break: before line `line` of block
    `block` (0: before the block), `offset` characters into its text. The 署名 block's rule
    (GB/T 9704 §7.3.5) makes them; the Word writer states each one."""

    block: int
    line: int
    offset: int


@dataclass(frozen=True)
class Condensed:
    """A paragraph whose character spacing layout condensed by `points` (a whole number of
    twips) to make room for the 署名 block on its page (GB/T 9704 §7.3.5.5); the Word writer
    states it on the paragraph's runs."""

    block: int
    points: float


@dataclass(frozen=True)
class Squeezed:
    """Characters `start` … `stop` - 1 of block `block`'s text: a line that layout squeezed
    to fit a closing mark on it (挤进, docs/line-ends.md), the spacing after each of them
    condensed by `points` (whole twips) from the style's; the Word writer states it on those
    characters' runs."""

    block: int
    start: int
    stop: int
    points: float


@dataclass(frozen=True)
class RowSplit:
    """A table row taller than a page (less the repeated header rows), split by layout at
    line boundaries: each part's height in grid rows and its page, and for each of the row's
    cells the character offsets into its text where each part but the last ends."""

    row: int
    heights: tuple[int, ...]
    pages: tuple[int, ...]
    cuts: tuple[tuple[int, ...], ...]  # per cell: len(heights) - 1 offsets


@dataclass(frozen=True)
class TablePlan:
    """Where layout put a table (block `block`): each row's height in grid rows, the page each
    row landed on, how many leading rows are header rows (repeated on every page), and
    whether layout started it on a new page where the flow would not have broken (its caption,
    header and first row do not fit below the text: the Word writer states the break)."""

    block: int
    heights: tuple[int, ...]
    pages: tuple[int, ...]
    header: int
    new_page: bool = False
    landscape: bool = False  # on landscape pages of its own (the .docx: a section of its own)
    splits: tuple[RowSplit, ...] = ()  # the rows split across pages

    def split(self, row: int) -> RowSplit | None:
        return next((split for split in self.splits if split.row == row), None)


@dataclass
class Typeset:
    """A document laid out once, for every writer: the positioned pages, and where each block
    landed (the Word writer takes its forced page breaks and the 版记's place from here)."""

    pages: list[Page]
    placed: tuple[Placement, ...]
    rows: int  # grid rows per page
    breaks: tuple[ForcedBreak, ...] = ()
    condensed: tuple[Condensed, ...] = ()
    squeezed: tuple[Squeezed, ...] = ()
    tables: tuple[TablePlan, ...] = ()

    def table(self, block: int) -> TablePlan:
        """The plan of the table that is block `block`."""
        return next(plan for plan in self.tables if plan.block == block)

    def lines_of(self, block: int) -> list[Line]:
        """The lines block `block` set, in order."""
        placed = self.placed[block]
        out: list[Line] = []
        for page in self.pages[placed.page - 1:placed.last_page]:
            out += [line for line in page.lines if line.block == block]
        return out


def dump(typeset: Typeset) -> str:
    """The plan as text, one line per positioned item (page, line with its spans, rule, change
    bar, placement), numbers in points to two decimals: for golden tests and for reading."""
    out = [f"typeset rows={typeset.rows} pages={len(typeset.pages)}"]
    for page in typeset.pages:
        out.append(f"page {page.number} {page.width:.2f}x{page.height:.2f}"
                   + ("" if page.numbered else " unnumbered"))
        for line in page.lines:
            flags = (" last" if line.last else "") + (f" level={line.level}" if line.level else "")
            out.append(f"  line block={line.block} row={line.row} {line.kind}{flags} "
                       f"{line.text!r}")
            for span in line.spans:
                xs = " ".join(f"{x:.2f}" for x in span.xs)
                mark = f" {span.mark}" if span.mark else ""
                turn = f" turn={span.turn}" if span.turn else ""
                out.append(f"    span {span.face} {span.size:g}pt #{span.color}{mark}{turn} "
                           f"y={span.y:.2f} x=[{xs}]")
        for rule in page.rules:
            out.append(f"  rule {rule.x0:.2f}-{rule.x1:.2f} y={rule.y:.2f} w={rule.width:.2f} "
                       f"#{rule.color}")
        for x, top, bottom in page.bars:
            out.append(f"  bar x={x:.2f} {top:.2f}-{bottom:.2f}")
        for stroke in page.strokes:
            out.append(f"  stroke {stroke.x0:.2f},{stroke.y0:.2f}-{stroke.x1:.2f},{stroke.y1:.2f} "
                       f"w={stroke.width:.2f} #{stroke.color}")
        for picture in page.pictures:
            digest = hashlib.sha256(picture.data).hexdigest()[:12]
            out.append(f"  picture block={picture.block} x={picture.x:.2f} top={picture.top:.2f} "
                       f"{picture.width:.2f}x{picture.height:.2f}"
                       f"{' behind' if picture.behind else ''} sha256={digest}")
    for condensed in typeset.condensed:
        out.append(f"condensed block={condensed.block} by={condensed.points:.2f}")
    for squeezed in typeset.squeezed:
        out.append(f"squeezed block={squeezed.block} chars={squeezed.start}-{squeezed.stop} "
                   f"by={squeezed.points:.2f}")
    for forced in typeset.breaks:
        out.append(f"break block={forced.block} line={forced.line} offset={forced.offset}")
    for plan in typeset.tables:
        out.append(f"table block={plan.block} header={plan.header} heights={list(plan.heights)} "
                   f"pages={list(plan.pages)}" + (" new_page" if plan.new_page else "")
                   + (" landscape" if plan.landscape else ""))
        for split in plan.splits:
            out.append(f"  split row={split.row} heights={list(split.heights)} "
                       f"pages={list(split.pages)} cuts={[list(c) for c in split.cuts]}")
    for placed in typeset.placed:
        out.append(f"placed block={placed.block} page={placed.page}-{placed.last_page} "
                   f"row={placed.row} lines={placed.lines}")
    return "\n".join(out) + "\n"

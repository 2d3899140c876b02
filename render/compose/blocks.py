"""The blocks a document is composed of: a closed set of frozen types, one per kind of thing on
a page. Composition makes them from the outline and the style; layout places them; the writers
emit them. Every stage dispatches with `match` and an `assert_never` default, so a new kind of
block is flagged wherever it is not handled.

No geometry here beyond what the style states (indents, the mark's size and rows); where lines
break and pages end is layout's job.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Union


class Element(enum.Enum):
    """What a paragraph is, as GB/T 9704 names it; each has its style-sheet element (and its
    Word style). Headings and run-in heading paragraphs also have a level (1–4)."""

    BODY = "body"
    HEADING = "heading"  # a stand-alone heading line (一、…) of `level`
    RUNIN = "runin"  # a body paragraph opening with a run-in heading of `level`
    BLANK = "blank"  # an empty grid row
    TITLE = "title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"
    ADDRESSEE = "addressee"
    COPY_NUMBER = "copy_number"
    CLASSIFICATION = "classification"
    URGENCY = "urgency"
    MARK = "mark"
    DOC_NUMBER = "doc_number"
    SIGNERS = "signers"
    ATTACHMENT_NOTE = "attachment_note"
    SIGNATURE = "signature"
    DATE = "date"
    SIGNER = "signer"
    NOTE = "note"
    ATTENDANCE = "attendance"
    ATTACHMENT_LABEL = "attachment_label"
    ATTACHMENT_TITLE = "attachment_title"
    IMPRINT = "imprint"
    TABLE_CAPTION = "table_caption"  # 表题
    TABLE = "table"  # a table cell's text

    @property
    def sheet_name(self) -> str:
        """The style sheet's element for its text (run-in paragraphs and blank rows are body
        text; headings have their own `headings:` entries)."""
        return "body" if self in (Element.RUNIN, Element.BLANK) else self.value


def style_key(element: Element, level: int = 0) -> str:
    """The name of a paragraph's style: the element, with the level for headings (heading2,
    runin1). Layout's lines and the Word styles are keyed by it."""
    return f"{element.value}{level}" if element in (Element.HEADING, Element.RUNIN) else \
        element.value


@dataclass(frozen=True)
class Run:
    text: str
    lead: int = 0  # >0: the run-in heading of that level, set in the heading's font
    role: str | None = None  # another font role than the paragraph's (签发人 names in 楷体)
    revision: str = ""  # "ins", "del", "moveFrom" or "moveTo" in a redline (tracked changes)
    condense: float = 0.0  # points off the spacing after its characters: a line layout squeezed


@dataclass(frozen=True)
class RuleSpec:
    """A horizontal line under a paragraph: `gap` below its text, as wide as the type area."""

    gap: float
    width: float
    color: str


@dataclass(frozen=True)
class Para:
    """A paragraph on the grid: each of its lines takes one grid row."""

    element: Element
    runs: tuple[Run, ...] = ()
    level: int = 0  # headings and run-in paragraphs: 1–4
    left: float | None = None  # a computed left indent in points, else the style's
    right: float | None = None  # set: right-aligned with this right indent in points
    first: float | None = None  # first-line indent relative to `left` (negative: hanging)
    tab: tuple[Run, ...] = ()  # text set on the same line after the runs (签发人, 印发日期)
    tab_at: float | None = None  # where `tab` starts (points from the left); None: flush right
    inset: float = 0.0  # a right indent that leaves the alignment alone (版记: 右空一字)
    tab_outside: bool = False  # `tab` flush right at the type area's edge, beyond `inset` (目录)
    align: str | None = None  # another alignment than the element's
    revision: str = ""  # the whole paragraph inserted, deleted or moved, in a redline
    move: str = ""  # the name pairing a moved paragraph's old and new places
    pos: tuple[int, int] = (0, 0)  # where the outline states it (line, column), if known
    page_break: bool = False  # starts a new page (附件)
    keep: bool = False  # on the page of the block after it (the 署名 block, GB/T 9704 §7.3.5)
    condense: float = 0.0  # points off the spacing after each character (set by layout, §7.3.5.5)
    size: float | None = None  # another size than the element's (a dense table's cells)
    depth: int = 0  # 正文 paragraphs: how many sections deep the outline has them (not printed)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def key(self) -> str:
        return style_key(self.element, self.level)


@dataclass(frozen=True)
class OffGrid:
    """A paragraph off the grid (the 发文机关标志 of one issuer, the 发文字号): lines of `exact`
    height, `before` points above them, `rows` grid rows in all, so that the text after it is
    back on the grid; optionally a rule under it (the red separator line)."""

    element: Element
    runs: tuple[Run, ...]
    exact: float
    rows: int
    before: float = 0.0
    size: float | None = None  # another size than the element's (a shrunk mark)
    rule: RuleSpec | None = None
    left: float | None = None
    first: float | None = None
    tab: tuple[Run, ...] = ()
    tab_at: float | None = None
    align: str | None = None
    revision: str = ""
    move: str = ""
    pos: tuple[int, int] = (0, 0)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def key(self) -> str:
        return style_key(self.element)


@dataclass(frozen=True)
class JointMark:
    """The 发文机关标志 of joint issuers: the names stacked in one column (`names_width` wide,
    each name centred), the suffix (文件) centred beside them in a column `suffix_width` wide,
    the two columns centred on the type area; `rows` grid rows high, the names from `before`
    below the block's top, one `exact` line each."""

    names: tuple[Run, ...]
    suffix: tuple[Run, ...]
    size: float
    exact: float
    before: float
    rows: int
    names_width: float
    suffix_width: float
    revision: str = ""
    move: str = ""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.names + self.suffix)

    @property
    def key(self) -> str:
        return style_key(Element.MARK)


@dataclass(frozen=True)
class PageMark:
    """A mark on page 1 at a height from the paper's top edge, out of the grid (the 信函's
    发文机关标志): `top` is its characters' top edge."""

    runs: tuple[Run, ...]
    top: float
    size: float
    color: str


@dataclass(frozen=True)
class PageRule:
    """A double line on page 1 at a height from the paper's top edge (the 信函's red lines):
    `y` its middle; `thick_first` puts the thick line above the thin one."""

    y: float
    thick: float
    thin: float
    thick_first: bool
    length: float  # centred on the type area
    color: str


@dataclass(frozen=True)
class ImprintBlock:
    """版记: set at the foot of the last page; a thick line above and below, thin lines
    between its groups (`thin_after`: indexes of the paragraphs a thin line follows). `keys`
    says, per paragraph, which outline value each stretch of its text comes from: (offset of
    the stretch's first character, key), for problems that point at the outline."""

    paras: tuple[Para, ...]
    thin_after: tuple[int, ...]
    thick: float
    thin: float
    keys: tuple[tuple[tuple[int, tuple], ...], ...] = ()

    def key_at(self, index: int, offset: int) -> tuple:
        """The outline key of paragraph `index`'s text at `offset` (() when unknown)."""
        found: tuple = ()
        for start, key in self.keys[index] if index < len(self.keys) else ():
            if start <= offset:
                found = key
        return found


@dataclass(frozen=True)
class FigureBlock:
    """A figure: an image `width` × `height` points, centred on the type area, standing on the
    baseline of one exact line `rows` grid rows high (80 % down it, where Word and LibreOffice
    set an inline picture), so the text after it is back on the grid; its caption (图题) the
    paragraph under it, on the same page. `scaled`: shrunk to fit a page."""

    data: bytes
    width: float
    height: float
    rows: int
    caption: Para | None = None
    scaled: bool = False
    pos: tuple[int, int] = (0, 0)
    name: str = ""  # the image file as the outline names it (the .docx's picture name)


@dataclass(frozen=True)
class SealImage:
    """One seal image: its bytes, its size in points, and where it goes: its centre `centre`
    points from the type area's left, on the middle of the grid row `above` rows over the
    成文日期's row (the row of its 署名, or of the 签发人's name)."""

    data: bytes
    width: float
    height: float
    centre: float
    above: int
    name: str = ""  # the image file as the outline names it (the .docx's picture name)
    alt: str = ""  # what it is, for a reader that cannot see it: whose 印章, whose 签名章


@dataclass(frozen=True)
class Stamp:
    """Electronic seals (电子印章, GB/T 9704 §7.3.5) or a 签名章, red and behind the text of the
    署名 block set before it: layout places them from the 成文日期's line."""

    images: tuple[SealImage, ...]


@dataclass(frozen=True)
class TableCell:
    """A cell: its paragraph (element TABLE, its alignment and size, its outline position),
    its first grid column, the columns and rows it spans."""

    para: Para
    column: int
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class TableRow:
    """A table row: the cells that start in it; `header` rows repeat on every page."""

    cells: tuple[TableCell, ...]
    header: bool = False
    revision: str = ""  # the whole row inserted or deleted, in a redline


@dataclass(frozen=True)
class TableBlock:
    """A table as wide as the type area: its caption (表题, a paragraph above it), column
    widths in points (whole twips, adding up to the type area's width), rows; its cells'
    text `size`, `padding` left and right of each cell's text, borders `border` thick."""

    caption: Para | None
    widths: tuple[float, ...]
    rows: tuple[TableRow, ...]
    size: float
    padding: float
    border: float
    pos: tuple[int, int] = (0, 0)
    revision: str = ""
    landscape: bool = False  # on landscape pages of its own (横排, GB/T 9704 §8)
    move: str = ""

    @property
    def text(self) -> str:
        return "".join(cell.para.text for row in self.rows for cell in row.cells)

    @property
    def key(self) -> str:
        return style_key(Element.TABLE)

    @property
    def paras(self) -> tuple[Para, ...]:
        """The caption and every cell's paragraph, in reading order."""
        cells = tuple(cell.para for row in self.rows for cell in row.cells)
        return ((self.caption,) if self.caption else ()) + cells


TextBlock = Union[Para, OffGrid, JointMark]  # blocks with text that a redline compares
Block = Union[Para, OffGrid, JointMark, PageMark, PageRule, ImprintBlock, FigureBlock, Stamp,
              TableBlock]
BLANK = Para(Element.BLANK)

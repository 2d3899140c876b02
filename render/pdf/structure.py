"""The tagged PDF's logical structure, read off the typeset pages (no PDF objects here).

Every drawn line becomes marked-content pieces, each with its own MCID and its spans' text as
/ActualText, so a viewer copies the outline's text: no space where autospacing leaves a gap
between Chinese and digits, none between the letters of a justified line, a hyphen at a line's
end kept. A line is cut into pieces where its parts stand apart (a gap of `twins.LIMIT` em or
more: a 目录 title and its page number, the 版记's 印发机关 and date, a 发文字号 and 签发人) and
after a run-in heading's lead, so extractors see the parts as separate text runs.

The pieces hang in a tree under one Document element (a volume: one Part per document, ISO
32000-1 §14.8.4.2, after the volume's own pages): H1–H4 for headings (a line's `level`), P for
any other paragraph (one per block, across pages), Table/TR/TH/TD for a table, built from the
composed table's own rows and cells (`blocks`), not from what is drawn: a TR per row, even a row
split across pages (its cells hold the marks of both), TH (/Scope /Column) for a header row's
cells, TD for the others, /RowSpan and /ColSpan where a cell spans, an empty cell an element
with no kids; each cell line says its cell (`Line.cell`). A header row repeated on a
continuation page is a pagination artifact, not in the tree. Figure with /Alt (its caption, else its file's name; a
seal behind the text: "印章") for a picture. Page numbers are pagination artifacts, not in the
tree; the writer marks rules, borders, change bars and revision lines as layout artifacts.

A line's kind says what it is (`_role`): the style keys compose's `Element`s give, and layout's
page number; a kind outside them is an error, not a guess.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import assert_never

from ..compose.blocks import Element, TableBlock, TableCell
from ..layout.items import Line, Page, Span
from ..layout.pages import PAGE_NUMBER_KIND
from .twins import LIMIT

# What a line is in the tree
ARTIFACT, CELL, CAPTION, HEADING, RUNIN, PARAGRAPH = (
    "artifact", "cell", "caption", "heading", "runin", "paragraph")


@dataclass(frozen=True)
class ContentMark:
    """A marked-content sequence: the page (0-based) and its MCID there."""

    page: int
    mcid: int


@dataclass
class StructElement:
    """A structure element: its type (Document, Part, H1…H4, P, Table, TR, TD, Caption,
    Figure), its children (elements or marks, in reading order), /Alt for a figure."""

    kind: str
    kids: list[StructElement | ContentMark] = field(default_factory=list)
    alt: str = ""
    table: tuple[tuple[str, str | int], ...] = ()  # a cell's /A (owner /Table): name, value
    title: str = ""  # /T: a volume's Part, the document's title


@dataclass(frozen=True)
class Piece:
    """What the writer wraps in one BDC … EMC: spans `start` to `stop` of a line, the tag, its
    MCID (None: an artifact: a page number, or with its /ActualText a table's repeated header)
    and its /ActualText."""

    tag: str
    mcid: int | None
    text: str
    start: int
    stop: int
    page_number: bool = False


@dataclass
class Tagged:
    """The tree, and for each page: each line's pieces and each picture's MCID (by index)."""

    root: StructElement
    lines: list[list[list[Piece]]]
    pictures: list[list[int]]
    marks_per_page: list[int]


Gap = Callable[[Span, Span], float | None]  # em between two spans of a line (None: not a row)


def tag(pages: list[Page], gap: Gap, starts: Sequence[int] = (),
        blocks: Sequence[Sequence[object]] = (), titles: Sequence[str] = ()) -> Tagged:
    """The structure of `pages` as drawn, in block order. `gap`: the space between a span and
    the next on a line, in em (None when they do not share a baseline); `starts`: a volume's
    documents' first pages (each document numbers its blocks from 0); `blocks`: the composed
    blocks of the pages before the first start (a volume's own pages, or the document), then of
    each document (a table's rows and cells come from its `TableBlock`); `titles`: each
    document's title, its Part's /T."""
    tables = {(part, index): block for part, flow in enumerate(blocks)
              for index, block in enumerate(flow) if isinstance(block, TableBlock)}
    builder = _Builder(len(pages), gap, tables)
    for index, page in enumerate(pages):
        builder.page(bisect_right(starts, index), index, page)
    return Tagged(builder.root(len(starts), titles), builder.pieces, builder.figures,
                  builder.next_mcid)


def _role(kind: str) -> str:
    """What a line of `kind` is in the tree: every kind layout sets is one of compose's style
    keys (`style_key`: an `Element`'s value, a level after a heading's) or a page number."""
    if kind == PAGE_NUMBER_KIND:
        return ARTIFACT
    element = Element(kind.rstrip("0123456789"))  # ValueError: a kind nobody decided on
    match element:
        case Element.TABLE:
            return CELL
        case Element.TABLE_CAPTION:
            return CAPTION
        case Element.HEADING:
            return HEADING
        case Element.RUNIN:
            return RUNIN
        case (Element.BODY | Element.BLANK | Element.TITLE | Element.SUBTITLE | Element.BYLINE
              | Element.ADDRESSEE | Element.COPY_NUMBER | Element.CLASSIFICATION
              | Element.URGENCY | Element.MARK | Element.DOC_NUMBER | Element.SIGNERS
              | Element.ATTACHMENT_NOTE | Element.SIGNATURE | Element.DATE | Element.SIGNER
              | Element.NOTE | Element.ATTENDANCE | Element.ATTACHMENT_LABEL
              | Element.ATTACHMENT_TITLE | Element.IMPRINT):
            return PARAGRAPH
        case _:
            assert_never(element)


class _Builder:
    def __init__(self, pages: int, gap: Gap, tables: dict[tuple[int, int], TableBlock]):
        self.gap = gap
        self.tables = tables
        self.next_mcid = [0] * pages
        self.pieces: list[list[list[Piece]]] = [[] for _ in range(pages)]
        self.figures: list[list[int]] = [[] for _ in range(pages)]
        # (document, block) → its top-level elements; document 0: a volume's own pages
        self.blocks: dict[tuple[int, int], list[StructElement]] = {}
        self.current: dict[tuple[int, int], StructElement] = {}  # the element a line joins
        # (document, block, row, cell) → the cell's element; (document, block, row) → the
        # page where a header row is in the tree (elsewhere: repeated, an artifact)
        self.cells: dict[tuple[int, int, int, int], StructElement] = {}
        self.header_page: dict[tuple[int, int, int], int] = {}
        self.part = 0

    def root(self, parts: int, titles: Sequence[str] = ()) -> StructElement:
        def top(part: int) -> list[StructElement]:
            return [element for key in sorted(self.blocks) if key[0] == part
                    for element in self.blocks[key]]

        named = list(titles) + [""] * parts
        kids = top(0) + [StructElement("Part", top(n), title=named[n - 1])
                         for n in range(1, parts + 1)]
        return StructElement("Document", kids)

    def mark(self, page: int) -> ContentMark:
        mcid = self.next_mcid[page]
        self.next_mcid[page] += 1
        return ContentMark(page, mcid)

    def page(self, part: int, index: int, page: Page) -> None:
        self.part = part
        for picture in page.pictures:
            mark = self.mark(index)
            self.figures[index].append(mark.mcid)
            caption = "".join(line.text for line in page.lines if line.block == picture.block
                              and picture.block >= 0 and not picture.behind)
            alt = picture.alt or ("印章" if picture.behind else caption or picture.name or "图")
            figure = StructElement("Figure", [mark], alt)
            self.blocks.setdefault((self.part, picture.block), []).append(figure)
        for line in page.lines:
            self.pieces[index].append(self.line(index, line))

    def line(self, index: int, line: Line) -> list[Piece]:
        if not line.spans:
            return []
        role = _role(line.kind)
        if role == ARTIFACT:
            return [Piece("Artifact", None, line.text, 0, len(line.spans), page_number=True)]
        if role == CELL:
            cell = self.cell(index, line)
            if cell is None:
                return [Piece("Artifact", None, line.text, 0, len(line.spans))]
            return self.pieces_of(index, cell, line, 0, len(line.spans))
        if role == RUNIN and line.level and line.heading:
            lead = _spans_covering(line, len(line.heading))
            heading = StructElement(f"H{line.level}")
            self.blocks.setdefault((self.part, line.block), []).append(heading)
            pieces = self.pieces_of(index, heading, line, 0, lead)
            rest = self.paragraph(line, PARAGRAPH)
            if lead < len(line.spans):
                pieces += self.pieces_of(index, rest, line, lead, len(line.spans))
            return pieces
        return self.pieces_of(index, self.paragraph(line, role), line, 0, len(line.spans))

    def paragraph(self, line: Line, role: str) -> StructElement:
        """The element `line` joins: its block's, a new one on a heading's first line."""
        element = self.current.get((self.part, line.block))
        if element is None or (role == HEADING and line.level):
            kind = {CAPTION: "Caption", HEADING: f"H{line.level}"}.get(role, "P")
            element = StructElement(kind)
            self.current[self.part, line.block] = element
            if role == CAPTION:
                self.table(line.block).kids.insert(0, element)
            else:
                self.blocks.setdefault((self.part, line.block), []).append(element)
        return element

    def table(self, block: int) -> StructElement:
        """The Table that is block `block`, made on first sight with a TR per row and an
        element per cell (TH in a header row), all cells empty until their lines come."""
        elements = self.blocks.setdefault((self.part, block), [])
        if not elements or elements[-1].kind != "Table":
            table = StructElement("Table")
            for r, row in enumerate(self.tables[self.part, block].rows):
                tr = StructElement("TR")
                for k, cell in enumerate(row.cells):
                    element = self.cells[self.part, block, r, k] = _cell_element(cell,
                                                                                 row.header)
                    tr.kids.append(element)
                table.kids.append(tr)
            elements.append(table)
        return elements[-1]

    def cell(self, index: int, line: Line) -> StructElement | None:
        """The TH or TD `line` belongs to; None for a header row repeated on a continuation
        page (a pagination artifact)."""
        assert line.cell is not None, "a table's line says its cell"
        r, k = line.cell
        self.table(line.block)
        if self.tables[self.part, line.block].rows[r].header and \
                self.header_page.setdefault((self.part, line.block, r), index) != index:
            return None
        return self.cells[self.part, line.block, r, k]

    def pieces_of(self, index: int, element: StructElement, line: Line, start: int,
                  stop: int) -> list[Piece]:
        """Spans `start` to `stop` of `line` as `element`'s pieces, one per part that stands
        apart from the next (`parts`)."""
        return [self.piece(index, element, line, a, b)
                for a, b in parts(line.spans, self.gap, start, stop)]

    def piece(self, index: int, element: StructElement, line: Line, start: int,
              stop: int) -> Piece:
        mark = self.mark(index)
        element.kids.append(mark)
        text = "".join(span.text for span in line.spans[start:stop])
        tag = element.kind if element.kind in ("P", "TD", "TH", "Caption") \
            or element.kind[0] == "H" else "Span"
        return Piece(tag, mark.mcid, text, start, stop)


def _cell_element(cell: TableCell, header: bool) -> StructElement:
    """A cell's element: TH (scoped to its column) in a header row, else TD; its spans."""
    attributes: list[tuple[str, str | int]] = [("Scope", "Column")] if header else []
    attributes += [(name, n) for name, n in (("RowSpan", cell.rowspan),
                                             ("ColSpan", cell.colspan)) if n > 1]
    return StructElement("TH" if header else "TD", table=tuple(attributes))


def parts(spans: Sequence[Span], gap: Gap, start: int = 0,
          stop: int | None = None) -> list[tuple[int, int]]:
    """Spans `start` to `stop` cut where a gap of `LIMIT` em or more (or another baseline)
    stands between two: (first, after the last) of each part."""
    stop = len(spans) if stop is None else stop
    out, first = [], start
    for n in range(start, stop - 1):
        between = gap(spans[n], spans[n + 1])
        if between is None or between >= LIMIT:
            out.append((first, n + 1))
            first = n + 1
    out.append((first, stop))
    return out


def _spans_covering(line: Line, characters: int) -> int:
    """How many of `line`'s first spans hold its first `characters` characters."""
    count = 0
    for number, span in enumerate(line.spans):
        if count >= characters:
            return number
        count += len(span.text)
    return len(line.spans)


def parents(tagged: Tagged) -> list[list[StructElement]]:
    """For each page, the element that owns each MCID (the ParentTree's arrays)."""
    out: list[list[StructElement | None]] = [[None] * n for n in tagged.marks_per_page]

    def walk(element: StructElement) -> None:
        for kid in element.kids:
            if isinstance(kid, ContentMark):
                out[kid.page][kid.mcid] = element
            else:
                walk(kid)

    walk(tagged.root)
    return out  # type: ignore[return-value]

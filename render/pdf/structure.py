"""The tagged PDF's logical structure, read off the typeset pages (no PDF objects here).

Every drawn line becomes one or two marked-content pieces (a run-in heading's lead and the
rest), each with its own MCID and the line's text as /ActualText, so a viewer copies the
outline's text: no space where autospacing leaves a gap between Chinese and digits, none
between the letters of a justified line, a hyphen at a line's end kept. The pieces hang in a
tree under one Document element: H1–H4 for headings (a line's `level`), P for any other
paragraph (one per block, across pages), Table/TR/TD for a table (a cell: consecutive lines
ending with the cell's last; a row: the cells starting on one grid row of one page, so a row
split across pages is a TR on each), Figure with /Alt (its caption, else its file's name; a
seal behind the text: "印章") for a picture. Page numbers are pagination artifacts, not in the
tree; the writer marks rules, borders, change bars and revision lines as layout artifacts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout.items import Line, Page

PAGE_NUMBER = "page_number"
TABLE = "table"
TABLE_CAPTION = "table_caption"


@dataclass(frozen=True)
class Mark:
    """A marked-content sequence: the page (0-based) and its MCID there."""

    page: int
    mcid: int


@dataclass
class Element:
    """A structure element: its type (Document, H1…H4, P, Table, TR, TD, Caption, Figure),
    its children (elements or marks, in reading order), /Alt for a figure, and the text its
    marks carry (its /ActualText)."""

    kind: str
    kids: list[Element | Mark] = field(default_factory=list)
    alt: str = ""
    text: str = ""


@dataclass(frozen=True)
class Piece:
    """What the writer wraps in one BDC … EMC: spans `start` to `stop` of a line, the tag, its
    MCID (None: an artifact) and its /ActualText."""

    tag: str
    mcid: int | None
    text: str
    start: int
    stop: int


@dataclass
class Tagged:
    """The tree, and for each page: each line's pieces and each picture's MCID (by index)."""

    root: Element
    lines: list[list[list[Piece]]]
    pictures: list[list[int]]
    marks_per_page: list[int]


def tag(pages: list[Page]) -> Tagged:
    """The structure of `pages` as drawn, in block order."""
    builder = _Builder(len(pages))
    for index, page in enumerate(pages):
        builder.page(index, page)
    return Tagged(builder.root(), builder.pieces, builder.figures, builder.next_mcid)


class _Builder:
    def __init__(self, pages: int):
        self.next_mcid = [0] * pages
        self.pieces: list[list[list[Piece]]] = [[] for _ in range(pages)]
        self.figures: list[list[int]] = [[] for _ in range(pages)]
        # (document, block) → its top-level elements; a volume's documents number their
        # blocks from 0 each: a page whose blocks go back starts the next document
        self.blocks: dict[tuple[int, int], list[Element]] = {}
        self.current: dict[tuple[int, int], Element] = {}  # the element a block's line joins
        self.cells: dict[tuple[int, int], tuple[int, int, Element, Element]] = {}  # open TD
        self.part = 0
        self.high = -1  # the highest block so far in this document

    def root(self) -> Element:
        kids = [element for block in sorted(self.blocks) for element in self.blocks[block]]
        return Element("Document", kids)

    def mark(self, page: int) -> Mark:
        mcid = self.next_mcid[page]
        self.next_mcid[page] += 1
        return Mark(page, mcid)

    def page(self, index: int, page: Page) -> None:
        blocks = [line.block for line in page.lines if line.block >= 0]
        if blocks and min(blocks) < self.high:
            self.part += 1
        self.high = max(blocks, default=self.high)
        for picture in page.pictures:
            mark = self.mark(index)
            self.figures[index].append(mark.mcid)
            caption = "".join(line.text for line in page.lines if line.block == picture.block
                              and picture.block >= 0 and not picture.behind)
            alt = "印章" if picture.behind else caption or picture.name or "图"
            figure = Element("Figure", [mark], alt)
            self.blocks.setdefault((self.part, picture.block), []).append(figure)
        previous = None
        for line in page.lines:
            self.pieces[index].append(self.line(index, line, previous))
            previous = line

    def line(self, index: int, line: Line, previous: Line | None) -> list[Piece]:
        if not line.spans:
            return []
        if line.kind == PAGE_NUMBER:
            return [Piece("Artifact", None, line.text, 0, len(line.spans))]
        if line.kind == TABLE:
            return [self.piece(index, self.cell(index, line, previous), line, 0, len(line.spans))]
        if line.level and line.kind.startswith("runin") and line.heading:
            lead = _spans_covering(line, len(line.heading))
            heading = Element(f"H{line.level}")
            self.blocks.setdefault((self.part, line.block), []).append(heading)
            pieces = [self.piece(index, heading, line, 0, lead)]
            if lead < len(line.spans):
                pieces.append(self.piece(index, self.paragraph(line, "P"), line, lead,
                                         len(line.spans)))
            else:
                self.paragraph(line, "P")
            return pieces
        kind = TABLE_CAPTION if line.kind == TABLE_CAPTION else (
            f"H{line.level}" if line.level else "P")
        return [self.piece(index, self.paragraph(line, kind), line, 0, len(line.spans))]

    def paragraph(self, line: Line, kind: str) -> Element:
        """The element `line` joins: its block's, a new one on a heading's first line."""
        element = self.current.get((self.part, line.block))
        if element is None or (line.level and not line.kind.startswith("runin")):
            element = Element("Caption" if kind == TABLE_CAPTION else kind)
            self.current[self.part, line.block] = element
            if kind == TABLE_CAPTION:
                self.table(line.block).kids.append(element)
            else:
                self.blocks.setdefault((self.part, line.block), []).append(element)
        return element

    def table(self, block: int) -> Element:
        elements = self.blocks.setdefault((self.part, block), [])
        if not elements or elements[-1].kind != "Table":
            elements.append(Element("Table"))
        return elements[-1]

    def cell(self, index: int, line: Line, previous: Line | None) -> Element:
        """The TD `line` belongs to: a new cell after a cell's last line, on another page, or
        where the rows do not follow; a new TR when the cell starts on another row."""
        open_cell = self.cells.get((self.part, line.block))
        if (open_cell is not None and previous is not None and previous.kind == TABLE
                and previous.block == line.block and not previous.last
                and open_cell[0] == index and line.row == previous.row + 1):
            return open_cell[2]
        row = None
        if open_cell is not None and open_cell[0] == index and open_cell[1] == line.row:
            row = open_cell[3]
        table = self.table(line.block)
        if row is None:
            row = Element("TR")
            table.kids.append(row)
        td = Element("TD")
        row.kids.append(td)
        self.cells[self.part, line.block] = (index, line.row, td, row)
        return td

    def piece(self, index: int, element: Element, line: Line, start: int, stop: int) -> Piece:
        mark = self.mark(index)
        element.kids.append(mark)
        text = "".join(span.text for span in line.spans[start:stop])
        element.text += text
        tag = element.kind if element.kind in ("P", "TD", "Caption") or element.kind[0] == "H" \
            else "Span"
        return Piece(tag, mark.mcid, text, start, stop)


def _spans_covering(line: Line, characters: int) -> int:
    """How many of `line`'s first spans hold its first `characters` characters."""
    count = 0
    for number, span in enumerate(line.spans):
        if count >= characters:
            return number
        count += len(span.text)
    return len(line.spans)


def parents(tagged: Tagged) -> list[list[Element]]:
    """For each page, the element that owns each MCID (the ParentTree's arrays)."""
    out: list[list[Element | None]] = [[None] * n for n in tagged.marks_per_page]

    def walk(element: Element) -> None:
        for kid in element.kids:
            if isinstance(kid, Mark):
                out[kid.page][kid.mcid] = element
            else:
                walk(kid)

    walk(tagged.root)
    return out  # type: ignore[return-value]

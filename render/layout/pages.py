"""Pagination: the flow's paragraphs → pages of lines on the grid, with page numbers.

Every line takes one grid row (the .docx sets every paragraph to exactly one row's height), the
rows are those the word processor uses (the pitch rounded down to twips, the block centred in
the type area), and a stand-alone heading never ends a page: it moves to the next page with the
line that follows it, as Word's and LibreOffice's keep-with-next do.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..flow import Para
from ..style import Style
from .breaking import Metrics, SetLine, TextRun, break_lines
from .items import Line, Page, Span

# Baseline below a row's middle, in em of the line's size: where LibreOffice sets a line on an
# exact-height grid row (measured: 0.433 em for 16 pt and 22 pt Fandol text).
BASELINE = 0.433


def twips(points: float) -> int:
    return round(points * 20)


@dataclass(frozen=True)
class Grid:
    """The type area and its rows, in points, rounded as the .docx states them."""

    page_width: float
    page_height: float
    left: float
    right: float
    top: float  # the first row's top
    pitch: float
    rows: int
    bottom: float  # the type area's bottom edge

    @classmethod
    def of(cls, style: Style) -> Grid:
        page = style.page
        width_tw, height_tw = twips(page.width), twips(page.height)
        top_tw, bottom_tw = twips(page.margin_top), twips(page.margin_bottom)
        left_tw, right_tw = twips(page.margin_left), twips(page.margin_right)
        pitch = style.grid_pitch
        block = style.lines * pitch
        area = (height_tw - top_tw - bottom_tw) / 20
        return cls(width_tw / 20, height_tw / 20, left_tw / 20, (width_tw - right_tw) / 20,
                   top_tw / 20 + (area - block) / 2, pitch, style.lines,
                   (height_tw - bottom_tw) / 20)

    @property
    def width(self) -> float:
        return self.right - self.left

    def baseline(self, row: int, size: float) -> float:
        return self.top + row * self.pitch + self.pitch / 2 + BASELINE * size


@dataclass(frozen=True)
class Format:
    """How one paragraph is set: its runs and its indents (points) and alignment."""

    runs: tuple[TextRun, ...]
    first: float  # first-line indent
    left: float
    right: float
    align: str


def paragraph_format(para: Para, style: Style) -> Format:
    kind = para.kind
    body = style.element("body")
    if kind.startswith("heading"):
        heading = style.heading(int(kind[-1]))
        font, size, indent, align = heading.font, heading.size, body.indent, "justify"
    else:
        element = style.element("body" if kind.startswith("runin") or kind == "blank" else kind)
        font, size, indent, align = element.font, element.size, element.indent, element.align
    runs = []
    for run in para.runs:
        run_font, run_size = font, size
        if run.lead:
            heading = style.heading(run.lead)
            run_font, run_size = heading.font, heading.size
        runs.append(TextRun(run.text, run_font.role, run_size, style.tracking(run_size)))
    first, left, right = twips(indent * size) / 20, 0.0, 0.0
    if para.left is not None:
        first, left = 0.0, twips(para.left) / 20
    if para.right is not None:
        first, right, align = 0.0, twips(para.right) / 20, "right"
    return Format(tuple(runs), first, left, right, align)


def layout(flow: list[Para], style: Style, metrics: Metrics) -> list[Page]:
    grid = Grid.of(style)
    pages: list[Page] = []
    row = grid.rows  # forces a first page

    def new_page() -> None:
        nonlocal row
        pages.append(Page(len(pages) + 1, grid.page_width, grid.page_height))
        row = 0

    for index, para in enumerate(flow):
        fmt = paragraph_format(para, style)
        width = grid.width - fmt.left - fmt.right
        set_lines = break_lines(fmt.runs, metrics, width - fmt.first, width,
                                justify=fmt.align == "justify", autospace=style.autospace)
        keep = para.kind.startswith("heading") and index + 1 < len(flow)
        if row + len(set_lines) + (1 if keep else 0) > grid.rows and row > 0 and keep:
            row = grid.rows
        for number, set_line in enumerate(set_lines):
            if row >= grid.rows:
                new_page()
            indent = fmt.first if number == 0 else 0.0
            line = _line(para, set_line, fmt, grid, row, indent, width)
            if number == 0 and para.level:
                line.level, line.heading = para.level, para.runs[0].text
            pages[-1].lines.append(line)
            row += 1
    if not pages:
        new_page()
    _page_numbers(pages, style, metrics, grid)
    return pages


def _page_numbers(pages: list[Page], style: Style, metrics: Metrics, grid: Grid) -> None:
    """— N — under the type area: the 一字线's middle `below` the type area's bottom edge;
    odd pages right and even pages left, `indent` characters in (or centred)."""
    pn = style.page_number
    if pn.placement == "none":
        return
    indent = twips(pn.indent * pn.size) / 20
    for page in pages:
        text = pn.format.replace("{n}", str(page.number))
        number_run = TextRun(text, pn.font.role, pn.size, 0.0, latin=False)
        (set_line,) = break_lines([number_run], metrics,
                                  grid.width * 2, grid.width * 2, justify=False, autospace=False)
        if pn.placement == "center":
            x0 = grid.left + (grid.width - set_line.width) / 2
        elif page.number % 2:
            x0 = grid.right - indent - set_line.width
        else:
            x0 = grid.left + indent
        dash = next((k for k, ch in enumerate(set_line.text) if not ch.isspace()), 0)
        middle = grid.bottom + pn.below
        y = middle + metrics.ink_middle(set_line.text[dash], set_line.faces[dash]) * pn.size
        line = Line("page_number", set_line.text, -1, last=True)
        line.spans = spans_of(set_line, x0, y)
        page.lines.append(line)


def _line(para: Para, set_line: SetLine, fmt: Format, grid: Grid, row: int, indent: float,
          width: float) -> Line:
    room = width - indent
    offset = {"center": (room - set_line.width) / 2, "right": room - set_line.width}.get(
        fmt.align, 0.0)
    x0 = grid.left + fmt.left + indent + offset
    size = max(set_line.sizes, default=0.0)
    y = grid.baseline(row, size)
    line = Line(para.kind, set_line.text, row, last=set_line.last)
    line.spans = spans_of(set_line, x0, y)
    return line


def spans_of(set_line: SetLine, x0: float, y: float) -> list[Span]:
    """The line's characters grouped into spans of one face and size."""
    spans: list[Span] = []
    faces, sizes, text = set_line.faces, set_line.sizes, set_line.text
    xs = [x0 + x for x in set_line.xs]
    start = 0
    for k in range(1, len(text) + 1):
        if k == len(text) or faces[k] != faces[start] or sizes[k] != sizes[start]:
            spans.append(Span(faces[start], sizes[start], text[start:k], tuple(xs[start:k]), y))
            start = k
    return spans

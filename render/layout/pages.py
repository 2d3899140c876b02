"""Pagination: the blocks → pages of lines on the grid, rules, page numbers, and where each
block landed (`Typeset`).

Every line takes one grid row (the .docx sets every paragraph to exactly one row's height), the
rows are those the word processor uses (the pitch rounded down to twips, the block centred in
the type area), and a stand-alone heading never ends a page: it moves to the next page with the
line that follows it, as Word's and LibreOffice's keep-with-next do. Off-grid paragraphs (the
发文机关标志, the 发文字号) take their stated rows; the 版记 goes to the foot of the last page, an
even one when printing on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import assert_never

from ..chars import east_asian_runs
from ..compose.blocks import (
    Block,
    Element,
    FigureBlock,
    ImprintBlock,
    JointMark,
    OffGrid,
    PageMark,
    PageRule,
    Para,
    Run,
    Stamp,
    TableBlock,
)
from ..compose.faces import run_role
from ..errors import ContentError
from ..geometry import BASELINE, DOUBLE_GAP, EXACT_ASCENT, INK_TOP, border_space
from ..style import Style
from ..units import twips
from .breaking import Metrics, SetLine, TextRun, break_lines
from .figure import figure_rows, place_figure
from .items import (
    Condensed,
    ForcedBreak,
    Line,
    Page,
    Placement,
    Rule,
    Span,
    Squeezed,
    TablePlan,
    Typeset,
)
from .seal import place_stamp
from .landscape import turned_spans
from .table import place_table

UNBOUNDED = 10_000.0  # a line width nothing reaches: text set on one line
CARRIED = 2  # lines of text that go to the next page with a 署名 block that does not fit
CARRIABLE = (Element.BODY, Element.RUNIN, Element.HEADING, Element.ADDRESSEE)
CONDENSED_PARAGRAPHS = 2  # paragraphs condensed, each by one line, at most


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
    paper: tuple[float, float]  # the page's size exactly as the style gives it (unrounded)

    @classmethod
    def of(cls, style: Style, turned: bool = False) -> Grid:
        """The style's grid; `turned`: a landscape page's (style.page.turned), as many rows
        of the same pitch as its type area holds (15 of 156 mm)."""
        page = style.page.turned if turned else style.page
        width_tw, height_tw = twips(page.width), twips(page.height)
        top_tw, bottom_tw = twips(page.margin_top), twips(page.margin_bottom)
        left_tw, right_tw = twips(page.margin_left), twips(page.margin_right)
        pitch = style.grid_pitch
        area = (height_tw - top_tw - bottom_tw) / 20
        lines = int(area * 20 // round(pitch * 20)) if turned else style.lines
        block = lines * pitch
        return cls(width_tw / 20, height_tw / 20, left_tw / 20, (width_tw - right_tw) / 20,
                   top_tw / 20 + (area - block) / 2, pitch, lines,
                   (height_tw - bottom_tw) / 20, (page.width, page.height))

    @property
    def width(self) -> float:
        return self.right - self.left

    def row_top(self, row: int) -> float:
        return self.top + row * self.pitch

    def baseline(self, row: int, size: float) -> float:
        return self.row_top(row) + self.pitch / 2 + BASELINE * size


@dataclass(frozen=True)
class Format:
    """How one paragraph is set: its runs, indents (points), alignment and colour."""

    runs: tuple[TextRun, ...]
    first: float  # first-line indent, from `left`
    left: float
    right: float
    align: str
    color: str
    tab: tuple[TextRun, ...] = ()
    condense: float = 0.0  # points off the style's spacing after every character
    squeeze: float = 0.0  # points more a line may be condensed to fit a closing mark on it


def paragraph_format(para: Para | OffGrid, style: Style) -> Format:
    body = style.element("body")
    color = "000000"
    if para.element == Element.HEADING:
        heading = style.heading(para.level)
        font, size, indent, align = heading.font, heading.size, body.indent, "justify"
    else:
        element = style.element(para.element.sheet_name)
        font, size, indent, align = element.font, element.size, element.indent, element.align
        color = element.color
    match para:
        case OffGrid():
            size = para.size or size
            right, inset = None, 0.0
        case Para():
            right, inset = para.right, para.inset
            size = para.size or size
        case _:
            assert_never(para)

    first, left, right_indent = twips(indent * size) / 20, 0.0, inset
    if para.left is not None:
        left = twips(para.left) / 20
        first = twips(para.first) / 20 if para.first is not None else 0.0
    if right is not None:
        first, right_indent, align = 0.0, twips(right) / 20, "right"
    align = para.align or align
    condense, squeeze = 0.0, 0.0
    if isinstance(para, Para):  # lines on the grid may be squeezed (挤进), up to the most
        condense = para.condense
        squeeze = max(0.0, style.most_condensing(size) - condense)
    return Format(text_runs(para.runs, font.role, size, style, condense), first, left,
                  right_indent, align, color, text_runs(para.tab, font.role, size, style),
                  condense, squeeze)


def text_runs(runs: tuple[Run, ...], role: str, size: float, style: Style,
              condense: float = 0.0) -> tuple[TextRun, ...]:
    """Runs in a paragraph's face and size, for the line breaker: a run-in heading in its
    heading's face and size, a run with a role of its own in that face; cut as the .docx
    cuts them, the Chinese stretches that hold “ ” — … · wholly in the East Asian face."""
    out = []
    for run in runs:
        run_size = style.heading(run.lead).size if run.lead else size
        tracking = style.tracking(run_size) - condense
        for text, chinese in east_asian_runs(run.text):
            out.append(TextRun(text, run_role(run, role, style), run_size, tracking,
                               latin=not chinese, mark=run.revision))
    return tuple(out)


class _Pager:
    """Places lines row by row, opening pages as needed."""

    def __init__(self, style: Style, metrics: Metrics, first: int = 1):
        self.style, self.metrics = style, metrics
        self.first = first  # the number printed on page 1 (a volume's later documents: more)
        self.grid = Grid.of(style)
        self.pages: list[Page] = []
        self.row = self.grid.rows
        self.placed: list[Placement] = []
        self.breaks: list[ForcedBreak] = []
        self.condensed: list[Condensed] = []
        self.tables: list[TablePlan] = []

    def new_page(self) -> Page:
        grid = self.grid
        self.pages.append(Page(len(self.pages) + 1, grid.page_width, grid.page_height,
                               paper=grid.paper))
        self.row = 0
        return self.pages[-1]

    @property
    def page(self) -> Page:
        return self.pages[-1] if self.pages else self.new_page()

    def set(self, para: Para, keep_with_next: int = 0) -> None:
        """`para` from the current row; `keep_with_next`: rows of what follows it that must
        be on its page (a heading's: the next line, or a figure's rows and caption)."""
        fmt = paragraph_format(para, self.style)
        grid = self.grid
        if para.page_break and self.pages and (self.row > 0 or self.page.lines):
            self.row = grid.rows
        lines, width = self._wrap(fmt)
        needed = len(lines) + keep_with_next
        if keep_with_next and self.row + needed > grid.rows and self.row > 0:
            self.row = grid.rows
        for number, set_line in enumerate(lines):
            if self.row >= grid.rows:
                self.new_page()
            indent = fmt.first if number == 0 else 0.0
            last = number == len(lines) - 1
            y = self._grid_baseline(set_line, fmt, last)
            line = self._line(para, set_line, fmt, indent, width, y)
            if number == 0 and para.level:
                line.level, line.heading = para.level, para.runs[0].text
            if last and fmt.tab:
                self._tab(line, para, fmt, y)
            self.page.lines.append(line)
            self.row += 1

    def keep_together(self, blocks: list[Block], start: int) -> None:
        """Room for the kept paragraphs from block `start` on (the 署名 block, GB/T 9704
        §7.3.5: never split, never at the top of a page without 正文): when they do not fit
        below the text, the text's last lines go to the next page with them."""
        rows = 0
        for block in blocks[start:]:
            if not isinstance(block, Para):
                break
            rows += len(self._wrap(paragraph_format(block, self.style))[0])
            if not block.keep:
                break
        if self.pages and self.row + rows > self.grid.rows and not self._condense(blocks, rows):
            self._carry(blocks, rows)

    def _condense(self, blocks: list[Block], kept: int) -> bool:
        """§7.3.5.5 first: room for `kept` rows by condensing the character spacing of the
        text's last paragraphs on this page, each by the least (in twips; at most one more
        character on a full line) that sets it in one line fewer. False, and nothing changed,
        when that does not make room."""
        need = self.row + kept - self.grid.rows
        if need > CONDENSED_PARAGRAPHS:
            return False
        earlier = {line.block for page in self.pages[:-1] for line in page.lines}
        lines = [line for line in self.page.lines if line.row >= 0]
        figure = self._last_figure()
        tail: list[int] = []  # the paragraphs ending the page, wholly on it, last first
        for line in reversed(lines):
            block = blocks[line.block]
            if line.block in tail:
                continue
            if line.block < figure:
                break  # text above a figure stays there
            if not (isinstance(block, Para) and block.element in (Element.BODY, Element.RUNIN)
                    and not block.revision) or line.block in earlier:
                break
            tail.append(line.block)
        chosen: dict[int, float] = {}
        for index in tail:
            if len(chosen) == need:
                break
            points = self._least_condensing(blocks[index])
            if points is not None:
                chosen[index] = points
        if len(chosen) < need:
            return False
        start = min(chosen)
        self.row = min(line.row for line in lines if line.block == start)
        self.page.lines = [line for line in self.page.lines if line.block < start]
        for index in range(start, max(tail) + 1):
            block = blocks[index]
            assert isinstance(block, Para)
            if index in chosen:
                block = replace(block, condense=chosen[index])
                self.condensed.append(Condensed(index, chosen[index]))
            self.set(block)
            for line in self.page.lines:
                if line.block == -1:
                    line.block = index
        return True

    def _least_condensing(self, para: Para) -> float | None:
        """The least condensing, in whole twips, that sets `para` in one line fewer; at most
        what puts one more character on a full line (29 for 28: 0.55 pt for 三号); None
        when none does."""
        lines = len(self._wrap(paragraph_format(para, self.style))[0])
        if lines < 2:
            return None
        most = self.style.most_condensing(self.style.element(para.element.sheet_name).size)
        for twentieths in range(1, round(most * 20) + 1):
            tighter = replace(para, condense=twentieths / 20)
            if len(self._wrap(paragraph_format(tighter, self.style))[0]) < lines:
                return twentieths / 20
        return None

    def _carry(self, blocks: list[Block], kept: int) -> None:
        """Move the text's last lines to a new page: at least `CARRIED` lines, a paragraph's
        first line never left alone, a heading above them along; not when that would empty
        the page of text or overfill the next one."""
        lines = [line for line in self.page.lines if line.row >= 0]
        cut, text = len(lines), 0

        def element(line: Line) -> Element | None:
            block = blocks[line.block]
            return block.element if isinstance(block, Para) else None

        figure = self._last_figure()
        while cut and text < CARRIED and element(lines[cut - 1]) in CARRIABLE \
                and lines[cut - 1].block > figure:
            cut -= 1
            text += 1
        if 0 < cut < len(lines):
            head = [line for line in lines[:cut] if line.block == lines[cut].block]
            if len(head) == 1:
                cut -= 1  # a paragraph's first line alone at the foot: it goes too
            while cut and element(lines[cut - 1]) == Element.HEADING:
                cut -= 1  # a heading stays with its text
        carried = lines[cut:]
        if not carried or not any(element(line) in CARRIABLE for line in lines[:cut]) \
                or len(carried) + kept > self.grid.rows:
            return
        first, moved = carried[0], {id(line) for line in carried}
        before = [line for page in self.pages for line in page.lines
                  if line.block == first.block and line.row >= 0 and id(line) not in moved]
        self.breaks.append(ForcedBreak(first.block, len(before),
                                       sum(len(line.text) for line in before)))
        old = self.page
        old.lines = [line for line in old.lines if id(line) not in moved]
        page = self.new_page()
        for row, line in enumerate(carried):
            shift = self.grid.row_top(row) - self.grid.row_top(line.row)
            line.row = row
            line.spans = [replace(span, y=span.y + shift) for span in line.spans]
            page.lines.append(line)
        self.row = len(carried)

    def _last_figure(self) -> int:
        """The block of the last figure on this page (-1: none): the text above it cannot
        move after it."""
        return max((p.block for p in self.page.pictures if not p.behind), default=-1)

    def _grid_baseline(self, set_line: SetLine, fmt: Format, last: bool) -> float:
        """The baseline of a line on the current row: by the line's largest text, the text
        after the paragraph's tab included on its last line (a line of only that, such as a
        信函's 发文字号 with nothing on its left, sits as if it were before the tab)."""
        sizes = [*set_line.sizes, *(run.size for run in fmt.tab if last)]
        return self.grid.baseline(self.row, max(sizes, default=0.0))

    def _line(self, para: Para | OffGrid, set_line: SetLine, fmt: Format, indent: float,
              width: float, y: float) -> Line:
        room = width - indent
        offset = {"center": (room - set_line.width) / 2, "right": room - set_line.width}.get(
            fmt.align, 0.0)
        x0 = self.grid.left + fmt.left + indent + offset
        line = Line(para.key, set_line.text, self.row, last=set_line.last)
        line.spans = spans_of(set_line, x0, y, fmt.color)
        if set_line.condensed:
            line.condensed = fmt.condense + set_line.condensed
        return line

    def _wrap(self, fmt: Format) -> tuple[list[SetLine], float]:
        """A paragraph's lines, and the width they fill: the type area less its indents."""
        width = self.grid.width - fmt.left - fmt.right
        lines = break_lines(fmt.runs, self.metrics, width - fmt.first, width,
                            justify=fmt.align == "justify", autospace=self.style.autospace,
                            squeeze=fmt.squeeze)
        return lines, width

    def _one_line(self, runs) -> SetLine:
        """Runs set on one line, however long (a mark, the text after a tab)."""
        return break_lines(runs, self.metrics, UNBOUNDED, UNBOUNDED, justify=False,
                           autospace=self.style.autospace)[0]

    def _tab(self, line: Line, para: Para | OffGrid, fmt: Format, y: float) -> None:
        """Text after a tab on the line: from `tab_at`, or flush right at the right indent."""
        tab = self._one_line(fmt.tab)
        if para.tab_at is not None:
            x0 = self.grid.left + para.tab_at
        else:
            outside = isinstance(para, Para) and para.tab_outside
            x0 = self.grid.right - (0.0 if outside else fmt.right) - tab.width
        line.spans += spans_of(tab, x0, y, fmt.color)
        line.text += tab.text

    def _block_top(self, rows: int) -> float:
        """Where an off-grid block of `rows` rows starts: on the current row, or on a new page
        when it does not fit below it."""
        grid = self.grid
        if self.row + rows > grid.rows and self.row > 0:
            self.new_page()
        if self.row >= grid.rows:
            self.new_page()
        return grid.row_top(self.row)

    def off_grid(self, para: OffGrid) -> None:
        """Lines of `exact` height from `before` below the current row's top, in `rows` rows."""
        fmt = paragraph_format(para, self.style)
        grid = self.grid
        top = self._block_top(para.rows) + para.before
        lines, width = self._wrap(fmt)
        baselines = []
        for number, set_line in enumerate(lines):
            y = top + number * para.exact + EXACT_ASCENT * para.exact
            line = self._line(para, set_line, fmt, fmt.first if number == 0 else 0.0, width, y)
            if number == len(lines) - 1 and fmt.tab:
                self._tab(line, para, fmt, y)
            self.page.lines.append(line)
            baselines.append(y)
        if para.rule and baselines:
            # the paragraph's size, as the .docx's border counts from it
            size = para.size or self.style.element(para.element.sheet_name).size
            below = (1 - EXACT_ASCENT) * para.exact + border_space(size, para.rule.gap,
                                                                    para.exact)
            y = baselines[-1] + below + para.rule.width / 2
            self.page.rules.append(Rule(grid.left, grid.right, y, para.rule.width,
                                        para.rule.color))
        self.row += para.rows

    def joint_mark(self, mark: JointMark) -> None:
        """Joint issuers: the names stacked and centred in their column, the suffix centred in
        its column beside them, the two columns centred on the type area."""
        element = self.style.element("mark")
        color = element.color
        top = self._block_top(mark.rows) + mark.before

        def one_line(runs) -> SetLine:
            return self._one_line(text_runs(runs, element.font.role, mark.size, self.style))

        x0 = self.grid.left + (self.grid.width - mark.names_width - mark.suffix_width) / 2
        for number, run in enumerate(mark.names):
            name = one_line([run])
            y = top + number * mark.exact + EXACT_ASCENT * mark.exact
            line = Line(mark.key, name.text, self.row)
            line.spans = spans_of(name, x0 + (mark.names_width - name.width) / 2, y, color)
            self.page.lines.append(line)
        if mark.suffix:  # centred in the block's height below `before`, as a table cell does
            suffix = one_line(mark.suffix)
            room = mark.rows * self.grid.pitch - mark.before
            y = top + (room - mark.exact) / 2 + EXACT_ASCENT * mark.exact
            line = Line(mark.key, suffix.text, self.row)
            x = x0 + mark.names_width + (mark.suffix_width - suffix.width) / 2
            line.spans = spans_of(suffix, x, y, color)
            self.page.lines.append(line)
        self.row += mark.rows

    def page_rule(self, rule: PageRule) -> None:
        """A 信函 double line on page 1, at its height from the paper's top."""
        page = self.pages[0] if self.pages else self.new_page()
        x0 = self.grid.left + (self.grid.width - rule.length) / 2
        widths = (rule.thick, rule.thin) if rule.thick_first else (rule.thin, rule.thick)
        offset = (widths[0] + widths[1]) / 2 + DOUBLE_GAP
        page.rules.append(Rule(x0, x0 + rule.length, rule.y - offset / 2, widths[0], rule.color))
        page.rules.append(Rule(x0, x0 + rule.length, rule.y + offset / 2, widths[1], rule.color))

    def page_mark(self, mark: PageMark) -> None:
        """A 信函 mark on page 1, its characters' top edge at `top` from the paper's top."""
        page = self.pages[0] if self.pages else self.new_page()
        element = self.style.element("mark")
        set_line = self._one_line(text_runs(mark.runs, element.font.role, mark.size,
                                            self.style))
        y = mark.top + INK_TOP * mark.size
        x0 = self.grid.left + (self.grid.width - set_line.width) / 2
        line = Line(Element.MARK.value, set_line.text, -1)
        line.spans = spans_of(set_line, x0, y, mark.color)
        page.lines.append(line)

    def imprint(self, imprint: ImprintBlock) -> None:
        """The 版记 on the last rows of the last page (of an even page when double-sided)."""
        # not squeezed: the 版记's cells are written without a Typeset's line ends
        paras = [(para, replace(paragraph_format(para, self.style), squeeze=0.0))
                 for para in imprint.paras]
        grid = self.grid
        sets = [self._wrap(fmt) for _, fmt in paras]
        rows = sum(len(lines) for lines, _ in sets)
        if rows > grid.rows:
            raise _imprint_too_tall(imprint, [lines for lines, _ in sets], grid.rows)
        fits = self.row + rows <= grid.rows
        if not self.style.double_sided:
            if not fits:
                self.new_page()
        elif (self.page.number + self.first - 1) % 2:  # the back of this sheet takes the 版记
            self.new_page()
        elif not fits:  # a blank sheet face, then the 版记 on the next back: neither numbered
            blank = self.new_page()
            self.new_page()
            blank.numbered = self.page.numbered = False
        self.row = grid.rows - rows
        top = grid.row_top(self.row)
        for index, ((para, fmt), (lines, width)) in enumerate(zip(paras, sets)):
            for number, set_line in enumerate(lines):
                last = number == len(lines) - 1
                y = self._grid_baseline(set_line, fmt, last)
                line = self._line(para, set_line, fmt, fmt.first if number == 0 else 0.0,
                                  width, y)
                if last and fmt.tab:
                    self._tab(line, para, fmt, y)
                self.page.lines.append(line)
                self.row += 1
            if index in imprint.thin_after and imprint.thin:
                self.page.rules.append(Rule(grid.left, grid.right, grid.row_top(self.row),
                                            imprint.thin))
        if imprint.thick:
            self.page.rules.append(Rule(grid.left, grid.right, top, imprint.thick))
            self.page.rules.append(Rule(grid.left, grid.right, grid.row_top(grid.rows),
                                        imprint.thick))


def _imprint_too_tall(imprint: ImprintBlock, paras: list[list[SetLine]], rows: int) -> ContentError:
    """The 版记 stands whole at the foot of one page (GB/T 9704 §7.4: its last line is the type
    area's bottom edge): one taller than a page is refused, naming the entry of its longest
    part (the 抄送, say) on the first line that leaves the others no room."""
    total = sum(len(lines) for lines in paras)
    longest = max(range(len(paras)), key=lambda i: len(paras[i]))
    lines = paras[longest]
    cut = max(0, min(rows - (total - len(lines)), len(lines) - 1))
    key = imprint.key_at(longest, sum(len(line.text) for line in lines[:cut]))
    what = {("imprint", "cc"): "抄送", ("addressee",): "主送"}.get(key[:2], "")
    return ContentError(key, f"imprint: the 版记 takes {total} lines, more than the {rows} of a "
                             f"page; from this {what} entry on it does not fit (the 版记 stands "
                             "whole at the foot of the last page): shorten the list")


def typeset(blocks: list[Block], style: Style, metrics: Metrics, first: int = 1) -> Typeset:
    """The document laid out once: its pages, and where every block landed. `first`: the
    number printed on its page 1 (a document in a volume, numbered on from those before it);
    pages keep their own numbers from 1, the printed one is `first` more, less one."""
    pager = _Pager(style, metrics, first)
    placed = []
    for index, block in enumerate(blocks):
        first_page = max(1, len(pager.pages))
        match block:
            case Para():
                if block.keep and not _kept(blocks[index - 1] if index else None):
                    pager.keep_together(blocks, index)
                keep = 0
                if block.element == Element.HEADING and index + 1 < len(blocks):
                    after = blocks[index + 1]
                    keep = figure_rows(pager, after) if isinstance(after, FigureBlock) else 1
                pager.set(block, keep_with_next=keep)
            case OffGrid():
                pager.off_grid(block)
            case JointMark():
                pager.joint_mark(block)
            case PageMark():
                pager.page_mark(block)
            case PageRule():
                pager.page_rule(block)
            case ImprintBlock():
                pager.imprint(block)
            case FigureBlock():
                place_figure(pager, block, index)
            case Stamp():
                grid = pager.grid
                place_stamp(pager.pages, grid.left, grid.top, grid.pitch, block, index)
            case TableBlock():
                pager.tables.append(place_table(pager, block, index))
            case _:
                assert_never(block)
        claim = _claim(index, pager.pages[first_page - 1:], pager.row)
        if isinstance(block, FigureBlock) and not claim.lines:  # its rows, though no text
            claim = Placement(index, claim.page, pager.row - block.rows, block.rows, claim.page)
        placed.append(claim)
    placed = _placements(pager.pages, placed)
    if not pager.pages:
        pager.new_page()
    if style.format == "letter":
        pager.pages[0].numbered = False  # 信函: no page number on page 1
    _page_numbers(pager.pages, style, metrics, pager.grid, first)
    change_bars(pager.pages, pager.grid)
    return Typeset(pager.pages, tuple(placed), pager.grid.rows, tuple(pager.breaks),
                   tuple(sorted(pager.condensed, key=lambda c: c.block)),
                   _squeezed(pager.pages), tuple(pager.tables))


def _squeezed(pages: list[Page]) -> tuple[Squeezed, ...]:
    """Where layout squeezed a line: its characters' range in its block's text."""
    out, offsets = [], {}
    for page in pages:
        for line in page.lines:
            if line.block < 0:
                continue
            start = offsets.get(line.block, 0)
            offsets[line.block] = start + len(line.text)
            if line.condensed:
                out.append(Squeezed(line.block, start, start + len(line.text), line.condensed))
    return tuple(sorted(out, key=lambda s: (s.block, s.start)))


def _kept(block: Block | None) -> bool:
    return isinstance(block, Para) and block.keep


def _claim(index: int, pages: list[Page], row: int) -> Placement:
    """Mark the lines block `index` just set as its own; where they are."""
    found: list[tuple[int, int]] = []
    for page in pages:
        for line in page.lines:
            if line.block == -1:
                line.block = index
                found.append((page.number, line.row))
    if not found:
        page = pages[-1].number if pages else 1
        return Placement(index, page, row, 0, page)
    return Placement(index, found[0][0], found[0][1], len(found), found[-1][0])


def _placements(pages: list[Page], claimed: list[Placement]) -> list[Placement]:
    """Where each block's lines are now (lines carried to a new page moved after they were
    claimed); a block without lines keeps the place it was claimed at."""
    found: dict[int, list[tuple[int, int]]] = {}
    for page in pages:
        for line in page.lines:
            if line.block >= 0:
                found.setdefault(line.block, []).append((page.number, line.row))
    out = []
    for claim in claimed:
        where = found.get(claim.block)
        out.append(Placement(claim.block, where[0][0], where[0][1], len(where), where[-1][0])
                   if where else claim)
    return out


def layout(blocks: list[Block], style: Style, metrics: Metrics) -> list[Page]:
    """The pages alone (for callers that need no placements)."""
    return typeset(blocks, style, metrics).pages


def _page_numbers(pages: list[Page], style: Style, metrics: Metrics, grid: Grid,
                  first: int = 1) -> None:
    """— N — under the type area: the 一字线's middle `below` the type area's bottom edge;
    odd pages right and even pages left, `indent` characters in (or centred); N counts from
    `first` on page 1."""
    pn = style.page_number
    if pn.placement == "none":
        return
    indent = twips(pn.indent * pn.size) / 20
    for page in pages:
        if not page.numbered:
            continue
        printed = page.number + first - 1
        text = pn.format.replace("{n}", str(printed))
        number_run = TextRun(text, pn.font.role, pn.size, 0.0, latin=False)
        (set_line,) = break_lines([number_run], metrics,
                                  grid.width * 2, grid.width * 2, justify=False, autospace=False)
        if pn.placement == "center":
            x0 = grid.left + (grid.width - set_line.width) / 2
        elif printed % 2:
            x0 = grid.right - indent - set_line.width
        else:
            x0 = grid.left + indent
        dash = next((k for k, ch in enumerate(set_line.text) if not ch.isspace()), 0)
        middle = grid.bottom + pn.below
        y = middle + metrics.ink_middle(set_line.text[dash], set_line.faces[dash]) * pn.size
        line = Line(PAGE_NUMBER_KIND, set_line.text, -1, last=True)
        line.spans = spans_of(set_line, x0, y)
        if page.width > page.height:  # a 横排 table's page: where it is when turned back
            line.spans = turned_spans(line.spans, grid.page_height)
        page.lines.append(line)


PAGE_NUMBER_KIND = "page_number"  # the kind of a page number's line


REVISION_COLORS = {"ins": "0050C8", "del": "D00000", "moveTo": "008000", "moveFrom": "008000"}
BAR_GAP = 8.0  # points left of the type area: the change bar of a line with tracked changes


def spans_of(set_line: SetLine, x0: float, y: float, color: str = "000000") -> list[Span]:
    """The line's characters grouped into spans of one face, size and tracked change."""
    spans: list[Span] = []
    faces, sizes, text = set_line.faces, set_line.sizes, set_line.text
    marks = set_line.marks or ("",) * len(text)
    xs = [x0 + x for x in set_line.xs]
    start = 0
    for k in range(1, len(text) + 1):
        if (k == len(text) or faces[k] != faces[start] or sizes[k] != sizes[start]
                or marks[k] != marks[start]):
            mark = marks[start]
            spans.append(Span(faces[start], sizes[start], text[start:k], tuple(xs[start:k]), y,
                              REVISION_COLORS.get(mark, color), mark))
            start = k
    return spans


def change_bars(pages: list[Page], grid: Grid) -> None:
    """A bar in the left margin beside every line with a tracked change (a review copy)."""
    for page in pages:
        for line in page.lines:
            if line.row >= 0 and any(span.mark for span in line.spans):
                top = grid.row_top(line.row) if line.kind != Element.MARK.value \
                    else line.spans[0].y - 20
                page.bars.append((grid.left - BAR_GAP, top + 2, top + grid.pitch - 2))

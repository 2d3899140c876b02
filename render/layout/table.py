"""A table on the grid: each cell's text broken by our line breaker in the cell's width less its
padding, each cell line one grid row, a row as high as its tallest cell (a cell spanning rows
adds what it lacks to its last row), rows kept whole on a page (rows joined by a cell spanning
them kept together) but for a row taller than a page less the header, split at line boundaries
(at least `MIN_PART` lines where it starts, the rest of each cell's lines in the same columns
on the next pages), the header rows repeated at the top of every continuation page, borders
along every cell's edges; the text after it back on the grid. What the Word writer needs (each
row's height in rows, its page, the header's rows, the split rows' parts) goes into the
typeset as a `TablePlan`; each cell's line says its cell (`Line.cell`: the row, the cell in
the row) for the tagged PDF's TR/TH/TD."""

from __future__ import annotations

from ..compose.blocks import TableBlock, TableCell
from ..errors import ContentError
from .breaking import SetLine, break_lines
from .items import Line, RowSplit, Stroke, TablePlan

TABLE_KIND = "table"


def cell_lines(pager, cell: TableCell, table: TableBlock) -> list[SetLine]:
    """A cell's lines, set in its width less the padding on both sides and a border's width
    (LibreOffice sets a cell's text inside half of each side's border)."""
    from .pages import paragraph_format

    fmt = paragraph_format(cell.para, pager.style)
    width = text_width(table, cell)
    return break_lines(fmt.runs, pager.metrics, width, width, justify=fmt.align == "justify",
                       autospace=pager.style.autospace)


def cell_width(table: TableBlock, cell: TableCell) -> float:
    return sum(table.widths[cell.column:cell.column + cell.colspan])


def text_width(table: TableBlock, cell: TableCell) -> float:
    """The width a cell's lines fill."""
    return cell_width(table, cell) - 2 * table.padding - table.border


def row_heights(table: TableBlock, lines: dict[tuple[int, int], list[SetLine]]) -> list[int]:
    """Each row's height in grid rows: its tallest one-row cell's lines (at least one); a cell
    spanning rows adds the lines the rows it spans lack to the last of them."""
    heights = [1] * len(table.rows)
    for r, row in enumerate(table.rows):
        for k, cell in enumerate(row.cells):
            if cell.rowspan == 1:
                heights[r] = max(heights[r], len(lines[r, k]))
    for r, row in enumerate(table.rows):
        for k, cell in enumerate(row.cells):
            if cell.rowspan > 1:
                last = r + cell.rowspan - 1
                lack = len(lines[r, k]) - sum(heights[r:last + 1])
                if lack > 0:
                    heights[last] += lack
    return heights


def groups(table: TableBlock, first: int) -> list[list[int]]:
    """The rows from `first` on in groups that stay on one page: a row, or the rows a cell
    spans together."""
    out: list[list[int]] = []
    reach = -1
    for r in range(first, len(table.rows)):
        if r > reach:
            out.append([])
        out[-1].append(r)
        for cell in table.rows[r].cells:
            reach = max(reach, r + cell.rowspan - 1)
    return out


def place_table(pager, table: TableBlock, index: int) -> TablePlan:
    if table.landscape:
        from .landscape import place_landscape

        return place_landscape(pager, table, index, _place)
    return _place(pager, table, index)


MIN_PART = 2  # lines: a row split across pages starts with at least as many on its first page


def _place(pager, table: TableBlock, index: int) -> TablePlan:
    grid = pager.grid
    lines = {(r, k): cell_lines(pager, cell, table)
             for r, row in enumerate(table.rows) for k, cell in enumerate(row.cells)}
    heights = row_heights(table, lines)
    header = next((r for r, row in enumerate(table.rows) if not row.header), len(table.rows))
    header_rows = sum(heights[:header])
    bunches = groups(table, header)
    room = grid.rows - header_rows  # a page's rows under the repeated header

    def tall(bunch: list[int]) -> bool:
        return sum(heights[r] for r in bunch) > room

    for bunch in bunches:
        if tall(bunch):
            _refuse_tall(table, bunch, heights, header_rows, grid.rows)

    def need(bunch: list[int]) -> int:
        """The rows a group needs on the page where it starts."""
        return MIN_PART if tall(bunch) else sum(heights[r] for r in bunch)

    opening = header_rows + (need(bunches[0]) if bunches else 0)
    caption = 0
    if table.caption:
        from .pages import paragraph_format

        caption = len(pager._wrap(paragraph_format(table.caption, pager.style))[0])
    # the caption, the header and the first rows on one page: a new page when they do not fit
    new_page = bool(pager.pages) and 0 < pager.row < grid.rows and \
        pager.row + caption + opening > grid.rows
    if new_page:
        pager.row = grid.rows
    if table.caption:
        pager.set(table.caption)
    if not pager.pages or pager.row + opening > grid.rows:
        pager.new_page()
    pages = [0] * len(table.rows)
    splits: list[RowSplit] = []
    segment: list[tuple[int, int, int, int]] = []  # row, its first grid row, first line, lines

    def put(r: int, first: int = 0, count: int | None = None) -> None:
        count = heights[r] if count is None else count
        segment.append((r, pager.row, first, count))
        if not first:
            pages[r] = pager.page.number
        pager.row += count

    def next_page() -> None:
        nonlocal segment
        _draw(pager, table, lines, segment)
        segment = []
        pager.new_page()
        for r in range(header):
            put(r)

    for r in range(header):
        put(r)
    for bunch in bunches:
        if pager.row + need(bunch) > grid.rows:
            next_page()
        if not tall(bunch):
            for r in bunch:
                put(r)
            continue
        r, parts, on = bunch[0], [], []  # a row taller than a page: split at line boundaries
        while sum(parts) < heights[r]:
            if parts:
                next_page()
            parts.append(min(heights[r] - sum(parts), grid.rows - pager.row))
            on.append(pager.page.number)
            put(r, sum(parts[:-1]), parts[-1])
        ends = [sum(parts[:n]) for n in range(1, len(parts))]
        cuts = tuple(tuple(sum(len(line.text) for line in lines[r, k][:end]) for end in ends)
                     for k in range(len(table.rows[r].cells)))
        splits.append(RowSplit(r, tuple(parts), tuple(on), cuts))
    _draw(pager, table, lines, segment)
    return TablePlan(index, tuple(heights), tuple(pages), header, new_page,
                     splits=tuple(splits))


def _refuse_tall(table: TableBlock, bunch: list[int], heights: list[int], header_rows: int,
                 rows: int) -> None:
    """A row taller than a page is split, unless a cell spans it and the next rows (they stay
    together) or the header leaves fewer than `MIN_PART` rows of a page."""
    taken = sum(heights[r] for r in bunch)
    where = ("@", *table.rows[bunch[0]].cells[0].para.pos)
    if len(bunch) > 1:
        raise ContentError(where, (
            f"table: rows {bunch[0] + 1}–{bunch[-1] + 1}, joined by a cell spanning them, take "
            f"{taken} lines; with the header that is more than the {rows} of a page, and rows a "
            "cell spans are not split across pages: shorten their cells or do without the span"))
    if header_rows + MIN_PART > rows:
        raise ContentError(where, (
            f"table: the header rows take {header_rows} lines, leaving fewer than {MIN_PART} of "
            f"the {rows} of a page for row {bunch[0] + 1}: shorten the header's cells"))


def _draw(pager, table: TableBlock, lines, segment: list[tuple[int, int, int, int]]) -> None:
    """One page's part of the table: its cells' lines and their borders. `segment`: the rows
    on the page, each with its first grid row there and the lines of it the page holds (all of
    them but for a row split across pages)."""
    from .pages import spans_of

    grid = pager.grid
    page = pager.page
    edges = [grid.left]
    for width in table.widths:
        edges.append(edges[-1] + width)
    start = {r: (top, count) for r, top, _, count in segment}
    strokes: dict[tuple, Stroke] = {}
    for r, top, first, count in segment:
        for k, cell in enumerate(table.rows[r].cells):
            span = [s for s in range(r, r + cell.rowspan) if s in start]
            bottom = start[span[-1]][0] + start[span[-1]][1]
            x0, x1 = edges[cell.column], edges[cell.column + cell.colspan]
            room = text_width(table, cell)
            shown = lines[r, k][first:first + count] if cell.rowspan == 1 else lines[r, k]
            for number, set_line in enumerate(shown):
                row = top + number
                offset = {"center": (room - set_line.width) / 2,
                          "right": room - set_line.width}.get(cell.para.align or "", 0.0)
                y = grid.baseline(row, max(set_line.sizes, default=table.size))
                line = Line(TABLE_KIND, set_line.text, row, last=set_line.last,
                            cell=(r, k))
                line.spans = spans_of(set_line, x0 + table.padding + table.border / 2 + offset,
                                      y)
                page.lines.append(line)
            y0, y1 = grid.row_top(top), grid.row_top(bottom)
            for stroke in (Stroke(x0, y0, x1, y0, table.border), Stroke(x0, y1, x1, y1, table.border),
                           Stroke(x0, y0, x0, y1, table.border), Stroke(x1, y0, x1, y1, table.border)):
                strokes[tuple(round(v, 2) for v in (stroke.x0, stroke.y0, stroke.x1,
                                                   stroke.y1))] = stroke
    page.strokes.extend(strokes.values())

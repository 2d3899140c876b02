"""A `TableBlock` → a real Word table (`w:tbl`): fixed layout as wide as the type area, the
columns' exact widths, header rows marked to repeat (`w:tblHeader`), no row split
(`w:cantSplit`; a row that layout split across pages is one `w:tr` per page part, each cell's
text cut where layout's lines for the part end), spans as `w:gridSpan` and `w:vMerge`, cell margins the layout's padding, each
cell's paragraph in the table style (an exact line of one grid row).

Row heights are exact: the row's grid rows (from the typeset's `TablePlan`) × the pitch, the
first row's less the table's top border, which LibreOffice adds once to a table's (and a
page's part of a table's) height (measured: a border under each row adds nothing), so that
LibreOffice breaks the pages where our layout did. The rows a cell spans, which layout keeps on
one page, say so as Word does: each of their paragraphs but the last row's keeps with the next
(`w:keepNext`), which LibreOffice honours too (measured: it moves the group to the next page
where it would straddle the break, as layout does)."""

from __future__ import annotations

from dataclasses import replace

from ..compose.blocks import TableBlock, TableCell, TableRow
from ..layout.items import RowSplit, TablePlan
from ..layout.table import groups
from ..style import Style
from ..units import twips
from .ooxml import element, plain_table
from .paragraphs import cut_runs, paragraph, revision_mark
from .styles import line_pitch_twips


def table_elements(table: TableBlock, style: Style, plan: TablePlan) -> list:
    """The caption's paragraph (kept with the table) and the table; on a new page where layout
    put it there (LibreOffice would leave a caption and header rows alone at a page's foot)."""
    out = []
    if table.caption:
        out.append(paragraph(replace(table.caption, keep=True, page_break=plan.new_page), style))
    elif plan.new_page:  # the first cell's paragraph breaks the page: the table's break
        first = table.rows[0].cells[0]
        rows = ((replace(table.rows[0], cells=(
            replace(first, para=replace(first.para, page_break=True)),
            *table.rows[0].cells[1:])),) + table.rows[1:])
        table = replace(table, rows=rows)
    out.append(word_table(table, style, plan))
    return out


def word_table(table: TableBlock, style: Style, plan: TablePlan):
    widths = [twips(width) for width in table.widths]
    border = twips(table.border)
    # LibreOffice, as Word before 2013, measures the indent to the first cell's text: the
    # table's left border then stands on the margin
    pad = twips(table.padding)
    tbl = plain_table(widths, indent=pad, padding=pad, look=True)
    pitch = line_pitch_twips(style)
    below = _continued(table)
    kept = _kept(table, plan.header)
    for r, whole in enumerate(table.rows):
        split = plan.split(r)
        parts = _parts(whole, split) if split else [(whole, plan.heights[r])]
        for part, (row, rows) in enumerate(parts):
            tr = element("tr")
            row_props = element("trPr")
            row_props.append(element("cantSplit"))
            if row.revision:  # a row inserted or deleted in a redline
                row_props.append(revision_mark(row.revision))
            top = r == 0 and part == 0
            height = rows * pitch - (border if top else 0)
            row_props.append(element("trHeight", val=height, hRule="exact"))
            if row.header:
                row_props.append(element("tblHeader"))
            tr.append(row_props)
            starts = {cell.column: cell for cell in row.cells}
            column = 0
            while column < len(widths):
                cell = starts.get(column)
                if cell is not None:
                    tr.append(_cell(cell, widths, border, top, style,
                                    merge="restart" if cell.rowspan > 1 else None,
                                    keep=r in kept))
                    column += cell.colspan
                    continue
                above, last = below[r, column]
                tr.append(_cell(above, widths, border, False, style, merge="continue",
                                bottom=last, keep=r in kept))
                column += above.colspan
            tbl.append(tr)
    return tbl


def _parts(row: TableRow, split: RowSplit) -> list[tuple[TableRow, int]]:
    """A row that layout split across pages as one row per page part, with its height in grid
    rows: each cell's paragraph cut where layout's lines for the part end, as `broken` cuts a
    body paragraph at a page break, in its own alignment (a cell is set left, centred or
    right, never justified: a part's last line needs no `distribute`). Each part has its
    borders all round, as layout draws it on its page (the part at a page's foot closes the
    table there, the next one stands under the repeated header)."""
    pieces = []
    for cell, cuts in zip(row.cells, split.cuts):
        out, rest, at = [], cell.para.runs, 0
        for cut in (*cuts, None):
            head, rest = (rest, ()) if cut is None else cut_runs(rest, cut - at)
            at = cut
            out.append(replace(cell, para=replace(cell.para, runs=head)))
        pieces.append(out)
    return [(replace(row, cells=tuple(cells[n] for cells in pieces)), rows)
            for n, rows in enumerate(split.heights)]


def _continued(table: TableBlock) -> dict[tuple[int, int], tuple[TableCell, bool]]:
    """(row, column) → the cell spanning down into it from above, and whether this is its
    last row."""
    out = {}
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            for down in range(1, cell.rowspan):
                out[r + down, cell.column] = (cell, down == cell.rowspan - 1)
    return out


def _kept(table: TableBlock, header: int) -> set[int]:
    """The data rows kept with the row after them: in a group of rows a cell spans, all but
    the last (the `header` rows are repeated, and kept with the first rows by layout)."""
    return {r for bunch in groups(table, header) for r in bunch[:-1]}


def _cell(cell: TableCell, widths: list[int], border: int, top: bool, style: Style,
          merge: str | None, bottom: bool = True, keep: bool = False):
    tc = element("tc")
    props = element("tcPr")
    width = sum(widths[cell.column:cell.column + cell.colspan])
    props.append(element("tcW", w=width, type="dxa"))
    if cell.colspan > 1:
        props.append(element("gridSpan", val=cell.colspan))
    if merge:
        props.append(element("vMerge", val=merge))
    lines = element("tcBorders")
    size = round(border / 20 * 8)
    rule = {"val": "single", "sz": size, "space": 0, "color": "000000"}
    lines.append(element("top", **rule) if top else element("top", val="nil"))
    lines.append(element("left", **rule))
    closed = bottom and not (merge == "restart")
    lines.append(element("bottom", **rule) if closed else element("bottom", val="nil"))
    lines.append(element("right", **rule))
    props.append(lines)
    tc.append(props)
    if merge == "continue":
        p = element("p")
        if keep:
            p.append(element("pPr"))
            p[0].append(element("keepNext"))
        tc.append(p)
    else:
        tc.append(paragraph(replace(cell.para, keep=True) if keep else cell.para, style))
    return tc

"""A `table:` item → a `TableBlock`: column widths in points (whole twips, adding up to the
type area's width), the header and data rows with each cell's paragraph, first column and
spans, the caption as a paragraph of its own element (表题)."""

from __future__ import annotations

from .. import outline
from ..errors import ContentError
from ..style import Style
from ..tableload import grid_of, table_size, width_of
from ..units import twips
from .blocks import Element, Para, Run, TableBlock, TableCell, TableRow

BORDER = 0.5  # points: every rule of a table
PADDING = 0.25  # of the table's text size: room left and right of a cell's text


def padding_of(size: float) -> float:
    return twips(PADDING * size) / 20


def table_block(table: outline.Table, style: Style) -> TableBlock:
    size = table_size(table.font_size)
    padding = padding_of(size)
    widths = column_widths(table, style, size, padding)
    own_size = None if size == style.element("table").size else size
    aligns = [column.align for column in table.columns]
    rows: list[TableRow] = []
    for header, group in ((True, table.header), (False, table.body_rows)):
        places, _ = grid_of(group, len(widths))
        for row, columns in zip(group, places):
            cells = tuple(
                TableCell(Para(Element.TABLE, (Run(cell.text),) if cell.text else (),
                               align=cell.align or aligns[column], pos=cell.pos, size=own_size),
                          column, cell.colspan, cell.rowspan)
                for cell, column in zip(row, columns))
            rows.append(TableRow(cells, header))
    caption = None
    if table.caption:
        caption = Para(Element.TABLE_CAPTION, (Run(table.caption),), pos=table.pos)
    return TableBlock(caption, widths, tuple(rows), size, padding, BORDER, pos=table.pos,
                      landscape=table.landscape)


def chars_width(chars: float, size: float, style: Style, padding: float) -> float:
    """A column that holds `chars` characters of `size` a line: their width as set (the
    style's tracking between them), the padding on both sides and a border's width."""
    return chars * style.advance(size) - style.tracking(size) + 2 * padding + BORDER


def column_widths(table: outline.Table, style: Style, size: float,
                  padding: float) -> tuple[float, ...]:
    """Each column's width in whole twips: fractions of the type area, characters, and the
    columns without a width sharing what is left; they add up to the type area's width."""
    page = style.page.turned if table.landscape else style.page
    area = twips(page.text_width)
    stated: list[int | None] = []
    for column in table.columns:
        parsed = width_of(column.width) if column.width else None
        if parsed is None:
            stated.append(None)
        elif parsed[0] == "fraction":
            stated.append(twips(parsed[1] * style.page.text_width))
        else:
            stated.append(twips(chars_width(parsed[1], size, style, padding)))
    fixed = sum(w for w in stated if w is not None)
    free = [k for k, w in enumerate(stated) if w is None]
    rest = area - fixed
    where = ("@", *table.pos)
    mm = 25.4 / 72 / 20
    if rest < 0 or (free and rest < len(free) * twips(2 * padding + size)):
        hint = "" if table.landscape else "; a wide table may be set 横排 (landscape: true)"
        raise ContentError(where, f"table: the column widths add up to {fixed * mm:.1f} mm, "
                                  f"more than the type area's {area * mm:.1f} mm leaves "
                                  f"(the columns without a width need room too){hint}")
    if not free:
        if rest > twips(size / 2):
            raise ContentError(where, f"table: the column widths add up to {fixed * mm:.1f} mm,"
                                      f" less than the type area's {area * mm:.1f} mm; leave "
                                      "one column's width out to give it the rest")
        stated[-1] += rest  # a rounding's worth
        return tuple(w / 20 for w in stated)
    share, extra = divmod(rest, len(free))
    for n, k in enumerate(free):
        stated[k] = share + (extra if n == len(free) - 1 else 0)
    return tuple(w / 20 for w in stated)

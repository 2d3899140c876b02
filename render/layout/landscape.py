"""横排 tables (GB/T 9704 §8): a table on landscape pages of its own, the portrait page turned
a quarter clockwise (its top the portrait page's 订口 side, so the table's head is on the
binding side of an odd page and on the outer side of an even one), the text resuming on a
new portrait page after it; the page number where it stands on a portrait page once the sheet
is turned back, turned with the sheet."""

from __future__ import annotations

from dataclasses import replace

from ..compose.blocks import TableBlock
from .items import Span, TablePlan


def place_landscape(pager, table: TableBlock, index: int, place) -> TablePlan:
    """`place` the table on the turned grid, from a new page; the next block on a new page."""
    from .pages import Grid

    portrait = pager.grid
    pager.grid = Grid.of(pager.style, turned=True)
    pager.row = pager.grid.rows
    try:
        plan = place(pager, table, index)
    finally:
        pager.grid = portrait
    pager.row = portrait.rows
    return replace(plan, landscape=True)


def turned_spans(spans: list[Span], portrait_height: float) -> list[Span]:
    """Spans set on a portrait page, placed on the landscape page that is that page turned a
    quarter clockwise: a point (x, y) of the portrait page is (height - y, x) on the
    landscape one, and the text, turned 90°, reads down the page."""
    out = []
    for span in spans:
        x0, y0 = portrait_height - span.y, span.xs[0]
        out.append(replace(span, xs=tuple(x0 + x - span.xs[0] for x in span.xs), y=y0, turn=90))
    return out

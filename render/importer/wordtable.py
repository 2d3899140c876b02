"""A Word table's grid (`docxtable.grid`) → an outline `Table`: header and data rows with their
spans, each column's alignment (the one most of its data cells have; a cell set otherwise
keeps its own), widths as percentages of the table (the widest column taking the rest; none
when all columns are equal), the cells' font size by name, landscape; its caption (表题) from
the paragraph above. (gongwen's own .docx gets its widths back in the form the outline wrote
them: `styled.stated_widths`.)"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .. import outline
from .lines import Line
from .report import Report

if TYPE_CHECKING:
    from .docxtable import GridCell

SIZES = {15.0: "小三", 14.0: "四号", 12.0: "小四"}  # 三号 (16 pt) is a table's default
CAPTION = re.compile(r"^(表\s*[0-9０-９一二三四五六七八九十]+|附表)")
CAPTION_MAX = 40  # characters: a caption is a line, not a sentence


def is_caption(line: Line) -> bool:
    """A typed caption: 表1… / 表一… / 附表…, or a short centred line; never a sentence."""
    text = line.text
    if len(text) > CAPTION_MAX or text.endswith(("。", "；", "：", ":")):
        return False
    return bool(CAPTION.match(text)) or line.evidence.get("align") == "center"


class Tables:
    """Each Word table read once, at the first of its cells' lines (the others are used with
    it), with one decision saying what was read."""

    def __init__(self, report: Report):
        self.report = report
        self.seen = None

    def read(self, line: Line, caption: Line | None = None) -> outline.Table | None:
        self.report.use(line)
        if line.evidence["table"] == self.seen:
            return None
        self.seen = line.evidence["table"]
        cells = line.evidence["grid"]
        table = to_table(cells, (line.number, 1))
        notes = []
        if caption is not None:
            table.caption = caption.text
            self.report.use(caption)
            self.report.decide(caption, "the caption (表题) of the table under it")
        if cells["widths"] and any(c.width for c in table.columns):
            notes.append("column widths from its grid")
        if cells["size"] and not table.font_size and cells["size"] != 16:
            notes.append(f"its {cells['size']:g} pt text is no table size (三号, 小三, 四号, "
                         "小四): the style's size")
        if table.landscape:
            notes.append("in a landscape section: landscape")
        rows = cells["rows"]
        self.report.decide(line, f"a Word table ({len(rows)} rows, {cells['header']} header "
                                 f"row{'' if cells['header'] == 1 else 's'}): read as a table"
                                 + "".join(f"; {n}" for n in notes))
        for row, column, text in cells["merged"]:
            self.report.decide(line, f"text {text!r} in a merged-over cell (row {row}, column "
                                     f"{column}): added to the merged cell's text")
        return table


def to_table(cells: dict, pos: tuple[int, int]) -> outline.Table:
    """The outline `Table` for a grid from `docxtable.grid`."""
    rows: list[list[GridCell]] = cells["rows"]
    head = cells["header"]
    width = sum(c.colspan for c in rows[0]) if rows else 0
    aligns = _column_aligns(rows[head:], width)
    table_rows = [[outline.Cell(c.text, colspan=c.colspan, rowspan=c.rowspan, pos=pos,
                                align=c.align if c.text and c.align != aligns[c.column] else None)
                   for c in row] for row in rows]
    widths = _percentages(cells["widths"]) if len(cells["widths"]) == width else [None] * width
    return outline.Table(columns=[outline.Column(w, a) for w, a in zip(widths, aligns)],
                         header=table_rows[:head], rows=table_rows[head:],
                         font_size=SIZES.get(cells["size"]), landscape=cells["landscape"],
                         pos=pos)


def _column_aligns(body: list[list[GridCell]], width: int) -> list[str]:
    """Each column's alignment: the most common among its data cells with text that start in
    it and span no other column (left on a tie with left, and where there are none)."""
    out = []
    for k in range(width):
        counts = Counter(c.align for row in body for c in row
                         if c.column == k and c.colspan == 1 and c.text)
        top = counts.most_common()
        best = top[0][0] if top else "left"
        out.append("left" if top and counts["left"] == top[0][1] else best)
    return out


def _percentages(widths: list[int]) -> list[str | None]:
    """Widths as whole percentages of their sum (each at least 1), the widest column's left
    out: it takes the rest, so that rounding never makes the columns wider or narrower than
    the type area; none at all when all are equal (equal shares are the default)."""
    if not widths or len(set(widths)) == 1:
        return [None] * len(widths)
    total = sum(widths)
    widest = widths.index(max(widths))
    return [None if k == widest else f"{max(1, round(100 * w / total))}%"
            for k, w in enumerate(widths)]

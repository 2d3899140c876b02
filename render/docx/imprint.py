"""The 版记 as a table: a row per 版记 paragraph, as many grid rows high as its lines, thick
borders above the first and below the last (0.35 mm), thin ones between groups (0.25 mm), as
wide as the type area (GB/T 9704 §7.4). The writer puts it at the foot of the page and ends the
body with `end_paragraph`, whose height the last row leaves free.

Row heights are exact: each row is its lines × the line pitch less its borders (LibreOffice adds
the borders, so the rows stay on the grid); the last row is shorter by `END` too, the room of the
paragraph that must follow a table ending the body. `hRule="atLeast"` is no help: LibreOffice
then grows every row by its borders and the 版记 runs onto a new page. A rule of width 0 (the
信函's 版记) is no border at all: `w:sz="0"` is drawn by LibreOffice as a hairline."""

from __future__ import annotations

from ..compose.blocks import ImprintBlock
from ..style import Style
from ..units import twips
from .ooxml import element, plain_table, set_child
from .paragraphs import paragraph, revision_mark
from .styles import PARAGRAPH_STYLES, line_pitch_twips

END = 20  # twips: the end paragraph's exact line, left free under the 版记's last row


def imprint_table(imprint: ImprintBlock, style: Style, rows: tuple[int, ...]):
    width = twips(style.page.text_width)
    table = plain_table([width])
    pitch = line_pitch_twips(style)
    last = len(imprint.paras) - 1
    for index, para in enumerate(imprint.paras):
        lines = element("tcBorders")
        ruled = 0.0  # border widths add to a row's height: keep the rows on the grid
        if index == 0:
            ruled += _border(lines, "top", imprint.thick)
        if index == last:
            ruled += _border(lines, "bottom", imprint.thick)
        elif index in imprint.thin_after:
            ruled += _border(lines, "bottom", imprint.thin)
        row = element("tr")
        row_props = element("trPr")
        if para.revision:  # a whole 版记 line inserted or deleted: its row with it
            row_props.append(revision_mark(para.revision))
        height = pitch * rows[index] - twips(ruled) - (END if index == last else 0)
        row_props.append(element("trHeight", val=height, hRule="exact"))
        row.append(row_props)
        cell = element("tc")
        cell_props = element("tcPr")
        cell_props.append(element("tcW", w=width, type="dxa"))
        if len(lines):
            cell_props.append(lines)
        cell.append(cell_props)
        cell.append(paragraph(para, style))
        row.append(cell)
        table.append(row)
    return table


def _border(borders, side: str, width: float) -> float:
    """Add a border of `width` points on `side` (none when it rounds to an eighth of a point
    of 0); the width it adds to the row."""
    size = round(width * 8)
    if size == 0:
        return 0.0
    borders.append(element(side, val="single", sz=size, space=0, color="000000"))
    return width


def end_paragraph():
    """The paragraph that ends a body whose last block is a table. Word and WPS add one after
    a final table, a grid row high, which makes a blank page when the table ends the page: this
    one stands in its place, off the grid, an exact line of `END` twips, its mark hidden and
    1 point high, so it exists and takes only the room the 版记 leaves it."""
    p = element("p")
    ppr = element("pPr")
    p.append(ppr)
    set_child(ppr, "pStyle", val=PARAGRAPH_STYLES["blank"].style_id)
    set_child(ppr, "snapToGrid", val=False)
    set_child(ppr, "spacing", before=0, after=0, line=END, lineRule="exact")
    rpr = set_child(ppr, "rPr")
    set_child(rpr, "vanish")
    set_child(rpr, "sz", val=2)
    set_child(rpr, "szCs", val=2)
    return p

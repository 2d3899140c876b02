"""The 版记 as a table: a row per 版记 paragraph, as many grid rows high as its lines, thick
borders above the first and below the last (0.35 mm), thin ones between groups (0.25 mm), as
wide as the type area (GB/T 9704 §7.4). The writer puts it at the foot of the page."""

from __future__ import annotations

from ..compose.blocks import ImprintBlock
from ..style import Style
from ..units import twips
from .ooxml import element, plain_table
from .paragraphs import paragraph, revision_mark
from .styles import line_pitch_twips

SLACK = 20  # twips: LibreOffice needs a little room under a table at the foot of the page


def imprint_table(imprint: ImprintBlock, style: Style, rows: tuple[int, ...]):
    width = twips(style.page.text_width)
    table = plain_table([width])
    pitch = line_pitch_twips(style)
    last = len(imprint.paras) - 1
    for index, para in enumerate(imprint.paras):
        lines = element("tcBorders")
        ruled = 0.0  # border widths add to a row's height: keep the rows on the grid
        if index == 0:
            lines.append(_border("top", imprint.thick))
            ruled += imprint.thick
        if index == last:
            lines.append(_border("bottom", imprint.thick))
            ruled += imprint.thick
        elif index in imprint.thin_after:
            lines.append(_border("bottom", imprint.thin))
            ruled += imprint.thin
        row = element("tr")
        row_props = element("trPr")
        if para.revision:  # a whole 版记 line inserted or deleted: its row with it
            row_props.append(revision_mark(para.revision))
        if index == last:
            ruled += SLACK / 20
        row_props.append(element("trHeight", val=pitch * rows[index] - twips(ruled),
                                 hRule="exact"))
        row.append(row_props)
        cell = element("tc")
        cell_props = element("tcPr")
        cell_props.append(element("tcW", w=width, type="dxa"))
        cell_props.append(lines)
        cell.append(cell_props)
        cell.append(paragraph(para, style))
        row.append(cell)
        table.append(row)
    return table


def _border(side: str, width: float):
    return element(side, val="single", sz=round(width * 8), space=0, color="000000")

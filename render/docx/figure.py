"""A figure → `w:p`: an inline picture in a centred paragraph of one exact line, the figure's
grid rows high and off the grid, so that LibreOffice and Word reserve exactly those rows (the
picture stands on the line's baseline, 80 % down, as layout placed it); no indent."""

from __future__ import annotations

from ..compose.blocks import FigureBlock
from ..style import Style
from ..units import EMU_PER_POINT
from .ooxml import element, inline_picture, set_child
from .styles import PARAGRAPH_STYLES, line_pitch_twips


def figure_paragraph(figure: FigureBlock, part, style: Style):
    """The picture's paragraph (kept with its caption's when it has one)."""
    p = element("p")
    ppr = element("pPr")
    p.append(ppr)
    set_child(ppr, "pStyle", val=PARAGRAPH_STYLES["body"].style_id)
    if figure.caption is not None:
        set_child(ppr, "keepNext")
    set_child(ppr, "snapToGrid", val=False)
    set_child(ppr, "spacing", before=0, after=0, line=figure.rows * line_pitch_twips(style),
              lineRule="exact")
    set_child(ppr, "ind", left=0, right=0, firstLine=0)
    set_child(ppr, "jc", val="center")
    caption = figure.caption.text if figure.caption is not None else ""
    p.append(inline_picture(part, figure.data, round(figure.width * EMU_PER_POINT),
                            round(figure.height * EMU_PER_POINT), figure.name, caption))
    return p

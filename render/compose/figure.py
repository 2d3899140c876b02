"""A figure's size on the page, from its image and the style: the outline's width (a fraction
of the type area) or the image's natural size at its resolution, at most the type area's width,
the aspect ratio kept; the grid rows it takes; shrunk, when taller than a page, to fit one."""

from __future__ import annotations

import math

from .. import outline
from ..geometry import EXACT_ASCENT
from ..style import Style
from ..units import image_points
from .blocks import Element, FigureBlock, Para, Run
from .nominal import text_width

EPSILON = 1e-6


def figure_block(figure: outline.Figure, style: Style) -> FigureBlock:
    """The figure's block: centred, its picture on one exact line of whole grid rows (its
    bottom 80 % down them), its caption a centred body paragraph under it."""
    area = style.page.text_width
    pixels_w, pixels_h = figure.pixels
    if figure.width is not None:
        width = figure.width * area
    else:
        width = min(area, image_points(pixels_w, figure.dpi[0]))
    height = width * pixels_h / pixels_w if figure.width is not None else \
        width * image_points(pixels_h, figure.dpi[1]) / image_points(pixels_w, figure.dpi[0])
    caption = None
    caption_rows = 0
    if figure.caption:
        caption = Para(Element.BODY, (Run(figure.caption),), left=0.0, first=0.0,
                       align="center", pos=figure.pos)
        size = style.element("body").size
        caption_rows = max(1, math.ceil(text_width(figure.caption, size) / area - EPSILON))
    pitch = style.grid_pitch
    rows = max(1, math.ceil(height / (EXACT_ASCENT * pitch) - EPSILON))
    most = max(1, style.lines - caption_rows)
    scaled = rows > most
    if scaled:  # taller than a page: as tall as the page's rows let it stand
        rows = most
        shrink = EXACT_ASCENT * rows * pitch / height
        width, height = width * shrink, height * shrink
    return FigureBlock(figure.data, width, height, rows, caption, scaled, figure.pos,
                       figure.image)

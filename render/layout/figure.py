"""A figure on the page: its picture centred on the type area, standing on the baseline of its
exact line (80 % down its grid rows, where Word and LibreOffice set an inline picture), its
caption on the rows under it; the whole on the next page when it does not fit below the text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compose.blocks import FigureBlock
from ..geometry import EXACT_ASCENT
from .items import Picture

if TYPE_CHECKING:
    from .pages import _Pager


def place_figure(pager: _Pager, figure: FigureBlock, index: int) -> None:
    """Block `index`, a figure, on the current row (or a new page's first), and its caption."""
    caption_rows = 0
    if figure.caption is not None:
        caption_rows = len(pager._wrap(_caption_format(pager, figure))[0])
    grid = pager.grid
    top = pager._block_top(figure.rows + caption_rows)
    baseline = top + EXACT_ASCENT * figure.rows * grid.pitch
    x = grid.left + (grid.width - figure.width) / 2
    pager.page.pictures.append(Picture(x, baseline - figure.height, figure.width,
                                       figure.height, figure.data, block=index))
    pager.row += figure.rows
    if figure.caption is not None:
        pager.set(figure.caption)


def _caption_format(pager: _Pager, figure: FigureBlock):
    from .pages import paragraph_format

    assert figure.caption is not None
    return paragraph_format(figure.caption, pager.style)

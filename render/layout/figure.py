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
    grid = pager.grid
    top = pager._block_top(figure_rows(pager, figure))
    baseline = top + EXACT_ASCENT * figure.rows * grid.pitch
    x = grid.left + (grid.width - figure.width) / 2
    pager.page.pictures.append(Picture(x, baseline - figure.height, figure.width,
                                       figure.height, figure.data, block=index,
                                       name=figure.name))
    pager.row += figure.rows
    if figure.caption is not None:
        pager.set(figure.caption)


def figure_rows(pager: _Pager, figure: FigureBlock) -> int:
    """The rows the figure and its caption take (kept on one page)."""
    if figure.caption is None:
        return figure.rows
    from .pages import paragraph_format

    return figure.rows + len(pager._wrap(paragraph_format(figure.caption, pager.style))[0])

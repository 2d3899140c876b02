"""Nominal widths for composition's own arithmetic (where the 署名 starts, whether a 版头 line
fits, how a title breaks): full-width characters one em, ASCII half an em. Layout measures the
real faces; these only place what the style's rules place.

`set_width` is a run's width as set on a line (render/spacing.py: tracking, autospacing), for
positions that must be exact: with the faces we ship it equals what layout measures."""

from __future__ import annotations

from .. import spacing
from ..style import Style


def text_width(text: str, em: float) -> float:
    return sum(spacing.nominal_advance(ch) for ch in text) * em


def set_width(text: str, style: Style, size: float) -> float:
    """`text` set as one run of `size` in `style`, from its first character's left edge to its
    last character's right edge."""
    return spacing.set_width(text, size, style.tracking(size), style.autospace)

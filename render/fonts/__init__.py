"""Fonts for layout and every writer: which faces set each role (`resolve`), the open faces
gongwen installs (`catalogue`, `setup`, `convert`), what layout measures with the font files
(`metrics`) and without them (`reference`: the open faces' metrics shipped as data, made by
`make_reference`).

Importing this package imports neither reportlab nor fontTools: the modules that need them
(`metrics`, `convert`) are imported only by the code that uses them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..style import Style
    from .resolve import FontSet


def layout_metrics(style: Style, fontset: FontSet | None = None):
    """The metrics layout measures with (layout.breaking's `Metrics` protocol):

    - with a `fontset`: `FontMetrics` over its faces (what the PDF embeds);
    - else, when every role of `style` names the fonts of a built-in style: the shipped
      `ReferenceMetrics`, which answer as the open faces do on every machine, without reading
      a font file;
    - else `EvenMetrics` (full-width characters one em, ASCII half an em).

    Without a fontset the answer never depends on the fonts this machine has."""
    if fontset is not None:
        from .metrics import FontMetrics

        return FontMetrics(fontset)
    from .reference import ReferenceMetrics

    found = ReferenceMetrics.for_style(style)
    if found is not None:
        return found
    from ..layout.breaking import EvenMetrics

    return EvenMetrics()

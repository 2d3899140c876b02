"""The 信函's first page (GB/T 9704 §10.1): the mark and the red double lines at heights from the
paper's edges, as framed paragraphs anchored on the first page (LibreOffice keeps frames in a
header inside the header's area, so they stand in the body, out of its flow); a first page the
typeset leaves unnumbered has an empty footer of its own."""

from __future__ import annotations

from typing import assert_never

from ..compose.blocks import Element, OffGrid, PageMark, PageRule
from ..geometry import DOUBLE_GAP, EXACT_ASCENT, INK_TOP
from ..style import Style
from ..units import twips
from .ooxml import element, set_child
from .paragraphs import empty_footer, paragraph
from .styles import PARAGRAPH_STYLES


def unnumbered_first_page(section) -> None:
    """Give the section's first page an empty footer: no page number (no header either)."""
    section.different_first_page_header_footer = True
    empty_footer(section.first_page_footer)


def frames(items: list[PageMark | PageRule], style: Style) -> list:
    """The framed paragraphs to put at the start of the body."""
    framed = []
    for item in items:
        match item:
            case PageMark():
                framed.append(_mark(item, style))
            case PageRule():
                framed.append(_double_line(item, style))
            case _:
                assert_never(item)
    return framed


def _frame(ppr, x: float, y: float, width: float) -> None:
    set_child(ppr, "framePr", w=twips(width), wrap="none", hAnchor="page", vAnchor="page",
              x=twips(x), y=twips(y))


def _mark(item: PageMark, style: Style):
    size = item.size
    p = paragraph(OffGrid(Element.MARK, item.runs, exact=size, rows=0, size=size), style)
    ppr = p.find(p.tag.replace("}p", "}pPr"))
    baseline = item.top + INK_TOP * size
    _frame(ppr, style.page.margin_left, baseline - EXACT_ASCENT * size, style.page.text_width)
    return p


def _double_line(item: PageRule, style: Style):
    """A double line as one framed paragraph: its top border the upper line, its bottom border
    the lower one, `DOUBLE_GAP` apart."""
    upper, lower = (item.thick, item.thin) if item.thick_first else (item.thin, item.thick)
    p = element("p")
    ppr = element("pPr")
    p.append(ppr)
    set_child(ppr, "pStyle", val=PARAGRAPH_STYLES["blank"].style_id)
    x = style.page.margin_left + (style.page.text_width - item.length) / 2
    middle_gap = (upper + lower) / 2 + DOUBLE_GAP
    _frame(ppr, x, item.y - middle_gap / 2 - upper / 2, item.length)
    borders = set_child(ppr, "pBdr")
    borders.append(element("top", val="single", sz=max(2, round(upper * 8)), space=0,
                           color=item.color))
    borders.append(element("bottom", val="single", sz=max(2, round(lower * 8)), space=0,
                           color=item.color))
    set_child(ppr, "snapToGrid", val=False)
    set_child(ppr, "spacing", before=0, after=0, line=max(1, twips(DOUBLE_GAP)), lineRule="exact")
    return p

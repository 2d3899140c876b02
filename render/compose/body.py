"""The 正文's blocks (paragraphs, headings with their derived numbers, run-in headings), the
byline under the title, and the 成文日期 form."""

from __future__ import annotations

import datetime as dt
import string

from .. import outline
from ..numbering import label
from ..style import Style
from .blocks import Block, Element, Para, Run
from .figure import figure_block
from .table import table_block


def chinese_date(day: dt.date) -> str:
    """成文日期 form: Arabic numerals, full year, no zero padding (2023年2月16日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def body_blocks(blocks: list[outline.Block], style: Style) -> list[Block]:
    out: list[Block] = []
    for visit in outline.walk(blocks):
        block = visit.block
        if isinstance(block, outline.Table):
            out.append(table_block(block, style))
            continue
        if isinstance(block, outline.Paragraph):
            out.append(Para(Element.BODY, (Run(block.text),), pos=block.pos,
                            depth=visit.depth))
            continue
        if isinstance(block, outline.Figure):
            out.append(figure_block(block, style))
            continue
        number = label(style.heading(visit.depth).number, visit.numbers[-1])
        if block.runin:
            runs = (Run(number + block.heading, lead=visit.depth),)
            if block.text:
                runs += (Run(block.text),)
            out.append(Para(Element.RUNIN, runs, visit.depth, pos=block.pos))
        else:
            out.append(Para(Element.HEADING, (Run(number + block.heading),), visit.depth,
                            pos=block.pos))
    return out


def byline(document: outline.Document, style: Style) -> str:
    """The line under the title, from the style's template; left out when the template names a
    field the outline does not state. Fields: {issuer}, {date} (成文日期), {source} and
    {published} (web publication)."""
    element = style.element("byline")
    if not element.show or not element.template:
        return ""
    pub = document.publication
    fields = {
        "issuer": document.author,
        "date": chinese_date(document.date) if document.date else "",
        "source": pub.source if pub else "",
        "published": chinese_date(pub.date) if pub and pub.date else "",
    }
    used = [name for _, name, _, _ in string.Formatter().parse(element.template) if name]
    if not all(fields.get(name) for name in used):
        return ""
    return element.template.format(**fields)

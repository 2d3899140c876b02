"""The order of a document's parts in the flow (GB/T 9704 §7): 版头, 标题, 主送机关, 正文, 附件说明,
署名 and 成文日期, 附注, 附件, 版记. Each part comes from the module that knows its rules."""

from __future__ import annotations

import math

from . import outline
from .closing import attachment_notes, attachments, attendance, imprint, note, signature
from .flow import BLANK, Item, Para, Run, body_flow, byline, text_width
from .letterhead import letterhead, title_lines
from .style import Style


def assemble(document: outline.Document, style: Style) -> list[Item]:
    flow: list[Item] = list(letterhead(document, style))
    title = style.element("title")
    if flow:  # the title stands two lines below the red rule (the 命令's text below the 令号)
        flow += [BLANK] * title.lines_before
    if title.show:
        flow += [Para("title", (Run(line),)) for line in title_lines(document.title, style)]
        if document.subtitle:
            flow.append(Para("subtitle", (Run(document.subtitle),)))
        flow += [BLANK] * title.lines_after
    line = byline(document, style)
    if line:
        flow.append(Para("byline", (Run(line),)))
        flow += [BLANK] * style.element("byline").lines_after
    addressee = Para("addressee", (Run(document.addressee + "："),)) if document.addressee \
        else None
    moved = addressee is not None and _leaves_no_room(flow + [addressee], style)
    if addressee and not moved:
        flow.append(addressee)
    flow += body_flow(document.body, style)
    flow += attachment_notes(document, style)
    flow += attendance(document, style)
    if document.date:
        flow += signature(document, style)
    flow += note(document)
    flow += attachments(document, style)
    flow += imprint(document, style, addressee_moved=moved)
    return flow


def _leaves_no_room(flow: list[Item], style: Style) -> bool:
    """Whether page 1 would show no text of the 正文 (GB/T 9704 §7.3.3): the 版头, title and a
    long 主送机关 fill all its rows. Then the 主送机关 goes to the 版记 (§7.4.2)."""
    rows = 0
    for item in flow:
        if not isinstance(item, Para):
            continue
        if item.exact is not None:
            rows += item.rows
            continue
        size = item.size or style.element("body").size
        rows += max(1, math.ceil(text_width(item.text, size) / style.page.text_width))
    return rows >= style.lines

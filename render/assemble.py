"""The order of a document's parts in the flow (GB/T 9704 §7): 版头, 标题, 主送机关, 正文, 附件说明,
署名 and 成文日期, 附注, 附件, 版记. Each part comes from the module that knows its rules."""

from __future__ import annotations

from . import outline
from .closing import attachment_notes, attachments, attendance, imprint, note, signature
from .flow import BLANK, Item, Para, Run, body_flow, byline
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
    if document.addressee:
        flow.append(Para("addressee", (Run(document.addressee + "："),)))
    flow += body_flow(document.body, style)
    flow += attachment_notes(document, style)
    flow += attendance(document, style)
    if document.date:
        flow += signature(document, style)
    flow += note(document)
    flow += attachments(document, style)
    flow += imprint(document, style)
    return flow

"""The order of a document's parts in the flow (GB/T 9704 §7): 版头, 标题, 主送机关, 正文, 附件说明,
署名 and 成文日期, 附注, 附件, 版记. Each part comes from the module that knows its rules."""

from __future__ import annotations

import dataclasses
import math

from typing import assert_never

from .. import outline
from ..errors import ContentError
from ..style import Style
from .blocks import (
    BLANK,
    Block,
    Element,
    FigureBlock,
    ImprintBlock,
    JointMark,
    OffGrid,
    PageMark,
    PageRule,
    Para,
    Run,
    Stamp,
    TableBlock,
)
from .body import body_blocks, byline
from .closing import attachment_notes, attachments, attendance, imprint, note, signature
from .letterhead import letterhead, page_one_header
from .seal import stamp
from .nominal import text_width
from .titles import document_names, title_lines


def assemble(document: outline.Document, style: Style) -> list[Block]:
    flow = _head(document, style)
    if _leaves_no_room(flow, style):
        _too_tall_head(document, style)
    line = byline(document, style)
    if line:
        flow.append(Para(Element.BYLINE, (Run(line),)))
        flow += [BLANK] * style.element("byline").lines_after
    addressee = Para(Element.ADDRESSEE, (Run(document.addressee + "："),)) if document.addressee \
        else None
    moved = addressee is not None and _leaves_no_room(flow + [addressee], style)
    if addressee and not moved:
        flow.append(addressee)
    flow += body_blocks(document.body, style)
    closing = attachment_notes(document, style) + attendance(document, style)
    if document.date:
        closing += signature(document, style)
    flow += kept_together(closing + note(document))
    flow += stamp(document, style)  # the seal images, placed from the closing's lines
    flow += attachments(document, style)
    flow += imprint(document, style, addressee_moved=moved)
    return flow


def kept_together(paras: list[Para]) -> list[Para]:
    """The end of the text — 附件说明, 纪要 attendance, 署名, 成文日期, 附注 — on one page: each
    paragraph kept with the next (layout carries body lines over with it, §7.3.5)."""
    return [dataclasses.replace(para, keep=True) for para in paras[:-1]] + paras[-1:]


def _head(document: outline.Document, style: Style) -> list[Block]:
    """The 版头 and the title."""
    flow: list[Block] = list(letterhead(document, style))
    title = style.element("title")
    if flow:  # the title stands two lines below the red rule (the 命令's text below the 令号)
        flow += [BLANK] * title.lines_before
    if title.show:
        flow += [Para(Element.TITLE, (Run(line),)) for line in title_lines(document.title, style,
                                                                  names=document_names(document))]
        if document.subtitle:
            flow.append(Para(Element.SUBTITLE, (Run(document.subtitle),)))
        flow += [BLANK] * title.lines_after
    return flow


def _too_tall_head(document: outline.Document, style: Style) -> None:
    """Page 1 must show 正文 (GB/T 9704 §7.3.3): a 版头 that leaves it no room because of the
    many joint issuers in its mark, or many 签发人, is refused, naming the first name that does
    not fit. (A long title is left to flow on.)"""
    header = page_one_header(document, style)
    if header is None:
        return
    issuers = header.issuers or document.issuers
    lists = (("issuers", issuers, document.mark_key,
              "发文机关标志 of joint issuers",
              "use the host's mark alone, or fewer names"),
             ("signers", header.signers, ("header", "signers"), "签发人",
              "name fewer 签发人"))
    for field, names, key, what, advice in lists:
        for count in range(len(names) - 1, 0, -1):
            fewer = dataclasses.replace(document, header=dataclasses.replace(
                header, **{field: names[:count]}))
            if not _leaves_no_room(_head(fewer, style), style):
                raise ContentError(key + (count,),
                                   f"{key[0]}: the {what} with {len(names)} names leaves page 1 "
                                   f"no room for the 正文 (GB/T 9704 §7.3.3); at most {count} fit: "
                                   f"{advice}")


def _leaves_no_room(flow: list[Block], style: Style) -> bool:
    """Whether page 1 would show no text of the 正文 (GB/T 9704 §7.3.3): the 版头, title and a
    long 主送机关 fill all its rows. Then the 主送机关 goes to the 版记 (§7.4.2)."""
    rows = 0
    size = style.element("body").size
    for block in flow:
        match block:
            case OffGrid() | JointMark():
                rows += block.rows
            case Para():
                rows += max(1, math.ceil(text_width(block.text, size) / style.page.text_width))
            case FigureBlock():
                rows += block.rows
            case TableBlock():  # at least a line a row
                rows += len(block.rows) + (1 if block.caption else 0)
            case PageMark() | PageRule() | ImprintBlock() | Stamp():
                pass
            case _:
                assert_never(block)
    return rows >= style.lines

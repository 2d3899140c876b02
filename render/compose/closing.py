"""The end of a document in the flow (GB/T 9704 §7.3.4–§7.3.7, §7.4): 附件说明, 署名 and 成文日期
with the rules for unsealed, sealed and signature-seal documents, 附注, the 纪要's attendance,
the 附件 pages and the 版记.

Positions within a line are left indents computed from the lines' set widths (nominal.set_width:
full-width characters one em, digits half, with tracking and autospacing, as layout and
LibreOffice set them), or right indents where the rule is 右空N字.
"""

from __future__ import annotations

from .. import outline
from ..errors import ContentError
from ..style import Style
from .blocks import BLANK, Element, ImprintBlock, Para, Run
from .body import body_blocks, chinese_date
from .nominal import set_width, text_width
from .seal import blank_rows, joint_sealed, sizes
from .titles import document_names, title_lines


def attachment_notes(document: outline.Document, style: Style) -> list[Para]:
    """附件说明: one blank line under the text, 2 characters in, `附件：1．名称` with the numbers
    aligned and a long name wrapping under its own first character."""
    if not document.attachments:
        return []
    element = style.element("attachment_note")
    em = style.advance(element.size)
    start = element.indent * em
    label = "附件："
    flow = [BLANK] * element.lines_before
    several = len(document.attachments) > 1
    for index, attachment in enumerate(document.attachments, 1):
        number = f"{index}．" if several else ""
        line_start = start + (0 if index == 1 else text_width(label, em))
        name_start = start + text_width(label + number, em)
        text = (label if index == 1 else "") + number + "".join(attachment.title)
        flow.append(Para(Element.ATTACHMENT_NOTE, (Run(text),), left=name_start,
                         first=line_start - name_start))
    return flow


def signature(document: outline.Document, style: Style) -> list[Para]:
    if isinstance(document.seal, outline.Seal) and len(document.issuers) > 1:
        return joint_sealed(document, style)
    if document.seal_kind == "seal":
        return _sealed(document, style)
    if document.seal_kind == "signature":
        return _signature_seal(document, style)
    return _unsealed(document, style)


def _unsealed(document: outline.Document, style: Style) -> list[Para]:
    """§7.3.5.2: the 署名 右空二字, the date starting two characters to the right of the
    署名's first character; a date longer than the 署名 is set 右空二字 instead and the 署名
    moves left to keep the offset. Widths are the lines' set widths (autospacing included)."""
    size = style.element("signature").size
    em = style.advance(size)
    right = style.page.set_text_width - 2 * em
    for index, name in enumerate(document.issuers):
        if set_width(name, style, size) > right:
            raise ContentError(("issuers", index), _too_wide(name, "右空二字", right, em))
    date = chinese_date(document.date)
    if not document.issuers:  # no 署名: the date alone, 右空二字, one line under the text
        return [BLANK] * style.element("signature").lines_before + [
            Para(Element.DATE, (Run(date),), right=2 * em)]
    widest = max(set_width(name, style, size) for name in document.issuers)
    date_width = set_width(date, style, size)
    name_left = right - widest
    flow = [BLANK] * style.element("signature").lines_before
    if name_left + 2 * em + date_width >= right - 0.01:
        # The date is the wider one: 右空二字, the 署名 two characters left of its start.
        name_left = right - date_width - 2 * em
        date_line = Para(Element.DATE, (Run(date),), right=2 * em)
    else:
        date_line = Para(Element.DATE, (Run(date),), left=name_left + 2 * em)
    flow += [Para(Element.SIGNATURE, (Run(name),), left=name_left) for name in document.issuers]
    flow.append(date_line)
    return flow


def _sealed(document: outline.Document, style: Style) -> list[Para]:
    """§7.3.5.1: the date 右空四字, each 署名 centred over it (on the date's set width,
    autospacing included); one more blank line than an unsealed document leaves room for the
    seal, whose top must be within a line of the text."""
    size = style.element("signature").size
    em = style.advance(size)
    date = chinese_date(document.date)
    width = style.page.set_text_width
    centre = width - 4 * em - set_width(date, style, size) / 2
    flow = [BLANK] * (style.element("signature").lines_before + 1)
    if isinstance(document.seal, outline.Seal) and document.seal.files:
        (_, height), = sizes(document.seal)
        flow = [BLANK] * blank_rows(height, style)  # the seal's top within a line of the text
    for index, name in enumerate(document.issuers):
        name_width = set_width(name, style, size)
        if name_width > width:
            raise ContentError(("issuers", index), _too_wide(name, "on one line", width, em))
        # centred over the date; a name too long for that ends at the type area's right edge
        left = min(centre - name_width / 2, width - name_width)
        flow.append(Para(Element.SIGNATURE, (Run(name),), left=left))
    flow.append(Para(Element.DATE, (Run(date),), right=4 * em))
    return flow


def _too_wide(name: str, where: str, room: float, em: float) -> str:
    return (f"issuers: the 署名 “{name}” does not fit {where} (at most {int(room // em)} "
            "characters); give a shorter name (规范化简称)")


def _signature_seal(document: outline.Document, style: Style) -> list[Para]:
    """§7.3.5.3: two blank lines under the text; the 签名章 右空四字 with the signer's title two
    characters to its left; the date one blank line below, 右空四字."""
    em = style.advance(style.element("signer").size)
    signer = document.signer
    role = style.element("signers").font.role
    flow = [BLANK, BLANK]
    flow.append(Para(Element.SIGNER, (Run(signer.title), Run("　　"), Run(signer.name, role=role)),
                     right=4 * em))
    flow.append(BLANK)
    flow.append(Para(Element.DATE, (Run(chinese_date(document.date)),), right=4 * em))
    return flow


def note(document: outline.Document) -> list[Para]:
    """附注: in parentheses, on the line after the date, 2 characters in."""
    return [Para(Element.NOTE, (Run(f"（{document.note}）"),))] if document.note else []


def attendance(document: outline.Document, style: Style) -> list[Para]:
    """纪要 (§10.3): one blank line, then 出席, 请假, 列席 each on a new line, 2 characters in,
    the label in 黑体, names wrapping under the first name."""
    if document.attendance is None:
        return []
    element = style.element("attendance")
    em = style.advance(element.size)
    start = element.indent * em
    flow = [BLANK]
    groups = (("出席：", document.attendance.present), ("请假：", document.attendance.absent),
              ("列席：", document.attendance.observers))
    for label, names in groups:
        if names:
            name_start = start + text_width(label, em)
            flow.append(Para(Element.ATTENDANCE, (Run(label, role="heiti"), Run("，".join(names))),
                             left=name_start, first=start - name_start))
    return flow


def attachments(document: outline.Document, style: Style) -> list[Para]:
    """Each 附件 with a body on a new page: 附件N on line 1, its title centred on line 3, then
    its text like the 正文 (§7.3.7)."""
    flow: list[Para] = []
    printed = [(n, a) for n, a in enumerate(document.attachments, 1) if not a.separate]
    several = len(document.attachments) > 1
    title = style.element("attachment_title")
    names = document_names(document)
    for number, attachment in printed:  # numbered by place, so equal attachments differ
        label = f"附件{number}" if several else "附件"
        flow.append(Para(Element.ATTACHMENT_LABEL, (Run(label),), page_break=True))
        flow += [BLANK] * title.lines_before
        flow += [Para(Element.ATTACHMENT_TITLE, (Run(line),))
                 for line in title_lines(attachment.title, style, "attachment_title", names)]
        flow += [BLANK] * title.lines_after
        flow += body_blocks(attachment.body, style)
    return flow


def imprint(document: outline.Document, style: Style, addressee_moved: bool = False
            ) -> list[ImprintBlock]:
    """版记 (§7.4): 抄送 (wrapping under the first name, ending with 。) above a thin line, then
    印发机关 左空一字 and 印发日期 右空一字 on one line; thick lines above and below. A 主送机关
    that left page 1 no room stands first, as 主送, with no line between it and the 抄送."""
    data = document.imprint or outline.Imprint()
    if document.imprint is None and not addressee_moved:
        return []
    element = style.element("imprint")
    em = style.advance(element.size)
    indent = element.indent * em
    paras: list[Para] = []
    keys: list[tuple[tuple[int, tuple], ...]] = []
    thin_after: list[int] = []

    def listing(label: str, text: str) -> Para:
        name_start = indent + text_width(label, em)
        return Para(Element.IMPRINT, (Run(label + text),), left=name_start, first=indent - name_start,
                    inset=indent)

    if addressee_moved:
        paras.append(listing("主送：", document.addressee + "。"))
        keys.append(((0, ("addressee",)),))
    if data.cc:
        paras.append(listing("抄送：", "，".join(data.cc) + "。"))
        starts = [len("抄送：") + sum(len(name) + 1 for name in data.cc[:i])
                  for i in range(len(data.cc))]
        keys.append(tuple((start, ("imprint", "cc", i)) for i, start in enumerate(starts)))
    if paras:
        thin_after.append(len(paras) - 1)
    if style.format == "letter":  # 信函: 抄送 only, no rules
        return [ImprintBlock(tuple(paras), (), 0.0, 0.0, tuple(keys))] if paras else []
    if data.printer or data.date:
        issued = chinese_date(data.date) + "印发" if data.date else ""
        # §7.4.3: 印发机关 左空一字 and 印发日期 右空一字 share one line, a character apart
        room = style.page.text_width - 2 * indent - (text_width(issued, em) + em if issued else 0)
        if data.printer and issued and text_width(data.printer, em) > room:
            raise ContentError(("imprint", "printer"),
                               f"imprint: the 印发机关 “{data.printer}” does not fit on the line "
                               f"of the 印发日期 (at most {int(room // em)} characters); give a "
                               "shorter name")
        paras.append(Para(Element.IMPRINT, (Run(data.printer or ""),), left=indent, first=0.0,
                          tab=(Run(issued),) if issued else (), inset=indent))
        keys.append(((0, ("imprint", "printer" if data.printer else "date")),))
    if not paras:
        return []
    return [ImprintBlock(tuple(paras), tuple(i for i in thin_after if i < len(paras) - 1),
                    element.line_width, element.thin_width, tuple(keys))]

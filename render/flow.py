"""Document + style → the flow of paragraphs both writers set: what is printed, in which element
style, with the derived parts (heading numbers, byline, the colon after 主送机关, blank lines)
filled in. No geometry here: where lines break and pages end is layout's job.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from . import outline
from .numbering import label
from .style import Style


@dataclass(frozen=True)
class Run:
    text: str
    lead: int = 0  # >0: the run-in heading of that level, set in the heading's font


@dataclass(frozen=True)
class Para:
    """One paragraph of the flow. `kind` names its paragraph style: an element (body, title,
    byline, …), `heading1`–`heading4` for stand-alone headings, `runin1`–`runin4` for paragraphs
    that open with a run-in heading, or `blank` for an empty grid line."""

    kind: str
    runs: tuple[Run, ...] = ()
    level: int = 0  # outline level of headings and run-in paragraphs (1–4), else 0
    left: float | None = None  # a computed left indent in points (署名, 成文日期), else the style's
    right: float | None = None  # set: right-aligned with this right indent in points
    pos: tuple[int, int] = (0, 0)  # where the outline states it (line, column), if known

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


BLANK = Para("blank")


def chinese_date(day: dt.date) -> str:
    """成文日期 form: Arabic numerals, full year, no zero padding (2023年2月16日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def build_flow(document: outline.Document, style: Style) -> list[Para]:
    flow: list[Para] = []
    title = style.element("title")
    flow += [BLANK] * title.lines_before
    flow += [Para("title", (Run(line),)) for line in document.title]
    if document.subtitle:
        flow.append(Para("subtitle", (Run(document.subtitle),)))
    flow += [BLANK] * title.lines_after
    byline = _byline(document, style)
    if byline:
        flow.append(Para("byline", (Run(byline),)))
        flow += [BLANK] * style.element("byline").lines_after
    if document.addressee:
        flow.append(Para("addressee", (Run(document.addressee + "："),)))
    flow += body_flow(document.body, style)
    if document.date:
        flow += _signature(document, style)
    if document.note:
        flow.append(Para("note", (Run(f"（{document.note}）"),)))
    return flow


def body_flow(blocks: list[outline.Block], style: Style) -> list[Para]:
    flow = []
    for visit in outline.walk(blocks):
        block = visit.block
        if isinstance(block, outline.Paragraph):
            flow.append(Para("body", (Run(block.text),), pos=block.pos))
            continue
        number = label(style.heading(visit.depth).number, visit.numbers[-1])
        if block.runin:
            runs = (Run(number + block.heading, lead=visit.depth),)
            if block.text:
                runs += (Run(block.text),)
            flow.append(Para(f"runin{visit.depth}", runs, visit.depth, pos=block.pos))
        else:
            flow.append(Para(f"heading{visit.depth}", (Run(number + block.heading),), visit.depth,
                             pos=block.pos))
    return flow


def _byline(document: outline.Document, style: Style) -> str:
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


def _signature(document: outline.Document, style: Style) -> list[Para]:
    """署名 and 成文日期 of an unsealed document (GB/T 9704 §7.3.5.2): the 署名 右空二字, the date
    starting two characters to the right of the 署名's first character; a date longer than the
    署名 is set 右空二字 instead and the 署名 moves left to keep the offset. Positions are left
    indents computed from the text, as right alignment would shift with digit widths."""
    size = style.element("signature").size
    em = style.advance(size)
    right = style.page.text_width - 2 * em
    widest = max(text_width(name, em) for name in document.issuers)
    date = chinese_date(document.date)
    name_left = right - widest
    date_left = name_left + 2 * em
    if date_left + text_width(date, em) > right:
        date_left = right - text_width(date, em)
        name_left = date_left - 2 * em
    flow = [BLANK] * style.element("signature").lines_before
    flow += [Para("signature", (Run(name),), left=name_left) for name in document.issuers]
    if date_left + text_width(date, em) >= right - 0.01:
        # The date is the wider one: right-aligned 右空二字, so that each renderer's own digit
        # widths cannot push it off its place.
        flow.append(Para("date", (Run(date),), right=2 * em))
    else:
        flow.append(Para("date", (Run(date),), left=date_left))
    return flow


def text_width(text: str, em: float) -> float:
    """Nominal width: full-width characters one em, ASCII (digits, Latin) half an em."""
    return sum(em / 2 if ord(ch) < 0x2000 else em for ch in text)

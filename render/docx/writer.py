"""The Word writer: a `Document` and its resolved style → .docx bytes.

The page (A4, margins, a `lines` grid of one row per line), named styles, the paragraph flow,
odd/even page-number footers and the document properties. Everything is built on python-docx's
default template with what a gongwen document does not use removed (`package.py`), and the zip
is written with fixed timestamps so the same outline always gives the same bytes.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, replace
from typing import assert_never

import docx
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Twips

from .. import outline
from ..compose.blocks import (
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
from ..layout.items import Typeset
from ..style import Style
from ..units import twips
from ..zipparts import stable_zip, unzipped
from .figure import figure_paragraph
from .fonttable import write_font_table
from .imprint import end_paragraph, imprint_table
from .seal import anchor_stamp
from .letter import frames, unnumbered_first_page
from .custom import add_custom_properties, properties
from .package import core_properties, finish, strip_template
from .theme import write_theme
from .ooxml import depth_mark, element, page_field_runs, set_child
from .paragraphs import (
    REVISIONS,
    Revisions,
    broken,
    empty_footer,
    joint_mark,
    move_range,
    paragraph,
    run_elements,
    squeezed,
)
from .styles import PARAGRAPH_STYLES, line_pitch_twips
from .landscape import (
    end_portrait_section,
    is_landscape,
    landscape_section_end,
    turned_number_footer,
)
from .table import table_elements

def render_docx(document: outline.Document, style: Style, blocks: list[Block],
                typeset: Typeset, revisions: Revisions | None = None) -> bytes:
    """The .docx of `document`'s blocks as `typeset` placed them (its page breaks and the
    版记's place come from there); a redline's blocks with tracked changes by `revisions`."""
    token = REVISIONS.set(revisions)
    try:
        return _render(document, style, blocks, typeset)
    finally:
        REVISIONS.reset(token)


def _render(document: outline.Document, style: Style, blocks: list[Block],
            typeset: Typeset) -> bytes:
    out = docx.Document()
    strip_template(out)
    from .styles import define_styles

    define_styles(out, style)
    _page_setup(out.sections[0], style)
    body = _Body(out)
    imprints = []
    breaks = {forced.block: forced.offset for forced in typeset.breaks}
    condensed = {item.block: item.points for item in typeset.condensed}
    squeezes: dict[int, list] = {}
    for line in typeset.squeezed:
        squeezes.setdefault(line.block, []).append(line)
    if typeset.pages and not typeset.pages[0].numbered:  # the 信函's page 1
        unnumbered_first_page(out.sections[0])
    anchored = [block for block in blocks if isinstance(block, PageMark | PageRule)]
    for frame in frames(anchored, style):  # the 信函's mark and double lines open the body
        body.append(frame)
    signed = None  # the last 署名 (or 签发人) paragraph
    depth, marks = 0, 0  # how many sections deep the text stands; depth marks written
    for index, block in enumerate(blocks):
        match block:
            case Para() | OffGrid():
                if isinstance(block, Para):
                    block = replace(block, condense=condensed.get(index, 0.0),
                                    keep=block.keep and _kept(typeset, index))
                if index in squeezes and isinstance(block, Para):
                    block = squeezed(block, squeezes[index])
                parts = [block]
                if index in breaks:  # a page break layout set inside or before it
                    parts = broken(block, breaks[index])
                if block.move:
                    body.append(move_range(block, end=False))
                for number, part in enumerate(parts):
                    body.append(last := paragraph(part, style))
                    if number == 0 and isinstance(block, Para):
                        depth = _mark_depth(last, block, depth, marks := marks + 1)
                if block.element in (Element.SIGNATURE, Element.SIGNER):
                    signed = last  # where seal images anchor
                if block.move:
                    body.append(move_range(block, end=True))
            case JointMark():
                body.append(joint_mark(block, style))
            case ImprintBlock():
                imprints.append((index, block))  # after the page numbers: it may add a section
            case FigureBlock():
                body.append(figure_paragraph(block, out.part, style))
                if block.caption is not None:
                    body.append(paragraph(block.caption, style))
            case TableBlock():
                plan = typeset.table(index)
                if plan.landscape:  # a section of its own
                    end_portrait_section(body.body)
                for part in table_elements(block, style, plan):
                    body.append(part)
                if plan.landscape:
                    body.append(landscape_section_end(body.body, style))
            case PageMark() | PageRule():
                pass  # framed above
            case Stamp():
                anchor_stamp(out.part, signed, typeset, index)
            case _:
                assert_never(block)
    _page_numbers(out, style)
    for index, block in imprints:
        _imprint(out, body, block, style, imprint_plan(typeset, index))
    _word_end(body)
    write_font_table(out, style)
    write_theme(out, style)
    core_properties(out, document)
    buffer = io.BytesIO()
    out.save(buffer)
    return _stable_zip(buffer.getvalue(), properties(document), len(typeset.pages))


def _mark_depth(p, para: Para, depth: int, number: int) -> int:
    """The section depth after `para`; a 正文 paragraph that leaves the section above it (a
    closing paragraph after the last section) is marked with its depth for import."""
    match para.element:
        case Element.HEADING | Element.RUNIN:
            return para.level
        case Element.ATTACHMENT_LABEL:
            return 0
        case Element.BODY:
            if para.depth < depth:
                depth_mark(p, para.depth, number)
            return para.depth
    return depth


def _kept(typeset: Typeset, index: int) -> bool:
    """Whether layout set block `index` on the page of the block after it (a 署名 block too
    tall for one page is set in the flow: keep-with-next there would move it elsewhere)."""
    placed = typeset.placed
    return index + 1 < len(placed) and placed[index].last_page == placed[index + 1].page


def _page_setup(section, style: Style) -> None:
    page = style.page
    section.page_width = Twips(twips(page.width))
    section.page_height = Twips(twips(page.height))
    section.top_margin = Twips(twips(page.margin_top))
    section.bottom_margin = Twips(twips(page.margin_bottom))
    section.left_margin = Twips(twips(page.margin_left))
    section.right_margin = Twips(twips(page.margin_right))
    section.header_distance = Twips(twips(page.margin_top / 2))
    section.footer_distance = Twips(footer_distance(style))
    section.gutter = Twips(0)
    set_child(section._sectPr, "docGrid", type="lines", linePitch=line_pitch_twips(style))


def footer_distance(style: Style) -> int:
    """w:footer (twips from the paper's bottom edge to the footer line's bottom) that puts the
    middle of the page number's line — where the 一字线 sits — `below` the type area (measured
    in LibreOffice with the Fandol Song face: 7.1 mm for 7 mm)."""
    pn = style.page_number
    centre_from_bottom = style.page.margin_bottom - pn.below
    return twips(centre_from_bottom - pn.size / 2)


class _Body:
    """Appends block elements at the end of the body, before the section's properties, in
    constant time (python-docx keeps w:sectPr as the body's last child)."""

    def __init__(self, out):
        self.body = out.element.body

    def append(self, el) -> None:
        try:
            last = self.body[-1]  # O(1) from the end (len() would count every child)
        except IndexError:
            last = None
        if last is not None and last.tag == qn("w:sectPr"):
            last.addprevious(el)
        else:
            sect = self.body.find(qn("w:sectPr"))
            if sect is None:
                self.body.append(el)
            else:
                sect.addprevious(el)


@dataclass(frozen=True)
class ImprintPlan:
    """Where layout put the 版记: pages after the last page of text (0, 1, or 2 when a blank
    page had to come first), blank rows above it on its page, and each 版记 line's rows."""

    pages_after: int
    blank_rows: int
    rows: tuple[int, ...]


def imprint_plan(typeset: Typeset, index: int) -> ImprintPlan:
    """The 版记 (block `index`) as the typeset placed it, relative to the text before it."""
    text = [(page.number, line.row) for page in typeset.pages for line in page.lines
            if line.row >= 0 and 0 <= line.block < index]
    text += [(p.page, p.row + p.lines - 1) for p in typeset.placed[:index]
             if p.lines and p.page == p.last_page]  # a figure's rows too
    text_page, text_row = max(text) if text else (1, -1)
    lines = typeset.lines_of(index)
    placed = typeset.placed[index]
    first_row = lines[0].row if lines else typeset.rows
    above = first_row - (text_row + 1) if placed.page == text_page else first_row
    counts, current = [], 0
    for line in lines:  # lines per 版记 paragraph: each paragraph's last line closes its count
        current += 1
        if line.last:
            counts.append(current)
            current = 0
    return ImprintPlan(placed.page - text_page, above, tuple(counts))


def _imprint(out, body: _Body, imprint: ImprintBlock, style: Style, plan: ImprintPlan) -> None:
    """The 版记 table where layout placed it: at the foot of the page, after blank grid rows
    (a floating table as wide as the text is not floated by LibreOffice). A blank page before
    it starts a section of its own whose footers are empty, so neither page is numbered."""
    blank_rows = plan.blank_rows
    if plan.pages_after == 2:
        section = out.add_section(WD_SECTION.NEW_PAGE)
        _end_section_in_last_paragraph(out)
        for footer in (section.footer, section.even_page_footer):
            empty_footer(footer)
        body.append(paragraph(BLANK, style))  # the blank page
    if plan.pages_after:
        body.append(paragraph(replace(BLANK, page_break=True), style))
        blank_rows -= 1
    for _ in range(max(0, blank_rows)):
        body.append(paragraph(BLANK, style))
    body.append(imprint_table(imprint, style, plan.rows))


def _word_end(body: _Body) -> None:
    """A body that ends with a table (the 版记) ends with `end_paragraph` after it: Word and
    WPS would otherwise add a grid-row paragraph of their own, and a page for it."""
    sect = body.body[-1] if len(body.body) else None
    last = sect.getprevious() if sect is not None and sect.tag == qn("w:sectPr") else sect
    if last is not None and last.tag == qn("w:tbl"):
        body.append(end_paragraph())


def _end_section_in_last_paragraph(out) -> None:
    """python-docx ends a section with an empty paragraph of its own, which would take a line
    (and may spill onto a new page); carry the section's end in the last paragraph instead."""
    body = out.element.body
    paragraphs = body.findall(qn("w:p"))
    holder, previous = paragraphs[-1], paragraphs[-2]
    sect = holder.find(qn("w:pPr")).find(qn("w:sectPr"))
    previous.get_or_add_pPr().append(sect)
    body.remove(holder)


def _page_numbers(out, style: Style) -> None:
    """— N — footers: odd pages right and even pages left, `indent` characters in; the
    sections after the first (around 横排 tables) use the same footers, a landscape section
    its own, the number turned."""
    pn = style.page_number
    if pn.placement == "none":
        return
    out.settings.odd_and_even_pages_header_footer = pn.placement == "outside"
    first, *others = out.sections
    sides = ["right" if pn.placement == "outside" else "center"]
    if pn.placement == "outside":
        sides.append("left")
    for footer, side in zip((first.footer, first.even_page_footer), sides):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]._p
        p.getparent().replace(p, _number_paragraph(style, side))
    references = first._sectPr.findall(qn("w:footerReference"))
    for number, section in enumerate(others):
        if not is_landscape(section):  # a portrait section after a landscape one
            headers = len(section._sectPr.findall(qn("w:headerReference")))
            for offset, reference in enumerate(references):
                section._sectPr.insert(headers + offset, copy.deepcopy(reference))
            continue
        for index, (footer, side) in enumerate(zip((section.footer, section.even_page_footer),
                                                   sides)):
            footer.is_linked_to_previous = False
            turned_number_footer(footer, _number_paragraph(style, side), style,
                                 2 * number + index)


def _number_paragraph(style: Style, side: str):
    """The page number's paragraph: — PAGE — on `side`, `indent` characters in."""
    pn = style.page_number
    indent = twips(pn.indent * pn.size)
    before, _, after = pn.format.partition("{n}")
    p = element("p")
    ppr = element("pPr")
    p.append(ppr)
    set_child(ppr, "pStyle", val=PARAGRAPH_STYLES["page_number"].style_id)
    if side == "right":
        set_child(ppr, "ind", left=0, right=indent, firstLine=0)
    elif side == "left":
        set_child(ppr, "ind", left=indent, right=0, firstLine=0)
    set_child(ppr, "jc", val=side)
    if before:
        p.extend(run_elements(Run(before), None))
    for run in page_field_runs():
        p.append(run)
    if after:
        p.extend(run_elements(Run(after), None))
    return p


def _stable_zip(data: bytes, custom: dict[str, str], pages: int) -> bytes:
    """The same zip with a fixed timestamp on every member (equal input, equal bytes), the
    custom properties part (`custom.py`), app.xml and the docId (`package.finish`)."""
    parts = unzipped(data)
    add_custom_properties(parts, custom)
    finish(parts, pages)
    return stable_zip(parts)

"""The Word writer: a `Document` and its resolved style → .docx bytes.

The page (A4, margins, a `lines` grid of one row per line), named styles, the paragraph flow,
odd/even page-number footers and the document properties. Everything is built on python-docx's
default template with its theme, effects copy and thumbnail removed, and the zip is written with
fixed timestamps so the same outline always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, replace

import docx
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Twips

from .. import outline
from ..flow import BLANK, Fixed, Imprint, Run, build_flow
from ..style import Style
from ..units import twips
from .fonttable import write_font_table
from .imprint import imprint_table
from .letter import first_page
from .ooxml import element, page_field_runs, set_child
from .paragraphs import (
    REVISIONS,
    Revisions,
    empty_footer,
    joint_mark,
    move_range,
    paragraph,
    run_element,
)
from .styles import PARAGRAPH_STYLES, line_pitch_twips

DROP_PARTS = (RT.THEME, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")


def render_docx(document: outline.Document, style: Style, flow: list | None = None,
                revisions: Revisions | None = None) -> bytes:
    """The .docx of `document`; of a given `flow` instead (a redline's), with tracked changes
    by `revisions`."""
    token = REVISIONS.set(revisions)
    try:
        return _render(document, style, flow or build_flow(document, style))
    finally:
        REVISIONS.reset(token)


def _render(document: outline.Document, style: Style, flow: list) -> bytes:
    out = docx.Document()
    _strip_template(out)
    from .styles import define_styles

    define_styles(out, style)
    _page_setup(out.sections[0], style)
    fixed = [item for item in flow if isinstance(item, Fixed)]
    framed = first_page(out, fixed, style) if fixed else []
    for index, item in enumerate(item for item in flow if not isinstance(item, Fixed)):
        if index == 0:
            for frame in framed:
                _append(out, frame)
        if isinstance(item, Imprint):
            continue
        if item.kind == "mark" and len(item.runs) > 1:
            _append(out, joint_mark(item, style))
        elif item.move:
            _append(out, move_range(item, end=False))
            _append(out, paragraph(item, style))
            _append(out, move_range(item, end=True))
        else:
            _append(out, paragraph(item, style))
    _page_numbers(out, style)
    for item in flow:
        if isinstance(item, Imprint):
            _imprint(out, item, style, imprint_plan(flow, style))
    write_font_table(out, style)
    _properties(out, document)
    buffer = io.BytesIO()
    out.save(buffer)
    return _stable_zip(buffer.getvalue())


def _strip_template(out) -> None:
    """Drop the template's theme (its fonts would be fallbacks), styles-with-effects copy and
    thumbnail picture."""
    rels = out.part.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype in DROP_PARTS:
            rels.pop(rel_id)
    package_rels = out.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rel_id)
    settings = out.settings.element
    for old in settings.findall(qn("w:themeFontLang")):
        settings.remove(old)


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


def _append(out, el) -> None:
    """Add a block element at the end of the body (before the last section's properties).

    python-docx keeps those properties as the body's last child, and lxml reaches the last
    child directly, so appending takes the same time however long the body is (a search from
    the front made writing quadratic in paragraphs)."""
    body = out.element.body
    sect = body[-1]
    if sect.tag != qn("w:sectPr"):
        sect = body.find(qn("w:sectPr"))
    sect.addprevious(el)


@dataclass(frozen=True)
class ImprintPlan:
    """Where layout put the 版记: pages after the last page of text (0, 1, or 2 when a blank
    page had to come first), blank rows above it on its page, and each 版记 line's rows."""

    pages_after: int
    blank_rows: int
    rows: tuple[int, ...]


def imprint_plan(flow, style: Style) -> ImprintPlan:
    from ..layout.pages import layout

    pages = layout(flow, style, layout_metrics(style))
    text_lines = [(p.number, line.row) for p in pages for line in p.lines
                  if line.row >= 0 and line.kind != "imprint"]
    imprint_lines = [(p.number, line.row) for p in pages for line in p.lines
                     if line.kind == "imprint"]
    text_page, text_row = max(text_lines)
    page, first_row = min(imprint_lines)
    above = first_row - (text_row + 1) if page == text_page else first_row
    imprint = next(item for item in flow if isinstance(item, Imprint))
    rows = tuple(_imprint_rows(imprint, pages))
    return ImprintPlan(page - text_page, above, rows)


def _imprint_rows(imprint: Imprint, pages) -> list[int]:
    """Lines per 版记 paragraph, from the laid-out 版记 lines in order."""
    lines = [line for p in pages for line in p.lines if line.kind == "imprint"]
    counts, index = [], 0
    for _ in imprint.paras:
        count = 0
        while index < len(lines):
            count += 1
            index += 1
            if lines[index - 1].last:
                break
        counts.append(count)
    return counts


def layout_metrics(style: Style):
    """The shipped reference metrics (the open faces' widths, the same on every machine) when
    the style's fonts are the built-in ones, else even ones: the .docx never depends on the
    fonts installed here."""
    from ..fonts import layout_metrics

    return layout_metrics(style)


def _imprint(out, imprint: Imprint, style: Style, plan: ImprintPlan) -> None:
    """The 版记 table where layout placed it: at the foot of the page, after blank grid rows
    (a floating table as wide as the text is not floated by LibreOffice). A blank page before
    it starts a section of its own whose footers are empty, so neither page is numbered."""
    blank_rows = plan.blank_rows
    if plan.pages_after == 2:
        section = out.add_section(WD_SECTION.NEW_PAGE)
        _end_section_in_last_paragraph(out)
        for footer in (section.footer, section.even_page_footer):
            empty_footer(footer)
        _append(out, paragraph(BLANK, style))  # the blank page
    if plan.pages_after:
        _append(out, paragraph(replace(BLANK, page_break=True), style))
        blank_rows -= 1
    for _ in range(max(0, blank_rows)):
        _append(out, paragraph(BLANK, style))
    _append(out, imprint_table(imprint, style, plan.rows))


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
    """— N — footers: odd pages right and even pages left, `indent` characters in."""
    pn = style.page_number
    if pn.placement == "none":
        return
    out.settings.odd_and_even_pages_header_footer = pn.placement == "outside"
    section = out.sections[0]
    indent = twips(pn.indent * pn.size)
    footers = [(section.footer, "right" if pn.placement == "outside" else "center")]
    if pn.placement == "outside":
        footers.append((section.even_page_footer, "left"))
    before, _, after = pn.format.partition("{n}")
    for footer, side in footers:
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]._p
        for child in list(p):
            p.remove(child)
        ppr = element("pPr")
        p.append(ppr)
        set_child(ppr, "pStyle", val=PARAGRAPH_STYLES["page_number"].style_id)
        if side == "right":
            set_child(ppr, "ind", left=0, right=indent, firstLine=0)
        elif side == "left":
            set_child(ppr, "ind", left=indent, right=0, firstLine=0)
        set_child(ppr, "jc", val=side)
        if before:
            p.append(run_element(Run(before), None))
        for run in page_field_runs():
            p.append(run)
        if after:
            p.append(run_element(Run(after), None))


def _properties(out, document: outline.Document) -> None:
    props = out.core_properties
    props.title = _property("".join(document.title))
    props.author = _property(document.author)
    props.last_modified_by = _property(document.author)
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    day = document.date or (document.publication.date if document.publication else None)
    when = dt.datetime.combine(day, dt.time()) if day else dt.datetime(2000, 1, 1)
    props.created = when
    props.modified = when
    props.last_printed = when


PROPERTY_LIMIT = 255  # characters python-docx accepts in a text core property


def _property(text: str) -> str:
    """A core property's value clipped to what python-docx accepts (the document's text is
    never clipped: a long title is still printed whole)."""
    return text[:PROPERTY_LIMIT]


def _stable_zip(data: bytes) -> bytes:
    """The same zip with a fixed timestamp on every member: equal input, equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return buffer.getvalue()

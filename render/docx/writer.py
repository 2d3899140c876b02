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

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Twips

from .. import outline
from ..flow import Para, build_flow
from ..style import Style
from .fonttable import write_font_table
from .ooxml import element, page_field_runs, set_child
from .styles import CHARACTER_STYLES, PARAGRAPH_STYLES, line_pitch_twips, twips

# Characters Word may set in the Latin font unless told they are East Asian text.
AMBIGUOUS = set("‘’“”—…·–")
DROP_PARTS = (RT.THEME, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")


def render_docx(document: outline.Document, style: Style) -> bytes:
    out = docx.Document()
    _strip_template(out)
    from .styles import define_styles

    define_styles(out, style)
    _page_setup(out.sections[0], style)
    body = out.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for para in build_flow(document, style):
        sect_pr.addprevious(_paragraph(para, style))
    _page_numbers(out, style)
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


def _paragraph(para: Para, style: Style):
    p = element("p")
    ppr = element("pPr")
    p.append(ppr)
    set_child(ppr, "pStyle", val=PARAGRAPH_STYLES[para.kind].style_id)
    if para.left is not None:
        set_child(ppr, "ind", left=twips(para.left), firstLine=0)
    if para.right is not None:
        set_child(ppr, "ind", left=0, right=twips(para.right), firstLine=0)
        set_child(ppr, "jc", val="right")
    for run in para.runs:
        p.append(_run(run.text, CHARACTER_STYLES[run.lead].style_id if run.lead else None))
    return p


def _run(text: str, char_style: str | None = None):
    r = element("r")
    if char_style or AMBIGUOUS & set(text):
        rpr = element("rPr")
        r.append(rpr)
        if char_style:
            set_child(rpr, "rStyle", val=char_style)
        if AMBIGUOUS & set(text):
            set_child(rpr, "rFonts", hint="eastAsia")
    t = element("t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


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
            p.append(_run(before))
        for run in page_field_runs():
            p.append(run)
        if after:
            p.append(_run(after))


def _properties(out, document: outline.Document) -> None:
    props = out.core_properties
    props.title = "".join(document.title)
    props.author = document.author
    props.last_modified_by = document.author
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

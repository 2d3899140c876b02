"""横排 tables in the .docx (GB/T 9704 §8): the table in a section of its own on landscape
pages — `w:pgSz w:orient="landscape"`, the margins of the portrait page turned a quarter
clockwise (`Page.turned`: the type area 225 mm wide, 156 mm high) — between the portrait
sections before and after it; its page numbers in text boxes anchored to the page where the
PDF has them, their text turned to read down the page (`vert="vert"`), so that they stand
where a portrait page's number does once the sheet is turned back."""

from __future__ import annotations

import copy

from docx.oxml.ns import qn

from ..style import Style
from ..units import twips
from .imprint import END, end_paragraph
from .ooxml import anchored_text_box, element, set_child
from .styles import PARAGRAPH_STYLES

NUMBER_BOX_ID = 9000  # drawing ids of the page-number text boxes (unique in the document)
# points: LibreOffice sets the baseline of a line turned in a text box this much further from
# the line's top (to the left) than our layout sets the page number's (measured: the text
# matrices' origins, Fandol Song 四号 page numbers); the box stands that much to the right
TURNED_LINE_SHIFT = 0.72


def end_portrait_section(body) -> None:
    """End the section before a landscape table (`body` is the w:body): its properties (a copy
    of the document's) in the last paragraph before the table, or in an end paragraph when a
    table comes last; nothing when a section already ends there (another landscape table)."""
    sect = body[-1]
    last = sect.getprevious()
    if last is None or last.tag != qn("w:p"):
        last = end_paragraph()
        sect.addprevious(last)
    ppr = last.find(qn("w:pPr"))
    if ppr is None:
        ppr = element("pPr")
        last.insert(0, ppr)
    if ppr.find(qn("w:sectPr")) is None:
        _put_sect(ppr, copy.deepcopy(sect))


def landscape_section_end(body, style: Style):
    """The paragraph after a landscape table that ends its section: off the grid and a point
    high (it fits under a table that fills the page), holding the landscape section's
    properties."""
    sect = copy.deepcopy(body[-1])
    page = style.page.turned
    for old in sect.findall(qn("w:pgSz")) + sect.findall(qn("w:pgMar")):
        sect.remove(old)
    set_child(sect, "pgSz", w=twips(page.width), h=twips(page.height), orient="landscape")
    set_child(sect, "pgMar", top=twips(page.margin_top), right=twips(page.margin_right),
              bottom=twips(page.margin_bottom), left=twips(page.margin_left),
              header=twips(page.margin_top / 2), footer=twips(page.margin_bottom / 2), gutter=0)
    p = end_paragraph()
    _put_sect(p.find(qn("w:pPr")), sect)
    return p


def _put_sect(ppr, sect) -> None:
    """A w:sectPr into a w:pPr at its schema place (after w:rPr, before w:pPrChange)."""
    change = ppr.find(qn("w:pPrChange"))
    if change is not None:
        change.addprevious(sect)
    else:
        ppr.append(sect)


def is_landscape(section) -> bool:
    size = section._sectPr.find(qn("w:pgSz"))
    return size is not None and size.get(qn("w:orient")) == "landscape"


def turned_number_footer(footer, number_paragraph, style: Style, number: int) -> None:
    """A landscape section's footer: an empty paragraph, off the grid and a point high, whose
    run anchors a text box with `number_paragraph` (the portrait footer's paragraph) turned
    a quarter clockwise, where the portrait footer's line lands on the turned page: across the
    portrait type area's width, the line's `w:footer` distance from the portrait page's bottom
    edge (now the left edge)."""
    from .writer import footer_distance

    page, pn = style.page, style.page_number
    p = footer.paragraphs[0]._p
    for child in list(p):
        p.remove(child)
    ppr = element("pPr")  # not end_paragraph's: LibreOffice hides a hidden mark's anchors
    p.append(ppr)
    set_child(ppr, "pStyle", val=PARAGRAPH_STYLES["blank"].style_id)
    set_child(ppr, "snapToGrid", val=False)
    set_child(ppr, "spacing", before=0, after=0, line=END, lineRule="exact")
    x = footer_distance(style) / 20 + TURNED_LINE_SHIFT
    box = anchored_text_box(number_paragraph, x, page.margin_left, pn.size, page.text_width,
                            NUMBER_BOX_ID + number, vertical=True)
    p.append(box)

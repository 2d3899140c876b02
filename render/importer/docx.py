"""A .docx → `Line`s: one per paragraph (table cells and text boxes included, in reading
order: a text box's paragraphs before those of the paragraph that anchors it), with the
evidence Word holds (style id and name, outline level, alignment, bold, fonts, colour, size,
table cell, text box, page break), the red rules drawn (a line shape, a paragraph border) and
the content the reader does not take (images, other shapes).

python-docx is used read only; the raw XML it has no API for is read here, in `docxtable.py`
(a table's grid) and in `docxshapes.py` (what a paragraph anchors), nowhere else.
"""

from __future__ import annotations

import io

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import InputError, Problem
from ..docx.styles import CHARACTER_STYLES, PARAGRAPH_STYLES
from .docxshapes import Anchored, anchored, box_paragraphs
from .pictures import Picture
from .docxtable import grid
from .evidence import reddish
from .lines import Line
from .text import TRIM

# gongwen's style names (lower case: Word writes "heading 1", LibreOffice "Heading 1") → ids
OUR_IDS = {s.name.lower(): s.style_id
           for s in [*PARAGRAPH_STYLES.values(), *CHARACTER_STYLES.values()]}
ALIGN = {"center": "center", "right": "right", "both": "justify", "distribute": "justify",
         "left": "left", "start": "left", "end": "right"}


def read_lines(data: bytes, name: str) -> list[Line]:
    try:
        document = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise InputError([Problem(name, 0, 0, f"not a readable .docx ({exc})")]) from None
    lines: list[Line] = []
    table_count = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            _read(element, document, {}, lines)
        elif tag == "tbl":
            table_count += 1
            table = Table(element, document)
            cells = grid(element)  # the whole table's grid, on each of its lines
            seen = set()  # a merged cell repeats, across columns and down rows: read once
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    for paragraph in cell.paragraphs:
                        where = {"table": table_count, "row": r + 1, "column": c + 1,
                                 "table_style": _table_style(table), "grid": cells}
                        _read(paragraph._p, document, where, lines)
    return lines


def _read(element, document, where: dict, lines: list[Line]) -> None:
    """The paragraph's lines: its text boxes' paragraphs (once each), then its own."""
    found = anchored(element)
    for content in found.boxes:
        for paragraph in box_paragraphs(content):
            _read(paragraph, document, {"text_box": True}, lines)
    lines.append(_line(Paragraph(element, document), len(lines) + 1, where, found))


def _our_id(style) -> str | None:
    """The style's id; gongwen's own id for a style that carries one of gongwen's names under
    another id (LibreOffice saves GwBody as Style50, keeping its name 公文正文, and GwHeading1
    as Heading1 named Heading 1)."""
    if style is None:
        return None
    return OUR_IDS.get((style.name or "").lower(), style.style_id) \
        if not style.style_id.startswith("Gw") \
        else style.style_id


def _table_style(table: Table) -> str | None:
    style = table._tbl.tblPr.find(qn("w:tblStyle")) if table._tbl.tblPr is not None else None
    return style.get(qn("w:val")) if style is not None else None


def _line(paragraph: Paragraph, number: int, where: dict, found: Anchored) -> Line:
    element = paragraph._p
    raw = _text(element)
    text = raw.strip(TRIM).replace("\n", "")  # a manual line break does not end a paragraph
    style = paragraph.style
    evidence = dict(where, paragraph=True)  # a whole paragraph: never joined to the next
    evidence["style"] = _our_id(style)
    evidence["style_name"] = style.name if style is not None else None
    evidence["align"] = _align(paragraph)
    level = _outline_level(element, style)
    if level is not None:
        evidence["outline_level"] = level
    runs = [r for r in paragraph.runs if r.text.strip(TRIM)]
    if runs:
        evidence["bold"] = all(_bold(r) for r in runs)
        fonts = {f for r in runs if (f := _east_asian_font(r))}
        if fonts:
            evidence["fonts"] = sorted(fonts)
        colours = {str(r.font.color.rgb) for r in runs
                   if r.font.color is not None and r.font.color.type is not None
                   and r.font.color.rgb is not None}
        if colours:
            evidence["colours"] = sorted(colours)
        sizes = {r.font.size.pt for r in runs if r.font.size is not None}
        if sizes or (sizes := _style_size(style)):
            evidence["size"] = max(sizes)
        leads = "".join(r.text for r in paragraph.runs
                        if r.style is not None and _our_id(r.style).startswith("GwLead"))
        if leads:
            evidence["lead"] = leads
    indent = element.find(qn("w:pPr") + "/" + qn("w:ind"))
    if indent is not None:  # direct indents in twips (left, right, first line)
        evidence["indent"] = {k: int(indent.get(qn(f"w:{a}")) or 0) for k, a in
                              (("left", "left"), ("right", "right"), ("first", "firstLine"))}
    depth = _depth_mark(element)
    if depth is not None:
        evidence["depth"] = depth
    if element.find(qn("w:pPr") + "/" + qn("w:framePr")) is not None:
        evidence["frame"] = True
    if any(br.get(qn("w:type")) == "page" for br in element.iter(qn("w:br"))) or \
            element.find(qn("w:pPr") + "/" + qn("w:pageBreakBefore")) is not None:
        evidence["page_break"] = True
    content = [n for n in element.iter(qn("w:t"), qn("w:br")) if n.tag == qn("w:br") or n.text]
    if content and content[-1].tag == qn("w:br") and content[-1].get(qn("w:type")) == "page":
        evidence["page_end"] = True  # the page ends after it (LibreOffice's form of a break)
    if "\n" in raw.strip(TRIM):
        evidence["line_breaks"] = raw.strip(TRIM).count("\n")
    # the 版头's red rule, drawn: the recogniser reports it
    rules = ["a drawn red line" for colour in found.lines if colour and reddish(colour)]
    if rules:
        evidence["rules"] = rules
    borders = [f"a red {side} border" for side, colour in _borders(element) if reddish(colour)]
    if borders:
        evidence["border_rules"] = borders
    images = _pictures(paragraph, found)
    if images:
        evidence["pictures"] = images
    dropped = found.others + ["image"] * (len(found.pictures) - len(images)) + \
        ["a drawn line" for colour in found.lines if not (colour and reddish(colour))]
    if dropped:
        evidence["dropped"] = dropped
    return Line(number, text, len(raw) - len(raw.lstrip(TRIM)), evidence)


def _pictures(paragraph: Paragraph, found) -> list[Picture]:
    """The paragraph's pictures with their image bytes (a missing image part: none)."""
    out = []
    for ref in found.pictures:
        part = paragraph.part.related_parts.get(ref.rel_id)
        if part is not None and hasattr(part, "blob"):
            out.append(Picture(ref.name, ref.description, part.blob, ref.extent, ref.inline))
    return out


def _depth_mark(element) -> int | None:
    """The section depth gongwen's writer marks on a paragraph that leaves a section
    (a hidden bookmark _GwDepth{depth}_{n}, render/docx/ooxml.py)."""
    for mark in element.iter(qn("w:bookmarkStart")):
        name = mark.get(qn("w:name")) or ""
        depth = name.removeprefix("_GwDepth").partition("_")[0]
        if name.startswith("_GwDepth") and depth.isdigit():
            return int(depth)
    return None


def _text(element) -> str:
    """The paragraph's text with tabs and manual line breaks, its text boxes' left out."""
    out = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if next(node.iterancestors(qn("w:p"))) is not element:  # a box's paragraph
            continue
        name = node.tag.rsplit("}", 1)[-1]
        if name == "t":
            out.append(node.text or "")
        elif name == "tab":
            if node.getparent().tag == qn("w:r"):
                out.append("\t")
        elif node.get(qn("w:type")) in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def _borders(element) -> list[tuple[str, str]]:
    """The paragraph's own top and bottom borders: (side, colour RRGGBB)."""
    borders = element.find(qn("w:pPr") + "/" + qn("w:pBdr"))
    found = []
    for side in ("top", "bottom"):
        border = borders.find(qn(f"w:{side}")) if borders is not None else None
        if border is not None and border.get(qn("w:val")) not in (None, "nil", "none"):
            found.append((side, (border.get(qn("w:color")) or "auto").upper()))
    return found


def _style_size(style) -> set[float]:
    """The font size a paragraph style (or a style it is based on) gives, if any."""
    while style is not None:
        if style.font.size is not None:
            return {style.font.size.pt}
        style = style.base_style
    return set()


def _align(paragraph: Paragraph) -> str | None:
    jc = paragraph._p.find(qn("w:pPr") + "/" + qn("w:jc"))
    style = paragraph.style
    while jc is None and style is not None:
        jc = style.element.find(qn("w:pPr") + "/" + qn("w:jc"))
        style = style.base_style
    return ALIGN.get(jc.get(qn("w:val"))) if jc is not None else None


def _outline_level(element, style) -> int | None:
    """Word's outline level, 1-based (a Heading n style or w:outlineLvl), if any."""
    found = element.find(qn("w:pPr") + "/" + qn("w:outlineLvl"))
    while found is None and style is not None:
        found = style.element.find(qn("w:pPr") + "/" + qn("w:outlineLvl"))
        if found is None and style.name and style.name.lower().startswith("heading "):
            tail = style.name.split()[-1]
            return int(tail) if tail.isdigit() else None
        style = style.base_style
    if found is None:
        return None
    value = int(found.get(qn("w:val")))
    return value + 1 if value < 9 else None


def _bold(run) -> bool:
    if run.bold is not None:
        return run.bold
    style = run.style
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return False


def _east_asian_font(run) -> str | None:
    fonts = run._r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    if fonts is not None and fonts.get(qn("w:eastAsia")):
        return fonts.get(qn("w:eastAsia"))
    return run.font.name

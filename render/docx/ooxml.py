"""The raw OOXML python-docx lacks, built in schema order in this one place.

LibreOffice silently drops `w:pPr`/`w:rPr` children that are out of schema order, so every child
we add goes through `set_child`, which knows the order (ECMA-376 Part 1, §17.3.1.26 and
§17.3.2.28) and replaces an existing child of the same name.
"""

from __future__ import annotations

import io

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..units import EMU_PER_POINT


def xml_escape(text: str, quote: bool = False) -> str:
    """`&`, `<` and `>` (and `"` when `quote`) as entities, as `xml.sax.saxutils.escape` gives
    them; that module imports urllib.request, some 20 ms of a build's start-up."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath",
)
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
_ORDERS = {"pPr": PPR_ORDER, "rPr": RPR_ORDER, "sectPr": SECTPR_ORDER}


def element(tag: str, **attrs) -> OxmlElement:
    """`element("spacing", line=579)` → <w:spacing w:line="579"/>."""
    el = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), _xml_value(value))
    return el


DEPTH_MARK = "_GwDepth"  # a hidden bookmark: "this paragraph stands N sections deep"


def depth_mark(p, depth: int, number: int) -> None:
    """Mark paragraph `p` (after its pPr) with the hidden bookmark _GwDepth{depth}_{number}:
    where a 正文 paragraph leaves the section above it, which print does not show (Word keeps
    a hidden bookmark, names starting with _, through edits and does not list it)."""
    start = element("bookmarkStart", id=number, name=f"{DEPTH_MARK}{depth}_{number}")
    end = element("bookmarkEnd", id=number)
    at = 1 if len(p) and p[0].tag == qn("w:pPr") else 0
    p.insert(at, end)
    p.insert(at, start)


def set_child(parent, tag: str, **attrs):
    """Put <w:tag attrs/> into `parent` (a pPr, rPr or sectPr) at its schema place."""
    order = _ORDERS[parent.tag.split("}")[1]]
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)
    new = element(tag, **attrs)
    later = set(order[order.index(tag) + 1 :])
    for index, child in enumerate(parent):
        if child.tag.split("}")[1] in later:
            parent.insert(index, new)
            return new
    parent.append(new)
    return new


def fonts(rpr, eastasia: str, latin: str | None):
    """rFonts naming every slot explicitly (no theme fonts): the CJK face for East Asian text
    and, for digits and Latin, `latin` or the CJK face."""
    latin = latin or eastasia
    return set_child(rpr, "rFonts", ascii=latin, hAnsi=latin, eastAsia=eastasia, cs=latin)


def page_field_runs() -> list:
    """The runs of a PAGE field: begin, instruction, separate, a placeholder result, end."""
    runs = []
    for kind, payload in (("begin", None), ("instr", " PAGE "), ("separate", None),
                          ("result", "1"), ("end", None)):
        run = element("r")
        if kind == "instr":
            text = element("instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = payload
            run.append(text)
        elif kind == "result":
            text = element("t")
            text.text = payload
            run.append(text)
        else:
            run.append(element("fldChar", fldCharType=kind))
        runs.append(run)
    return runs


def plain_table(widths: list[int], indent: int | None = None, padding: int = 0,
                look: bool = False):
    """A table of fixed column widths (twips) with no borders: centred, or `indent` twips in;
    `padding` twips left and right in each cell, none above and below; `look`: no conditional
    formats (first row, banding) for Word to apply."""
    table = element("tbl")
    props = element("tblPr")
    props.append(element("tblW", w=sum(widths), type="dxa"))
    if indent is None:
        props.append(element("jc", val="center"))
    else:
        props.append(element("tblInd", w=indent, type="dxa"))
    borders = element("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(side, val="nil"))
    props.append(borders)
    props.append(element("tblLayout", type="fixed"))
    margins = element("tblCellMar")
    for side, width in (("top", 0), ("left", padding), ("bottom", 0), ("right", padding)):
        margins.append(element(side, w=width, type="dxa"))
    props.append(margins)
    if look:
        props.append(element("tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0,
                             lastColumn=0, noHBand=1, noVBand=1))
    table.append(props)
    grid = element("tblGrid")
    for width in widths:
        grid.append(element("gridCol", w=width))
    table.append(grid)
    return table


def inline_picture(part, data: bytes, width_emu: int, height_emu: int, name: str = "",
                   description: str = ""):
    """A `w:r` holding an inline picture (`wp:inline`) of `data` at exactly that extent, the
    image added to the document `part` (once per distinct image); `name` (the image file) and
    `description` (its alt text) on the drawing."""
    inline = part.new_pic_inline(io.BytesIO(data), width_emu, height_emu)
    doc_pr = inline.find(qn("wp:docPr"))
    if name:
        doc_pr.set("name", name)
        for c_nv_pr in inline.iter(qn("pic:cNvPr")):
            c_nv_pr.set("name", name)
    if description:
        doc_pr.set("descr", description)
    run = element("r")
    drawing = element("drawing")
    drawing.append(inline)
    run.append(drawing)
    return run


def _xml_value(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)




def anchored_picture(part, data: bytes, x: float, top: float, width: float, height: float,
                     number: int, name: str, description: str = ""):
    """A run holding a picture anchored to the page (`x`, `top`, size in points), behind the
    text and not wrapping it (wp:anchor behindDoc, wrapNone): `data` becomes an image part of
    `part` (the document's). `number` is the drawing's id, unique in the document;
    `description` its alt text."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    rel_id, _ = part.get_or_add_image(io.BytesIO(data))
    cx, cy = round(width * EMU_PER_POINT), round(height * EMU_PER_POINT)
    name = xml_escape(name, quote=True)
    xml = (
        f'<w:r {nsdecls("w", "wp", "a", "pic", "r")}><w:drawing>'
        + _anchor(x, top, cx, cy, number, name, behind=True,
                  description=xml_escape(description, quote=True)) +
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
        f'</wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="{name}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/>'
        f'</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
    )
    return parse_xml(xml)


WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _anchor(x: float, top: float, cx: int, cy: int, number: int, name: str,
            behind: bool, description: str = "") -> str:
    """The opening of a wp:anchor at (`x`, `top`) points from the page's corner, `cx` × `cy`
    EMU, not wrapping the text, up to its wp:docPr (`description`, escaped: its alt text)."""
    return (
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251658240 + number}" behindDoc="{int(behind)}" locked="1" '
        f'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{round(x * EMU_PER_POINT)}'
        f'</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{round(top * EMU_PER_POINT)}'
        f'</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{number}" name="{name}"'
        + (f' descr="{description}"/>' if description else "/>")
    )


def anchored_text_box(paragraph, x: float, top: float, width: float, height: float,
                      number: int, vertical: bool = False):
    """A run holding a text box anchored to the page (`x`, `top`, size in points; no border,
    no fill, no insets, not wrapping the text) whose content is `paragraph` (a w:p); its text
    turned a quarter clockwise when `vertical` (bodyPr vert="vert": it reads down the page).
    `number` is the drawing's id, unique in the document."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from lxml import etree

    cx, cy = round(width * EMU_PER_POINT), round(height * EMU_PER_POINT)
    xml = (
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="{WPS}"><w:drawing>'
        + _anchor(x, top, cx, cy, number, f"Text Box {number}", behind=False) +
        '<wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
        f'</wps:spPr><wps:txbx><w:txbxContent/></wps:txbx>'
        f'<wps:bodyPr rot="0" vert="{"vert" if vertical else "horz"}" wrap="square" lIns="0" '
        f'tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        f'</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
    )
    run = parse_xml(xml)
    content = run.find(f".//{{{etree.QName(run).namespace}}}txbxContent")
    content.append(paragraph)
    return run

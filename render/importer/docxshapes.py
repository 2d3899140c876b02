"""What a Word paragraph anchors (DrawingML `w:drawing`, VML `w:pict`): text boxes, whose
paragraphs the reader reads as lines; drawn lines with their colour (a red one is the 版头's
rule); images and other shapes, which import does not read. An object Word writes twice, as
`mc:Choice` and the VML copy in `mc:Fallback`, is taken once (the Choice)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
V = "{urn:schemas-microsoft-com:vml}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
O = "{urn:schemas-microsoft-com:office:office}"
W_P, W_DRAWING, W_PICT, W_BOX = qn("w:p"), qn("w:drawing"), qn("w:pict"), qn("w:txbxContent")
VML_SHAPES = tuple(V + name for name in ("shape", "rect", "roundrect", "oval", "line",
                                         "polyline", "arc", "curve", "image"))
IMAGE_FILE = re.compile(r"[^\\/:*?\"<>|]+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf)", re.IGNORECASE)
VML_CONNECTOR = "#_x0000_t32"  # the shape type Word gives a VML straight connector
COLOUR_NAMES = {"red": "FF0000", "black": "000000", "blue": "0000FF", "green": "008000",
                "maroon": "800000", "white": "FFFFFF", "windowtext": "000000"}


@dataclass(frozen=True)
class PictureRef:
    """A DrawingML picture: the drawing's name and description (alt text), the relationship of
    its image part, its extent in EMU, and whether it stands in the text (wp:inline) or is
    anchored to the page (wp:anchor)."""

    name: str  # the drawing's (wp:docPr), else the picture's own (pic:cNvPr) if a file's
    description: str
    rel_id: str
    extent: tuple[int, int]
    inline: bool


@dataclass
class Anchored:
    boxes: list = field(default_factory=list)  # w:txbxContent elements, in document order
    lines: list[str | None] = field(default_factory=list)  # each drawn line's colour (RRGGBB)
    pictures: list[PictureRef] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # what is not read: "image", "drawn shape"


def anchored(p) -> Anchored:
    """The objects anchored in the paragraph `p` itself (not in a text box it holds)."""
    found = Anchored()
    for obj in p.iter(W_DRAWING, W_PICT):
        if _nearest(obj, (W_P,)) is not p or _fallback_copy(obj):
            continue
        if obj.tag == W_DRAWING:
            _drawingml(obj, found)
        else:
            _vml(obj, found)
    return found


def box_paragraphs(content) -> list:
    """A text box's paragraphs (those of a table in it too), not those of a box inside it."""
    return [p for p in content.iter(W_P) if _nearest(p, (W_BOX,)) is content]


def _nearest(element, tags: tuple):
    return next((a for a in element.iterancestors() if a.tag in tags), None)


def _fallback_copy(element) -> bool:
    """In an mc:Fallback whose mc:Choice holds the same object."""
    for ancestor in element.iterancestors():
        if ancestor.tag == MC + "Fallback":
            return ancestor.getparent().find(MC + "Choice") is not None
        if ancestor.tag == W_P:
            return False
    return False


def _own(element, obj) -> bool:
    return _nearest(element, (W_DRAWING, W_PICT)) is obj


def _drawingml(drawing, found: Anchored) -> None:
    shapes = [s for s in drawing.iter(WPS + "wsp") if _own(s, drawing)]
    pictures = [p for p in drawing.iter(PIC + "pic") if _own(p, drawing)]
    for shape in shapes:
        content = shape.find(f"{WPS}txbx/{W_BOX}")
        geometry = shape.find(f"{WPS}spPr/{A}prstGeom")
        prst = geometry.get("prst", "") if geometry is not None else ""
        if content is not None:
            found.boxes.append(content)
        elif prst == "line" or "Connector" in prst or shape.find(WPS + "cNvCnPr") is not None:
            colour = shape.find(f"{WPS}spPr/{A}ln/{A}solidFill/{A}srgbClr")
            if colour is None:
                colour = shape.find(f"{WPS}style/{A}lnRef/{A}srgbClr")
            found.lines.append((colour.get("val") or "").upper() or None
                               if colour is not None else None)
        else:
            found.others.append("drawn shape")
    for picture in pictures:
        ref = _picture(picture)
        if ref is None:
            found.others.append("image")
        else:
            found.pictures.append(ref)
    if not shapes and not pictures:
        found.others.append("drawing (a chart or other object)")


def _picture(pic) -> PictureRef | None:
    frame = _nearest(pic, (WP + "inline", WP + "anchor"))
    blip = pic.find(f".//{A}blip")
    rel_id = blip.get(R + "embed") if blip is not None else None
    if frame is None or not rel_id:
        return None
    doc_pr, extent = frame.find(WP + "docPr"), frame.find(WP + "extent")
    size = (int(extent.get("cx", 0)), int(extent.get("cy", 0))) if extent is not None else (0, 0)
    own = pic.find(f"{PIC}nvPicPr/{PIC}cNvPr")
    names = [e.get("name", "") for e in (doc_pr, own) if e is not None]
    return PictureRef(next((n for n in names if IMAGE_FILE.fullmatch(n)), names[0] if names else ""),
                      doc_pr.get("descr", "") if doc_pr is not None else "", rel_id, size,
                      frame.tag == WP + "inline")


def _vml(pict, found: Anchored) -> None:
    shapes = [s for s in pict.iter(*VML_SHAPES) if _own(s, pict)]
    for shape in shapes:
        content = shape.find(f"{V}textbox/{W_BOX}")
        if content is not None:
            found.boxes.append(content)
        elif shape.tag == V + "line" or shape.get("type") == VML_CONNECTOR or \
                shape.get(O + "connectortype"):
            found.lines.append(vml_colour(shape.get("strokecolor")))
        elif shape.tag == V + "image" or shape.find(V + "imagedata") is not None:
            found.others.append("image")
        else:
            found.others.append("drawn shape")
    if not shapes:
        found.others.append("drawing (a chart or other object)")


def vml_colour(value: str | None) -> str | None:
    """A VML colour (#FF0000, #f00, red, red [3204]) as RRGGBB; None for none or unknown."""
    if not value or not value.split():
        return None
    value = value.split()[0].lower()
    if re.fullmatch(r"#[0-9a-f]{6}", value):
        return value[1:].upper()
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        return "".join(c * 2 for c in value[1:]).upper()
    return COLOUR_NAMES.get(value)

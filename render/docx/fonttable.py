"""word/fontTable.xml: the faces the document uses, with what Word needs to substitute them.

Machines often lack the GB2312 faces (仿宋_GB2312, 楷体_GB2312) but have 仿宋 and 楷体. Word picks a
substitute from the font table: `w:altName` names the face to use instead, the GB2312 charset
(86) and a fixed pitch steer it to a Chinese face rather than a Latin or Japanese default.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ..style import Style
from .ooxml import element

CJK_CHARSET = "86"  # GB2312


def write_font_table(out, style: Style) -> None:
    part = next(r.target_part for r in out.part.rels.values() if r.reltype == RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for old in list(root):
        root.remove(old)
    faces = {}
    for font in style.fonts.values():
        faces.setdefault(font.word, font.alt)
    for name, alt in faces.items():
        root.append(_font(name, alt, CJK_CHARSET, "modern", "fixed"))
    if style.latin_font and style.latin_font not in faces:
        root.append(_font(style.latin_font, None, "00", "roman", "variable"))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font(name: str, alt: str | None, charset: str, family: str, pitch: str):
    font = element("font", name=name)
    if alt:
        font.append(element("altName", val=alt))
    font.append(element("charset", val=charset))
    font.append(element("family", val=family))
    font.append(element("pitch", val=pitch))
    return font

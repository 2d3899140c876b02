"""word/theme/theme1.xml: a theme of the document's own in place of python-docx's template one.

No run, paragraph or style of ours refers to the theme (every font is named outright, colours are
RGB), so it changes nothing Word or LibreOffice lays out. It is there because Word writes one in
every document and validators built on the Open XML SDK require it (ECMA-376 Part 1 allows a
package none), and it tells the truth where Word shows it: the theme fonts in Word's font list
are the document's own, the title face for headings (+标题) and the body face for text (+正文),
with the style's face for digits and Latin letters; the colours are the 公文's black and the style's red.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ..layout.pages import REVISION_COLORS
from ..style import Style
from .ooxml import xml_escape

NAME = "gongwen"
# The twelve colours of a theme (ECMA-376 Part 1 §20.1.4.1.9 clrScheme, in its order): text
# and background, the style's 版头 red (accent1), the colours of a review copy's insertions and
# deletions, then greys.
SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
         "accent6", "hlink", "folHlink")
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def write_theme(out, style: Style) -> None:
    """Replace the template's theme part with the document's (`theme_xml`)."""
    part = next(r.target_part for r in out.part.rels.values() if r.reltype == RT.THEME)
    part._blob = theme_xml(style)


def theme_xml(style: Style) -> bytes:
    major = style.element("title").font.word
    minor = style.element("body").font.word
    latin = style.latin_font or minor
    values = ("000000", "FFFFFF", "000000", "FFFFFF", style.element("mark").color,
              REVISION_COLORS["ins"], REVISION_COLORS["del"], "7F7F7F", "A6A6A6", "D9D9D9",
              "0000FF", "800080")
    colours = "".join(f'<a:{name}><a:srgbClr val="{value}"/></a:{name}>'
                      for name, value in zip(SLOTS, values, strict=True))
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="{{}}">{fill}</a:ln>'
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<a:theme xmlns:a="{A}" name="{NAME}"><a:themeElements>'
            f'<a:clrScheme name="{NAME}">{colours}</a:clrScheme>'
            f'<a:fontScheme name="{NAME}">{_fonts("major", latin, major)}'
            f'{_fonts("minor", latin, minor)}</a:fontScheme>'
            f'<a:fmtScheme name="{NAME}"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
            f'<a:lnStyleLst>{"".join(line.format(w) for w in (6350, 12700, 19050))}'
            '</a:lnStyleLst><a:effectStyleLst>'
            + '<a:effectStyle><a:effectLst/></a:effectStyle>' * 3 +
            f'</a:effectStyleLst><a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme>'
            '</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>'
            ).encode("utf-8")


def _fonts(kind: str, latin: str, east_asian: str) -> str:
    return (f'<a:{kind}Font><a:latin typeface="{xml_escape(latin, quote=True)}"/>'
            f'<a:ea typeface="{xml_escape(east_asian, quote=True)}"/><a:cs typeface=""/></a:{kind}Font>')

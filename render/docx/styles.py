"""Named Word styles for every element, made from the resolved style sheet.

Paragraphs in the document carry only a style name, so a user can restyle the whole document in
Word. Every style states its East Asian font; no style refers to a theme font. All paragraphs
use exact line spacing of one grid row, which Word and LibreOffice both honour on a `lines` grid
(shared/spec/gbt9704.md §2.3).
"""

from __future__ import annotations

from copy import deepcopy

from dataclasses import dataclass, replace

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from ..compose.blocks import Element as BlockElement
from ..compose.blocks import style_key
from ..style import Element, Font, Style
from ..units import twips
from .ooxml import element, fonts, set_child


@dataclass(frozen=True)
class StyleName:
    style_id: str
    name: str  # what Word's style pane shows
    alias: str = ""  # another name Word shows beside it (w:aliases)


PARAGRAPH_STYLES = {
    "body": StyleName("GwBody", "公文正文"),
    "title": StyleName("GwTitle", "公文标题"),
    "subtitle": StyleName("GwSubtitle", "公文副标题"),
    "byline": StyleName("GwByline", "标题下说明行"),
    "addressee": StyleName("GwAddressee", "主送机关"),
    "signature": StyleName("GwSignature", "发文机关署名"),
    "date": StyleName("GwDate", "成文日期"),
    "note": StyleName("GwNote", "附注"),
    "blank": StyleName("GwBlank", "空行"),
    "page_number": StyleName("GwPageNumber", "页码"),
    "copy_number": StyleName("GwCopyNumber", "份号"),
    "classification": StyleName("GwClassification", "密级和保密期限"),
    "urgency": StyleName("GwUrgency", "紧急程度"),
    "mark": StyleName("GwMark", "发文机关标志"),
    "doc_number": StyleName("GwDocNumber", "发文字号"),
    "signers": StyleName("GwSigners", "签发人"),
    "attachment_note": StyleName("GwAttachmentNote", "附件说明"),
    "attachment_label": StyleName("GwAttachmentLabel", "附件标识"),
    "attachment_title": StyleName("GwAttachmentTitle", "附件标题"),
    "signer": StyleName("GwSigner", "签发人签名章"),
    "attendance": StyleName("GwAttendance", "出席人员"),
    "imprint": StyleName("GwImprint", "版记"),
    "table_caption": StyleName("GwTableCaption", "表题"),
    "table": StyleName("GwTable", "表格文字"),
}
LEVEL_NAMES = "一二三四"
LEVELED: dict[str, tuple[BlockElement, int]] = {}  # heading and run-in styles: their level
for _level in range(1, 5):
    # Word's built-in name, the one Word's navigation pane and TOC, pandoc and mammoth key on
    # (Word itself writes it in lower case); the Chinese name is its alias.
    PARAGRAPH_STYLES[style_key(BlockElement.HEADING, _level)] = StyleName(
        f"GwHeading{_level}", f"heading {_level}", f"{LEVEL_NAMES[_level - 1]}级标题")
    PARAGRAPH_STYLES[style_key(BlockElement.RUNIN, _level)] = StyleName(
        f"GwRunIn{_level}", f"{LEVEL_NAMES[_level - 1]}级标题段落（段首标题）"
    )
    for _element in (BlockElement.HEADING, BlockElement.RUNIN):
        LEVELED[style_key(_element, _level)] = (_element, _level)
CHARACTER_STYLES = {
    level: StyleName(f"GwLead{level}", f"{LEVEL_NAMES[level - 1]}级段首标题")
    for level in range(1, 5)
}
# A character style per font role, for runs set in another face than their paragraph's
# (签发人 names in 楷体, 出席 in 黑体).
ROLE_NAMES = {"fangsong": "仿宋", "xiaobiaosong": "小标宋", "heiti": "黑体", "kaiti": "楷体",
              "songti": "宋体"}
KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}


def role_style(role: str) -> StyleName:
    return StyleName(f"GwFont{role.capitalize()}", f"{ROLE_NAMES.get(role, role)}字符")


def line_pitch_twips(style: Style) -> int:
    return round(style.grid_pitch * 20)


_DEFINED: dict[str, list] = {}  # a style sheet (its repr) → its finished w:styles children


def define_styles(document, style: Style) -> None:
    """Replace the template's styles with ours: document defaults, Normal, one style per element.
    Made once per style sheet and process, then copied (the same XML, a tenth of the time)."""
    root = document.styles.element
    key = repr(style)
    if key in _DEFINED:
        root[:] = [deepcopy(child) for child in _DEFINED[key]]
        return
    _define_styles(document, style)
    _DEFINED[key] = [deepcopy(child) for child in root]


def _define_styles(document, style: Style) -> None:
    styles = document.styles
    for existing in list(styles):
        if existing.name not in KEEP_STYLES:
            existing.delete()
    _defaults(document, style)
    body = style.element("body")
    normal = styles["Normal"]
    _paragraph_format(normal.element, style, replace(body, indent=0), line=line_pitch_twips(style))
    body_style = None
    for kind, names in PARAGRAPH_STYLES.items():  # "body" comes first: run-in styles build on it
        element, level = LEVELED.get(kind, (None, 0))
        new = _add(styles, names, WD_STYLE_TYPE.PARAGRAPH)
        new.base_style = body_style if element == BlockElement.RUNIN else normal
        body_style = body_style or new
        new.next_paragraph_style = body_style
        new.element.get_or_add_pPr()
        # A run-in paragraph is body text with no outline level of its own: with one, Word's
        # navigation pane and TOC would show the whole paragraph as the heading; Word's style
        # separator, which would show the lead alone, breaks the line after the lead in
        # LibreOffice 7.4 (measured; README, What the .docx holds).
        if kind == "blank" or element == BlockElement.RUNIN:
            continue
        if element == BlockElement.HEADING:
            _heading_style(new, style, level, body)
        elif kind == "page_number":
            _page_number_style(new, style)
        else:
            _paragraph_format(new.element, style, style.element(kind))
    for level, names in CHARACTER_STYLES.items():
        new = _add(styles, names, WD_STYLE_TYPE.CHARACTER)
        heading = style.heading(level)
        _run_format(new.element.get_or_add_rPr(), style, heading.font, heading.size, heading.bold)
    for role, font in style.fonts.items():
        new = _add(styles, role_style(role), WD_STYLE_TYPE.CHARACTER)
        fonts(new.element.get_or_add_rPr(), font.word, style.latin_font)


def _add(styles, names: StyleName, kind):
    new = styles.add_style(names.name, kind)
    new.style_id = names.style_id
    new.quick_style = True
    if names.alias:
        new.element.name.addnext(element("aliases", val=names.alias))
    return new


def _defaults(document, style: Style) -> None:
    """docDefaults: the body font in every slot, 三号, Chinese line breaking, no space after."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    body = style.element("body")
    _run_format(rpr, style, body.font, body.size, False)
    set_child(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    set_child(ppr, "spacing", before=0, after=0, line=line_pitch_twips(style), lineRule="exact")


def _run_format(rpr, style: Style, font: Font, size: float, bold: bool) -> None:
    fonts(rpr, font.word, style.latin_font)
    set_child(rpr, "b", val=bold)
    set_child(rpr, "bCs", val=bold)
    set_child(rpr, "sz", val=round(size * 2))
    set_child(rpr, "szCs", val=round(size * 2))
    set_child(rpr, "spacing", val=twips(style.tracking(size)))  # 0 overrides Normal's −5


def _paragraph_format(style_el, style: Style, element: Element, line: int | None = None) -> None:
    ppr = style_el.get_or_add_pPr()
    if line is not None:  # Normal: the grid and the line-breaking rules every style inherits
        set_child(ppr, "widowControl", val=False)
        set_child(ppr, "kinsoku", val=True)
        # Our lines push closing marks, never hang them. LibreOffice reads 1 as "do not hang";
        # Word and WPS read it, as ECMA-376 says, as "may hang" (docs/line-ends.md)
        set_child(ppr, "overflowPunct", val=True)
        set_child(ppr, "autoSpaceDE", val=style.autospace)
        set_child(ppr, "autoSpaceDN", val=style.autospace)
        set_child(ppr, "spacing", before=0, after=0, line=line, lineRule="exact")
    set_child(ppr, "ind", left=0, right=0, firstLine=twips(element.indent * element.size))
    set_child(ppr, "jc", val={"justify": "both"}.get(element.align, element.align))
    rpr = style_el.get_or_add_rPr()
    _run_format(rpr, style, element.font, element.size, element.bold)
    if element.color != "000000":
        set_child(rpr, "color", val=element.color)


def _heading_style(new, style: Style, level: int, body: Element) -> None:
    heading = style.heading(level)
    ppr = new.element.pPr
    set_child(ppr, "keepNext")
    set_child(ppr, "ind", left=0, right=0, firstLine=twips(body.indent * heading.size))
    set_child(ppr, "jc", val="both")
    set_child(ppr, "outlineLvl", val=level - 1)
    _run_format(new.element.get_or_add_rPr(), style, heading.font, heading.size, heading.bold)


def _page_number_style(new, style: Style) -> None:
    """页码: half-width digits in the page number face, on a line of its own size, off the grid."""
    pn = style.page_number
    ppr = new.element.pPr
    set_child(ppr, "snapToGrid", val=False)
    set_child(ppr, "spacing", before=0, after=0, line=twips(pn.size), lineRule="exact")
    set_child(ppr, "ind", left=0, right=0, firstLine=0)
    rpr = new.element.get_or_add_rPr()
    fonts(rpr, pn.font.word, None)
    set_child(rpr, "sz", val=round(pn.size * 2))
    set_child(rpr, "szCs", val=round(pn.size * 2))
    set_child(rpr, "spacing", val=0)

"""`gongwen import FILE.docx` reads a 版头 laid out the way people do it in Word and WPS: the
mark and the 发文字号 in text boxes (Word 2010+ with its VML copy, or VML only), the red rule
drawn as a line shape or as a paragraph border, a red mark without 文件, 签发人 aligned by tabs
or spaces, a joint mark typed as a borderless table. The files are built from raw XML as Word
writes it (python-docx gives the package, the body is replaced)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from render import outline
from render.cli import main
from render.importer import import_file

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}
RED = "FF0000"
DRAWN = "the 版头's red rule, drawn (the style prints it)"


def word_file(path: Path, body: str) -> Path:
    """A .docx whose body is `body` (w:p and w:tbl elements as Word writes them)."""
    document = docx.Document()
    root = document.element.body
    section = root[-1]  # w:sectPr stays last
    for child in list(root)[:-1]:
        root.remove(child)
    names = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
    for element in parse_xml(f"<w:body {names}>{body}</w:body>"):
        section.addprevious(element)
    document.save(path)
    return path


def run(text: str, colour: str | None = None, size: int | None = None,
        font: str | None = None, bold: bool = False) -> str:
    props = (f'<w:rFonts w:hint="eastAsia" w:eastAsia="{font}"/>' if font else "") + \
        ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "") + \
        (f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>' if size else "")
    parts = text.split("\t")
    texts = '<w:tab/>'.join(f'<w:t xml:space="preserve">{t}</w:t>' for t in parts)
    return f"<w:r><w:rPr>{props}</w:rPr>{texts}</w:r>"


def para(text: str = "", center: bool = False, anchored: str = "", border: str | None = None,
         **fmt) -> str:
    """A paragraph: `anchored` runs (text boxes, shapes) first, as Word puts them."""
    props = (f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="1" w:color="{border}"/>'
             "</w:pBdr>" if border else "") + ('<w:jc w:val="center"/>' if center else "")
    return f"<w:p><w:pPr>{props}</w:pPr>{anchored}{run(text, **fmt) if text else ''}</w:p>"


def word_shape(number: int, cx: int, cy: int, kind: str, prst: str, look: str, content: str,
               fallback: str) -> str:
    """A run holding a wps:wsp (cx × cy EMU, `kind` its non-visual properties, `prst` its
    geometry, `look` its fill and outline, `content` after its properties) anchored to its
    paragraph as Word 2010+ writes it: the shape in mc:Choice, its VML copy `fallback` in
    mc:Fallback."""
    shape = (f'<wps:wsp>{kind}<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
             f'</a:xfrm><a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom>{look}</wps:spPr>'
             f'{content}</wps:wsp>')
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
            f'relativeHeight="{251659264 + number}" behindDoc="0" locked="0" layoutInCell="1" '
            f'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin">'
            f'<wp:align>center</wp:align></wp:positionH><wp:positionV relativeFrom="paragraph">'
            f'<wp:posOffset>{number * 100000}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:wrapNone/><wp:docPr id="{number}" name="Shape {number}"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'{shape}</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>')


def vml_box(content: str, number: int) -> str:
    """A text box as VML (Word 2007, WPS; Word 2010+ writes it as the mc:Fallback copy)."""
    return (f'<w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
            'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
            '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
            f'<v:shape id="Text Box {number}" o:spid="_x0000_s10{number:02d}" type="#_x0000_t202" '
            'style="position:absolute;margin-left:0;margin-top:0;width:441pt;height:63pt;'
            'z-index:251659264;mso-position-horizontal:center" stroked="f">'
            f'<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox>'
            '<w10:wrap anchorx="margin"/></v:shape></w:pict>')


def word_box(content: str, number: int) -> str:
    """A text box as Word 2010+ writes it: wps:wsp in mc:Choice, the VML copy in mc:Fallback."""
    return word_shape(
        number, 5600700, 800100, '<wps:cNvSpPr txBox="1"/>', "rect",
        '<a:noFill/><a:ln w="6350"><a:noFill/></a:ln>',
        f'<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" '
        'rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>',
        vml_box(content, number))


def vml_line(colour: str, number: int) -> str:
    return (f'<w:pict><v:line id="Line {number}" o:spid="_x0000_s10{number:02d}" '
            'style="position:absolute;z-index:251661312" from="0,10pt" to="442.2pt,10pt" '
            f'strokecolor="{colour}" strokeweight="1.5pt"><v:stroke joinstyle="miter"/>'
            '</v:line></w:pict>')


def word_line(colour: str, number: int, connector: bool = True) -> str:
    """A straight line as Word 2010+ writes it: a connector (插入 → 形状 → 直线), or a shape of
    geometry `line` (as other editors write it)."""
    return word_shape(
        number, 5615940, 0, "<wps:cNvCnPr/>" if connector else "<wps:cNvSpPr/>", "line",
        f'<a:ln w="19050"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln>',
        '<wps:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef>'
        '<a:fillRef idx="0"><a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="0">'
        '<a:schemeClr val="accent1"/></a:effectRef><a:fontRef idx="minor">'
        '<a:schemeClr val="tx1"/></a:fontRef></wps:style><wps:bodyPr/>',
        vml_line("#" + colour.lower(), number))


def joint_table(names: list[str], suffix: str) -> str:
    """The joint mark typed as a borderless table: a red name a row, the suffix merged down
    the right column."""
    rows = []
    for i, name in enumerate(names):
        merge = '<w:vMerge w:val="restart"/>' if i == 0 else "<w:vMerge/>"
        right = para(suffix, center=True, colour=RED, size=42, font="方正小标宋简体") if i == 0 \
            else "<w:p/>"
        rows.append(
            f'<w:tr><w:tc><w:tcPr><w:tcW w:w="6500" w:type="dxa"/></w:tcPr>'
            f'{para(name, center=True, colour=RED, size=42, font="方正小标宋简体")}</w:tc>'
            f'<w:tc><w:tcPr><w:tcW w:w="2300" w:type="dxa"/>{merge}<w:vAlign w:val="center"/>'
            f'</w:tcPr>{right}</w:tc></w:tr>')
    borders = "".join(f'<w:{s} w:val="nil"/>' for s in
                      ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="8800" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>'
            f'<w:gridCol w:w="6500"/><w:gridCol w:w="2300"/></w:tblGrid>{"".join(rows)}</w:tbl>')


def mark(text: str, font: str = "方正小标宋简体", **fmt) -> str:
    return para(text, center=True, colour=RED, font=font, **fmt)


TAIL = "".join([
    para("关于开展2024年度企业技术中心认定工作的通知", center=True, font="方正小标宋简体", size=22),
    para("各区、市工业和信息化主管部门："),
    para("为推动企业技术创新，现将有关事项通知如下。"),
    para("青岛市工业和信息化局"),
    para("2024年3月1日"),
])
TITLE = ["关于开展2024年度企业技术中心认定工作的通知"]


def imported(tmp_path: Path, body: str):
    """(document, report) of the file; its outline written by the command passes fmt --check."""
    path = word_file(tmp_path / "layout.docx", body)
    out = tmp_path / "layout.yaml"
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert main(["fmt", "--check", str(out)]) == 0
    return import_file(path)


def rules_and_unrecognised(report) -> tuple[list[tuple[str, str]], list]:
    rules = [(e.text, e.why) for e in report.dropped if "red rule" in e.why]
    return rules, [e for e in report.dropped if e.why.startswith("not recognised")]


def test_word_text_boxes_hold_the_mark_and_the_number(tmp_path):
    """Word 2010+: each box once (its VML copy skipped), before the paragraph anchoring it; the
    connector in red is the rule."""
    boxes = word_box(mark("青 岛 市 工 业 和 信 息 化 局 文 件", size=36), 1) + \
        word_box(para("青工信发〔2024〕5号", center=True, size=16), 2)
    document, report = imported(tmp_path, para(anchored=boxes) +
                                para(anchored=word_line(RED, 3)) + TAIL)
    header = document.header
    assert (header.issuers, header.mark_suffix) == (["青岛市工业和信息化局"], "文件")
    assert (header.doc_number, header.signers) == ("青工信发〔2024〕5号", [])
    assert document.title == TITLE
    assert document.body == [outline.Paragraph("为推动企业技术创新，现将有关事项通知如下。")]
    assert document.issuers == ["青岛市工业和信息化局"] and document.date == dt.date(2024, 3, 1)
    rules, unrecognised = rules_and_unrecognised(report)
    assert rules == [("a drawn red line", DRAWN)] and not unrecognised
    assert not [e for e in report.dropped if e.text and "red rule" not in e.why]
    boxed = [e.line for e in report.decisions if "in a text box" in e.why]
    assert boxed == [1, 2]  # the boxes' lines come first, once each


def test_vml_boxes_a_mark_without_wenjian_and_a_border_rule(tmp_path):
    """WPS / Word 2007 (VML only): a large red mark without 文件 is the mark with suffix ""
    because the 发文字号 follows; 签发人 set off by tabs; the rule a red bottom border."""
    boxes = vml_box(mark("中共青岛市委办公厅", size=26), 1) + \
        vml_box(para("青办发〔2023〕12号\t\t签发人：张三", size=16), 2)
    document, report = imported(tmp_path, para(anchored=f"<w:r>{boxes}</w:r>") +
                                para(border=RED) + TAIL)
    header = document.header
    assert (header.issuers, header.mark_suffix) == (["中共青岛市委办公厅"], "")
    assert (header.doc_number, header.signers) == ("青办发〔2023〕12号", ["张三"])
    assert document.title == TITLE
    rules, unrecognised = rules_and_unrecognised(report)
    assert rules == [("a red bottom border", DRAWN)] and not unrecognised
    assert any("without 文件" in e.why for e in report.decisions)


@pytest.mark.parametrize("size, font, bold", [(26, "仿宋_GB2312", False),
                                              (16, "方正小标宋简体", False), (16, "宋体", True)])
def test_a_bare_red_mark_is_the_mark_when_the_rule_follows(tmp_path, size, font, bold):
    """No 发文字号: the red rule under a centred red line set large (≥ 20 pt, or 小标宋, or bold
    宋体) makes it the mark."""
    document, report = imported(tmp_path, mark("中共青岛市委办公厅", size=size, font=font, bold=bold)
                                + para(anchored=f"<w:r>{vml_line('red', 1)}</w:r>") + TAIL)
    assert (document.header.issuers, document.header.mark_suffix) == (["中共青岛市委办公厅"], "")
    assert document.header.doc_number is None
    assert document.title == TITLE
    rules, unrecognised = rules_and_unrecognised(report)
    assert rules == [("a drawn red line", DRAWN)] and not unrecognised


@pytest.mark.parametrize("font", ["仿宋_GB2312", "宋体"])
def test_a_red_line_of_body_size_is_not_a_mark(tmp_path, font):
    """A centred red line in the body's size, not bold, in 仿宋 or 宋体 is not taken for a mark,
    rule or not."""
    document, report = imported(tmp_path, mark("中共青岛市委办公厅", size=16, font=font) +
                                para(border=RED) + TAIL)
    assert document.header is None
    assert document.title == TITLE  # the line above it: dropped, and reported
    assert [e.text for e in report.dropped if e.why.startswith("before the title")] == \
        ["中共青岛市委办公厅"]


def test_a_bare_red_line_without_number_or_rule_stays_text(tmp_path):
    """Neither a 发文字号 nor a rule under it: a large red line is not taken for a mark."""
    document, report = imported(tmp_path, mark("中共青岛市委办公厅", size=26) + TAIL)
    assert document.header is None
    assert document.title == TITLE  # the line above it: dropped, and reported
    assert [e.text for e in report.dropped if e.why.startswith("before the title")] == \
        ["中共青岛市委办公厅"]


def test_a_joint_mark_typed_as_a_table(tmp_path):
    """Red names a row, 文件 merged down the right; 签发人 set off by spaces; a VML red line."""
    names = ["青岛市工业和信息化局", "青岛市财政局", "青岛市科学技术局"]
    number = para("青工信发〔2024〕8号" + "\u3000" * 6 + "签发人：张三　李四", size=16)
    document, report = imported(tmp_path, joint_table(names, "文件") + number +
                                para(anchored=f"<w:r>{vml_line('#FF0000', 1)}</w:r>") + TAIL)
    header = document.header
    assert (header.issuers, header.mark_suffix) == (names, "文件")
    assert (header.doc_number, header.signers) == ("青工信发〔2024〕8号", ["张三", "李四"])
    assert document.title == TITLE
    assert document.body == [outline.Paragraph("为推动企业技术创新，现将有关事项通知如下。")]
    rules, unrecognised = rules_and_unrecognised(report)
    assert rules == [("a drawn red line", DRAWN)] and not unrecognised
    assert any("joint 发文机关标志" in e.why for e in report.decisions)


def test_a_red_border_under_the_number_is_the_rule(tmp_path):
    """The rule as the 发文字号 paragraph's bottom border is reported; a red border under a body
    paragraph is formatting, not the rule (the paragraph is read)."""
    body = (mark("青岛市工业和信息化局文件", size=26) +
            para("青工信发〔2024〕5号", center=True, border=RED) +
            TAIL.replace(para("为推动企业技术创新，现将有关事项通知如下。"),
                         para("为推动企业技术创新，现将有关事项通知如下。", border=RED)))
    document, report = imported(tmp_path, body)
    assert document.header.doc_number == "青工信发〔2024〕5号"
    assert document.body == [outline.Paragraph("为推动企业技术创新，现将有关事项通知如下。")]
    assert [(e.line, e.text, e.why) for e in report.dropped if e.text] == [
        (2, "a red bottom border", DRAWN)]


def test_boxes_in_the_body_are_read_as_paragraphs(tmp_path):
    """A text box anchored in the body is a paragraph before its anchor, never lost; a black
    line drawn there is listed as dropped, not as the rule."""
    box = word_box(para("本通知自印发之日起施行。"), 4)
    body = (mark("青岛市工业和信息化局文件", size=26) + para("青工信发〔2024〕5号", center=True) +
            TAIL.replace("<w:p><w:pPr></w:pPr><w:r><w:rPr></w:rPr><w:t xml:space=\"preserve\">"
                         "青岛市工业和信息化局",
                         f"<w:p><w:pPr></w:pPr>{box}{word_line('000000', 5, connector=False)}"
                         "<w:r><w:rPr></w:rPr><w:t xml:space=\"preserve\">青岛市工业和信息化局"))
    assert box in body  # the box is anchored in the 署名's paragraph
    document, report = imported(tmp_path, body)
    assert document.header.issuers == ["青岛市工业和信息化局"]
    assert document.body == [outline.Paragraph("为推动企业技术创新，现将有关事项通知如下。"),
                             outline.Paragraph("本通知自印发之日起施行。")]
    assert document.issuers == ["青岛市工业和信息化局"]
    assert [(e.text, e.why) for e in report.dropped if e.text] == [
        ("a drawn line", "not read (import takes text only)")]


def test_odd_shapes_are_reported_not_raised(tmp_path):
    """A line whose colour has no value, a VML line of blank colour, an empty text box and a
    drawing of another kind (a chart): each listed as not read, nothing raised."""
    odd = (word_line(RED, 6).replace(f'<a:srgbClr val="{RED}"/>', "<a:srgbClr/>") +
           f"<w:r>{vml_line(' ', 9)}</w:r>" + word_box("", 7) +
           '<w:r><w:drawing><wp:inline><wp:extent cx="10" cy="10"/><wp:docPr id="8" name="Chart 8"/>'
           '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/>'
           '</a:graphic></wp:inline></w:drawing></w:r>')
    body = mark("青岛市工业和信息化局文件") + para("青工信发〔2024〕5号", center=True) + \
        para(anchored=odd) + TAIL
    document, report = imported(tmp_path, body)
    assert document.header.doc_number == "青工信发〔2024〕5号" and document.title == TITLE
    assert [(e.text, e.why) for e in report.dropped if e.text] == [
        ("drawing (a chart or other object)", "not read (import takes text only)"),
        ("a drawn line", "not read (import takes text only)"),
        ("a drawn line", "not read (import takes text only)")]

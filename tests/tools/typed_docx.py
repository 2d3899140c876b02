"""A .docx as a person types a 公文 in Word or WPS, for the import tests.

The package is written part by part here — not from python-docx's template, not by gongwen's
writer — with the habits that hand-made files show: direct formatting on every run, typed
heading numbers (also the variants 一. and (一)), first-line indents typed as two full-width
spaces, runs split mid-word (as revision ids split them), a title broken by a manual line
break, 签发人 after a tab, the 发文机关标志 in a red paragraph, a text box or a table of joint
issuers, the red rule as a paragraph border, a drawn line or a row of dashes, the 署名 pushed
right by spaces, attachments after a page break, the 版记 as a table. Which habits a file has
is a `Habits`; the text is an outline's, so the import can be compared with it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from render import outline
from render.numbering import label

BODY_FONT, TITLE_FONT, MARK_FONT = "仿宋_GB2312", "方正小标宋简体", "方正小标宋简体"
HEADING_FONTS = {1: ("黑体", False), 2: ("楷体_GB2312", False), 3: (BODY_FONT, True),
                 4: (BODY_FONT, False)}
RED = "FF0000"
INDENT = "\u3000\u3000"  # two full-width spaces, as typed for a first-line indent

NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:w10="urn:schemas-microsoft-com:office:word" '
      'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'mc:Ignorable="w14 wp14"')


@dataclass(frozen=True)
class Habits:
    """How the person typed the document."""

    app: str = "Microsoft Office Word"  # docProps/app.xml's Application
    mark: str = "paragraph"  # the 发文机关标志: paragraph | text_box | table (joint issuers)
    rule: str = "border"  # the red rule: border | shape | dashes
    title: str = "paragraphs"  # a long title: paragraphs | break (one paragraph, a manual break)
    numbers: tuple[str, ...] = ("{cn}、", "（{cn}）", "{n}.", "（{n}）")
    headings: str = "font"  # font (黑体, 楷体 …) | style (Word's heading styles) | plain
    indent: str = "ind"  # first-line indents: ind (w:ind) | spaces (typed 　　)
    signature: str = "right"  # 署名 and date: right (right-aligned, indented) | spaces
    split_runs: int = 0  # split runs after this many characters (0: never)
    signer_tab: bool = False  # the 发文字号 left, a tab, then 签发人 (upward documents)
    label_numbers: bool = False  # 附件1 rather than 附件 over a single attachment


def typed_docx(document: outline.Document, habits: Habits) -> bytes:
    """The .docx package as bytes."""
    body = _Body(habits)
    _header(document, habits, body)
    for i, line in enumerate(_title_lines(document.title)):
        body.title(line, i, habits)
    body.blank()
    if document.addressee:
        body.para([(document.addressee + "：", BODY_FONT, 16, False)], indent=False)
    _blocks(document.body, body, habits)
    _closing(document, habits, body)
    for n, attachment in enumerate(document.attachments, 1):
        _attachment(attachment, n, len(document.attachments), body, habits)
    _imprint(document.imprint, body)
    return _package(body.xml(), habits)


def _title_lines(title: list[str]) -> list[str]:
    """A one-line title longer than a line is typed in two, as people break it."""
    if len(title) == 1 and len(title[0]) > 26:
        cut = title[0].find("关于") if "关于" in title[0][4:] else len(title[0]) // 2
        cut = cut if 4 <= cut <= len(title[0]) - 4 else len(title[0]) // 2
        return [title[0][:cut], title[0][cut:]]
    return list(title)


def _header(document: outline.Document, habits: Habits, body: _Body) -> None:
    header = document.header
    if header is None:
        return
    if header.copy_number:
        body.para([(header.copy_number.zfill(6), "黑体", 16, False)], indent=False)
    if header.classification:
        period = f"★{header.classification.period}" if header.classification.period else ""
        body.para([(header.classification.level + period, "黑体", 16, False)], indent=False)
    if header.urgency:
        body.para([(header.urgency, "黑体", 16, False)], indent=False)
    issuers = header.issuers or document.issuers
    suffix = "文件" if header.mark_suffix is None else header.mark_suffix
    if document.style == "letter":
        suffix = ""
    if issuers:
        if habits.mark == "table" and len(issuers) > 1:
            body.joint_mark(issuers, suffix)
        elif habits.mark == "text_box":
            body.mark_box("".join(issuers) + suffix)
        else:
            body.para([("".join(issuers) + suffix, MARK_FONT, 36, False, RED)], jc="center",
                      indent=False)
    body.blank()
    if header.doc_number or header.signers:
        number = header.doc_number or ""
        if header.signers and habits.signer_tab:
            body.para([(number, BODY_FONT, 16, False), ("\t", BODY_FONT, 16, False),
                       ("签发人：", BODY_FONT, 16, False),
                       ("　".join(header.signers), "楷体_GB2312", 16, False)], indent=False)
        else:
            body.para([(number, BODY_FONT, 16, False)], jc="center", indent=False)
            if header.signers:
                body.para([("签发人：" + "　".join(header.signers), BODY_FONT, 16, False)],
                          jc="right", indent=False)
    body.rule(habits.rule)
    body.blank()


def _blocks(blocks: list, body: _Body, habits: Habits) -> None:
    for visit in outline.walk(blocks):
        block = visit.block
        if isinstance(block, outline.Paragraph):
            body.para([(block.text, BODY_FONT, 16, False)])
        elif isinstance(block, outline.Section):
            level = min(visit.depth, 4)
            number = label(habits.numbers[level - 1], visit.numbers[-1])
            font, bold = HEADING_FONTS[level]
            if block.runin:
                runs = [(number + block.heading, font, 16, bold)]
                if block.text:
                    runs.append((block.text, BODY_FONT, 16, False))
                body.para(runs)
            else:
                style = level if habits.headings == "style" else None
                plain = habits.headings == "plain"
                body.para([(number + block.heading, BODY_FONT if plain else font, 16,
                            bold and not plain)], heading=style)
        else:
            raise ValueError(f"typed_docx has no habit for {type(block).__name__}")


def _closing(document: outline.Document, habits: Habits, body: _Body) -> None:
    attachments = document.attachments
    if attachments:
        body.blank()
        if len(attachments) == 1:
            body.para([("附件：" + "".join(attachments[0].title), BODY_FONT, 16, False)])
        else:
            for n, attachment in enumerate(attachments, 1):
                lead = "附件：" if n == 1 else "　　　"
                body.para([(f"{lead}{n}．" + "".join(attachment.title), BODY_FONT, 16, False)])
    if document.date:
        body.blank()
        body.blank()
        lines = [*document.issuers, _date(document.date)]
        width = max(len(t) for t in lines)
        for text in lines:
            if habits.signature == "spaces":
                body.para([("　" * (28 - 4 - width) + text, BODY_FONT, 16, False)],
                          indent=False)
            else:
                body.para([(text, BODY_FONT, 16, False)], jc="right", right=640, indent=False)
    if document.note:
        body.para([(f"（{document.note}）", BODY_FONT, 16, False)])


def _attachment(attachment: outline.Attachment, n: int, count: int, body: _Body,
                habits: Habits) -> None:
    name = f"附件{n}" if count > 1 or habits.label_numbers else "附件"
    body.para([(name, "黑体", 16, False)], indent=False, page_break=True)
    body.blank()
    for i, line in enumerate(_title_lines(attachment.title)):
        body.title(line, i, habits)
    body.blank()
    _blocks(attachment.body, body, habits)


def _imprint(imprint: outline.Imprint | None, body: _Body) -> None:
    if imprint is None:
        return
    rows = []
    if imprint.cc:
        rows.append(("抄送：" + "，".join(imprint.cc) + "。", ""))
    if imprint.printer or imprint.date:
        rows.append((imprint.printer or "", _date(imprint.date) + "印发" if imprint.date else ""))
    body.imprint_table(rows)


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class _Body:
    """document.xml's body, paragraph by paragraph."""

    def __init__(self, habits: Habits):
        self.habits = habits
        self.parts: list[str] = []
        self.ids = 0

    def _id(self) -> str:
        self.ids += 1
        return f"{0x1A2B3C00 + self.ids:08X}"

    def _runs(self, runs) -> str:
        out = []
        for text, font, size, bold, *colour in runs:
            pieces = [text]
            step = self.habits.split_runs
            if step and len(text) > step:
                pieces = [text[i:i + step] for i in range(0, len(text), step)]
            for piece in pieces:
                props = (f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"'
                         + (' w:hint="eastAsia"' if "WPS" in self.habits.app else "") + "/>"
                         + ("<w:b/>" if bold else "")
                         + (f'<w:color w:val="{colour[0]}"/>' if colour else "")
                         + f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>')
                content = "<w:tab/>" if piece == "\t" else \
                    f'<w:t xml:space="preserve">{escape(piece)}</w:t>'
                out.append(f'<w:r w:rsidRPr="00{self._id()[-6:]}"><w:rPr>{props}</w:rPr>'
                           f"{content}</w:r>")
        return "".join(out)

    def para(self, runs, jc=None, indent=True, right=0, heading=None, page_break=False,
             border=None, extra="") -> None:
        ppr = ""
        if heading:
            ppr += f'<w:pStyle w:val="{self._heading_style(heading)}"/>'
        if page_break:
            ppr += "<w:pageBreakBefore/>"
        if border:
            ppr += (f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="1" '
                    f'w:color="{border}"/></w:pBdr>')
        ppr += '<w:spacing w:line="560" w:lineRule="exact"/>'
        if indent and self.habits.indent == "spaces" and runs:
            text, *rest = runs[0]
            runs = [(INDENT + text, *rest), *runs[1:]]
        elif indent:
            ppr += '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
        elif right:
            ppr += f'<w:ind w:right="{right}"/>'
        if jc:
            ppr += f'<w:jc w:val="{jc}"/>'
        self.parts.append(f'<w:p w14:paraId="{self._id()}" w14:textId="77777777" '
                          f'w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3"><w:pPr>{ppr}</w:pPr>'
                          f"{extra}{self._runs(runs)}</w:p>")

    def _heading_style(self, level: int) -> str:
        return str(level + 1) if "WPS" in self.habits.app else f"Heading{level}"

    def blank(self) -> None:
        self.para([], indent=False)

    def title(self, line: str, index: int, habits: Habits) -> None:
        if habits.title == "break" and index > 0:  # the line goes into the title paragraph
            last = self.parts.pop()
            br = '<w:r><w:br/></w:r>' + self._runs([(line, TITLE_FONT, 22, False)])
            self.parts.append(last.replace("</w:p>", br + "</w:p>"))
            return
        self.para([(line, TITLE_FONT, 22, False)], jc="center", indent=False)

    def rule(self, how: str) -> None:
        if how == "border":
            self.para([], indent=False, border=RED)
        elif how == "dashes":
            self.para([("—" * 24, BODY_FONT, 16, False, RED)], jc="center", indent=False)
        else:
            self.para([], indent=False, extra=_line_shape(self._id()))

    def mark_box(self, text: str) -> None:
        inner = (f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
                 f'{self._runs([(text, MARK_FONT, 36, False, RED)])}</w:p>')
        self.para([], indent=False, extra=_text_box(inner, self._id()))

    def joint_mark(self, issuers: list[str], suffix: str) -> None:
        rows = []
        for i, name in enumerate(issuers):
            merge = '<w:vMerge w:val="restart"/>' if i == 0 else "<w:vMerge/>"
            words = self._runs([(suffix, MARK_FONT, 36, False, RED)]) if i == 0 else ""
            rows.append(
                "<w:tr>" + _cell(6800, '<w:jc w:val="distribute"/>',
                                 self._runs([(name, MARK_FONT, 30, False, RED)]))
                + _cell(2000, '<w:jc w:val="center"/>', words, merge) + "</w:tr>")
        self.parts.append('<w:tbl><w:tblPr><w:tblW w:w="8800" w:type="dxa"/><w:jc '
                          'w:val="center"/><w:tblBorders/></w:tblPr><w:tblGrid><w:gridCol '
                          'w:w="6800"/><w:gridCol w:w="2000"/></w:tblGrid>'
                          + "".join(rows) + "</w:tbl>")

    def imprint_table(self, rows: list[tuple[str, str]]) -> None:
        line = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        borders = "<w:tblBorders>" + line.format("top") + line.format("bottom") + \
            line.format("insideH") + "</w:tblBorders>"
        xml = []
        for left, right in rows:
            cells = _cell(6000, "", self._runs([(left, BODY_FONT, 14, False)])) + \
                _cell(2846, '<w:jc w:val="right"/>', self._runs([(right, BODY_FONT, 14, False)]))
            xml.append(f"<w:tr>{cells}</w:tr>")
        self.parts.append(f'<w:tbl><w:tblPr><w:tblW w:w="8846" w:type="dxa"/>{borders}'
                          '</w:tblPr><w:tblGrid><w:gridCol w:w="6000"/><w:gridCol w:w="2846"/>'
                          "</w:tblGrid>" + "".join(xml) + "</w:tbl>")

    def xml(self) -> str:
        section = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" '
                   'w:right="1474" w:bottom="1984" w:left="1588" w:header="851" '
                   'w:footer="992" w:gutter="0"/><w:docGrid w:type="linesAndChars" '
                   'w:linePitch="579" w:charSpace="-842"/></w:sectPr>')
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}>'
                f"<w:body>{''.join(self.parts)}{section}</w:body></w:document>")


def _cell(width: int, jc: str, runs: str, merge: str = "") -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}<w:vAlign '
            f'w:val="center"/></w:tcPr><w:p><w:pPr>{jc}</w:pPr>{runs}</w:p></w:tc>')


def _anchor(shape_id: str, graphic: str, height: int) -> str:
    """A floating shape as Word 2010+ writes one (wp:anchor), behind no text."""
    return ('<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
            'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" '
            'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin">'
            '<wp:align>center</wp:align></wp:positionH><wp:positionV relativeFrom="paragraph">'
            f'<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="5615940" '
            f'cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
            f'<wp:docPr id="{int(shape_id, 16) % 10000}" name="Shape {shape_id}"/>'
            '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"{graphic}</a:graphicData></a:graphic></wp:anchor>")


def _text_box(paragraphs: str, shape_id: str) -> str:
    """A text box: the DrawingML shape and Word's VML copy of it for older readers."""
    shape = ('<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
             '<a:ext cx="5615940" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
             '</a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx>'
             f"<w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>")
    fallback = ('<w:pict><v:shape id="TextBox' + shape_id + '" type="#_x0000_t202" '
                'style="position:absolute;width:442.2pt;height:72pt" filled="f" '
                'stroked="f"><v:textbox><w:txbxContent>' + paragraphs
                + "</w:txbxContent></v:textbox></v:shape></w:pict>")
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            + _anchor(shape_id, shape, 914400) + "</w:drawing></mc:Choice><mc:Fallback>"
            + fallback + "</mc:Fallback></mc:AlternateContent></w:r>")


def _line_shape(shape_id: str) -> str:
    """The red rule as a drawn straight line, 2.25 pt."""
    shape = ('<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext '
             'cx="5615940" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
             '<a:ln w="28575"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln>'
             "</wps:spPr><wps:bodyPr/></wps:wsp>")
    fallback = ('<w:pict><v:line id="Line' + shape_id + '" style="position:absolute" '
                'from="0,0" to="442.2pt,0" strokecolor="red" strokeweight="2.25pt"/></w:pict>')
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            + _anchor(shape_id, shape, 0) + "</w:drawing></mc:Choice><mc:Fallback>"
            + fallback + "</mc:Fallback></mc:AlternateContent></w:r>")


def _styles(habits: Habits) -> str:
    wps = "WPS" in habits.app
    headings = []
    for level, (font, bold) in HEADING_FONTS.items():
        style_id = str(level + 1) if wps else f"Heading{level}"
        headings.append(
            f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="heading '
            f'{level}"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr>'
            f'<w:keepNext/><w:outlineLvl w:val="{level - 1}"/></w:pPr><w:rPr><w:rFonts '
            f'w:eastAsia="{font}"/>{"<w:b/>" if bold else ""}<w:sz w:val="32"/></w:rPr>'
            "</w:style>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" '
            'w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:kern '
            'w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/><w:lang w:val="en-US" '
            'w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/>'
            '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name '
            f'w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc '
            'w:val="both"/></w:pPr></w:style>' + "".join(headings) + "</w:styles>")


def _package(document_xml: str, habits: Habits) -> bytes:
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
            'Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
            'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'styles+xml"/><Override PartName="/docProps/app.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2"'
            ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'extended-properties" Target="docProps/app.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/></Relationships>'),
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http'
            '://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>{escape(habits.app)}</Application></Properties>"),
        "word/styles.xml": _styles(habits),
        "word/document.xml": document_xml,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            package.writestr(info, text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()

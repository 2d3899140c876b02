"""Tables in `gongwen import FILE.docx`: a table typed in Word (python-docx builds it with
widths, w:jc, w:gridSpan, w:vMerge, a caption paragraph, a landscape section) comes back with
its caption, column widths and alignment, spans, font size and landscape; text a hand-made
file leaves under a merge is kept. (gongwen's own tables round-trip in test_import_docx.py.)"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from render import outline
from render.pipeline import Options, load, render
from render.cli import main
from render.importer import import_file
from render.tableload import width_of

CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _para(document, text, align=None, bold=False):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.add_run(text).bold = bold
    return paragraph


def _table(document, rows, widths=None, aligns=None, size=None, header_repeats=False):
    """A table of `rows` (None: a cell left empty), grid widths in twips, each column's
    paragraph alignment in the data rows (header rows centred and bold), run size in points."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for c, width in enumerate(widths or ()):
        table.columns[c].width = Twips(width)
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            paragraph = table.cell(r, c).paragraphs[0]
            if text is None:
                continue
            run = paragraph.add_run(text)
            if size:
                run.font.size = Pt(size)
            if r == 0:
                run.bold = True
                paragraph.alignment = CENTER
            elif aligns and aligns[c]:
                paragraph.alignment = aligns[c]
    if header_repeats:
        table.rows[0]._tr.get_or_add_trPr().append(
            table.rows[0]._tr.makeelement(qn("w:tblHeader"), {}))
    return table


def _typed(path: Path) -> Path:
    document = docx.Document()
    _para(document, "关于报送2023年企业统计数据的通知", CENTER, bold=True)
    _para(document, "各有关单位：")
    _para(document, "现将统计结果列表如下。")
    _para(document, "表1　2023年各区企业情况", bold=True)  # bold, left: a caption, not a heading
    first = _table(document, [["地区", "类别", "企业数", "产值（亿元）"],
                              ["市南区", "重工业", "12", "3.5"],
                              [None, "轻工业", "8", "2.1"],
                              ["合计", None, "20", "5.6"]],
                   widths=[1500, 1500, 2000, 5000], aligns=[None, CENTER, RIGHT, RIGHT],
                   size=12, header_repeats=True)
    first.cell(1, 0).merge(first.cell(2, 0))  # 市南区 over two rows
    first.cell(3, 0).merge(first.cell(3, 1))  # 合计 over two columns
    first.cell(2, 3).paragraphs[0].alignment = CENTER  # one cell set otherwise
    below = first.rows[2]._tr.tc_lst[0]  # the cell 市南区 runs over: typed into by hand
    below.p_lst[0].add_r().text = "（含开发区）"
    _para(document, "请各单位核对。")
    _para(document, "各区企业名单", CENTER)  # short and centred: a caption
    _table(document, [["序号", "企业名称", "所在区"], ["1", "青岛海川机械有限公司", "市南区"],
                      ["2", "青岛蓝谷新材料有限公司", "黄岛区"]],
           aligns=[CENTER, None, CENTER])
    _para(document, "各区、市分行业指标见下表。")  # a sentence: stays a paragraph
    document.add_section()
    landscape = document.sections[-1]
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = landscape.page_height, landscape.page_width
    _table(document, [["区、市", "增速（%）"], ["市南区", "8.5"]], widths=[3000, 9000],
           aligns=[None, RIGHT], size=10.5)
    document.add_section()
    portrait = document.sections[-1]
    portrait.orientation = WD_ORIENT.PORTRAIT
    portrait.page_width, portrait.page_height = portrait.page_height, portrait.page_width
    _para(document, "青岛市统计局", RIGHT)
    _para(document, "2024年3月1日", RIGHT)
    document.save(path)
    return path


def _cells(rows):
    return [[(c.text, c.colspan, c.rowspan, c.align) for c in row] for row in rows]


def test_a_typed_tables_caption_widths_alignment_and_spans_are_read(tmp_path):
    document, report = import_file(_typed(tmp_path / "tables.docx"))
    first, roster, wide = [b for b in document.body if isinstance(b, outline.Table)]
    assert first.caption == "表1　2023年各区企业情况"
    assert [c.width for c in first.columns] == ["15%", "15%", "20%", None]  # the widest: the rest
    assert [c.align for c in first.columns] == ["left", "center", "right", "right"]
    assert _cells(first.header) == [[("地区", 1, 1, "center"), ("类别", 1, 1, None),
                                     ("企业数", 1, 1, "center"), ("产值（亿元）", 1, 1, "center")]]
    assert _cells(first.rows) == [
        [("市南区（含开发区）", 1, 2, None), ("重工业", 1, 1, None), ("12", 1, 1, None),
         ("3.5", 1, 1, None)],
        [("轻工业", 1, 1, None), ("8", 1, 1, None), ("2.1", 1, 1, "center")],
        [("合计", 2, 1, None), ("20", 1, 1, None), ("5.6", 1, 1, None)]]
    assert first.font_size == "小四" and not first.landscape
    assert any("（含开发区）" in e.why and "merged-over cell (row 3, column 1)" in e.why
               for e in report.decisions)

    assert roster.caption == "各区企业名单"
    assert [c.width for c in roster.columns] == [None, None, None]  # equal: equal shares
    assert [c.align for c in roster.columns] == ["center", "left", "center"]
    assert [c.text for c in roster.header[0]] == ["序号", "企业名称", "所在区"]
    assert [[c.text for c in row] for row in roster.rows] == [
        ["1", "青岛海川机械有限公司", "市南区"], ["2", "青岛蓝谷新材料有限公司", "黄岛区"]]

    assert wide.caption is None and wide.landscape
    assert [c.width for c in wide.columns] == ["25%", None]
    assert wide.font_size is None  # 五号 is no table size: the report says so
    assert any("10.5 pt" in e.why for e in report.decisions)

    paragraphs = [b.text for b in document.body if isinstance(b, outline.Paragraph)]
    assert paragraphs == ["现将统计结果列表如下。", "请各单位核对。", "各区、市分行业指标见下表。"]
    assert not [b for b in document.body if isinstance(b, outline.Section)]
    assert document.issuers == ["青岛市统计局"]
    assert not [e for e in report.dropped if e.text]
    assert not [e for e in report.decisions if "not recognised" in e.why]


def test_an_imported_typed_table_renders_and_comes_back(tmp_path, capsys):
    """The imported outline is canonical and renders; its .docx imports back to the same
    tables (widths then read as the fractions our writer set)."""
    out = tmp_path / "tables.yaml"
    assert main(["import", str(_typed(tmp_path / "tables.docx")), "-o", str(out)]) == 0
    assert main(["fmt", "--check", str(out)]) == 0  # widths, spans and sizes load, canonical
    source = load(out)
    again = tmp_path / "again.docx"
    again.write_bytes(render(source, Options(formats=("docx",)))["docx"])
    result, report = import_file(again)

    def tables(document):
        return [(t.caption, [(width_of(c.width) if c.width else None, c.align)
                             for c in t.columns], t.header, t.rows, t.font_size, t.landscape)
                for t in document.body if isinstance(t, outline.Table)]

    assert tables(result) == tables(source.document)
    assert not [e for e in report.dropped if e.text]


def test_text_under_a_legacy_merge_in_a_nested_table_and_a_short_row_are_kept(tmp_path):
    """Word 97's w:hMerge: the cells it runs over are one cell, text left in them is its; a
    table nested in a cell gives its text to the cell; a row with a cell missing is filled
    out with an empty cell (the outline's rows fill the columns)."""
    document = docx.Document()
    _para(document, "关于报送数据的通知", CENTER)
    _para(document, "现将数据列表如下。")
    table = _table(document, [["项目", "甲", "乙"], ["合计", "附注", "9"], ["小计", "3", "6"]])
    first, second = table.rows[1]._tr.tc_lst[:2]
    for tc, val in ((first, "restart"), (second, None)):
        merge = tc.get_or_add_tcPr().makeelement(qn("w:hMerge"), {qn("w:val"): val} if val else {})
        tc.get_or_add_tcPr().append(merge)
    nested = table.cell(0, 2).add_table(rows=1, cols=1)
    nested.cell(0, 0).paragraphs[0].add_run("（万元）").bold = True
    short = table.rows[2]._tr
    short.remove(short.tc_lst[-1])
    _para(document, "青岛市统计局", RIGHT)
    _para(document, "2024年3月1日", RIGHT)
    path = tmp_path / "merges.docx"
    document.save(path)
    result, report = import_file(path)
    (table,) = [b for b in result.body if isinstance(b, outline.Table)]
    assert [c.text for c in table.header[0]] == ["项目", "甲", "乙（万元）"]
    assert _cells(table.rows) == [[("合计附注", 2, 1, None), ("9", 1, 1, None)],
                                  [("小计", 1, 1, None), ("3", 1, 1, None), ("", 1, 1, None)]]
    assert any("'附注'" in e.why for e in report.decisions)
    assert not [e for e in report.dropped if e.text]

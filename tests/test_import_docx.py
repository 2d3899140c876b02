"""`gongwen import FILE.docx`: gongwen's own .docx back to its outline (round trip), a .docx
typed by a person in Word (direct formatting, typed numbers, spaces for alignment), and the
report of what the reader does not take."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from render import outline
from render.pipeline import Options, load, render
from render.cli import main
from render.fmt import format_document
from render.importer import import_file
from render.importer.pictures import named_images
from render.style import load_style
from render.tableload import grid_of

ROOT = Path(__file__).resolve().parent.parent
# Every outline in source/: its .docx imports back equal (after `printed` below).
ROUND_TRIP = sorted(p.relative_to(ROOT / "source").as_posix()
                    for p in (ROOT / "source").rglob("*.yaml") if "volumes" not in p.parts)


def printed(document: outline.Document) -> outline.Document:
    """The outline less what prints the same either way: `header.issuers` equal to `issuers`,
    a `mark_suffix` equal to the style's or the default, the 份号's leading zeros; a table's
    CSV rows written inline, a cell's `align` equal to its column's (`inline_tables`)."""
    header = document.header
    if header is not None:
        suffix = load_style(document.style, ROOT).mark_suffix
        header = dataclasses.replace(
            header,
            issuers=[] if header.issuers == document.issuers else header.issuers,
            mark_suffix=None if header.mark_suffix in (suffix, "文件") else header.mark_suffix,
            copy_number=str(int(header.copy_number)) if header.copy_number else None)
        if dataclasses.replace(header, mark_suffix="文件") == outline.Header():
            header = None
    return dataclasses.replace(document, header=header, body=inline_tables(document.body),
                               attachments=[dataclasses.replace(a, body=inline_tables(a.body))
                                            for a in document.attachments])


def inline_tables(blocks: list) -> list:
    """Blocks with each table's `source:` rows inline and cell alignments that repeat their
    column's left out: a .docx holds the rows and each cell's alignment, not where they came
    from."""
    out = []
    for block in blocks:
        if isinstance(block, outline.Section):
            block = dataclasses.replace(block, body=inline_tables(block.body))
        elif isinstance(block, outline.Table):
            aligns = [c.align for c in block.columns]

            def plain(rows):
                places, _ = grid_of(rows, len(aligns))
                return [[dataclasses.replace(c, align=None if c.align == aligns[k] else c.align)
                         for c, k in zip(row, columns)] for row, columns in zip(rows, places)]

            block = dataclasses.replace(block, header=plain(block.header),
                                        rows=plain(block.body_rows), source=None, data=[])
        out.append(block)
    return out


def built(tmp_path: Path, name: str) -> Path:
    source = load(ROOT / "source" / name)
    out = render(source, Options(formats=("docx",)))
    path = tmp_path / (Path(name).stem + ".docx")
    path.write_bytes(out["docx"])
    return path


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_our_docx_imports_back_to_its_outline(tmp_path, name):
    expected = load(ROOT / "source" / name).document
    document, report = import_file(built(tmp_path, name))
    assert format_document(printed(document)) == format_document(printed(expected))
    assert not [e for e in report.dropped if e.text]
    assert [(n, data) for n, data, _ in named_images(document)] == \
        [(n, data) for n, data, _ in named_images(expected)]  # figures', seals' bytes too


def typed_in_word(path: Path, image: Path | None = None) -> Path:
    """A 通知 as a person types it in Word: direct formatting only, typed numbers, spaces."""
    document = docx.Document()

    def para(text, align=None, bold=False, font=None, size=16, colour=None):
        paragraph = document.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
        if font:
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if colour:
            run.font.color.rgb = colour
        return paragraph

    center = WD_ALIGN_PARAGRAPH.CENTER
    para("关于开展2024年度", center, True, "方正小标宋简体", 22)
    para("企业技术中心认定工作的通知", center, True, "方正小标宋简体", 22)
    para("")
    para("各区、市工业和信息化主管部门：")
    para("　　为推动企业技术创新，现将有关事项通知如下。")
    para("一、申报条件", font="黑体")
    para("　　申报企业应在本市注册，具有独立法人资格。")
    para("二. 申报材料", font="黑体")
    para("（一）申报书。按附件格式填写。", font="楷体")
    para("（二）证明材料。包括营业执照复印件")  # no sentence end: still its own paragraph
    para("　　各区、市要认真组织，按时报送。")
    if image is not None:
        document.add_paragraph().add_run().add_picture(str(image))
    para("                    青岛市工业和信息化局", WD_ALIGN_PARAGRAPH.RIGHT)
    para("2024年3月1日", WD_ALIGN_PARAGRAPH.RIGHT)
    para("抄送：市财政局，市科技局。")
    document.save(path)
    return path


def test_a_docx_typed_by_a_person_is_recognised(tmp_path):
    document, report = import_file(typed_in_word(tmp_path / "typed.docx"))
    assert document.title == ["关于开展2024年度", "企业技术中心认定工作的通知"]
    assert document.addressee == "各区、市工业和信息化主管部门"
    assert document.issuers == ["青岛市工业和信息化局"]
    assert document.date == dt.date(2024, 3, 1)
    assert document.imprint.cc == ["市财政局", "市科技局"]
    first, second = (b for b in document.body if isinstance(b, outline.Section))
    assert (first.heading, second.heading) == ("申报条件", "申报材料")  # numbers stripped
    assert [(s.heading, s.runin) for s in second.body] == [("申报书。", True),
                                                           ("证明材料。", True)]
    assert second.body[1].text == "包括营业执照复印件"
    assert any("typed '二.'" in e.why for e in report.decisions)
    assert not [e for e in report.dropped if e.text]


def test_a_picture_alone_in_its_paragraph_is_a_figure_and_beside_text_is_dropped(tmp_path):
    image = ROOT / "source" / "examples" / "figure-chart.png"
    path = typed_in_word(tmp_path / "typed.docx", image)
    document, report = import_file(path)
    figures = [v.block for v in outline.walk(document.body)
               if isinstance(v.block, outline.Figure)]
    assert len(figures) == 1 and figures[0].data == image.read_bytes()
    assert figures[0].image == "figure-chart.png" and figures[0].pixels == (600, 360)
    assert not [e for e in report.dropped if e.text]

    beside = docx.Document(str(path))
    beside.paragraphs[4].add_run().add_picture(str(image))  # in a paragraph of text
    beside.save(str(path))
    _, report = import_file(path)
    entries = json.loads(report.as_json())["dropped"]
    assert [(e["line"], e["why"]) for e in entries if e["text"].startswith("image")] == \
        [(5, "not read (a figure is a picture in a paragraph of its own)")]


def test_import_writes_the_images_beside_the_outline(tmp_path, capsys):
    """-o OUT writes each figure's and seal's image beside OUT under the name the outline
    gives; a name taken by other bytes becomes name-2; stdout mode lists what it did not
    write."""
    path = built(tmp_path, "examples/notice-joint-sealed.yaml")
    out = tmp_path / "out"
    out.mkdir()
    (out / "seal-b.png").write_bytes(b"not this seal")
    assert main(["import", str(path), "-o", str(out / "notice.yaml")]) == 0
    seals = ROOT / "source" / "examples"
    assert (out / "seal-a.png").read_bytes() == (seals / "seal-a.png").read_bytes()
    assert (out / "seal-b-2.png").read_bytes() == (seals / "seal-b.png").read_bytes()
    assert (out / "seal-b.png").read_bytes() == b"not this seal"
    text = (out / "notice.yaml").read_text(encoding="utf-8")
    assert "- seal-a.png" in text and "- seal-b-2.png" in text and "diameter: 42mm" in text
    assert main(["build", "-q", "-o", str(tmp_path / "again"), str(out / "notice.yaml")]) == 0
    capsys.readouterr()
    assert main(["import", str(path)]) == 0
    assert "2 image files named in the outline are not written (seal-a.png, seal-b.png)" in \
        capsys.readouterr().err


def test_cli_imports_a_docx(tmp_path, capsys):
    source = built(tmp_path, "examples/notice-full.yaml")
    out = tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(out), "--report", "json"]) == 0
    assert main(["fmt", "--check", str(out)]) == 0
    data = json.loads(capsys.readouterr().err)
    assert any(e["why"].startswith("seal: seal") for e in data["decisions"])


def test_a_docx_built_with_a_project_style_sheet_imports_from_elsewhere(tmp_path, capsys,
                                                                        monkeypatch):
    """The style sheet is looked up from the .docx's folder upward, as build looks it up from
    the outline's; import run from another folder still finds it (it used to fail)."""
    project = tmp_path / "project"
    (project / "styles").mkdir(parents=True)
    (project / "styles" / "mine.yaml").write_text("extends: material\n", encoding="utf-8")
    (project / "note.yaml").write_text("style: mine\ntitle: 说明\nbody:\n  - 正文一段。\n",
                                       encoding="utf-8")
    assert main(["build", "-q", "--format", "docx", "-o", str(project / "out"),
                 str(project / "note.yaml")]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["import", str(project / "out" / "note.docx")]) == 0
    assert "style: mine" in capsys.readouterr().out.splitlines()
    document, _ = import_file(project / "out" / "note.docx")
    assert document.style == "mine"


def test_a_figure_whose_style_sheet_is_nowhere_is_sized_by_the_default_and_reported(tmp_path):
    """A .docx moved away from its project's styles/: its figures are sized against the default
    sheet's type area, and the report says so, rather than the import failing."""
    from PIL import Image

    project = tmp_path / "project"
    (project / "styles").mkdir(parents=True)
    (project / "styles" / "mine.yaml").write_text("extends: material\n", encoding="utf-8")
    Image.new("RGB", (600, 360), "white").save(project / "chart.png", dpi=(150, 150))
    (project / "note.yaml").write_text(
        "style: mine\ntitle: 说明\nbody:\n  - 正文一段。\n  - figure:\n      image: chart.png\n"
        "      width: 0.5\n", encoding="utf-8")
    assert main(["build", "-q", "--format", "docx", "-o", str(project / "out"),
                 str(project / "note.yaml")]) == 0
    moved = tmp_path / "note.docx"
    moved.write_bytes((project / "out" / "note.docx").read_bytes())
    document, report = import_file(moved)
    assert document.style == "mine"
    assert [b.width for b in document.body if isinstance(b, outline.Figure)] == [0.5]
    assert any("style sheet 'mine' not found" in n for n in report.notes)


def test_a_broken_docx_is_an_input_error(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert main(["import", str(bad)]) == 2
    assert "not a readable .docx" in capsys.readouterr().err


def test_diff_imports_docx_sides(tmp_path, capsys):
    """Two .docx versions received back are compared as outlines: the one changed word."""
    from render.cli import main as cli

    root = Path(__file__).resolve().parent.parent
    text = (root / "source/examples/notice-full.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("择优确定培育名单", "择优确定入选名单"), encoding="utf-8")
    for name, source in (("old", root / "source/examples/notice-full.yaml"), ("new", changed)):
        assert cli(["build", "-q", "--format", "docx", "-o", str(tmp_path / name), str(source)]) == 0
    old = tmp_path / "old" / "notice-full.docx"
    new = tmp_path / "new" / "changed.docx"
    assert cli(["diff", "--color", "never", str(old), str(new)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "二、第1段 修改段: …将组织专家评审，择优确定[-培育-]{+入选+}名单（格式见附件2），并…"]


def _word_para(document, text, style=None, align=None, bold=False, font=None, colour=None):
    """A paragraph as Word types it: a built-in style or direct formatting on one run."""
    paragraph = document.add_paragraph(style=style)
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold = bold or None
    if font:
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if colour:
        run.font.color.rgb = colour
    return paragraph


def test_headings_without_numbers_are_read_from_word_evidence(tmp_path):
    """Word's Heading styles and outline levels, and short 黑体 / 楷体 / bold lines without end
    punctuation, are headings of their level; typed numbers are still stripped."""
    document = docx.Document()
    center = WD_ALIGN_PARAGRAPH.CENTER
    _word_para(document, "关于加强安全生产工作的通知", align=center, font="方正小标宋简体")
    _word_para(document, "各有关单位：")
    _word_para(document, "为做好安全生产工作，现通知如下。")
    _word_para(document, "总体要求", style="Heading 1")
    _word_para(document, "坚持安全第一、预防为主。")
    _word_para(document, "（一）压实责任", style="Heading 2")  # typed number in a Heading style
    _word_para(document, "各单位主要负责人是第一责任人。")
    _word_para(document, "重点任务", font="黑体")
    _word_para(document, "排查隐患", font="楷体_GB2312")
    _word_para(document, "全面排查重点行业领域隐患。", bold=True)  # a bold sentence: a paragraph
    _word_para(document, "建立台账", bold=True)
    _word_para(document, "逐项登记，限期整改。")
    outlined = _word_para(document, "保障措施")
    outlined._p.get_or_add_pPr().append(outlined._p.makeelement(qn("w:outlineLvl"),
                                                                 {qn("w:val"): "0"}))
    _word_para(document, "加强督查检查。")
    _word_para(document, "青岛市应急管理局", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _word_para(document, "2024年3月1日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    path = tmp_path / "evidence.docx"
    document.save(path)

    result, report = import_file(path)

    def tree(blocks):
        return [(b.heading, tree(b.body)) if isinstance(b, outline.Section) else b.text
                for b in blocks]

    assert tree(result.body) == [
        "为做好安全生产工作，现通知如下。",
        ("总体要求", ["坚持安全第一、预防为主。",
                      ("压实责任", ["各单位主要负责人是第一责任人。"])]),
        ("重点任务", [("排查隐患", ["全面排查重点行业领域隐患。",
                                    ("建立台账", ["逐项登记，限期整改。"])])]),
        ("保障措施", ["加强督查检查。"]),
    ]
    whys = {e.text: e.why for e in report.decisions}
    assert "Heading 1" in whys["总体要求"] and "黑体" in whys["重点任务"]
    assert "outline level 1" in whys["保障措施"] and "楷体" in whys["排查隐患"]
    assert "bold" in whys["建立台账"]
    assert result.issuers == ["青岛市应急管理局"]
    assert not [e for e in report.dropped if e.text]


def _headed(path: Path, mark: str, colour, number: str | None, rule: bool = True) -> Path:
    """A 通知 whose 版头 is typed in Word: the mark spread with spaces in red, centred; the
    发文字号 under it; the red rule typed as a row of dashes."""
    document = docx.Document()
    center = WD_ALIGN_PARAGRAPH.CENTER
    _word_para(document, mark, align=center, font="方正小标宋简体", colour=colour)
    _word_para(document, "")
    if number:
        _word_para(document, number, align=center)
    if rule:
        _word_para(document, "—" * 20, align=center, colour=colour)
    _word_para(document, "关于加强安全生产工作的通知", align=center, font="方正小标宋简体")
    _word_para(document, "各有关单位：")
    _word_para(document, "现将有关事项通知如下。")
    _word_para(document, "青岛市应急管理局", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _word_para(document, "2024年3月1日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    document.save(path)
    return path


def test_a_red_centred_mark_and_the_number_under_it_are_the_header(tmp_path):
    red = RGBColor(0xFF, 0x00, 0x00)
    path = _headed(tmp_path / "headed.docx", "青 岛 市 应 急 管 理 局 文 件", red,
                   "青应急发〔2024〕5号")
    document, report = import_file(path)
    assert document.header.issuers == ["青岛市应急管理局"]
    assert document.header.mark_suffix == "文件"
    assert document.header.doc_number == "青应急发〔2024〕5号"
    assert document.title == ["关于加强安全生产工作的通知"]
    assert document.style == "gbt9704"
    assert any("centred red line" in e.why for e in report.decisions)
    assert [e.why for e in report.dropped if e.text.startswith("——")] == [
        "the 版头's red rule, typed as characters (the style prints it)"]
    assert not [e for e in report.dropped if e.text and not e.text.startswith("——")]


def test_a_red_mark_without_a_number_is_still_the_header(tmp_path):
    """The evidence stands for the 发文字号 the text path needs: a dark red (C00000) mark."""
    path = _headed(tmp_path / "headed.docx", "青岛市应急管理局文件", RGBColor(0xC0, 0, 0), None)
    document, _ = import_file(path)
    assert document.header.issuers == ["青岛市应急管理局"]
    assert document.header.doc_number is None
    assert document.title == ["关于加强安全生产工作的通知"]


def test_a_black_mark_without_a_number_stays_text(tmp_path):
    """No colour and no 发文字号: as in plain text, the line is not read as a 版头; it stands
    before the title, so it is dropped, and reported."""
    path = _headed(tmp_path / "headed.docx", "青岛市应急管理局文件", None, None, rule=False)
    document, report = import_file(path)
    assert document.header is None
    assert document.title == ["关于加强安全生产工作的通知"]
    assert [e.text for e in report.dropped if e.why.startswith("before the title")] == \
        ["青岛市应急管理局文件"]


def test_a_word_table_in_the_body_is_an_outline_table(tmp_path, capsys):
    """Header row by bold (or w:tblHeader), cells' text, gridSpan → colspan, vMerge → rowspan."""
    document = docx.Document()
    _word_para(document, "关于报送统计数据的通知", align=WD_ALIGN_PARAGRAPH.CENTER)
    _word_para(document, "各有关单位：")
    _word_para(document, "现将统计结果列表如下。")
    table = document.add_table(rows=4, cols=3)
    for c, text in enumerate(["地区", "企业数", "产值"]):
        table.cell(0, c).paragraphs[0].add_run(text).bold = True
    for r, values in enumerate([["市南区", "12", "3.5"], ["", "8", "2.1"], ["合计", "", "5.6"]], 1):
        for c, text in enumerate(values):
            if text:
                table.cell(r, c).paragraphs[0].add_run(text)
    table.cell(1, 0).merge(table.cell(2, 0))  # 市南区 over two rows
    table.cell(3, 0).merge(table.cell(3, 1))  # 合计 over two columns
    _word_para(document, "请各单位核对。")
    plain = document.add_table(rows=2, cols=2)  # a repeated header row, not bold
    plain.rows[0]._tr.get_or_add_trPr().append(
        plain.rows[0]._tr.makeelement(qn("w:tblHeader"), {}))
    for (r, c), text in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["项目", "说明", "甲", "乙"]):
        plain.cell(r, c).paragraphs[0].add_run(text)
    _word_para(document, "青岛市统计局", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _word_para(document, "2024年3月1日", align=WD_ALIGN_PARAGRAPH.RIGHT)
    path = tmp_path / "table.docx"
    document.save(path)

    result, report = import_file(path)
    tables = [b for b in result.body if isinstance(b, outline.Table)]
    assert len(tables) == 2
    first, second = tables

    def cells(rows):
        return [[(c.text, c.colspan, c.rowspan) for c in row] for row in rows]

    assert len(first.columns) == 3
    assert cells(first.header) == [[("地区", 1, 1), ("企业数", 1, 1), ("产值", 1, 1)]]
    assert cells(first.rows) == [[("市南区", 1, 2), ("12", 1, 1), ("3.5", 1, 1)],
                                 [("8", 1, 1), ("2.1", 1, 1)],
                                 [("合计", 2, 1), ("5.6", 1, 1)]]
    assert cells(second.header) == [[("项目", 1, 1), ("说明", 1, 1)]]
    assert cells(second.rows) == [[("甲", 1, 1), ("乙", 1, 1)]]
    assert [b.text for b in result.body if isinstance(b, outline.Paragraph)] == [
        "现将统计结果列表如下。", "请各单位核对。"]
    assert result.issuers == ["青岛市统计局"]
    assert not [e for e in report.dropped if e.text]
    out = tmp_path / "table.yaml"
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert main(["fmt", "--check", str(out)]) == 0  # spans valid, canonical


@pytest.mark.parametrize("name", ["qingdao-miit-2022-summary.yaml",
                                  "corpus/jinghai-2020-fazhi-baogao.yaml"])
def test_the_byline_imports_as_the_publication(tmp_path, name):
    """A web document's byline (来源 …　发布日期 …) comes back as `publication:` source and date;
    its title and body come back equal. (What the .docx does not print — the page's own title,
    its address, an issuer without a 署名 — cannot come back.)"""
    expected = load(ROOT / "source" / name).document
    document, _ = import_file(built(tmp_path, name))
    assert (document.publication.source, document.publication.date) == \
        (expected.publication.source, expected.publication.date)
    assert document.title == expected.title and document.body == expected.body


NESTED = """\
title: 关于开展安全生产检查的通知
issuers: [青岛市工业和信息化局]
date: 2023-03-01
addressee: 各区、市工业和信息化主管部门
body:
  - 为做好安全生产工作，现将有关事项通知如下。
  - heading: 检查范围
    body:
      - heading: 重点企业
        body: [全市规模以上工业企业。]
      - heading: 其他企业
        body: [其他企业参照执行。]
      - 以上企业均应自查。
  - heading: 工作要求
    body: [各单位要高度重视。]
  - 感谢各单位的支持。
"""


def test_a_paragraph_that_leaves_its_section_comes_back_at_its_depth(tmp_path):
    """Print does not show where a section ends; the writer marks each 正文 paragraph that
    leaves the section above it (a hidden bookmark with its depth), and import reads it."""
    outline_path = tmp_path / "nested.yaml"
    outline_path.write_text(NESTED, encoding="utf-8")
    source = load(outline_path)
    path = tmp_path / "nested.docx"
    path.write_bytes(render(source, Options(formats=("docx",)))["docx"])
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    marks = re.findall(r'w:name="_GwDepth(\d)_\d+"', xml)
    assert marks == ["1", "0"]  # 以上企业… back in 一、; 感谢… back at the top
    document, _ = import_file(path)
    assert format_document(printed(document)) == format_document(printed(source.document))


def test_what_the_page_does_not_print_is_in_the_files_properties(tmp_path):
    """docProps/custom.xml holds the style and the unprinted statements; what the pages print
    wins over it (a date edited in Word stays the edited one)."""
    path = built(tmp_path, "corpus/jinghai-2020-fazhi-baogao.yaml")
    package = zipfile.ZipFile(path)
    custom = package.read("docProps/custom.xml").decode()
    assert 'name="gongwen:style"><vt:lpwstr>material<' in custom
    assert "gongwen:publication.url" in custom
    assert "custom-properties" in package.read("_rels/.rels").decode()
    assert "/docProps/custom.xml" in package.read("[Content_Types].xml").decode()

    edited = built(tmp_path, "examples/letter.yaml")
    expected = load(ROOT / "source/examples/letter.yaml").document
    day = expected.date
    shown = f"{day.year}年{day.month}月{day.day}日"
    parts = {i.filename: zipfile.ZipFile(edited).read(i.filename)
             for i in zipfile.ZipFile(edited).infolist()}
    xml = parts["word/document.xml"].decode()
    assert shown in xml
    parts["word/document.xml"] = xml.replace(shown, "2024年1月2日").encode()
    with zipfile.ZipFile(edited, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    document, _ = import_file(edited)
    assert document.date == dt.date(2024, 1, 2)


@pytest.mark.slow
def test_our_docx_saved_again_by_libreoffice_imports_back_to_its_outline(tmp_path):
    """A colleague opens gongwen's .docx in LibreOffice and saves it: LibreOffice renames the
    styles (GwBody → Style50, the name 公文正文 kept), moves a page break to the end of the
    paragraph before, nudges a table column by a twip and renames the pictures. Every outline
    in source/ still imports back equal."""
    from conftest import soffice

    office = soffice()
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed; tests/run.sh installs it")
    ours = tmp_path / "ours"
    ours.mkdir()
    paths = {name: built(ours, name) for name in ROUND_TRIP}
    assert len(set(p.name for p in paths.values())) == len(paths)
    saved = tmp_path / "saved"
    subprocess.run([office, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved),
                    *map(str, paths.values())], check=True, capture_output=True, timeout=900)
    for name, path in paths.items():
        again = saved / path.name
        assert b"GwBody" not in zipfile.ZipFile(again).read("word/styles.xml"), name
        expected = load(ROOT / "source" / name).document
        document, report = import_file(again)
        assert format_document(printed(document)) == format_document(printed(expected)), name
        assert [data for _, data, _ in named_images(document)] == \
            [data for _, data, _ in named_images(expected)], name

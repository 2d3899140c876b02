"""Style sheets: `extends:`, overrides that reach both the model and the .docx, and errors."""

from __future__ import annotations

import pytest
from docx_text import NS, W, part

from conftest import build
from render.cli import main
from render.errors import InputError
from render.style import load_style

MM = 72 / 25.4

# A local variant in ten lines: other margins, centred page numbers, bold level-2 headings.
PROVINCE = """\
name: 某省公文格式
extends: gbt9704
page:
  margin_left: 27mm
  margin_right: 27mm
headings:
  2: {bold: true}
page_number:
  placement: center
"""


def test_material_extends_the_standard():
    material = load_style("material")
    standard = load_style("gbt9704")
    assert material.page == standard.page
    assert (material.lines, material.chars) == (22, 28)
    assert material.element("byline").show and not standard.element("byline").show
    assert material.heading(1).font.word == "黑体"
    assert abs(material.line_pitch - 225 * MM / 22) < 1e-9


@pytest.mark.parametrize("sheet, letterhead, suffix", [
    ("extends: gbt9704\n", True, "文件"),
    ("extends: letter\n", True, ""),  # a 函's mark is the name alone
    ("extends: minutes\n", True, "纪要"),
    ("extends: order\n", True, "令"),
    ("extends: material\n", False, "文件"),
    ("extends: material\nletterhead: true\nmark_suffix: 通报\n", True, "通报"),
    ("extends: gbt9704\nletterhead: false\n", False, "文件"),
])
def test_letterhead_and_mark_suffix_are_inherited_and_overridden(tmp_path, sheet, letterhead,
                                                                 suffix):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "s.yaml").write_text(sheet, encoding="utf-8")
    style = load_style("s", tmp_path)
    assert (style.letterhead, style.mark_suffix) == (letterhead, suffix)


def test_a_province_variant_in_ten_lines(tmp_path):
    assert len(PROVINCE.splitlines()) <= 10
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "province.yaml").write_text(PROVINCE, encoding="utf-8")
    style = load_style("province", tmp_path)
    assert style.heading(2).bold and not style.heading(1).bold
    assert style.page.margin_top == pytest.approx(37 * MM)
    source = tmp_path / "doc.yaml"
    source.write_text("style: province\ntitle: 测试\nissuers: [某局]\nbody:\n  - heading: 一级\n"
                      "    body:\n"
                      "      - lead: 二级。\n        text: 正文。\n", encoding="utf-8")
    docx = build(source, tmp_path / "out")
    sect = part(docx, "word/document.xml").find("w:body/w:sectPr", NS)
    assert sect.find("w:pgMar", NS).get(f"{{{W}}}left") == str(round(27 * MM * 20))
    styles = part(docx, "word/styles.xml")
    lead = styles.find("w:style[@w:styleId='GwLead2']", NS)
    assert lead.find("w:rPr/w:b", NS).get(f"{{{W}}}val") == "1"
    settings = part(docx, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is None
    footers = [n for n in ("word/footer1.xml",)]
    assert part(docx, footers[0]).find("w:p/w:pPr/w:jc", NS).get(f"{{{W}}}val") == "center"


@pytest.mark.parametrize(
    "text, message",
    [
        ("extends: gbt9704\npage:\n  margin_lft: 2mm\n", "3:3: page.margin_lft: unknown key; did you mean 'margin_left'?"),
        ("extends: gbt9704\npage:\n  margin_left: 28\n", "3:16: page.margin_left: expected a length with a unit"),
        ("extends: gbt9704\nelements:\n  title: {size: 大号}\n", "3:17: elements.title.size: expected a 字号"),
        ("extends: gbt9704\nheadings:\n  5: {bold: true}\n", "3:3: headings: levels are 1 to 4"),
        ("extends: nothing\n", "1:10: extends: no style sheet named 'nothing'"),
        ("extends: gbt9704\nelements:\n  title: {font: songti2}\n", "3:17: elements.title.font: no font role 'songti2'"),
    ],
)
def test_style_errors_name_file_line_column(tmp_path, text, message):
    (tmp_path / "styles").mkdir()
    path = tmp_path / "styles" / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_style("bad", tmp_path)
    assert f"{path}:{message}" in str(caught.value)


def test_style_errors_reach_the_command_line(tmp_path, capsys):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "bad.yaml").write_text("extends: gbt9704\ngrid: {lines: x}\n")
    source = tmp_path / "doc.yaml"
    source.write_text("style: bad\ntitle: 测试\n", encoding="utf-8")
    assert main(["build", "-o", str(tmp_path / "out"), str(source)]) == 2
    assert "bad.yaml:2:15: grid.lines: expected a whole number" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_sheet_is_read_once_per_process_and_again_when_it_changes(tmp_path):
    """load_style keeps each sheet it parsed (a batch reads gbt9704.yaml once) and parses it
    again when the file changes (watch sees the edit); what it returns is never shared."""
    (tmp_path / "styles").mkdir()
    sheet = tmp_path / "styles" / "local.yaml"
    sheet.write_text("extends: gbt9704\nmark_suffix: 文件\n", encoding="utf-8")
    first = load_style("local", tmp_path)
    again = load_style("local", tmp_path)
    assert again == first and again is not first
    sheet.write_text("extends: gbt9704\nmark_suffix: 联合函件\n", encoding="utf-8")
    assert load_style("local", tmp_path).mark_suffix == "联合函件"

"""A table row taller than a page (less the repeated header): layout splits it across pages at
line boundaries (at least two lines where it starts, else it starts on the next page), the
rest of each cell's lines in the same columns under the repeated header; the plan records the
parts; the .docx writes the row as one w:tr per part, each cell's text cut where the plan says,
and LibreOffice sets the same pages and cell lines as our PDF. Rows a cell spans together are
not split: refused, saying why."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import build, convert_with_libreoffice
from pdfmeasure import body_rows, rows
from render.cli import main
from render.compose import compose
from render.fonts import layout_metrics
from render.layout.pages import typeset
from render.load import load_file
from render.style import load_style

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG = "这是一个很长的单元格。" * 70  # 49 lines of its column: more than two pages
NOTE = "第一行备注文字较长需要换行显示"  # three lines beside it


def outline(tmp_path: Path, before: int = 0, rows_text: str = "") -> Path:
    """A table whose second data row is `LONG`, after `before` paragraphs: with the title,
    the paragraph, the header and the first row above it, the long row starts on row
    4 + `before` of page 1 (of 22)."""
    body = "".join(f"  - 第{n + 1}段。\n" for n in range(before))
    rows_text = rows_text or (f"        - [一, 短行。, 甲]\n        - [二, {LONG}, {NOTE}]\n"
                              "        - [三, 短行。, 乙]\n")
    path = tmp_path / "split.yaml"
    path.write_text("style: material\ntitle: 测试\nbody:\n  - 正文一段。\n" + body
                    + "  - table:\n      columns: [{width: 4字}, {}, {width: 6字}]\n"
                    "      header:\n        - [序号, 说明, 备注]\n      rows:\n" + rows_text
                    + "  - 表后正文。\n", encoding="utf-8")
    return path


def plan(path: Path):
    document = load_file(path)
    style = load_style(document.style, path.parent)
    blocks = compose(document, style)
    return typeset(blocks, style, layout_metrics(style))


def table_lines(typeset, page: int) -> list[tuple[int, str]]:
    """(grid row, text) of the table's lines on a page, top to bottom, left to right."""
    block = typeset.tables[0].block
    return [(line.row, line.text) for line in typeset.pages[page - 1].lines
            if line.block == block]


def column_text(typeset, page: int, x_from: float, x_to: float) -> str:
    block = typeset.tables[0].block
    return "".join(line.text for line in typeset.pages[page - 1].lines if line.block == block
                   and line.row > 0 and x_from < line.spans[0].xs[0] < x_to)


def test_the_plan_splits_the_row_at_line_boundaries_under_the_repeated_header(tmp_path):
    typeset = plan(outline(tmp_path))
    table = typeset.tables[0]
    assert table.heights == (1, 1, 49, 1)
    (split,) = table.splits
    assert split.row == 2
    assert split.heights == (18, 21, 10)  # page 1 rows 4–21, a whole page, the rest
    assert split.pages == (1, 2, 3)
    assert len(typeset.pages) == 3
    for page in (2, 3):  # the header repeated above the continuation
        assert [text for row, text in table_lines(typeset, page) if row == 0] == \
            ["序号", "说明", "备注"]
    # the long cell's lines, page by page, end where the plan's cuts say
    long_cell = [column_text(typeset, page, 100, 300) for page in (1, 2, 3)]
    assert long_cell[0].endswith(LONG[:split.cuts[1][0]])
    assert long_cell[1] == LONG[split.cuts[1][0]:split.cuts[1][1]]
    assert long_cell[2].startswith(LONG[split.cuts[1][1]:])
    assert split.cuts[2] == (len(NOTE), len(NOTE))  # the note ends in the first part
    assert split.cuts[1][1] - split.cuts[1][0] > 0
    page2 = table_lines(typeset, 2)
    assert max(row for row, _ in page2) == 21  # the middle part fills its page
    page3 = table_lines(typeset, 3)
    assert (11, "三") in page3  # the next row right under the part's 10 lines


def test_a_row_that_would_start_with_one_line_starts_on_the_next_page(tmp_path):
    typeset = plan(outline(tmp_path, before=17))  # the long row would start on row 21
    split = typeset.tables[0].splits[0]
    assert split.pages[0] == 2
    assert split.heights == (21, 21, 7)
    assert [text for row, text in table_lines(typeset, 1) if row == 21] == []
    typeset = plan(outline(tmp_path, before=16))  # row 20: two lines, it starts there
    assert typeset.tables[0].splits[0].heights[0] == 2
    assert typeset.tables[0].splits[0].pages[0] == 1


def test_the_docx_writes_the_row_as_one_w_tr_per_part_cut_where_the_plan_says(tmp_path):
    path = outline(tmp_path)
    typeset = plan(path)
    split = typeset.tables[0].splits[0]
    docx = build(path, tmp_path, "--format", "docx")
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    trs = root.find(f".//{W}tbl").findall(f"{W}tr")
    assert len(trs) == 1 + 1 + 3 + 1  # header, row 一, the long row in three parts, row 三
    parts = trs[2:5]
    pitch = int(trs[1].find(f"{W}trPr/{W}trHeight").get(f"{W}val"))  # a one-line row
    texts = []
    for tr, rows_of in zip(parts, split.heights):
        height = tr.find(f"{W}trPr/{W}trHeight")
        assert (int(height.get(f"{W}val")), height.get(f"{W}hRule")) == (rows_of * pitch, "exact")
        assert tr.find(f"{W}trPr/{W}cantSplit") is not None
        cells = tr.findall(f"{W}tc")
        texts.append(["".join(t.text for t in cell.iter(f"{W}t")) for cell in cells])
    assert [t[1] for t in texts] == [LONG[:split.cuts[1][0]],
                                     LONG[split.cuts[1][0]:split.cuts[1][1]],
                                     LONG[split.cuts[1][1]:]]
    assert [t[0] for t in texts] == ["二", "", ""]
    assert [t[2] for t in texts] == [NOTE, "", ""]
    # a cell's parts in its own alignment (cells are never justified: no `distribute`)
    for tr in parts:
        jc = tr.findall(f"{W}tc")[1].find(f"{W}p/{W}pPr/{W}jc")
        assert jc is None or jc.get(f"{W}val") == "left"


def test_rows_a_cell_spans_are_not_split_and_the_message_says_why(tmp_path, capsys):
    path = outline(tmp_path, rows_text=f"        - [{{text: 二, rowspan: 2}}, {LONG}, 甲]\n"
                                       "        - [短行。, 乙]\n")
    out = tmp_path / "out"
    assert main(["build", "-q", "-o", str(out), str(path)]) == 2
    assert not out.exists() or not any(out.iterdir())
    err = capsys.readouterr().err
    assert "split.yaml:10:12: table: " in err
    assert "rows 2–3, joined by a cell spanning them, take 50 lines" in err
    assert "rows a cell spans are not split across pages" in err


@pytest.mark.slow
def test_libreoffice_sets_the_same_pages_and_cell_lines(tmp_path):
    """The same lines on the same pages; every character within 1 pt of ours across the
    page and the rows as high as ours
    (LibreOffice's grid baseline stands about 1.1 pt lower for every line, the body's too)."""
    path = outline(tmp_path)
    docx = build(path, tmp_path)
    ours = rows(tmp_path / "split.pdf")
    theirs = rows(convert_with_libreoffice(docx, tmp_path / "lo"))
    assert len(ours) == len(theirs) == 3
    assert [[row.text for row in body_rows(page)] for page in ours] == \
        [[row.text for row in body_rows(page)] for page in theirs]
    assert body_rows(theirs[1])[0].text == body_rows(theirs[2])[0].text == "序号说明备注"
    assert body_rows(theirs[2])[-1].text == "表后正文。"
    for a, b in zip(ours, theirs):
        shift = body_rows(b)[1].middle - body_rows(a)[1].middle
        for x, y in zip(body_rows(a)[1:], body_rows(b)[1:]):
            assert y.middle - x.middle == pytest.approx(shift, abs=0.5), x.text
            for c, d in zip(x.chars, y.chars):
                assert d["x0"] == pytest.approx(c["x0"], abs=1.0), x.text

"""Tables (`table:` body items): the outline's checks (file:line:col, a CSV's own lines), the
plan (widths, heights, rows kept whole, header repeated, the text after it on the grid), the
.docx's w:tbl and the PDF's borders."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from render import pipeline
from render.cli import main
from render.compose import compose
from render.compose.blocks import TableBlock
from render.fonts import layout_metrics
from render.layout.pages import Grid, typeset
from render.units import twips

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "source" / "examples" / "table-roster.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

HEAD = "style: material\ntitle: 测试\nbody:\n"


def check(tmp_path: Path, text: str, csv: str | None = None, capsys=None) -> str:
    outline = tmp_path / "t.yaml"
    outline.write_text(text, encoding="utf-8")
    if csv is not None:
        (tmp_path / "d.csv").write_text(csv, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", "-q", "-o", str(out), str(outline)])
    assert code == 2
    assert not out.exists() or not any(out.iterdir()), "nothing is written"
    return capsys.readouterr().err


TABLE = "  - table:\n      columns: [{}, {}]\n"
BAD = {
    "ragged": (TABLE + "      rows:\n        - [甲, 乙]\n        - [丙]\n", None,
               "t.yaml:8:11: rows: row: its cells fill 1 columns (after spans), the table has 2"),
    "too-many": (TABLE + "      rows:\n        - [甲, 乙, 丙]\n", None,
                 "t.yaml:7:18: rows: cell: one too many"),
    "colspan": (TABLE + "      rows:\n        - [{text: 甲, colspan: 3}]\n", None,
                "t.yaml:7:12: rows: cell: spans columns 1 to 3, the table has 2"),
    "rowspan": (TABLE + "      rows:\n        - [{text: 甲, rowspan: 2}, 乙]\n", None,
                "t.yaml:7:12: rows: cell: spans rows 1 to 2, there are 1"),
    "overlap": (TABLE + "      rows:\n        - [甲, {text: 乙, rowspan: 2}]\n"
                "        - [{text: 丙, colspan: 2}]\n", None,
                "t.yaml:8:12: rows: cell: overlaps a cell spanning from above (row 2, column 2)"),
    "missing-csv": (TABLE + "      source: none.csv\n", None,
                    "t.yaml:6:15: source: none.csv: cannot read"),
    "ragged-csv": (TABLE + "      source: d.csv\n", "a,b\nc,d\ne,f,g\n",
                   "d.csv:3:1: 3 fields, the table has 2 columns"),
    "fractions": ("  - table:\n      columns: [{width: 0.5}, {width: 0.3}]\n"
                  "      rows:\n        - [甲, 乙]\n", None,
                  "t.yaml:5:16: columns: the widths add up to 0.8 of the type area, not 1"),
    "chars-too-wide": ("  - table:\n      columns: [{width: 20字}, {width: 10字}]\n"
                       "      rows:\n        - [甲, 乙]\n", None,
                       "t.yaml:5:7: table: the column widths add up to 172.9 mm, more than"),
    "width-form": ("  - table:\n      columns: [{width: 3cm}, {}]\n"
                   "      rows:\n        - [甲, 乙]\n", None,
                   "t.yaml:5:25: width: expected a fraction"),
    "font-size": (TABLE + "      font_size: 二号\n      rows:\n        - [甲, 乙]\n", None,
                  "t.yaml:6:18: font_size: a table's text is 三号, 四号 or 小四"),
    "no-rows": (TABLE + "      header:\n        - [甲, 乙]\n", None,
                "t.yaml:5:7: table: no data rows"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_tables_are_refused_at_their_place(case, tmp_path, capsys):
    body, csv, expected = BAD[case]
    err = check(tmp_path, HEAD + body, csv, capsys)
    assert expected in err, err


def test_a_csv_in_another_encoding_is_refused_at_its_line(tmp_path, capsys):
    (tmp_path / "d.csv").write_bytes("甲,乙\n丙,丁\n".encode("gbk"))
    err = check(tmp_path, HEAD + TABLE + "      source: d.csv\n", None, capsys)
    assert "d.csv:1:1: not UTF-8 text" in err


@pytest.fixture(scope="module")
def roster():
    source = pipeline.load(ROSTER)
    blocks = compose(source.document, source.style)
    plan = typeset(blocks, source.style, layout_metrics(source.style))
    return source, blocks, plan


def test_the_roster_reads_its_csv_rows(roster):
    source, blocks, _ = roster
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    assert len(tables) == 2
    attachment = source.document.attachments[0].body[0]
    assert len(attachment.data) == 32 and attachment.data[0][1].text == "青岛海川精密机械有限公司"
    assert len(tables[1].rows) == 2 + 2 + 32


def test_column_widths_fill_the_type_area_in_twips(roster):
    source, blocks, _ = roster
    for table in (b for b in blocks if isinstance(b, TableBlock)):
        assert sum(twips(w) for w in table.widths) == twips(source.style.page.text_width)
        assert all(twips(w) == w * 20 for w in table.widths)


def _table_lines(plan, index):
    return [(page.number, line) for page in plan.pages for line in page.lines
            if line.block == index and line.kind == "table"]


def test_header_rows_repeat_on_every_page_the_table_spans(roster):
    _, blocks, plan = roster
    index = max(i for i, b in enumerate(blocks) if isinstance(b, TableBlock))
    table_plan = plan.table(index)
    pages = sorted(set(table_plan.pages[table_plan.header:]))
    assert len(pages) >= 3, "the 名录 crosses pages"
    for number in pages:
        tops = [line for page, line in _table_lines(plan, index) if page == number]
        first = min(line.row for line in tops)
        header = sorted((line.row, line.spans[0].xs[0], line.text) for line in tops
                        if line.row < first + 2)
        assert [text for _, _, text in header] == ["序号", "企业名称", "所在区域及领域", "区、市",
                                                "领域"], number


def test_rows_are_whole_on_a_page_and_spanned_rows_stay_together(roster):
    _, blocks, plan = roster
    index = max(i for i, b in enumerate(blocks) if isinstance(b, TableBlock))
    table, table_plan = blocks[index], plan.table(index)
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            spanned = table_plan.pages[r:r + cell.rowspan]
            assert len(set(spanned)) == 1, (r, cell)
    grid = Grid.of(pipeline.load(ROSTER).style)
    for number in set(table_plan.pages):
        rows = [line.row for page, line in _table_lines(plan, index) if page == number]
        assert max(rows) < grid.rows


def test_cell_lines_are_broken_in_the_cell_width(roster):
    _, blocks, plan = roster
    index = max(i for i, b in enumerate(blocks) if isinstance(b, TableBlock))
    lines = [line for _, line in _table_lines(plan, index)]
    assert any(line.text == "司（原青岛海川机械" for line in lines), [l.text for l in lines[:20]]
    # 禁则: no line starts with a closing mark
    assert not any(line.text[:1] in "，。）、" for line in lines)


def test_text_after_a_table_stays_on_the_grid(roster):
    source, blocks, plan = roster
    grid = Grid.of(source.style)
    index = next(i for i, b in enumerate(blocks) if isinstance(b, TableBlock))
    after = plan.lines_of(index + 1)[0]
    size = source.style.element("body").size
    assert after.spans[0].y == pytest.approx(grid.baseline(after.row, size))
    table_plan = plan.table(index)
    last_row = max(line.row for line in plan.lines_of(index))
    assert after.row == last_row + 1


@pytest.fixture(scope="module")
def roster_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("roster")
    assert main(["build", "-q", "-o", str(out), str(ROSTER)]) == 0
    return out / "table-roster.docx", out / "table-roster.pdf"


def test_the_docx_has_real_word_tables(roster_files, roster):
    source, blocks, plan = roster
    xml = etree.fromstring(zipfile.ZipFile(roster_files[0]).read("word/document.xml"))
    tables = xml.iter(f"{W}tbl")
    tables = [t for t in tables if t.find(f"{W}tblPr/{W}tblLayout") is not None
              and t.find(f"{W}tblPr/{W}tblCellMar/{W}left").get(f"{W}w") != "0"]
    assert len(tables) == 2
    index = max(i for i, b in enumerate(blocks) if isinstance(b, TableBlock))
    table, table_plan, tbl = blocks[index], plan.table(index), tables[1]
    cols = [int(c.get(f"{W}w")) for c in tbl.iter(f"{W}gridCol")]
    assert cols == [twips(w) for w in table.widths]
    assert sum(cols) == int(tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w")) == twips(
        source.style.page.text_width)
    rows = tbl.findall(f"{W}tr")
    assert len(rows) == len(table.rows)
    for r, tr in enumerate(rows):
        props = tr.find(f"{W}trPr")
        assert props.find(f"{W}cantSplit") is not None
        assert (props.find(f"{W}tblHeader") is not None) == (r < table_plan.header)
        height = props.find(f"{W}trHeight")
        assert height.get(f"{W}hRule") == "exact"
        assert int(height.get(f"{W}val")) == table_plan.heights[r] * 579 - (10 if r == 0 else 0)
    header = rows[0].findall(f"{W}tc")
    assert header[2].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "2"
    assert header[0].find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "restart"
    second = rows[1].findall(f"{W}tc")
    assert second[0].find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "continue"
    assert len(second) == 4  # 2 continued + 2 cells


def test_the_pdf_draws_the_borders(roster_files, roster):
    _, blocks, plan = roster
    with pdfplumber.open(roster_files[1]) as pdf:
        page = pdf.pages[2]  # the 名录's first page
        lines = page.lines
    vertical = [l for l in lines if abs(l["x0"] - l["x1"]) < 0.01]
    horizontal = [l for l in lines if abs(l["top"] - l["bottom"]) < 0.01]
    assert vertical and horizontal
    assert all(abs(l["linewidth"] - 0.5) < 0.01 for l in lines)
    left = min(l["x0"] for l in vertical)
    right = max(l["x1"] for l in vertical)
    assert left == pytest.approx(28 * 72 / 25.4, abs=0.05)
    assert right == pytest.approx((210 - 26) * 72 / 25.4, abs=0.05)


def _changed_roster(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    text = ROSTER.read_text(encoding="utf-8")
    (tmp_path / "table-roster.csv").write_bytes(ROSTER.with_suffix(".csv").read_bytes())
    old.write_text(text, encoding="utf-8")
    changed = text.replace('[市南区, "12", "9", 75%]', '[市南区, "13", "9", 69%]').replace(
        '        - [合计, "37", "27", 73%]',
        '        - [崂山区, "6", "4", 67%]\n        - [合计, "43", "31", 72%]')
    assert changed != text
    new.write_text(changed, encoding="utf-8")
    return old, new


def test_diff_reports_table_rows_and_cells(tmp_path, capsys):
    old, new = _changed_roster(tmp_path)
    assert main(["diff", "--color", "never", str(old), str(new)]) == 1
    report = capsys.readouterr().out.splitlines()
    assert "第1表第3行 修改行: 市南区｜[-12-]{+13+}｜9｜[-75%-]{+69%+}" in report
    assert "第1表第5行 新增行: 崂山区｜6｜4｜67%" in report


def test_the_redline_marks_changed_rows_so_accept_is_new_and_reject_is_old(tmp_path, capsys):
    old, new = _changed_roster(tmp_path)
    out = tmp_path / "red.docx"
    assert main(["diff", "--color", "never", "--docx", str(out), str(old), str(new)]) == 1
    xml = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    table = [t for t in xml.iter(f"{W}tbl") if t.find(f"{W}tblPr/{W}tblHeader") is None
             and any(r.find(f"{W}trPr/{W}tblHeader") is not None for r in t.iter(f"{W}tr"))][0]
    rows = []
    for tr in table.findall(f"{W}tr"):
        props = tr.find(f"{W}trPr")
        mark = "del" if props.find(f"{W}del") is not None else \
            "ins" if props.find(f"{W}ins") is not None else ""
        text = "".join(t.text or "" for t in tr.iter(f"{W}t", f"{W}delText"))
        rows.append((mark, text))
    accepted = [text for mark, text in rows[2:] if mark != "del"]
    rejected = [text for mark, text in rows[2:] if mark != "ins"]
    assert accepted == ["市南区13969%", "黄岛区（含青岛西海岸新区）251872%", "崂山区6467%",
                        "合计433172%"]
    assert rejected == ["市南区12975%", "黄岛区（含青岛西海岸新区）251872%", "合计372773%"]
    deleted = [tr for tr in table.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}del") is not None]
    assert all(not list(tr.iter(f"{W}t")) for tr in deleted), "deleted rows' text is w:delText"


def test_a_table_removed_from_old_is_shown_deleted_not_as_a_change_of_the_next(tmp_path, capsys):
    """OLD has the body table and the 名录, NEW only the 名录: the redline keeps the 名录 as it
    is (no revision) and shows the body table with every row deleted, so Reject All gives
    OLD's two tables and Accept All NEW's one."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = ROSTER.read_text(encoding="utf-8")
    (tmp_path / "table-roster.csv").write_bytes(ROSTER.with_suffix(".csv").read_bytes())
    start = text.index("  - table:\n      caption: 表1")
    end = text.index("\n  - ", start + 5) + 1
    old.write_text(text, encoding="utf-8")
    new.write_text(text[:start] + text[end:], encoding="utf-8")
    out = tmp_path / "red.docx"
    assert main(["diff", "--color", "never", "--docx", str(out), str(old), str(new)]) == 1
    xml = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    tables = [t for t in xml.iter(f"{W}tbl")
              if any(r.find(f"{W}trPr/{W}tblHeader") is not None for r in t.iter(f"{W}tr"))]
    marks = [{("del" if tr.find(f"{W}trPr/{W}del") is not None else
               "ins" if tr.find(f"{W}trPr/{W}ins") is not None else "")
              for tr in t.findall(f"{W}tr")} for t in tables]
    assert marks == [{"del"}, {""}]
    assert "区、市" in "".join(d.text or "" for d in tables[0].iter(f"{W}delText"))


def test_canonical_form_keeps_fractions_bare_and_span_rows_on_one_line(tmp_path):
    """`gongwen fmt` writes a width as the author does ({width: 0.25}, not "0.25") and a short
    row with spans as one flow list; what it writes reads back as the same table."""
    from render.fmt import canonical

    text = ("style: material\ntitle: 表\nbody:\n  - table:\n      columns:\n"
            "        - {width: 0.25, align: center}\n        - {width: 6字}\n        - {}\n"
            "      header:\n        - [{text: 区、市, rowspan: 2}, {text: 企业数, colspan: 2, "
            "align: center}]\n        - [推荐, 入选]\n      rows:\n        - [甲, \"1\", \"2\"]\n")
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["fmt", "--check", str(path)]) == 0, canonical(text)

"""横排 tables (`landscape: true`, GB/T 9704 §8): the table on landscape pages of its own, the
text resuming on a portrait page; the page number where a portrait page has it once the sheet
is turned back (the table's head on the portrait page's left), turned with the sheet. The plan,
the .docx's sections and footers, and LibreOffice's rendering against our PDF."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from conftest import ROOT, build, convert_with_libreoffice
from pdfmeasure import MM, body_rows, rows
from render import pipeline
from render.cli import main
from render.compose import compose
from render.fonts import layout_metrics
from render.layout.pages import typeset

EXAMPLE = ROOT / "source" / "examples" / "table-landscape.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
PORTRAIT_H = 297 * MM
# the landscape page's type area: the portrait one turned (its top the portrait's left margin)
L_LEFT, L_RIGHT, L_TOP, L_BOTTOM = 35 * MM, (297 - 37) * MM, 28 * MM, (210 - 26) * MM
DASH_MIDDLE = L_LEFT - 7 * MM  # the 一字线 7 mm below the portrait type area, turned


@pytest.fixture(scope="module")
def plan():
    source = pipeline.load(EXAMPLE)
    blocks = compose(source.document, source.style)
    return typeset(blocks, source.style, layout_metrics(source.style))


def test_the_table_has_landscape_pages_of_its_own(plan):
    sizes = [(round(page.width, 1), round(page.height, 1)) for page in plan.pages]
    assert sizes == [(595.3, 841.9), (841.9, 595.3), (841.9, 595.3), (595.3, 841.9)]
    (table,) = plan.tables
    assert table.landscape and set(table.pages) == {2, 3}
    blocks = {line.block for line in plan.pages[1].body + plan.pages[2].body}
    assert blocks == {table.block}  # nothing else on the landscape pages
    assert plan.pages[3].body[0].text.startswith("下一步")  # the text resumes on a portrait page


def test_the_table_fills_the_turned_type_area(plan):
    for page in plan.pages[1:3]:
        xs = [v for s in page.strokes for v in (s.x0, s.x1)]
        assert min(xs) == pytest.approx(L_LEFT, abs=0.1)
        assert max(xs) == pytest.approx(L_RIGHT, abs=0.1)
        tops = [v for s in page.strokes for v in (s.y0, s.y1)]
        assert min(tops) >= L_TOP and max(tops) <= L_BOTTOM
    # the header repeats on the second landscape page; 15 grid rows a landscape page
    assert plan.pages[2].body[0].text.startswith("区、市")
    assert max(line.row for line in plan.pages[1].body) <= 14


def test_the_page_number_is_turned_and_stands_on_the_left(plan):
    for page in plan.pages[1:3]:
        (number,) = [line for line in page.lines if line.kind == "page_number"]
        assert {span.turn for span in number.spans} == {90}
        first, last = number.spans[0], number.spans[-1]
        # turned about (xs[0], y): the characters run down the page from y, their baseline
        # across it at xs[0], in the left margin (the portrait page's bottom margin) 7 mm
        # from the type area (the dash's middle a little right of its baseline)
        assert DASH_MIDDLE - 7 < first.xs[0] < DASH_MIDDLE
        start, end = first.y, last.y + last.xs[-1] - last.xs[0] + last.size
        if page.number % 2:  # right on a portrait page (右空一字): near the landscape foot
            assert end == pytest.approx(L_BOTTOM - 14, abs=0.5)
        else:  # left on a portrait page (左空一字): near the landscape top
            assert start == pytest.approx(L_TOP + 14, abs=0.5)
    portrait = [line for line in plan.pages[3].lines if line.kind == "page_number"]
    assert {span.turn for line in portrait for span in line.spans} == {0}


def _docx_xml(tmp_path: Path) -> tuple[etree._Element, dict[str, etree._Element]]:
    docx = build(EXAMPLE, tmp_path, "--format", "docx")
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        parts = {rid: etree.fromstring(z.read(f"word/{target}"))
                 for rid, target in targets.items() if target.startswith("footer")}
    return root, parts


def test_the_docx_has_a_landscape_section_between_portrait_ones(tmp_path):
    root, footers = _docx_xml(tmp_path)
    sections = list(root.iter(f"{W}sectPr"))
    assert len(sections) == 3
    sizes = [section.find(f"{W}pgSz") for section in sections]
    assert [s.get(f"{W}orient") for s in sizes] == [None, "landscape", None]
    assert (sizes[1].get(f"{W}w"), sizes[1].get(f"{W}h")) == ("16838", "11906")
    margins = sections[1].find(f"{W}pgMar")
    assert {side: margins.get(f"{W}{side}") for side in ("top", "right", "bottom", "left")} == \
        {"top": "1587", "right": "2098", "bottom": "1474", "left": "1984"}
    # the table is in the landscape section: the paragraph ending it comes right after it
    table = root.find(f".//{W}tbl")
    assert table.getnext().find(f"{W}pPr/{W}sectPr") is sections[1]
    refs = [{ref.get(f"{W}type"): ref.get(f"{R}id") for ref in s.findall(f"{W}footerReference")}
            for s in sections]
    assert refs[0] == refs[2] and set(refs[0]) == {"default", "even"}
    assert not set(refs[1].values()) & set(refs[0].values())
    for rid in refs[1].values():  # the turned footers: a text box whose text reads down
        footer = footers[rid]
        (body,) = footer.iter(f"{WPS}bodyPr")
        assert body.get("vert") == "vert"
        assert "PAGE" in "".join(footer.itertext())
        assert footer.find(f".//{W}vanish") is None  # LibreOffice would hide the box


def test_landscape_must_be_true_or_false(tmp_path, capsys):
    outline = tmp_path / "t.yaml"
    outline.write_text("style: material\ntitle: 测试\nbody:\n  - table:\n"
                       "      columns: [{}, {}]\n      landscape: maybe\n"
                       "      rows:\n        - [甲, 乙]\n", encoding="utf-8")
    assert main(["build", "-q", "-o", str(tmp_path / "out"), str(outline)]) == 2
    assert "t.yaml:6:18: landscape: expected true or false" in capsys.readouterr().err


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("landscape")
    docx = build(EXAMPLE, out)
    return out / "table-landscape.pdf", convert_with_libreoffice(docx, out / "lo")


def _turned(pdf_path: Path) -> dict[int, list[dict]]:
    """Each page's turned characters (the page number on a landscape page)."""
    with pdfplumber.open(pdf_path) as pdf:
        return {page.page_number: [c for c in page.chars if not c["upright"]
                                   and c["text"].strip()] for page in pdf.pages}


@pytest.mark.slow
def test_libreoffice_has_the_same_pages_rows_and_orientation(printed):
    ours, theirs = printed
    for path in printed:
        with pdfplumber.open(path) as pdf:
            assert [page.width > page.height for page in pdf.pages] == \
                [False, True, True, False], path
    a, b = rows(ours), rows(theirs)
    assert [[row.text for row in body_rows(page)] for page in a] == \
        [[row.text for row in body_rows(page)] for page in b]
    for x, y in zip(body_rows(a[1]) + body_rows(a[2]), body_rows(b[1]) + body_rows(b[2])):
        assert y.middle == pytest.approx(x.middle, abs=2.0), x.text  # the table's rows
        assert y.x0 == pytest.approx(x.x0, abs=1.0), x.text


@pytest.mark.slow
def test_libreoffice_turns_the_page_number_where_ours_is(printed):
    ours, theirs = (_turned(path) for path in printed)
    assert not ours[1] and not ours[4] and not theirs[1] and not theirs[4]
    for number in (2, 3):
        a, b = ours[number], theirs[number]
        assert "".join(c["text"] for c in a) == "—" + str(number) + "—"
        assert "".join(c["text"] for c in b) == "—" + str(number) + "—"
        for x, y in zip(a, b):
            # turned a quarter clockwise (reads down the page) in both
            assert [round(v) for v in x["matrix"][:4]] == [0, -1, 1, 0]
            assert [round(v) for v in y["matrix"][:4]] == [0, -1, 1, 0]
            # the baseline (the text matrix's origin) within 0.5 pt, along and across
            assert y["matrix"][4] == pytest.approx(x["matrix"][4], abs=0.5)
            assert y["matrix"][5] == pytest.approx(x["matrix"][5], abs=0.5)
    # odd page: at the landscape page's foot (a portrait page's right), even: at its top
    assert min(c["top"] for c in ours[3]) > L_BOTTOM - 80
    assert max(c["bottom"] for c in ours[2]) < L_TOP + 60


def test_a_table_too_wide_for_portrait_is_refused_with_a_hint_and_fits_landscape(tmp_path,
                                                                              capsys):
    text = ("style: material\ntitle: 测试\nbody:\n  - table:\n"
            "      columns: [{{width: 20字}}, {{width: 10字}}, {{}}]\n{extra}"
            "      rows:\n        - [甲, 乙, 丙]\n")
    outline = tmp_path / "t.yaml"
    outline.write_text(text.format(extra=""), encoding="utf-8")
    assert main(["build", "-q", "-o", str(tmp_path / "a"), str(outline)]) == 2
    assert "a wide table may be set 横排 (landscape: true)" in capsys.readouterr().err
    outline.write_text(text.format(extra="      landscape: true\n"), encoding="utf-8")
    assert main(["build", "-q", "--format", "docx", "-o", str(tmp_path / "b"),
                 str(outline)]) == 0

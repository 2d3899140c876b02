"""Every GB/T 9704 element where the standard puts it, measured in our PDF (within 1 mm) and in
LibreOffice's rendering of our .docx (within 1.5 mm), for the examples in source/examples/."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # LibreOffice renderings and built PDFs, measured

from conftest import ROOT, build, convert_with_libreoffice, fonts_installed
from pdfmeasure import (BOTTOM, LEFT, MM, PAGE_H, RIGHT, body_rows, footer_rows, lines, red_rows,
                        rows)

EXAMPLES = ROOT / "source" / "examples"
CHAR = 15.75  # a 三号 character on the grid
TOLERANCE = {"pdf": 1 * MM, "libreoffice": 1.5 * MM}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Each example's PDF, ours and LibreOffice's, by (name, renderer)."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    out = tmp_path_factory.mktemp("examples")
    pdfs = {}
    for source in sorted(EXAMPLES.glob("*.yaml")):
        docx = build(source, out)
        pdfs[source.stem, "pdf"] = docx.with_suffix(".pdf")
        pdfs[source.stem, "libreoffice"] = convert_with_libreoffice(docx, out / "lo")
    return pdfs


RENDERERS = ["pdf", "libreoffice"]


def test_every_example_builds_in_both_formats(printed):
    names = {path.stem for path in EXAMPLES.glob("*.yaml")}
    assert {name for name, _ in printed} == names
    for path in printed.values():
        assert path.exists() and path.stat().st_size > 10_000


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name, top_mm", [("notice-full", 72), ("minutes", 72), ("order", 57),
                                          ("letter", 30), ("letter-plain", 30)])
def test_mark_top_edge(printed, renderer, name, top_mm):
    """发文机关标志: 35 mm under the type area (72 mm from the paper's top); 命令 20 mm; 信函
    30 mm from the paper's top."""
    pdf = printed[name, renderer]
    ink = red_rows(pdf, 1, (LEFT + 60, 50, RIGHT - 60, 260))
    assert ink is not None, "no red mark"
    assert abs(ink[0] - top_mm * MM) < TOLERANCE[renderer], f"top edge at {ink[0] / MM:.2f} mm"


@pytest.mark.parametrize("renderer", RENDERERS)
def test_red_rule_4mm_under_the_doc_number(printed, renderer):
    pdf = printed["notice-full", renderer]
    page = rows(pdf)[0]
    number = next(r for r in page if "〔" in r.text)
    bracket = next(c for c in number.chars if c["text"] == "〔")
    text_bottom = PAGE_H - bracket["matrix"][5] + 0.12 * bracket["size"]
    rule = min((line for line in lines(pdf, 1) if line["y"] > text_bottom),
               key=lambda line: line["y"])
    assert abs(rule["y"] - text_bottom - 4 * MM) < TOLERANCE[renderer]
    assert abs((rule["x1"] - rule["x0"]) - 156 * MM) < TOLERANCE[renderer]
    assert abs(rule["x0"] - LEFT) < TOLERANCE[renderer]
    assert tuple(round(v, 2) for v in rule["color"]) == (1.0, 0.0, 0.0)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_imprint_at_the_foot_of_the_last_page(printed, renderer):
    """版记: thick first and last lines, a thin one between, the last on the type area's bottom
    edge; 印发日期 右空一字 (one 四号 character)."""
    pdf = printed["notice-full", renderer]
    pages = rows(pdf)
    last = len(pages)
    rules = sorted(lines(pdf, last), key=lambda line: line["y"])
    assert len(rules) == 3
    assert rules[0]["width"] > rules[1]["width"] < rules[2]["width"]
    assert abs(rules[-1]["y"] - BOTTOM) < TOLERANCE[renderer]
    for rule in rules:
        assert abs((rule["x1"] - rule["x0"]) - 156 * MM) < TOLERANCE[renderer]
    issued = [r for r in body_rows(pages[-1]) if r.text.endswith("印发")]
    assert issued and abs(issued[0].x1 - (RIGHT - 14)) < TOLERANCE[renderer]
    assert issued[0].text.startswith("青岛市工业和信息化局办公室")
    assert abs(issued[0].x0 - (LEFT + 14)) < TOLERANCE[renderer]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_sealed_date_four_characters_from_the_right(printed, renderer):
    pdf = printed["notice-full", renderer]
    date = next(r for page in rows(pdf) for r in body_rows(page) if r.text == "2023年3月15日")
    assert abs((RIGHT - date.x1) - 4 * CHAR) < TOLERANCE[renderer]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_upward_document_doc_number_left_signers_right(printed, renderer):
    pdf = printed["request-upward", renderer]
    page = body_rows(rows(pdf)[0])
    number = next(r for r in page if "〔" in r.text)
    assert abs(number.x0 - (LEFT + CHAR)) < TOLERANCE[renderer]  # 左空一字
    first_signers = next(r for r in page if r.text.startswith("签发人"))
    assert abs((RIGHT - first_signers.x1) - CHAR) < TOLERANCE[renderer]  # 右空一字
    assert number.text.endswith("赵红")  # the last signer on the 发文字号's line


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", ["letter", "letter-plain"])  # with and without `header:`
def test_letter_double_lines_and_no_page_number_on_page_one(printed, renderer, name):
    pdf = printed[name, renderer]
    rules = sorted(lines(pdf, 1), key=lambda line: line["y"])
    assert len(rules) == 4
    top_pair, bottom_pair = rules[:2], rules[2:]
    assert top_pair[0]["width"] > top_pair[1]["width"]  # thick over thin
    assert bottom_pair[0]["width"] < bottom_pair[1]["width"]  # thin over thick
    for rule in rules:
        assert abs((rule["x1"] - rule["x0"]) - 170 * MM) < TOLERANCE[renderer]
        assert abs((rule["x0"] + rule["x1"]) / 2 - (LEFT + RIGHT) / 2) < TOLERANCE[renderer]
    middle = (bottom_pair[0]["y"] + bottom_pair[1]["y"]) / 2
    assert abs(PAGE_H - middle - 20 * MM) < TOLERANCE[renderer]
    ink = red_rows(pdf, 1, (LEFT + 60, 50, RIGHT - 60, top_pair[0]["y"] - 2))
    assert abs((top_pair[0]["y"] + top_pair[1]["y"]) / 2 - ink[1] - 4 * MM) < 2 * MM
    pages = rows(pdf)
    assert footer_rows(pages[0]) == []
    assert [r.text for r in footer_rows(pages[1])] == ["—2—"]


def test_a_letter_without_header_is_the_same_in_both(printed):
    """The 信函 whose 版头 is made from `issuers`: LibreOffice's rendering of our .docx has our
    PDF's pages, lines and page numbers (none on page 1)."""
    ours, theirs = (rows(printed["letter-plain", r]) for r in RENDERERS)
    assert len(ours) == len(theirs) == 2
    for mine, other in zip(ours, theirs):
        assert [r.text for r in body_rows(mine)] == [r.text for r in body_rows(other)]
        assert [r.text for r in footer_rows(mine)] == [r.text for r in footer_rows(other)]
    assert [r.text for r in footer_rows(ours[0])] == []
    assert [r.text for r in footer_rows(ours[1])] == ["—2—"]


def test_blank_page_before_an_imprint_that_needs_an_even_page(tmp_path):
    """Double-sided: text that fills page 2 pushes the 版记 to page 4, after a blank page 3;
    neither page 3 nor page 4 is numbered."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed")
    paragraph = "测" * 54
    count = 21  # two full pages: 10 paragraphs of two lines under the title, 11 on page 2
    source = tmp_path / "long.yaml"
    (tmp_path / "plain.yaml").write_text("extends: gbt9704\nletterhead: false\n", encoding="utf-8")
    source.write_text("style: plain.yaml\ntitle: 测试\nbody:\n"
                      + "".join(f"  - {paragraph}\n" for _ in range(count))
                      + "imprint:\n  printer: 某局办公室\n  date: 2024-01-05\n", encoding="utf-8")
    docx = build(source, tmp_path)
    for renderer, pdf in (("pdf", docx.with_suffix(".pdf")),
                          ("libreoffice", convert_with_libreoffice(docx, tmp_path / "lo"))):
        pages = rows(pdf)
        assert len(pages) == 4, renderer
        assert body_rows(pages[2]) == [] or renderer == "libreoffice" and all(
            not r.text.strip() for r in body_rows(pages[2]))
        assert [footer_rows(p) != [] for p in pages] == [True, True, False, False], renderer
        assert body_rows(pages[3])[-1].text.endswith("印发")


def test_a_long_addressee_moves_to_the_imprint(tmp_path):
    """Page 1 must show text of the 正文: when the 版头, title and 主送机关 would fill it, the
    主送机关 goes to the 版记 as 主送, above the 抄送 (GB/T 9704 §7.3.3, §7.4.2)."""
    from docx_text import docx_paragraphs

    # as many as fill page 1 and still fit a 版记 (79 are refused: tests/test_fit.py)
    names = "，".join(f"第{i}区人民政府" for i in range(1, 60))
    source = tmp_path / "many.yaml"
    source.write_text(
        "title: 关于做好有关工作的通知\nheader:\n  doc_number: 某发〔2024〕1号\n"
        f"issuers: [某局]\naddressee: {names}\nbody:\n  - 正文第一段。\n"
        "imprint:\n  cc: [某厅]\n  printer: 某局办公室\n  date: 2024-01-05\n", encoding="utf-8")
    docx = build(source, tmp_path, "--format", "docx")
    paragraphs = docx_paragraphs(docx)
    assert not any(p.startswith("第1区人民政府") for p in paragraphs[:12])
    cells = [p for p in paragraphs if p.startswith(("主送：", "抄送："))]
    assert cells[0] == f"主送：{names}。" and cells[1] == "抄送：某厅。"
    assert paragraphs.index("正文第一段。") < 20


def test_preprinted_letterhead_keeps_the_space_and_draws_no_red(tmp_path):
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed")
    text = (ROOT / "source" / "examples" / "notice-full.yaml").read_text(encoding="utf-8")
    source = tmp_path / "preprinted.yaml"
    source.write_text(text.replace("header:\n", "header:\n  letterhead: preprinted\n", 1),
                      encoding="utf-8")
    printed_pdf = build(ROOT / "source" / "examples" / "notice-full.yaml", tmp_path / "a",
                        "--format", "pdf").with_suffix(".pdf")
    plain = build(source, tmp_path / "b", "--format", "pdf").with_suffix(".pdf")
    assert red_rows(plain, 1, (LEFT, 0, RIGHT, 400)) is None
    assert lines(plain, 1) == []
    title = [r for r in body_rows(rows(printed_pdf)[0]) if "通知" in r.text]
    same = [r for r in body_rows(rows(plain)[0]) if "通知" in r.text]
    assert [round(r.middle, 1) for r in title] == [round(r.middle, 1) for r in same]

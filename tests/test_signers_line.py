"""The 签发人 line of upward documents (GB/T 9704 §7.2.6, issue #11): “签发人：” in 仿宋 and the
names in 楷体, 右空一字, several 签发人 stacked with the 发文字号 (左空一字) on the last one's
line, the red rule 4 mm under it as wide as the type area. Fast: the typeset plan and the .docx
XML; slow: every 版头 line measured in our PDF and in LibreOffice's rendering of our .docx,
which set the first of several 签发人 lines 7.7 pt apart."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest

from conftest import build, convert_with_libreoffice, fonts_installed
from docx_text import NS, W, part
from render.pipeline import render_document
from render.compose import compose
from render.geometry import DESCENT, EXACT_ASCENT
from render.layout.breaking import EvenMetrics
from render.layout.pages import Grid, typeset
from render.load import load_text
from render.style import load_style

ROOT = Path(__file__).resolve().parent.parent
BODY = "body:\n  - 正文。\n"
SIGNED = "header:\n  doc_number: 青工信〔2023〕5号\n  signers: [{names}]\ntitle: 标题\n" \
    "issuers: [{issuers}]\n" + BODY
LETTER = "style: letter\nheader:\n{head}  doc_number: 某函〔2023〕5号\ntitle: 标题\n" \
    "issuers: [某局]\n" + BODY


def plan(text: str):
    document = load_text(text)
    style = load_style(document.style)
    return typeset(compose(document, style), style, EvenMetrics()), style


@pytest.mark.parametrize("names, lines", [("王建国", 1), ("王建国, 李明华", 1),
                                          ("王建国, 李明华, 赵红", 2),
                                          ("王建国, 李明华, 赵红, 欧阳明, 孙丽", 3)])
def test_signers_lines_are_exact_lines_one_pitch_apart_above_the_doc_number(names, lines):
    """Each 签发人 line is an exact line of one row, as the 发文字号's (LibreOffice sets a grid
    line of Chinese only lower than one with digits; an exact line sits alike in both);
    “签发人：” in the 发文字号's 仿宋, names in 楷体; the red rule as wide as the type area."""
    result, style = plan(SIGNED.format(names=names, issuers="某局"))
    grid = Grid.of(style)
    page = result.pages[0]
    signers = [x for x in page.lines if x.kind in ("signers", "doc_number")]
    assert len(signers) == lines and signers[-1].kind == "doc_number"
    for line in signers:
        for span in line.spans:
            assert span.y == pytest.approx(grid.row_top(line.row)
                                           + EXACT_ASCENT * style.grid_pitch)
    assert [b.row - a.row for a, b in zip(signers, signers[1:])] == [1] * (lines - 1)
    label = [span for line in signers for span in line.spans if "签发人" in span.text]
    assert [span.text for span in label] == ["签发人："]
    assert label[0].face == style.element("doc_number").font.role
    faces = {span.face for line in signers for span in line.spans
             if any(name in span.text for name in names.split(", "))}
    assert faces == {style.element("signers").font.role}
    (rule,) = page.rules
    assert (rule.x0, rule.x1) == (grid.left, grid.right)


def test_a_grid_line_of_only_text_after_its_tab_sits_by_that_text():
    """A 信函's 发文字号 with no 份号 beside it: a line whose text all follows its tab stands on
    its row as any 三号 line (it stood at the row's middle, 6.9 pt high)."""
    for head in ('  copy_number: "25"\n', ""):
        result, style = plan(LETTER.format(head=head))
        (number,) = [x for x in result.pages[0].lines if "〔" in x.text]
        size = style.element("doc_number").size
        assert {span.y for span in number.spans} == {Grid.of(style).baseline(number.row, size)}


def test_the_red_rule_border_starts_at_the_type_areas_left_edge_in_the_docx():
    """Word and LibreOffice draw a paragraph's bottom border from its left indent: the
    发文字号's 左空一字 beside the 签发人 is a first-line indent, not a left one."""
    document = load_text(SIGNED.format(names="王建国, 李明华, 赵红", issuers="某局"))
    docx = io.BytesIO(render_document(document, load_style(document.style))["docx"])
    body = part(docx, "word/document.xml")
    (ruled,) = [p for p in body.iter(f"{{{W}}}p") if p.find("w:pPr/w:pBdr/w:bottom", NS)
                is not None]
    text = "".join(t.text for t in ruled.iter(f"{{{W}}}t"))
    assert text.startswith("青工信") and "赵红" in text
    indent = ruled.find("w:pPr/w:ind", NS)
    assert indent.get(f"{{{W}}}left") == "0" and int(indent.get(f"{{{W}}}firstLine")) > 0


# -- measured in both renderings ------------------------------------------------------------------

HEADS = {
    "request-upward": None,  # the example: three 签发人, two lines
    "one-signer": SIGNED.format(names="王建国", issuers="青岛市工业和信息化局"),
    "three-lines": SIGNED.format(names="王建国, 李明华, 赵红, 欧阳明, 孙丽",
                                 issuers="青岛市工业和信息化局"),
    "joint": SIGNED.format(names="王建国, 李明华", issuers="青岛市工业和信息化局, 青岛市财政局"),
    "letter-number-only": LETTER.format(head=""),
}


def head_lines(pdf_path) -> tuple[list[tuple[float, str, float]], list[dict]]:
    """Page 1's 版头 lines that hold the 签发人 or the 发文字号 (baseline, text, x0), top to
    bottom, and its red rules."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        by_baseline = defaultdict(list)
        for c in page.chars:
            if c["text"].strip():
                by_baseline[round(page.height - c["matrix"][5], 1)].append(c)
        rules = [line for line in page.lines
                 if tuple(line.get("stroking_color") or ()) == (1, 0, 0)]
        height = page.height
    lines = []
    for baseline in sorted(by_baseline):
        chars = sorted(by_baseline[baseline], key=lambda c: c["x0"])
        text = "".join(c["text"] for c in chars)
        if "签发人" in text or "〔" in text:
            lines.append((height - chars[0]["matrix"][5], text, chars[0]["x0"]))
    return lines, rules


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each head's PDF, ours and LibreOffice's."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    out = tmp_path_factory.mktemp("signers")
    pdfs = {}
    for name, text in HEADS.items():
        source = ROOT / "source" / "examples" / f"{name}.yaml"
        if text is not None:
            source = out / f"{name}.yaml"
            source.write_text(text, encoding="utf-8")
        docx = build(source, out)
        pdfs[name] = docx.with_suffix(".pdf"), convert_with_libreoffice(docx, out / "lo")
    return pdfs


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HEADS))
def test_signers_and_doc_number_lines_where_libreoffice_sets_them(rendered, name):
    ours, theirs = (head_lines(pdf) for pdf in rendered[name])
    assert [text for _, text, _ in ours[0]] == [text for _, text, _ in theirs[0]]
    assert ours[0], "no 签发人 or 发文字号 line"
    for (y, text, x), (lo_y, _, lo_x) in zip(ours[0], theirs[0]):
        assert abs(y - lo_y) < 0.5, f"{text}: baseline {y:.2f} in our PDF, {lo_y:.2f} in LO's"
        assert abs(x - lo_x) < 0.5, f"{text}: starts at {x:.2f} in our PDF, {lo_x:.2f} in LO's"
    if name == "letter-number-only":
        return  # a 信函's double lines are checked in test_elements
    number = ours[0][-1]
    assert "〔" in number[1]
    for rules in (ours[1], theirs[1]):  # one red rule (LibreOffice draws it twice, alike)
        assert rules and all(abs(r[key] - rules[0][key]) < 0.1 for r in rules
                             for key in ("top", "x0", "x1"))
    rule, lo_rule = ours[1][0], theirs[1][0]
    assert abs(rule["top"] - lo_rule["top"]) < 0.5
    assert abs(rule["x0"] - lo_rule["x0"]) < 0.5 and abs(rule["x1"] - lo_rule["x1"]) < 0.5
    # 4 mm under the 发文字号's characters (their boxes end 0.12 em under the baseline), to the
    # half point the .docx's border spacing allows; the rule's top edge counts
    under = rule["top"] - rule["linewidth"] / 2 - (number[0] + DESCENT * 16)
    assert abs(under - 4 * 72 / 25.4) <= 0.5

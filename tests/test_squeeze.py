"""Squeezed line ends (挤进, docs/line-ends.md): a line that would push its last character down
before a full-width mark that may not start a line is condensed by the least whole-twip spacing
that fits the mark, at most what puts one more character on a full line; the .docx states that
spacing on exactly that line's runs, so LibreOffice (slow test) and Word set the mark inside the
type area too. A line that does not fit even at the limit still pushes down (推出)."""

from __future__ import annotations

import dataclasses
import functools
import io
from pathlib import Path

import pytest
from docx_text import NS, part

from render.pipeline import load, render_document
from render.compose import compose
from render.compose.blocks import Para
from render.fonts import layout_metrics
from render.layout.breaking import break_lines
from render.layout.pages import Grid, paragraph_format, typeset
from render.load import load_text
from render.style import load_style

ROOT = Path(__file__).resolve().parent.parent
STYLE = load_style("gbt9704")
HAN = "为深入贯彻落实党中央国务院决策部署推动制造业高质量发展现将有关事项通知如下"
FIRST = HAN[:26]  # a full first line (two characters indented)
FULL = HAN[:28]  # a full line after it
CASES = {  # (body text, the second line as set)
    "comma": (FIRST + FULL + "，" + HAN[:10] + "。", FULL + "，"),
    "dash": (FIRST + HAN[:27] + "——" + HAN[:10] + "。", HAN[:27] + "——"),
    "pushed": (FIRST + HAN[:27] + "字”。" + HAN[:10] + "。", HAN[:27]),  # 30 cells: no fit
}
HEAD = """style: gbt9704
title: 关于开展测试工作的通知
issuers: [青岛市工业和信息化局]
date: 2023-05-08
seal: none
addressee: 各区、市工业和信息化主管部门
body:
"""
OUTLINE = HEAD + "".join(f"  - {text}\n" for text, _ in CASES.values())
W = f"{{{NS['w']}}}"


@functools.cache
def plan():
    blocks = compose(load_text(OUTLINE), STYLE)
    return blocks, typeset(blocks, STYLE, layout_metrics(STYLE))


def block_of(text: str) -> int:
    blocks, _ = plan()
    return next(i for i, b in enumerate(blocks)
                if isinstance(b, Para) and "".join(r.text for r in b.runs) == text)


def test_the_limit_is_one_more_character_on_a_full_line():
    most = STYLE.most_condensing(16)
    assert most == 0.55  # 三号 on the 28-character grid
    width = STYLE.page.text_width
    assert 29 * 16 + 28 * (STYLE.tracking(16) - most) <= width
    assert 29 * 16 + 28 * (STYLE.tracking(16) - most + 0.05) > width


@pytest.mark.parametrize("name", ["comma", "dash"])
def test_a_line_that_would_push_is_squeezed_by_the_least(name):
    text, second = CASES[name]
    blocks, laid = plan()
    index = block_of(text)
    lines = laid.lines_of(index)
    assert lines[1].text == second  # the mark on the line, nothing pushed down
    (squeezed,) = [s for s in laid.squeezed if s.block == index]
    assert (squeezed.start, squeezed.stop) == (26, 26 + len(second))
    assert 0 < squeezed.points <= STYLE.most_condensing(16)
    assert lines[1].condensed == squeezed.points
    # the mark's right edge inside the type area: nothing hangs
    last = lines[1].spans[-1]
    assert last.xs[-1] + 16 <= Grid.of(STYLE).right + 0.01
    # the least: a twip less and the line pushes its last character down
    fmt = paragraph_format(blocks[index], STYLE)
    width = Grid.of(STYLE).width
    less = break_lines(fmt.runs, layout_metrics(STYLE), width - fmt.first, width, True,
                       squeeze=squeezed.points - 0.05)
    assert less[1].text != second


def test_a_line_that_does_not_fit_at_the_limit_still_pushes():
    text, second = CASES["pushed"]
    _, laid = plan()
    index = block_of(text)
    lines = laid.lines_of(index)
    assert lines[1].text == second and lines[2].text.startswith("字”。")
    assert not [s for s in laid.squeezed if s.block == index]


def corpus():
    return [ROOT / "source" / "qingdao-miit-2022-summary.yaml",
            *sorted((ROOT / "source" / "examples").glob("*.yaml"))]


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.stem)
def test_squeezed_lines_in_the_corpus(path):
    """Every squeezed line ends with a full-width mark, is condensed within the limit and by
    the least, and ends inside the type area; no other line is condensed."""
    source = load(path)
    style = source.style
    metrics = layout_metrics(style)
    blocks = compose(source.document, style)
    laid = typeset(blocks, style, metrics)
    grid = Grid.of(style)
    if path.stem == "qingdao-miit-2022-summary":
        assert len(laid.squeezed) >= 5  # the seed has lines to squeeze
    for item in laid.squeezed:
        block = blocks[item.block]
        assert isinstance(block, Para)
        text = "".join(run.text for run in block.runs)[item.start:item.stop]
        assert not text[-1].isascii() and not text[-1].isalnum(), text
        size = style.element(block.element.sheet_name).size
        assert 0 < item.points <= style.most_condensing(size)
        line = next(line for line in laid.lines_of(item.block)
                    if line.text == text and line.condensed)
        assert line.text == text and line.condensed == item.points
        assert line.spans[-1].xs[-1] + size <= grid.right + 0.01  # full-width: one em
        fmt = dataclasses.replace(paragraph_format(block, style),
                                  squeeze=item.points - block.condense - 0.05)
        width = grid.width - fmt.left - fmt.right
        less = break_lines(fmt.runs, metrics, width - fmt.first, width,
                           fmt.align == "justify", style.autospace, fmt.squeeze)
        assert text not in [set_line.text for set_line in less]


def test_docx_states_the_squeezed_spacing_on_that_line_only():
    blocks, laid = plan()
    data = render_document(load_text(OUTLINE), STYLE, ("docx",))["docx"]
    body = part(io.BytesIO(data), "word/document.xml").find("w:body", NS)
    spaced = {}
    for p in body.iter(f"{W}p"):
        for run in p.iter(f"{W}r"):
            spacing = run.find("w:rPr/w:spacing", NS)
            if spacing is not None:
                text = "".join(t.text or "" for t in run.iter(f"{W}t"))
                key = "".join(t.text or "" for t in p.iter(f"{W}t"))
                spaced.setdefault(key, []).append((text, spacing.get(f"{W}val")))
    assert set(spaced) == {CASES["comma"][0], CASES["dash"][0]}
    for name in ("comma", "dash"):
        text, second = CASES[name]
        (squeezed,) = [s for s in laid.squeezed if s.block == block_of(text)]
        want = str(round((STYLE.tracking(16) - squeezed.points) * 20))
        assert "".join(piece for piece, _ in spaced[text]) == second
        assert {val for _, val in spaced[text]} == {want}


@pytest.mark.slow
def test_libreoffice_sets_the_squeezed_lines_as_our_pdf(tmp_path):
    """LibreOffice's rendering of the .docx: the same line texts as our PDF, the squeezed
    lines' marks on their lines and inside the type area."""
    from conftest import build, convert_with_libreoffice, fonts_installed
    from pdfmeasure import RIGHT, body_rows, rows

    if not fonts_installed():
        pytest.skip("the PDF's faces are not installed (gongwen fonts install)")
    source = tmp_path / "squeeze.yaml"
    source.write_text(OUTLINE, encoding="utf-8")
    docx = build(source, tmp_path)
    ours = [[row.text for row in body_rows(page)] for page in rows(docx.with_suffix(".pdf"))]
    lo_pages = rows(convert_with_libreoffice(docx, tmp_path / "lo"))
    theirs = [[row.text for row in body_rows(page)] for page in lo_pages]
    assert theirs == ours
    lo_rows = [row for page in lo_pages for row in body_rows(page)]
    for name in ("comma", "dash"):
        second = CASES[name][1]
        (row,) = [row for row in lo_rows if row.text.replace(" ", "") == second]
        assert row.chars[-1]["x1"] <= RIGHT + 0.5
    assert any(row.text.replace(" ", "") == CASES["pushed"][1] for row in lo_rows)

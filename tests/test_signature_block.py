"""The 署名 block's pagination (GB/T 9704 §7.3.5), as properties: for every row on which the
text can end (1–22) and every closing (unsealed, sealed, 签名章, with 附件说明, with 附注, with
版记), the 署名, 成文日期 and seal never begin a page without 正文 and are never split; when
they do not fit, at least two lines of text go over with them; the .docx states the same page
breaks. Fast: the shipped metrics, no LibreOffice (tests/test_layout_measured.py renders a
sample in LibreOffice)."""

from __future__ import annotations

import functools
import io

import pytest
from docx_text import NS, part

from render.pipeline import render_document
from render.compose import compose
from render.conformance import SIGN_KINDS, closing, grid_lines, is_text, signature_block
from render.fonts import layout_metrics
from render.layout.pages import typeset
from render.load import load_text
from render.style import load_style

HEAD = """style: gbt9704
header:
  issuers: [青岛市工业和信息化局]
  doc_number: 青工信发〔2023〕20号
title: 关于开展测试工作的通知
issuers: [青岛市工业和信息化局]
date: 2023-05-08
addressee: 各区、市工业和信息化主管部门
"""
CLOSINGS = {
    "unsealed": "seal: none\n",
    "sealed": "seal: seal\n",
    "signature-seal": "seal: signature\nsigner:\n  title: 局长\n  name: 张三\n",
    "attachment-note": "seal: seal\nattachments:\n  - title: 测试企业名单\n    separate: true\n",
    "note": "seal: none\nnote: 此件公开发布\n",
    "imprint": "seal: seal\nimprint:\n  cc: [山东省工业和信息化厅]\n  printer: 青岛市工业和信息化局办公室\n"
               "  date: 2023-05-09\n",
}
SENTENCE = "为深入贯彻落实党中央国务院决策部署推动制造业高质量发展现将有关事项通知如下"
LAST_LINES = (1, 2, 3, 6, 7)  # lines of the text's last paragraph (2: under a heading; 7: the
# last of them two characters long, which condensing the spacing can take back, §7.3.5.5)
STYLE = load_style("gbt9704")
ROWS = STYLE.lines


def outline(closing_yaml: str, paragraphs: int, last_lines: int, dated: bool = True) -> str:
    last = (SENTENCE * 8)[:28 * last_lines - 6 if last_lines < 7 else 167] + "。"
    body = "".join(f"  - 第{n}项。\n" for n in range(paragraphs))
    body += f"  - heading: 工作要求\n    body:\n      - {last}\n" if last_lines == 2 else \
        f"  - {last}\n"
    head = HEAD if dated else HEAD.replace("date: 2023-05-08\n", "")
    return head + closing_yaml + "body:\n" + body


@functools.cache
def plan(text: str):
    document = load_text(text)
    return typeset(compose(document, STYLE), STYLE, layout_metrics(STYLE)), document


def text_end(paragraphs: int, last_lines: int) -> tuple[int, int]:
    """(page, row) of the text's last line when nothing follows it."""
    laid, _ = plan(outline("seal: none\n", paragraphs, last_lines, dated=False))
    page = [p for p in laid.pages if any(is_text(line) for line in p.lines)][-1]
    return page.number, max(line.row for line in page.lines if is_text(line))


@functools.cache
def cases() -> list[tuple[str, int, int]]:
    """(closing, paragraphs, last lines) with the text ending on every row of page 2 (made
    when a test first asks, not when tests are collected: some 850 plans)."""
    found = {}
    for last_lines in LAST_LINES:
        for paragraphs in range(0, 40):
            page, row = text_end(paragraphs, last_lines)
            if page == 2:
                found.setdefault((row, last_lines), paragraphs)
    return [(name, paragraphs, last_lines) for (row, last_lines), paragraphs in sorted(found.items())
            for name in CLOSINGS]


def test_the_cases_end_the_text_on_every_row():
    rows = {text_end(paragraphs, last)[1] for _, paragraphs, last in cases()}
    assert rows == set(range(ROWS)), sorted(set(range(ROWS)) - rows)


@pytest.mark.parametrize("last_lines", LAST_LINES)
def test_signature_block_rules(last_lines):
    """Every closing after a text ending on each row of page 2 whose last paragraph has
    `last_lines` lines."""
    endings = sorted({paragraphs for _, paragraphs, last in cases() if last == last_lines})
    assert endings
    for paragraphs in endings:
        for name in CLOSINGS:
            signature_block_rules(name, paragraphs, last_lines)


def signature_block_rules(name, paragraphs, last_lines):
    laid, document = plan(outline(CLOSINGS[name], paragraphs, last_lines))
    assert signature_block(laid) == "", name
    assert closing(laid) == "", name
    sign_page = next(p for p in laid.pages if any(l.kind in SIGN_KINDS for l in p.lines))
    lines = grid_lines(sign_page)
    first = next(i for i, line in enumerate(lines) if line.kind in SIGN_KINDS)
    before = [line for line in lines[:first] if line.kind != "blank"]
    # the block's top within the blank rows the rule sets above it: never more (a seal's top
    # stays within one line of the text)
    gap = lines[first].row - before[-1].row - 1
    assert gap == {"unsealed": 1, "note": 1, "signature-seal": 2}.get(name, 2), name
    for page in laid.pages:  # a heading never ends a page
        assert not grid_lines(page) or not grid_lines(page)[-1].kind.startswith("heading")
    if laid.breaks:  # carried over: at least two lines of text with it
        assert sum(is_text(line) for line in before) >= 2
        carried = laid.breaks[0]
        assert laid.placed[carried.block].last_page == sign_page.number
        assert carried.line == 0 or carried.line >= 2  # no paragraph's first line left alone
    no_break = plan(outline("seal: none\n", paragraphs, last_lines, dated=False))[0]
    if not laid.breaks:  # nothing moved that the flow did not move
        assert [len(p.body) > 0 for p in no_break.pages] == \
            [any(is_text(l) for l in p.lines) for p in laid.pages[:len(no_break.pages)]]


def test_a_block_that_fits_moves_nothing():
    """The text ending with room for the block: no forced break."""
    for (name, paragraphs, last_lines) in cases():
        page, row = text_end(paragraphs, last_lines)
        rows = {"unsealed": 4, "note": 5}.get(name, 5)
        if row + rows < ROWS - 1 and name != "attachment-note":
            assert plan(outline(CLOSINGS[name], paragraphs, last_lines))[0].breaks == ()


def document_paragraphs(text: str) -> list[tuple[str, bool, bool, str]]:
    """(style, pageBreakBefore, keepNext, text) of each body paragraph of the .docx."""
    document = load_text(text)
    data = render_document(document, STYLE, ("docx",))["docx"]
    root = part(io.BytesIO(data), "word/document.xml")
    out = []
    for p in root.iter(f"{{{NS['w']}}}p"):
        ppr = p.find("w:pPr", NS)
        style = ppr.find("w:pStyle", NS).get(f"{{{NS['w']}}}val") if ppr is not None \
            and ppr.find("w:pStyle", NS) is not None else ""
        flag = (lambda tag: ppr is not None and ppr.find(f"w:{tag}", NS) is not None)
        out.append((style, flag("pageBreakBefore"), flag("keepNext"),
                    "".join(t.text or "" for t in p.iter(f"{{{NS['w']}}}t"))))
    return out


@pytest.mark.parametrize("last_lines", LAST_LINES)
def test_docx_breaks_where_layout_carried_the_text(last_lines):
    """The forced break in the .docx: before the carried lines' text, which starts the page in
    the plan; the lines before it in a paragraph of their own, justified to the end."""
    name, paragraphs = "sealed", None
    for case in cases():
        if case[0] == name and case[2] == last_lines and plan(outline(CLOSINGS[name], *case[1:]))[0].breaks:
            paragraphs = case[1]
            break
    assert paragraphs is not None
    text = outline(CLOSINGS[name], paragraphs, last_lines)
    laid, _ = plan(text)
    forced = laid.breaks[0]
    page = laid.pages[laid.placed[forced.block].last_page - 1]
    carried = "".join(line.text for line in grid_lines(page) if line.block == forced.block)
    paras = document_paragraphs(text)
    breaking = [p for p in paras if p[1]]
    assert len(breaking) == 1 and breaking[0][3] == carried
    at = paras.index(breaking[0])
    if forced.line:  # split: the head ends exactly where the plan's page ends
        head = paras[at - 1]
        assert head[0] == breaking[0][0] and head[3] + carried == "".join(
            line.text for line in laid.lines_of(forced.block))
    # the block after the text is kept together: keepNext on each of its paragraphs but the last
    end = max(i for i, p in enumerate(paras) if p[0] == "GwBody")
    date = next(i for i, p in enumerate(paras) if p[0] == "GwDate")
    assert date > end + 1 and all(p[2] for p in paras[end + 1:date])
    assert not paras[date][2] and not any(p[2] for p in paras[:end + 1])


def test_condensing_comes_before_carrying():
    """§7.3.5.5 first: where the last paragraph's short last line is all that keeps the block
    off the page, the paragraph is condensed (by the least that takes the line back, at most
    one more character on a full line) and nothing is carried."""
    condensed = []
    for name, paragraphs, last_lines in cases():
        laid, _ = plan(outline(CLOSINGS[name], paragraphs, last_lines))
        if last_lines == 7 and text_end(paragraphs, last_lines)[1] == 18 and name == "sealed":
            assert laid.breaks == () and len(laid.condensed) == 1
        for item in laid.condensed:
            assert 0 < item.points <= 0.55
            lines = laid.lines_of(item.block)
            assert max(len(line.text) for line in lines) == 29  # one more than the 28
            condensed.append((name, paragraphs, last_lines))
    assert condensed and all(last == 7 for _, _, last in condensed)


def test_docx_states_the_condensed_spacing():
    name, paragraphs, last_lines = next(
        case for case in cases() if case[2] == 7 and plan(outline(CLOSINGS[case[0]], *case[1:]))[0].condensed)
    text = outline(CLOSINGS[name], paragraphs, last_lines)
    laid, _ = plan(text)
    (item,) = laid.condensed
    data = render_document(load_text(text), STYLE, ("docx",))["docx"]
    root = part(io.BytesIO(data), "word/document.xml")
    w = f"{{{NS['w']}}}"
    spaced = [p for p in root.iter(f"{w}p")
              if p.find(".//w:rPr/w:spacing", NS) is not None]
    assert len(spaced) == 1
    want = round((STYLE.tracking(16) - item.points) * 20)
    runs = spaced[0].findall("w:r", NS)
    assert runs and all(r.find("w:rPr/w:spacing", NS).get(f"{w}val") == str(want) for r in runs)


def both_renderings(tmp_path, text: str) -> tuple[list[list[str]], list[list[str]]]:
    """The text of each line of each page: our PDF's, LibreOffice's rendering of our .docx."""
    from conftest import build, convert_with_libreoffice, fonts_installed
    from pdfmeasure import body_rows, rows

    if not fonts_installed():
        pytest.skip("the PDF's faces are not installed (gongwen fonts install)")
    source = tmp_path / "doc.yaml"
    source.write_text(text, encoding="utf-8")
    docx = build(source, tmp_path)
    return ([[row.text for row in body_rows(page)] for page in rows(docx.with_suffix(".pdf"))],
            [[row.text for row in body_rows(page)]
             for page in rows(convert_with_libreoffice(docx, tmp_path / "lo"))])


def lo_sample() -> list[tuple[str, int, int]]:
    """A sample for LibreOffice: each way the block is made room for, at the page's last rows."""
    picked = {}
    for name, paragraphs, last_lines in cases():
        laid, _ = plan(outline(CLOSINGS[name], paragraphs, last_lines))
        row = text_end(paragraphs, last_lines)[1]
        way = ("condensed" if laid.condensed else
               "split" if laid.breaks and laid.breaks[0].line else
               "whole" if laid.breaks else "")
        if way and (row >= 19 or way == "condensed") and name in ("sealed", "imprint", "note"):
            picked.setdefault((way, last_lines), (name, paragraphs, last_lines))
    return sorted(picked.values())


@pytest.mark.slow
def test_libreoffice_sets_the_same_pages(tmp_path):
    """LibreOffice's rendering of the .docx has the pages and lines of our PDF: the forced
    break and the condensed spacing are stated, not left to the engine (each case of the
    sample in turn)."""
    sample = lo_sample()
    assert len(sample) >= 5
    for number, (name, paragraphs, last_lines) in enumerate(sample):
        folder = tmp_path / str(number)
        folder.mkdir()
        case = (name, paragraphs, last_lines)
        ours, theirs = both_renderings(folder, outline(CLOSINGS[name], paragraphs, last_lines))
        assert theirs == ours, case
        sign = [i for i, page in enumerate(ours) if any("2023年5月8日" in t.replace(" ", "")
                                                       for t in page)]
        assert len(sign) == 1 and len(ours[sign[0]]) >= 4, case  # text, 署名, date: one page


TALL_END = HEAD + "seal: seal\nbody:\n  - 现将有关事项通知如下。\nattachments:\n" + "".join(
    f"  - title: 第{i}号测试附件名称比较长一些的名单表格\n    separate: true\n" for i in range(1, 26))


def test_an_end_taller_than_a_page_is_set_in_the_flow():
    """25 attachments in the 附件说明: no page holds the end, so nothing is carried and the
    .docx keeps together only what layout set on one page."""
    laid, _ = plan(TALL_END)
    assert laid.breaks == () and laid.condensed == ()
    paras = document_paragraphs(TALL_END)
    notes = [p for p in paras if p[0] == "GwAttachmentNote"]
    assert len(notes) == 25 and not all(p[2] for p in notes)  # one page change: no keepNext


@pytest.mark.slow
def test_libreoffice_sets_a_tall_end_as_we_do(tmp_path):
    ours, theirs = both_renderings(tmp_path, TALL_END)
    assert theirs == ours

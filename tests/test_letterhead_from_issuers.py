"""No silent 版头 loss (issue #11): a style whose page 1 has a 版头 (`letterhead: true`) makes it
from `issuers` when the outline has no `header:` — the red 发文机关标志 in the typeset plan and in
the .docx, the 信函's page 1 unnumbered in both; with no issuer to name, exit 2 naming the key
and nothing written."""

from __future__ import annotations

import io

import pytest
from docx_text import NS, W, part

from render.pipeline import render_document
from render.cli import main
from render.compose import compose
from render.fonts import layout_metrics
from render.layout.pages import typeset
from render.load import load_text
from render.style import load_style

ISSUER = "青岛市工业和信息化局"
BODY = "body:\n" + "".join(f"  - 第{i}段正文，为做好测试工作，现将有关事项通知如下，请认真贯彻落实。\n"
                           for i in range(30))  # two pages and more
NOTICE = f"title: 关于开展测试工作的通知\nissuers: [{ISSUER}]\n{BODY}"
RED = "FF0000"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def made(text: str):
    """(the typeset plan, the .docx bytes) of an outline, typeset once as the build does."""
    document = load_text(text)
    style = load_style(document.style)
    blocks = compose(document, style)
    plan = typeset(blocks, style, layout_metrics(style))
    return plan, io.BytesIO(render_document(document, style, blocks=blocks)["docx"])


def marks(page) -> list:
    return [line for line in page.lines if line.kind == "mark"]


def numbered(page) -> bool:
    """Whether the plan prints a page number on `page`."""
    return any(line.kind == "page_number" for line in page.lines)


def paragraphs(docx, style_id: str) -> list:
    body = part(docx, "word/document.xml").find("w:body", NS)
    return [p for p in body.iter(f"{{{W}}}p")
            if (s := p.find("w:pPr/w:pStyle", NS)) is not None and s.get(f"{{{W}}}val") == style_id]


def text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))


def mark_style_color(docx) -> str:
    styles = part(docx, "word/styles.xml")
    mark = styles.find("w:style[@w:styleId='GwMark']", NS)
    return mark.find("w:rPr/w:color", NS).get(f"{{{W}}}val")


def footers(docx) -> dict[str, str]:
    """footerReference type → the footer part's field instructions and text."""
    sect = part(docx, "word/document.xml").find("w:body/w:sectPr", NS)
    rels = {r.get("Id"): r.get("Target") for r in part(docx, "word/_rels/document.xml.rels")}
    out = {}
    for ref in sect.findall("w:footerReference", NS):
        footer = part(docx, "word/" + rels[ref.get(R)])
        out[ref.get(f"{{{W}}}type")] = "".join(
            t.text or "" for t in footer.iter(f"{{{W}}}instrText", f"{{{W}}}t"))
    return out


def test_a_gbt9704_outline_without_header_gets_the_red_mark_from_its_issuers():
    plan, docx = made(NOTICE)
    (mark,) = marks(plan.pages[0])
    assert mark.text == ISSUER + "文件"
    assert {span.color for span in mark.spans} == {RED}
    assert any(rule.color == RED for rule in plan.pages[0].rules)  # the red rule under it
    assert numbered(plan.pages[0])
    (p,) = paragraphs(docx, "GwMark")
    assert text(p) == ISSUER + "文件" and mark_style_color(docx) == RED


def test_a_style_sheet_says_what_the_made_mark_is_called(tmp_path):
    (tmp_path / "notice.yaml").write_text("extends: gbt9704\nmark_suffix: 通报\n", encoding="utf-8")
    document = load_text(NOTICE)
    style = load_style(str(tmp_path / "notice.yaml"))
    plan = typeset(compose(document, style), style, layout_metrics(style))
    assert [line.text for line in marks(plan.pages[0])] == [ISSUER + "通报"]


def test_material_has_no_mark():
    plan, docx = made("style: material\n" + NOTICE)
    assert not marks(plan.pages[0]) and not paragraphs(docx, "GwMark")


def test_a_letter_without_header_gets_its_mark_and_leaves_page_one_unnumbered():
    plan, docx = made("style: letter\n" + NOTICE)
    (mark,) = marks(plan.pages[0])
    assert mark.text == ISSUER  # a 函's mark: the name alone
    assert {span.color for span in mark.spans} == {RED}
    assert len(plan.pages) >= 2
    assert not plan.pages[0].numbered and not numbered(plan.pages[0])
    assert all(numbered(page) for page in plan.pages[1:])
    (p,) = paragraphs(docx, "GwMark")
    assert text(p) == ISSUER and p.find("w:pPr/w:framePr", NS) is not None
    sect = part(docx, "word/document.xml").find("w:body/w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None
    feet = footers(docx)
    assert "PAGE" not in feet["first"] and feet["first"].strip() == ""
    assert "PAGE" in feet["default"]


def test_a_letter_on_preprinted_paper_leaves_page_one_unnumbered_in_the_docx_too():
    """No frames to draw (the paper has the mark), yet page 1 is the 信函's first page."""
    plan, docx = made("style: letter\nheader:\n  letterhead: preprinted\n" + NOTICE)
    assert not marks(plan.pages[0]) and not plan.pages[0].numbered
    assert part(docx, "word/document.xml").find("w:body/w:sectPr/w:titlePg", NS) is not None
    assert "PAGE" not in footers(docx)["first"]


def test_a_standard_document_numbers_page_one_in_the_docx():
    _, docx = made(NOTICE)
    assert part(docx, "word/document.xml").find("w:body/w:sectPr/w:titlePg", NS) is None


@pytest.mark.parametrize("style", ["gbt9704", "letter", "minutes", "order"])
@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("header, where, key", [
    ("", "1:1", "issuers"),
    ("header:\n  doc_number: 某发〔2023〕1号\n", "3:3", "header"),
])
def test_no_issuer_for_the_mark_is_refused_naming_the_key(tmp_path, capsys, style, command,
                                                          header, where, key):
    source = tmp_path / "x.yaml"
    source.write_text(f"style: {style}\n{header}title: 标题\nbody:\n  - 正文。\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = [command, str(source)] + (["-o", str(out)] if command == "build" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{source}:{where}: {key}: the style {style} prints a 版头"), err
    assert "header.issuers" in err and "`issuers:`" in err and len(err.splitlines()) == 1
    assert not out.exists()


def test_material_without_issuers_is_fine(tmp_path):
    source = tmp_path / "x.yaml"
    source.write_text("style: material\ntitle: 标题\nbody:\n  - 正文。\n", encoding="utf-8")
    assert main(["check", str(source)]) == 0

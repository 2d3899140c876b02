"""Bugs found in review (issue #10), each with the test that would have caught it."""

from __future__ import annotations

from pathlib import Path

from render.cli import main
from render.compose import compose
from render.compose.blocks import Element, Para
from render.load import load_text
from render.style import load_style

OUTLINE = """style: {style}
title: 关于测试的通知
issuers:
  - 青岛市工业和信息化局
addressee: 各有关单位
body:
  - |-
    {body}
"""


def test_diff_docx_finds_a_style_sheet_beside_the_outline(tmp_path, capsys):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "local.yaml").write_text("extends: gbt9704\n", encoding="utf-8")
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OUTLINE.format(style="local", body="原来的正文。"), encoding="utf-8")
    new.write_text(OUTLINE.format(style="local", body="修改后的正文。"), encoding="utf-8")
    out = tmp_path / "r.docx"
    assert main(["diff", str(old), str(new), "--docx", str(out)]) == 1
    assert out.stat().st_size > 0


def test_equal_attachments_are_numbered_by_place():
    text = OUTLINE.format(style="gbt9704", body="正文。") + """attachments:
  - title: 申报表
    body:
      - 内容。
  - title: 申报表
    body:
      - 内容。
"""
    document = load_text(text)
    blocks = compose(document, load_style("gbt9704"))
    labels = [b.text for b in blocks if isinstance(b, Para)
              and b.element == Element.ATTACHMENT_LABEL]
    assert labels == ["附件1", "附件2"]


def test_a_redline_without_a_date_is_reproducible(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OUTLINE.format(style="gbt9704", body="原来的正文。"), encoding="utf-8")
    new.write_text(OUTLINE.format(style="gbt9704", body="修改后的正文。"), encoding="utf-8")
    outputs = []
    for name in ("a.docx", "b.docx"):
        assert main(["diff", str(old), str(new), "--docx", str(tmp_path / name),
                     "--author", "审核人"]) == 1
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    import zipfile

    xml = zipfile.ZipFile(tmp_path / "a.docx").read("word/document.xml").decode()
    assert 'w:date="2000-01-01T00:00:00Z"' in xml  # no 成文日期: a fixed date, never today


def test_the_docx_of_a_docx_only_build_equals_the_full_build_s(tmp_path):
    """One typeset plan: building the .docx alone (shipped metrics) and with the PDF (the
    installed open faces) gives the same bytes."""
    source = Path(__file__).resolve().parent.parent / "source/examples/notice-full.yaml"
    assert main(["build", "-q", "--format", "docx", "-o", str(tmp_path / "a"), str(source)]) == 0
    assert main(["build", "-q", "-o", str(tmp_path / "b"), str(source)]) == 0
    assert (tmp_path / "a/notice-full.docx").read_bytes() == \
        (tmp_path / "b/notice-full.docx").read_bytes()

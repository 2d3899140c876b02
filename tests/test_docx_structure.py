"""The .docx's structure as other software reads it: stand-alone headings in styles named as
Word's built-in `heading 1` … `heading 4` (the Chinese names as aliases), so that pandoc finds
every heading of every example at its level; run-in paragraphs are body text."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_text import NS, W, paragraph_styles, part
from test_docx_xml import expected_paragraphs

from conftest import ROOT, SEED, build

EXAMPLES = sorted([*ROOT.glob("source/*.yaml"), *ROOT.glob("source/examples/*.yaml"),
                   *ROOT.glob("source/volumes/*.yaml")])
FOUR_LEVELS = """\
title: 青岛市工业和信息化局关于四级标题的通知
issuers: [青岛市工业和信息化局]
date: 2024-01-15
body:
  - heading: 总体要求
    body:
      - heading: 工作目标
        body:
          - heading: 数量目标
            body:
              - heading: 专精特新企业
                body: [全年新增专精特新中小企业200家以上。]
          - lead: 质量目标。
            text: 企业研发投入强度明显提高。
"""
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None,
                                  reason="pandoc not installed (tests/run.sh installs it)")


def attr(el, name: str = "val") -> str | None:
    return None if el is None else el.get(f"{{{W}}}{name}")


def pandoc_headers(docx: Path) -> list[tuple[int, str]]:
    """(level, text) of each Header block in pandoc's reading of `docx`."""
    ast = json.loads(subprocess.run(["pandoc", "-f", "docx", "-t", "json", str(docx)],
                                    capture_output=True, text=True, check=True).stdout)
    return [(block["c"][0], _text(block["c"][2]))
            for block in ast["blocks"] if block["t"] == "Header"]


def _text(inlines) -> str:
    out = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind == "Span":
            out.append(_text(content[1]))
        elif isinstance(content, list) and kind not in ("Space", "SoftBreak", "LineBreak"):
            out.append(_text(content))  # Strong, Emph …
    return "".join(out)


def written_headings(docx: Path) -> list[tuple[int, str]]:
    """(level, text without spaces) of each paragraph the writer set in a GwHeading style."""
    return [(int(style[-1]), "".join(text.split())) for style, text in paragraph_styles(docx)
            if style.startswith("GwHeading")]


@pytest.fixture(scope="module")
def four_levels(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("four-levels")
    outline = folder / "four-levels.yaml"
    outline.write_text(FOUR_LEVELS, encoding="utf-8")
    return build(outline, folder / "out", "--format", "docx")


@pytest.fixture(scope="module")
def styles(four_levels):
    return part(four_levels, "word/styles.xml")


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_heading_styles_carry_words_built_in_names_and_the_chinese_alias(styles, level):
    style = styles.find(f"w:style[@w:styleId='GwHeading{level}']", NS)
    assert attr(style.find("w:name", NS)) == f"heading {level}"
    assert attr(style.find("w:aliases", NS)) == f"{'一二三四'[level - 1]}级标题"
    assert attr(style.find("w:pPr/w:outlineLvl", NS)) == str(level - 1)
    names = [attr(s.find("w:name", NS)) for s in styles.findall("w:style", NS)]
    assert names.count(f"heading {level}") == 1


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_run_in_styles_are_body_text_without_an_outline_level(styles, level):
    style = styles.find(f"w:style[@w:styleId='GwRunIn{level}']", NS)
    assert style.find("w:pPr/w:outlineLvl", NS) is None
    assert attr(style.find("w:basedOn", NS)) == "GwBody"


@needs_pandoc
def test_pandoc_reads_every_level_of_heading(four_levels):
    assert pandoc_headers(four_levels) == [
        (1, "一、总体要求"), (2, "（一）工作目标"), (3, "1.数量目标"), (4, "（1）专精特新企业")]


@needs_pandoc
def test_pandoc_reads_the_seeds_headings_as_the_outline_has_them(seed_docx):
    expected = [(int(style[-1]), text) for style, text in expected_paragraphs()
                if style.startswith("GwHeading")]
    assert len(expected) == 6
    assert pandoc_headers(seed_docx) == expected


@needs_pandoc
@pytest.mark.parametrize("outline", EXAMPLES, ids=lambda path: path.name)
def test_pandoc_finds_every_heading_of_every_example_at_its_level(tmp_path, outline):
    docx = build(outline, tmp_path, "--format", "docx")
    found = [(level, "".join(text.split())) for level, text in pandoc_headers(docx)]
    assert found == written_headings(docx)

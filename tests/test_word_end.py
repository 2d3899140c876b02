"""A Word-safe end (issue #11): the body never ends with a table, so Word and WPS add no paragraph
of their own after the 版记 (a grid row, which made a blank page); the 版记's rows are as tall as
their lines less their borders; no border of width 0. Checked in the XML (fast) and in
LibreOffice (slow): with Word's paragraph simulated, and through a round trip to .odt."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx_text import NS, W, part

from conftest import ROOT, SEED, build, soffice
from render.pipeline import load
from render.compose import compose
from render.compose.blocks import ImprintBlock
from render.docx.imprint import END
from render.docx.styles import line_pitch_twips
from render.docx.writer import imprint_plan
from render.fonts import layout_metrics
from render.layout.pages import typeset

OUTLINES = [SEED, *sorted((ROOT / "source" / "examples").rglob("*.yaml"))]
IDS = [path.stem for path in OUTLINES]


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("word-end")
    return {path.stem: build(path, out / path.stem, "--format", "docx") for path in OUTLINES}


def layout(path: Path):
    """The outline's blocks, style and typeset, as a .docx-only build lays them out."""
    source = load(path)
    blocks = compose(source.document, source.style)
    return blocks, source.style, typeset(blocks, source.style, layout_metrics(source.style))


def body_children(docx: Path) -> list:
    body = part(docx, "word/document.xml").find("w:body", NS)
    return [child for child in body if child.tag != w("sectPr")]


def twips_of(border) -> int:
    """A border's width in twips (w:sz is in eighths of a point)."""
    return round(int(border.get(w("sz"))) / 8 * 20)


# -- the XML (fast) -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", OUTLINES, ids=IDS)
def test_the_body_never_ends_with_a_table(built, path):
    children = body_children(built[path.stem])
    assert children[-1].tag == w("p")
    if children[-2].tag != w("tbl"):
        return
    end = children[-1]  # the paragraph standing in for Word's: off the grid, END twips, no text
    assert end.find(".//w:t", NS) is None
    assert end.find("w:pPr/w:snapToGrid", NS).get(w("val")) in ("0", "false")
    spacing = end.find("w:pPr/w:spacing", NS)
    assert spacing.get(w("lineRule")) == "exact" and int(spacing.get(w("line"))) == END
    assert end.find("w:pPr/w:rPr/w:vanish", NS) is not None
    assert end.find("w:pPr/w:rPr/w:sz", NS).get(w("val")) == "2"


def test_five_of_the_examples_end_with_the_imprint(built):
    ends = [stem for stem, docx in built.items() if body_children(docx)[-2].tag == w("tbl")]
    assert len(ends) >= 5, ends


@pytest.mark.parametrize("path", OUTLINES, ids=IDS)
def test_imprint_rows_are_as_tall_as_their_lines_less_their_borders(built, path):
    blocks, style, plan = layout(path)
    imprints = [index for index, block in enumerate(blocks) if isinstance(block, ImprintBlock)]
    if not imprints:  # no 版记: nothing to measure (CI counts a skip as a failure)
        return
    pitch = line_pitch_twips(style)
    lines = imprint_plan(plan, imprints[-1]).rows
    table = body_children(built[path.stem])[-2]
    assert table.tag == w("tbl")
    rows = table.findall("w:tr", NS)
    assert len(rows) == len(lines)
    for index, (row, count) in enumerate(zip(rows, lines)):
        height = row.find("w:trPr/w:trHeight", NS)
        assert height.get(w("hRule")) == "exact"
        borders = sum(twips_of(b) for b in row.findall("w:tc/w:tcPr/w:tcBorders/*", NS))
        room = END if index == len(rows) - 1 else 0  # the end paragraph's line, under the table
        value = int(height.get(w("val")))
        assert value + room >= count * pitch - borders - 1, (index, value, count, borders)
        assert value + room <= count * pitch, (index, value, count)


@pytest.mark.parametrize("path", OUTLINES, ids=IDS)
def test_no_border_of_width_zero(built, path):
    with zipfile.ZipFile(built[path.stem]) as docx:
        for name in docx.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                assert b'w:sz="0"' not in docx.read(name), name


# -- LibreOffice (slow) ---------------------------------------------------------------------------

def office(source: Path, out: Path, target: str) -> Path:
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed; tests/run.sh installs it")
    subprocess.run([program, f"-env:UserInstallation=file://{out.parent / 'lo-profile'}",
                    "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
                   check=True, env=dict(os.environ), capture_output=True, timeout=180)
    made = out / f"{source.stem}.{target}"
    assert made.exists(), f"LibreOffice wrote no {target}"
    return made


def pages(pdf: Path) -> int:
    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def as_word_opens_it(docx: Path, target: Path) -> Path:
    """The .docx with the paragraph Word and WPS put after a table that ends the body (an empty
    `w:p` before `w:sectPr`, in the default style: a grid row); unchanged otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml" and body_children(docx)[-1].tag == w("tbl"):
                text = data.decode()
                cut = text.rindex("<w:sectPr")
                data = (text[:cut] + "<w:p/>" + text[cut:]).encode()
            copy.writestr(info, data)
    return target


@pytest.mark.slow
@pytest.mark.parametrize("path", OUTLINES, ids=IDS)
def test_word_paragraph_after_the_end_adds_no_page(built, path, tmp_path):
    expected = len(layout(path)[2].pages)
    docx = built[path.stem]
    assert pages(office(docx, tmp_path / "as-is", "pdf")) == expected
    opened = as_word_opens_it(docx, tmp_path / "word" / docx.name)
    assert pages(office(opened, tmp_path / "word-pdf", "pdf")) == expected


@pytest.mark.slow
@pytest.mark.parametrize("path", OUTLINES, ids=IDS)
def test_odt_round_trip_keeps_the_page_count(built, path, tmp_path):
    """LibreOffice keeps a paragraph after a final table in its own model: saved as .odt, the
    document used to grow a page there."""
    expected = len(layout(path)[2].pages)
    odt = office(built[path.stem], tmp_path / "odt", "odt")
    assert pages(office(odt, tmp_path / "pdf", "pdf")) == expected

"""Copying text out of the PDF gives the outline's text (issue #15), for every example.

The text expected is the typeset plan's: every drawn line's text, page by page, in the order
the writer draws them (page numbers included). Only line and page breaks are normalised away
(extractors put a line break after each line, a form feed after each page); nothing else:
a space where autospacing leaves a gap between Chinese and digits, a letter-spaced justified
line or a lost hyphen at a line's end is a failure.

- pdftotext (poppler) in content order (`-raw`) and pdfium read each line's marked-content
  /ActualText. Not yet: both put a space between two lines set on one baseline (joint
  issuers' names and 文件, a table's cells), so the joint notices and the tables are left out
  of these two checks (the structure-tree checks below cover them). (poppler's default reading-order mode removes a hyphen that ends a line by
  design, whatever the file says: `-raw` and `-layout` keep it.)
- pdfplumber (pdfminer) and pypdf ignore /ActualText and read glyph positions, so they see the
  gaps as spaces; what they offer instead is the structure tree, whose elements carry the same
  /ActualText: read from it, in the tree's order (blocks in document order, page numbers
  left out as artifacts), the text is the outline's exactly. This is a fallback, not what
  their `extract_text` gives.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from unittest import mock

import pdfplumber
import pypdf
import pytest

import render
import render.pdf
from conftest import ROOT, SEED, fonts_installed

EXAMPLES = [SEED, *sorted((ROOT / "source" / "examples").glob("*.yaml")),
            *sorted((ROOT / "source" / "volumes").glob("*.yaml"))]


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[bytes, list]]:
    """Every example's PDF and the pages the writer drew, by the outline's stem."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    original = render.pdf.write_pdf
    out = {}
    for path in EXAMPLES:
        drawn = []

        def record(pages, *args, **kwargs):
            drawn.append(pages)
            return original(pages, *args, **kwargs)

        with mock.patch.object(render.pdf, "write_pdf", record):
            data = render.build(path, formats=["pdf"])["pdf"]
        out[path.stem] = data, drawn[0]
    return out


def drawn_text(pages) -> str:
    return "".join(line.text for page in pages for line in page.lines if line.spans)


def tree_text(pages) -> str:
    """The text lines, page numbers left out, in the structure tree's order."""
    from render.pdf.structure import tag

    def walk(element) -> str:
        if element.text:
            return element.text
        return "".join(walk(kid) for kid in element.kids if not hasattr(kid, "mcid"))

    return walk(tag(pages).root)


def unbroken(text: str) -> str:
    return text.replace("\n", "").replace("\f", "")


def test_pdftotext_copies_the_outline_text(built, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; tests/run.sh installs it")
    for stem, (data, pages) in built.items():
        if stem.startswith(("notice-joint", "table-")):
            continue  # not yet: see the module's docstring
        path = tmp_path / f"{stem}.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
        for number, (got, page) in enumerate(zip(out.split("\f"), pages), 1):
            if any(span.turn for line in page.lines for span in line.spans):
                continue  # a turned page: not yet (see the module's docstring)
            assert unbroken(got) == drawn_text([page]), (stem, number)


def test_pdfium_copies_the_outline_text(built):
    pdfium = pytest.importorskip("pypdfium2")
    for stem, (data, pages) in built.items():
        if stem.startswith(("notice-joint", "table-")):
            continue  # not yet: see the module's docstring
        document = pdfium.PdfDocument(data)
        out = "".join(page.get_textpage().get_text_range() for page in document)
        # pdfium reports a hyphen that ends a line as U+FFFE (its mark for a hyphen it may
        # join): the hyphen is there, under pdfium's own name
        assert unbroken(out.replace("\r", "").replace("\ufffe", "-")) == drawn_text(pages), stem


def test_pdfplumber_reads_the_text_from_the_structure_tree(built):
    def walk(elements) -> str:
        return "".join(element.get("actual_text") or walk(element.get("children", []))
                       for element in elements)

    for stem, (data, pages) in built.items():
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert walk(pdf.structure_tree) == tree_text(pages), stem


def test_pypdf_reads_the_text_from_the_structure_tree(built):
    def walk(element) -> str:
        if "/ActualText" in element:
            return str(element["/ActualText"])
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        return "".join(walk(kid.get_object()) for kid in kids
                       if isinstance(kid.get_object(), dict) and "/S" in kid.get_object())

    for stem, (data, pages) in built.items():
        root = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/StructTreeRoot"]
        assert walk(root["/K"].get_object()) == tree_text(pages), stem


def test_the_seed_has_the_gaps_that_make_this_matter(built):
    """The seed has digits next to Chinese, so the tests above test what they claim."""
    data, pages = built[SEED.stem]
    text = drawn_text(pages)
    assert "2022年" in text and "3.8%" in text

"""Copying text out of the PDF gives the outline's text (issue #15), for every example, with
each extractor's ordinary extraction: pdftotext (poppler), pdfium, pdfplumber's and pypdf's
`extract_text()` with their defaults.

The text expected is the typeset plan's, page by page: every drawn line's characters, nothing
added or lost inside a line: a space where autospacing leaves a gap between Chinese and digits,
a letter-spaced justified line or a lost hyphen at a line's end is a failure. The text is cut
into parts: each line, itself cut where a gap of `twins.LIMIT` em or more stands between two
spans (measured from the real end of a span's last glyph: the 版记's 印发机关 and date, a 目录
title and its page number, a 信函's 份号 and 发文字号). Two parts on one baseline (those, joint
issuers' names, a table's cells side by side) must have whitespace between them: glued, they
read as one word. Only where a part ends on one baseline and the next starts on another (a line
break) is whitespace or nothing accepted.

- pdftotext in content order (`-raw`) and pdfium read each line's /ActualText, in the order the
  lines are drawn. (poppler's default reading-order mode removes a hyphen that ends a line by
  design, whatever the file says: `-raw` and `-layout` keep it; see README.)
- pdfplumber (pdfminer) and pypdf ignore /ActualText and read glyph boxes: the glyph before an
  autospacing gap is a twin whose box takes the gap in (`render/pdf/twins.py`). pypdf reads in
  content order; pdfplumber sorts characters into lines by position, so its expected order is
  the parts by baseline, then left to right (a table row's cells side by side, line by line),
  and text turned 90° (a landscape page's number) after the upright text.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from unittest import mock

import pdfplumber
import pypdf
import pytest

import render
import render.pdf
from render.pdf import twins
from conftest import ROOT, SEED, fonts_installed

EXAMPLES = [SEED, *sorted((ROOT / "source" / "examples").glob("*.yaml")),
            *sorted((ROOT / "source" / "volumes").glob("*.yaml"))]


def pdf_and_pages(path) -> tuple[bytes, list]:
    """The outline's PDF and the pages the writer drew."""
    data, pages, _ = pdf_pages_and_metrics(path)
    return data, pages


def pdf_pages_and_metrics(path) -> tuple[bytes, list, object]:
    """The outline's PDF, the pages the writer drew and the metrics it drew them with."""
    original = render.pdf.write_pdf
    drawn = []

    def record(pages, document, metrics, *args, **kwargs):
        drawn.append((pages, metrics))
        return original(pages, document, metrics, *args, **kwargs)

    with mock.patch.object(render.pdf, "write_pdf", record):
        data = render.build(path, formats=["pdf"])["pdf"]
    return data, *drawn[0]


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[bytes, list, object]]:
    """Every example's PDF, the pages the writer drew and its metrics, by the outline's stem."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    return {path.stem: pdf_pages_and_metrics(path) for path in EXAMPLES}


def drawn_text(pages) -> str:
    return "".join(line.text for page in pages for line in page.lines if line.spans)


def parts(page, metrics) -> list[tuple[bool, float, float, str]]:
    """The page's drawn text as parts (turned, baseline, left edge, text) in drawing order: each
    line, split where a gap of `twins.LIMIT` em or more stands between the end of a span's last
    glyph (its advance, from the metrics) and the next span."""
    out = []
    for line in page.lines:
        text, first = "", None
        for span, after in zip(line.spans, [*line.spans[1:], None]):
            first = first or span
            text += span.text
            end = span.end(metrics.advance_units(span.face, span.text[-1]))
            apart = after is None or after.y != span.y or (
                after.xs[0] - end) / span.size >= twins.LIMIT
            if apart:
                out.append((bool(first.turn), round(first.y, 1), first.xs[0], text))
                text, first = "", None
    return out


def pattern(found: list[tuple[bool, float, float, str]]) -> re.Pattern:
    """The parts' texts in order: whitespace between two on one baseline, whitespace or nothing
    between two on different ones (a line break); inside one, its characters exactly, a run of
    whitespace as whitespace of any kind (pdfplumber gives an ideographic space U+3000 as a
    space; poppler's `-raw` gives the spaces of a turned line, the page number of a landscape
    page, as line breaks)."""
    def one(text: str) -> str:
        return r"\s+".join(re.escape(word) for word in re.split(r"\s+", text))

    out = r"\s*"
    for before, part in zip([None, *found], found):
        if before is not None:
            out += r"\s+" if before[:2] == part[:2] else r"\s*"
        out += one(part[3])
    return re.compile(out + r"\s*")


def check(stem: str, pages, metrics, got: list[str], by_position: bool = False) -> None:
    """Each page's extracted text is its parts' text, boundaries as `pattern` says."""
    assert len(got) >= len(pages), stem
    for number, (text, page) in enumerate(zip(got, pages), 1):
        found = parts(page, metrics)
        if by_position:  # pdfplumber: upright text by position, then turned text
            found = sorted(found, key=lambda part: part[:3])
        expected = pattern(found)
        assert expected.fullmatch(text), (stem, number, text[:400])


def test_pdftotext_copies_the_outline_text(built, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; tests/run.sh installs it")
    for stem, (data, pages, metrics) in built.items():
        path = tmp_path / f"{stem}.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
        check(stem, pages, metrics, out.split("\f"))


def test_pdfium_copies_the_outline_text(built):
    pdfium = pytest.importorskip("pypdfium2")
    for stem, (data, pages, metrics) in built.items():
        document = pdfium.PdfDocument(data)
        # pdfium reports a hyphen that ends a line as U+FFFE (its mark for a hyphen it may
        # join): the hyphen is there, under pdfium's own name
        got = [page.get_textpage().get_text_range().replace("\ufffe", "-") for page in document]
        check(stem, pages, metrics, got)


def test_pdfplumber_extracts_the_outline_text(built):
    for stem, (data, pages, metrics) in built.items():
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            check(stem, pages, metrics, [page.extract_text() for page in pdf.pages], by_position=True)


def test_pypdf_extracts_the_outline_text(built):
    for stem, (data, pages, metrics) in built.items():
        reader = pypdf.PdfReader(io.BytesIO(data))
        check(stem, pages, metrics, [page.extract_text() for page in reader.pages])


def test_the_seed_has_the_gaps_that_make_this_matter(built):
    """The seed has digits next to Chinese, so the tests above test what they claim."""
    data, pages, _ = built[SEED.stem]
    text = drawn_text(pages)
    assert "2022年" in text and "3.8%" in text

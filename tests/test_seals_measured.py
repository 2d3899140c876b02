"""Seal images as LibreOffice draws the .docx: each within 1 mm of our PDF's (GB/T 9704
§7.3.5), for one issuer, joint issuers and a 签名章, with the text lines unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest

from conftest import build, convert_all_with_libreoffice, fonts_installed
from pdfmeasure import body_rows, rows

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not fonts_installed(), reason="the PDF's faces are missing")]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "source" / "examples"
MM = 72 / 25.4


def signer_outline(folder: Path) -> Path:
    shutil.copy(EXAMPLES / "seal-b.png", folder / "sig.png")
    path = folder / "order-signed.yaml"
    text = (EXAMPLES / "order.yaml").read_text(encoding="utf-8")
    assert "signer:\n" in text
    path.write_text(text.replace("signer:\n", "signer:\n  image: sig.png\n  width: 25mm\n", 1),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("seals")
    sources = [EXAMPLES / "notice-sealed.yaml", EXAMPLES / "notice-joint-sealed.yaml",
               signer_outline(out)]
    docx = [build(source, out) for source in sources]
    theirs = convert_all_with_libreoffice(docx, out / "lo")
    return [(path.with_suffix(".pdf"), lo) for path, lo in zip(docx, theirs)]


def images(pdf: Path) -> list[tuple[int, float, float, float, float]]:
    with pdfplumber.open(pdf) as document:
        return [(page.page_number, image["x0"], image["top"], image["width"], image["height"])
                for page in document.pages for image in page.images]


@pytest.mark.parametrize("case", range(3), ids=["single", "joint", "signer"])
def test_libreoffice_draws_each_seal_where_our_pdf_does(rendered, case):
    ours, theirs = rendered[case]
    mine, lo = images(ours), images(theirs)
    assert mine and len(mine) == len(lo)
    for a, b in zip(sorted(mine), sorted(lo)):
        assert a[0] == b[0]  # the same page
        for x, y in zip(a[1:], b[1:]):
            assert abs(x - y) <= 1 * MM, (a, b)


@pytest.mark.parametrize("case", range(3), ids=["single", "joint", "signer"])
def test_the_seals_leave_the_text_lines_alone(rendered, case):
    ours, theirs = rendered[case]
    text = [[row.text for row in body_rows(page)] for page in rows(ours)]
    assert text == [[row.text for row in body_rows(page)] for page in rows(theirs)]

"""Pictures on a page (figures, seals): the PDF writer draws each at the place and size layout
gave, a PNG's transparency kept; the plan's dump names them."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from PIL import Image, ImageDraw

from conftest import fonts_installed
from render.layout.items import Page, Picture, Typeset, dump


def ring() -> bytes:
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((5, 5, 195, 195), outline=(220, 0, 0, 255), width=8)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_the_dump_names_each_picture():
    page = Page(1, 595.3, 841.9, pictures=[Picture(330.0, 560.0, 119.0, 119.0, ring(),
                                                   behind=True, block=7)])
    text = dump(Typeset([page], (), 22))
    assert "picture block=7 x=330.00 top=560.00 119.00x119.00 behind sha256=" in text


@pytest.mark.skipif(not fonts_installed(), reason="the PDF's faces are not installed")
def test_the_pdf_draws_a_picture_at_its_place_with_its_transparency(tmp_path):
    from pathlib import Path

    from render.pipeline import load
    from render.compose import compose
    from render.fonts.metrics import FontMetrics
    from render.fonts.resolve import resolve_fonts
    from render.layout.pages import typeset
    from render.pdf.writer import write_pdf

    source = load(Path(__file__).resolve().parent.parent / "source/examples/letter.yaml")
    metrics = FontMetrics(resolve_fonts(source.style))
    plan = typeset(compose(source.document, source.style), source.style, metrics)
    plan.pages[0].pictures.append(Picture(330.0, 560.0, 119.0, 119.0, ring(), behind=True))
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(write_pdf(plan.pages, source.document, metrics))
    with pdfplumber.open(pdf) as document:
        (image,) = document.pages[0].images
        assert image["x0"] == pytest.approx(330.0, abs=0.01)
        assert image["top"] == pytest.approx(560.0, abs=0.01)
        assert image["width"] == pytest.approx(119.0, abs=0.01)
        assert image["stream"].get("SMask") is not None  # the alpha channel, as a soft mask

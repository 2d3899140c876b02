"""Figures (插图): the plan puts the picture centred in whole grid rows, standing 80 % down
them, its caption on the row under them and the text after it on the grid; the .docx holds an
inline picture of exactly that size on one exact line of those rows; LibreOffice's rendering
puts the picture where our PDF does (within 1 mm) and every line on the same rows; bad image
files are file:line:col errors."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageDraw

from conftest import build, convert_with_libreoffice, fonts_installed
from pdfmeasure import body_rows, rows
from render.pipeline import Options, Source, render
from render.cli import main
from render.compose import compose
from render.compose.blocks import FigureBlock
from render.fonts import layout_metrics
from render.layout.pages import Grid, typeset
from render.load import load_file, load_text
from render.style import load_style

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "source" / "examples" / "figure.yaml"
MM = 72 / 25.4
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def chart(path: Path, size=(600, 360), dpi=(150, 150)) -> Path:
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle((10, 10, size[0] - 10, size[1] - 10), fill=(40, 90, 170))
    image.save(path, dpi=dpi)
    return path


def outline(tmp_path: Path, figure: str, before: int = 1, after: str = "之后的一段。") -> Path:
    chart(tmp_path / "chart.png")
    body = "".join(f"  - 第{n + 1}段文字。\n" for n in range(before))
    source = tmp_path / "doc.yaml"
    source.write_text(f"style: material\ntitle: 测试\nbody:\n{body}  - figure:\n{figure}  - {after}\n",
                      encoding="utf-8")
    return source


def plan(source: Path):
    document = load_file(source)
    style = load_style(document.style)
    blocks = compose(document, style)
    return style, blocks, typeset(blocks, style, layout_metrics(style))


def figure_index(blocks) -> int:
    return next(i for i, b in enumerate(blocks) if isinstance(b, FigureBlock))


def test_the_plan_centres_the_picture_in_whole_rows_with_the_caption_under_it(tmp_path):
    source = outline(tmp_path, "      image: chart.png\n      caption: 图1　示意\n"
                               "      width: 0.7\n")
    style, blocks, typeset_ = plan(source)
    grid = Grid.of(style)
    index = figure_index(blocks)
    figure = blocks[index]
    (picture,) = [p for page in typeset_.pages for p in page.pictures]
    assert picture.block == index
    assert picture.width == pytest.approx(0.7 * grid.width, abs=0.1)
    assert picture.height == pytest.approx(picture.width * 360 / 600)
    assert picture.x == pytest.approx(grid.left + (grid.width - picture.width) / 2)
    assert figure.rows == math.ceil(picture.height / (0.8 * grid.pitch))
    lines = typeset_.pages[0].body
    before = max(line.row for line in lines if line.block < index)
    first = before + 1
    assert picture.top + picture.height == pytest.approx(
        grid.row_top(first) + 0.8 * figure.rows * grid.pitch)
    caption = next(line for line in lines if line.block == index)
    assert caption.text == "图1　示意" and caption.row == first + figure.rows
    first_span, last_span = caption.spans[0], caption.spans[-1]
    middle = (first_span.xs[0] + last_span.xs[-1] + last_span.size) / 2
    assert abs(middle - (grid.left + grid.width / 2)) < 1.0, "the caption is centred"
    text_after = next(line for line in lines if line.block == index + 1)
    assert text_after.row == caption.row + 1


def test_natural_size_from_the_resolution_capped_at_the_type_area(tmp_path):
    source = outline(tmp_path, "      image: chart.png\n")
    style, blocks, typeset_ = plan(source)
    (picture,) = typeset_.pages[0].pictures
    assert (picture.width, picture.height) == pytest.approx((600 / 150 * 72, 360 / 150 * 72),
                                                            abs=0.05)
    chart(tmp_path / "chart.png", size=(3000, 600), dpi=(100, 100))  # 30 inches wide
    blocks = plan(source)[1]
    figure = blocks[figure_index(blocks)]
    assert figure.width == pytest.approx(Grid.of(style).width, abs=0.1)
    assert figure.height == pytest.approx(figure.width / 5)


def test_a_figure_that_does_not_fit_goes_to_the_next_page_and_the_text_stays(tmp_path):
    source = outline(tmp_path, "      image: chart.png\n      caption: 图\n      width: 1\n",
                     before=14)
    style, blocks, typeset_ = plan(source)
    index = figure_index(blocks)
    figure = blocks[index]
    assert not typeset_.pages[0].pictures
    page_one = typeset_.pages[0].body
    assert {line.block for line in page_one} == set(range(min(line.block for line in page_one),
                                                          index)), "the text before stays"
    assert max(line.row for line in page_one) + 1 + figure.rows + 1 > style.lines
    (picture,) = typeset_.pages[1].pictures
    assert picture.top < Grid.of(style).row_top(1), "at the top of page 2"
    assert typeset_.placed[index].page == 2


def test_a_figure_taller_than_a_page_is_scaled_to_fit_with_a_warning(tmp_path):
    chart(tmp_path / "tall.png", size=(400, 4000), dpi=(100, 100))
    text = "style: material\ntitle: 测试\nbody:\n  - figure:\n      image: tall.png\n      caption: 图\n"
    document = load_text(text, "tall.yaml", tmp_path)
    style = load_style("material")
    warnings: list[str] = []
    render(Source("tall.yaml", text, document, style), Options(formats=("docx",)),
           warn=warnings.append)
    assert warnings and warnings[0].startswith("tall.yaml:4:5: figure: taller than a page")
    figure = next(b for b in compose(document, style) if isinstance(b, FigureBlock))
    assert figure.scaled and figure.rows == style.lines - 1
    assert figure.height == pytest.approx(0.8 * figure.rows * style.grid_pitch)
    assert figure.width / figure.height == pytest.approx(400 / 4000)


def test_the_docx_holds_an_inline_picture_of_our_size_on_one_exact_line_of_its_rows(tmp_path):
    docx = build(EXAMPLE, tmp_path, "--format", "docx")
    style, blocks, typeset_ = plan(EXAMPLE)
    figures = [b for b in blocks if isinstance(b, FigureBlock)]
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read("word/document.xml"))
        assert any(name.startswith("word/media/") for name in package.namelist())
    inlines = root.findall(f".//{WP}inline")
    assert len(inlines) == len(figures) == 3
    for inline, figure in zip(inlines, figures):
        extent = inline.find(f"{WP}extent")
        assert int(extent.get("cx")) == round(figure.width * 12700)
        assert int(extent.get("cy")) == round(figure.height * 12700)
        p = next(a for a in inline.iterancestors() if a.tag == f"{W}p")
        spacing = p.find(f"{W}pPr/{W}spacing")
        assert spacing.get(f"{W}lineRule") == "exact"
        assert int(spacing.get(f"{W}line")) == figure.rows * 579
        assert p.find(f"{W}pPr/{W}snapToGrid").get(f"{W}val") == "0"
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
        keep = p.find(f"{W}pPr/{W}keepNext")
        assert (keep is not None) == (figure.caption is not None)
        if figure.caption is not None:
            caption = p.getnext()
            assert "".join(caption.itertext()) == figure.caption.text


BAD = {
    "missing": (None, "cannot read"),
    "text-named-png": (b"not an image at all\n", "not a PNG or JPEG image"),
    "gif": ("GIF", "a GIF image; figures are PNG or JPEG"),
    "huge": ("HUGE", "6000 × 5000 pixels; images are limited to 25,000,000 pixels"),
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG images are not supported"),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_image_is_an_error_at_its_line_and_nothing_is_written(name, tmp_path, capsys):
    content, message = BAD[name]
    image = tmp_path / ("chart.svg" if name == "svg" else "chart.png")
    if content == "GIF":
        Image.new("P", (10, 10)).save(image, "GIF")
    elif content == "HUGE":
        Image.new("1", (6000, 5000)).save(image, "PNG")
    elif content is not None:
        image.write_bytes(content)
    source = tmp_path / "doc.yaml"
    source.write_text(f"title: 测试\nbody:\n  - 一段。\n  - figure:\n      image: {image.name}\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), str(source)]) == 2
    err = capsys.readouterr().err
    assert f"{source}:5:14: figure: image: " in err and message in err, err
    assert not out.exists()


def test_an_image_over_the_byte_limit_is_refused(tmp_path, monkeypatch, capsys):
    import dataclasses

    from render import images

    monkeypatch.setattr(images, "FIGURE", dataclasses.replace(images.FIGURE, max_bytes=100))
    source = outline(tmp_path, "      image: chart.png\n")
    assert main(["check", str(source)]) == 2
    assert "images are limited to 100" in capsys.readouterr().err


@pytest.mark.parametrize("width", ["0", "1.5", "abc", "-0.2"])
def test_width_is_a_fraction_of_the_type_area(width, tmp_path, capsys):
    source = outline(tmp_path, f"      image: chart.png\n      width: {width}\n")
    assert main(["check", str(source)]) == 2
    assert "width: expected a fraction of the type area's width" in capsys.readouterr().err


def test_fmt_keeps_a_figure(tmp_path):
    from render.fmt import canonical

    source = outline(tmp_path, "      width: 0.5\n      caption: 图1\n      image: chart.png\n")
    text = canonical(source.read_text(encoding="utf-8"), str(source), tmp_path)
    assert "  - figure:\n      image: chart.png\n      caption: 图1\n      width: 0.5\n" in text


@pytest.mark.slow
@pytest.mark.skipif(not fonts_installed(), reason="the PDF's faces are not installed")
def test_libreoffice_puts_each_picture_where_our_pdf_does(tmp_path):
    """Within 1 mm, on the same pages; and every line of text on the same rows."""
    import pdfplumber

    docx = build(EXAMPLE, tmp_path)
    ours, theirs = docx.with_suffix(".pdf"), convert_with_libreoffice(docx, tmp_path / "lo")

    def pictures(pdf_path):
        with pdfplumber.open(pdf_path) as pdf:
            return [(number, image["x0"], image["top"], image["width"], image["height"])
                    for number, page in enumerate(pdf.pages, 1) for image in page.images]

    a, b = pictures(ours), pictures(theirs)
    assert len(a) == len(b) == 3
    for mine, lo in zip(a, b):
        assert mine[0] == lo[0], f"page {mine[0]} in our PDF, {lo[0]} in LibreOffice's"
        assert all(abs(x - y) < 1 * MM for x, y in zip(mine[1:], lo[1:])), (mine, lo)
    for page_a, page_b in zip(rows(ours), rows(theirs), strict=True):
        lines_a = [(r.text, round(r.top)) for r in body_rows(page_a)]
        lines_b = [(r.text, round(r.top)) for r in body_rows(page_b)]
        assert [t for t, _ in lines_a] == [t for t, _ in lines_b]
        # the same grid row: LibreOffice sets a line without Latin text up to 2 pt lower
        # (docs/architecture.md), far less than a row's 28.95 pt
        assert all(abs(ta - tb) < 8 for (_, ta), (_, tb) in zip(lines_a, lines_b)), \
            [(t, ta, tb) for (t, ta), (_, tb) in zip(lines_a, lines_b) if abs(ta - tb) >= 8]


def test_a_jpeg_is_embedded_as_it_is_in_both_formats(tmp_path):
    Image.new("RGB", (300, 200), (200, 30, 30)).save(tmp_path / "photo.jpg", dpi=(72, 72))
    source = tmp_path / "doc.yaml"
    source.write_text("style: material\ntitle: 测试\nbody:\n  - figure:\n      image: photo.jpg\n",
                      encoding="utf-8")
    docx = build(source, tmp_path / "out", "--format", "docx")
    with zipfile.ZipFile(docx) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert media and media[0].endswith((".jpg", ".jpeg"))
        assert package.read(media[0]) == (tmp_path / "photo.jpg").read_bytes()
    (picture,) = plan(source)[2].pages[0].pictures  # the PDF draws the plan's pictures
    assert (picture.width, picture.height) == pytest.approx((300, 200))
    assert picture.data == (tmp_path / "photo.jpg").read_bytes()

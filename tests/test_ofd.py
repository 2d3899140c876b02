"""The OFD (GB/T 33190-2016) writer: the package's structure and the seed's XML against its
typeset plan (fast); every example read back by easyofd — page count, text — and its pages,
as easyofd draws them, compared with our PDF's pages as pdftoppm draws them (slow)."""

from __future__ import annotations

import glob
import io
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEED, fonts_installed
from render.cli import main
from render.pdf import properties
from render.pipeline import Options, Source, lay_out, load, render
from render.units import millimetres

NS = {"ofd": "http://www.ofdspec.org/2016"}
EXAMPLES = sorted([SEED, *(ROOT / "source" / "examples").glob("*.yaml"),
                   *(ROOT / "source" / "volumes").glob("*.yaml")])
pytestmark = pytest.mark.skipif(not fonts_installed(),
                                reason="the OFD's fonts are not installed; run `gongwen fonts install`")


def ofd_of(path: Path) -> bytes:
    return render(load(path), Options(formats=("ofd",)))["ofd"]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def delta_x(text: str) -> list[float]:
    """DeltaX expanded: "g N v" is N advances of v (GB/T 33190 §11.3)."""
    tokens, out, i = text.split(), [], 0
    while i < len(tokens):
        if tokens[i] == "g":
            out += [float(tokens[i + 2])] * int(tokens[i + 1])
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


@pytest.fixture(scope="module")
def seed():
    source = load(SEED)
    _, plan, _ = lay_out(source, Options(formats=("ofd",)))
    return source, plan, parts(ofd_of(SEED))


def test_package_lists_every_page_and_resource(seed):
    source, plan, files = seed
    assert list(files)[0] == "OFD.xml"
    root = xml(files["OFD.xml"])
    assert root.findtext("ofd:DocBody/ofd:DocRoot", namespaces=NS) == "Doc_0/Document.xml"
    document = xml(files["Doc_0/Document.xml"])
    pages = document.findall("ofd:Pages/ofd:Page", NS)
    assert len(pages) == len(plan.pages) == 7
    for page in pages:
        assert f"Doc_0/{page.get('BaseLoc')}" in files
    assert document.findtext("ofd:CommonData/ofd:PageArea/ofd:PhysicalBox",
                             namespaces=NS) == "0 0 210 297"
    for n in range(len(pages)):  # A4 exactly, as the PDF's MediaBox (not 595.3 pt rounded)
        page = xml(files[f"Doc_0/Pages/Page_{n}/Content.xml"])
        assert page.findtext("ofd:Area/ofd:PhysicalBox", namespaces=NS) == "0 0 210 297"
    ids = [int(e.get("ID")) for name, data in files.items() if name.endswith(".xml")
           for e in xml(data).iter() if e.get("ID")]
    assert len(ids) == len(set(ids))  # IDs unique in the whole document
    assert int(document.findtext("ofd:CommonData/ofd:MaxUnitID", namespaces=NS)) == max(ids)


def test_document_information_is_the_pdfs(seed):
    source, _, files = seed
    info = xml(files["OFD.xml"]).find("ofd:DocBody/ofd:DocInfo", NS)
    assert info.findtext("ofd:Title", namespaces=NS) == "".join(source.document.title)
    assert info.findtext("ofd:Author", namespaces=NS) == properties.author(source.document)
    assert info.findtext("ofd:CreationDate", namespaces=NS) == \
        properties.day(source.document).isoformat()
    assert len(info.findtext("ofd:DocID", namespaces=NS)) == 32


def test_text_codes_put_every_character_where_the_plan_does(seed):
    _, plan, files = seed
    for n, page in enumerate(plan.pages):
        content = xml(files[f"Doc_0/Pages/Page_{n}/Content.xml"])
        objects = content.findall(".//ofd:TextObject", NS)
        spans = [span for line in page.lines for span in line.spans]
        assert len(objects) == len(spans)
        for obj, span in zip(objects, spans):
            code = obj.find("ofd:TextCode", NS)
            assert code.text == span.text
            left, top = map(float, obj.get("Boundary").split()[:2])
            x = left + float(code.get("X"))
            xs = [x]
            for step in delta_x(code.get("DeltaX", "")):
                xs.append(xs[-1] + step)
            assert len(xs) == len(span.xs)
            assert xs == pytest.approx([millimetres(v) for v in span.xs], abs=0.0011)
            assert top + float(code.get("Y")) == pytest.approx(millimetres(span.y), abs=0.0011)
            assert float(obj.get("Size")) == pytest.approx(millimetres(span.size), abs=0.001)


def test_fonts_are_embedded_subsets_covering_their_text(seed):
    from fontTools.ttLib import TTFont

    _, _, files = seed
    fonts = xml(files["Doc_0/PublicRes.xml"]).findall(".//ofd:Font", NS)
    assert fonts
    used: dict[str, set[str]] = {}
    for name, data in files.items():
        if name.endswith("Content.xml"):
            for obj in xml(data).iter(f"{{{NS['ofd']}}}TextObject"):
                used.setdefault(obj.get("Font"), set()).update(obj.findtext("ofd:TextCode",
                                                                           namespaces=NS))
    assert set(used) == {font.get("ID") for font in fonts}
    for font in fonts:
        data = files[f"Doc_0/Res/{font.findtext('ofd:FontFile', namespaces=NS)}"]
        face = TTFont(io.BytesIO(data))
        cmap = face.getBestCmap()
        assert {ord(ch) for ch in used[font.get("ID")]} <= set(cmap)
        assert len(face.getGlyphOrder()) <= len(cmap) + 8  # a subset: not the whole face
        assert font.get("FontName")


def test_rules_are_paths_in_millimetres_in_their_colour():
    path = ROOT / "source" / "examples" / "notice-full.yaml"
    _, plan, _ = lay_out(load(path), Options(formats=("ofd",)))
    files = parts(ofd_of(path))
    rules = [(n, rule) for n, page in enumerate(plan.pages) for rule in page.rules]
    assert any(rule.color != "000000" for _, rule in rules)  # the red line under the 版头
    for n, rule in rules:
        content = xml(files[f"Doc_0/Pages/Page_{n}/Content.xml"])
        found = {tuple(map(float, p.get("Boundary").split())): p
                 for p in content.findall(".//ofd:PathObject", NS)}
        want = (millimetres(rule.x0), millimetres(rule.y - rule.width / 2),
                millimetres(rule.x1 - rule.x0), millimetres(rule.width))
        match = [p for box, p in found.items() if box == pytest.approx(want, abs=0.001)]
        assert match, (n, rule)
        color = " ".join(str(int(rule.color[i:i + 2], 16)) for i in (0, 2, 4))
        assert match[0].find("ofd:StrokeColor", NS).get("Value") == color
        assert float(match[0].get("LineWidth")) == pytest.approx(millimetres(rule.width),
                                                                 abs=0.001)


LANDSCAPE = ROOT / "source" / "examples" / "table-landscape.yaml"


def test_landscape_pages_are_turned_a4():
    files = parts(ofd_of(LANDSCAPE))
    boxes = [xml(files[f"Doc_0/Pages/Page_{n}/Content.xml"]).findtext(
        "ofd:Area/ofd:PhysicalBox", namespaces=NS) for n in range(4)]
    assert boxes == ["0 0 210 297", "0 0 297 210", "0 0 297 210", "0 0 210 297"]


def test_layout_gives_each_page_the_styles_paper_exactly():
    """Page.paper, which both writers state: the style's lengths unrounded, turned on a
    landscape page; its page's width × height are them in whole twips."""
    source = load(LANDSCAPE)
    _, plan, _ = lay_out(source, Options(formats=("ofd",)))
    a4 = (source.style.page.width, source.style.page.height)
    assert a4 == pytest.approx((210 * 72 / 25.4, 297 * 72 / 25.4), abs=1e-9)
    assert [page.paper for page in plan.pages] == [a4, a4[::-1], a4[::-1], a4]
    for page in plan.pages:
        assert (round(page.paper[0] * 20), round(page.paper[1] * 20)) == \
            (round(page.width * 20), round(page.height * 20))


def landed(obj: ET.Element) -> list[tuple[float, float]]:
    """Where each character of a TextObject lands on the page, in millimetres: its TextCode's
    points (X plus the DeltaX advances, Y) through the object's CTM, then moved to its
    Boundary's corner (GB/T 33190 §8.3: the CTM maps the object's space to its box)."""
    code = obj.find("ofd:TextCode", NS)
    x, y = float(code.get("X")), float(code.get("Y"))
    points = [(x, y)]
    for step in delta_x(code.get("DeltaX", "")):
        points.append((points[-1][0] + step, y))
    a, b, c, d, e, f = map(float, (obj.get("CTM") or "1 0 0 1 0 0").split())
    left, top = map(float, obj.get("Boundary").split()[:2])
    return [(left + a * px + c * py + e, top + b * px + d * py + f) for px, py in points]


def flat(points: list[tuple[float, float]]) -> list[float]:
    return [v for point in points for v in point]


def test_turned_page_numbers_land_where_the_portrait_ones_are_once_the_sheet_is_turned_back():
    """A landscape page's page number: its CTM turns it a quarter clockwise about its first
    character's baseline point as the plan says; each character, turned back with the sheet
    (landscape (X, Y) → portrait (Y, W - X)), is where a portrait page of the same parity has
    its page number's character."""
    _, plan, _ = lay_out(load(LANDSCAPE), Options(formats=("ofd",)))
    files = parts(ofd_of(LANDSCAPE))
    objects = [xml(files[f"Doc_0/Pages/Page_{n}/Content.xml"]).findall(".//ofd:TextObject", NS)
               for n in range(len(plan.pages))]

    def number_object(n: int) -> tuple[ET.Element, object]:
        spans = [span for line in plan.pages[n].lines for span in line.spans]
        line = next(line for line in plan.pages[n].lines if line.kind == "page_number")
        index = spans.index(line.spans[0])
        return objects[n][index], line.spans[0]

    portrait = {page.number % 2: n for n, page in enumerate(plan.pages)
                if page.width < page.height}
    turned = [n for n, page in enumerate(plan.pages) if page.width > page.height]
    assert turned and set(portrait) == {0, 1}  # both parities of each orientation to compare
    for n in turned:
        obj, span = number_object(n)
        assert span.turn == 90
        assert [float(v) for v in obj.get("CTM").split()] == pytest.approx(
            [0, 1, -1, 0, millimetres(span.xs[0]), millimetres(span.y)], abs=0.0011)
        assert flat(landed(obj)) == pytest.approx(flat(  # down the page from its first character
            [(millimetres(span.xs[0]), millimetres(span.y + x - span.xs[0])) for x in span.xs]),
            abs=0.002)
        width = millimetres(plan.pages[n].width)
        back = [(y, width - x) for x, y in landed(obj)]
        upright, _ = number_object(portrait[plan.pages[n].number % 2])
        assert flat(back) == pytest.approx(flat(landed(upright)), abs=0.002)


def review_copy():
    """A review copy (gongwen diff --pdf's pages, without the summary) of the example pair:
    its plan, its OFD and its PDF."""
    from render.diff.redline import redline_blocks

    pair = ROOT / "source" / "examples" / "diff"
    old, new = load(pair / "notice-draft.yaml"), load(pair / "notice-final.yaml")
    blocks = redline_blocks(old.document, new.document, new.style)
    _, plan, _ = lay_out(new, Options(formats=("ofd",)), blocks=blocks)
    out = render(new, Options(formats=("pdf", "ofd")), blocks=blocks)
    return plan, out["ofd"], out["pdf"]


def ofd_lines(content: ET.Element) -> list[tuple]:
    """Each PathObject as a straight line in points: its ends (x0, x1 ascending; top, bottom),
    width and colour as 0–255 RGB."""
    out = []
    for path in content.findall(".//ofd:PathObject", NS):
        left, top = map(float, path.get("Boundary").split()[:2])
        _, x0, y0, _, x1, y1 = path.findtext("ofd:AbbreviatedData", namespaces=NS).split()
        xs = sorted(left + float(v) for v in (x0, x1))
        ys = sorted(top + float(v) for v in (y0, y1))
        color = tuple(map(int, path.find("ofd:StrokeColor", NS).get("Value").split()))
        out.append((*(v * 72 / 25.4 for v in (*xs, *ys, float(path.get("LineWidth")))), color))
    return sorted(out, key=lambda line: [round(v, 1) for v in line[:4]])


def test_review_copy_draws_change_bars_and_revision_lines_as_the_pdf_does():
    """The plan's change bars and tracked changes' lines (underlined insertions, struck
    deletions) are paths in the OFD where the PDF draws its lines, in its colours and widths."""
    import pdfplumber

    plan, ofd, pdf = review_copy()
    marks = {span.mark for page in plan.pages for line in page.lines for span in line.spans}
    assert sum(len(page.bars) for page in plan.pages) > 0 and {"ins", "del"} <= marks
    files = parts(ofd)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == len(plan.pages)
        for n, (page, drawn) in enumerate(zip(plan.pages, document.pages)):
            ours = ofd_lines(xml(files[f"Doc_0/Pages/Page_{n}/Content.xml"]))
            marked = sum(1 for line in page.lines for span in line.spans if span.mark)
            assert len(ours) == len(page.bars) + marked + len(page.rules) + len(page.strokes)
            theirs = sorted(((line["x0"], line["x1"], line["top"], line["bottom"],
                              line["linewidth"],
                              tuple(round(v * 255) for v in line["stroking_color"]))
                             for line in drawn.lines),
                            key=lambda line: [round(v, 1) for v in line[:4]])
            assert len(ours) == len(theirs), n
            for mine, pdf_line in zip(ours, theirs):
                assert mine[:5] == pytest.approx(pdf_line[:5], abs=0.01), (n, mine, pdf_line)
                assert mine[5] == pdf_line[5], (n, mine, pdf_line)


def test_same_outline_same_bytes():
    assert ofd_of(SEED) == ofd_of(SEED)


def test_cli_writes_the_ofd_alone(tmp_path):
    assert main(["build", "-q", "-o", str(tmp_path), "--format", "ofd", str(SEED)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == \
        [f"{SEED.stem}.ofd"]


def test_bad_input_is_reported_and_nothing_written(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [一份\nbody:\n  - 文字\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), "--format", "ofd", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "Traceback" not in err
    line = next(l for l in err.splitlines() if l.startswith(str(bad)))
    assert line.split(":")[1].isdigit() and line.split(":")[2].isdigit()
    assert not out.exists()  # nothing written, not even the folder


# -- read back and drawn by easyofd (slow) ------------------------------------------------------

DPI = 100
BLUR = 1  # pixels: the faces differ (easyofd draws every character in one face)
CUT = 64  # a pixel differs when its blurred greys differ by more than this (of 255)
MEAN_LIMIT = 5.0  # mean absolute difference of the blurred grey pages, 0–255 (measured ≤ 3.7)
SHARE_LIMIT = 0.03  # share of differing pixels (measured ≤ 2.1 %)


def easyofd_read(data: bytes, folder: Path):
    """easyofd's parse of the package, and its drawing of each page as a grey image. easyofd
    draws all text in a face it calls 宋体 (it ignores the TextObject's font): it is given
    the body face under that name."""
    from easyofd.ofd import OFD
    import pymupdf
    from PIL import Image
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from render.fonts.resolve import resolve_fonts
    from render.style import load_style

    body = resolve_fonts(load_style("gbt9704")).roles["fangsong"].main
    pdfmetrics.registerFont(TTFont("宋体", str(body.path), subfontIndex=body.index))
    reader = OFD()
    reader.read(data, fmt="binary")
    drawn = pymupdf.open(stream=reader.to_pdf(), filetype="pdf")
    zoom = DPI / 200  # easyofd draws a millimetre as 200/25.4 units
    images = []
    for page in drawn:
        pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        images.append(Image.frombytes("RGB", [pix.width, pix.height], pix.samples).convert("L"))
    return reader.data[0], images


def pdf_images(pdf: Path, folder: Path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(folder / "p")],
                   check=True)
    return [Image.open(f).convert("L") for f in sorted(glob.glob(str(folder / "p-*.png")))]


def difference(a, b) -> tuple[float, float]:
    """Mean absolute difference and share of differing pixels of two pages, both blurred."""
    from PIL import ImageChops, ImageFilter, ImageStat

    b = b.resize(a.size)
    diff = ImageChops.difference(a.filter(ImageFilter.GaussianBlur(BLUR)),
                                 b.filter(ImageFilter.GaussianBlur(BLUR)))
    share = sum(diff.histogram()[CUT + 1:]) / (diff.size[0] * diff.size[1])
    return ImageStat.Stat(diff).mean[0], share


@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_easyofd_reads_and_draws_what_the_pdf_shows(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # easyofd writes the embedded fonts to the working folder
    source = load(path)
    out = render(source, Options(formats=("pdf", "ofd")))
    data, drawn = easyofd_read(out["ofd"], tmp_path)
    pdf = tmp_path / "ours.pdf"
    pdf.write_bytes(out["pdf"])
    ours = pdf_images(pdf, tmp_path)
    assert len(data["page_info"]) == len(drawn) == len(ours)
    read = ["".join(t["text"] for t in data["page_info"][n]["text_list"])
            for n in sorted(data["page_info"])]
    # easyofd (xmltodict) strips white space around a TextCode's text: a span of one
    # ideographic space reads as nothing
    assert read == ["".join(code.strip() for code in page) for page in ofd_text(out["ofd"])]
    if isinstance(source, Source):  # the OFD's text is the plan's, span by span
        _, plan, _ = lay_out(source, Options(formats=("ofd",)))
        assert ofd_text(out["ofd"]) == [[s.text for line in page.lines for s in line.spans]
                                        for page in plan.pages]
    for n, (theirs, mine) in enumerate(zip(drawn, ours)):
        mean, share = difference(theirs, mine)
        assert mean <= MEAN_LIMIT and share <= SHARE_LIMIT, (n, mean, share)
        # and it is nearer its own page than any other page of the same size
        others = [difference(theirs, other)[0] for m, other in enumerate(ours)
                  if m != n and other.size == mine.size]
        assert all(mean < other for other in others), (n, mean, others)


def ofd_text(data: bytes) -> list[list[str]]:
    """Each page's TextCodes' text in drawing order, from the package's Content.xml files."""
    files = parts(data)
    count = len(xml(files["Doc_0/Document.xml"]).findall("ofd:Pages/ofd:Page", NS))
    return [[code.text for code in
                    xml(files[f"Doc_0/Pages/Page_{n}/Content.xml"]).iter(
                        f"{{{NS['ofd']}}}TextCode")] for n in range(count)]


@pytest.mark.slow
def test_the_comparison_sees_a_moved_page(tmp_path, monkeypatch):
    """The image comparison fails a page whose content is moved by 1 mm (so it can fail)."""
    from PIL import ImageChops

    monkeypatch.chdir(tmp_path)
    out = render(load(SEED), Options(formats=("pdf", "ofd")))
    _, drawn = easyofd_read(out["ofd"], tmp_path)
    pdf = tmp_path / "ours.pdf"
    pdf.write_bytes(out["pdf"])
    page = pdf_images(pdf, tmp_path)[0]
    mean, share = difference(drawn[0], page)
    assert mean <= MEAN_LIMIT and share <= SHARE_LIMIT
    moved = ImageChops.offset(page, round(DPI / 25.4), 0)
    mean, share = difference(drawn[0], moved)
    assert mean > MEAN_LIMIT or share > SHARE_LIMIT

"""A compiled volume (汇编, render/volume.py): the 目录, each document on a new page, one page
numbering, one bookmark tree, the .docx in sections per document; its problems as
file:line:col."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx.oxml.ns import qn
from lxml import etree

import render
from conftest import convert_with_libreoffice, fonts_installed, soffice
from render.cli import main
from render.compose import compose
from render.compose.blocks import ImprintBlock
from render.docx import render_docx
from render.fonts import layout_metrics
from render.layout.pages import typeset
from render.pipeline import Options, lay_out, load
from render.volume import Volume

ROOT = Path(__file__).resolve().parent.parent
VOLUME = ROOT / "source" / "volumes" / "qingdao-miit-2023.yaml"
EXAMPLES = ROOT / "source" / "examples"
NUMBER = re.compile(r"—\s*(\d+)\s*—")


@pytest.fixture(scope="module")
def volume() -> Volume:
    loaded = load(VOLUME)
    assert isinstance(loaded, Volume)
    return loaded


@pytest.fixture(scope="module")
def docx(volume) -> bytes:
    return render.build(VOLUME, formats=["docx"])["docx"]


@pytest.fixture(scope="module")
def pdf_bytes(volume) -> bytes:
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    return render.build(VOLUME, formats=["pdf"])["pdf"]


def laid_out(volume: Volume, fmt: str) -> list[tuple]:
    """Each document laid out as the volume lays it out, after one page of 目录: (its first
    page's number, blocks, plan)."""
    out, first = [], 2
    for part in volume.parts:
        blocks, plan, _ = lay_out(part, Options(formats=(fmt,)), first=first)
        out.append((first, blocks, plan))
        first += len(plan.pages)
    return out


def footer_number(page) -> int | None:
    """The — N — printed under the type area, if any."""
    text = "".join(c["text"] for c in page.chars if c["top"] > page.height - 110)
    found = NUMBER.search(text.replace(" ", ""))
    return int(found.group(1)) if found else None


# -- loading ---------------------------------------------------------------------------------

def test_the_volume_loads_its_documents_in_order(volume):
    assert volume.title == ["2023年度青岛市工业和信息化局文件汇编"]
    assert [Path(part.name).name for part in volume.parts] == \
        ["notice-full.yaml", "letter.yaml", "minutes.yaml"]
    assert [part.style.path.stem for part in volume.parts] == ["gbt9704", "letter", "minutes"]
    assert volume.places == ((3, 5), (4, 5), (5, 5))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("include, line_col, message", [
    ("  - ../nowhere.yaml\n", "3:5", "no outline file ../nowhere.yaml"),
    ("  - v.yaml\n", "3:5", "includes the volume itself (a cycle)"),
    ("  - w.yaml\n", "3:5", "includes this volume back (a cycle)"),
    ("  - doc.yaml\n  - doc.yaml\n", "4:5", "included twice (first on line 3)"),
    ("  []\n", "3:3", "expected a list of outline files"),
])
def test_include_problems_are_placed_at_the_volume_line(tmp_path, capsys, include, line_col,
                                                        message):
    write(tmp_path, "doc.yaml", "style: material\ntitle: 一个文件\nbody:\n  - 正文。\n")
    write(tmp_path, "w.yaml", "title: 另一汇编\ninclude:\n  - v.yaml\n")
    volume = write(tmp_path, "v.yaml", f"title: 汇编\ninclude:\n{include}")
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), str(volume)]) == 2
    err = capsys.readouterr().err
    assert f"{volume}:{line_col}: include: " in err and message in err, err
    assert "Traceback" not in err and not out.exists()


def test_a_problem_in_an_included_outline_is_placed_in_that_file(tmp_path, capsys):
    bad = write(tmp_path, "bad.yaml", "style: material\ntitle: 文件\ndate: 2023-02-30\n")
    volume = write(tmp_path, "v.yaml", "title: 汇编\nstyel: material\ninclude:\n  - bad.yaml\n")
    assert main(["check", str(volume)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3:7: date: 2023-02-30 is not a real date" in err
    assert f"{volume}:2:1: volume: unknown key 'styel'; did you mean 'style'?" in err


def test_fmt_keeps_a_canonical_volume_and_rewrites_another(tmp_path):
    assert main(["fmt", "--check", str(VOLUME)]) == 0
    messy = write(tmp_path, "v.yaml", "include: [a.yaml, b.yaml]\ntitle: [上, 下]\n")
    assert main(["fmt", str(messy)]) == 0
    assert messy.read_text(encoding="utf-8") == \
        "title:\n  - 上\n  - 下\ninclude:\n  - a.yaml\n  - b.yaml\n"


# -- layout ----------------------------------------------------------------------------------

def test_a_later_first_page_puts_the_imprint_on_an_even_printed_page():
    """Double-sided, the 版记 stands on an even page of the volume's numbering: a document
    numbered on from an odd page count gets it there too (a blank page first where needed)."""
    checked = 0
    for name in ("notice-full", "letter", "minutes", "notice-joint"):
        source = load(EXAMPLES / f"{name}.yaml")
        blocks = compose(source.document, source.style)
        metrics = layout_metrics(source.style)
        index = next(i for i, b in enumerate(blocks) if isinstance(b, ImprintBlock))
        for first in (1, 2, 7):
            plan = typeset(blocks, source.style, metrics, first)
            assert (plan.placed[index].page + first - 1) % 2 == 0, (name, first)
            for page in plan.pages:  # each numbered page shows its number in the volume
                shown = [line.text for line in page.lines if line.kind == "page_number"]
                assert shown == ([f"— {page.number + first - 1} —"] if page.numbered else [])
            checked += 1
    assert checked == 12


# -- the .docx -------------------------------------------------------------------------------

def parts_of(data: bytes) -> dict[str, bytes]:
    package = zipfile.ZipFile(io.BytesIO(data))
    return {name: package.read(name) for name in package.namelist()}


def body_of(data: bytes) -> list:
    """A .docx body's elements, its final w:sectPr left out."""
    body = etree.fromstring(parts_of(data)["word/document.xml"]).find(qn("w:body"))
    return [el for el in body if el.tag != qn("w:sectPr")]


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def ends_section(el) -> bool:
    return el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def test_each_document_follows_a_section_break_whole(volume, docx):
    """Each document's own .docx body, in order, right after a section break (a new page:
    no section is `continuous`), nothing else between them."""
    joined = body_of(docx)
    texts = [text_of(el) for el in joined]
    owns = [[text_of(el) for el in body_of(render_docx(part.document, part.style, blocks, plan))]
            for part, (_, blocks, plan) in zip(volume.parts, laid_out(volume, "docx"))]
    at = len(joined) - sum(map(len, owns))  # the 目录's elements come first
    assert texts[0] == "2023年度青岛市工业和信息化局文件汇编"
    for part, own in zip(volume.parts, owns):
        assert at > 0 and ends_section(joined[at - 1])  # the 目录's or the document before's
        assert texts[at:at + len(own)] == own, part.name
        at += len(own)
    assert at == len(joined)
    parts = parts_of(docx)
    document = parts["word/document.xml"]
    assert b"<w:type " not in document  # every section starts on a new page
    assert b"<w:pgNumType" not in document  # the numbering counts on
    # every footer a section refers to is in the package
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    body = etree.fromstring(document)
    referenced = [targets[ref.get(qn("r:id"))] for ref in body.iter(qn("w:footerReference"))]
    assert all(f"word/{target}" in parts for target in referenced)
    assert len(set(referenced)) >= 2 * (1 + len(volume.parts))


def test_a_style_that_differs_is_kept_under_a_name_of_its_own(docx):
    """The 信函's mark is set smaller than the 文件格式's: the letter's paragraphs name a
    style of their own, with its size."""
    parts = parts_of(docx)
    styles = etree.fromstring(parts["word/styles.xml"])
    marks = {s.get(qn("w:styleId")): s.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val"))
             for s in styles.iter(qn("w:style")) if s.get(qn("w:styleId"), "").startswith("GwMark")}
    assert marks == {"GwMark": "72", "GwMarkV2": "44"}
    document = parts["word/document.xml"].decode()
    assert document.count('w:val="GwMarkV2"') == 1
    ids = re.findall(r'<wp:docPr id="(\d+)"', document)
    assert len(ids) == len(set(ids))


def test_the_docx_is_the_same_bytes_each_time(docx):
    assert render.build(VOLUME, formats=["docx"])["docx"] == docx


def test_the_docx_is_dated_and_authored_as_the_pdf(volume, docx):
    """core.xml: the author its documents share and the latest one's day, at +08:00, as the
    PDF's Author and CreationDate (render/pdf/properties.py) — a new user found them missing."""
    from render.pdf import properties

    documents = [part.document for part in volume.parts]
    core = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("docProps/core.xml"))
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
    assert core.findtext("dc:creator", namespaces=ns) == properties.volume_author(documents) != ""
    day = properties.volume_day(documents)
    assert core.findtext("dcterms:created", namespaces=ns) == f"{day}T00:00:00+08:00"


# -- the PDF ---------------------------------------------------------------------------------

def contents_numbers(page) -> list[int]:
    """The page numbers the 目录 lists: the number ending each entry."""
    lines = page.extract_text().splitlines()
    return [int(m.group(1)) for line in lines[2:] if (m := re.search(r"\s(\d+)$", line))]


@pytest.mark.slow
def test_pages_numbers_contents_and_bookmarks(volume, pdf_bytes):
    laid = laid_out(volume, "pdf")
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        pages = pdf.pages
        assert len(pages) == 1 + sum(len(plan.pages) for *_, plan in laid)  # 目录: one page
        starts = [first for first, *_ in laid]
        assert starts == [2, 7, 9]
        # one numbering, the 目录 counted; only the 信函's page 1 shows none
        numbers = [footer_number(page) for page in pages]
        assert [n for n in numbers if n is not None] == \
            [i for i, n in enumerate(numbers, 1) if n is not None]
        assert [i for i, n in enumerate(numbers, 1) if n is None] == [starts[1]]
        assert contents_numbers(pages[0]) == starts
        assert pages[0].extract_text().startswith("2023年度青岛市工业和信息化局文件汇编")
        outline = [(level, title, dest)
                   for level, title, dest, *_ in pdf.doc.get_outlines()]
        page_ids = [page.page_obj.pageid for page in pages]
        tops = [(title, page_ids.index(dest[0].objid) + 1) for level, title, dest in outline
                if level == 1]
        assert tops == [("".join(part.document.title), start)
                        for part, start in zip(volume.parts, starts)]
    # each document's headings nested under it, as its own PDF has them, one level down
    for k, part in enumerate(volume.parts):
        with pdfplumber.open(io.BytesIO(render.build(Path(part.name), formats=["pdf"])["pdf"])) \
                as own:
            expected = [(level + 1, title) for level, title, *_ in own.doc.get_outlines()]
        top = [i for i, (level, *_) in enumerate(outline) if level == 1]
        end = top[k + 1] if k + 1 < len(top) else len(outline)
        assert [(level, title) for level, title, _ in outline[top[k] + 1:end]] == expected
        assert expected


@pytest.mark.slow
def test_libreoffice_lays_the_docx_out_as_the_pdf(tmp_path, pdf_bytes):
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    assert main(["build", "-q", "-o", str(tmp_path), str(VOLUME)]) == 0
    theirs = convert_with_libreoffice(tmp_path / f"{VOLUME.stem}.docx", tmp_path / "lo")
    with pdfplumber.open(theirs) as lo, pdfplumber.open(io.BytesIO(pdf_bytes)) as ours:
        assert len(lo.pages) == len(ours.pages)
        assert [footer_number(p) for p in lo.pages] == [footer_number(p) for p in ours.pages]
        assert contents_numbers(lo.pages[0]) == contents_numbers(ours.pages[0])


def test_the_schema_takes_a_volume_and_refuses_a_mixed_one():
    import jsonschema
    import yaml

    from render.schema import json_schema

    schema = json_schema()
    jsonschema.validate(yaml.safe_load(VOLUME.read_text(encoding="utf-8")), schema)
    for text in ("title: 汇编\ninclude: []\n", "title: 汇编\ninclude: [a.yaml]\nbody: [正文。]\n"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(yaml.safe_load(text), schema)

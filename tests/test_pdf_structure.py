"""The tagged PDF's structure as a reader sees it (pypdf): headings, artifacts, the catalog's
entries, the marked content tied to the tree both ways, a table's shape (issue #15)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from unittest import mock

import pdfplumber
import pypdf
import pytest
from pypdf.generic import BooleanObject, ContentStream, DictionaryObject

import render
from render import outline
import render.pdf
from render.compose.blocks import Element, style_key
from render.layout.pages import PAGE_NUMBER_KIND
from render.load import load_file
from render.pdf import structure
from conftest import ROOT, SEED, fonts_installed
from test_pdf_text import check, drawn_text, pdf_and_pages, pdf_pages_and_metrics
from test_table_split import LONG, NOTE
from test_table_split import outline as split_outline

TABLE = ROOT / "source" / "examples" / "table-roster.yaml"
VOLUME = ROOT / "source" / "volumes" / "qingdao-miit-2023.yaml"


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[pypdf.PdfReader, list]]:
    """The seed's and a table example's PDF (read) and the pages the writer drew."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    out = {}
    for path in (SEED, TABLE):
        data, pages = pdf_and_pages(path)
        out[path.stem] = pypdf.PdfReader(io.BytesIO(data)), pages
    return out


def kids(element) -> list:
    found = element.get("/K", [])
    return [kid.get_object() for kid in (found if isinstance(found, list) else [found])]


def elements(element):
    """The structure elements under `element`, depth first, in order."""
    for kid in kids(element):
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            yield kid
            yield from elements(kid)


def tree(reader: pypdf.PdfReader):
    return reader.trailer["/Root"]["/StructTreeRoot"]


def marked(reader: pypdf.PdfReader, page) -> list[tuple[str, dict, list]]:
    """The page's marked-content sequences as drawn: (tag, properties, the operators inside
    it and in any sequence nested in it)."""
    stack, out = [], []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"BDC":
            stack.append((str(operands[0]), operands[1], []))
        elif operator == b"BMC":
            stack.append((str(operands[0]), {}, []))
        elif operator == b"EMC":
            out.append(stack.pop())
        for _, _, inside in stack:
            inside.append(operator)
    assert not stack
    return out


def actual_texts(reader: pypdf.PdfReader) -> dict[tuple[int, int], str]:
    """(page, MCID) → the /ActualText of the marked content with that MCID (on the /Span
    nested in it)."""
    out, open_mcid = {}, None
    for n, page in enumerate(reader.pages):
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"BDC" and "/MCID" in operands[1]:
                open_mcid = int(operands[1]["/MCID"])
            elif operator == b"BDC" and "/ActualText" in operands[1] and open_mcid is not None:
                out[n, open_mcid] = str(operands[1]["/ActualText"])
                open_mcid = None
    return out


def text_of(reader: pypdf.PdfReader, element, texts) -> str:
    """An element's text: its marked content's, in order (the element carries none itself)."""
    refs = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    out = ""
    for kid in kids(element):
        if "/MCID" in kid:
            out += texts[refs[kid.raw_get("/Pg").idnum], int(kid["/MCID"])]
        else:
            out += text_of(reader, kid, texts)
    return out


def test_the_seed_headings_are_h1_and_h2_in_order(built):
    reader, pages = built[SEED.stem]
    texts = actual_texts(reader)
    expected = [(f"/H{line.level}", line.heading) for page in pages for line in page.lines
                if line.level]
    found = [(str(e["/S"]), text_of(reader, e, texts)) for e in elements(tree(reader))
             if str(e["/S"]) in ("/H1", "/H2", "/H3", "/H4")]
    assert found == expected
    assert found[0] == ("/H1", "一、突出防疫发展两手抓，工业经济稳中有进")
    assert {kind for kind, _ in found} == {"/H1", "/H2"}


def test_page_numbers_are_pagination_artifacts_outside_the_tree(built):
    reader, pages = built[SEED.stem]
    numbered = [page for page in pages if any(line.row < 0 for line in page.lines)]
    assert numbered
    for page, read in zip(pages, reader.pages):
        artifacts = [props for tag, props, _ in marked(reader, read)
                     if tag == "/Artifact" and props.get("/Type") == "/Pagination"]
        assert len(artifacts) == (1 if page in numbered else 0)
    texts = " ".join(str(e.get("/ActualText", "")) for e in elements(tree(reader)))
    assert "— 1 —" not in texts and "— 2 —" not in texts


def test_rules_and_borders_are_artifacts(built):
    for reader, _ in built.values():
        for page in reader.pages:
            strokes = [op for _, op in ContentStream(page.get_contents(), reader).operations
                       if op in (b"S", b"s", b"re", b"f")]
            in_artifacts = sum(sum(op in (b"S", b"s", b"re", b"f") for op in inside)
                               for tag, _, inside in marked(reader, page) if tag == "/Artifact")
            assert in_artifacts == len(strokes)
    assert any(op == b"S" for reader, _ in built.values() for page in reader.pages
               for _, op in ContentStream(page.get_contents(), reader).operations)


def test_catalog_language_marked_and_title_shown(built):
    root = built[SEED.stem][0].trailer["/Root"]
    assert root["/Lang"] == "zh-CN"
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)


def test_every_mcid_is_in_the_parent_tree_and_back(built):
    for reader, _ in built.values():
        nums = tree(reader)["/ParentTree"]["/Nums"]
        parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
        refs = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
        def page_of(mark) -> int:
            return refs[mark.raw_get("/Pg").idnum]

        drawn: set[tuple[int, int]] = set()
        for n, page in enumerate(reader.pages):
            mcids = [int(props["/MCID"]) for _, props, _ in marked(reader, page)
                     if "/MCID" in props]
            assert len(mcids) == len(set(mcids))
            drawn |= {(n, mcid) for mcid in mcids}
            if not mcids:
                continue
            row = parents[int(page["/StructParents"])]
            assert len(row) == len(mcids)
            for mcid in mcids:  # the element the ParentTree names holds this MCID
                owner = row[mcid].get_object()
                held = [kid for kid in kids(owner) if "/MCID" in kid]
                assert any(int(kid["/MCID"]) == mcid and
                           page_of(kid) == n for kid in held)
        in_tree = {(page_of(kid), int(kid["/MCID"]))
                   for e in elements(tree(reader)) for kid in kids(e)
                   if isinstance(kid, DictionaryObject) and "/MCID" in kid}
        assert in_tree == drawn


def outline_tables(node) -> list[outline.Table]:
    """The outline's tables, in order (in the body, its sections and the attachments)."""
    if isinstance(node, outline.Table):
        return [node]
    if isinstance(node, list):
        return [table for item in node for table in outline_tables(item)]
    if dataclasses.is_dataclass(node):
        return [table for f in dataclasses.fields(node)
                for table in outline_tables(getattr(node, f.name))]
    return []


def table_outline(tmp_path: Path) -> Path:
    """A table with empty cells and a row split over three pages (`test_table_split`'s)."""
    return split_outline(tmp_path, rows_text=(
        f'        - ["", 短行。, ""]\n        - [二, {LONG}, {NOTE}]\n'
        '        - [三, "", 乙]\n'))


def read_tables(reader: pypdf.PdfReader) -> list[list[list[tuple]]]:
    """Each Table's rows: each cell as (S, its text, /RowSpan, /ColSpan, /Scope)."""
    texts = actual_texts(reader)
    out = []
    for table in (e for e in elements(tree(reader)) if e["/S"] == "/Table"):
        rows = []
        for row in kids(table):
            if row["/S"] == "/Caption":
                continue
            assert row["/S"] == "/TR"
            cells = []
            for cell in kids(row):
                attributes = cell.get("/A", {})
                assert not attributes or attributes["/O"] == "/Table"
                cells.append((str(cell["/S"]), text_of(reader, cell, texts),
                              int(attributes.get("/RowSpan", 1)),
                              int(attributes.get("/ColSpan", 1)),
                              str(attributes.get("/Scope", ""))))
            rows.append(cells)
        out.append(rows)
    return out


def expected_tables(path: Path) -> list[list[list[tuple]]]:
    """The outline's tables as `read_tables` should find them: TH scoped to its column in a
    header row, TD in the others, each cell's text and spans."""
    return [[[("/TH" if header else "/TD", cell.text, cell.rowspan, cell.colspan,
               "/Column" if header else "") for cell in row]
             for header, group in ((True, table.header), (False, table.body_rows))
             for row in group]
            for table in outline_tables(load_file(path))]


@pytest.mark.parametrize("name", ["table-roster", "table-landscape", "small"])
def test_a_tables_rows_and_cells_are_the_outlines(name, tmp_path):
    """Rows × cells with their spans as the outline gives them: an empty cell is an element
    with no marks (the columns do not shift), a row split over pages is one TR, a header row
    repeated on a continuation page is not a row again."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    path = table_outline(tmp_path) if name == "small" else ROOT / "source" / "examples" / \
        f"{name}.yaml"
    data, _ = pdf_and_pages(path)
    found, expected = read_tables(pypdf.PdfReader(io.BytesIO(data))), expected_tables(path)
    assert len(found) == len(expected) > 0
    assert found == expected


def test_a_row_split_over_pages_is_one_row_with_marks_on_each_page(tmp_path):
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    data, pages = pdf_and_pages(table_outline(tmp_path))
    reader = pypdf.PdfReader(io.BytesIO(data))
    refs = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    (table,) = [e for e in elements(tree(reader)) if e["/S"] == "/Table"]
    first, split, last = kids(table)[1:]  # after the header row
    assert [len(kids(cell)) for cell in kids(first)] == [0, 1, 0]  # "", 短行。, ""
    assert [len(kids(cell)) for cell in kids(last)] == [1, 0, 1]
    long_cell = kids(split)[1]
    assert sorted({refs[mark.raw_get("/Pg").idnum] for mark in kids(long_cell)}) == [0, 1, 2]
    assert len(pages) == 3


@pytest.mark.parametrize("name", ["table-roster", "small"])
def test_repeated_header_rows_are_pagination_artifacts(name, tmp_path):
    """A header row drawn again on a continuation page: an /Artifact <</Type /Pagination>>
    (copying still gives its text), on every page of the table but its first, the header's
    cells once in the tree."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    path = table_outline(tmp_path) if name == "small" else TABLE
    data, pages = pdf_and_pages(path)
    reader = pypdf.PdfReader(io.BytesIO(data))
    header = [cell.text for table in outline_tables(load_file(path))[-1:]
              for row in table.header for cell in row if cell.text]
    repeated = [header_artifacts(reader, page) for page in reader.pages]
    continued = [n for n, texts in enumerate(repeated) if texts]
    assert len(continued) >= 1
    for n in continued:
        assert sorted(repeated[n]) == sorted(header)
    # the header in the tree is the one on the table's first page, the page before
    refs = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    table = [e for e in elements(tree(reader)) if e["/S"] == "/Table"][-1]
    in_tree = {refs[mark.raw_get("/Pg").idnum] for e in elements(table) if e["/S"] == "/TH"
               for mark in kids(e)}
    assert in_tree == {min(continued) - 1}
    assert continued == list(range(min(continued), min(continued) + len(continued)))


def header_artifacts(reader: pypdf.PdfReader, page) -> list[str]:
    """The /ActualText inside each pagination artifact that is not a page number."""
    out, inside = [], False
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"BDC" and str(operands[0]) == "/Artifact":
            inside = operands[1].get("/Type") == "/Pagination" and "/Subtype" not in operands[1]
        elif operator == b"BDC" and inside and "/ActualText" in operands[1]:
            out.append(str(operands[1]["/ActualText"]))
            inside = False
    return out


def test_elements_leave_the_text_to_their_marked_content(built):
    """/ActualText is on the marked content only: an element repeating it would be bytes for
    nothing (no extractor tested reads it there: tests/test_pdf_text.py passes without)."""
    for reader, _ in built.values():
        assert not [e for e in elements(tree(reader)) if "/ActualText" in e]


def test_a_volume_is_a_part_per_document_with_its_headings(built):
    """write_pdf's `parts` (each document's first page) make the Parts, not a guess from the
    blocks' numbers: one Part per included document, each with its own headings in order."""
    original, calls = render.pdf.write_pdf, []

    def record(pages, document, metrics, parts=(), *args, **kwargs):
        calls.append((pages, [start for start, _ in parts]))
        return original(pages, document, metrics, parts, *args, **kwargs)

    with mock.patch.object(render.pdf, "write_pdf", record):
        reader = pypdf.PdfReader(io.BytesIO(render.build(VOLUME, formats=["pdf"])["pdf"]))
    pages, starts = calls[0]
    documents = VOLUME.read_text(encoding="utf-8").split("include:")[1].count("\n  - ")
    assert len(starts) == documents > 1
    document = tree(reader)["/K"].get_object()
    assert document["/S"] == "/Document"
    found = [kid for kid in kids(document) if kid["/S"] == "/Part"]
    assert len(found) == documents
    assert all(kid["/S"] != "/Part" for part in found for kid in elements(part))
    texts = actual_texts(reader)
    for part, start, stop in zip(found, starts, [*starts[1:], len(pages)]):
        expected = [(f"/H{line.level}", line.heading) for page in pages[start:stop]
                    for line in page.lines if line.level]
        headings = [(str(e["/S"]), text_of(reader, e, texts)) for e in elements(part)
                    if str(e["/S"]) in ("/H1", "/H2", "/H3", "/H4")]
        assert headings == expected
    titles = ["".join(load_file(path).title) for path in
              (VOLUME.parent / line.strip()[2:] for line in
               VOLUME.read_text(encoding="utf-8").split("include:")[1].splitlines()
               if line.strip().startswith("- "))]
    assert [str(part["/T"]) for part in found] == titles  # each Part named by its document


def test_every_kind_layout_sets_has_a_role():
    """A line's kind maps to a role by one exhaustive match over compose's Elements; a kind
    outside them is refused, not read as a paragraph."""
    kinds = [PAGE_NUMBER_KIND] + [style_key(element, level) for element in Element
                                  for level in (1, 2, 3, 4)]
    roles = {kind: structure._role(kind) for kind in kinds}
    assert roles[PAGE_NUMBER_KIND] == structure.ARTIFACT
    assert roles["heading2"] == structure.HEADING and roles["runin1"] == structure.RUNIN
    assert roles["table"] == structure.CELL and roles["table_caption"] == structure.CAPTION
    assert roles["title"] == roles["body"] == structure.PARAGRAPH
    with pytest.raises(ValueError):
        structure._role("sidebar")


def test_more_than_255_twins_take_several_fonts(tmp_path):
    """320 distinct Chinese characters each before a digit: each needs a twin, a font holds
    255, so the twins go in several fonts; every extractor still copies no space at the gaps."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    seed = SEED.read_text(encoding="utf-8")  # common characters: all in the main face
    chars = sorted({ch for ch in seed if "\u4e00" <= ch <= "\u9fff"})[:320]
    assert len(chars) == 320
    body = "".join(f"{ch}{n % 10}" for n, ch in enumerate(chars))
    source = tmp_path / "twins.yaml"
    source.write_text("title: 字形测试\nissuers:\n  - 青岛市工业和信息化局\ndate: 2023-07-20\n"
                      f"body:\n  - {body}\n", encoding="utf-8")
    data, pages, metrics = pdf_pages_and_metrics(source)
    reader = pypdf.PdfReader(io.BytesIO(data))
    twin_fonts = {str(name): font.get_object() for page in reader.pages
                  for name, font in page["/Resources"]["/Font"].items()
                  if str(name).startswith("/TW")}
    last = [int(font["/LastChar"]) for font in twin_fonts.values()]
    assert max(last) == 255 and sum(last) > 255  # one font full (one-byte codes), and more
    assert all(ch in drawn_text(pages) for ch in chars)
    check("twins", pages, metrics, [page.extract_text() for page in reader.pages])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        check("twins", pages, metrics, [page.extract_text() for page in pdf.pages],
              by_position=True)


def test_each_seal_says_whose_it_is_in_the_pdf_and_the_docx():
    """A joint notice's two seals: Figure /Alt in the PDF and docPr descr in the .docx name the
    issuer each belongs to (a new user found two figures both called 印章)."""
    import re
    import zipfile

    joint = ROOT / "source" / "examples" / "notice-joint-sealed.yaml"
    out = render.build(joint, formats=["docx", "pdf"])
    reader = pypdf.PdfReader(io.BytesIO(out["pdf"]))
    alts = [str(e["/Alt"]) for e in elements(tree(reader)) if e["/S"] == "/Figure"]
    issuers = load_file(joint).issuers
    assert alts == [f"{issuer}印章" for issuer in issuers]
    document = zipfile.ZipFile(io.BytesIO(out["docx"])).read("word/document.xml").decode()
    assert re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', document) == alts

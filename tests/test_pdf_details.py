"""The PDF's details other software checks (issue #15): a subset tag of its own for every
embedded subset, the bookmark tree's counts and what it holds (附件 included), the page size
in exact points, and the document information's author and dates. Read from the written
files with pdfminer (and pdffonts, when poppler is installed)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

import render
from conftest import ROOT, SEED, fonts_installed

EXAMPLES = [SEED, *sorted((ROOT / "source" / "examples").glob("*.yaml")),
            *sorted((ROOT / "source" / "volumes").glob("*.yaml"))]
A4 = (595.276, 841.89)  # 210 × 297 mm in points, to the thousandth


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    """Every example's PDF, by the outline's stem."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    return {path.stem: render.build(path, formats=["pdf"])["pdf"] for path in EXAMPLES}


def pdf_document(data: bytes) -> PDFDocument:
    return PDFDocument(PDFParser(io.BytesIO(data)))


def text(value) -> str:
    """A PDF text string (PDFDocEncoding or UTF-16 with its mark) as text."""
    if value[:2] == b"\xfe\xff":
        return value[2:].decode("utf-16-be")
    return value.decode("latin-1")


def font_names(data: bytes) -> list[tuple[str, str]]:
    """(BaseFont, its descriptor's FontName) of every font the pages use."""
    out = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            fonts = resolve1(resolve1(page.page_obj.attrs["Resources"]).get("Font", {}))
            for ref in fonts.values():
                font = resolve1(ref)
                descriptor = resolve1(font["FontDescriptor"])
                out[ref.objid] = (font["BaseFont"].name, descriptor["FontName"].name)
    return list(out.values())


# -- subset tags (ISO 32000-1 §9.6.4)


def test_every_subset_has_a_tag_of_its_own(pdfs):
    several = 0
    for stem, data in pdfs.items():
        names = font_names(data)
        tags = [base.split("+", 1)[0] for base, _ in names]
        assert all(re.fullmatch(r"[A-Z]{6}", tag) for tag in tags), (stem, names)
        assert len(set(tags)) == len(tags), (stem, names)
        assert all(base == described for base, described in names), stem
        several += len({base.split("+", 1)[1] for base, _ in names}) > 1
    assert several == len(pdfs)  # every example embeds more than one face


def test_pdffonts_sees_no_tag_on_two_faces(pdfs, tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed; tests/run.sh installs it")
    path = tmp_path / "notice-full.pdf"
    path.write_bytes(pdfs["notice-full"])
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:]]
    faces = {}
    for name in names:
        tag, face = name.split("+", 1)
        faces.setdefault(tag, set()).add(face)
    assert len(names) >= 6 and all(len(f) == 1 for f in faces.values()), names
    assert len(faces) == len(names)  # FandolFang's two subsets: two tags too


def test_tags_are_the_same_in_every_build(pdfs):
    again = render.build(ROOT / "source" / "examples" / "notice-full.yaml", formats=["pdf"])
    assert again["pdf"] == pdfs["notice-full"]


def test_a_tag_follows_the_subsets_glyphs(pdfs, tmp_path):
    """Another text: other glyphs in the body face's subset, another tag; the title face's
    subset (the same glyphs) keeps its tag."""
    source = (ROOT / "source" / "examples" / "letter.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "letter.yaml"
    changed.write_text(source.replace("打造", "打造鑫", 1), encoding="utf-8")  # in the body
    def tags(data: bytes) -> dict[str, set[str]]:  # a face's subsets and twin fonts (twins.py)
        out: dict[str, set[str]] = {}
        for name, _ in font_names(data):
            tag, face = name.split("+", 1)
            out.setdefault(face, set()).add(tag)
        return out

    before = tags(pdfs["letter"])
    after = tags(render.build(changed, formats=["pdf"])["pdf"])
    assert before["FandolSong-Bold"] == after["FandolSong-Bold"]
    assert before["FandolFang-Regular"] != after["FandolFang-Regular"]


# -- bookmarks (ISO 32000-1 §12.3.3)


def outline_tree(data: bytes) -> tuple[dict | None, list]:
    """The outline root and its items as nested (title, /Count, children)."""
    document = pdf_document(data)
    root = resolve1(document.catalog.get("Outlines"))

    def items(node) -> list:
        out, item = [], resolve1(node.get("First")) if node else None
        while item is not None:
            out.append((text(item["Title"]), item.get("Count"), items(item)))
            item = resolve1(item.get("Next"))
        return out

    return root, items(root)


def visible(items: list) -> int:
    """Entries shown with every entry open: all, at every level."""
    return sum(1 + visible(children) for _, _, children in items)


def test_outline_counts_are_the_visible_entries(pdfs):
    nested = 0
    for stem, data in pdfs.items():
        root, items = outline_tree(data)
        if root is None:
            continue
        assert root["Count"] == visible(items), stem

        def check(entries):
            for title, count, children in entries:
                assert count == (visible(children) if children else None), (stem, title)
                check(children)

        check(items)
        nested += any(children for *_, children in items)
    assert nested >= 3  # the seed, notice-full and the volume have nested entries


def test_bookmarks_pane_only_with_bookmarks(pdfs):
    without = []
    for stem, data in pdfs.items():
        catalog = pdf_document(data).catalog
        mode = catalog.get("PageMode")
        has_outline = catalog.get("Outlines") is not None
        assert (mode is not None and mode.name == "UseOutlines") == has_outline, stem
        if not has_outline:
            without.append(stem)
    assert "order" in without and "notice-full" not in without


def test_attachments_are_top_level_bookmarks(pdfs):
    _, items = outline_tree(pdfs["notice-full"])
    assert [title for title, *_ in items] == [
        "一、申报条件", "二、申报程序", "三、工作要求",
        "2023年度青岛市制造业单项冠军企业申报书",
        "2023年度青岛市制造业单项冠军培育企业名单（格式）"]


def test_an_attachments_headings_sit_under_it(tmp_path):
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    source = tmp_path / "with-attachment.yaml"
    source.write_text(
        "style: material\ntitle: 工作方案\nbody:\n  - heading: 总体要求\n    body:\n"
        "      - 正文。\nattachments:\n  - title: 任务分工表\n    body:\n"
        "      - heading: 牵头单位\n        body:\n          - heading: 市级部门\n"
        "            body:\n              - 正文。\n      - heading: 配合单位\n"
        "        body:\n          - 正文。\n", encoding="utf-8")
    root, items = outline_tree(render.build(source, formats=["pdf"])["pdf"])
    assert [(t, [(c, [g for g, *_ in cc]) for c, _, cc in children])
            for t, _, children in items] == [
        ("一、总体要求", []),
        ("任务分工表", [("一、牵头单位", ["（一）市级部门"]), ("二、配合单位", [])])]
    assert root["Count"] == 5


def test_volume_bookmarks_nest_attachments_under_their_document(pdfs):
    _, items = outline_tree(pdfs["qingdao-miit-2023"])
    notice = items[0]
    assert notice[0].endswith("遴选工作的通知")
    assert [t for t, *_ in notice[2]][-2:] == [
        "2023年度青岛市制造业单项冠军企业申报书",
        "2023年度青岛市制造业单项冠军培育企业名单（格式）"]
    assert len(items) == 3


# -- the page size


def test_media_box_is_a4_in_exact_points(pdfs):
    turned = 0
    for stem, data in pdfs.items():
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                box = [float(v) for v in resolve1(page.page_obj.attrs["MediaBox"])]
                assert box[:2] == [0, 0]
                assert tuple(box[2:]) in (A4, A4[::-1]), (stem, page.page_number, box)
                turned += tuple(box[2:]) == A4[::-1]
    assert turned == 2  # table-landscape's two turned pages


def test_text_stays_where_layout_put_it_from_the_page_top(pdfs):
    """Baselines from the page's top edge are layout's, to the thousandth of a point, on the
    exact page height (the y axis flipped on 841.89, not 841.9)."""
    from render.pipeline import Options, lay_out, load

    _, plan, _ = lay_out(load(SEED), Options(formats=("pdf",)))
    with pdfplumber.open(io.BytesIO(pdfs[SEED.stem])) as pdf:
        for laid, page in zip(plan.pages, pdf.pages):
            expected = sorted({round(s.y, 3) for line in laid.lines for s in line.spans})
            found = sorted({round(page.height - c["matrix"][5], 3) for c in page.chars})
            assert found == expected, laid.number


# -- document information


def info(data: bytes) -> dict[str, str]:
    return {key: text(resolve1(value)) for key, value in pdf_document(data).info[0].items()
            if isinstance(resolve1(value), bytes)}


def test_author_and_dates_from_the_outline(pdfs):
    minutes, order = info(pdfs["minutes"]), info(pdfs["order"])
    # 纪要: no 成文日期, its 印发日期 (2023-07-19)
    assert minutes["CreationDate"] == minutes["ModDate"] == "D:20230719000000+08'00'"
    assert order["Author"] == "青岛市人民政府"  # the 令's issuer, named only in its 版头
    assert order["CreationDate"] == "D:20230901000000+08'00'"
    for stem, data in pdfs.items():
        fields = info(data)
        assert re.fullmatch(r"D:\d{8}000000\+08'00'", fields["CreationDate"]), stem
        assert not fields["CreationDate"].startswith("D:2000"), stem
        assert fields.get("Author"), stem


def test_a_volume_takes_its_documents_author_and_latest_date(pdfs):
    fields = info(pdfs["qingdao-miit-2023"])
    assert fields["Author"] == "青岛市工业和信息化局"
    latest = max(info(pdfs[stem])["CreationDate"] for stem in ("notice-full", "letter", "minutes"))
    assert fields["CreationDate"] == latest


def test_no_date_in_the_outline_no_date_in_the_file(tmp_path):
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    source = tmp_path / "undated.yaml"
    source.write_text("style: material\ntitle: 材料\nbody:\n  - 正文。\n", encoding="utf-8")
    fields = info(render.build(source, formats=["pdf"])["pdf"])
    assert "CreationDate" not in fields and "ModDate" not in fields and "Author" not in fields
    assert fields["Title"] == "材料"

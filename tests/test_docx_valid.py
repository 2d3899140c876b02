"""Every .docx gongwen writes is valid Office Open XML as openxml-audit (a port of the Open XML
SDK's validator: schema order of elements, attributes, relationships, properties) checks it —
each example's, the seed's, the volume's, the redline of `gongwen diff` and a document imported
from a .docx and built again — and holds only the parts it uses: no python-docx template
leftovers (webSettings, numbering, revision save ids; the theme is the document's own)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from conftest import ROOT, SEED
from render.cli import main
from render.style import load_style

EXAMPLES = sorted((ROOT / "source" / "examples").glob("*.yaml"))
VOLUMES = sorted((ROOT / "source" / "volumes").glob("*.yaml"))
PAIR = ROOT / "source" / "examples" / "diff"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = [path.stem for path in (SEED, *EXAMPLES, *VOLUMES)] + ["redline", "imported"]
# The seed's package, part for part: the document, its styles, settings, fonts, theme and two
# footers (odd and even pages), and the three property parts.
SEED_PARTS = {
    "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
    "docProps/custom.xml", "word/document.xml", "word/_rels/document.xml.rels",
    "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
    "word/footer2.xml", "word/theme/theme1.xml",
}
# Any document's parts: those, more footers (the 信函's first page, landscape sections, a
# volume's documents), and pictures (figures, seals).
PART = re.compile(r"(\[Content_Types\]\.xml|_rels/\.rels|docProps/(core|app|custom)\.xml"
                  r"|word/(document|styles|settings|fontTable|theme/theme1)\.xml"
                  r"|word/_rels/document\.xml\.rels"
                  r"|word/(v\d+-)?footer\d+\.xml|word/media/image\d+\.(png|jpe?g))")
SETTINGS = ["zoom", "defaultTabStop", "evenAndOddHeaders", "characterSpacingControl", "compat",
            "doNotAutoCompressPictures", "decimalSymbol", "listSeparator", "docId",
            "defaultImageDpi"]


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    """Every .docx the project's sources give, by name (built once for the module)."""
    out = tmp_path_factory.mktemp("valid")
    sources = [SEED, *EXAMPLES, *VOLUMES]
    assert main(["build", "-q", "--format", "docx", "-o", str(out), *map(str, sources)]) == 0
    built = {path.stem: out / f"{path.stem}.docx" for path in sources}
    built["redline"] = out / "redline.docx"
    assert main(["diff", str(PAIR / "notice-draft.yaml"), str(PAIR / "notice-final.yaml"),
                 "--docx", str(built["redline"])]) == 1  # 1: the two differ
    imported = out / "imported.yaml"
    assert main(["import", str(built["notice-full"]), "-o", str(imported)]) == 0
    assert main(["build", "-q", "--format", "docx", "-o", str(out), str(imported)]) == 0
    built["imported"] = out / "imported.docx"
    return built


def audit(path: Path) -> list[str]:
    """openxml-audit's errors in the package at `path` (its default, strict policy; every
    finding counts)."""
    result = OpenXmlValidator(max_errors=0).validate(str(path))
    return [f"{error.part_uri} {error.path}: {error.description}" for error in result.errors]


@pytest.mark.parametrize("name", NAMES)
def test_openxml_audit_finds_no_error(packages, name):
    assert audit(packages[name]) == []


def test_openxml_audit_finds_an_error_in_a_damaged_package(packages, tmp_path):
    # the check above can fail: a paragraph's style put after the property that follows it
    # (CT_PPr's order)
    # and a stray element in the body are both reported
    damaged = tmp_path / "damaged.docx"
    shutil.copy(packages["notice-full"], damaged)
    parts = read_all(damaged)
    body = parts["word/document.xml"].decode()
    moved = re.sub(r"<w:pPr>(<w:pStyle [^>]*/>)(<w:\w+ [^>]*/>)", r"<w:pPr>\2\1", body,
                   count=1)
    assert moved != body
    parts["word/document.xml"] = moved.replace("<w:p>", "<w:foo/><w:p>", 1).encode()
    with zipfile.ZipFile(damaged, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    found = audit(damaged)
    assert any("'pStyle'" in error for error in found)
    assert any("'foo'" in error for error in found)


def read_all(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_seed_package_holds_exactly_its_parts(packages):
    assert set(read_all(packages[SEED.stem])) == SEED_PARTS


@pytest.mark.parametrize("name", NAMES)
def test_package_holds_only_parts_the_document_uses(packages, name):
    parts = read_all(packages[name])
    assert [part for part in parts if not PART.fullmatch(part)] == []
    # every part named in the content types exists, and every part is reached by a relationship
    types = parts["[Content_Types].xml"].decode()
    named = {part.lstrip("/") for part in re.findall(r'PartName="([^"]+)"', types)}
    assert named <= set(parts)
    targets = set(re.findall(r'Target="([^"]+)"', parts["_rels/.rels"].decode()))
    targets |= {f"word/{target}" for target in
                re.findall(r'Target="([^"]+)"', parts["word/_rels/document.xml.rels"].decode())}
    assert {part for part in parts if "_rels" not in part and part != "[Content_Types].xml"} \
        == targets


@pytest.mark.parametrize("name", NAMES)
def test_no_revision_save_ids_and_only_used_settings(packages, name):
    parts = read_all(packages[name])
    for part, content in parts.items():
        assert b"w:rsid" not in content, part
    settings = etree.fromstring(parts["word/settings.xml"])
    assert [etree.QName(child).localname for child in settings] == SETTINGS
    assert set(settings.nsmap) == {"w", "w14", "mc"}  # no declaration nothing uses


def test_the_theme_names_the_documents_own_faces(packages):
    """Word lists the theme's fonts first (+标题, +正文): the title's and the body's faces, the
    style's Latin face for digits and letters; the colours black, white and the 版头's red."""
    style = load_style("gbt9704")
    theme = etree.fromstring(read_all(packages[SEED.stem])["word/theme/theme1.xml"])
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    faces = {(kind, slot): theme.find(f".//{a}{kind}Font/{a}{slot}").get("typeface")
             for kind in ("major", "minor") for slot in ("latin", "ea")}
    assert faces == {("major", "latin"): style.latin_font, ("minor", "latin"): style.latin_font,
                     ("major", "ea"): style.element("title").font.word,
                     ("minor", "ea"): style.element("body").font.word}
    assert theme.find(f".//{a}accent1/{a}srgbClr").get("val") == "FF0000"

"""`--pdfa`: PDF/A-1b (ISO 19005-1 = GB/T 23286.1). Fast: what can be read without Java (XMP,
output intent, EOL before `endstream`, no soft mask, version, Info and XMP agreeing, the style
key, the plain PDF untouched, pikepdf imported only for --pdfa). Slow: Apache PDFBox Preflight
on every example, and the pages rendered with and without --pdfa compared."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import render
from conftest import fonts_installed
from render.cli import main
from render.pdf.pdfa import to_pdfa, xmp_date
from test_font_cache import RUN
from test_style_hostile import X, _refused

pikepdf = pytest.importorskip("pikepdf")
pytestmark = pytest.mark.skipif(not fonts_installed(), reason="the PDF's faces are missing")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "qingdao-miit-2022-summary.yaml"
EXAMPLES = ROOT / "source" / "examples"
SEALED, FIGURE = EXAMPLES / "notice-sealed.yaml", EXAMPLES / "figure.yaml"
ALL = [SEED, *sorted(EXAMPLES.glob("*.yaml")), *sorted((ROOT / "source" / "volumes").glob("*.yaml"))]
JARS = ("preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation",
        "jaxb-api")
NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}


def build_pdfs(sources: list[Path], out: Path, *extra: str) -> dict[str, Path]:
    assert main(["build", "-q", "--format", "pdf", "-o", str(out), *extra, *map(str, sources)]) == 0
    return {source.stem: out / f"{source.stem}.pdf" for source in sources}


@pytest.fixture(scope="module")
def fast(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """The seed, a sealed notice, the figure example and the volume: (plain, --pdfa) PDFs."""
    out = tmp_path_factory.mktemp("pdfa")
    sources = [SEED, SEALED, FIGURE, *sorted((ROOT / "source" / "volumes").glob("*.yaml"))]
    plain, pdfa = build_pdfs(sources, out / "plain"), build_pdfs(sources, out / "a", "--pdfa")
    return {name: (plain[name], pdfa[name]) for name in plain}


def xmp_of(pdf) -> ET.Element:
    stream = pdf.Root.Metadata
    assert "/Filter" not in stream, "PDF/A-1 §6.7.2: the metadata stream is not filtered"
    return ET.fromstring(stream.read_bytes())


def test_xmp_declares_pdfa_1b(fast):
    for _, path in fast.values():
        with pikepdf.open(path) as pdf:
            description = xmp_of(pdf).find("rdf:RDF/rdf:Description", NS)
            assert description.findtext("pdfaid:part", namespaces=NS) == "1"
            assert description.findtext("pdfaid:conformance", namespaces=NS) == "B"
            assert description.findtext("dc:language/rdf:Bag/rdf:li", namespaces=NS) == \
                str(pdf.Root.Lang) == "zh-CN"


def test_output_intent_is_an_embedded_srgb_icc_v2_profile(fast):
    for _, path in fast.values():
        with pikepdf.open(path) as pdf:
            intents = list(pdf.Root.OutputIntents)
            assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1"
            profile = intents[0].DestOutputProfile.read_bytes()
            assert profile[36:40] == b"acsp" and profile[16:20] == b"RGB "
            assert profile[8] == 2, "PDF/A-1 takes ICC version 2 profiles"
            assert intents[0].DestOutputProfile.N == 3


def test_every_endstream_follows_an_end_of_line(fast):
    for plain, path in fast.values():
        data = path.read_bytes()
        ends = [m.start() for m in re.finditer(rb"endstream", data)]
        assert len(ends) > 10
        assert all(data[i - 1:i] in (b"\n", b"\r") for i in ends), path.name
        # the plain PDF (reportlab's) does not: the check can tell them apart
        assert not all(plain.read_bytes()[i - 1:i] == b"\n"
                       for i in (m.start() for m in re.finditer(rb"endstream", plain.read_bytes())))


def test_no_soft_mask_no_transparency_group_pdf_1_4(fast):
    for plain, path in fast.values():
        data = path.read_bytes()
        assert data.startswith(b"%PDF-1.4\n")
        with pikepdf.open(path) as pdf:
            assert pdf.pdf_version == "1.4"
            assert "/ID" in pdf.trailer
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    assert "/SMask" not in obj and "/Group" not in obj
                    assert obj.get("/Type") not in ("/ObjStm", "/XRef")
    with pikepdf.open(fast[SEALED.stem][1]) as pdf:  # the seal: a stencil mask instead
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                  and obj.get("/Subtype") == "/Image" and "/Mask" in obj]
        assert images and all(image.Mask.ImageMask for image in images)


def test_info_and_xmp_agree(fast):
    for _, path in fast.values():
        with pikepdf.open(path) as pdf:
            info = pdf.docinfo
            description = xmp_of(pdf).find("rdf:RDF/rdf:Description", NS)
            said = {
                "/Title": description.findtext("dc:title/rdf:Alt/rdf:li", namespaces=NS),
                "/Author": description.findtext("dc:creator/rdf:Seq/rdf:li", namespaces=NS),
                "/Subject": description.findtext("dc:description/rdf:Alt/rdf:li", namespaces=NS),
                "/Creator": description.findtext("xmp:CreatorTool", namespaces=NS),
                "/Producer": description.findtext("pdf:Producer", namespaces=NS),
                "/CreationDate": description.findtext("xmp:CreateDate", namespaces=NS),
                "/ModDate": description.findtext("xmp:ModifyDate", namespaces=NS),
            }
            for key, value in said.items():
                if key in info:
                    expected = str(info[key])
                    assert value == (xmp_date(expected) if key.endswith("Date") else expected)
                else:
                    assert value is None, key
            assert str(info["/Title"]) and str(info["/CreationDate"]).endswith("+08'00'")
    with pikepdf.open(fast[SEED.stem][1]) as pdf:
        assert xmp_of(pdf).find("rdf:RDF/rdf:Description/xmp:CreateDate", NS).text.endswith(
            "T00:00:00+08:00")


def test_xmp_date():
    assert xmp_date("D:20230315000000+08'00'") == "2023-03-15T00:00:00+08:00"
    assert xmp_date("D:20230315120501Z") == "2023-03-15T12:05:01Z"


def test_the_pdfa_file_is_the_plain_one_post_processed_and_deterministic(fast):
    """The plain PDF is reportlab's own (PDF 1.5, no XMP, as before --pdfa existed); --pdfa
    post-processes exactly it, with the same bytes every time (API and command alike)."""
    plain, pdfa = fast[SEED.stem]
    assert plain.read_bytes().startswith(b"%PDF-1.5\n")
    with pikepdf.open(plain) as pdf:
        assert "/Metadata" not in pdf.Root and "/OutputIntents" not in pdf.Root
    assert to_pdfa(plain.read_bytes()) == pdfa.read_bytes()
    assert render.build(SEED, formats=["pdf"], pdfa=True)["pdf"] == pdfa.read_bytes()
    assert render.build(SEED, formats=["pdf"])["pdf"] == plain.read_bytes()


def test_style_key_pdfa_is_inherited_and_can_be_turned_off(tmp_path):
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "archive.yaml").write_text(X + "pdfa: true\n", encoding="utf-8")
    (styles / "child.yaml").write_text("extends: archive\n", encoding="utf-8")
    (styles / "off.yaml").write_text("extends: archive\npdfa: false\n", encoding="utf-8")
    text = SEED.read_text(encoding="utf-8")
    found = {}
    for name in ("archive", "child", "off"):
        source = tmp_path / f"{name}.yaml"
        source.write_text(f"style: {name}\n" + re.sub(r"(?m)^style:.*\n", "", text),
                          encoding="utf-8")
        with pikepdf.open(build_pdfs([source], tmp_path / "out")[name]) as pdf:
            found[name] = "/Metadata" in pdf.Root and "/OutputIntents" in pdf.Root
    assert found == {"archive": True, "child": True, "off": False}
    # --no-pdfa and pdfa=False: a plain PDF though the sheet asks for PDF/A; --pdfa the reverse
    archive, off = tmp_path / "archive.yaml", tmp_path / "off.yaml"
    with pikepdf.open(build_pdfs([archive], tmp_path / "no", "--no-pdfa")["archive"]) as pdf:
        assert "/OutputIntents" not in pdf.Root
    with pikepdf.open(build_pdfs([off], tmp_path / "yes", "--pdfa")["off"]) as pdf:
        assert "/OutputIntents" in pdf.Root
    assert b"/OutputIntents" not in render.build(archive, formats="pdf", pdfa=False)["pdf"]
    assert b"/OutputIntents" in render.build(archive, formats="pdf")["pdf"]


def test_pdfa_without_a_pdf_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(["build", "--pdfa", "--format", "docx,ofd", "-o", str(tmp_path / "out"), str(SEED)])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: gongwen build") and "--pdfa" in err
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="pdfa=True"):
        render.build(SEED, formats=["docx"], pdfa=True)


def test_style_key_pdfa_must_be_a_flag(tmp_path, capsys):
    _refused(tmp_path, capsys, X + "pdfa: archive\n", "2:7", "pdfa: expected true or false")


def test_plain_pdf_does_not_import_pikepdf_and_pdfa_does(tmp_path):
    loaded = {}
    for flag in ("", "--pdfa"):
        args = ["build", "-q", "--format", "pdf", "-o", str(tmp_path / (flag or "plain")),
                *([flag] if flag else []), str(SEED)]
        done = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True,
                              text=True, cwd=ROOT, timeout=120)
        loaded[flag] = set(done.stdout.split("\n")[-2].split())
        assert "reportlab" in loaded[flag], done.stderr
    assert "pikepdf" not in loaded[""] and "pikepdf" in loaded["--pdfa"]


# --- slow: Preflight, and the pages as they look -------------------------------------------


def preflight_classpath() -> str:
    """The jars Validator_A1b needs (Debian's libpdfbox2-java and friends), or a skip — a
    failure in CI, where nothing may be skipped (conftest.py)."""
    jars = [Path("/usr/share/java") / f"{name}.jar" for name in JARS]
    missing = [jar.name for jar in jars if not jar.is_file()]
    if shutil.which("java") is None or missing:
        pytest.skip(f"PDFBox Preflight or Java missing ({', '.join(missing) or 'java'}); "
                    "tests/run.sh installs them")
    return os.pathsep.join(map(str, jars))


@pytest.mark.slow
def test_preflight_passes_every_example_built_with_pdfa(tmp_path):
    classpath = preflight_classpath()
    pdfs = build_pdfs(ALL, tmp_path / "a", "--pdfa")
    plain = build_pdfs([SEED], tmp_path / "plain")  # the control: without --pdfa it fails
    tool = ROOT / "tests" / "tools" / "Preflight.java"
    done = subprocess.run(["java", "-cp", classpath, str(tool), *map(str, pdfs.values()),
                           str(plain[SEED.stem])], capture_output=True, text=True, timeout=600)
    report = done.stdout.splitlines()
    for path in pdfs.values():
        said = [line for line in report if line.startswith(f"{path}: ")]
        assert said == [f"{path}: valid"], "\n".join(said[:20]) or done.stderr
    assert any(line.startswith(f"{plain[SEED.stem]}: 1.2.2 ") for line in report), done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("source, pixels", [(SEED, 0), (FIGURE, 0), (SEALED, 0.003)],
                         ids=["seed", "figure", "sealed"])
def test_pdfa_pages_look_as_the_plain_ones(tmp_path, source, pixels):
    """Rendered at 80 dpi: identical pages, but for a seal's rim, whose soft mask became a
    stencil (measured: 854 of 619 632 pixels, 0.14 %)."""
    from PIL import Image, ImageChops

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is missing; tests/run.sh installs it")
    plain, pdfa = build_pdfs([source], tmp_path / "p")[source.stem], \
        build_pdfs([source], tmp_path / "a", "--pdfa")[source.stem]
    for name, pdf in (("p", plain), ("a", pdfa)):
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(tmp_path / name)],
                       check=True, timeout=120)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert pages and len(pages) == len(list(tmp_path.glob("a-*.png")))
    for page in pages:
        ours = Image.open(page).convert("RGB")
        theirs = Image.open(tmp_path / page.name.replace("p-", "a-", 1)).convert("RGB")
        differ = ImageChops.difference(ours, theirs).convert("L").point(lambda v: v > 0 and 255)
        share = differ.histogram()[255] / (ours.width * ours.height)
        assert share <= pixels, f"{page.name}: {share:.2%} of the pixels differ"

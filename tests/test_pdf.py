"""The PDF as a file: embedded fonts, text that copies out, bookmarks, document information,
open action, reproducibility, and the font options of `gongwen build`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

pytestmark = pytest.mark.slow  # LibreOffice renderings and built PDFs, measured
from pdfminer.pdftypes import resolve1

from conftest import SEED, build, fonts_installed
from docx_text import docx_paragraphs
from render.cli import main


@pytest.fixture(autouse=True)
def _fonts():
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")


def pdffonts(path) -> list[dict]:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed; tests/run.sh installs it")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        rows.append({"name": parts[0], "type": parts[1], "emb": parts[-5], "sub": parts[-4],
                     "uni": parts[-3]})
    return rows


def test_fonts_are_embedded_subset_with_unicode_maps(seed_pdf):
    fonts = pdffonts(seed_pdf)
    assert fonts
    for font in fonts:
        assert (font["emb"], font["sub"], font["uni"]) == ("yes", "yes", "yes"), font
        assert font["type"] == "TrueType"
    names = {f["name"].split("+", 1)[1] for f in fonts}
    assert {"FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular",
            "FandolSong-Bold", "FandolSong-Regular", "LiberationSerif"} <= names
    assert b"Helvetica" not in seed_pdf.read_bytes()


def test_text_copies_out_as_the_outline_says(seed_pdf, seed_docx):
    with pdfplumber.open(seed_pdf) as pdf:
        text = "".join(c["text"] for page in pdf.pages for c in page.chars
                       if c["top"] < 742)  # the type area: page numbers excluded
    expected = "".join(docx_paragraphs(seed_docx))
    assert text.replace(" ", "") == expected.replace(" ", "")


def test_bookmarks_follow_the_headings(seed_pdf, seed_docx):
    with pdfplumber.open(seed_pdf) as pdf:
        outlines = [(level, title) for level, title, *_ in pdf.doc.get_outlines()]
    headings = [(1, t) for t in docx_paragraphs(seed_docx) if t[:2] in
                ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert [o for o in outlines if o[0] == 1] == headings
    leads = [o for o in outlines if o[0] == 2]
    assert len(leads) == 19 and leads[0] == (2, "（一）全力助企纾困解难。")


def test_document_information_and_open_action(seed_pdf):
    with pdfplumber.open(seed_pdf) as pdf:
        info = pdf.metadata
        action = resolve1(pdf.doc.catalog["OpenAction"])
        first_page = pdf.pages[0].page_obj.pageid
    assert info["Title"] == "市工业和信息化2022年工作总结"
    assert info["Author"] == "青岛市工业和信息化局"
    assert info["CreationDate"].startswith("D:20230216")
    assert action[0].objid == first_page and action[1].name == "Fit"


def test_builds_are_byte_identical(tmp_path):
    build(SEED, tmp_path / "a", "--format", "pdf")
    build(SEED, tmp_path / "b", "--format", "pdf")
    name = f"{SEED.stem}.pdf"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_character_in_no_font_is_an_error_with_its_place(tmp_path, capsys):
    source = tmp_path / "rare.yaml"
    source.write_text("style: material\ntitle: 测试\nbody:\n  - 正文。\n  - 这里有一个\U000F0041字。\n",
                      encoding="utf-8")
    assert main(["build", "-o", str(tmp_path / "out"), str(source)]) == 2
    err = capsys.readouterr().err
    assert f"{source}:5:5: character \U000F0041 (U+F0041) is in no font for fangsong" in err
    assert not (tmp_path / "out").exists()
    assert main(["build", "-q", "--allow-missing-glyphs", "-o", str(tmp_path / "out"),
                 str(source)]) == 0
    assert "warning:" in capsys.readouterr().err
    assert (tmp_path / "out" / "rare.pdf").exists()


def test_strict_fonts_refuses_substitutes(tmp_path, capsys):
    assert main(["build", "--strict-fonts", "-o", str(tmp_path), str(SEED)]) == 2
    err = capsys.readouterr().err
    assert "fonts.fangsong: --strict-fonts: the official face (仿宋_GB2312) is not installed" in err
    assert not list(tmp_path.iterdir())


def test_a_font_file_named_on_the_command_line(tmp_path):
    uming = Path("/usr/share/fonts/truetype/arphic/uming.ttc")  # installed by gongwen fonts install
    build(SEED, tmp_path, "--format", "pdf", "--font", f"heiti={uming}")
    names = {f["name"].split("+", 1)[1] for f in pdffonts(tmp_path / f"{SEED.stem}.pdf")}
    assert "FandolHei-Regular" not in names
    assert any("UMing" in n for n in names), names


def test_unknown_font_role_is_refused(tmp_path, capsys):
    assert main(["build", "--font", "bold=x.ttf", "-o", str(tmp_path), str(SEED)]) == 2
    assert "no font role bold" in capsys.readouterr().err


def test_fonts_command_lists_each_role(capsys):
    assert main(["fonts"]) == 0
    out = capsys.readouterr().out
    for role in ("fangsong", "xiaobiaosong", "heiti", "kaiti", "songti", "latin"):
        assert role in out
    assert "FandolFang  [open]" in out and "GPL" in out and "fallback AR PL UMing CN" in out

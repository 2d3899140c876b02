"""The one-time font set-up: extracting Fandol from the package, converting CFF to TrueType,
the fontconfig file."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from fontTools.ttLib import TTFont

from render.pdf import fontsetup, openfonts
from render.pdf.convert import cff_to_truetype


def test_only_the_fandol_files_are_taken_from_the_package(tmp_path):
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed")
    root = tmp_path / "pkg"
    fandol = root / "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
    fandol.mkdir(parents=True)
    (fandol / "FandolFang-Regular.otf").write_bytes(b"OTTO fake")
    (root / "usr/share/doc/fandol").mkdir(parents=True)
    (fandol / "README").write_text("Fandol")
    (root / "usr/share/texlive/texmf-dist/tex").mkdir(parents=True)
    (root / "usr/share/texlive/texmf-dist/tex/ctex.sty").write_text("not a font")
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN/control").write_text(
        "Package: fake-fandol\nVersion: 1\nArchitecture: all\nMaintainer: t <t@t>\n"
        "Description: test\n")
    subprocess.run(["dpkg-deb", "--build", str(root), str(tmp_path / "fake.deb")], check=True,
                   capture_output=True)
    target = tmp_path / "out"
    fontsetup._extract_fandol(tmp_path / "fake.deb", target)
    assert sorted(p.name for p in target.iterdir()) == ["FandolFang-Regular.otf", "README"]
    assert (target / "FandolFang-Regular.otf").read_bytes() == b"OTTO fake"


def test_cff_conversion_keeps_widths_and_names(tmp_path):
    source = openfonts.data_dir() / "FandolBraille-Regular.otf"  # a small CFF face of the set
    if not source.exists():
        pytest.skip("the Fandol sources are not installed; run `gongwen fonts install`")
    target = tmp_path / "braille.ttf"
    cff_to_truetype(source, target, rename="Gongwen Test")
    before, after = TTFont(str(source)), TTFont(str(target))
    assert "CFF " in before and "glyf" in after and "CFF " not in after
    assert after["hmtx"].metrics == before["hmtx"].metrics
    assert after.getBestCmap() == before.getBestCmap()
    assert after["name"].getDebugName(1) == "Gongwen Test"
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabFont

    ReportlabFont("gongwen-test", str(target))  # reportlab accepts it


def test_fontconfig_offers_open_faces_for_official_names():
    text = fontsetup.fontconfig_text()
    assert f"<dir>{openfonts.cache_dir()}</dir>" in text
    for official in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"):
        assert f"<family>{official}</family><accept>" in text  # an installed official face wins
    assert "<family>FandolSong Bold</family>" in text


def test_the_installed_mapping_reaches_fontconfig():
    if shutil.which("fc-match") is None or not openfonts.fontconfig_file().exists():
        pytest.skip("fontconfig or gongwen's fontconfig file is not installed")
    for official, family in (("仿宋_GB2312", "FandolFang"), ("方正小标宋简体", "FandolSong Bold"),
                             ("楷体_GB2312", "FandolKai")):
        found = subprocess.run(["fc-match", "-f", "%{family}", official], capture_output=True,
                               text=True, check=True).stdout
        assert family in found.split(","), (official, found)

"""The one-time font set-up: extracting Fandol from the package, converting CFF to TrueType,
the fontconfig file."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from fontTools.ttLib import TTFont

from conftest import machine_without_fonts
from render.fonts import catalogue, setup
from render.fonts.convert import cff_to_truetype


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
    setup._extract_fandol(tmp_path / "fake.deb", target)
    assert sorted(p.name for p in target.iterdir()) == ["FandolFang-Regular.otf", "README"]
    assert (target / "FandolFang-Regular.otf").read_bytes() == b"OTTO fake"


def test_cff_conversion_keeps_widths_and_names(tmp_path):
    source = catalogue.data_dir() / "FandolBraille-Regular.otf"  # a small CFF face of the set
    if not source.exists():
        pytest.skip("the Fandol sources are not installed; run `gongwen fonts install`")
    target = tmp_path / "braille.ttf"
    cff_to_truetype(source, target, rename="Gongwen Test")
    again = tmp_path / "again.ttf"
    cff_to_truetype(source, again, rename="Gongwen Test")
    assert again.read_bytes() == target.read_bytes()  # the same on every machine, any day
    before, after = TTFont(str(source)), TTFont(str(target))
    assert after["head"].modified == before["head"].modified
    assert "CFF " in before and "glyf" in after and "CFF " not in after
    assert after["hmtx"].metrics == before["hmtx"].metrics
    assert after.getBestCmap() == before.getBestCmap()
    assert after["name"].getDebugName(1) == "Gongwen Test"
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabFont

    ReportlabFont("gongwen-test", str(target))  # reportlab accepts it


def test_fontconfig_offers_open_faces_for_official_names():
    text = setup.fontconfig_text()
    assert f"<dir>{catalogue.cache_dir()}</dir>" in text
    for official in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"):
        assert f"<family>{official}</family><accept>" in text  # an installed official face wins
    assert "<family>FandolSong Bold</family>" in text


def test_the_installed_mapping_reaches_fontconfig():
    if shutil.which("fc-match") is None or not catalogue.fontconfig_file().exists():
        pytest.skip("fontconfig or gongwen's fontconfig file is not installed")
    for official, family in (("仿宋_GB2312", "FandolFang"), ("方正小标宋简体", "FandolSong Bold"),
                             ("楷体_GB2312", "FandolKai")):
        found = subprocess.run(["fc-match", "-f", "%{family}", official], capture_output=True,
                               text=True, check=True).stdout
        assert family in found.split(","), (official, found)


# dpkg-query -W -f='${Status}' as dpkg prints it (package name → stdout, exit code).
DPKG_STATES = {
    "fontconfig": ("install ok installed", 0),
    "fonts-liberation": ("unknown ok not-installed", 0),  # known to apt, never installed
    "fonts-wqy-microhei": ("deinstall ok config-files", 0),  # removed, config left
    "fonts-arphic-ukai": ("install ok half-installed", 0),  # an interrupted install
    "fonts-arphic-uming": ("install reinstreq half-installed", 0),
}


@pytest.mark.parametrize("status, installed", [
    ("install ok installed", True),
    ("hold ok installed", True),
    ("unknown ok not-installed", False),
    ("deinstall ok config-files", False),
    ("install ok half-installed", False),
    ("install ok unpacked", False),
    ("install reinstreq half-installed", False),
    ("", False),  # an unknown package: dpkg-query prints nothing on stdout and exits 1
])
def test_only_the_state_word_installed_means_installed(status, installed):
    assert setup.status_is_installed(status) is installed


def _fake_tools(folder, log):
    """dpkg-query answering from DPKG_STATES (unknown packages: exit 1, as dpkg does) and an
    apt-get that records its arguments."""
    folder.mkdir()
    states = "\n".join(f'  {name}) printf "{status}"; exit {code};;'
                       for name, (status, code) in DPKG_STATES.items())
    (folder / "dpkg-query").write_text(
        "#!/bin/sh\nfor last; do :; done\ncase \"$last\" in\n" + states +
        "\n  *) echo \"dpkg-query: no packages found matching $last\" >&2; exit 1;;\nesac\n")
    (folder / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    for tool in folder.iterdir():
        tool.chmod(0o755)


def test_every_missing_package_is_requested(tmp_path, monkeypatch):
    log = tmp_path / "apt.log"
    _fake_tools(tmp_path / "bin", log)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    monkeypatch.setattr(setup.os, "geteuid", lambda: 0)
    setup._debian_packages(lambda line: None)
    requested = log.read_text().split()
    assert requested[:4] == ["install", "-y", "-q", "--no-install-recommends"]
    # Everything but fontconfig ("install ok installed") is asked for, whatever its state.
    assert sorted(requested[4:]) == sorted(set(setup.DEBIAN_FONT_PACKAGES) - {"fontconfig"})


def test_without_root_the_exact_sudo_line_is_printed(tmp_path, monkeypatch):
    log = tmp_path / "apt.log"
    _fake_tools(tmp_path / "bin", log)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # no sudo on PATH
    monkeypatch.setattr(setup.os, "geteuid", lambda: 1000)
    with pytest.raises(setup.SetupError) as caught:
        setup._debian_packages(lambda line: None)
    missing = " ".join(sorted(set(setup.DEBIAN_FONT_PACKAGES) - {"fontconfig"}))
    assert f"sudo apt-get install -y -q --no-install-recommends {missing}" in str(caught.value)
    assert not log.exists()  # nothing was run


def test_install_fails_naming_the_role_and_package_when_a_face_is_still_missing(
        tmp_path, monkeypatch):
    machine_without_fonts(tmp_path, monkeypatch)
    for step in ("_debian_packages", "_write_fontconfig"):
        monkeypatch.setattr(setup, step, lambda say: None)
    monkeypatch.setattr(setup, "_fandol_sources", lambda say: tmp_path)
    monkeypatch.setattr(setup, "_convert", lambda face, source, say: None)
    with pytest.raises(setup.SetupError) as caught:
        setup.install(lambda line: None)
    message = str(caught.value)
    assert "fangsong: none of 仿宋_GB2312, 仿宋, FangSong, FandolFang" in message
    assert "texlive-lang-chinese" in message
    assert "latin: none of Times New Roman, Liberation Serif is installed; install the package " \
           "fonts-liberation" in message


def test_fonts_exits_non_zero_when_a_role_cannot_be_resolved(tmp_path, monkeypatch, capsys):
    from render.cli import main

    machine_without_fonts(tmp_path, monkeypatch)
    fonts_module = __import__("render.fonts.resolve", fromlist=["installed"])
    fonts_module.installed.cache_clear()
    try:
        assert main(["fonts"]) == 1
    finally:
        fonts_module.installed.cache_clear()
    out, err = capsys.readouterr()
    assert "fangsong      MISSING" in out
    assert "latin: none of Times New Roman, Liberation Serif" in err


def test_fonts_exits_zero_when_every_role_resolves():
    from render.fonts.setup import builtin_gaps

    if builtin_gaps():
        pytest.skip("this machine's fonts are not set up; run `gongwen fonts install`")
    from render.cli import main

    assert main(["fonts"]) == 0

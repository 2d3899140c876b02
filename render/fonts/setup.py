"""`gongwen fonts install`: obtain the open faces, convert Fandol, and tell fontconfig about them.

1. Debian font packages (AR PL UMing/UKai, WenQuanYi Micro Hei, Liberation) with apt-get.
2. The Fandol faces from texlive-lang-chinese: an installed TeX Live copy if there is one, else
   `apt-get download` of the package and only the Fandol files (with README and licence) taken
   out of it; nothing of TeX is installed.
3. Each Fandol face converted to TrueType once, cached under a name keyed by its source's hash.
4. A user fontconfig file that adds the cache to the font path and maps the official names
   (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体 …) to the same faces, so LibreOffice and WPS
   render the .docx with the faces the PDF embeds. An installed official face still wins.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from ..files import write_atomic
from . import catalogue

DEBIAN_FONT_PACKAGES = sorted({f.package for f in catalogue.CATALOGUE.values()
                               if not f.converted} | {"fontconfig"})
# Official names → the open family fontconfig should offer in their place.
ALIASES = {
    "仿宋_GB2312": "FandolFang", "仿宋": "FandolFang", "FangSong": "FandolFang",
    "方正小标宋简体": "FandolSong Bold", "方正小标宋_GBK": "FandolSong Bold",
    "黑体": "FandolHei", "SimHei": "FandolHei",
    "楷体_GB2312": "FandolKai", "楷体": "FandolKai", "KaiTi": "FandolKai",
    "宋体": "FandolSong", "SimSun": "FandolSong",
}


class SetupError(Exception):
    pass


def install(say=print) -> None:
    """Set up the open faces, then check that every built-in style now resolves every role;
    SetupError naming the role and the package when one does not."""
    _debian_packages(say)
    sources = _fandol_sources(say)
    for face in catalogue.CATALOGUE.values():
        if face.converted:
            _convert(face, sources / face.source_file, say)
    _write_fontconfig(say)
    gaps = builtin_gaps()
    if gaps:
        raise SetupError("after the set-up, these faces are still missing:\n"
                         + "\n".join(f"    {gap}" for gap in gaps))
    say("every font role of every built-in style resolves to a face")


def builtin_gaps() -> list:
    """Font gaps of every built-in style, looked up afresh (fontconfig is asked again)."""
    from ..style import BUILTIN_DIR, load_style
    from .resolve import font_gaps, installed

    installed.cache_clear()
    styles: dict = {}  # one entry per gap, with every style that has it
    for sheet in sorted(BUILTIN_DIR.glob("*.yaml")):
        for gap in font_gaps(load_style(sheet.stem)):
            styles.setdefault(dataclasses.replace(gap, style=""), []).append(gap.style)
    return [dataclasses.replace(gap, style=", ".join(names)) for gap, names in styles.items()]


def _debian_packages(say) -> None:
    missing = [p for p in DEBIAN_FONT_PACKAGES if not _dpkg_installed(p)]
    if not missing:
        say(f"font packages: {', '.join(DEBIAN_FONT_PACKAGES)} already installed")
        return
    if shutil.which("apt-get") is None:
        raise SetupError(f"install these font packages (or equivalents): {', '.join(missing)}")
    install = ["install", "-y", "-q", "--no-install-recommends", *missing]
    _need_root(install)
    try:
        _apt(install, say, f"installing {', '.join(missing)}")
    except SetupError:  # a fresh machine has no package lists yet
        _apt(["update", "-q"], say, "updating the package lists")
        _apt(install, say, f"installing {', '.join(missing)}")


def _need_root(args: list[str]) -> None:
    """Without root, and without a sudo that works without a password, name the command to
    run instead."""
    if os.geteuid() != 0 and (shutil.which("sudo") is None or not _sudo_works()):
        raise SetupError("installing packages needs root; run this, then `gongwen fonts "
                         f"install` again:\n    sudo apt-get update && sudo apt-get {' '.join(args)}")


def _fandol_sources(say) -> Path:
    target = catalogue.data_dir()
    wanted = [f.source_file for f in catalogue.CATALOGUE.values() if f.converted]
    if all((target / name).is_file() for name in wanted):
        say(f"Fandol sources: {target}")
        return target
    target.mkdir(parents=True, exist_ok=True)
    if all((catalogue.FANDOL_TEXLIVE_DIR / name).is_file() for name in wanted):
        for name in wanted:
            shutil.copyfile(catalogue.FANDOL_TEXLIVE_DIR / name, target / name)
        say(f"Fandol sources: copied from {catalogue.FANDOL_TEXLIVE_DIR}")
        return target
    if shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
        raise SetupError(
            "the Fandol fonts come from Debian's texlive-lang-chinese; without apt-get, put "
            f"{', '.join(wanted)} into {target} and run again"
        )
    with tempfile.TemporaryDirectory() as tmp:
        say(f"downloading {catalogue.FANDOL_PACKAGE} (about 50 MB) for the Fandol fonts")
        try:
            _run(["apt-get", "download", catalogue.FANDOL_PACKAGE], cwd=tmp)
        except SetupError:
            _apt(["update", "-q"], say, "updating the package lists")
            _run(["apt-get", "download", catalogue.FANDOL_PACKAGE], cwd=tmp)
        package = next(Path(tmp).glob("*.deb"))
        _extract_fandol(package, target)
    say(f"Fandol sources: {target} (with README and COPYING)")
    return target


def _extract_fandol(package: Path, target: Path) -> None:
    """Take the Fandol fonts, README and licence out of the package's data archive."""
    tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(package)], stdout=subprocess.PIPE)
    keep = ("/fandol/Fandol", "/fandol/README", "/fandol/COPYING")
    with tarfile.open(fileobj=tar.stdout, mode="r|") as archive:
        for member in archive:
            if member.isfile() and any(k in member.name for k in keep):
                data = archive.extractfile(member).read()
                write_atomic(target / Path(member.name).name, data)
    tar.wait()


def _convert(face: catalogue.OpenFace, source: Path, say) -> None:
    from .convert import cff_to_truetype, converted_name

    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = catalogue.cache_dir() / converted_name(source, digest)
    if target.exists():
        say(f"{face.family}: {target} (cached)")
        return
    bar = _ProgressBar(f"converting {source.name}")
    partial = target.with_suffix(".partial")
    cff_to_truetype(source, partial, bar.update, rename=face.rename)
    os.replace(partial, target)
    for old in catalogue.cache_dir().glob(f"{source.stem}-*.ttf"):  # earlier conversions,
        if old != target:  # removed only once the new one is in place
            old.unlink()
    bar.done()
    say(f"{face.family}: {target}")


def fontconfig_text() -> str:
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
             "<!-- Written by `gongwen fonts install`: the open faces of gongwen-typeset stand in",
             "     for the official 公文 faces where those are not installed. -->",
             "<fontconfig>", f"  <dir>{escape(str(catalogue.cache_dir()))}</dir>"]
    for official, family in ALIASES.items():
        lines.append(f"  <alias binding=\"same\"><family>{escape(official)}</family>"
                     f"<accept><family>{escape(family)}</family></accept></alias>")
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


def _write_fontconfig(say) -> None:
    path = catalogue.fontconfig_file()
    write_atomic(path, fontconfig_text().encode("utf-8"))
    if shutil.which("fc-cache"):
        _run(["fc-cache", "-f", str(catalogue.cache_dir())])
    say(f"fontconfig: {path} offers the open faces for {', '.join(ALIASES)}")


def _dpkg_installed(package: str) -> bool:
    if shutil.which("dpkg-query") is None:
        return False
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                            capture_output=True, text=True, check=False)
    return result.returncode == 0 and status_is_installed(result.stdout)


def status_is_installed(status: str) -> bool:
    """dpkg's status is three words, want/error/state ("install ok installed"); only the state
    word `installed` exactly means the package's files are there ("not-installed",
    "config-files", "half-installed" and a "reinstreq" error do not)."""
    words = status.split()
    return len(words) == 3 and words[1] == "ok" and words[2] == "installed"


def _apt(args: list[str], say, what: str) -> None:
    command = ["apt-get", *args]
    _need_root(args)
    if os.geteuid() != 0:  # `sudo -n` never waits for a password
        command = ["sudo", "-n", *command]
    say(what)
    _run(command, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def _sudo_works() -> bool:
    return subprocess.run(["sudo", "-n", "true"], capture_output=True,
                          check=False).returncode == 0


def _run(command: list[str], **kwargs) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
        raise SetupError(f"`{' '.join(command)}` failed: {detail[0]}")


class _ProgressBar:
    """A one-line progress bar on a terminal; a line at the end otherwise."""

    def __init__(self, label: str, width: int = 30):
        self.label, self.width = label, width
        self.tty = sys.stderr.isatty()

    def update(self, done: int, total: int) -> None:
        if self.tty:
            filled = self.width * done // total
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
                             f"{done}/{total} glyphs")
            sys.stderr.flush()

    def done(self) -> None:
        if self.tty:
            sys.stderr.write("\n")

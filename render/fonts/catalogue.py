"""The open faces gongwen can obtain and where they live on this machine.

The Fandol faces come inside Debian's texlive-lang-chinese (CFF outlines, converted once to
TrueType and cached); AR PL UMing/UKai, WenQuanYi Micro Hei and Liberation Serif are Debian font
packages that fontconfig finds. Paths follow the XDG base directories.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..files import cache_root, xdg_dir

FANDOL_PACKAGE = "texlive-lang-chinese"
FANDOL_LICENCE = "GPL-2.0-or-later with font exception (Fandol)"
FANDOL_TEXLIVE_DIR = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")


@dataclass(frozen=True)
class OpenFace:
    family: str  # the name style sheets use
    package: str  # the Debian package that ships it
    licence: str
    source_file: str | None = None  # Fandol: the .otf inside the package, converted to .ttf
    rename: str | None = None  # a family name of its own for the converted copy

    @property
    def converted(self) -> bool:
        return self.source_file is not None


CATALOGUE = {
    face.family: face
    for face in (
        OpenFace("FandolFang", FANDOL_PACKAGE, FANDOL_LICENCE, "FandolFang-Regular.otf"),
        OpenFace("FandolSong", FANDOL_PACKAGE, FANDOL_LICENCE, "FandolSong-Regular.otf"),
        # The bold Song stands in for 小标宋; as a family of its own, a fontconfig alias can
        # point 方正小标宋简体 at it without asking for a bold weight.
        OpenFace("FandolSong Bold", FANDOL_PACKAGE, FANDOL_LICENCE, "FandolSong-Bold.otf",
                 rename="FandolSong Bold"),
        OpenFace("FandolHei", FANDOL_PACKAGE, FANDOL_LICENCE, "FandolHei-Regular.otf"),
        OpenFace("FandolKai", FANDOL_PACKAGE, FANDOL_LICENCE, "FandolKai-Regular.otf"),
        OpenFace("AR PL UMing CN", "fonts-arphic-uming", "Arphic Public License"),
        OpenFace("AR PL UKai CN", "fonts-arphic-ukai", "Arphic Public License"),
        OpenFace("WenQuanYi Micro Hei", "fonts-wqy-microhei",
                 "Apache-2.0 or GPL-3.0 with font exception"),
        OpenFace("Liberation Serif", "fonts-liberation", "SIL Open Font License 1.1"),
    )
}


def cache_dir() -> Path:
    """Converted faces, named <stem>-<hash of the source>.ttf."""
    return cache_root() / "fonts"


def data_dir() -> Path:
    """The Fandol sources with their README and licence, as taken from the package."""
    return xdg_dir("XDG_DATA_HOME", ".local/share") / "gongwen" / "fandol"


def fontconfig_file() -> Path:
    return xdg_dir("XDG_CONFIG_HOME", ".config") / "fontconfig" / "conf.d" / "60-gongwen.conf"


def converted_file(face: OpenFace) -> Path | None:
    """The cached TrueType copy of a converted face, if it has been made."""
    stem = Path(face.source_file).stem
    found = sorted(cache_dir().glob(f"{stem}-*.ttf"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None

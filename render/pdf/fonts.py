"""Font resolution for the PDF: which face file sets each role, and which covers each character.

Per role, in order: files named on the command line or in the style (`pdf:` entries ending in
.ttf/.ttc/.otf), then the style's face names looked up among installed fonts (fontconfig, and
the usual Windows and macOS font folders), where official faces (仿宋_GB2312, 黑体, …) come first
and the open faces gongwen installs (Fandol, AR PL, WenQuanYi) last. A role's `fallback:` faces
cover characters its main face lacks. Digits and Latin letters use the style's Latin face
(Times New Roman, or the metric-compatible Liberation Serif), as the .docx does.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..style import Style
from . import openfonts

UPRIGHT_STYLES = {"Regular", "Book", "Normal", "Light", "Roman", "Medium", "R"}
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
# File names of the official faces in Windows and macOS font folders (matched case-insensitively).
OFFICIAL_FILES = {
    "仿宋_GB2312": ["仿宋_GB2312.ttf", "FS_GB2312.ttf", "SIMFANG_GB2312.TTF"],
    "仿宋": ["simfang.ttf"], "FangSong": ["simfang.ttf"],
    "黑体": ["simhei.ttf"], "SimHei": ["simhei.ttf"],
    "楷体_GB2312": ["楷体_GB2312.ttf", "KAITI_GB2312.TTF", "simkai_gb2312.ttf"],
    "楷体": ["simkai.ttf"], "KaiTi": ["simkai.ttf"],
    "宋体": ["simsun.ttc"], "SimSun": ["simsun.ttc"],
    "方正小标宋简体": ["FZXBSJW.TTF", "方正小标宋简体.ttf"], "方正小标宋_GBK": ["FZXBSK.TTF"],
    "Times New Roman": ["times.ttf", "Times New Roman.ttf"],
}


@dataclass(frozen=True)
class Face:
    name: str  # as the style names it
    path: Path
    index: int = 0  # the face inside a .ttc
    source: str = "official"  # file, official or open
    licence: str = ""

    @property
    def key(self) -> str:
        """A short, stable identifier for the face's file (used as the PDF font name)."""
        digest = hashlib.sha1(f"{self.path}#{self.index}".encode()).hexdigest()[:8]
        return f"{Path(self.path).stem}-{self.index}-{digest}"


@dataclass(frozen=True)
class RoleFaces:
    role: str
    main: Face
    fallbacks: tuple[Face, ...] = ()
    tried: tuple[str, ...] = ()


@dataclass
class FontSet:
    roles: dict[str, RoleFaces]
    latin: Face | None
    notes: list[str] = field(default_factory=list)


def resolve_fonts(style: Style, files: dict[str, Path] | None = None,
                  strict: bool = False) -> FontSet:
    """Faces for every role of `style`; InputError when a role has none, or, with `strict`,
    when any role would use a substitute for its official face."""
    files = files or {}
    problems: list[Problem] = []
    roles: dict[str, RoleFaces] = {}
    where = str(style.path)
    for role, font in style.fonts.items():
        candidates = ([str(files[role])] if role in files else []) + list(font.pdf)
        main = next((f for f in (_find(name, style) for name in candidates) if f), None)
        fallbacks = tuple(f for f in (_find(name, style) for name in font.fallback) if f)
        if main is None:
            problems.append(Problem(where, 0, 0, (
                f"fonts.{role}: none of {', '.join(candidates)} is installed; "
                "run `gongwen fonts install` or name a font file with --font "
                f"{role}=PATH")))
            continue
        if strict and main.source == "open":
            problems.append(Problem(where, 0, 0, (
                f"fonts.{role}: --strict-fonts: the official face ({font.word}) is not "
                f"installed; only the substitute {main.name} is")))
        roles[role] = RoleFaces(role, main, fallbacks, tuple(candidates))
    latin = None
    if style.latin_font:
        latin = next((f for f in (_find(n, style) for n in style.latin_pdf) if f), None)
        if latin is None:
            problems.append(Problem(where, 0, 0, (
                f"latin_pdf: none of {', '.join(style.latin_pdf)} is installed (digits and "
                "Latin letters need a face with the widths of the .docx's Latin font)")))
    if problems:
        raise InputError(problems)
    return FontSet(roles, latin)


def _find(name: str, style: Style) -> Face | None:
    """One candidate: a file path, an open face gongwen manages, or an installed face."""
    if name.lower().endswith(FONT_SUFFIXES):
        path = Path(name).expanduser()
        if not path.is_absolute():
            path = style.path.parent / path
        return Face(name, truetype(path), source="file") if path.is_file() else None
    open_face = openfonts.CATALOGUE.get(name)
    if open_face and open_face.converted:
        path = openfonts.converted_file(open_face)
        return Face(name, path, 0, "open", open_face.licence) if path else None
    found = installed().get(name.casefold())
    if found is None:
        return None
    path, index = found
    if open_face:
        return Face(name, path, index, "open", open_face.licence)
    return Face(name, truetype(path), index, "official", "as installed")


def truetype(path: Path) -> Path:
    """reportlab embeds TrueType outlines only: a CFF-flavoured file is converted once and the
    cached copy used instead."""
    with open(path, "rb") as handle:
        if handle.read(4) != b"OTTO":
            return path
    from .convert import cff_to_truetype

    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = openfonts.cache_dir() / f"{path.stem}-{digest}.ttf"
    if not target.exists():
        cff_to_truetype(path, target)
    return target


@functools.cache
def installed() -> dict[str, tuple[Path, int]]:
    """Installed faces by case-folded family, full and PostScript name → (file, index)."""
    faces: dict[str, tuple[Path, int]] = {}
    for folder in _font_folders():
        if folder.is_dir():
            names = {p.name.casefold(): p for p in folder.iterdir()}
            for face, files in OFFICIAL_FILES.items():
                for file in files:
                    if file.casefold() in names:
                        faces.setdefault(face.casefold(), (names[file.casefold()], 0))
    fc_list = shutil.which("fc-list")
    if fc_list:
        out = subprocess.run(
            [fc_list, "--format",
             "%{file}\t%{index}\t%{style}\t%{family}\t%{fullname}\t%{postscriptname}\n"],
            capture_output=True, text=True, check=False,
        ).stdout
        ranked: dict[str, tuple[int, str, int]] = {}
        for line in out.splitlines():
            parts = line.split("\t")
            if len(parts) < 6:
                continue
            path, index, style = parts[0], int(parts[1] or 0), parts[2].split(",")[0]
            rank = 0 if style in UPRIGHT_STYLES else 1  # a family name means its regular face
            for names in parts[3:]:
                for alias in names.split(","):
                    key = alias.strip().casefold()
                    if key and (rank, path, index) < ranked.get(key, (9, "", 0)):
                        ranked[key] = (rank, path, index)
        for key, (_, path, index) in ranked.items():
            faces.setdefault(key, (Path(path), index))
    return faces


def _font_folders() -> list[Path]:
    home = Path.home()
    windir = Path(os.environ.get("WINDIR", "C:/Windows"))
    return [windir / "Fonts", home / "AppData/Local/Microsoft/Windows/Fonts",
            Path("/Library/Fonts"), home / "Library/Fonts", Path("/System/Library/Fonts")]

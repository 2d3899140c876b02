"""Font resolution: which face file sets each role, and which covers each character (the PDF
embeds these faces; layout measures with them when a build has them).

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..style import FONT_SUFFIXES, Style
from ..fontfile import font_file_problem
from . import catalogue

UPRIGHT_STYLES = {"Regular", "Book", "Normal", "Light", "Roman", "Medium", "R"}
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

    @functools.cached_property
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
        given = Face(str(files[role]), truetype(files[role]), source="file") if role in files else None
        main = given or next((f for f in (_find(name, style) for name in font.pdf) if f), None)
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



def open_fonts(style: Style) -> FontSet:
    """The open faces `gongwen fonts install` provides for every role of `style`, whatever
    official faces this machine has: per role the first catalogue face its `pdf:` list names,
    with its `fallback:` faces; the Latin face likewise. InputError when a role names none or
    one is not installed. The shipped reference metrics are made from these faces."""
    problems: list[Problem] = []
    where = str(style.path)

    def first_open(role: str, names) -> Face | None:
        name = next((n for n in names if n in catalogue.CATALOGUE), None)
        face = _find(name, style) if name else None
        if face is None:
            problems.append(Problem(where, 0, 0, (
                f"{role}: " + (f"the open face {name} is not installed; run `gongwen fonts "
                               "install`" if name else "names no open face"))))
        return face

    roles: dict[str, RoleFaces] = {}
    for role, font in style.fonts.items():
        main = first_open(f"fonts.{role}", font.pdf)
        fallbacks = tuple(first_open(f"fonts.{role} fallback", [n]) for n in font.fallback)
        if main is not None and all(fallbacks):
            roles[role] = RoleFaces(role, main, fallbacks, tuple(font.pdf))
    latin = first_open("latin_pdf", style.latin_pdf) if style.latin_font else None
    if problems:
        raise InputError(problems)
    return FontSet(roles, latin)

def split_font_spec(spec: str) -> tuple[str, str, Path | None]:
    """`--font ROLE=FILE` → (role, file as given, its absolute path; None without a file)."""
    role, _, file = spec.partition("=")
    role, file = role.strip(), file.strip()
    return role, file, Path(file).expanduser().absolute() if file else None


def font_options(specs: list[str], roles: Iterable[str] | None = None) -> dict[str, Path]:
    """`--font ROLE=FILE` values → {role: absolute path}. FILE is relative to the current
    folder; it must be a font file the PDF can use; ROLE one of `roles` (None: not checked
    here, the caller checks them against each style). Every problem is reported at once, as
    `--font: message` (InputError, exit 2)."""
    roles = None if roles is None else list(roles)
    files: dict[str, Path] = {}
    problems: list[Problem] = []

    def problem(message: str) -> None:
        problems.append(Problem("--font", 0, 0, message))

    for spec in specs:
        role, file, path = split_font_spec(spec)
        if "=" not in spec or not role or path is None:
            problem(f"expected ROLE=FILE (e.g. fangsong=fonts/fs.ttf), found {spec!r}")
            continue
        if roles is not None and role not in roles:
            problem(f"{spec}: no font role {role}; roles: {', '.join(roles)}")
            continue
        if role in files:
            problem(f"{spec}: the role {role} is given twice")
            continue
        reason = font_file_problem(path)
        if reason:
            problem(f"{spec}: {file}: {reason}")
            continue
        files[role] = path
    if problems:
        raise InputError(problems)
    return files


@dataclass(frozen=True)
class FontGap:
    """A role (or one of its fallbacks, or the Latin face) that no installed face can set."""

    style: str
    role: str  # a font role, or "latin"
    wanted: tuple[str, ...]  # the names tried, in order
    fallback: bool = False

    @property
    def packages(self) -> tuple[str, ...]:
        """The Debian packages that provide one of the wanted faces."""
        return tuple(dict.fromkeys(catalogue.CATALOGUE[n].package for n in self.wanted
                                   if n in catalogue.CATALOGUE))

    def __str__(self) -> str:
        what = f"{self.role} fallback" if self.fallback else self.role
        hint = (f"; install the package {', '.join(self.packages)} (`gongwen fonts install` "
                "does)" if self.packages else "; name a font file with --font")
        return f"{self.style}: {what}: none of {', '.join(self.wanted)} is installed{hint}"


def font_gaps(style: Style) -> list[FontGap]:
    """Every role, fallback face and Latin face of `style` that resolves to nothing here, by
    the same look-up `resolve_fonts` makes."""
    name = style.path.stem
    gaps: list[FontGap] = []
    for role, font in style.fonts.items():
        if not any(_find(n, style) for n in font.pdf):
            gaps.append(FontGap(name, role, tuple(font.pdf)))
        gaps += [FontGap(name, role, (n,), fallback=True) for n in font.fallback
                 if _find(n, style) is None]
    if style.latin_font and not any(_find(n, style) for n in style.latin_pdf):
        gaps.append(FontGap(name, "latin", tuple(style.latin_pdf)))
    return gaps


def _find(name: str, style: Style) -> Face | None:
    """One candidate: a file path, an open face gongwen manages, or an installed face."""
    if name.lower().endswith(FONT_SUFFIXES):
        path = Path(name).expanduser()
        if not path.is_absolute():
            path = style.path.parent / path
        return Face(name, truetype(path), source="file") if path.is_file() else None
    open_face = catalogue.CATALOGUE.get(name)
    if open_face and open_face.converted:
        path = catalogue.converted_file(open_face)
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
    from .convert import cff_to_truetype, converted_name

    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = catalogue.cache_dir() / converted_name(path, digest)
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


def list_faces(style: Style) -> list[str]:
    """One line per role (and fallback, and the Latin face): the face the PDF will use, its
    file, source and licence, or MISSING."""

    def describe(label: str, face: Face | None, wanted) -> str:
        if face is None:
            return f"{label:13} MISSING (none of {', '.join(wanted)})"
        return (f"{label:13} {face.name}  [{face.source}] {face.path}"
                + (f" #{face.index}" if face.index else "") + f"  ({face.licence})")

    lines = []
    for role, font in style.fonts.items():
        main = next((f for f in (_find(n, style) for n in font.pdf) if f), None)
        lines.append(describe(role, main, font.pdf))
        for name in font.fallback:
            lines.append(describe("", _find(name, style), [name]).replace(" " * 13, " " * 13
                                                                         + " fallback", 1))
    if style.latin_font:
        latin = next((f for f in (_find(n, style) for n in style.latin_pdf) if f), None)
        lines.append(describe("latin", latin, style.latin_pdf))
    return lines


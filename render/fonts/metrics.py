"""Face metrics from the resolved font files, for layout (widths, coverage) and the PDF writer
(the registered reportlab fonts). Faces are loaded only when first needed (a fallback face only
if some character is missing from the main face), from the parsed-face cache when it holds them
(`facecache`: no TrueType parsing, the file read only when the PDF embeds the face).

This is the one module that reads reportlab's parsed faces (`TTFont.face`: its cmap, widths,
glyph offsets and raw data); everything else asks FontMetrics, or the functions at the end
(`units_per_em`, `glyph_id`, `widened_subset`: what the PDF's twin fonts need of a face)."""

from __future__ import annotations

import copy
import struct

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .facecache import load_font
from .resolve import Face, FontSet

# Parsed faces, kept for the process (a build, a test run, a watch loop parses each file once);
# keyed by the file's identity, so a replaced file is parsed again.
_PARSED: dict[tuple, TTFont] = {}


def _parsed(face: Face) -> TTFont:
    info = face.path.stat()
    key = (str(face.path), face.index, info.st_mtime_ns, info.st_size)
    font = _PARSED.get(key)
    if font is None:
        font = _PARSED[key] = load_font(face.key, face.path, face.index)
        pdfmetrics.registerFont(font)
    return font


class FontMetrics:
    """layout.breaking.Metrics over a FontSet."""

    def __init__(self, fontset: FontSet):
        self.fontset = fontset
        self._fonts: dict[str, TTFont] = {}
        self._faces: dict[str, Face] = {}
        self._choice: dict[tuple[str, str, bool], str | None] = {}
        self._ink: dict[tuple[str, str], float] = {}
        self._glyphs: dict[tuple[str, str, bool], tuple[str, float]] = {}

    def font(self, key: str) -> TTFont:
        return self._fonts[key]

    def _load(self, face: Face) -> TTFont:
        font = self._fonts.get(face.key)
        if font is None:
            font = self._fonts[face.key] = _parsed(face)
            self._faces[face.key] = face
        return font

    def chain(self, role: str) -> list[Face]:
        faces = self.fontset.roles[role]
        return [faces.main, *faces.fallbacks]

    def covering(self, ch: str, role: str, latin: bool) -> str | None:
        """The key of the first face that has `ch`: the Latin face for characters set as Latin
        (when the style names one), else the role's face, then its fallbacks."""
        key = (ch, role, latin)
        if key not in self._choice:
            chain = self.chain(role)
            if latin and self.fontset.latin:
                chain = [self.fontset.latin, *chain]
            self._choice[key] = next(
                (f.key for f in chain if ord(ch) in self._load(f).face.charToGlyph), None)
        return self._choice[key]

    def face_for(self, ch: str, role: str, latin: bool) -> str:
        found = self.covering(ch, role, latin)
        if found is None:  # reported before layout; drawn in the main face (as nothing)
            found = self.fontset.roles[role].main.key
            self._load(self.fontset.roles[role].main)
        return found

    def glyph(self, ch: str, role: str, latin: bool) -> tuple[str, float]:
        key = (ch, role, latin)
        found = self._glyphs.get(key)
        if found is None:
            face = self.face_for(ch, role, latin)
            font = self._fonts[face]
            em = font.face.charWidths.get(ord(ch), font.face.defaultWidth) / 1000
            found = self._glyphs[key] = (face, em)
        return found

    def ink_middle(self, ch: str, face: str) -> float:
        """From the glyph's bounding box in the glyf table (header: contours, xMin, yMin, xMax,
        yMax as 16-bit integers); 0.3 em when the face has no outline for `ch`."""
        key = (ch, face)
        if key not in self._ink:
            parsed = self._fonts[face].face
            glyph = parsed.charToGlyph.get(ord(ch))
            middle = 0.3
            if glyph is not None and "glyf" in parsed.table:
                start = parsed.glyphPos[glyph]
                if parsed.glyphPos[glyph + 1] > start:
                    offset = parsed.table["glyf"]["offset"] + start
                    y_min, _, y_max = struct.unpack(">hhh", parsed._ttf_data[offset + 4:offset + 10])
                    middle = (y_min + y_max) / 2 / parsed.unitsPerEm
            self._ink[key] = middle
        return self._ink[key]

    def advance_units(self, face: str, ch: str) -> float:
        """`ch`'s advance in the loaded face `face`, in thousandths of an em (the face's default
        width when it has no glyph for `ch`)."""
        parsed = self._fonts[face].face
        return parsed.charWidths.get(ord(ch), parsed.defaultWidth)

    def load(self, face: Face) -> str:
        """Parse (and register) `face`; its key."""
        self._load(face)
        return face.key

    def coverage(self, face: str) -> frozenset[int]:
        """The code points the loaded face `face` has glyphs for, as `covering` sees them."""
        return frozenset(self._fonts[face].face.charToGlyph)

    def advances(self, face: str) -> tuple[dict[int, float], float]:
        """The loaded face's advances by code point and its default advance, in thousandths of
        an em, as `glyph` reads them."""
        parsed = self._fonts[face].face
        return dict(parsed.charWidths), parsed.defaultWidth

    @property
    def used_faces(self) -> list[Face]:
        return list(self._faces.values())


def units_per_em(parsed) -> int:
    """The font units per em of reportlab's parsed face `parsed` (`TTFont.face`)."""
    return parsed.unitsPerEm


def glyph_id(parsed, ch: str) -> int:
    """The glyph `parsed` draws `ch` with (0: .notdef, when it has none)."""
    return parsed.charToGlyph.get(ord(ch), 0)


def widened_subset(parsed, codes: list[int], extras: dict[int, int]) -> bytes:
    """reportlab's TrueType subset of `parsed` with the characters `codes` (by code, code 0
    .notdef), made from a copy of the face whose glyphs in `extras` have their advances widened
    by that many font units (hhea's widest advance to match): the glyphs are the face's own."""
    widened = copy.copy(parsed)
    widened.hmetrics = list(parsed.hmetrics)
    for glyph, extra in extras.items():
        advance, lsb = parsed.hmetrics[glyph]
        widened.hmetrics[glyph] = (advance + extra, lsb)
    widest = max(int(advance) for advance, _ in widened.hmetrics)
    hhea = parsed.get_table("hhea")
    hhea = hhea[:10] + struct.pack(">H", max(widest, struct.unpack(">H", hhea[10:12])[0])) \
        + hhea[12:]
    widened.get_table = lambda tag: hhea if tag == "hhea" else parsed.get_table(tag)
    return widened.makeSubset(codes)

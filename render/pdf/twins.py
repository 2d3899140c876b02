"""Twin glyphs: the glyph before an autospacing gap, widened so the gap lies inside its box.

Text extractors that read glyph positions (pdfminer/pdfplumber, pypdf) take a gap between two
glyphs wider than their tolerance (pdfplumber: 3 pt) for a space, and neither reads
/ActualText; autospacing's 0.2 em between Chinese and digits or Latin (3.2 pt at 16 pt) is
such a gap. So the glyph before it is drawn as its twin: a copy of that glyph in a font of its
own whose advance (the font program's hmtx, and so the PDF's /Widths) includes the gap, which
ToUnicode maps to the same character. The glyph is drawn where it was, so the page looks the
same; an extractor sees the character's box reach the next one.

A twin's extra advance is the gap rounded down to a twentieth of an em (so few twins serve a
document, and the box never reaches over the next glyph); what is left (under 0.05 em) and the
span's character spacing stay outside the box, as between any two glyphs of a line. A gap of
`LIMIT` em or more separates the parts of a line (the 版记's 印发机关 and 印发日期, a 目录
title and its page): that is a boundary, drawn as a gap, as between two lines.

Each face's twins go in fonts of up to 255 twins (code 0 is .notdef), a glyph at most once in a
font (its one advance there; a glyph's twin for another gap goes in another font). A font's
program is reportlab's subset of its characters, made from the face with those glyphs'
advances widened (and the widest advance in hhea to match): the glyphs are the face's own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..fonts.metrics import glyph_id, units_per_em, widened_subset

MIN = 0.1  # em: a narrower gap (justification's remainders) stays outside the boxes
LIMIT = 0.5  # em: a wider gap separates the parts of a line
STEP = 0.05  # em: a twin's extra advance is a whole number of these
PER_FONT = 255


@dataclass(frozen=True)
class Twin:
    """One twin: its font (an index into `Twins.fonts`) and its code there."""

    font: int
    code: int


@dataclass
class TwinFont:
    """A font of twins of one face: (character, extra advance in font units) by code − 1."""

    face: str
    entries: list[tuple[str, int]] = field(default_factory=list)
    extras: dict[int, int] = field(default_factory=dict)  # glyph → its extra advance here


class Twins:
    """The twins a document uses, in order of first use (so a build is deterministic)."""

    def __init__(self) -> None:
        self.fonts: list[TwinFont] = []
        self._known: dict[tuple[str, str, int], Twin] = {}

    def twin(self, face: str, parsed, ch: str, gap_em: float) -> Twin | None:
        """The twin of `ch` (face key `face`, reportlab's parsed face `parsed`) for a gap of
        `gap_em` em after it beyond the span's character spacing; None when the gap needs none."""
        if not MIN <= gap_em < LIMIT:
            return None
        extra = round(math.floor(gap_em / STEP + 1e-9) * STEP * units_per_em(parsed))
        key = (face, ch, extra)
        found = self._known.get(key)
        if found is None:
            glyph = glyph_id(parsed, ch)
            number = next((n for n, f in enumerate(self.fonts) if f.face == face and
                           len(f.entries) < PER_FONT and f.extras.get(glyph, extra) == extra),
                          len(self.fonts))
            if number == len(self.fonts):
                self.fonts.append(TwinFont(face))
            twin_font = self.fonts[number]
            twin_font.entries.append((ch, extra))
            twin_font.extras[glyph] = extra
            found = self._known[key] = Twin(number, len(twin_font.entries))
        return found


def codes(font: TwinFont) -> list[int]:
    """The characters by code, as reportlab's subsets list them (code 0: .notdef)."""
    return [0] + [ord(ch) for ch, _ in font.entries]


def widths(font: TwinFont, advance, parsed) -> list[float]:
    """The /Widths of the font, code 0 first: each twin's advance with its gap. `advance`:
    a character's advance in thousandths of an em (the metrics')."""
    scale = 1000 / units_per_em(parsed)
    return [advance(chr(0))] + [advance(ch) + extra * scale for ch, extra in font.entries]


def program(font: TwinFont, parsed) -> bytes:
    """The TrueType program: the face's subset of the twins' characters with the twin glyphs'
    advances widened by their gaps (`fonts.metrics.widened_subset`)."""
    return widened_subset(parsed, codes(font), font.extras)

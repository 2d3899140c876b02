"""CFF (PostScript-outline) OpenType → TrueType, so that reportlab can embed the Fandol faces.

Cubic outlines become quadratic ones (fontTools' cu2qu, within `MAX_ERR` font units), the `CFF `
table is replaced by `glyf`/`loca`, and `maxp`, `head` and `post` are rewritten to match. Advance
widths, cmap and names are kept, so the converted face has the metrics of the original: the
PDF breaks lines where LibreOffice does with the original face. The result depends only on
the input file, so it is made once and cached.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERR = 1.0  # font units (of 1000 per em)
DROP = ("CFF ", "CFF2", "VORG")


# Part of a converted copy's file name: a new version makes `gongwen fonts install` convert
# again (2: head.modified kept from the source, so a conversion is the same bytes everywhere).
CONVERTER_VERSION = 2


def converted_name(source: Path, digest: str) -> str:
    return f"{source.stem}-{digest}-c{CONVERTER_VERSION}.ttf"


def cff_to_truetype(source: Path, target: Path, progress=None, rename: str | None = None) -> None:
    """Write a TrueType copy of the CFF-flavoured OpenType font `source` to `target`.
    `progress(done, total)` is called now and then while outlines are converted; `rename`
    gives the copy a family name of its own (a regular face of that family)."""
    # keep the source's head.modified: the same source gives the same bytes on every machine
    font = TTFont(str(source), recalcTimestamp=False)
    if rename:
        _rename(font, rename)
    if "glyf" in font:
        font.save(str(target))
        return
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    total = len(order)
    for done, name in enumerate(order, 1):
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
        if progress and (done % 500 == 0 or done == total):
            progress(done, total)
    for tag in DROP:
        if tag in font:
            del font[tag]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    _truetype_maxp(font)
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))


def _truetype_maxp(font: TTFont) -> None:
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxPoints = maxp.maxContours = 0
    maxp.maxCompositePoints = maxp.maxCompositeContours = 0
    # compile() recalculates the point and contour maxima from the glyf table.


def _rename(font: TTFont, family: str) -> None:
    names = font["name"]
    for name_id in (1, 2, 4, 6, 16, 17, 21, 22):
        names.removeNames(nameID=name_id)
    for name_id, value in ((1, family), (2, "Regular"), (4, family),
                           (6, family.replace(" ", "-"))):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        font["CFF "].cff.fontNames = [family.replace(" ", "-")]

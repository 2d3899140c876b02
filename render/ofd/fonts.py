"""The OFD's embedded fonts: each face the pages use, subset with fontTools to the characters
drawn in it (its cmap kept, so a TextCode's characters find their glyphs), named as its name
table names it. Subsets are deterministic: no timestamp is recalculated."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from fontTools import subset
from fontTools.ttLib import TTFont

from ..layout.items import Page


@dataclass(frozen=True)
class EmbeddedFont:
    key: str  # the face key the plan's spans name
    name: str  # FontName: the face's PostScript (else full) name
    family: str  # FamilyName
    file: str  # the file's name under the document's resource folder
    data: bytes


def characters_by_face(pages: Iterable[Page]) -> dict[str, set[str]]:
    """Every face key the pages draw text in, with the characters drawn in it (first use
    order of faces kept)."""
    used: dict[str, set[str]] = {}
    for page in pages:
        for line in page.lines:
            for span in line.spans:
                used.setdefault(span.face, set()).update(span.text)
    return used


def embed(used: dict[str, set[str]], faces: dict, number: int = 0) -> list[EmbeddedFont]:
    """Each used face (`faces`: key → resolve.Face, with its file and index in a collection)
    subset to its characters; file names font_<number>.ttf|otf, counting from `number`."""
    out = []
    for n, (key, chars) in enumerate(used.items(), number):
        face = faces[key]
        font = TTFont(str(face.path), fontNumber=face.index, recalcTimestamp=False, lazy=True,
                      recalcBBoxes=False)  # glyphs copied as they are, not recompiled
        name, family = _names(font)
        options = subset.Options()
        options.notdef_outline = True
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.layout_features = []
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a reader uses
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(map(ord, chars)))
        subsetter.subset(font)
        suffix = "otf" if font.sfntVersion == "OTTO" else "ttf"
        buffer = io.BytesIO()
        font.save(buffer)
        out.append(EmbeddedFont(key, name, family, f"font_{n}.{suffix}", buffer.getvalue()))
    return out


def _names(font: TTFont) -> tuple[str, str]:
    names = font["name"]
    postscript = names.getDebugName(6) or names.getDebugName(4) or "font"
    return postscript, names.getDebugName(1) or postscript

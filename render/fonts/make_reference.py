"""Make the shipped reference metrics (render/fonts/data/reference-metrics.json.gz) from the open
faces `gongwen fonts install` provides:

    gongwen fonts install
    python -m render.fonts.make_reference [OUTPUT]

For every open face a built-in style's roles come to (see `resolve.open_fonts`), the table holds
what `FontMetrics` reads from its file: the covered code points, the advances (only those that
differ from the face's most common one), the default advance, and the ink middle of the
characters page numbers start with; and the role chains of the built-in styles. Nothing is
rounded. The output depends only on the font files: the same faces give the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from ..style import BUILTIN_DIR, Style, load_style
from . import catalogue
from .metrics import FontMetrics
from .reference import FORMAT, TABLE, encode_ranges
from .resolve import Face, FontSet, open_fonts

INK_CHARACTERS = "—–-0123456789"  # page numbers start with a dash or a digit


def builtin_styles() -> list[Style]:
    return [load_style(sheet.stem) for sheet in sorted(BUILTIN_DIR.glob("*.yaml"))]


def ink_characters(styles: list[Style]) -> str:
    """The character each style's page number starts with (the one layout asks the ink of),
    and INK_CHARACTERS."""
    found = set(INK_CHARACTERS)
    for style in styles:
        text = style.page_number.format.replace("{n}", "1").strip()
        if text:
            found.add(text[0])
    return "".join(sorted(found))


def face_entry(metrics: FontMetrics, face: Face, ink: str) -> dict:
    key = metrics.load(face)
    cover = metrics.coverage(key)
    widths, default = metrics.advances(key)

    def advance(point: int) -> float:  # as FontMetrics.glyph reads it
        return widths.get(point, default)

    counts = Counter(advance(p) for p in cover)
    common = min(counts, key=lambda value: (-counts[value], value)) if counts else default
    listed: dict[float, list[int]] = {}
    for point in sorted(cover | set(widths)):
        expected = common if point in cover else default
        if advance(point) != expected:
            listed.setdefault(advance(point), []).append(point)
    return {
        "default": default,
        "common": common,
        "cover": encode_ranges(cover),
        "advances": [[value, encode_ranges(points)] for value, points in sorted(listed.items())],
        "ink": {ch: metrics.ink_middle(ch, key) for ch in ink},
    }


def make_table(styles: list[Style] | None = None) -> dict:
    styles = styles or builtin_styles()
    fontsets = [open_fonts(style) for style in styles]  # InputError: run `gongwen fonts install`
    faces: dict[str, Face] = {}
    chains: dict[tuple, list[str]] = {}
    latins: dict[tuple, str] = {}
    for style, fontset in zip(styles, fontsets):
        for role, font in style.fonts.items():
            chain = [fontset.roles[role].main, *fontset.roles[role].fallbacks]
            faces.update((f.name, f) for f in chain)
            chains[tuple(font.pdf), tuple(font.fallback)] = [f.name for f in chain]
        if fontset.latin:
            faces[fontset.latin.name] = fontset.latin
            latins[tuple(style.latin_pdf)] = fontset.latin.name
    metrics = FontMetrics(FontSet({}, None))
    ink = ink_characters(styles)
    return {
        "format": FORMAT,
        "faces": {name: face_entry(metrics, faces[name], ink) for name in sorted(faces)},
        "sources": {name: source_entry(faces[name]) for name in sorted(faces)},
        "chains": [{"pdf": list(pdf), "fallback": list(fallback), "faces": names}
                   for (pdf, fallback), names in sorted(chains.items())],
        "latin": [{"pdf": list(pdf), "face": name} for pdf, name in sorted(latins.items())],
    }


def source_entry(face) -> dict:
    """Which file a face's numbers come from: for a converted face (Fandol) the packaged .otf it
    was converted from, whose bytes are the same on every machine (a converted copy is only as
    reproducible as the converter), else the installed file."""
    open_face = catalogue.CATALOGUE.get(face.name)
    path = face.path
    if open_face is not None and open_face.converted:
        path = catalogue.data_dir() / open_face.source_file
    return {"file": path.name, "index": face.index,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def table_bytes(table: dict) -> bytes:
    """Compact JSON, sorted keys, gzip without a timestamp: equal tables, equal bytes."""
    text = json.dumps(table, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else TABLE
    data = table_bytes(make_table())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"wrote {target} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


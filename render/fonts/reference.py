"""Reference metrics: what layout measures with the open faces, shipped as data, so the same
outline is laid out alike on every machine (the .docx's 版记 placement depends on it).

`data/reference-metrics.json.gz` holds, per open face of the built-in styles (FandolFang,
FandolSong Bold, FandolHei, FandolKai, FandolSong, AR PL UMing/UKai, WenQuanYi Micro Hei,
Liberation Serif): the code points it covers and their advances exactly as `FontMetrics` reads
them from the font files, and the ink middle of the characters page numbers start with. It
also records each role chain of the built-in styles (the `pdf:` and `fallback:` lists) with the
faces they come to, so a style whose roles name the same lists (any style extending a built-in
one without changing its fonts) is measured with the table. Face keys are the family names.

Regenerate with `python -m render.fonts.make_reference` after `gongwen fonts install` (or when
a built-in style's fonts change); tests/test_reference_metrics.py checks the table against the
installed faces. This module imports neither reportlab nor fontTools.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import json
from pathlib import Path

from ..style import Style

TABLE = Path(__file__).resolve().parent / "data" / "reference-metrics.json.gz"
FORMAT = 1
NO_INK = 0.3  # em: FontMetrics' answer for a glyph without outline, and ours for unknown ink


def encode_ranges(points) -> list[int]:
    """Sorted distinct code points → a flat list of alternating gaps and run lengths, from 0."""
    flat: list[int] = []
    previous_end = 0
    run_start = None
    last = None
    for point in sorted(points):
        if last is not None and point == last + 1:
            last = point
            continue
        if run_start is not None:
            flat += [run_start - previous_end, last + 1 - run_start]
            previous_end = last + 1
        run_start = last = point
    if run_start is not None:
        flat += [run_start - previous_end, last + 1 - run_start]
    return flat


def decode_ranges(flat: list[int]) -> tuple[list[int], list[int]]:
    """The inverse of `encode_ranges`: the runs' starts and (exclusive) ends."""
    starts, ends = [], []
    position = 0
    for gap, length in zip(flat[::2], flat[1::2]):
        position += gap
        starts.append(position)
        position += length
        ends.append(position)
    return starts, ends


class _Ranges:
    """Membership in sorted runs of code points (and a value per run)."""

    def __init__(self, flat: list[int], values=None):
        self.starts, self.ends = decode_ranges(flat)
        self.values = values

    def find(self, point: int) -> int:
        """The index of the run holding `point`, or -1."""
        index = bisect.bisect_right(self.starts, point) - 1
        return index if index >= 0 and point < self.ends[index] else -1


class _Face:
    def __init__(self, data: dict):
        self.default = data["default"]  # the advance of a code point the face lacks
        self.common = data["common"]  # the advance of covered code points not listed below
        self.cover = _Ranges(data["cover"])
        runs, values = [], []
        for value, flat in data["advances"]:
            starts, ends = decode_ranges(flat)
            runs += [(s, e, value) for s, e in zip(starts, ends)]
        runs.sort()
        self.advances = _Ranges(encode_runs(runs), [v for _, _, v in runs])
        self.ink = data["ink"]

    def covers(self, point: int) -> bool:
        return self.cover.find(point) >= 0

    def advance(self, point: int) -> float:
        """In thousandths of an em, as the font file gives it."""
        index = self.advances.find(point)
        if index >= 0:
            return self.advances.values[index]
        return self.common if self.covers(point) else self.default


def encode_runs(runs: list[tuple[int, int, object]]) -> list[int]:
    """Sorted, disjoint (start, end exclusive, value) runs → the flat gap/length form."""
    flat, previous_end = [], 0
    for start, end, _ in runs:
        flat += [start - previous_end, end - start]
        previous_end = end
    return flat


@functools.cache
def load_table(path: Path = TABLE) -> dict:
    data = json.loads(gzip.decompress(path.read_bytes()))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a reference metrics table of format {FORMAT}")
    return data


@functools.cache
def _faces(path: Path = TABLE) -> dict[str, _Face]:
    return {name: _Face(face) for name, face in load_table(path)["faces"].items()}


def reference_chains(style: Style, path: Path = TABLE) -> tuple[dict[str, tuple[str, ...]],
                                                                   str | None] | None:
    """Each role's faces (main, then fallbacks) and the Latin face by the table, or None when
    some role (or the Latin face) names lists the table does not know."""
    table = load_table(path)
    chains = {(tuple(c["pdf"]), tuple(c["fallback"])): tuple(c["faces"]) for c in table["chains"]}
    latins = {tuple(c["pdf"]): c["face"] for c in table["latin"]}
    roles = {}
    for role, font in style.fonts.items():
        faces = chains.get((tuple(font.pdf), tuple(font.fallback)))
        if faces is None:
            return None
        roles[role] = faces
    latin = None
    if style.latin_font:
        latin = latins.get(tuple(style.latin_pdf))
        if latin is None:
            return None
    return roles, latin


class ReferenceMetrics:
    """layout.breaking.Metrics from the shipped table: the answers FontMetrics gives over the
    open faces, on any machine, without font files."""

    def __init__(self, roles: dict[str, tuple[str, ...]], latin: str | None,
                 path: Path = TABLE):
        self.roles, self.latin = roles, latin
        self._faces = _faces(path)
        self._glyphs: dict[tuple[str, str, bool], tuple[str, float]] = {}

    @classmethod
    def for_style(cls, style: Style, path: Path = TABLE) -> ReferenceMetrics | None:
        """The table's metrics for `style`, or None when its roles are not the table's."""
        found = reference_chains(style, path)
        return cls(*found, path=path) if found else None

    def glyph(self, ch: str, role: str, latin: bool) -> tuple[str, float]:
        key = (ch, role, latin)
        found = self._glyphs.get(key)
        if found is None:
            point = ord(ch)
            chain = self.roles[role]
            if latin and self.latin:
                chain = (self.latin, *chain)
            face = next((f for f in chain if self._faces[f].covers(point)), self.roles[role][0])
            found = self._glyphs[key] = (face, self._faces[face].advance(point) / 1000)
        return found

    def ink_middle(self, ch: str, face: str) -> float:
        """As measured for the characters page numbers start with (dashes, digits); NO_INK
        for any other."""
        return self._faces[face].ink.get(ch, NO_INK)

"""The line breaker: a paragraph's runs → lines of positioned characters.

Widths follow the .docx as LibreOffice sets it: each character's advance from its face, rounded
to twips; the style's tracking (run spacing) after every character except the last of a
portion (a stretch of one run in one script) and the last of the line; extra space where a
Chinese character meets a Latin letter or digit (autospacing); lines filled greedily and broken
at the last allowed place (chars.break_allowed), so a mark that may not start a line pushes the
character before it down. Lines other than a paragraph's last are justified by spreading the
remaining width over the gaps after Chinese characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from .chars import autospaced, break_allowed, resolve_scripts

AUTOSPACE = 0.2  # em: the space LibreOffice puts between Chinese and Latin/digits
EPSILON = 1e-6


class Metrics(Protocol):
    """What layout needs to know about faces; the PDF writer provides it from the font files."""

    def face_for(self, ch: str, role: str, latin: bool) -> str:
        """The key of the face that draws `ch` in font role `role`, or in the Latin face when
        `ch` is set as Latin (`latin`)."""

    def width(self, ch: str, face: str) -> float:
        """The advance of `ch` in `face`, in em."""

    def ink_middle(self, ch: str, face: str) -> float:
        """Height of the middle of `ch`'s ink above the baseline, in em."""


@dataclass(frozen=True)
class TextRun:
    text: str
    role: str  # font role
    size: float
    tracking: float  # points after each character (≤ 0)
    latin: bool = True  # Latin characters in the style's Latin face (not for page numbers)


@dataclass(frozen=True)
class Glyph:
    ch: str
    face: str
    size: float
    x: float  # from the line's start


@dataclass(frozen=True)
class SetLine:
    glyphs: tuple[Glyph, ...]
    width: float  # the natural width before justification
    last: bool

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)


def twentieths(points: float) -> float:
    """Rounded to whole twips, as the word processor measures."""
    return round(points * 20) / 20


def break_lines(runs: Sequence[TextRun], metrics: Metrics, first_width: float, width: float,
                justify: bool, autospace: bool = True) -> list[SetLine]:
    chars, faces, sizes, advance, joint = [], [], [], [], []
    run_of: list[int] = []
    latin = resolve_scripts("".join(run.text for run in runs))
    for index, run in enumerate(runs):
        for ch in run.text:
            face = metrics.face_for(ch, run.role, run.latin and latin[len(chars)])
            chars.append(ch)
            faces.append(face)
            sizes.append(run.size)
            advance.append(twentieths(metrics.width(ch, face) * run.size))
            run_of.append(index)
    n = len(chars)
    if n == 0:
        return [SetLine((), 0.0, True)]
    # joint[k]: what char k adds besides its advance when char k+1 follows it on the line
    for k in range(n - 1):
        extra = 0.0
        same_portion = run_of[k] == run_of[k + 1] and latin[k] == latin[k + 1]
        if same_portion:
            extra += runs[run_of[k]].tracking
        if autospace and autospaced(chars[k], chars[k + 1]):
            extra += twentieths(AUTOSPACE * sizes[k])
        joint.append(extra)
    joint.append(0.0)
    prefix = [0.0]
    for k in range(n):
        prefix.append(prefix[-1] + advance[k] + joint[k])

    def natural(start: int, end: int) -> float:  # chars[start:end] as a line
        return prefix[end - 1] - prefix[start] + advance[end - 1]

    lines: list[SetLine] = []
    start = 0
    while start < n:
        room = first_width if not lines else width
        end, fits = start, None
        while end < n and natural(start, end + 1) <= room + EPSILON:
            if end + 1 == n or break_allowed(chars[end], chars[end + 1]):
                fits = end + 1
            end += 1
        if end == n:
            stop = n
        elif fits is not None:
            stop = fits
        else:
            stop = max(end, start + 1)  # nothing breakable fits: break where it overflows
        last = stop == n
        lines.append(_place(chars, latin, faces, sizes, advance, joint, start, stop,
                            natural(start, stop), room if justify and not last else None, last))
        start = stop
    return lines


def _place(chars, latin, faces, sizes, advance, joint, start, stop, natural_width, justify_to,
           last):
    gaps = [k for k in range(start, stop - 1) if not latin[k]]
    extra = 0.0
    if justify_to is not None and gaps and justify_to > natural_width:
        extra = (justify_to - natural_width) / len(gaps)
    gap_set = set(gaps)
    x = 0.0
    glyphs = []
    for k in range(start, stop):
        glyphs.append(Glyph(chars[k], faces[k], sizes[k], x))
        x += advance[k] + joint[k] + (extra if k in gap_set else 0.0)
    return SetLine(tuple(glyphs), natural_width, last)

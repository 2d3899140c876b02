"""The line breaker: a paragraph's runs → lines of positioned characters.

Widths follow the .docx as LibreOffice sets it (the rules in render/spacing.py, which
composition uses too): each character's advance from its face, rounded to twips; the style's
tracking (run spacing) after every character except the last of a portion (a stretch of one run
in one script) and the last of the line; extra space where a Chinese character meets a Latin
letter or digit (autospacing); lines filled greedily and broken at the last allowed place
(chars.break_allowed). Where a full-width mark that may not start a line (，。）》”, the second
half of ——) would push the character before it down, the line is squeezed first (挤进, W3C
clreq): the spacing after its characters condensed by the least whole number of twips, up to
`squeeze`, that fits the mark on the line; only when that is not enough is the character pushed
down (推出). Lines other than a paragraph's last are justified by spreading the remaining width
over the gaps after Chinese characters.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from dataclasses import dataclass
from typing import Protocol, Sequence

from ..chars import allowed_between, char_class, resolve_scripts
from ..spacing import joint as spacing_joint, twentieths

EPSILON = 1e-6


class Metrics(Protocol):
    """What layout needs to know about faces; the PDF writer provides it from the font files."""

    def glyph(self, ch: str, role: str, latin: bool) -> tuple[str, float]:
        """The face that draws `ch` in font role `role` (the Latin face when `ch` is set as
        Latin, `latin`), as a key, and `ch`'s advance in that face, in em."""

    def ink_middle(self, ch: str, face: str) -> float:
        """Height of the middle of `ch`'s ink above the baseline, in em."""


class EvenMetrics:
    """Metrics without font files: full-width characters one em, ASCII half an em. Chinese
    text breaks as with the real faces; a line with many Latin letters may differ."""

    def glyph(self, ch: str, role: str, latin: bool) -> tuple[str, float]:
        return ("latin" if latin else role), (0.5 if ord(ch) < 0x100 else 1.0)

    def ink_middle(self, ch: str, face: str) -> float:
        return 0.3


@dataclass(frozen=True)
class TextRun:
    text: str
    role: str  # font role
    size: float
    tracking: float  # points after each character (≤ 0)
    latin: bool = True  # Latin characters in the style's Latin face (not for page numbers)
    mark: str = ""  # "ins" or "del": a tracked change, shown in a review copy


@dataclass(frozen=True)
class Glyph:
    ch: str
    face: str
    size: float
    x: float  # from the line's start


@dataclass(frozen=True)
class SetLine:
    """A line as set: its characters with their faces, sizes and x (from the line's start)."""

    text: str
    faces: tuple[str, ...]
    sizes: tuple[float, ...]
    xs: tuple[float, ...]
    width: float  # the natural width before justification
    last: bool
    marks: tuple[str, ...] = ()  # each character's tracked change, if any
    condensed: float = 0.0  # points taken off the spacing after each of its characters (挤进)

    @property
    def glyphs(self) -> list[Glyph]:
        return [Glyph(*g) for g in zip(self.text, self.faces, self.sizes, self.xs)]


def break_lines(runs: Sequence[TextRun], metrics: Metrics, first_width: float, width: float,
                justify: bool, autospace: bool = True, squeeze: float = 0.0) -> list[SetLine]:
    """`runs` broken into lines, the first `first_width` wide, the others `width`. A line that
    would push a character down before a full-width mark that may not start a line is
    squeezed instead, by the least whole twips up to `squeeze` points after each character
    that fits the mark on it."""
    text = "".join(run.text for run in runs)
    n = len(text)
    if n == 0:
        return [SetLine("", (), (), (), 0.0, True)]
    latin = resolve_scripts(text)
    classes = [char_class(ch) for ch in text]
    faces, sizes, advance, run_of, marks = [], [], [], [], []
    glyph = metrics.glyph
    k = 0
    for index, run in enumerate(runs):
        size, role, allow_latin = run.size, run.role, run.latin
        for ch in run.text:
            face, em = glyph(ch, role, allow_latin and latin[k])
            faces.append(face)
            sizes.append(size)
            advance.append(twentieths(em * size))
            run_of.append(index)
            marks.append(run.mark)
            k += 1
    # joint[k]: what char k adds besides its advance when char k+1 follows it on the line:
    # the run's tracking inside a portion (one run, one script), autospacing between scripts;
    # tracked[k]: whether that includes the run's spacing (what condensing shortens), and
    # counted[k] how many of chars 0 … k-1 do
    joint = [0.0] * n
    tracked = [False] * n
    counted = [0] * (n + 1)
    prefix = [0.0] * (n + 1)
    total = 0.0
    for k in range(n - 1):
        same_portion = run_of[k] == run_of[k + 1] and latin[k] == latin[k + 1]
        tracked[k] = same_portion
        joint[k] = spacing_joint(classes[k], classes[k + 1], same_portion,
                                 runs[run_of[k]].tracking, sizes[k], autospace)
        counted[k + 1] = counted[k] + tracked[k]
        total += advance[k] + joint[k]
        prefix[k + 1] = total
    prefix[n] = total + advance[n - 1]
    counted[n] = counted[n - 1]

    def natural(start: int, last: int, cut: float) -> float:
        """The width of chars start … last on a line, the spacing after each less `cut`."""
        return (prefix[last] - prefix[start] + advance[last]
                - cut * (counted[last] - counted[start]))

    # A line's width grows with each character it takes (every advance outweighs the spacing
    # taken off after it), so the first that does not fit is found by bisection.
    growing = all(joint[k] + advance[k + 1] - squeeze > 0 for k in range(n - 1))

    def fill(start: int, room: float, cut: float) -> tuple[int, int | None]:
        """The first char from `start` that does not fit in `room`, and the last place
        before it where the line may end (None: nowhere)."""
        if growing:
            end = bisect_right(range(n), room, lo=start, key=lambda e: natural(start, e, cut))
        else:
            end = start
            while end < n and natural(start, end, cut) <= room:
                end += 1
        for stop in range(end, start, -1):  # the last place before it where a line may end
            if stop == n or allowed_between(classes[stop - 1], classes[stop],
                                            text[stop - 1] == text[stop]):
                return end, stop
        return end, None

    lines: list[SetLine] = []
    start = 0
    while start < n:
        room = (first_width if not lines else width) + EPSILON
        end, fits = fill(start, room, 0.0)
        cut = 0.0
        if squeeze > 0 and end < n and fits is not None and _squeezable(text, classes, end):
            for twips in range(1, round(squeeze * 20) + 1):
                tight_end, tight_fits = fill(start, room, twips / 20)
                if tight_fits is not None and tight_fits > end:
                    end, fits, cut = tight_end, tight_fits, twips / 20
                    break
        if end == n:
            stop = n
        elif fits is not None:
            stop = fits
        else:
            stop = max(end, start + 1)  # nothing breakable fits: break where it overflows
        last = stop == n
        target = room - EPSILON if justify and not last else None
        line = _place(text, latin, faces, sizes, advance, joint, start, stop,
                      natural(start, stop - 1, cut), target, last,
                      [cut if flag else 0.0 for flag in tracked[start:stop]])
        if any(marks[start:stop]):
            line = dataclasses.replace(line, marks=tuple(marks[start:stop]))
        if cut:
            line = dataclasses.replace(line, condensed=cut)
        lines.append(line)
        start = stop
    return lines


def _squeezable(text: str, classes, end: int) -> bool:
    """Whether char `end`, which does not fit, is a full-width mark that may not start the
    next line (a closing mark or 点号, the second half of —— or ……): squeezing (挤进) is
    tried before the character before it is pushed down (推出)."""
    mark = classes[end]
    return not text[end].isascii() and not mark.ideograph and (
        mark.no_start or (mark.unsplittable and text[end - 1] == text[end]))


def _place(text, latin, faces, sizes, advance, joint, start, stop, natural_width, justify_to,
           last, cuts):
    asian = [not flag for flag in latin[start:stop - 1]]
    gaps = sum(asian)
    extra = 0.0
    if justify_to is not None and gaps and justify_to > natural_width:
        extra = (justify_to - natural_width) / gaps
    xs = [0.0] * (stop - start)
    x = 0.0
    for i, k in enumerate(range(start, stop - 1)):
        x += advance[k] + joint[k] - cuts[i] + (extra if asian[i] else 0.0)
        xs[i + 1] = x
    return SetLine(text[start:stop], tuple(faces[start:stop]), tuple(sizes[start:stop]),
                   tuple(xs), natural_width, last)

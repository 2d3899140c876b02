"""The width text takes on a line as LibreOffice sets our .docx: the one place for the rules.

Each character's advance, rounded to twips; the run's tracking (run spacing) after every
character but the last of a portion (a stretch of one run in one script); autospacing, a fifth
of an em, where a Chinese character meets a Latin letter or digit. The line breaker sums them
over a paragraph with the faces' advances; composition (`set_width`), which has no font
metrics, over one run with nominal advances: full-width characters one em, others half, which
is exact for digits in the Latin faces we ship (Times New Roman, Liberation Serif: 0.5 em,
tests/test_spacing.py), so a date's set width is known before layout.
"""

from __future__ import annotations

from typing import Callable

from .chars import CharClass, char_class, resolve_scripts

AUTOSPACE = 0.2  # em: the space LibreOffice puts between Chinese and Latin/digits


def twentieths(points: float) -> float:
    """Rounded to whole twips, as the word processor measures."""
    return round(points * 20) / 20


def joint(a: CharClass, b: CharClass, same_portion: bool, tracking: float, size: float,
          autospace: bool) -> float:
    """What a character (class `a`, of `size`) adds besides its advance when a character of
    class `b` follows it on the line: its run's `tracking` inside a portion, autospacing
    between a Chinese character and a Latin letter or digit."""
    extra = tracking if same_portion else 0.0
    if autospace and ((a.ideograph and b.alnum) or (a.alnum and b.ideograph)):
        extra += twentieths(AUTOSPACE * size)
    return extra


def nominal_advance(ch: str) -> float:
    """A character's advance in em without font metrics: full-width one, others half."""
    return 0.5 if ord(ch) < 0x2000 else 1.0


def set_width(text: str, size: float, tracking: float, autospace: bool,
              advance: Callable[[str], float] = nominal_advance) -> float:
    """The width (points) of `text` set as one run of `size` on one line, from its first
    character's left edge to its last character's advance (no tracking after it)."""
    if not text:
        return 0.0
    latin = resolve_scripts(text)
    classes = [char_class(ch) for ch in text]
    width = sum(twentieths(advance(ch) * size) for ch in text)
    return width + sum(joint(classes[k], classes[k + 1], latin[k] == latin[k + 1], tracking,
                             size, autospace) for k in range(len(text) - 1))

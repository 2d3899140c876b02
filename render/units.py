"""Values in style sheets: lengths with units, 字号 names, and the checks each key's value passes.

Each converter takes a YAML value and returns the checked value or raises ValueError with a
message for the user.
"""

from __future__ import annotations

import math
import re
import string
from typing import Any, Callable

# 字号 → points, as in Word/WPS (spec §3).
SIZE_NAMES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
    "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5,
    "七号": 5.5, "八号": 5,
}
UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0}
EMU_PER_POINT = 12700  # OOXML's English Metric Units (914400 an inch) in a point


def image_points(pixels: int, dpi: float) -> float:
    """An image's extent in points from its pixels at its resolution (dots per inch)."""
    return pixels / dpi * UNITS["in"]


def millimetres(points: float) -> float:
    """Points in millimetres (OFD's unit, GB/T 33190 §5.2)."""
    return points / UNITS["mm"]


MICROMETRES_PER_MM = 1000


def micrometres(points: float) -> int:
    """Points in whole micrometres (thousandths of a millimetre: OFD's finest step as the OFD
    writer states positions)."""
    return round(millimetres(points) * MICROMETRES_PER_MM)


def twips(points: float) -> int:
    """Points in whole twentieths of a point, as .docx files store lengths."""
    return round(points * 20)


# -- value converters: each takes a Python value and returns the checked one or raises ValueError


def length(value: Any) -> float:
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*", str(value))
    if not match:
        raise ValueError(f"expected a length with a unit (37mm, 16pt), found {_found(value)}")
    return float(match.group(1)) * UNITS[match.group(2)]


def _mm(points: float) -> str:
    return f"{points / UNITS['mm']:g}mm"


def length_in(low_mm: float, high_mm: float) -> Callable[[Any], float]:
    """A length from `low_mm` to `high_mm` (both included)."""

    def check(value: Any) -> float:
        points = length(value)
        if not low_mm * UNITS["mm"] - 1e-9 <= points <= high_mm * UNITS["mm"] + 1e-9:
            raise ValueError(f"expected a length from {low_mm:g}mm to {high_mm:g}mm, found {_found(value)}")
        return points

    return check


MIN_SIZE, MAX_SIZE = 5.0, 100.0  # points: 八号 to well above 初号


def font_size(value: Any) -> float:
    if str(value) in SIZE_NAMES:
        return float(SIZE_NAMES[str(value)])
    try:
        size = length(value)
    except ValueError:
        raise ValueError(f"expected a 字号 (三号) or a size in points (16pt), found {_found(value)}") from None
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(f"expected a size from {MIN_SIZE:g}pt (八号) to {MAX_SIZE:g}pt, found {_found(value)}")
    return size


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def text(value: Any) -> str:
    """One line of text (a name, a face, a pattern): no line breaks or control characters,
    which neither a .docx nor a PDF can hold."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected text, found {_found(value)}")
    if "\n" in value or "\t" in value or _CONTROL.search(value):
        raise ValueError(f"expected one line of text without control characters, found {_found(value)}")
    return value


def prose(value: Any) -> str:
    """Text that may run over several lines (a description)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected text, found {_found(value)}")
    if _CONTROL.search(value):
        raise ValueError(f"expected text without control characters, found {_found(value)}")
    return value


def optional_text(value: Any) -> str | None:
    return None if value is None else text(value)


def whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number, found {_found(value)}")
    return value


def whole_in(low: int, high: int) -> Callable[[Any], int]:
    """A whole number from `low` to `high` (both included)."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"expected a whole number from {low} to {high}, found {_found(value)}")
        return value

    return check


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"expected a number, found {_found(value)}")
    return float(value)


def number_in(low: float, high: float) -> Callable[[Any], float]:
    """A finite number from `low` to `high` (both included)."""

    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or not low <= value <= high:
            raise ValueError(f"expected a number from {low:g} to {high:g}, found {_found(value)}")
        return float(value)

    return check


def _found(value: Any) -> str:
    """A style value as a problem names it: YAML's words for nothing and the flags."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, found {_found(value)}")
    return value


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, found {_found(value)}")
        return value

    return check


def text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of text, found {_found(value)}")
    if not value:
        raise ValueError("expected a list of text, found an empty list")
    return [text(v) for v in value]


def pattern(*fields: str, once: bool = False) -> Callable[[Any], str]:
    """One line of text with `{field}` placeholders from `fields` only: no other names, format
    specs, conversions or literal braces; with `once`, exactly one placeholder."""

    def check(value: Any) -> str:
        line = text(value)
        allowed = ", ".join(f"{{{f}}}" for f in fields)
        try:
            parts = list(string.Formatter().parse(line))
        except ValueError:
            raise ValueError(f"unbalanced braces in {line!r}; placeholders are {allowed}") from None
        used = []
        for literal, name, spec, conversion in parts:
            if "{" in literal or "}" in literal:
                raise ValueError(f"braces in {line!r} that are no placeholder; placeholders are "
                                 f"{allowed}")
            if name is None:
                continue
            if name not in fields or spec or conversion:
                shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
                raise ValueError(f"unknown placeholder {{{shown}}} in {line!r}; placeholders are "
                                 f"{allowed}")
            used.append(name)
        if once and len(used) != 1:
            raise ValueError(f"{line!r} has {len(used)} placeholders; it needs exactly one of {allowed}")
        return line

    return check


ALIGN = one_of("left", "center", "right", "justify")


COLORS = {"red": "FF0000", "black": "000000"}


def color(value: Any) -> str:
    """red, black or RRGGBB → RRGGBB."""
    if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) != 6:
        raise ValueError(f"expected red, black or a colour as RRGGBB in quotes, found the number "
                         f"{value!r} (YAML read digits as a number: quote them)")
    code = COLORS.get(str(value), str(value)).upper().lstrip("#")
    if len(code) != 6 or any(c not in "0123456789ABCDEF" for c in code):
        raise ValueError(f"expected red, black or a colour as RRGGBB, found {_found(value)}")
    return code

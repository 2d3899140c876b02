"""Values in style sheets: lengths with units, 字号 names, and the checks each key's value passes.

Each converter takes a YAML value and returns the checked value or raises ValueError with a
message for the user.
"""

from __future__ import annotations

import re
from typing import Any, Callable

# 字号 → points, as in Word/WPS (spec §3).
SIZE_NAMES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
    "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5,
    "七号": 5.5, "八号": 5,
}
UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0}


def twips(points: float) -> int:
    """Points in whole twentieths of a point, as .docx files store lengths."""
    return round(points * 20)


# -- value converters: each takes a Python value and returns the checked one or raises ValueError


def length(value: Any) -> float:
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*", str(value))
    if not match:
        raise ValueError(f"expected a length with a unit (37mm, 16pt), found {value!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def font_size(value: Any) -> float:
    if str(value) in SIZE_NAMES:
        return float(SIZE_NAMES[str(value)])
    try:
        return length(value)
    except ValueError:
        raise ValueError(f"expected a 字号 (三号) or a size in points (16pt), found {value!r}") from None


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected text, found {value!r}")
    return value


def optional_text(value: Any) -> str | None:
    return None if value is None else text(value)


def whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number, found {value!r}")
    return value


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, found {value!r}")
    return float(value)


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, found {value!r}")
    return value


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, found {value!r}")
        return value

    return check


def text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of text, found {value!r}")
    return [text(v) for v in value]


ALIGN = one_of("left", "center", "right", "justify")


COLORS = {"red": "FF0000", "black": "000000"}


def color(value: Any) -> str:
    """red, black or RRGGBB → RRGGBB."""
    code = COLORS.get(str(value), str(value)).upper().lstrip("#")
    if len(code) != 6 or any(c not in "0123456789ABCDEF" for c in code):
        raise ValueError(f"expected red, black or a colour as RRGGBB, found {value!r}")
    return code

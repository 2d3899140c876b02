"""Plain text → `Line`s: decoded (UTF-8, a BOM, else GB18030), split, white space trimmed."""

from __future__ import annotations

from ..errors import InputError, Problem
from .lines import Line

# White space a web page's text carries at the ends of lines: NBSP, ideographic space, BOM.
TRIM = " \t\u00a0\u3000\ufeff\u200b\r"


def decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError([Problem(name, 0, 0, "not UTF-8 or GB18030 text")])


def read_lines(data: bytes, name: str) -> list[Line]:
    text = decode(data, name).replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):  # the last line's end, not one more (empty) line
        text = text[:-1]
    return [Line(n, raw.strip(TRIM), len(raw) - len(raw.lstrip(TRIM)))
            for n, raw in enumerate(text.split("\n"), 1)]

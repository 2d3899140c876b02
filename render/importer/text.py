"""Plain text → `Line`s: decoded (UTF-8, a BOM, else GB18030), split, white space trimmed.

Line separators (VT, which Word writes for Shift+Enter when its text is copied, FF, NEL,
U+2028, U+2029) end a line as a newline does; control characters and other characters an
outline's text may not hold (`text_rules.forbidden_character`), zero-width spaces and a BOM
inside the text are removed. Each one is in the report: a separator as a decision on the line
it ends, a removed character as dropped, with its line and column."""

from __future__ import annotations

from ..errors import InputError, Problem
from ..text_rules import forbidden_character
from .lines import Line
from .report import Entry, Report

# White space a web page's text carries at the ends of lines: NBSP, ideographic space.
TRIM = " \t\u00a0\u3000\r"
SEPARATORS = {"\x0b": "VT (U+000B, Word's manual line break)", "\x0c": "FF (U+000C, a page break)",
              "\x85": "NEL (U+0085)", "\u2028": "a line separator (U+2028)",
              "\u2029": "a paragraph separator (U+2029)"}
INVISIBLE = {"\u200b": "a zero-width space (U+200B)", "\u2060": "a word joiner (U+2060)",
             "\ufeff": "a byte order mark (U+FEFF)"}


def decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError([Problem(name, 0, 0, "not UTF-8 or GB18030 text")])


def read_lines(data: bytes, name: str, report: Report | None = None) -> list[Line]:
    text = decode(data, name).replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):  # the last line's end, not one more (empty) line
        text = text[:-1]
    lines: list[Line] = []
    breaks: list[tuple[int, int, str]] = []  # (line, column, separator) where one ended a line
    removed: list[Entry] = []
    for raw in text.split("\n"):
        start = 0
        for column, char in enumerate(raw + "\n", 1):
            if char in SEPARATORS or char == "\n":
                number = len(lines) + 1
                if char != "\n":
                    breaks.append((number, column - start, char))
                lines.append(_line(number, raw[start:column - 1], removed))
                start = column
    if report is not None:
        report.dropped += removed
        report.decisions += [Entry(number, lines[number - 1].text,
                                   f"{SEPARATORS[char]} at column {column} read as a line "
                                   "break: the text after it is the next line")
                             for number, column, char in breaks]
    return lines


def _line(number: int, raw: str, removed: list[Entry]) -> Line:
    """One line: characters an outline cannot hold removed (each listed in `removed`), white
    space trimmed; the offset counts the source's characters before the first one kept."""
    kept: list[tuple[int, str]] = []
    for index, char in enumerate(raw):
        what = None if char == "\t" else _forbidden(char)
        why = "an outline's text cannot hold it" if what else "invisible"
        what = what or INVISIBLE.get(char)
        if what:
            removed.append(Entry(number, what, f"removed from column {index + 1}: {why}"))
        else:
            kept.append((index, char))
    clean = "".join(char for _, char in kept)
    lead = len(clean) - len(clean.lstrip(TRIM))
    offset = kept[lead][0] if lead < len(kept) else len(raw)
    return Line(number, clean.strip(TRIM), offset)


def _forbidden(char: str) -> str | None:
    found = forbidden_character(char)
    return found[1] if found else None

"""Where a web copy's line break is a paragraph break although the line ends no sentence: lines
that stand alone (a date, the 署名 lines above it, a chapter heading 第一章 总 则, a field
联系人：张三, an attachment's label 附一：…) and lines that open a paragraph (an article 第一条)."""

from __future__ import annotations

import re

from . import patterns
from .lines import Line

SIGNATURE_LINES = 3  # at most this many name lines above a date are a 署名
DATE = "a date on a line of its own"


def standing(lines: list[Line | None]) -> dict[int, str]:
    """Line number → what the line is, for each line that stands alone: it takes no line
    after it and is taken by no line before it."""
    alone: dict[int, str] = {}
    for index, line in enumerate(lines):
        if line is None:
            continue
        why = _alone(line)
        if why:
            alone[line.number] = why
        if why == DATE:
            for above in _names_above(lines, index):
                alone[above.number] = "a name above a date: a 署名"
    return alone


def apart(previous: Line, line: Line, alone: dict[int, str]) -> str | None:
    """Why `line` is not joined to `previous` (a line that ends no sentence), or None."""
    if previous.number in alone:
        return f"line {previous.number} ({alone[previous.number]}) stands alone"
    if line.number in alone:
        return f"this line ({alone[line.number]}) stands alone"
    if patterns.ARTICLE.match(line.text):
        return "an article (第…条) starts a paragraph"
    return None


def _alone(line: Line) -> str | None:
    text = line.text
    if patterns.date(text):
        return DATE
    if patterns.chapter(text):
        return "a chapter or section heading, 第…章 or 第…节"
    if patterns.ANNEX_LABEL.match(text) or patterns.ATTACHMENT_LABEL.match(text):
        return "an attachment's label, 附一： or 附件2"
    if _field(text):
        return "a field: a short label and its value, 联系人：…"
    return None


def _field(text: str) -> bool:
    """联系人：张三, 电  话: 027-…, also 联系人：张三，电话：…; not a sentence that starts with a
    word and a colon (工作目标：到2025年，全市…): what follows a comma is a field again."""
    parts = re.split(r"[，；;]", text)
    return len(text) <= patterns.FIELD_MAX and all(patterns.FIELD.match(p.strip()) for p in parts)


def _names_above(lines: list[Line | None], index: int) -> list[Line]:
    """The short name lines (no punctuation) right above the date at `index`, blank lines
    between them allowed."""
    names: list[Line] = []
    for above in range(index - 1, -1, -1):  # no copy of lines[:index] per date line
        line = lines[above]
        if line is None:
            continue
        if len(names) == SIGNATURE_LINES or not _name(line):
            break
        names.append(line)
    return names


def _name(line: Line) -> bool:
    return bool(patterns.ORGAN_LINE.match(line.text)) and not patterns.heading(line.text) \
        and not patterns.date(line.text) and "table" not in line.evidence

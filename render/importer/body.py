"""Body lines → outline blocks: headings nested by their numbers, run-in leads, paragraphs
joined where a line break falls inside a sentence, tables (a Word table's grid, or lines of
cells typed as text: `texttable.py`)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .. import outline
from . import evidence, joins, patterns, pictures, texttable
from .lines import Line
from .report import Report
from .wordtable import Tables, is_caption

TABS = re.compile(r"[ \t]*\t[ \t]*")
LEAD_MAX = 40  # a run-in heading longer than this is the first sentence of a numbered paragraph


def blocks(lines: list[Line | None], report: Report) -> list[outline.Block]:
    """`lines` holds None for a blank line (a paragraph break unless a sentence goes on)."""
    root: list[outline.Block] = []
    stack: list[tuple[int, outline.Section]] = []  # (numbering level, section)
    last_line: Line | None = None  # the line whose text the next may continue
    target = None  # the Paragraph or run-in Section that text continues
    tables = Tables(report)
    above: Line | None = None  # the line of the last paragraph placed (a table's caption?)
    # Levels whose numbered lines are paragraphs: where one's first sentence is too long for
    # a run-in heading, its siblings are numbered paragraphs too.
    paragraphs = {found[0] for found in (patterns.heading(line.text) for line in lines if line)
                  if found and _numbered_paragraph(found[2])}
    typed_tables = texttable.find(lines)
    in_tables = {row.number for found in typed_tables.values() for row in found.lines}
    captions = _captions(lines)
    alone = joins.standing(lines)  # lines that take no next line and join no line before
    figure_captions: set[int] = set()  # lines read as a figure's caption
    for index, line in enumerate(lines):
        if index in typed_tables:
            found = typed_tables[index]
            (stack[-1][1].body if stack else root).append(found.table)
            report.use(*found.lines)
            report.decide(found.lines[0], found.why)
            target = last_line = above = None
            continue
        if line is None or line.number in in_tables or line.number in figure_captions:
            continue
        if pictures.figure_line(line):
            below = lines[index + 1] if index + 1 < len(lines) else None
            found = _figure(line, below, report)
            if found is not None:
                (stack[-1][1].body if stack else root).append(found)
                if found.caption:
                    figure_captions.add(below.number)  # the caption is the line below
            target = last_line = above = None
            continue
        line = untabbed(line, report)
        if "grid" in line.evidence:  # a Word table: its cells are read once, as a table
            container = stack[-1][1].body if stack else root
            caption = above if above is not None and above.number in captions and \
                container and container[-1] is target else None
            table = tables.read(line, caption)
            if table is not None:
                if caption is not None:
                    container.pop()
                container.append(table)
            target = last_line = above = None
            continue
        found = patterns.heading(line.text)
        weighed = None if found or line.number in captions else \
            evidence.heading_level(line)  # a .docx heading unnumbered
        if weighed:
            found = (weighed[0], None, line.text, True)
        continues = target is not None and last_line is not None and not \
            patterns.ends_sentence(last_line.text) and found is None and \
            not line.evidence.get("paragraph")
        apart = joins.apart(last_line, line, alone) if continues else None
        if apart:
            report.decide(line, f"not joined to line {last_line.number}, which ends no "
                                f"sentence: {apart}")
        elif continues:
            _extend(target, line.text)
            gap = "" if line.number == last_line.number + 1 else " across a blank line"
            report.decide(line, f"joined to line {last_line.number}{gap}: that line does not "
                                "end a sentence")
            report.use(line)
            last_line, above = line, None
            continue
        container = stack[-1][1].body if stack else root
        if found and not weighed and found[0] in paragraphs and patterns.LEAD_END.search(found[2]):
            report.decide(line, f"a numbered paragraph, not a run-in heading (a first sentence "
                                f"at this level is over {LEAD_MAX} characters): kept with its "
                                "number")
            found = None
        elif found and not weighed and found[0] <= 2 and evidence.body_face(line) and \
                patterns.LEAD_END.search(found[2]):
            report.decide(line, f"a numbered paragraph, not a run-in heading (its level-"
                                f"{found[0]} number and first sentence are in the body's face, "
                                f"{line.evidence['fonts'][0]}, not a heading's): kept with "
                                "its number")
            found = None
        if found:
            level, number, rest, canonical = found
            while stack and stack[-1][0] >= level:
                stack.pop()
            container = stack[-1][1].body if stack else root
            depth = len(stack) + 1
            expected = sum(isinstance(b, outline.Section) for b in container) + 1
            section = _section(rest)
            container.append(section)
            stack.append((level, section))
            report.use(line)
            if weighed:
                report.decide(line, weighed[1])
            if not canonical:
                report.decide(line, f"heading number typed {line.text[:len(line.text) - len(rest)].strip()!r}: "
                                    "read as level " + str(level) + "; the number is derived")
            if depth != level:
                report.decide(line, f"a level-{level} heading nested at depth {depth}: it "
                                    "prints with that depth's number")
            if number is not None and number != expected:
                report.decide(line, f"typed number {number}, position {expected}: the printed "
                                    "number follows the position", rule="I001")
            target = section if section.runin else None
            last_line = line if section.runin else None
            above = None
            continue
        paragraph = outline.Paragraph(line.text, pos=(line.number, line.offset + 1))
        container.append(paragraph)
        report.use(line)
        target, last_line, above = paragraph, line, line
    return root


def untabbed(line: Line, report: Report) -> Line:
    """The line with each tab (and the spaces around it) written as one space: an outline's
    text holds no tabs, and one line of cells is no table."""
    if "\t" not in line.text:
        return line
    report.decide(line, "a tab inside the text (a single line of cells is no table): "
                        "written as a space")
    return dataclasses.replace(line, text=TABS.sub(" ", line.text))


def _figure(line: Line, below: Line | None, report: Report) -> outline.Figure | None:
    """A figure from a picture alone in its paragraph; its caption the line right under it
    (`below`; None: a blank line or none) when that is one (图1…, or short and centred, ending
    no sentence)."""
    found = pictures.figure(line, pictures.pictures(line)[0], Path(report.source).stem, report)
    if found is not None and below is not None and pictures.is_figure_caption(below):
        found.caption = below.text
        report.use(below)
        report.decide(below, "read as the figure's caption (the line under its picture)")
    return found


def _captions(lines: list[Line | None]) -> set[int]:
    """The lines that are a Word table's caption: caption-like, the table's cells next."""
    placed = [line for line in lines if line is not None]
    return {line.number for line, after in zip(placed, placed[1:])
            if "grid" in after.evidence and "grid" not in line.evidence and is_caption(line)}


def _numbered_paragraph(rest: str) -> bool:
    match = patterns.LEAD_END.search(rest)
    return bool(match) and match.end() > LEAD_MAX


def _section(rest: str) -> outline.Section:
    """A stand-alone heading, or a run-in lead (text up to the first sentence end, text after)."""
    match = patterns.LEAD_END.search(rest)
    if match:
        return outline.Section(rest[:match.end()], runin=True, text=rest[match.end():])
    return outline.Section(rest)


def _extend(target, text: str) -> None:
    target.text += text


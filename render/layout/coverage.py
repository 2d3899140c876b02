"""Which characters no face can set: each once per paragraph, placed at its outline position,
before anything is laid out (a character in no font is a problem, or a warning)."""

from __future__ import annotations

from typing import assert_never

from ..chars import resolve_scripts
from ..compose.blocks import (
    Block,
    FigureBlock,
    ImprintBlock,
    JointMark,
    OffGrid,
    PageMark,
    PageRule,
    Para,
    Stamp,
    TableBlock,
)
from ..errors import Problem
from ..style import Style
from .pages import paragraph_format, text_runs

# The outline value each kind of paragraph comes from, for paragraphs that keep no position.
SOURCE_KEYS = {
    "title": ("title",), "subtitle": ("subtitle",), "byline": ("issuers",),
    "signature": ("issuers",), "date": ("date",), "signer": ("signer",),
    "addressee": ("addressee",), "note": ("note",), "attachment_note": ("attachments",),
    "attachment_title": ("attachments",), "attachment_label": ("attachments",),
    "attendance": ("attendance",), "imprint": ("imprint",), "mark": ("header", "issuers"),
    "doc_number": ("header", "doc_number"), "copy_number": ("header", "copy_number"),
    "classification": ("header", "classification"), "urgency": ("header", "urgency"),
    "signers": ("header", "signers"),
}


def _text_runs(block: Block, style: Style) -> list[tuple[str, tuple[int, int], tuple]]:
    """(element name, outline position, the runs as the line breaker sees them) per paragraph."""
    mark = style.element("mark")
    match block:
        case Para() | OffGrid():
            fmt = paragraph_format(block, style)
            return [(block.element.value, block.pos, fmt.runs + fmt.tab)]
        case JointMark():
            return [("mark", (0, 0), text_runs(block.names + block.suffix, mark.font.role,
                                                block.size, style))]
        case PageMark():
            return [("mark", (0, 0), text_runs(block.runs, mark.font.role, block.size, style))]
        case ImprintBlock() | TableBlock():
            return [item for para in block.paras for item in _text_runs(para, style)]
        case FigureBlock():
            return _text_runs(block.caption, style) if block.caption else []
        case PageRule() | Stamp():
            return []
        case _:
            assert_never(block)


def missing_glyphs(blocks: list[Block], style: Style, metrics, source: str,
                   locate=None, mark_key: tuple = SOURCE_KEYS["mark"]) -> list[Problem]:
    """Each character no face of its role covers, once per paragraph, with its position
    (`locate(key)` places paragraphs that keep none, such as the title's; the mark by
    `mark_key`, the outline key its names come from: `Document.mark_key`)."""
    keys = SOURCE_KEYS | {"mark": mark_key}
    problems = []
    seen: set[tuple[str, int, int]] = set()
    covered: set[tuple[str, str, bool]] = set()
    for block in blocks:
        for name, pos, runs in _text_runs(block, style):
            latin = resolve_scripts("".join(run.text for run in runs))
            offset = 0
            for run in runs:
                uses = set(zip(run.text, latin[offset:offset + len(run.text)]))
                offset += len(run.text)
                for ch, as_latin in sorted(uses):
                    key = (ch, run.role, run.latin and as_latin)
                    if key in covered or ch.isspace() or (ch, *pos) in seen:
                        continue
                    if metrics.covering(*key) is not None:
                        covered.add(key)
                        continue
                    seen.add((ch, *pos))
                    names = ", ".join(f.name for f in metrics.chain(run.role))
                    where = "" if pos != (0, 0) else f" (in the {name})"
                    at = pos
                    if pos == (0, 0) and locate is not None:
                        at = locate(keys.get(name, ()))
                    problems.append(Problem(source or "<document>", *at,
                                            f"character {ch} (U+{ord(ch):04X}) is in no font "
                                            f"for {run.role}: {names}{where}"))
    return problems


"""The flow of a redline: NEW's paragraphs with OLD's where they differ, marked as insertions
and deletions, so that accepting every change gives NEW and rejecting every change gives OLD.

Both versions are set in NEW's style and their flows aligned paragraph by paragraph: identical
paragraphs in order, then changed ones paired by similarity within each stretch that differs;
the rest are inserted or deleted whole. Everything the flow derives (heading numbers, dates,
the 发文字号 line, the 版记) takes part, so a field change shows where it is printed. A
paragraph moved unchanged is a tracked move; one moved and changed shows as deleted where it
was and inserted where it is.
"""

from __future__ import annotations

import dataclasses
import difflib
import re

from typing import assert_never

from .. import outline
from ..compose import compose
from ..compose.blocks import (
    Block,
    Element,
    FigureBlock,
    ImprintBlock,
    JointMark,
    OffGrid,
    PageMark,
    PageRule,
    Para,
    Run,
    Stamp,
    TableBlock,
    TextBlock,
)
from ..style import Style
from .tables import deleted, pair_tables, redline_table
from .text import diff_text, opcodes, ratio_at_least, tokens

CLOSING = {Element.ATTACHMENT_NOTE, Element.ATTENDANCE, Element.SIGNATURE, Element.SIGNER,
           Element.DATE, Element.NOTE, Element.ATTACHMENT_LABEL}
PAIR = 0.4  # least similarity for an old and a new paragraph to be one paragraph changed
MAX_COMPARISONS = 20_000  # in a stretch with more pairs than this, a new paragraph's old one
WINDOW = 50  # is looked for only among the next WINDOW old paragraphs


def redline_blocks(old: outline.Document, new: outline.Document, style: Style) -> list[Block]:
    old_blocks, new_blocks = compose(old, style), compose(new, style)
    merged = iter(merge(_texts(old_blocks), _texts(new_blocks)))
    old_imprint = next((b for b in old_blocks if isinstance(b, ImprintBlock)), None)
    partners, removed = pair_tables([b for b in old_blocks if isinstance(b, TableBlock)],
                                    [b for b in new_blocks if isinstance(b, TableBlock)])
    tables = iter(range(len(partners)))
    out: list[Block] = []
    for block in new_blocks:
        match block:
            case Para() | OffGrid() | JointMark():
                out += _until_new(merged)
            case ImprintBlock():
                paras = _no_moves(merge(list(old_imprint.paras) if old_imprint else [],
                                        list(block.paras)))
                out.append(dataclasses.replace(block, paras=tuple(paras),
                                               thin_after=_thin_after(paras, block)))
            case TableBlock():  # OLD's tables removed before it, then it, its rows marked
                number = next(tables)
                out += [deleted(table) for table in removed[number]]
                out += redline_table(partners[number], block)
            case PageMark() | PageRule() | FigureBlock() | Stamp():
                out.append(block)  # a figure or seal as NEW has it (its changes: the report's)
            case _:
                assert_never(block)
    out += list(merged)  # deletions after the last new paragraph
    if removed[-1]:  # OLD's tables after NEW's last: at the end of the text, before the closing
        at = next((i for i, b in enumerate(out) if _closing(b)), len(out))
        out[at:at] = [deleted(table) for table in removed[-1]]
    if old_imprint and not any(isinstance(b, ImprintBlock) for b in new_blocks):
        paras = merge(list(old_imprint.paras), [])
        out.append(dataclasses.replace(old_imprint, paras=tuple(paras)))
    return out


def _closing(block: Block) -> bool:
    """The first block after the text: the 署名 block's, a 附件 page's, the 版记."""
    return isinstance(block, ImprintBlock) or isinstance(block, Para) and (
        block.keep or block.page_break or block.element in CLOSING)


def _texts(blocks: list[Block]) -> list[TextBlock]:
    return [b for b in blocks if isinstance(b, Para | OffGrid | JointMark)]


def _runs(block: TextBlock) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    """A block's text as (runs, the runs after its tab); a joint mark's names and suffix."""
    match block:
        case Para() | OffGrid():
            return block.runs, block.tab
        case JointMark():
            return block.names, block.suffix
        case _:
            assert_never(block)


def _with_runs(block: TextBlock, runs: tuple[Run, ...], tab: tuple[Run, ...], **changes):
    match block:
        case Para() | OffGrid():
            return dataclasses.replace(block, runs=runs, tab=tab, **changes)
        case JointMark():
            return dataclasses.replace(block, names=runs, suffix=tab, **changes)
        case _:
            assert_never(block)


def _no_moves(paras: list[TextBlock]) -> list[TextBlock]:
    """版记 lines are table rows: a moved one is shown deleted and inserted instead."""
    plain = {"moveFrom": "del", "moveTo": "ins"}
    return [_whole(p, plain[p.revision]) if p.revision in plain else p for p in paras]


def _until_new(merged):
    """The next merged paragraphs up to and including the next one that is in NEW."""
    out = []
    for para in merged:
        out.append(para)
        if para.revision not in ("del", "moveFrom"):
            break
    return out


def _thin_after(paras: list[TextBlock], imprint: ImprintBlock) -> tuple[int, ...]:
    """The new 版记's thin line, after its groups, counted in the merged paragraphs."""
    new_index = [i for i, p in enumerate(paras) if p.revision not in ("del", "moveFrom")]
    return tuple(new_index[i] for i in imprint.thin_after if i < len(new_index))


def merge(old: list[TextBlock], new: list[TextBlock]) -> list[TextBlock]:
    """One list: unchanged paragraphs, changed ones with revision runs, deleted and inserted
    ones whole, in reading order."""
    out: list[TextBlock] = []
    for tag, i1, i2, j1, j2 in opcodes([_key(p) for p in old], [_key(p) for p in new]):
        if tag == "equal":
            out += new[j1:j2]
            continue
        out += _pair_up(old[i1:i2], new[j1:j2])
    return _moves(out)


def _moves(paras: list[TextBlock]) -> list[TextBlock]:
    """A paragraph deleted in one place and inserted unchanged (but for its number) in another
    is a move (Word's moveFrom/moveTo, paired by name)."""
    inserted: dict[tuple, list[int]] = {}
    for index in reversed(range(len(paras))):  # popped from the end: the first one first
        para = paras[index]
        if para.revision == "ins" and para.key != "blank":
            inserted.setdefault(_move_key(para), []).append(index)
    count = 0
    for index, para in enumerate(paras):
        if para.revision == "del" and para.key != "blank" and inserted.get(_move_key(para)):
            target = inserted[_move_key(para)].pop()
            count += 1
            name = f"move{count}"
            paras[index] = dataclasses.replace(_whole(para, "moveFrom"), move=name)
            paras[target] = dataclasses.replace(_whole(paras[target], "moveTo"), move=name)
    return paras


NUMBER = re.compile(r"^(?:[一二三四五六七八九十百千〇]+、|（[一二三四五六七八九十百千〇]+）|\d+\.|（\d+）)")


def _move_key(para: TextBlock) -> tuple:
    """What a moved paragraph keeps: its text without the heading number its place gives it."""
    text = para.text
    if isinstance(para, Para) and para.element in (Element.HEADING, Element.RUNIN):
        text = NUMBER.sub("", text)
    return (para.key, text)


def _key(para: TextBlock) -> tuple:
    exact = None if isinstance(para, Para) else para.exact
    return (para.key, para.text, exact, tuple(run.text for run in _runs(para)[1]))


def _pair_up(old: list[TextBlock], new: list[TextBlock]) -> list[TextBlock]:
    """A stretch that differs: pair paragraphs of the same kind in order where similar enough,
    the others deleted or inserted, keeping both orders. In a stretch of more than
    MAX_COMPARISONS pairs, a paragraph's old one is looked for among the next WINDOW only."""
    out: list[TextBlock] = []
    i = 0
    ahead = len(old) if len(old) * len(new) <= MAX_COMPARISONS else WINDOW
    old_tokens = [tokens(p.text) for p in old]
    matcher = difflib.SequenceMatcher(autojunk=False)
    for para in new:
        best = None
        matcher.set_seq2(tokens(para.text))
        for k in range(i, min(len(old), i + ahead)):
            if old[k].key == para.key and ratio_at_least(matcher, old_tokens[k],
                                                            PAIR) is not None:
                best = k
                break
        if best is None:
            out.append(_whole(para, "ins"))
            continue
        out += [_whole(p, "del") for p in old[i:best]]
        out.append(_changed(old[best], para))
        i = best + 1
    out += [_whole(p, "del") for p in old[i:]]
    return out


def _whole(para: TextBlock, revision: str) -> TextBlock:
    runs, tab = (tuple(dataclasses.replace(run, revision=revision) for run in part)
                 for part in _runs(para))
    changes = {"revision": revision}
    if isinstance(para, Para):
        changes["page_break"] = para.page_break and revision in ("ins", "moveTo")
    return _with_runs(para, runs, tab, **changes)


def _changed(old: TextBlock, new: TextBlock) -> TextBlock:
    (old_runs, old_tab), (new_runs, new_tab) = _runs(old), _runs(new)
    return _with_runs(new, _revised_runs(old_runs, new_runs), _revised_runs(old_tab, new_tab))


def _revised_runs(old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs of `new` with the character changes from `old` marked; deleted text keeps the look
    of the run it came from."""
    old_text = "".join(run.text for run in old)
    new_text = "".join(run.text for run in new)
    if old_text == new_text:
        return new
    out: list[Run] = []
    a = b = 0
    for op in diff_text(old_text, new_text):
        if op.tag == "equal":
            out += _slice(new, b, b + len(op.new), "")
        else:
            out += _slice(old, a, a + len(op.old), "del")
            out += _slice(new, b, b + len(op.new), "ins")
        a += len(op.old)
        b += len(op.new)
    return tuple(_joined(out))


def _slice(runs: tuple[Run, ...], start: int, end: int, revision: str) -> list[Run]:
    out, position = [], 0
    for run in runs:
        lo, hi = max(start, position), min(end, position + len(run.text))
        if lo < hi:
            out.append(dataclasses.replace(run, text=run.text[lo - position:hi - position],
                                           revision=revision))
        position += len(run.text)
    return out


def _joined(runs: list[Run]) -> list[Run]:
    """Neighbouring runs that differ only in text, as one."""
    out: list[Run] = []
    for run in runs:
        if out and dataclasses.replace(out[-1], text="") == dataclasses.replace(run, text=""):
            out[-1] = dataclasses.replace(out[-1], text=out[-1].text + run.text)
        else:
            out.append(run)
    return out



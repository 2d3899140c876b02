"""The structural difference of two outlines.

Fields (文号, dates, 主送, 抄送 …) are compared one by one. The body becomes a sequence of units —
sections (their heading, and a run-in section's text) and paragraphs — matched by content, not
by position: identical units first, in order; then the most similar remaining pairs of the same
kind, wherever they stand. Matched units out of their order are moves; a section whose heading
changed is renamed; unmatched units are added or removed. Numbers are not part of the text, so
renumbering is never reported as a rewrite; a section that moves takes its contents along.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
from dataclasses import dataclass, field

from .. import outline, shape
from ..numbering import chinese_numeral
from .text import Op, diff_text, increasing_run, opcodes, ratio_at_least, tokens

MATCH = 0.5  # least similarity for two different units to be one unit changed


@dataclass(frozen=True)
class Unit:
    kind: str  # "section", "paragraph", "figure", "table" (its caption) or "row" (a table row)
    text: str  # a section's heading (and run-in text after a newline); a paragraph's text;
    # a table row's cells, separated by ｜
    path: str  # 二、（三） for a section, 二、（三）第2段 for a paragraph, 第1表第3行 for a row
    parent: int  # index of the enclosing section unit, -1 at the top


@dataclass(frozen=True)
class FieldChange:
    path: str  # header.doc_number, imprint.cc, …
    old: object
    new: object


@dataclass(frozen=True)
class BlockChange:
    change: str  # added, removed, changed, renamed, moved
    kind: str
    path: str  # in the new version (the old one for removed units)
    old_path: str = ""
    ops: tuple[Op, ...] = ()
    moved: bool = False


@dataclass
class Difference:
    fields: list[FieldChange] = field(default_factory=list)
    blocks: list[BlockChange] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not self.fields and not self.blocks


def compare(old: outline.Document, new: outline.Document) -> Difference:
    result = Difference()
    result.fields = _fields(old, new, "")
    result.blocks = compare_blocks(units(old.body), units(new.body))
    for index in range(max(len(old.attachments), len(new.attachments))):
        prefix = f"附件{index + 1} "
        a = old.attachments[index].body if index < len(old.attachments) else []
        b = new.attachments[index].body if index < len(new.attachments) else []
        result.blocks += compare_blocks(units(a, prefix), units(b, prefix))
    return result


# -- fields ---------------------------------------------------------------------------------


def _fields(old, new, prefix: str) -> list[FieldChange]:
    changes = []
    for f in shape.fields_of(type(new if new is not None else old)):
        if f.key == "body":
            continue
        a = getattr(old, f.key) if old is not None else f.default
        b = getattr(new, f.key) if new is not None else f.default
        path = prefix + f.key
        if f.key == "attachments":
            for index in range(max(len(a), len(b))):
                ta = a[index].title if index < len(a) else None
                tb = b[index].title if index < len(b) else None
                if ta != tb:
                    changes.append(FieldChange(f"attachments[{index + 1}].title", ta, tb))
            continue
        kind = f.kind.inner if f.kind.name == "optional" else f.kind
        if kind.name == "record" and (a is not None or b is not None):
            changes += _fields(a, b, path + ".")
        elif a != b:
            changes.append(FieldChange(path, _plain(a), _plain(b)))
    return changes


def _plain(value):
    """A field's value as JSON-friendly data (a record's outline keys: a seal's path, not its
    image)."""
    if dataclasses.is_dataclass(value):
        return {f.key: _plain(getattr(value, f.key)) for f in shape.fields_of(type(value))}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# -- body -----------------------------------------------------------------------------------


def units(blocks: list[outline.Block], prefix: str = "") -> list[Unit]:
    """The body as sections and paragraphs in reading order, each with its path."""
    out: list[Unit] = []
    labels: dict[tuple[int, ...], str] = {(): ""}
    section_unit: dict[tuple[int, ...], int] = {(): -1}
    paragraph_count: dict[tuple[int, ...], int] = {}
    figure_count: dict[tuple[int, ...], int] = {}
    tables = 0
    for visit in outline.walk(blocks):
        block = visit.block
        if isinstance(block, outline.Table):
            tables += 1
            out += table_units(block, f"{prefix}{labels[visit.numbers]}第{tables}表",
                               section_unit[visit.numbers])
        elif isinstance(block, outline.Section):
            numbers = visit.numbers
            labels[numbers] = labels[numbers[:-1]] + _label(visit.depth, numbers[-1])
            section_unit[numbers] = len(out)
            text = block.heading + ("\n" + block.text if block.runin and block.text else "")
            out.append(Unit("section", text, prefix + labels[numbers],
                            section_unit[numbers[:-1]]))
        elif isinstance(block, outline.Figure):  # its caption, file and picture: a change shows
            numbers = visit.numbers
            digest = hashlib.sha256(block.data).hexdigest()[:12]
            text = f"{block.caption}\n[{block.image} {digest} width={block.width}]"
            figure_count[numbers] = figure_count.get(numbers, 0) + 1
            out.append(Unit("figure", text, f"{prefix}{labels[numbers]}第{figure_count[numbers]}图",
                            section_unit[numbers]))
        else:
            numbers = visit.numbers
            paragraph_count[numbers] = paragraph_count.get(numbers, 0) + 1
            path = f"{prefix}{labels[numbers]}第{paragraph_count[numbers]}段"
            out.append(Unit("paragraph", block.text, path, section_unit[numbers]))
    return out


CELL_SEPARATOR = "｜"


def table_units(table: outline.Table, path: str, parent: int) -> list[Unit]:
    """A table as units: its caption, then each row (header rows first) with its cells'
    text, so that rows added, removed, moved and changed (and the cells within) are reported
    like paragraphs."""
    out = [Unit("table", table.caption or "", path, parent)]
    for number, row in enumerate(table.header + table.body_rows, 1):
        out.append(Unit("row", CELL_SEPARATOR.join(cell.text for cell in row),
                        f"{path}第{number}行", parent))
    return out


def _label(depth: int, n: int) -> str:
    return {1: f"{chinese_numeral(n)}、", 2: f"（{chinese_numeral(n)}）", 3: f"{n}.",
            4: f"（{n}）"}[depth]


def match(old: list[Unit], new: list[Unit]) -> dict[int, int]:
    """old index → new index for the units that are one unit in both versions: identical units
    in order; then, in each stretch that differs, similar units of the same kind; then units
    found elsewhere — the same text (moved), or similar text (moved and changed)."""
    pairs: dict[int, int] = {}
    keys_a = [(u.kind, u.text) for u in old]
    keys_b = [(u.kind, u.text) for u in new]
    tokens_a = [tokens(u.text) for u in old]
    tokens_b = [tokens(u.text) for u in new]
    for tag, i1, i2, j1, j2 in opcodes(keys_a, keys_b):
        if tag == "equal":
            pairs.update(zip(range(i1, i2), range(j1, j2)))
        else:
            _pair_similar(range(i1, i2), range(j1, j2), old, new, tokens_a, tokens_b, pairs)
    free_b = sorted(set(range(len(new))) - set(pairs.values()))
    by_text: dict[tuple[str, str], list[int]] = {}
    for j in reversed(free_b):  # popped from the end: the first free one first
        by_text.setdefault(keys_b[j], []).append(j)
    for i in range(len(old)):
        if i not in pairs and by_text.get(keys_a[i]):
            pairs[i] = by_text[keys_a[i]].pop()
    free_a = [i for i in range(len(old)) if i not in pairs]
    free_b = sorted(set(range(len(new))) - set(pairs.values()))
    if len(free_a) * len(free_b) <= MAX_COMPARISONS:
        _pair_similar(free_a, free_b, old, new, tokens_a, tokens_b, pairs)
    return pairs


MAX_COMPARISONS = 20_000  # beyond this many pairs, far-off similar units are not looked for
WINDOW = 10  # and within a stretch that differs, only units this near the diagonal


def _pair_similar(rows, columns, old, new, tokens_a, tokens_b, pairs) -> None:
    """Pair the most similar units of the same kind, best first, at least MATCH alike. Of a
    stretch of more than MAX_COMPARISONS pairs, each new unit is compared with the 2·WINDOW + 1
    old ones at its relative place only."""
    candidates = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    rows, columns = list(rows), list(columns)
    banded = len(rows) * len(columns) > MAX_COMPARISONS
    for q, j in enumerate(columns):
        matcher.set_seq2(tokens_b[j])
        near = rows
        if banded:
            centre = q * len(rows) // len(columns)
            near = rows[max(0, centre - WINDOW):centre + WINDOW + 1]
        for i in near:
            if old[i].kind != new[j].kind:
                continue
            ratio = ratio_at_least(matcher, tokens_a[i], MATCH)
            if ratio is not None:
                candidates.append((-ratio, abs(i - j), i, j))
    used_b = set(pairs.values())
    for _, _, i, j in sorted(candidates):
        if i not in pairs and j not in used_b:
            pairs[i] = j
            used_b.add(j)


def _in_order(pairs: dict[int, int]) -> set[int]:
    """The old indexes of the longest run of pairs that keep their order; the others moved."""
    return {i for i, _ in increasing_run(sorted(pairs.items()))}


def compare_blocks(old: list[Unit], new: list[Unit]) -> list[BlockChange]:
    pairs = match(old, new)
    stay = _in_order(pairs)
    moved = {i for i in pairs if i not in stay}
    changes: list[tuple[int, BlockChange]] = []
    for i, j in pairs.items():
        a, b = old[i], new[j]
        carried = i in moved and a.parent in moved and pairs.get(a.parent) == b.parent
        is_moved = i in moved and not carried
        if a.text == b.text and not is_moved:
            continue
        if a.text == b.text:
            change = "moved"
        elif a.kind == "section" and a.text.split("\n")[0] != b.text.split("\n")[0]:
            change = "renamed"
        else:
            change = "changed"
        changes.append((j, BlockChange(change, b.kind, b.path, a.path,
                                       tuple(diff_text(a.text, b.text)), is_moved)))
    paired = set(pairs.values())
    for j, unit in enumerate(new):
        if j not in paired:
            changes.append((j, BlockChange("added", unit.kind, unit.path,
                                           ops=(Op("insert", "", unit.text),))))
    before = -1  # the furthest new unit an old unit before this one became
    for i in range(len(old)):
        if i in pairs:
            before = max(before, pairs[i])
            continue
        # placed after the new unit its predecessor became, for reading in order
        changes.append((before + 0.5, BlockChange("removed", old[i].kind, old[i].path,
                                                  old[i].path, (Op("delete", old[i].text, ""),))))
    return [change for _, change in sorted(changes, key=lambda item: item[0])]

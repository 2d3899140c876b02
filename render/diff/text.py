"""Character-level differences for Chinese text: every Chinese character and mark is a token,
and so is every run of Latin letters and digits (2022, 3.8%, DCMM), which is never split.

`opcodes` also aligns sequences of paragraphs: difflib's alignment up to `EXACT` pairs of
items, anchored alignment beyond, so that no input makes the work quadratic."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%:/+\-]*[A-Za-z0-9%]|[A-Za-z0-9]|\s+|.", re.S)

EXACT = 250_000  # up to this many pairs (len(a) × len(b)), difflib's alignment as it is
LEVELS = 8  # anchoring rounds within a stretch before what is left is one replacement
GRAM = 8  # anchors of this many items where no single item is unique (text's characters)


@dataclass(frozen=True)
class Op:
    """One piece of a text difference: `equal`, `insert`, `delete` or `replace`."""

    tag: str
    old: str
    new: str


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def diff_text(old: str, new: str) -> list[Op]:
    """The ops that turn `old` into `new`; joining each op's `old` gives `old`, `new` gives
    `new`."""
    a, b = tokens(old), tokens(new)
    return [Op(tag, "".join(a[i1:i2]), "".join(b[j1:j2]))
            for tag, i1, i2, j1, j2 in opcodes(a, b)]


def similarity(old: str, new: str) -> float:
    """How much of two texts is shared, 0 to 1, by tokens."""
    if not old and not new:
        return 1.0
    return ratio(tokens(old), tokens(new))


def ratio(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """difflib's ratio (2 × matched / total), over the bounded alignment for long inputs."""
    if len(a) * len(b) <= EXACT:
        return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()
    matched = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes(a, b) if tag == "equal")
    return 2.0 * matched / (len(a) + len(b))


def ratio_at_least(matcher: difflib.SequenceMatcher, a: Sequence[Hashable],
                   least: float) -> float | None:
    """The ratio of `a` to the matcher's second sequence when at least `least`, else None:
    difflib's quick upper bounds first, then the ratio (bounded for long inputs)."""
    matcher.set_seq1(a)
    if matcher.real_quick_ratio() < least or matcher.quick_ratio() < least:
        return None
    value = matcher.ratio() if len(a) * len(matcher.b) <= EXACT else ratio(a, matcher.b)
    return value if value >= least else None


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes turning `a` into `b`. Up to EXACT pairs of items difflib aligns them
    itself; beyond, a common head and tail are equal, the items occurring once on each side
    that keep their order (the longest such run) are anchors, and each stretch between anchors
    is aligned the same way, by difflib once it is small enough, for at most LEVELS rounds;
    what is left is replaced whole. Each round is O(n log n) for n items, difflib's share at
    most EXACT per stretch and O(√EXACT · n) in all."""
    if len(a) * len(b) <= EXACT:
        return difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    blocks: list[tuple[int, int, int]] = []  # (i, j, size) of equal runs
    stack = [(0, len(a), 0, len(b), 0)]
    while stack:
        alo, ahi, blo, bhi, level = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            blocks.append((alo, blo, 1))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            blocks.append((ahi, bhi, 1))
        if alo == ahi or blo == bhi:
            continue
        if (ahi - alo) * (bhi - blo) <= EXACT:
            matcher = difflib.SequenceMatcher(a=a[alo:ahi], b=b[blo:bhi], autojunk=False)
            blocks += [(alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks()
                       if size]
            continue
        if level == LEVELS:
            continue
        anchors = (_anchors(a, alo, ahi, b, blo, bhi, 1)
                   or _anchors(a, alo, ahi, b, blo, bhi, GRAM))
        blocks += anchors
        bounds = [(alo, blo, 0), *anchors, (ahi, bhi, 0)]
        for (i1, j1, size), (i2, j2, _) in zip(bounds, bounds[1:]):
            if anchors:
                stack.append((i1 + size, i2, j1 + size, j2, level + 1))
    return _opcodes(sorted(blocks), len(a), len(b))


def _anchors(a, alo, ahi, b, blo, bhi, size: int) -> list[tuple[int, int, int]]:
    """(i, j, size) of the runs of `size` items occurring once in a[alo:ahi] and once in
    b[blo:bhi], the longest chain of them in the same order on both sides, not overlapping
    (patience diff's anchors)."""
    def grams(seq, lo, hi):
        if size == 1:
            return [(k, seq[k]) for k in range(lo, hi)]
        return [(k, tuple(seq[k:k + size])) for k in range(lo, hi - size + 1)]

    grams_a, grams_b = grams(a, alo, ahi), grams(b, blo, bhi)
    count_a = Counter(gram for _, gram in grams_a)
    count_b = Counter(gram for _, gram in grams_b)
    where_b = {gram: j for j, gram in grams_b if count_b[gram] == 1}
    pairs = [(i, where_b[gram]) for i, gram in grams_a
             if count_a[gram] == 1 and gram in where_b]
    out: list[tuple[int, int, int]] = []
    for i, j in increasing_run(pairs):
        if not out or (i >= out[-1][0] + size and j >= out[-1][1] + size):
            out.append((i, j, size))
    return out


def increasing_run(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (in the given order) whose second items increase."""
    tails: list[int] = []  # the smallest second item ending a run of each length
    tail_at: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        position = bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[position] = j
            tail_at[position] = k
        previous[k] = tail_at[position - 1] if position else -1
    run, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        run.append(pairs[k])
        k = previous[k]
    return run[::-1]


def _opcodes(blocks: list[tuple[int, int, int]], la: int, lb: int):
    """difflib's opcodes from ordered, non-overlapping equal runs."""
    merged: list[list[int]] = []
    for i, j, size in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1][2] += size
        else:
            merged.append([i, j, size])
    out, i, j = [], 0, 0
    for bi, bj, size in [*merged, [la, lb, 0]]:
        tag = "replace" if i < bi and j < bj else "delete" if i < bi else "insert" if j < bj \
            else ""
        if tag:
            out.append((tag, i, bi, j, bj))
        if size:
            out.append(("equal", bi, bi + size, bj, bj + size))
        i, j = bi + size, bj + size
    return out

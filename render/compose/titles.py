"""Breaking a title (标题, 附件 titles) into lines (GB/T 9704 §7.3.1: 词意完整, 排列对称, 长短适宜).

A title that does not fit its line is broken only between words (a Chinese word segmenter,
jieba, finds them; the outline's own organ names count as words, and a 《…》, （…）, “…” span is
kept whole where it can be), into the fewest lines that fit, each line no longer than the one
above (梯形, 上长下短) or, with three lines, short–long–short (菱形); of those splits the one
with the most even lengths and the best joints wins. Characters are broken inside a word only
when the word is longer than a line, or when no split between words fits at all.

jieba is imported, and its dictionary loaded (about a second, once per process), only when a
title actually needs breaking.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterable, Sequence

from ..chars import break_allowed
from ..style import Style
from .nominal import text_width
from .segments import segment, tag


def title_lines(title: list[str], style: Style, kind: str = "title",
                names: Iterable[str] = ()) -> list[str]:
    """A title's lines: as the author broke them, or broken here (`break_title`) when the one
    line does not fit. `names`: the outline's organ names, never split when they fit a line."""
    if len(title) > 1:
        return list(title)
    element = style.element(kind)
    capacity = style.page.text_width / element.size
    if text_width(title[0], 1) <= capacity:
        return list(title)
    return break_title(title[0], capacity, tuple(names))


def document_names(document) -> tuple[str, ...]:
    """The organ names an outline gives: issuers, the mark's issuers, the 主送机关's names."""
    names = list(document.issuers)
    if document.header is not None:
        names += document.header.issuers
    if document.addressee:
        names += _pieces(document.addressee)
    return tuple(dict.fromkeys(name for name in names if len(name) > 1))


def _pieces(text: str) -> list[str]:
    for mark in "，,；;：:":
        text = text.replace(mark, "、")
    return [piece.strip() for piece in text.split("、") if piece.strip()]


# -- where a line may end, and at what cost --------------------------------------------------

SPANS = {"《": "》", "（": "）", "“": "”", "〔": "〕", "(": ")", "【": "】", "‘": "’"}
FUNCTION_WORDS = {"的", "之", "和", "及", "与", "、", "暨", "并", "或", "对", "在", "为", "就"}
PREPOSITIONS = {"关于", "对于", "对", "在", "为", "就"}
CONJUNCTIONS = {"和", "及", "与", "、", "暨", "并", "或", "以及"}
UNITS = tuple("年月日度次批号届期个项")

# Terms of 公文 titles that jieba cuts in two but a title must not (数字化|转型): kept whole
# like the outline's names.
TERMS = ("非物质文化遗产", "数字化转型", "单项冠军", "专精特新", "高质量发展", "工业互联网",
         "虚拟现实", "人工智能", "中小企业", "营商环境", "放管服", "实施意见", "实施方案",
         "管理办法", "暂行办法", "实施细则", "工作方案", "新型工业化", "产业园区")

INSIDE_WORD = 40.0  # a word longer than a line, broken between its characters
INSIDE_SPAN = 1000.0  # inside a 《…》 (…) “…” that fits a line: only when no other split fits
COMPOUND = 6.0  # between two parts of a noun phrase (数字化|转型, 单项|冠军)
SINGLE = 6.0  # next to a one-character content word (非|物质, 老|下陆, 信息化|局), or after
# a modifier (单项|冠军, 老旧|小区)
NUMBER_UNIT = 12.0  # G20|京沪高速: a code and the name it begins


@functools.cache
def words(text: str) -> tuple[str, ...]:
    """The words of `text` (jieba, with its model for words not in the dictionary; remembered
    on disk, `segments.py`)."""
    return segment(text)


def _tag(word: str) -> str:
    found = tag(word)
    if found is not None:
        return found
    if all(ch.isascii() and ch.isdigit() for ch in word) or word[:1] == "第":
        return "m"
    return "x" if all(not ch.isalnum() for ch in word) else "n"


def _kind(word: str) -> str:
    """P(reposition), U (的), C(onjunction), V(erb), M (number), N (anything nominal), X (a mark)."""
    if word in PREPOSITIONS:
        return "P"
    if word in ("的", "之"):
        return "U"
    if word in CONJUNCTIONS:
        return "C"
    tag = _tag(word)
    if tag == "x":
        return "X"
    if tag == "m":
        return "M"
    if tag in ("v", "vd", "nz") and word not in ("通知", "请示", "报告", "批复", "通报"):
        return "V"  # nz: 印发, 转发 are tagged as names
    return "N"


def _joint_cost(left: str, right: str) -> float:
    """How bad it is to end a line between the words `left` and `right`."""
    a, b = _kind(left), _kind(right)
    if b == "P" or a == "P":
        return 0.0  # …局 | 关于 | 开展…
    if a in "UC" or b in "UC":
        return 1.0
    if a == "M" and right.startswith(UNITS):
        return math.inf  # 2024|年: a number and its unit are one word (词意完整)
    if left[-1].isascii() and left[-1].isalnum() and b == "N":
        return NUMBER_UNIT  # G20|京沪高速, 5G|基站: a code and the name it begins
    if b == "V":
        return 1.0  # a verb phrase starts
    if a == "V":
        return 3.0  # between a verb and its object
    if a == "X" or b == "X":
        return 2.0
    cost = COMPOUND
    if _tag(left) in ("a", "b", "h") or _tag(right) == "k":
        cost += SINGLE
    if (len(left) == 1 and left not in FUNCTION_WORDS) or (len(right) == 1 and right not in FUNCTION_WORDS):
        cost += SINGLE
    return cost


def breaks(text: str, capacity: float, names: Sequence[str] = (),
           inside_words: bool = False) -> dict[int, float]:
    """Where a line of `text` may end (an index into it) and what it costs there: between words
    (never inside a name or a word that fits a line), not against the 禁则 (`break_allowed`) but
    inside a number or Latin word wider than a line, which the 禁则 would keep whole.
    `inside_words`: also between any characters the 禁则 allow, at a high cost."""
    n = len(text)
    segmented = words(text)
    starts, position = [], 0
    for word in segmented:
        starts.append(position)
        position += len(word)
    bounds = set(starts[1:])
    long_word = [False] * (n + 1)  # long_word[i]: i falls inside a word longer than a line
    for word, start in zip(segmented, starts):
        if text_width(word, 1) > capacity:
            for i in range(start + 1, start + len(word)):
                long_word[i] = True
    protected = [0.0] * (n + 1)  # inside a name that fits: never; inside a span: costly
    for name in (*names, *TERMS):
        fits = text_width(name, 1) <= capacity
        start = text.find(name)
        while start >= 0:
            if fits:  # a longer name breaks between its words like the rest
                for i in range(start + 1, start + len(name)):
                    protected[i] = math.inf
            start = text.find(name, start + 1)
    for start, end in _spans(text):
        if text_width(text[start:end], 1) <= capacity:
            for i in range(start + 1, end):
                protected[i] = max(protected[i], INSIDE_SPAN)
    starts_at = dict(zip(starts, segmented))
    ends_at = {start + len(word): word for word, start in zip(segmented, starts)}
    cost: dict[int, float] = {}
    for c in range(1, n):
        if not break_allowed(text[c - 1], text[c]) and not (
                long_word[c] and text[c - 1].isalnum() and text[c].isalnum()):
            continue  # (a number or Latin word wider than a line breaks between its letters)
        if c in bounds:
            price = _joint_cost(ends_at[c], starts_at[c])
            if price == math.inf:  # a number and its unit: like a word that fits a line
                if not inside_words:
                    continue
                price = 2 * INSIDE_WORD
        elif long_word[c]:
            price = INSIDE_WORD
        elif inside_words:
            price = 2 * INSIDE_WORD
        else:
            continue
        if protected[c] == math.inf and not inside_words:
            continue
        cost[c] = price + (INSIDE_WORD if protected[c] == math.inf else protected[c])
    return cost


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost bracketed or quoted span, marks included."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if stack and ch == SPANS[text[stack[-1]]]:
            start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
        elif ch in SPANS:
            stack.append(i)
    return spans


# -- the best split --------------------------------------------------------------------------


def break_title(title: str, capacity: float, names: Sequence[str] = ()) -> list[str]:
    """Lines of at most `capacity` cells, in order of preference: the fewest lines of a good
    shape (梯形, or 菱形 with three; up to three more lines than the fewest possible) breaking
    between words, with the lowest score (`_splits`); else the fewest lines breaking between
    words in any shape, a line longer than the one above at a high price (`RISE`); else the
    same over every break the 禁则 allow; else the title whole."""
    fewest = max(1, math.ceil(text_width(title, 1) / capacity))
    cost = breaks(title, capacity, names)
    tries = [(cost, lines, True) for lines in range(fewest, fewest + 4)]
    tries += [(cost, lines, False) for lines in range(fewest, len(cost) + 2)]
    everywhere = breaks(title, capacity, names, inside_words=True)
    tries += [(everywhere, lines, True) for lines in range(fewest, fewest + 4)]
    for prices, lines, shaped in tries:
        found = _splits(title, lines, capacity, prices, shaped)
        if found is not None:
            bounds = (0, *found[1], len(title))
            return [title[a:b] for a, b in zip(bounds, bounds[1:])]
    return [title]


def _good_shape(widths: list[float]) -> bool:
    """Each line no longer than the one above (梯形), or short–long–short (菱形)."""
    if all(b <= a for a, b in zip(widths, widths[1:])):
        return True
    return len(widths) == 3 and widths[1] > widths[0] and widths[1] > widths[2]


RISE = 100.0  # a line longer than the one above, where words leave no good shape


def balance(upper: float, lower: float) -> float:
    """The shape's score between a line and the next: best one character shorter below;
    exactly equal lines are avoided by convention; a longer line below only when it must."""
    return (upper - lower - 1) ** 2 + (3 if upper == lower else 0) + (RISE if lower > upper else 0)


def _splits(text: str, count: int, capacity: float, cost: dict[int, float], shaped: bool = True
            ) -> tuple[float, tuple[int, ...]] | None:
    """The best split of `text` into `count` lines of a good shape, ending lines only where
    `cost` has a price, as (score, where the lines after the first start); of equal scores the
    one breaking earliest; None if there is none. The score is `balance` between neighbouring
    lines plus the price of each break. `shaped=False`: any shape.

    A score is a sum over neighbouring lines (`joint`), so it is found without trying every
    split. Three lines, the only count with a diamond, are tried pairwise: O(w²) for w
    characters a line. Otherwise lines only get shorter, and the best rest of the title below
    a line depends on that line alone: a table of (line number, line) from the last line up,
    kept to lines whose text above fits the lines above and text below the lines below, takes
    O(n·w²) for n characters."""
    n = len(text)
    if count == 1:
        return (0, ()) if text_width(text, 1) <= capacity else None
    if count < 1:
        return None
    left = [0.0]  # left[i]: width of text[:i]
    for ch in text:
        left.append(left[-1] + text_width(ch, 1))
    total = left[n]
    cuts = sorted(cost)
    cut_left = [left[c] for c in cuts]

    def width(a: int, b: int) -> float:
        return left[b] - left[a]

    def line_ends(start: int) -> list[int]:
        ends, index = [], bisect.bisect_right(cuts, start)
        while index < len(cuts) and width(start, cuts[index]) <= capacity:
            ends.append(cuts[index])
            index += 1
        return ends

    def joint(a: int, b: int, c: int) -> float:
        """The score between the line text[a:b] and the line text[b:c] under it."""
        return balance(width(a, b), width(b, c)) + cost[b]

    if count == 3:
        best = None
        for first in line_ends(0):
            for second in line_ends(first):
                widths = [width(0, first), width(first, second), width(second, n)]
                if widths[2] <= capacity and (_good_shape(widths) or not shaped):
                    score = joint(0, first, second) + joint(first, second, n)
                    if best is None or score < best[0]:
                        best = (score, (first, second))
        return best

    tables = []  # per line number from the last: (start, end) → (best score below, next end)
    for line in range(count - 1, -1, -1):
        below: dict[int, list[tuple[int, float]]] = {}
        for (start, end), (score, _) in (tables[-1].items() if tables else ()):
            below.setdefault(start, []).append((end, score))
        if line == 0:
            starts = [0]
        else:
            slack = 1e-9  # against rounding in the products: the window only prunes
            lo = bisect.bisect_left(cut_left, total - (count - line) * capacity - slack)
            hi = bisect.bisect_right(cut_left, line * capacity + slack)
            starts = cuts[lo:hi]
        table = {}
        for start in starts:
            if line == count - 1:
                if width(start, n) <= capacity:
                    table[start, n] = (0, None)
                continue
            for end in line_ends(start):
                best = None
                for after, rest in below.get(end, ()):
                    if not shaped or width(end, after) <= width(start, end):  # 上短下长
                        score = joint(start, end, after) + rest
                        if best is None or score < best[0]:
                            best = (score, after)
                if best is not None:
                    table[start, end] = best
        tables.append(table)
    first = None
    for (_, end), (score, _) in tables[-1].items():
        if first is None or score < first[0]:
            first = (score, end)
    if first is None:
        return None
    breaks_at, start, end = [], 0, first[1]
    for table in reversed(tables[1:]):  # line 0, 1, … count − 2
        breaks_at.append(end)
        start, end = end, table[start, end][1]
    return first[0], tuple(breaks_at)


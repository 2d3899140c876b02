"""Bounded work (#9): title breaking, the Word writer and `gongwen diff` stay polynomial —
near-linear — on inputs far larger than any real document, and give the same results as before
on ordinary ones."""

from __future__ import annotations

import copy
import math
import random
import time
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.diff_bench import shuffled
from conftest import ROOT, examples
from render import outline
from render.diff.structure import compare
from render.diff.text import diff_text, opcodes
from render.compose.nominal import text_width
from render.compose.titles import balance, break_title, breaks, title_lines
from render.style import load_style

TITLE = "关于进一步加强和改进全市工业企业安全生产管理工作推动高质量发展若干措施的实施意见的通知"


# -- titles ---------------------------------------------------------------------------------


def exhaustive_break(title: str, capacity: float) -> list[str]:
    """The title breaker trying every split over the same break points and prices: the oracle
    (the fewest lines of a good shape between words, else of any shape between words, else of
    a good shape anywhere the 禁则 allow; then the lowest score, then the earliest breaks)."""
    fewest = max(1, math.ceil(text_width(title, 1) / capacity))
    cost = breaks(title, capacity, ())
    everywhere = breaks(title, capacity, (), True)
    tries = [(cost, count, True) for count in range(fewest, fewest + 4)]
    tries += [(cost, count, False) for count in range(fewest, len(cost) + 2)]
    tries += [(everywhere, count, True) for count in range(fewest, fewest + 4)]
    for prices, count, shaped in tries:
        best = None
        for lines in _all_splits(title, count, capacity, prices):
            widths = [text_width(line, 1) for line in lines]
            falling = all(b <= a for a, b in zip(widths, widths[1:]))
            diamond = len(widths) == 3 and widths[1] > widths[0] and widths[1] > widths[2]
            if shaped and not (falling or diamond):
                continue
            score = sum(balance(a, b) for a, b in zip(widths, widths[1:]))
            ends = [sum(map(len, lines[:i + 1])) for i in range(len(lines) - 1)]
            score += sum(prices[end] for end in ends)
            if best is None or score < best[0]:
                best = (score, lines)
        if best:
            return best[1]
    return [title]


def _all_splits(text: str, count: int, capacity: float, cost: dict[int, float], offset: int = 0):
    if count == 1:
        if text_width(text, 1) <= capacity:
            yield [text]
        return
    for cut in range(1, len(text)):
        head = text[:cut]
        if text_width(head, 1) > capacity:
            break
        if offset + cut not in cost:
            continue
        for rest in _all_splits(text[cut:], count - 1, capacity, cost, offset + cut):
            yield [head, *rest]


PIECES = ["关于", "的", "通知", "年度", "和", "、", "工作", "加强", "进一步", "的意见", "青岛市",
          "2023", "A", "，", "（", "）", "“", "”", "做好", "实施", "若干", "年", "与", "-", "《",
          "》", "国", "家", "企业", "发展"]


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12),
       st.sampled_from([3, 4, 4.5, 5, 6, 7, 8, 9.5, 10, 12, 20.1]))
def test_title_breaking_matches_the_exhaustive_search(pieces, capacity):
    title = "".join(pieces)
    if text_width(title, 1) / capacity > 5:
        return  # the oracle is exponential in lines
    assert break_title(title, capacity) == exhaustive_break(title, capacity)


@pytest.mark.parametrize("kind", ["title", "attachment_title"])
def test_a_110_character_title_breaks_quickly(kind):
    style = load_style("gbt9704")
    title = (TITLE * 3)[:110]
    capacity = style.page.text_width / style.element(kind).size
    start = time.perf_counter()
    lines = title_lines([title], style, kind)
    assert time.perf_counter() - start < 2.0  # minutes before #9
    assert "".join(lines) == title
    widths = [text_width(line, 1) for line in lines]
    assert all(width <= capacity for width in widths)
    assert all(b <= a for a, b in zip(widths, widths[1:]))  # 梯形
    assert len(lines) <= math.ceil(text_width(title, 1) / capacity) + 1


def test_very_long_titles_stay_fast():
    start = time.perf_counter()
    lines = break_title((TITLE * 30)[:1000], 20.1)
    assert time.perf_counter() - start < 2.0
    assert "".join(lines) == (TITLE * 30)[:1000]


# -- the Word writer ------------------------------------------------------------------------


def _append_time(count: int) -> float:
    import docx
    from lxml import etree

    from render.docx.writer import _Body

    body = _Body(docx.Document())
    paragraphs = [etree.Element("p") for _ in range(count)]
    start = time.perf_counter()
    for p in paragraphs:
        body.append(p)
    return time.perf_counter() - start


def test_the_word_writer_appends_in_constant_time():
    small, large = _append_time(20_000), _append_time(40_000)
    assert large < 3 * small + 0.05  # quadratic: 4×, and 20,000 took seconds before #9


@pytest.mark.slow
def test_the_word_writer_on_20000_paragraphs():
    from render.pipeline import render_document
    from render.load import load_file

    document = copy.deepcopy(load_file(ROOT / "source" / "examples" / "order.yaml"))
    document.body = [outline.Paragraph(f"第{k}段。") for k in range(20_000)]
    start = time.perf_counter()
    data = render_document(document, load_style(document.style))["docx"]
    assert time.perf_counter() - start < 10  # 24 s before #9
    assert data.startswith(b"PK")


# -- diff -----------------------------------------------------------------------------------


def test_diff_of_2000_reordered_and_edited_paragraphs_is_bounded():
    old, new = shuffled(2000)
    start = time.perf_counter()
    difference = compare(old, new)
    assert time.perf_counter() - start < 8  # 3 minutes before #9
    assert len(difference.blocks) >= 2000


def test_diff_memory_is_bounded():
    old, new = shuffled(600)
    tracemalloc.start()
    try:
        compare(old, new)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * 2**20  # the candidates of all 360,000 pairs before #9


def test_a_very_long_paragraph_diffs_in_bounded_time():
    rng = random.Random(0)
    old = "".join(rng.choices(TITLE + "，。", k=50_000))
    new = list(old)
    for _ in range(20):
        at = rng.randrange(len(new))
        new[at:at + 3] = "新增字"
    new = "".join(new)
    start = time.perf_counter()
    ops = diff_text(old, new)
    assert time.perf_counter() - start < 3
    assert "".join(op.old for op in ops) == old and "".join(op.new for op in ops) == new
    assert sum(len(op.old) for op in ops if op.tag != "equal") < 200  # the edits, not all


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), max_size=60),
       st.lists(st.sampled_from("abcdefghxyz"), max_size=60))
def test_bounded_alignment_is_an_alignment(a, b):
    import render.diff.text as text

    saved = text.EXACT
    text.EXACT = 20  # the anchored path on small inputs
    try:
        ops = opcodes(a, b)
    finally:
        text.EXACT = saved
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))

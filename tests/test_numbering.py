"""Heading numbers derived from position."""

import pytest

from render.numbering import chinese_numeral, label


@pytest.mark.parametrize(
    "n, text",
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九"),
     (100, "一百"), (101, "一百〇一"), (110, "一百一十"), (1005, "一千〇五")],
)
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


def test_labels_per_level():
    assert [label(p, 3) for p in ("{cn}、", "（{cn}）", "{n}.", "（{n}）")] == ["三、", "（三）", "3.", "（3）"]


def test_zero_is_refused():
    with pytest.raises(ValueError):
        chinese_numeral(0)

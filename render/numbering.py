"""Heading numbers derived from position: 一、 （一） 1. （1） — never stored in the outline."""

from __future__ import annotations

DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百〇五 (the forms headings use)."""
    if n <= 0:
        raise ValueError(f"heading numbers start at 1, not {n}")
    if n >= 10000:
        raise ValueError(f"{n} is beyond the numerals headings use")
    out = []
    units = ((1000, "千"), (100, "百"), (10, "十"))
    rest = n
    zero = False
    for value, name in units:
        digit, rest = divmod(rest, value)
        if digit:
            if zero:
                out.append("〇")
                zero = False
            if not (value == 10 and digit == 1 and not out):
                out.append(DIGITS[digit])
            out.append(name)
        elif out:
            zero = True
    if rest:
        if zero:
            out.append("〇")
        out.append(DIGITS[rest])
    return "".join(out)


def label(pattern: str, n: int) -> str:
    """A heading number from its style pattern, e.g. `（{cn}）` and 3 → （三）."""
    return pattern.replace("{cn}", chinese_numeral(n)).replace("{n}", str(n))


PLACEHOLDERS = ("cn", "n")  # what `label` replaces: {cn} Chinese numeral, {n} Arabic

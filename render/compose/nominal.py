"""Nominal widths for composition's own arithmetic (where the 署名 starts, whether a 版头 line
fits, how a title breaks): full-width characters one em, ASCII half an em. Layout measures the
real faces; these only place what the style's rules place."""

from __future__ import annotations


def text_width(text: str, em: float) -> float:
    return sum(em / 2 if ord(ch) < 0x2000 else em for ch in text)

"""Character classes for line breaking and spacing (GB/T 15834 禁则, as LibreOffice applies them).

The rules mirror what LibreOffice does with our .docx (measured with LibreOffice 7.4, see
docs/architecture.md), so that the PDF breaks lines where the .docx does:
- a closing mark or 点号 never starts a line, an opening mark never ends one (push-out: the
  character before moves down with the mark; nothing hangs in the margin);
- —— and …… are never split; a word or number in Latin letters/digits (2022, 3.8%) is never split;
- no break between a closing mark and a digit or Latin letter right after it (，60);
- a break is allowed anywhere else between Chinese characters, and between Chinese and
  Latin/digits.
"""

from __future__ import annotations

# Never at the start of a line: GB/T 15834 点号, closing marks, and Word's/LibreOffice's
# Simplified Chinese additions.
NO_START = frozenset("，。、；：？！”’）》〉」』〕】〗…‰℃∶〃·!%),.:;?]}′″")
# Never at the end of a line: opening marks.
NO_END = frozenset("“‘（《〈「『〔【〖([{")
UNSPLITTABLE = frozenset("—…")  # doubled, they form one mark: —— ……


def is_latin(ch: str) -> bool:
    """Set in the .docx's Latin (ascii/hAnsi) face: ASCII and Latin-1, as LibreOffice assigns
    scripts (the 间隔号 · included)."""
    return ord(ch) < 0x100


def is_ideograph(ch: str) -> bool:
    """Chinese characters (and kana, hangul): what autospacing separates from Latin."""
    code = ord(ch)
    return (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
            or 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF)


def is_word_char(ch: str) -> bool:
    """Part of a Latin word or number, which never breaks inside."""
    return ch.isascii() and (ch.isalnum() or ch in ".,%-'_/+")


def autospaced(left: str, right: str) -> bool:
    """Whether autospacing puts extra space between two neighbouring characters: a Chinese
    character next to a Latin letter or digit."""
    return ((is_ideograph(left) and right.isascii() and right.isalnum())
            or (left.isascii() and left.isalnum() and is_ideograph(right)))


def break_allowed(left: str, right: str) -> bool:
    """Whether a line may end between `left` and `right`."""
    if right in NO_START or left in NO_END:
        return False
    if left == right and left in UNSPLITTABLE:
        return False
    if is_word_char(left) and is_word_char(right):
        return False
    if left in NO_START and not left.isascii() and right.isascii() and right.isalnum():
        return False  # ，60 stays together in LibreOffice
    if left.isspace():
        return True
    return True

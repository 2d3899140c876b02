"""Character classes for line breaking and spacing (GB/T 15834 禁则, as LibreOffice applies them).

The rules mirror what LibreOffice does with our .docx (measured with LibreOffice 7.4, see
docs/architecture.md), so that the PDF breaks lines where the .docx does:
- a closing mark or 点号 never starts a line, an opening mark never ends one (the line breaker
  squeezes the line to fit the mark, else pushes the character before it down with the mark;
  nothing hangs in the margin);
- —— and …… are never split; a word or number in Latin letters/digits (2022, 3.8%) is never split;
- no break between a closing mark (，。、）》…) and a digit or Latin letter right after it (，60);
- a break is allowed anywhere else between Chinese characters, and between Chinese and
  Latin/digits.
It also names the Chinese marks that live outside the CJK blocks (EAST_ASIAN_MARKS), which both
writers set in the East Asian face wherever they stand.
"""

from __future__ import annotations

from itertools import groupby

import functools
from typing import NamedTuple

# Never at the start of a line: GB/T 15834 点号, closing marks, and Word's/LibreOffice's
# Simplified Chinese additions.
NO_START = frozenset("，。、；：？！”’）》〉」』〕】〗…‰℃∶〃·!%),.:;?]}′″")
# Never at the end of a line: opening marks.
NO_END = frozenset("“‘（《〈「『〔【〖([{")
UNSPLITTABLE = frozenset("—…")  # doubled, they form one mark: —— ……
# Closing punctuation (line-break class CL): LibreOffice keeps a digit or Latin letter after
# them on the same line (，60), but not after ：； (class NS) or ！？.
CLOSING = frozenset("，。、）》」』】〕〉〗．｝")

LATIN, ASIAN, WEAK = "latin", "asian", "weak"


@functools.lru_cache(maxsize=None)
def script(ch: str) -> str:
    """The script class LibreOffice gives a character, by Unicode block: Latin (ASCII, Latin-1
    — the 间隔号 · included —, Latin extensions, Greek, Cyrillic), Asian (CJK symbols and
    punctuation, kana, hangul, ideographs, full-width forms), or weak (general punctuation such
    as “ ” ‘ ’ — …, letterlike symbols, number forms, and everything else)."""
    code = ord(ch)
    if code < 0x0530 or 0x10A0 <= code < 0x1100 or 0x1E00 <= code < 0x2000:
        return LATIN
    if (0x1100 <= code < 0x1200 or 0x2E80 <= code < 0xD7B0 or 0xF900 <= code < 0xFB00
            or 0xFE30 <= code < 0xFE50 or 0xFF00 <= code < 0xFFF0 or code >= 0x20000):
        return ASIAN
    return WEAK


def resolve_scripts(text: str) -> list[bool]:
    """For each character, whether it is set as Latin: a weak character takes the script of the
    character before it (at the start, of the first one after it that is not weak), so a
    closing quote after digits is set in the Latin face, as LibreOffice does."""
    classes = [script(ch) for ch in text]
    strong = next((c for c in classes if c != WEAK), ASIAN)
    out = []
    for cls in classes:
        if cls != WEAK:
            strong = cls
        out.append(strong == LATIN)
    return out


# GB/T 15834's Chinese marks whose code points are shared with Western text (General
# Punctuation, Latin-1): “ ” ‘ ’, the dash — (一字线, 破折号 ——; also as U+2015), the ellipsis
# … (……) and the 间隔号 ·. Word, WPS and LibreOffice pick their face by context (a hint, the
# character before), so after digits or Latin letters they came out in the Latin face. They are
# always set in the East Asian face: in a 公文 they are Chinese marks even between Latin or
# digits (GB/T 15834—2011, “10+1”). ASCII punctuation and the en dash – stay Latin.
EAST_ASIAN_MARKS = frozenset("“”‘’—―…·")


def east_asian_runs(text: str) -> list[tuple[str, bool]]:
    """`text` cut into the runs both writers set, each with whether it is set wholly in the
    East Asian face: a stretch of Chinese (Asian-script characters and EAST_ASIAN_MARKS) that
    holds such a mark is a run of its own, which the .docx gives the CJK face in all four
    rFonts slots; the rest (digits, Latin, Chinese without those marks) is one run, as before.
    The cuts fall where LibreOffice changes script anyway, except before a mark that follows a
    digit or Latin letter (1”, %……)."""
    if EAST_ASIAN_MARKS.isdisjoint(text):  # most text: one run, as before
        return [(text, False)] if text else []
    pieces = [("".join(group), chinese) for chinese, group in
              groupby(text, key=lambda ch: ch in EAST_ASIAN_MARKS or script(ch) == ASIAN)]
    out: list[tuple[str, bool]] = []
    for piece, chinese in pieces:
        own = chinese and not EAST_ASIAN_MARKS.isdisjoint(piece)
        if out and not own and not out[-1][1]:
            out[-1] = (out[-1][0] + piece, False)
        else:
            out.append((piece, own))
    return out


def is_ideograph(ch: str) -> bool:
    """Chinese characters (and kana, hangul): what autospacing separates from Latin."""
    code = ord(ch)
    return (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
            or 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF)


def is_word_char(ch: str) -> bool:
    """Part of a Latin word or number, which never breaks inside."""
    return ch.isascii() and (ch.isalnum() or ch in ".,%-'_/+")


class CharClass(NamedTuple):
    ideograph: bool
    alnum: bool  # an ASCII letter or digit
    word: bool
    no_start: bool
    no_end: bool
    unsplittable: bool
    closing_cjk: bool  # a full-width closing mark of Unicode's CL class (，。、）》…)
    hyphen: bool


@functools.lru_cache(maxsize=None)
def char_class(ch: str) -> CharClass:
    alnum = ch.isascii() and ch.isalnum()
    return CharClass(is_ideograph(ch), alnum, is_word_char(ch), ch in NO_START, ch in NO_END,
                     ch in UNSPLITTABLE, ch in CLOSING, ch == "-")


def break_allowed(left: str, right: str) -> bool:
    """Whether a line may end between `left` and `right`."""
    return allowed_between(char_class(left), char_class(right), left == right)


def allowed_between(a: CharClass, b: CharClass, same: bool) -> bool:
    if b.no_start or a.no_end:
        return False
    if same and a.unsplittable:
        return False
    if a.word and b.word:
        return a.hyphen and b.alnum  # 0532-|85911234: after a hyphen, as LibreOffice does
    if a.closing_cjk and b.alnum:
        return False  # ，60 stays together in LibreOffice
    return True

"""Which characters an outline's text may hold.

Control characters (C0 but for the line feed of a `|` block, DEL, C1 including NEL U+0085),
the line and paragraph separators U+2028/U+2029, bidirectional overrides, noncharacters (U+FFFE,
U+FFFF and the rest) and lone surrogates have no place in a 公文: a writer would drop them, break
on them or, in a terminal, obey them. A value made only of spaces and invisible characters
(U+200B and the other format characters) is empty.
"""

from __future__ import annotations

import unicodedata

_BIDI_CONTROLS = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def forbidden_character(text: str, allow_newline: bool = False) -> tuple[int, str] | None:
    """The index and description of the first character `text` may not hold, if any."""
    for index, ch in enumerate(text):
        code = ord(ch)
        if ch == "\n" and allow_newline:
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F:
            name = {0: "NUL", 9: "a tab", 10: "a line break", 13: "a carriage return",
                    0x1B: "ESC", 0x85: "NEL (next line)"}.get(code, "a control character")
            return index, f"{name} (U+{code:04X})"
        if code in (0x2028, 0x2029):
            return index, f"a {'line' if code == 0x2028 else 'paragraph'} separator (U+{code:04X})"
        if code in _BIDI_CONTROLS:
            return index, f"a bidirectional override (U+{code:04X})"
        if 0xD800 <= code <= 0xDFFF:
            return index, f"a lone surrogate (U+{code:04X})"
        if (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            return index, f"a noncharacter (U+{code:04X})"
    return None


def is_blank(text: str) -> bool:
    """Nothing visible: only whitespace and format characters (zero-width space and the like)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def escape_controls(text: str) -> str:
    """`text` with every character `forbidden_character` names (and tabs, line breaks) shown as
    a \\uXXXX escape, for a terminal report."""
    out = []
    for ch in text:
        out.append(f"\\u{ord(ch):04X}" if forbidden_character(ch) else ch)
    return "".join(out)

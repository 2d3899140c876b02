"""What a .docx's formatting says where the text has no pattern: a heading level from Word's
heading styles, outline levels or the 公文 heading fonts, the red 发文机关标志 (a centred line,
in a text box too, or a table of names beside 文件) and the red rule. Lines from plain text
carry no evidence, so nothing here applies to them."""

from __future__ import annotations

import re

from . import patterns
from .lines import Line

MARK_SIZE = 20  # points: a mark without 文件 is set larger than the body (三号, 16 pt)
MARK_FONTS = ("小标宋",)  # the mark's face (方正小标宋简体)
BOLD_MARK_FONTS = ("宋体", "SimSun")  # a mark typed in 宋体 is set bold
SUFFIXES = ("文件", "纪要")
HEADING_MAX = 40  # a line longer than this is a paragraph, whatever its font
# The fonts GB/T 9704 §7.3.3 gives the first two heading levels; bold 仿宋 is the third.
HEADING_FONTS = (("黑体", 1), ("楷体", 2), ("楷_GB2312", 2))
END_MARK = re.compile(r"[。，,；;：:！？!?、…]$")


def heading_level(line: Line) -> tuple[int, str] | None:
    """(level, why) for a paragraph Word marks as a heading, else None."""
    evidence = line.evidence
    if not evidence.get("paragraph") or evidence.get("table"):
        return None
    level = evidence.get("outline_level")
    if level is not None and level <= 4:
        name = evidence.get("style_name") or ""
        how = f"in Word's style {name!r}" if name.lower().startswith("heading") \
            else f"Word outline level {level}"
        return level, f"a heading by its evidence ({how}): level {level}"
    if len(line.text) > HEADING_MAX or END_MARK.search(line.text) or \
            evidence.get("align") in ("center", "right"):
        return None
    fonts = " ".join(evidence.get("fonts", ()))
    for font, level in HEADING_FONTS:
        if font in fonts:
            return level, (f"a heading by its evidence (a short {font} line without end "
                           f"punctuation): level {level}")
    if evidence.get("bold"):
        return 3, "a heading by its evidence (a short bold line without end punctuation): level 3"
    return None


def body_face(line: Line) -> bool:
    """A .docx paragraph set all in one face that is none of the first two heading levels'
    (黑体, 楷体) and not bold: text, whatever number it was typed with."""
    fonts = line.evidence.get("fonts") or []
    return (bool(line.evidence.get("paragraph")) and len(fonts) == 1
            and not any(font in fonts[0] for font, _ in HEADING_FONTS)
            and not line.evidence.get("bold"))


def red(line: Line) -> bool:
    """Every run in a red colour (FF0000 or near it: red high, green and blue low)."""
    colours = line.evidence.get("colours") or []
    return bool(colours) and all(reddish(c) for c in colours)


def reddish(colour: str) -> bool:
    try:
        r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0xB0 and g <= 0x60 and b <= 0x60


def mark(line: Line) -> str | None:
    """The mark's text without the spaces typed to spread it, for a centred red line."""
    if line.evidence.get("align") == "center" and red(line):
        return patterns.bare(line.text)
    return None


def large(line: Line) -> bool:
    """Set as a mark is: at least MARK_SIZE points, or in 小标宋, or in bold 宋体."""
    fonts = line.evidence.get("fonts", ())
    return line.evidence.get("size", 0) >= MARK_SIZE or \
        any(m in f for f in fonts for m in MARK_FONTS) or \
        (bool(line.evidence.get("bold")) and any(f in BOLD_MARK_FONTS for f in fonts))


def joint_mark(lines: list[Line]) -> tuple[list[str], str] | None:
    """(issuers, suffix) for a table of red names beside a cell holding 文件 or 纪要 (a joint
    发文机关标志 typed as a table): `lines` are the lines of one table, in reading order."""
    if not lines or not all(red(line) for line in lines):
        return None
    texts = [patterns.bare(line.text) for line in lines]
    suffixes = {t for t in texts if t in SUFFIXES}
    names = [t for t in texts if t not in SUFFIXES]
    if len(suffixes) != 1 or not names:
        return None
    return names, suffixes.pop()


def rule(line: Line) -> bool:
    """The red separator typed as a row of dashes or underscores."""
    return red(line) and bool(re.fullmatch(r"[-—─━_＿=＝]{4,}", line.text))


def drawn_rules(line: Line) -> list[str]:
    """The red separator drawn: a line shape, or a red top or bottom border of a paragraph
    without text (one with text: `border_rules`, the 版头 weighs it)."""
    return line.evidence.get("rules", []) + ([] if line.text else border_rules(line))


def border_rules(line: Line) -> list[str]:
    """The paragraph's red top and bottom borders (under the 发文字号: the red rule)."""
    return line.evidence.get("border_rules", [])

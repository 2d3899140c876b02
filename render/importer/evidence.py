"""What a .docx's formatting says where the text has no pattern: a heading level from Word's
heading styles, outline levels or the 公文 heading fonts, and the red 发文机关标志. Lines from
plain text carry no evidence, so nothing here applies to them."""

from __future__ import annotations

import re

from .lines import Line

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
    return bool(colours) and all(_reddish(c) for c in colours)


def _reddish(colour: str) -> bool:
    try:
        r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0xB0 and g <= 0x60 and b <= 0x60


def mark(line: Line) -> str | None:
    """The mark's text without the spaces typed to spread it, for a centred red line."""
    if line.evidence.get("align") == "center" and red(line):
        return re.sub(r"\s", "", line.text)
    return None


def rule(line: Line) -> bool:
    """The red separator typed as a row of dashes or underscores."""
    return red(line) and bool(re.fullmatch(r"[-—─━_＿=＝]{4,}", line.text))

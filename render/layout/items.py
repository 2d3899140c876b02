"""What layout produces: pages of positioned text, as plain data.

Coordinates are points from the page's top-left corner; `y` is a baseline. A `Span` is a run of
characters in one face at one size with each character's x; writers only draw these.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    face: str  # face key, as the metrics named it
    size: float
    text: str
    xs: tuple[float, ...]  # left edge of each character
    y: float  # baseline
    color: str = "000000"  # RRGGBB
    mark: str = ""  # "ins" (underlined) or "del" (struck through): a tracked change


@dataclass(frozen=True)
class Rule:
    """A horizontal line: from x0 to x1 at height y (its middle), `width` thick."""

    x0: float
    x1: float
    y: float
    width: float
    color: str = "000000"


@dataclass
class Line:
    """One line of text as set: its paragraph's kind, its grid row, its spans."""

    kind: str
    text: str
    row: int  # 0-based grid row on its page; -1 for lines outside the grid (page numbers)
    spans: list[Span] = field(default_factory=list)
    last: bool = False  # the last line of its paragraph
    level: int = 0  # outline level (1–4) on the first line of a heading or run-in paragraph
    heading: str = ""  # the heading's text, for bookmarks


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    bars: list[tuple[float, float, float]] = field(default_factory=list)  # x, top, bottom
    numbered: bool = True  # shows its page number (not a blank page or the 版记 page after one)

    @property
    def body(self) -> list[Line]:
        return [line for line in self.lines if line.row >= 0]

"""One page's Content.xml: its pictures, text and lines as OFD graphic units on one body layer,
in the PDF's drawing order (pictures under the text — a seal —, then the text, then a review
copy's revision lines and change bars, rules and a table's strokes, in the PDF's colours and
widths). Each span is a TextObject whose TextCode gives the first character's
position and every next character's advance (DeltaX), so each character lands where layout
put it; a turned span is turned by its CTM about its first character's baseline point."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..geometry import CHANGE_BAR_COLOR, CHANGE_BAR_WIDTH, TEXT_BOX_DESCENT
from ..layout.items import Page, Picture, Rule, Span, Stroke, revision_line
from ..units import MICROMETRES_PER_MM, micrometres
from .xml import UnitIds, box, element, mm, number, serialise

SIN_COS = {0: (0, 1), 90: (1, 0), 180: (0, -1), 270: (-1, 0)}  # a turn clockwise on the page


def page_content(page: Page, ids: UnitIds, fonts: dict[str, int], images: dict[bytes, int],
                 advance) -> bytes:
    """The page as Content.xml, its area the page's paper (`Page.paper`). `fonts`: face key →
    font ID; `images`: image bytes → its MultiMedia ID; `advance(face, ch)`: the character's
    advance in thousandths of an em."""
    root = element("Page")
    element("PhysicalBox", element("Area", root), box(0, 0, *page.paper))
    layer = element("Layer", element("Content", root), ID=ids.next(), Type="Body")
    for picture in page.pictures:
        _image(layer, ids, picture, images[picture.data])
    for line in page.lines:
        for span in line.spans:
            _text(layer, ids, span, fonts[span.face], page, advance)
    for span in (s for line in page.lines for s in line.spans if s.mark):
        _rule(layer, ids, revision_line(span, advance(span.face, span.text[-1])))
    for x, top, bottom in page.bars:
        _stroke(layer, ids, Stroke(x, top, x, bottom, CHANGE_BAR_WIDTH, CHANGE_BAR_COLOR), "Butt")
    for rule in page.rules:
        _rule(layer, ids, rule)
    for stroke in page.strokes:
        _stroke(layer, ids, stroke)
    return serialise(root)


def _text(layer: ET.Element, ids: UnitIds, span: Span, font: int, page: Page, advance) -> None:
    # each x in whole micrometres: the advances between these rounded positions add up to each
    # character's own rounded position (no drift along a line)
    positions = [micrometres(x) for x in span.xs]
    deltas = " ".join(_deltas([(b - a) / MICROMETRES_PER_MM
                               for a, b in zip(positions, positions[1:])]))
    size = span.size
    if span.turn % 360:  # set unturned at (0, 0), turned and moved to its point by the CTM
        sin, cos = SIN_COS[span.turn % 360]
        obj = element("TextObject", layer, ID=ids.next(), Boundary=box(0, 0, page.width,
                                                                       page.height),
                      Font=font, Size=mm(size),
                      CTM=f"{cos} {sin} {-sin} {cos} {mm(span.xs[0])} {mm(span.y)}")
        x, y = "0", "0"
    else:
        left, top = span.xs[0], span.y - size
        right = span.end(advance(span.face, span.text[-1]))
        obj = element("TextObject", layer, ID=ids.next(),
                      Boundary=box(left, top, right - left, size * (1 + TEXT_BOX_DESCENT)),
                      Font=font, Size=mm(size))
        x, y = "0", mm(size)
    if span.color != "000000":
        element("FillColor", obj, Value=_color(span.color))
    element("TextCode", obj, span.text, X=x, Y=y, DeltaX=deltas or None)


def _deltas(values: list[float]) -> list[str]:
    """Advances as DeltaX: a run of three or more equal ones as "g N value" (§11.3)."""
    out, i = [], 0
    while i < len(values):
        j = i
        while j < len(values) and values[j] == values[i]:
            j += 1
        if j - i >= 3:
            out += ["g", str(j - i), number(values[i])]
        else:
            out += [number(v) for v in values[i:j]]
        i = j
    return out


def _rule(layer: ET.Element, ids: UnitIds, rule: Rule) -> None:
    half = rule.width / 2
    _path(layer, ids, rule.x0, rule.y - half, rule.x1 - rule.x0, rule.width,
          f"M 0 {mm(half)} L {mm(rule.x1 - rule.x0)} {mm(half)}", rule.width, rule.color, "Butt")


def _stroke(layer: ET.Element, ids: UnitIds, stroke: Stroke, cap: str = "Square") -> None:
    """A line in any direction: a table border with square ends (its corners closed), as the
    PDF draws it; a change bar with butt ends."""
    half = stroke.width / 2
    left, top = min(stroke.x0, stroke.x1) - half, min(stroke.y0, stroke.y1) - half
    width = abs(stroke.x1 - stroke.x0) + stroke.width
    height = abs(stroke.y1 - stroke.y0) + stroke.width
    data = (f"M {mm(stroke.x0 - left)} {mm(stroke.y0 - top)} "
            f"L {mm(stroke.x1 - left)} {mm(stroke.y1 - top)}")
    _path(layer, ids, left, top, width, height, data, stroke.width, stroke.color, cap)


def _path(layer: ET.Element, ids: UnitIds, left: float, top: float, width: float,
          height: float, data: str, line_width: float, color: str, cap: str) -> None:
    """A stroked path in its box. Its colour also as FillColor (the path is not filled:
    easyofd strokes with the fill colour)."""
    obj = element("PathObject", layer, ID=ids.next(), Boundary=box(left, top, width, height),
                  LineWidth=mm(line_width), Cap=cap)
    element("StrokeColor", obj, Value=_color(color))
    element("FillColor", obj, Value=_color(color))
    element("AbbreviatedData", obj, data)


def _image(layer: ET.Element, ids: UnitIds, picture: Picture, resource: int) -> None:
    """The image's unit square scaled to its box (CTM), as the standard places images."""
    element("ImageObject", layer, ID=ids.next(),
            Boundary=box(picture.x, picture.top, picture.width, picture.height),
            CTM=f"{mm(picture.width)} 0 0 {mm(picture.height)} 0 0", ResourceID=resource)


def _color(color: str) -> str:
    """RRGGBB as an OFD colour value in RGB (0–255 each)."""
    return " ".join(str(int(color[i:i + 2], 16)) for i in (0, 2, 4))

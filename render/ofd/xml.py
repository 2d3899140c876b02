"""OFD's XML: elements in the OFD namespace (written with the `ofd:` prefix, as readers such as
easyofd expect), numbers in millimetres to a thousandth, documents serialised alike every time."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..units import millimetres

NAMESPACE = "http://www.ofdspec.org/2016"
ET.register_namespace("ofd", NAMESPACE)


def element(tag: str, parent: ET.Element | None = None, text: str | None = None,
            **attributes) -> ET.Element:
    """An OFD element (`tag` without prefix), added to `parent` when given; attributes whose
    value is None are left out."""
    name = f"{{{NAMESPACE}}}{tag}"
    values = {key: str(value) for key, value in attributes.items() if value is not None}
    node = ET.Element(name, values) if parent is None else ET.SubElement(parent, name, values)
    if text is not None:
        node.text = text
    return node


def serialise(root: ET.Element) -> bytes:
    """The document as UTF-8 bytes with an XML declaration."""
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def number(value: float) -> str:
    """A number as OFD writes it: at most three decimals, no trailing zeros, no "-0"."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def mm(points: float) -> str:
    """A length in points as OFD's millimetres."""
    return number(millimetres(points))


def box(x: float, y: float, width: float, height: float) -> str:
    """An OFD box (ST_Box: x y width height) from points."""
    return " ".join(mm(v) for v in (x, y, width, height))


class UnitIds:
    """OFD's object identifiers (ST_ID): one counter for the whole document, from 1; the
    highest handed out is Document.xml's MaxUnitID."""

    def __init__(self):
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last

"""The OFD package's parts other than the pages, and the zip they go in: OFD.xml (the entry:
document information and where the document's root is), Doc_0/Document.xml (common data —
MaxUnitID, page area, resource files —, the pages, the outline), Doc_0/PublicRes.xml (fonts)
and Doc_0/DocumentRes.xml (images). The zip is the same bytes for the same parts: entries in
a fixed order with a fixed date."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from ..pdf.properties import Info
from ..zipparts import stable_zip
from .fonts import EmbeddedFont
from .xml import box, element, mm, serialise

DOC = "Doc_0"
RESOURCES = "Res"  # the resource files' folder under Doc_0, as both resource lists name it


@dataclass(frozen=True)
class OutlineEntry:
    """An outline entry: its title, where it goes (page ID, points from the page's top) and
    the entries under it."""

    title: str
    page: int
    top: float
    children: tuple["OutlineEntry", ...] = ()


def ofd_xml(info: Info, doc_id: str) -> bytes:
    root = element("OFD", Version="1.0", DocType="OFD")
    body = element("DocBody", root)
    doc = element("DocInfo", body)
    element("DocID", doc, doc_id)
    for tag, value in (("Title", info.title), ("Author", info.author),
                       ("Subject", info.subject)):
        if value:
            element(tag, doc, value)
    if info.day:
        element("CreationDate", doc, info.day.isoformat())
        element("ModDate", doc, info.day.isoformat())
    element("Creator", doc, info.creator)
    element("CreatorVersion", doc, info.version)
    element("DocRoot", body, f"{DOC}/Document.xml")
    return serialise(root)


def document_xml(max_id: int, paper: tuple[float, float], pages: Sequence[int],
                 entries: Sequence[OutlineEntry], images: bool) -> bytes:
    """`paper`: the default page size in points (each page states its own too); `pages`: each
    page's ID, its content at Pages/Page_N/Content.xml."""
    root = element("Document")
    common = element("CommonData", root)
    element("MaxUnitID", common, str(max_id))
    element("PhysicalBox", element("PageArea", common), box(0, 0, *paper))
    element("PublicRes", common, "PublicRes.xml")
    if images:
        element("DocumentRes", common, "DocumentRes.xml")
    listed = element("Pages", root)
    for n, page in enumerate(pages):
        element("Page", listed, ID=page, BaseLoc=f"Pages/Page_{n}/Content.xml")
    if entries:
        _outline(element("Outlines", root), entries)
    return serialise(root)


def _outline(parent, entries: Sequence[OutlineEntry]) -> None:
    for entry in entries:
        elem = element("OutlineElem", parent, Title=entry.title,
                       Count=len(entry.children) or None)
        action = element("Action", element("Actions", elem), Event="CLICK")
        element("Dest", element("Goto", action), Type="XYZ", PageID=entry.page, Left="0",
                Top=mm(entry.top))
        _outline(elem, entry.children)


def public_res(fonts: Sequence[tuple[int, EmbeddedFont]]) -> bytes:
    root = element("Res", BaseLoc=RESOURCES)
    listed = element("Fonts", root)
    for font_id, font in fonts:
        entry = element("Font", listed, ID=font_id, FontName=font.name, FamilyName=font.family)
        element("FontFile", entry, font.file)
    return serialise(root)


def document_res(images: Sequence[tuple[int, str]]) -> bytes:
    """`images`: each image's ID and file name (its format from its suffix)."""
    root = element("Res", BaseLoc=RESOURCES)
    listed = element("MultiMedias", root)
    for image_id, name in images:
        entry = element("MultiMedia", listed, ID=image_id, Type="Image",
                        Format=name.rsplit(".", 1)[1].upper())
        element("MediaFile", entry, name)
    return serialise(root)


def doc_id(parts: dict[str, bytes]) -> str:
    """32 hexadecimal digits from the document's parts (not from the clock)."""
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(parts):
        digest.update(name.encode() + b"\0" + parts[name])
    return digest.hexdigest()


def zipped(parts: dict[str, bytes]) -> bytes:
    """The parts as a zip, OFD.xml first, then in the order given; fixed dates."""
    return stable_zip({name: parts[name] for name in sorted(parts, key=lambda n: n != "OFD.xml")})

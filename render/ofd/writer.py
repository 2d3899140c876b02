"""The OFD writer: laid-out pages → an OFD package (GB/T 33190-2016) as bytes.

Like the PDF writer it makes no layout decision: it writes each span's characters where layout
put them (`content.py`), in the faces layout measured, embedded as subsets (`fonts.py`); the
images the pages show, once each; the bookmarks the PDF has (`render/pdf/bookmarks.py`'s
tree) as the outline; the PDF's title, author and date (`render/pdf/properties.py`) as the
document information (`package.py`). Deterministic: the same plan gives the same bytes."""

from __future__ import annotations

from collections.abc import Sequence

from .. import outline
from ..layout.items import Page
from ..pdf import properties
from ..pdf.bookmarks import Bookmark, bookmarks
from . import package
from .content import page_content
from .fonts import characters_by_face, embed
from .package import DOC, RESOURCES, OutlineEntry
from .xml import UnitIds


def write_ofd(pages: list[Page], document: outline.Document, metrics,
              parts: Sequence[tuple[int, outline.Document]] = ()) -> bytes:
    """`pages` as an OFD package, each page's area its paper (`Page.paper`), the first page's
    the document's default; `parts` (a volume's documents: the index in `pages` of each
    one's first page, and the document): an outline entry per document, its headings under
    it."""
    ids = UnitIds()
    out: dict[str, bytes] = {}
    faces = {face.key: face for face in metrics.used_faces}
    fonts = embed(characters_by_face(pages), faces)
    font_ids = [(ids.next(), font) for font in fonts]
    for _, font in font_ids:
        out[f"{DOC}/{RESOURCES}/{font.file}"] = font.data
    images: dict[bytes, int] = {}
    image_files: list[tuple[int, str]] = []
    for picture in (p for page in pages for p in page.pictures):
        if picture.data not in images:
            images[picture.data] = ids.next()
            name = f"image_{len(image_files)}.{_suffix(picture.data)}"
            image_files.append((images[picture.data], name))
            out[f"{DOC}/{RESOURCES}/{name}"] = picture.data
    by_key = {font.key: font_id for font_id, font in font_ids}
    page_ids = []
    for n, page in enumerate(pages):
        page_ids.append(ids.next())
        out[f"{DOC}/Pages/Page_{n}/Content.xml"] = page_content(
            page, ids, by_key, images, metrics.advance_units)
    marks = bookmarks(pages, [(start, "".join(part.title)) for start, part in parts])
    out[f"{DOC}/PublicRes.xml"] = package.public_res(font_ids)
    if image_files:
        out[f"{DOC}/DocumentRes.xml"] = package.document_res(image_files)
    out[f"{DOC}/Document.xml"] = package.document_xml(ids.last, pages[0].paper, page_ids,
                                                      _tree(marks, page_ids), bool(image_files))
    out["OFD.xml"] = package.ofd_xml(properties.info(document, [part for _, part in parts]),
                                     package.doc_id(out))
    return package.zipped(out)


def _tree(marks: list[Bookmark], page_ids: list[int]) -> list[OutlineEntry]:
    """The bookmarks (levels that go down one at a time) as nested outline entries."""
    def build(start: int, level: int) -> tuple[list[OutlineEntry], int]:
        out, i = [], start
        while i < len(marks) and marks[i].level == level:
            mark = marks[i]
            children, i = build(i + 1, level + 1)
            out.append(OutlineEntry(mark.title, page_ids[mark.page], mark.top, tuple(children)))
        return out, i

    return build(0, 0)[0]


def _suffix(data: bytes) -> str:
    """An image file's suffix from its first bytes (the outline's images are PNG or JPEG)."""
    return "png" if data.startswith(b"\x89PNG") else "jpg"

"""Several .docx packages this writer made, joined into one (a volume, `render/volume.py`): the
first package whole, then each other one's body, every document ending its own sections, so
that each starts on a new page (a section's default start) and the footers' PAGE fields count
on across them.

What a joined body refers to comes along: its footers and images as new parts (renamed, with
new relationship ids), its named styles (one that differs from the first package's, as a
style sheet may make it, under a name of its own), its fonts; drawing and bookmark ids made
unique. The first package's document defaults, settings and properties stand for the whole;
app.xml counts the pages and text of all, and the docId is the joined document's.
"""

from __future__ import annotations

import copy
import datetime as dt
import posixpath

from docx.oxml.ns import qn
from lxml import etree

from .imprint import end_paragraph
from ..zipparts import stable_zip, unzipped
from .package import CORE, DOCUMENT, finish, pages_of, with_author_and_day

RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
STYLES = "word/styles.xml"
FONTS = "word/fontTable.xml"
PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
KINDS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
REFERENCES = (qn("r:id"), qn("r:embed"), qn("r:link"))
STYLE_REFERENCES = (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))
DRAWING_IDS = (qn("wp:docPr"), qn("pic:cNvPr"))
BOOKMARKS = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))
ID_STEP = 100_000  # each joined document's drawing and bookmark ids start this much higher


def join_docx(packages: list[bytes], author: str = "", day: dt.date | None = None) -> bytes:
    """The packages as one: the first whole, the others' bodies after it, in order; the core
    properties the first's (a volume's title) with the `author` and `day` of the whole."""
    base = _Package(packages[0])
    pages = pages_of(base.parts)
    for number, data in enumerate(packages[1:], 1):
        other = _Package(data)
        pages += pages_of(other.parts)
        base.append(other, number)
    base.parts[CORE] = with_author_and_day(base.parts[CORE], author, day)
    return base.save(pages)


class _Package:
    """A package's parts, and those of them a join changes parsed."""

    def __init__(self, data: bytes):
        self.parts = unzipped(data)
        self.xml = {name: etree.fromstring(self.parts[name])
                    for name in (DOCUMENT, RELS, TYPES, STYLES, FONTS)}
        self.rels = {rel.get("Id"): rel for rel in self.xml[RELS]}

    @property
    def body(self):
        return self.xml[DOCUMENT].find(qn("w:body"))

    def append(self, other: _Package, number: int) -> None:
        """`other`'s body after this one's, its sections after this one's last."""
        renamed = self._take_styles(other, number)
        self._take_fonts(other)
        body = self.body
        _end_section(body)
        taken: dict[str, str] = {}
        for child in list(other.body):
            _adapt(child, renamed, number)
            for el in child.iter():
                for attribute in REFERENCES:
                    if el.get(attribute) is not None:
                        old = el.get(attribute)
                        if old not in taken:
                            taken[old] = self._take_part(other, old, renamed, number)
                        el.set(attribute, taken[old])
            body.append(child)

    def _take_styles(self, other: _Package, number: int) -> dict[str, str]:
        """`other`'s named styles this package lacks, added; one that differs from this
        package's, added under a new id and name. The renamed ids."""
        styles = self.xml[STYLES]
        mine = {el.get(qn("w:styleId")): el for el in styles.iter(qn("w:style"))}
        renamed, added = {}, []
        for style in other.xml[STYLES].iter(qn("w:style")):
            key = style.get(qn("w:styleId"))
            if key in mine and etree.tostring(mine[key]) == etree.tostring(style):
                continue
            style = copy.deepcopy(style)
            if key in mine:
                renamed[key] = f"{key}V{number}"
                style.set(qn("w:styleId"), renamed[key])
                name = style.find(qn("w:name"))
                name.set(qn("w:val"), f"{name.get(qn('w:val'))} {number}")
            added.append(style)
        for style in added:  # links between the added styles follow their new ids
            for link in ("w:basedOn", "w:next", "w:link"):
                el = style.find(qn(link))
                if el is not None and el.get(qn("w:val")) in renamed:
                    el.set(qn("w:val"), renamed[el.get(qn("w:val"))])
            styles.append(style)
        return renamed

    def _take_fonts(self, other: _Package) -> None:
        fonts = self.xml[FONTS]
        names = {font.get(qn("w:name")) for font in fonts}
        for font in other.xml[FONTS]:
            if font.get(qn("w:name")) not in names:
                fonts.append(copy.deepcopy(font))

    def _take_part(self, other: _Package, rel_id: str, renamed: dict[str, str],
                   number: int) -> str:
        """The part `other`'s relationship `rel_id` leads to, copied in (a footer adapted as
        its body is); the new relationship's id."""
        rel = other.rels[rel_id]
        kind, target = rel.get("Type").removeprefix(KINDS), rel.get("Target")
        source = posixpath.join("word", target)
        if kind not in ("footer", "image") or \
                f"word/_rels/{posixpath.basename(target)}.rels" in other.parts:
            raise ValueError(f"joining .docx packages: a body refers to a {kind} part "
                             f"{target} this join does not copy")
        folder, name = posixpath.split(target)
        target = posixpath.join(folder, f"v{number}-{name}")
        data = other.parts[source]
        if kind == "footer":
            footer = etree.fromstring(data)
            _adapt(footer, renamed, number)
            data = etree.tostring(footer, xml_declaration=True, encoding="UTF-8",
                                  standalone=True)
            self._content_type(f"/word/{target}", FOOTER_TYPE)
        else:
            self._extension(other, name.rsplit(".", 1)[-1])
        self.parts[posixpath.join("word", target)] = data
        new_id = f"rId{1 + max(int(key[3:]) for key in self.rels if key[3:].isdigit())}"
        rel = etree.SubElement(self.xml[RELS], f"{{{PACKAGE_NS}}}Relationship",
                               Id=new_id, Type=rel.get("Type"), Target=target)
        self.rels[new_id] = rel
        return new_id

    def _content_type(self, part: str, content_type: str) -> None:
        etree.SubElement(self.xml[TYPES], f"{{{TYPES_NS}}}Override", PartName=part,
                         ContentType=content_type)

    def _extension(self, other: _Package, extension: str) -> None:
        """A default content type for image files of `extension`, as `other` states it."""
        def defaults(package):
            return {el.get("Extension").lower(): el for el in package.xml[TYPES]
                    if el.tag == f"{{{TYPES_NS}}}Default"}

        if extension.lower() not in defaults(self):
            self.xml[TYPES].insert(0, copy.deepcopy(defaults(other)[extension.lower()]))

    def save(self, pages: int) -> bytes:
        """The joined package, its app.xml counting the `pages` and text of all documents."""
        for name, root in self.xml.items():
            self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                              standalone=True)
        finish(self.parts, pages)
        return stable_zip(self.parts)


def _end_section(body) -> None:
    """The body's last section ended in its last paragraph (a section break there), so that
    what is appended after it starts a section of its own, on a new page."""
    sect = body[-1]
    assert sect.tag == qn("w:sectPr")
    last = sect.getprevious()
    if last is None or last.tag != qn("w:p") or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") \
            is not None:
        last = end_paragraph()  # a line of 1 pt, off the grid: it holds the break, no more
        sect.addprevious(last)
    ppr = last.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(last, qn("w:pPr"))
        last.insert(0, ppr)
    ppr.append(sect)


def _adapt(root, renamed: dict[str, str], number: int) -> None:
    """A joined document's XML with its renamed styles and its ids made unique."""
    for el in root.iter():
        if el.tag in STYLE_REFERENCES and el.get(qn("w:val")) in renamed:
            el.set(qn("w:val"), renamed[el.get(qn("w:val"))])
        elif el.tag in DRAWING_IDS:
            el.set("id", str(int(el.get("id")) + number * ID_STEP))
        elif el.tag in BOOKMARKS:
            new = int(el.get(qn("w:id"))) + number * ID_STEP
            el.set(qn("w:id"), str(new))
            if el.get(qn("w:name")):
                el.set(qn("w:name"), f"{el.get(qn('w:name')).rsplit('_', 1)[0]}_{new}")

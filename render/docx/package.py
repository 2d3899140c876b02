"""The package around the document: what python-docx's default template brings that a gongwen
document does not use, dropped, and the document properties made to tell the truth.

Dropped: the styles-with-effects copy, the thumbnail, webSettings.xml (options for
saving as a web page), numbering.xml (nine lists for styles the document does not define; no
paragraph of ours is numbered by Word: our numbers are text), the bibliography customXml item
and its properties; in the settings the proof state ("spelling clean"), the theme font
languages and the theme's colour mapping, the template's revision save ids (rsids; in the
section properties and the Normal style too), its math defaults, VML shape defaults (the
document has no VML) and the request to save a preview picture (there is no thumbnail),
namespace declarations nothing uses, and the template's fixed `w14:docId`, which is made from
the content instead (a hash of word/document.xml: equal documents, equal ids; two documents,
two ids). Replaced: the theme, by one naming the document's own faces (`theme.py`). Kept:
the latent styles in styles.xml (Word's list of its built-in styles for its style gallery,
part of every file Word writes).

Core properties (docProps/core.xml): title, author, subject (the document's kind, 通知, 报告 …,
when the title ends with one), created and modified at midnight of the document's date in
China's time (+08:00, the instant the PDF's dates state), no `lastPrinted`, no empty entries.
Extended properties (docProps/app.xml): the application (gongwen and its version), the pages
from the typeset plan, and words, characters and paragraphs counted as Word counts them
(`count_text`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from .. import outline
from ..chars import ASIAN, EAST_ASIAN_MARKS, script
from ..version import VERSION
from .ooxml import xml_escape

DROP_PARTS = (RT.NUMBERING, RT.CUSTOM_XML, RT.WEB_SETTINGS,
              "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
DROP_SETTINGS = ("w:proofState", "w:themeFontLang", "w:clrSchemeMapping", "w:rsids", "m:mathPr",
                 "w:shapeDefaults", "w:savePreviewPicture")
# Word 2010's compatibility mode, kept though Word 2013 and later then show "Compatibility
# Mode": measured with benchmarks/parity.py on every example, mode 15 leaves every document
# 100 % but the volume, whose 目录 loses its page numbers in LibreOffice 7.4 (90 of 93 lines):
# an entry's right tab stop stands at the type area's edge, beyond the paragraph's right indent
# (the title wraps short of the number's column), and LibreOffice honours a tab stop past the
# indent only in Word 2010's mode (as its TabOverMargin option, which it sets for mode 14).
COMPATIBILITY_MODE = "14"
DOCUMENT = "word/document.xml"
SETTINGS = "word/settings.xml"
APP = "docProps/app.xml"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
LEFT_OUT = tuple(qn(name) for name in ("cp:keywords", "dc:description", "cp:category",
                                        "cp:lastPrinted", "dcterms:created", "dcterms:modified"))
CHINA = dt.timezone(dt.timedelta(hours=8))
PROPERTY_LIMIT = 255  # characters python-docx accepts in a text core property
# The fifteen kinds of 党政机关公文 (党政机关公文处理工作条例 §8; 命令 also as 令), 命令 before
# 令, and the order's title form (令 followed by its number, GB/T 9704 §10.2).
KINDS = ("决议", "决定", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
         "议案", "纪要", "命令", "函", "令")
ORDER_TITLE = re.compile(r"令第[0-9〇零一二三四五六七八九十百千]+号$")
NOTE_AFTER_TITLE = re.compile(r"（[^（）]*）$")


def strip_template(out) -> None:
    """Drop the template's parts a gongwen document does not use (python-docx saves only the
    parts relationships reach, content types included), its settings' leftovers and its
    section's revision ids; set the compatibility mode."""
    rels = out.part.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype in DROP_PARTS:
            rels.pop(rel_id)
    package_rels = out.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rel_id)
    for section in out.element.body.iter(qn("w:sectPr")):  # the template's revision ids
        for name in [name for name in section.attrib if name.startswith(qn("w:rsid"))]:
            del section.attrib[name]
    for old in list(out.styles.element.iter(qn("w:rsid"))):  # the Normal style's
        old.getparent().remove(old)
    settings = out.settings.element
    for name in DROP_SETTINGS:
        for old in settings.findall(qn(name)):
            settings.remove(old)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)


def core_properties(out, document: outline.Document) -> None:
    """docProps/core.xml: title, author, the kind as subject, the dates in +08:00."""
    props = out.core_properties
    title = "".join(document.title)
    props.title = _clipped(title)
    props.author = _clipped(document.author)
    props.last_modified_by = _clipped(document.author)
    props.subject = kind(title) or ""
    props.revision = 1
    root = props._element
    for old in list(root):  # the template's own entries, and those the document leaves empty
        if old.tag in LEFT_OUT or not (old.text or "").strip():
            root.remove(old)
    when = moment(document)
    if when is not None:
        for name in ("created", "modified"):
            setattr(props, name, when.replace(tzinfo=None))  # with xsi:type="dcterms:W3CDTF"
            root.find(qn(f"dcterms:{name}")).text = when.isoformat()  # …T00:00:00+08:00


CORE = "docProps/core.xml"
CORE_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
           "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
           "xsi": "http://www.w3.org/2001/XMLSchema-instance"}


def with_author_and_day(core_xml: bytes, author: str, day: dt.date | None) -> bytes:
    """A core.xml (a volume's, made for its 目录 alone) with the author and the day its
    documents share (as the PDF states them: render/pdf/properties.py), in core_properties'
    form; nothing added for an empty author or no day."""
    root = etree.fromstring(core_xml)

    def entry(prefix: str, name: str, text: str, dated: bool = False) -> None:
        tag = f"{{{CORE_NS[prefix]}}}{name}"
        for old in root.findall(tag):
            root.remove(old)
        new = etree.SubElement(root, tag)
        new.text = text
        if dated:
            new.set(f"{{{CORE_NS['xsi']}}}type", "dcterms:W3CDTF")

    if author:
        entry("dc", "creator", _clipped(author))
        entry("cp", "lastModifiedBy", _clipped(author))
    if day is not None:
        when = midnight(day).isoformat()
        entry("dcterms", "created", when, dated=True)
        entry("dcterms", "modified", when, dated=True)
    order = ["title", "subject", "creator", "lastModifiedBy", "revision", "created", "modified"]
    root[:] = sorted(root, key=lambda el: order.index(etree.QName(el).localname)
                     if etree.QName(el).localname in order else len(order))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clipped(text: str) -> str:
    """A core property's value clipped to what python-docx accepts (the document's text is
    never clipped: a long title is still printed whole)."""
    return text[:PROPERTY_LIMIT]


def kind(title: str) -> str | None:
    """The document's kind (文种) from its title's last word (a note in parentheses after the
    title set aside): 通知, 报告, 纪要, 令 …; None when the title ends with none."""
    title = NOTE_AFTER_TITLE.sub("", title.strip())
    if ORDER_TITLE.search(title):
        return "令"
    return next((name for name in KINDS if title.endswith(name)), None)


def moment(document: outline.Document) -> dt.datetime | None:
    """Midnight of the day the files are dated (`Document.file_date`: 成文日期, else 印发日期,
    else the publication's) in China's time, the instant the PDF's CreationDate states; None
    for a document with no date."""
    day = document.file_date
    return midnight(day) if day else None


def midnight(day: dt.date) -> dt.datetime:
    """The day's first instant in China's time (+08:00)."""
    return dt.datetime.combine(day, dt.time(), CHINA)


@dataclass(frozen=True)
class TextCount:
    """The statistics Word keeps in docProps/app.xml."""

    words: int = 0
    characters: int = 0  # not counting white space
    characters_with_spaces: int = 0
    paragraphs: int = 0  # that hold a character


def count_text(paragraphs) -> TextCount:
    """Word's count of the paragraphs' texts: each East Asian character (a Chinese character,
    kana, hangul, a full-width or CJK mark, or one of `chars.EAST_ASIAN_MARKS`) is a word, and
    so is each run of other characters between white space and East Asian characters (2023,
    GB/T, 3.8%); characters without and with white space; paragraphs that hold a character."""
    words = characters = spaced = count = 0
    for text in paragraphs:
        if not text:
            continue
        count += 1
        spaced += len(text)
        in_word = False
        for ch in text:
            if ch.isspace():
                in_word = False
                continue
            characters += 1
            if script(ch) == ASIAN or ch in EAST_ASIAN_MARKS:
                words += 1
                in_word = False
            elif not in_word:
                words += 1
                in_word = True
    return TextCount(words, characters, spaced, count)


def paragraph_texts(document_xml: bytes) -> list[str]:
    """The text of every paragraph of the body (in tables and text boxes too, a text box's
    fallback copy skipped), a tab as white space; deleted text left out."""
    root = etree.fromstring(document_xml)
    fallback = f"{{{MC}}}Fallback"
    out = []
    for p in root.iter(qn("w:p")):
        if any(parent.tag == fallback for parent in p.iterancestors()):
            continue
        text = []
        for el in p.iter(qn("w:t"), qn("w:tab")):
            if next(el.iterancestors(qn("w:p"))) is not p:
                continue  # a text box's paragraph, counted on its own
            if el.tag == qn("w:t"):
                text.append(el.text or "")
            elif el.getparent().tag == qn("w:r"):  # not a tab stop
                text.append("\t")
        out.append("".join(text))
    return out


def app_xml(pages: int, count: TextCount) -> bytes:
    """docProps/app.xml stating gongwen, the pages and the text's count."""
    values = (("Application", f"gongwen/{VERSION}"), ("DocSecurity", 0), ("Pages", pages),
              ("Words", count.words), ("Characters", count.characters),
              ("CharactersWithSpaces", count.characters_with_spaces),
              ("Paragraphs", count.paragraphs))
    entries = "".join(f"<{name}>{xml_escape(str(value))}</{name}>" for name, value in values)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="'
            'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"{entries}</Properties>").encode("utf-8")


def pages_of(parts: dict[str, bytes]) -> int:
    """The pages a package's docProps/app.xml states."""
    root = etree.fromstring(parts[APP])
    ns = root.nsmap[None]
    return int(root.findtext(f"{{{ns}}}Pages"))


def finish(parts: dict[str, bytes], pages: int) -> None:
    """The finished package's `parts` (name → bytes) given what only the whole document
    knows: app.xml with `pages` and the text's count, the docId from word/document.xml."""
    document = parts[DOCUMENT]
    parts[APP] = app_xml(pages, count_text(paragraph_texts(document)))
    parts[SETTINGS] = _with_doc_id(parts[SETTINGS], doc_id(document))


def _ignorable(root) -> list[str]:
    """The prefixes an element's mc:Ignorable names (used, though only in that attribute)."""
    return (root.get(f"{{{MC}}}Ignorable") or "").split()


def doc_id(document_xml: bytes) -> str:
    """w14:docId (eight hex digits, the top bit clear as Word's own) from the document's XML."""
    value = int.from_bytes(hashlib.sha256(document_xml).digest()[:4], "big") & 0x7FFFFFFF
    return f"{value:08X}"


def _with_doc_id(settings_xml: bytes, value: str) -> bytes:
    """The settings with the docId `value`, declaring only the namespaces they use."""
    root = etree.fromstring(settings_xml)
    for el in root.iter(f"{{{W14}}}docId"):
        el.set(f"{{{W14}}}val", value)
    etree.cleanup_namespaces(root, keep_ns_prefixes=_ignorable(root))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

"""The document model: a typed outline of a GB/T 9704 document, with no I/O.

Every reader (YAML today, importers later) produces a `Document`; every writer consumes one
together with a resolved style. Field metadata carries the documentation that `gongwen schema`
and docs/outline.md show, and marks the fields whose text is prose (`prose=True`: written one
sentence per line by `gongwen fmt`, joined without a separator when loaded).

Heading numbers (一、（一）1.（1）) are not stored anywhere: they follow from a section's position.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal, Union

MAX_DEPTH = 4  # 一、 → （一） → 1. → （1）

Position = tuple[int, int]  # 1-based (line, column) in the source; (0, 0) when unknown


def doc(text: str, **extra) -> dict:
    """Field metadata: the description shown in the JSON Schema and the docs."""
    return {"doc": text, **extra}


@dataclass
class Paragraph:
    """A body paragraph: one run of text, first line indented two characters."""

    text: str
    pos: Position = field(default=(0, 0), compare=False, repr=False)


@dataclass
class Section:
    """A numbered section. `runin` sections put the heading at the start of their first paragraph."""

    heading: str
    runin: bool = False
    text: str = ""  # run-in only: the rest of the heading's paragraph
    body: list[Block] = field(default_factory=list)
    pos: Position = field(default=(0, 0), compare=False, repr=False)


@dataclass
class Figure:
    """A figure (插图): an image file beside the outline, centred, with an optional caption
    (图题) centred under it. The loader reads and checks the file; the model holds its bytes."""

    image: str  # the file as the outline names it, relative to the outline
    caption: str = ""
    width: float | None = None  # a fraction of the type area's width; None: the natural size
    data: bytes = field(default=b"", repr=False)  # the image file's bytes (PNG or JPEG)
    pixels: tuple[int, int] = (0, 0)
    dpi: tuple[float, float] = (96.0, 96.0)
    pos: Position = field(default=(0, 0), compare=False, repr=False)



@dataclass
class Cell:
    """A table cell: its text (prose), the columns and rows it spans, its own alignment."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    align: Literal["left", "center", "right"] | None = None
    pos: Position = field(default=(0, 0), compare=False, repr=False)


@dataclass
class Column:
    """A table column: its width as written (a fraction 0.3 or 30%, or characters 6字; none:
    a share of what the others leave) and its cells' alignment."""

    width: str | None = None
    align: Literal["left", "center", "right"] = "left"


@dataclass
class Table:
    """A table (表格): caption (表题) above, header rows repeated on every page it spans, data
    rows written inline (`rows`) or read from a CSV file beside the outline (`source`, the
    read rows in `data`)."""

    columns: list[Column]
    header: list[list[Cell]] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str | None = None
    font_size: str | None = None
    source: str | None = None
    data: list[list[Cell]] = field(default_factory=list)
    landscape: bool = False  # on landscape pages of its own (横排表格, GB/T 9704 §8)
    pos: Position = field(default=(0, 0), compare=False, repr=False)

    @property
    def body_rows(self) -> list[list[Cell]]:
        """The data rows: inline, then the CSV file's."""
        return self.rows + self.data


Block = Union[Paragraph, Section, Figure, Table]


@dataclass(kw_only=True)
class Classification:
    level: Literal["秘密", "机密", "绝密"] = field(metadata=doc("密级: 秘密, 机密 or 绝密"))
    period: str | None = field(default=None, metadata=doc("保密期限, e.g. 1年 (printed after ★)"))


@dataclass(kw_only=True)
class Header:
    """版头: the part of page 1 above the red separator line."""

    copy_number: str | None = field(default=None, metadata=doc("份号: 1 to 6 digits, printed as 6"))
    classification: Classification | None = field(default=None, metadata=doc("密级和保密期限"))
    urgency: Literal["特急", "加急"] | None = field(default=None, metadata=doc("紧急程度"))
    issuers: list[str] = field(
        default_factory=list,
        metadata=doc("发文机关标志: one name, or several for joint issuing (host first)"),
    )
    mark_suffix: str | None = field(default="文件", metadata=doc("word after the names, usually 文件"))
    doc_number: str | None = field(default=None, metadata=doc("发文字号, e.g. 青工信发〔2023〕5号"))
    signers: list[str] = field(default_factory=list, metadata=doc("签发人 (upward documents)"))
    order_number: str | None = field(default=None, metadata=doc("令号 of a 命令, e.g. 第1号"))
    letterhead: Literal["printed", "preprinted"] = field(
        default="printed",
        metadata=doc("printed: draw the red mark and rule; preprinted: the paper has them, "
                     "leave their space blank"),
    )


@dataclass(kw_only=True)
class Attachment:
    """附件: listed in the 附件说明; printed after the main text when it has a body."""

    title: list[str] = field(metadata=doc(
        "附件 title: one line, or a list of lines where the author breaks it; the 附件说明 joins them",
        one_or_many=True))
    body: list[Block] = field(default_factory=list, metadata=doc("附件 text, like 正文"))
    separate: bool = field(
        default=False, metadata=doc("bound separately: listed in the 附件说明, not printed here")
    )


@dataclass(kw_only=True)
class Imprint:
    """版记: at the foot of the last page."""

    cc: list[str] = field(default_factory=list, metadata=doc("抄送机关, in order"))
    printer: str | None = field(default=None, metadata=doc("印发机关"))
    date: _dt.date | None = field(default=None, metadata=doc("印发日期"))


@dataclass(frozen=True)
class Image:
    """An image file the outline names, as the loader read and verified it (no YAML key: the
    outline holds only the file's path)."""

    data: bytes = field(repr=False)
    format: str  # "PNG" or "JPEG"
    pixels: tuple[int, int]  # width, height
    dpi: tuple[float, float] | None  # as the file states it, if it does


def loaded(what: str) -> dict:
    """Field metadata of data the loader adds (read from a file the outline names): not a YAML
    key, so `gongwen fmt` never writes it into the outline."""
    return {"doc": what, "loaded": True}


@dataclass(kw_only=True)
class Seal:
    """电子印章 (GB/T 9704 §7.3.5.1): the issuers' seal images, pressed over the 署名 and 成文日期."""

    image: str | None = field(default=None, metadata=doc(
        "the seal image (PNG or JPEG), a path relative to the outline; one issuer"))
    images: list[str] = field(default_factory=list, metadata=doc(
        "joint issuers: one seal image per issuer, in the order of `issuers`"))
    diameter: str | None = field(default=None, metadata=doc(
        "the seal's size, e.g. 42mm (20mm to 80mm); else from the image's DPI"))
    files: tuple[Image, ...] = field(default=(), compare=False, repr=False,
                                     metadata=loaded("the images, in order"))

    @property
    def paths(self) -> list[str]:
        return [self.image] if self.image else list(self.images)


@dataclass(kw_only=True)
class Signer:
    """签发人签名章 (GB/T 9704 §7.3.5.3): the signer's title, and the name the seal carries."""

    title: str = field(metadata=doc("签发人职务, in full, e.g. 青岛市市长"))
    name: str = field(metadata=doc("the name on the 签名章"))
    image: str | None = field(default=None, metadata=doc(
        "the 签名章 image (PNG or JPEG), a path relative to the outline"))
    width: str | None = field(default=None, metadata=doc(
        "the 签名章's width, e.g. 30mm (10mm to 80mm); else from the image's DPI"))
    file: Image | None = field(default=None, compare=False, repr=False,
                               metadata=loaded("the image"))


@dataclass(kw_only=True)
class Attendance:
    """纪要: who attended (出席), was absent (请假) and sat in (列席)."""

    present: list[str] = field(default_factory=list, metadata=doc("出席: unit and name, in order"))
    absent: list[str] = field(default_factory=list, metadata=doc("请假"))
    observers: list[str] = field(default_factory=list, metadata=doc("列席"))


@dataclass(kw_only=True)
class Publication:
    """Where and when material was published on the web."""

    source: str = field(metadata=doc("来源, e.g. 青岛政务网"))
    date: _dt.date | None = field(default=None, metadata=doc("发布日期"))
    title: str | None = field(default=None, metadata=doc("the web page's own title, if it differs"))
    url: str | None = field(default=None, metadata=doc("address of the published page"))


@dataclass(kw_only=True)
class Document:
    """A whole document. Only `title` is required. Field order is the canonical key order."""

    style: str = field(default="gbt9704", metadata=doc("style sheet: a name in styles/ or a path"))
    header: Header | None = field(default=None, metadata=doc("版头"))
    title: list[str] = field(
        metadata=doc("标题: one line, or a list of lines where the author breaks it", one_or_many=True)
    )
    subtitle: str | None = field(default=None, metadata=doc("副标题, centred under the title"))
    issuers: list[str] = field(
        default_factory=list,
        metadata=doc("发文机关: who issues and signs the document (署名, document author)"),
    )
    date: _dt.date | None = field(
        default=None, metadata=doc("成文日期; when set, the 署名 and date close the text")
    )
    seal: Literal["none", "seal", "signature"] | Seal = field(
        default="none", metadata=doc("印章: none, seal (加盖印章), signature (签名章), or the "
                                     "electronic seal's images: {image: FILE, diameter: 42mm}")
    )
    signer: Signer | None = field(default=None, metadata=doc("签发人 of a signature-seal document"))
    publication: Publication | None = field(default=None, metadata=doc("web publication data"))
    addressee: str | None = field(
        default=None, metadata=doc("主送机关, without the final colon (the renderer adds ：)")
    )
    body: list[Block] = field(default_factory=list, metadata=doc("正文: paragraphs and sections"))
    attachments: list[Attachment] = field(default_factory=list, metadata=doc("附件, in order"))
    attendance: Attendance | None = field(default=None, metadata=doc("纪要: 出席, 请假, 列席"))
    note: str | None = field(default=None, metadata=doc("附注, printed in parentheses", prose=True))
    imprint: Imprint | None = field(default=None, metadata=doc("版记"))

    @property
    def seal_kind(self) -> str:
        """none, seal or signature: a document with seal images is sealed."""
        return "seal" if isinstance(self.seal, Seal) else self.seal

    @property
    def file_date(self) -> _dt.date | None:
        """The day both files are dated (PDF dates, .docx core properties): the 成文日期, else
        the 印发日期, else the web publication's date."""
        imprint = self.imprint.date if self.imprint else None
        published = self.publication.date if self.publication else None
        return self.date or imprint or published

    @property
    def author(self) -> str:
        """The document author for file properties: the host issuer, if any."""
        return self.issuers[0] if self.issuers else ""

    @property
    def mark_key(self) -> tuple:
        """The outline key the 版头's 发文机关标志 takes its names from: `header.issuers`, else
        `issuers`."""
        return ("header", "issuers") if self.header and self.header.issuers else ("issuers",)


# ---------------------------------------------------------------------------------------------
# Walking the body


@dataclass(frozen=True)
class Visit:
    """A block together with where it stands: its depth and, for sections, its number path."""

    block: Block
    depth: int  # 1 for a top-level section; paragraphs have the depth of their section
    numbers: tuple[int, ...]  # e.g. (2, 3) for 二、（三）; () for top-level paragraphs


def walk(blocks: list[Block], numbers: tuple[int, ...] = ()) -> list[Visit]:
    """Every block in reading order, sections numbered by their place among sibling sections."""
    out: list[Visit] = []
    count = 0
    for block in blocks:
        if isinstance(block, Section):
            count += 1
            path = numbers + (count,)
            out.append(Visit(block, len(path), path))
            out.extend(walk(block.body, path))
        else:
            out.append(Visit(block, len(numbers), numbers))
    return out


def depth_of(blocks: list[Block]) -> int:
    """How many section levels the body nests."""
    return max((v.depth for v in walk(blocks) if isinstance(v.block, Section)), default=0)


def plain_text(document: Document) -> str:
    """All text the outline states, in reading order (derived numbers and punctuation excluded)."""
    parts: list[str] = []
    if document.header:
        h = document.header
        parts += [h.copy_number or "", *h.issuers, h.doc_number or "", *h.signers]
    parts += document.title
    parts.append(document.subtitle or "")
    parts.append(document.addressee or "")
    parts += _blocks_text(document.body)
    for attachment in document.attachments:
        parts.append(attachment.title)
        parts += _blocks_text(attachment.body)
    parts.append(document.note or "")
    if document.imprint:
        parts += document.imprint.cc + [document.imprint.printer or ""]
    return "".join(parts)


def _blocks_text(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for visit in walk(blocks):
        block = visit.block
        if isinstance(block, Section):
            out += [block.heading, block.text]
        elif isinstance(block, Figure):
            out.append(block.caption)
        elif isinstance(block, Table):
            out.append(block.caption or "")
            out += [cell.text for row in block.header + block.body_rows for cell in row]
        else:
            out.append(block.text)
    return out

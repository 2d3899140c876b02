"""The PDF writer: laid-out pages → PDF bytes with reportlab's canvas.

It makes no layout decision: it draws each span's characters at the positions layout gave,
in subset-embedded TrueType faces with Unicode maps (text can be copied out), each subset
tagged by a hash of its face and glyphs, the glyph before an autospacing gap as its twin
(`twins.py`: a glyph box that takes the gap in, so no extractor reads a space there); adds the bookmarks (`bookmarks.py`), the document
information (`properties.py`) and an open action (page 1, whole page), on pages of the
style's exact paper size. The output is deterministic: dates come from the outline, the file
ID and subset tags from the content. This is the one module that uses reportlab's document
internals (its document, catalog, outline root and font subsets; its parsed faces are read in
`fonts/metrics.py` only).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFOutlines,
    PDFStream,
    PDFString,
    PDFTrueTypeFont,
    PDFZCompress,
)
from reportlab.pdfbase.pdfdoc import count as outline_count
from reportlab.pdfbase.ttfonts import makeToUnicodeCMap
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .. import geometry, outline
from ..layout.items import Page, Picture, Rule, revision_line
from ..fonts.metrics import FontMetrics
from . import properties, structure, twins
from .bookmarks import Bookmark, bookmarks


PDF_VERSION = (1, 5)


def write_pdf(pages: list[Page], document: outline.Document, metrics: FontMetrics,
              parts: Sequence[tuple[int, outline.Document]] = (), pdfa: bool = False,
              blocks: Sequence[Sequence[object]] = ()) -> bytes:
    """`pages` drawn; `parts` (a volume's documents: the index in `pages` of each one's first
    page, and the document): a top-level bookmark per document, its headings nested under it.
    `blocks`: the composed blocks of the pages before the first part (or of the document), then
    of each part, for the tagged tables' rows and cells (`structure.tag`).
    Each page's MediaBox is its paper as layout gives it (`Page.paper`: A4 595.276 × 841.890,
    not 595.3 × 841.9). `pdfa`: made PDF/A-1b (`pdfa.py`)."""
    rl_config.useA85 = 0  # binary streams: smaller and faster than ASCII85
    buffer = io.BytesIO()
    first_face = next(iter(metrics.used_faces)).key
    sizes = [_media_box(page) for page in pages]
    # PDF 1.5: the newest feature used is /ActualText in marked content (ISO 32000-1 §14.9.4)
    canvas = Canvas(buffer, pagesize=sizes[0], invariant=True, pdfVersion=PDF_VERSION,
                    initialFontName=first_face, initialFontSize=16, pageCompression=1)
    doc = canvas._doc
    doc.info = _Info(document, [part for _, part in parts])
    doc.outline = doc.Outlines = doc._catalog.Outlines = _Outlines()
    first_page = doc.thisPageRef()
    tagged = structure.tag(pages, lambda span, after: _gap(span, after, metrics),
                           [start for start, _ in parts], blocks,
                           ["".join(part.title) for _, part in parts])
    page_refs: list = []
    names: dict[tuple[str, int], str] = {}  # (face, subset) → the PDF font resource name
    doubles = twins.Twins()
    marks = bookmarks(pages, [(start, "".join(part.title)) for start, part in parts])
    marks_on: dict[int, list[tuple[int, Bookmark]]] = {}
    for number, mark in enumerate(marks):
        marks_on.setdefault(mark.page, []).append((number, mark))
    for index, (page, (width, height)) in enumerate(zip(pages, sizes)):
        canvas.setPageSize((width, height))
        for number, mark in marks_on.get(index, ()):
            canvas.bookmarkHorizontal(f"b{number}", 0, height - mark.top)
            canvas.addOutlineEntry(mark.title, f"b{number}", level=mark.level, closed=False)
        page_refs.append(doc.thisPageRef())
        # under the text (a seal), or where no text is (a figure)
        for picture, mcid in zip(page.pictures, tagged.pictures[index]):
            canvas._code.append(f"/Figure <</MCID {mcid}>> BDC")
            _picture(canvas, picture, height)
            canvas._code.append("EMC")
        for line, pieces in zip(page.lines, tagged.lines[index]):
            for piece in pieces:
                canvas._code.append(_begin_marked(piece))
                for n in range(piece.start, piece.stop):
                    _draw(canvas, line.spans[n], height, metrics, names,
                          _twin(line.spans[n:n + 2], metrics, doubles))
                canvas._code.append("EMC" if piece.page_number else "EMC EMC")
        marked = [span for line in page.lines for span in line.spans if span.mark]
        decorated = bool(page.bars or page.rules or page.strokes or marked)
        if decorated:
            canvas._code.append("/Artifact <</Type /Layout>> BDC")  # decoration, not text
        for span in marked:
            _line(canvas, revision_line(span, metrics.advance_units(span.face, span.text[-1])),
                  height)
        for x, top, bottom in page.bars:
            canvas.setStrokeColor(_rgb(geometry.CHANGE_BAR_COLOR))
            canvas.setLineWidth(geometry.CHANGE_BAR_WIDTH)
            canvas.line(x, height - top, x, height - bottom)
        for rule in page.rules:
            _line(canvas, rule, height)
        canvas.setLineCap(2)  # square ends: a table's borders meet at closed corners
        for stroke in page.strokes:
            canvas.setStrokeColor(_rgb(stroke.color))
            canvas.setLineWidth(stroke.width)
            canvas.line(stroke.x0, height - stroke.y0, stroke.x1, height - stroke.y1)
        if decorated:
            canvas._code.append("EMC")
        canvas.showPage()
        if tagged.marks_per_page[index]:  # the key of the page's array in the ParentTree
            _with_entry(doc.Pages.pages[-1], "StructParents", index)
    doc._catalog.OpenAction = PDFArray([first_page, PDFName("Fit")])  # page 1, whole page
    doc._catalog.setPageLayout("SinglePage")
    if marks:  # the bookmarks pane open only when there are bookmarks
        canvas.showOutline()
    _tag_catalog(doc, tagged, page_refs)
    _embed_twins(doc, doubles, metrics, _embed_fonts(doc))
    canvas.save()
    if pdfa:  # pikepdf only then
        from .pdfa import to_pdfa

        return to_pdfa(buffer.getvalue())
    return buffer.getvalue()


def _media_box(page: Page) -> tuple[float, float]:
    """The page's MediaBox size: its paper as layout gives it (`Page.paper`), to 0.001 pt."""
    return round(page.paper[0], 3), round(page.paper[1], 3)


def _twin(spans, metrics: FontMetrics, doubles: twins.Twins) -> twins.Twin | None:
    """The twin of the first span's last glyph when a gap to the next span on its baseline
    calls for one (`twins.py`)."""
    gap = _gap(*spans, metrics) if len(spans) == 2 else None
    if gap is None:
        return None
    span = spans[0]
    return doubles.twin(span.face, metrics.font(span.face).face, span.text[-1], gap)


def _gap(span, after, metrics: FontMetrics) -> float | None:
    """The space from `span`'s last glyph to `after` beyond the span's character spacing, in
    em; None when `after` is not on the same baseline (the structure cuts a line's pieces, and
    the twins take gaps in, by this one measure)."""
    if span.turn != after.turn or abs(span.y - after.y) > 0.01:
        return None
    common = _spacing(span, metrics, first=True)[0] if len(span.xs) > 1 else 0.0
    return (after.xs[0] - _end(span, metrics) - common) / span.size


def _end(span, metrics: FontMetrics) -> float:
    """Where `span`'s last glyph ends."""
    return span.end(metrics.advance_units(span.face, span.text[-1]))


def _spacing(span, metrics: FontMetrics, first: bool = False) -> list[float]:
    """The spacing after each character beyond its glyph's advance (none after the last);
    `first`: the first character's alone (the span's common spacing, `_draw`'s Tc)."""
    scale = span.size / 1000
    xs = span.xs[:2] if first else span.xs
    return [b - a - metrics.advance_units(span.face, ch) * scale
            for a, b, ch in zip(xs, xs[1:], span.text)]


def _draw(canvas: Canvas, span, page_height: float, metrics: FontMetrics,
          names: dict[tuple[str, int], str], twin: twins.Twin | None = None) -> None:
    """A span as one text object. The spacing most characters share (tracking plus
    justification) is set once as character spacing (Tc); characters whose spacing differs get
    a kerning adjustment in the TJ array, so every x stays exact. reportlab splits CJK text into
    font subsets of 256 glyphs: each subset's run is placed at its first character's x. `twin`:
    the last character drawn as its twin glyph (`twins.py`), in a run of its own."""
    font = metrics.font(span.face)
    doc = canvas._doc
    size, text, xs = span.size, span.text, span.xs
    scale = size / 1000
    spacing = _spacing(span, metrics)
    common = spacing[0] if spacing else 0.0
    adjust = {i: (common - v) / scale for i, v in enumerate(spacing) if abs(v - common) >= 0.001}
    fill = "" if span.color == "000000" else "{:.3f} {:.3f} {:.3f} rg ".format(*_rgb(span.color))
    cos, sin = _turn(span.turn)
    ops = [f"{'q ' if fill else ''}BT {fill}{common:.3f} Tc {cos:g} {-sin:g} {sin:g} {cos:g} "
           f"{xs[0]:.3f} {page_height - span.y:.3f} Tm"]
    runs = font.splitString(text, doc)  # the twin's character too: subsets as without twins
    if twin:  # the last character is drawn as its twin
        subset, codes = runs[-1]
        runs[-1:] = [(subset, codes[:-1])] if len(codes) > 1 else []
    start = line_start = 0
    for subset, codes in runs:
        end = start + len(codes)
        if start:  # each subset's run starts at its own x (a Td from the previous run's start)
            ops.append(f"{xs[start] - xs[line_start]:.3f} 0 Td")
        line_start = start
        parts, last = [], start
        for i in sorted(k for k in adjust if start <= k < end) if adjust else ():
            parts.append(f"<{codes[last - start:i + 1 - start].hex()}>{adjust[i]:.2f}")
            last = i + 1
        if last < end:
            parts.append(f"<{codes[last - start:].hex()}>")
        name = names.get((span.face, subset))
        if name is None:
            name = names[span.face, subset] = font.getSubsetInternalName(subset, doc)
        ops.append(f"{name} {size:g} Tf [{''.join(parts)}] TJ")
        start = end
    if twin:
        if start:
            ops.append(f"{xs[start] - xs[line_start]:.3f} 0 Td")
        ops.append(f"/{_twin_name(twin.font)} {size:g} Tf <{twin.code:02x}> Tj")
    ops.append("ET Q" if fill else "ET")
    canvas._code.append(" ".join(ops))


def _turn(degrees: int) -> tuple[float, float]:
    """The cosine and sine of a span's turn (clockwise on the page; the PDF's y is upward)."""
    return {0: (1, 0), 90: (0, 1), 180: (-1, 0), 270: (0, -1)}[degrees % 360]


def _picture(canvas: Canvas, picture: Picture, page_height: float) -> None:
    """The image at its place and size; a PNG's transparency kept (its alpha as a soft mask)."""
    image = ImageReader(io.BytesIO(picture.data))
    canvas.drawImage(image, picture.x, page_height - picture.top - picture.height,
                     picture.width, picture.height, mask="auto")


def _line(canvas: Canvas, rule: Rule, page_height: float) -> None:
    """A horizontal rule (a page's rule, a tracked change's line) in its colour and width."""
    canvas.setStrokeColor(_rgb(rule.color))
    canvas.setLineWidth(rule.width)
    y = page_height - rule.y
    canvas.line(rule.x0, y, rule.x1, y)


def _rgb(color: str) -> tuple[float, float, float]:
    return tuple(int(color[i:i + 2], 16) / 255 for i in (0, 2, 4))


class _Info(PDFInfo):
    """The document information dictionary with what the outline says and nothing made up:
    no empty entries, no date when the outline gives none (`properties.py`)."""

    def __init__(self, document: outline.Document, parts: Sequence[outline.Document]):
        super().__init__()
        stated = properties.info(document, parts)
        self.title, self.author, self.subject = stated.title, stated.author, stated.subject
        self.creator = stated.creator
        self.producer = f"{stated.creator} (reportlab)"
        self.stamp = properties.pdf_date(stated.day) if stated.day else ""

    def format(self, document) -> bytes:
        entries = {key: PDFString(value) for key, value in (
            ("Title", self.title), ("Author", self.author), ("Subject", self.subject),
            ("Creator", self.creator), ("Producer", self.producer),
            ("CreationDate", self.stamp), ("ModDate", self.stamp)) if value}
        entries["Trapped"] = PDFName("False")
        return PDFDictionary(entries).format(document)


class _Outlines(PDFOutlines):
    """reportlab's outline root with its /Count right: the number of visible entries at all
    levels (ISO 32000-1 §12.3.3). reportlab counts them, then reuses the same attribute to
    number the nested levels it makes, leaving the root one too high per entry with children."""

    def prepare(self, document, canvas) -> None:
        super().prepare(document, canvas)
        if self.ready == 1:
            self.count = outline_count(self.mydestinations, self.closedict)


def _embed_fonts(doc) -> set[str]:
    """The fonts' subsets as PDF fonts, as reportlab's `TTFont.addObjects` makes them at save,
    each with its own subset tag (ISO 32000-1 §9.6.4: reportlab tags the n-th subset of every
    face alike, AAAAAA+ for each first one); the tags taken."""
    fonts = doc.idToObject["BasicFonts"].dict
    used: set[str] = set()
    for font in doc.delayedFonts:
        state = font.state[doc]
        state.frozen = 1
        face = font.face
        face_name = _face_name(face)
        for n, subset in enumerate(state.subsets):
            internal = font.getSubsetInternalName(n, doc)[1:]
            glyphs = [face.charToGlyph.get(code, 0) for code in subset]
            base = f"{_subset_tag(face_name, subset, glyphs, used)}+{face_name}"
            fonts[internal] = _pdf_font(doc, face, internal, base, subset,
                                        [face.getCharWidth(code) for code in subset])
        del font.state[doc]
    doc.delayedFonts = []
    return used


def _face_name(face) -> str:
    """A parsed face's PostScript name as its PDF fonts' BaseFont ends with it."""
    return (face.name + face.subfontNameX).decode("pdfdoc")


def _twin_name(font: int) -> str:
    """The resource name of a font of twins (reportlab's own are F1, F1+1 …)."""
    return f"TW{font + 1}"


def _embed_twins(doc, doubles: twins.Twins, metrics: FontMetrics, used: set[str]) -> None:
    """The fonts of twin glyphs (`twins.py`), as `_embed_fonts` makes reportlab's subsets,
    their programs with the twins' advances, their /Widths to match; tags not in `used`."""
    fonts = doc.idToObject["BasicFonts"].dict
    for number, twin_font in enumerate(doubles.fonts):
        face = metrics.font(twin_font.face).face
        face_name = _face_name(face)
        subset = twins.codes(twin_font)
        widths = twins.widths(
            twin_font, lambda ch: metrics.advance_units(twin_font.face, ch), face)
        base = f"{_subset_tag(face_name, subset, widths, used)}+{face_name}"
        internal = _twin_name(number)
        fonts[internal] = _pdf_font(doc, face, internal, base, subset, widths)
        program = doc.idToObject[f"fontFile:{face.filename}({base})"]  # reportlab's subset
        program.content = twins.program(twin_font, face)
        program.dictionary["Length1"] = len(program.content)


def _pdf_font(doc, face, internal: str, base: str, subset: list[int], widths: list[float]):
    """A TrueType font of `face`'s `subset` (its characters by code) under the resource name
    `internal` and the name `base`, with its widths, ToUnicode map and embedded subset."""
    pdf_font = PDFTrueTypeFont()
    pdf_font.Name = internal
    pdf_font.BaseFont = base
    pdf_font.FirstChar = 0
    pdf_font.LastChar = len(subset) - 1
    pdf_font.Widths = PDFArray(widths)
    cmap = PDFStream()
    cmap.content = makeToUnicodeCMap(base, subset)
    if doc.compression:
        cmap.filters = [PDFZCompress]
    pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base)
    pdf_font.FontDescriptor = face.addSubsetObjects(doc, base, subset)
    doc.Reference(pdf_font, internal)
    return pdf_font


def _subset_tag(face: str, codes: list[int], glyphs: list[int], used: set[str]) -> str:
    """Six capital letters from a hash of the face's name and the subset's characters and
    glyphs: the same subset the same tag in every build; another in the same file if taken."""
    key = f"{face}|{codes}|{glyphs}"
    while True:
        number = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")
        tag = "".join(chr(65 + number // 26 ** i % 26) for i in range(6))
        if tag not in used:
            used.add(tag)
            return tag
        key += "+"


def _begin_marked(piece: structure.Piece) -> str:
    """The BDC that opens a piece: a page number as a pagination artifact, text with its MCID
    (a table's header row repeated on a continuation page: a pagination artifact instead) and
    /ActualText (what copying gives: the outline's characters, no gap read as a space)."""
    if piece.page_number:
        return "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
    opening = ("/Artifact <</Type /Pagination>>" if piece.mcid is None  # a repeated header
               else f"/{piece.tag} <</MCID {piece.mcid}>>")
    return (f"{opening} BDC "  # poppler reads /ActualText on a Span
            f"/Span <</ActualText {_text_string(piece.text)}>> BDC")


def _text_string(text: str) -> str:
    """A PDF text string in UTF-16 with its byte-order mark, as a hex string."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _with_entry(pdf_object, key: str, value) -> None:
    """`key` added to a reportlab dictionary object that writes only the keys its class lists."""
    pdf_object.__NoDefault__ = [*pdf_object.__NoDefault__, key]
    setattr(pdf_object, key, value)


def _tag_catalog(doc, tagged: structure.Tagged, page_refs: list) -> None:
    """The catalog of a tagged PDF: the structure tree with its ParentTree, /MarkInfo, /Lang
    and the title shown in the window's bar (ISO 32000-1 §14.7, §14.8, §12.2)."""
    counter = iter(range(1, 1 << 30))
    refs: dict[int, object] = {}  # id(element) → its reference

    def element(node: structure.StructElement, parent) -> object:
        entries = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(node.kind),
                                 "P": parent})
        ref = refs[id(node)] = doc.Reference(entries, f"StructElem{next(counter)}")
        kids = []
        for kid in node.kids:
            if isinstance(kid, structure.ContentMark):
                kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": page_refs[kid.page],
                                           "MCID": kid.mcid}))
            else:
                kids.append(element(kid, ref))
        entries.dict["K"] = PDFArray(kids)
        if node.alt:
            entries.dict["Alt"] = PDFString(node.alt)
        if node.title:
            entries.dict["T"] = PDFString(node.title)
        if node.table:
            entries.dict["A"] = PDFDictionary(
                {"O": PDFName("Table"), **{name: PDFName(value) if isinstance(value, str)
                                           else value for name, value in node.table}})
        return ref

    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root, "StructTreeRoot")
    root.dict["K"] = element(tagged.root, root_ref)
    owners = structure.parents(tagged)
    nums = []
    for index, row in enumerate(owners):
        if row:
            nums += [index, PDFArray([refs[id(owner)] for owner in row])]
    root.dict["ParentTree"] = PDFDictionary({"Nums": PDFArray(nums)})
    root.dict["ParentTreeNextKey"] = len(owners)
    catalog = doc._catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Lang = PDFString("zh-CN")
    catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})

"""The PDF writer: laid-out pages → PDF bytes with reportlab's canvas.

It makes no layout decision: it draws each span's characters at the positions layout gave,
in subset-embedded TrueType faces with Unicode maps (text can be copied out), adds bookmarks
for the headings, the document information and an open action (page 1, whole page). The
output is deterministic: dates come from the outline, the file ID from the content.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .. import outline
from ..layout.items import Page, Picture
from ..fonts.metrics import FontMetrics


def write_pdf(pages: list[Page], document: outline.Document, metrics: FontMetrics,
              parts: Sequence[tuple[int, str]] = ()) -> bytes:
    """`pages` drawn; `parts` (a volume's documents: the index in `pages` of each one's first
    page, and its title): a top-level bookmark per document, its headings nested under it."""
    rl_config.useA85 = 0  # binary streams: smaller and faster than ASCII85
    buffer = io.BytesIO()
    first_face = next(iter(metrics.used_faces)).key
    canvas = Canvas(buffer, pagesize=(pages[0].width, pages[0].height), invariant=True,
                    initialFontName=first_face, initialFontSize=16, pageCompression=1)
    _info(canvas, document)
    first_page = canvas._doc.thisPageRef()
    names: dict[tuple[str, int], str] = {}  # (face, subset) → the PDF font resource name
    starts = dict(parts)
    nested = 1 if parts else 0  # headings one level under their document's entry
    for position, page in enumerate(pages, 1):
        canvas.setPageSize((page.width, page.height))
        if position - 1 in starts:
            key = f"d{position}"
            canvas.bookmarkHorizontal(key, 0, page.height)
            canvas.addOutlineEntry(starts[position - 1], key, level=0, closed=False)
        for picture in page.pictures:  # under the text (a seal), or where no text is (a figure)
            _picture(canvas, picture, page.height)
        for index, line in enumerate(page.lines):
            if line.level:
                key = f"p{position}-l{index}"
                canvas.bookmarkHorizontal(key, 0, page.height - line.spans[0].y + line.spans[0].size)
                canvas.addOutlineEntry(line.heading, key, level=line.level - 1 + nested,
                                       closed=False)
            for span in line.spans:
                _draw(canvas, span, page.height, metrics, names)
        for span in (s for line in page.lines for s in line.spans if s.mark):
            _revision_line(canvas, span, page.height, metrics)
        for x, top, bottom in page.bars:
            canvas.setStrokeColor(_rgb("0050C8"))
            canvas.setLineWidth(1.5)
            canvas.line(x, page.height - top, x, page.height - bottom)
        for rule in page.rules:
            canvas.setStrokeColor(_rgb(rule.color))
            canvas.setLineWidth(rule.width)
            y = page.height - rule.y
            canvas.line(rule.x0, y, rule.x1, y)
        canvas.setLineCap(2)  # square ends: a table's borders meet at closed corners
        for stroke in page.strokes:
            canvas.setStrokeColor(_rgb(stroke.color))
            canvas.setLineWidth(stroke.width)
            canvas.line(stroke.x0, page.height - stroke.y0, stroke.x1, page.height - stroke.y1)
        canvas.showPage()
    catalog = canvas._doc._catalog
    catalog.OpenAction = PDFArray([first_page, PDFName("Fit")])  # page 1, whole page
    catalog.setPageLayout("SinglePage")
    canvas.showOutline()
    canvas.save()
    return buffer.getvalue()


def _draw(canvas: Canvas, span, page_height: float, metrics: FontMetrics,
          names: dict[tuple[str, int], str]) -> None:
    """A span as one text object. The spacing most characters share (tracking plus
    justification) is set once as character spacing (Tc); characters whose spacing differs get
    a kerning adjustment in the TJ array, so every x stays exact. reportlab splits CJK text into
    font subsets of 256 glyphs: each subset's run is placed at its first character's x."""
    font = metrics.font(span.face)
    doc = canvas._doc
    size, text, xs = span.size, span.text, span.xs
    scale = size / 1000
    # spacing after each character beyond its glyph's advance (none after the last)
    spacing = [b - a - metrics.advance_units(span.face, ch) * scale
               for a, b, ch in zip(xs, xs[1:], text)]
    common = spacing[0] if spacing else 0.0
    adjust = {i: (common - v) / scale for i, v in enumerate(spacing) if abs(v - common) >= 0.001}
    fill = "" if span.color == "000000" else "{:.3f} {:.3f} {:.3f} rg ".format(*_rgb(span.color))
    cos, sin = _turn(span.turn)
    ops = [f"{'q ' if fill else ''}BT {fill}{common:.3f} Tc {cos:g} {-sin:g} {sin:g} {cos:g} "
           f"{xs[0]:.3f} {page_height - span.y:.3f} Tm"]
    start = line_start = 0
    for subset, codes in font.splitString(text, doc):
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


def _revision_line(canvas: Canvas, span, page_height: float, metrics: FontMetrics) -> None:
    """Under an insertion, through a deletion, in the span's colour."""
    last = metrics.advance_units(span.face, span.text[-1]) * span.size / 1000
    x0, x1 = span.xs[0], span.xs[-1] + last
    under = span.mark in ("ins", "moveTo")  # insertions underlined, deletions struck through
    y = span.y + 0.12 * span.size if under else span.y - 0.3 * span.size
    canvas.setStrokeColor(_rgb(span.color))
    canvas.setLineWidth(0.8)
    canvas.line(x0, page_height - y, x1, page_height - y)


def _rgb(color: str) -> tuple[float, float, float]:
    return tuple(int(color[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _info(canvas: Canvas, document: outline.Document) -> None:
    canvas.setTitle("".join(document.title))
    canvas.setAuthor(document.author)
    canvas.setSubject(document.subtitle or "")
    canvas.setCreator("gongwen-typeset")
    canvas.setProducer("gongwen-typeset (reportlab)")
    day = document.date or (document.publication.date if document.publication else None)
    stamp = f"D:{day:%Y%m%d}000000+08'00'" if day else "D:20000101000000+00'00'"
    canvas.setDateFormatter(lambda *_: stamp)

"""The PDF writer: laid-out pages → PDF bytes with reportlab's canvas.

It makes no layout decision: it draws each span's characters at the positions layout gave,
in subset-embedded TrueType faces with Unicode maps (text can be copied out), adds bookmarks
for the headings, the document information and an open action (page 1, whole page). The
output is deterministic: dates come from the outline, the file ID from the content.
"""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfdoc import PDFArray, PDFName
from reportlab.pdfgen.canvas import Canvas

from .. import outline
from ..layout.items import Page
from .metrics import FontMetrics


def write_pdf(pages: list[Page], document: outline.Document, metrics: FontMetrics) -> bytes:
    buffer = io.BytesIO()
    first_face = next(iter(metrics.used_faces)).key
    canvas = Canvas(buffer, pagesize=(pages[0].width, pages[0].height), invariant=True,
                    initialFontName=first_face, initialFontSize=16, pageCompression=1)
    _info(canvas, document)
    first_page = canvas._doc.thisPageRef()
    for page in pages:
        canvas.setPageSize((page.width, page.height))
        for index, line in enumerate(page.lines):
            if line.level:
                key = f"p{page.number}-l{index}"
                canvas.bookmarkHorizontal(key, 0, page.height - line.spans[0].y + line.spans[0].size)
                canvas.addOutlineEntry(line.heading, key, level=line.level - 1, closed=False)
            for span in line.spans:
                _draw(canvas, span, page.height)
        canvas.showPage()
    catalog = canvas._doc._catalog
    catalog.OpenAction = PDFArray([first_page, PDFName("Fit")])  # page 1, whole page
    catalog.setPageLayout("SinglePage")
    canvas.showOutline()
    canvas.save()
    return buffer.getvalue()


def _draw(canvas: Canvas, span, page_height: float) -> None:
    """Characters at their own x positions: one text object per span, each character placed
    with a cursor move, so justification and autospacing stay exact."""
    text = canvas.beginText()
    text.setFont(span.face, span.size)
    y = page_height - span.y
    previous = None
    for ch, x in zip(span.text, span.xs):
        if previous is None:
            text.setTextOrigin(x, y)
        else:
            text.moveCursor(x - previous, 0)
        text.textOut(ch)
        previous = x
    canvas.drawText(text)


def _info(canvas: Canvas, document: outline.Document) -> None:
    canvas.setTitle("".join(document.title))
    canvas.setAuthor(document.author)
    canvas.setSubject(document.subtitle or "")
    canvas.setCreator("gongwen-typeset")
    canvas.setProducer("gongwen-typeset (reportlab)")
    day = document.date or (document.publication.date if document.publication else None)
    stamp = f"D:{day:%Y%m%d}000000+08'00'" if day else "D:20000101000000+00'00'"
    canvas.setDateFormatter(lambda *_: stamp)

"""Seal images in the .docx: each picture layout placed for a `Stamp`, anchored to the page at
the same place and size (behind the text, no wrapping) in the 署名's paragraph, so that Word
and LibreOffice draw it where the PDF does."""

from __future__ import annotations

from docx.oxml.ns import qn

from ..layout.items import Typeset
from .ooxml import anchored_picture

FIRST_ID = 1000  # drawing ids: clear of any other drawing's


def anchor_stamp(part, paragraph, typeset: Typeset, block: int) -> None:
    """Append the block's pictures as anchored runs to `paragraph` (a w:p on their page)."""
    pictures = [p for page in typeset.pages for p in page.pictures if p.block == block]
    if paragraph is None or not pictures:
        return
    for number, picture in enumerate(pictures, FIRST_ID + block * 100):
        run = anchored_picture(part, picture.data, picture.x, picture.top, picture.width,
                               picture.height, number, picture.name or f"Seal {number}",
                                 picture.alt)
        paragraph.append(run)
    assert paragraph.tag == qn("w:p")

"""Electronic seals (电子印章) over the 署名 and 成文日期 (GB/T 9704 §7.3.5.1), and the 签名章
(§7.3.5.3): the blank rows a seal needs, joint issuers' 署名 in rows under their seals, and the
`Stamp` block that tells layout where each image goes.

The rules chosen (docs/outline.md, "Seal images"):
- a seal is centred on the date's centre (the 署名 is centred there too) and on the middle of
  its 署名's row: the 署名 and the date below it then sit in the seal's lower half, their middle
  half a row below the seal's centre;
- above the first 署名 row, the fewest blank rows (at least one) that keep the seal off the
  text: its top then lies within one line below the text (2 rows for 30.7–51 mm, as the sealed
  closing always had; 3 for a bigger seal, 1 for a smaller one);
- joint issuers: at most two seals a row, one pitch apart (the wider of the seal and the two
  names beside each other, plus one character, so neither seals nor names touch), each row's
  last seal on the date's centre; earlier issuers fill the upper rows; rows are the fewest whole
  grid rows apart that keep seals from touching; each 署名 centred under its seal.
"""

from __future__ import annotations

import math

from .. import outline
from ..errors import ContentError
from ..style import Style
from ..units import image_points, length
from .blocks import BLANK, Element, Para, Run, SealImage, Stamp
from .body import chinese_date
from .nominal import set_width

PER_ROW = 2  # seals in one row at most


def image_size(image: outline.Image, stated: str | None) -> tuple[float, float]:
    """Width and height in points: the stated width (the aspect kept), else the image's DPI."""
    columns, rows = image.pixels
    if stated is not None:
        width = length(stated)
        return width, width * rows / columns
    assert image.dpi is not None  # the loader refuses an image with neither
    return image_points(columns, image.dpi[0]), image_points(rows, image.dpi[1])


def blank_rows(height: float, style: Style) -> int:
    """Blank rows between the text and a 署名 row whose middle a seal `height` high is centred
    on: the fewest (at least one) that keep the seal's top below the text."""
    pitch = style.grid_pitch
    return max(1, math.ceil((height - pitch) / (2 * pitch) - 1e-9))


def date_centre(document: outline.Document, style: Style) -> float:
    """The centre of the 成文日期 set 右空四字, from the type area's left."""
    size = style.element("signature").size
    date = chinese_date(document.date)
    return style.page.set_text_width - 4 * style.advance(size) - set_width(date, style, size) / 2


def sizes(seal: outline.Seal) -> list[tuple[float, float]]:
    return [image_size(image, seal.diameter) for image in seal.files]


def joint_sealed(document: outline.Document, style: Style) -> list[Para]:
    """Joint issuers with seal images: the 署名 in rows under their seals, the date 右空四字."""
    seal = document.seal
    assert isinstance(seal, outline.Seal)
    size = style.element("signature").size
    em = style.advance(size)
    width = style.page.set_text_width
    heights = [h for _, h in sizes(seal)]
    flow = [BLANK] * blank_rows(heights[0], style)
    for number, row in enumerate(_rows(document, style)):
        if number:
            flow += [BLANK] * (_row_gap(max(heights), style) - 1)
        for index, name, centre in row:
            half = set_width(name, style, size) / 2
            if centre - half < -0.01 or centre + half > width + 0.01:
                raise ContentError(("issuers", index),
                                   f"issuers: the 署名 “{name}” does not fit under its seal in "
                                   "the type area; give a shorter name (规范化简称)")
        (_, name, centre), tab = row[0], row[1:]
        flow.append(Para(Element.SIGNATURE, (Run(name),),
                         left=centre - set_width(name, style, size) / 2,
                         tab=tuple(Run(n) for _, n, _ in tab),
                         tab_at=tab[0][2] - set_width(tab[0][1], style, size) / 2 if tab
                         else None))
    flow.append(Para(Element.DATE, (Run(chinese_date(document.date)),), right=4 * em))
    return flow


def _pitch(document: outline.Document, style: Style) -> float:
    """Centre to centre: the wider of the seal and two neighbouring names, plus a character."""
    size = style.element("signature").size
    seal = document.seal
    assert isinstance(seal, outline.Seal)
    widest = max(w for w, _ in sizes(seal))
    names = [set_width(name, style, size) for name in document.issuers]
    pairs = [(a + b) / 2 for a, b in zip(names, names[1:])]
    return max([widest, *pairs]) + style.advance(size)


def _rows(document: outline.Document, style: Style) -> list[list[tuple[int, str, float]]]:
    """The issuers in rows of at most two (as many as fit left of the date's centre, one pitch
    apart), earlier rows full, each row ending on the date's centre."""
    seal = document.seal
    assert isinstance(seal, outline.Seal)
    centre, pitch = date_centre(document, style), _pitch(document, style)
    widest = max(w for w, _ in sizes(seal))
    fits = 2 if centre - pitch - widest / 2 >= 0 else 1
    per_row = min(PER_ROW, fits)
    numbered = list(enumerate(document.issuers))
    groups = [numbered[i:i + per_row] for i in range(0, len(numbered), per_row)]
    return [[(index, name, centre - (len(group) - 1 - k) * pitch)
             for k, (index, name) in enumerate(group)] for group in groups]


def _row_gap(height: float, style: Style) -> int:
    """Grid rows from one row of seals to the next: the fewest that keep them apart."""
    return math.floor(height / style.grid_pitch) + 1


def stamp(document: outline.Document, style: Style) -> list[Stamp]:
    """The seal images' block, after the closing: none without images."""
    seal, signer = document.seal, document.signer
    if isinstance(seal, outline.Seal) and seal.files:
        measured = sizes(seal)
        names = [seal.image] if seal.image else seal.images
        if len(document.issuers) == 1:
            (w, h), = measured
            return [Stamp((SealImage(seal.files[0].data, w, h,
                                     date_centre(document, style), 1, names[0],
                                     f"{document.issuers[0]}印章"),))]
        rows = _rows(document, style)
        gap = _row_gap(max(h for _, h in measured), style)
        places = [(centre, 1 + (len(rows) - 1 - r) * gap)
                  for r, row in enumerate(rows) for _, _, centre in row]
        return [Stamp(tuple(SealImage(image.data, w, h, centre, above, name, f"{issuer}印章")
                            for image, name, (w, h), (centre, above), issuer
                            in zip(seal.files, names, measured, places, document.issuers)))]
    if document.seal_kind == "signature" and signer is not None and signer.file is not None:
        w, h = image_size(signer.file, signer.width)
        size = style.element("signer").size
        centre = (style.page.set_text_width - 4 * style.advance(size)
                  - set_width(signer.name, style, size) / 2)
        return [Stamp((SealImage(signer.file.data, w, h, centre, 2, signer.image or "",
                                 f"{signer.title}{signer.name}签名章"),))]
    return []

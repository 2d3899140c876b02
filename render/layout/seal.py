"""Seal images on the page (GB/T 9704 §7.3.5): each `SealImage` of a `Stamp` centred `centre`
points from the type area's left and on the middle of the grid row `above` rows over the
成文日期's line, behind the text. Layout runs this after the closing is set, so the date's line
is where it stays."""

from __future__ import annotations

from ..compose.blocks import Element, Stamp
from .items import Page, Picture


def place_stamp(pages: list[Page], left: float, top: float, pitch: float, stamp: Stamp,
                block: int) -> None:
    """`left` and `top`: the type area's left edge and its first grid row's top."""
    for page in reversed(pages):
        dates = [line for line in page.lines if line.kind == Element.DATE.value and line.row >= 0]
        if dates:
            row = dates[-1].row
            break
    else:
        return  # no date set: nothing to press a seal on (the loader requires one)
    for image in stamp.images:
        middle = top + (row - image.above) * pitch + pitch / 2
        page.pictures.append(Picture(left + image.centre - image.width / 2,
                                     middle - image.height / 2, image.width, image.height,
                                     image.data, behind=True, block=block,
                                     name=image.name, alt=image.alt))

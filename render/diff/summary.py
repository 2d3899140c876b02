"""The last page of a review copy (花脸稿): what changed in the fields, and how many sections and
paragraphs were added, removed, changed or moved."""

from __future__ import annotations

from ..compose.blocks import BLANK, Element, Para, Run
from ..style import Style
from .report import CHANGE_NAMES, _field_line
from .structure import Difference


def summary_blocks(difference: Difference, style: Style) -> list[Para]:
    flow = [Para(Element.TITLE, (Run("修改情况说明"),)), BLANK]
    if difference.fields:
        flow.append(Para(Element.HEADING, (Run("一、要素修改"),), 1))
        flow += [Para(Element.BODY, (Run(_field_line(change, False)),))
                 for change in difference.fields]
    counts: dict[str, int] = {}
    for block in difference.blocks:
        counts[block.change] = counts.get(block.change, 0) + 1
    if counts:
        flow.append(Para(Element.HEADING, (Run(("二" if difference.fields else "一") + "、正文修改"),),
                           1))
        flow.append(Para(Element.BODY, (Run("，".join(f"{CHANGE_NAMES[k]}{v}处"
                                                for k, v in counts.items()) + "。"),)))
        flow.append(Para(Element.BODY, (Run("正文中插入的文字以蓝色下划线标示，删除的文字以红色删除线标示，"
                                      "左侧竖线标示有修改的行。"),)))
    if difference.equal:
        flow.append(Para(Element.BODY, (Run("两个版本没有差异。"),)))
    return flow

"""The web page above a document: navigation bars, bullet labels and the metadata table of a
gov.cn 信息公开 page (索引号：…　发布机构：…), dropped as page chrome; what the table says
(文号, 发布机构, 发布日期) is kept for the recogniser to use where the text says nothing."""

from __future__ import annotations

import datetime as dt

from . import patterns
from .lines import Line
from .report import Report

FRONT_WINDOW = 12  # page chrome of this kind is looked for among this many first lines

PageTable = dict[str, tuple[str, Line]]  # label → (value, the line it stands on)


def strip_front(kept: list[Line], report: Report) -> tuple[list[Line], PageTable]:
    """The lines without the page's chrome on top (up to the first sentence), and the
    信息公开 table's non-empty fields."""
    out: list[Line] = []
    table: PageTable = {}
    top = True
    for index, line in enumerate(kept):
        fields = patterns.page_fields(line.text) if top and index < FRONT_WINDOW else None
        if fields is not None:
            report.drop(line, f"page chrome (the 信息公开 table: {'、'.join(fields)})")
            for label, value in fields.items():
                if value:
                    table.setdefault(label, (value, line))
        elif top and index < FRONT_WINDOW and patterns.is_front_chrome(line.text):
            report.drop(line, "page chrome")
        else:
            top = top and not patterns.ends_sentence(line.text)
            out.append(line)
    return out, table


def table_source(table: PageTable) -> tuple[str, Line] | None:
    """The publishing body the table names (发布机构), if any."""
    return table.get("发布机构")


def table_date(table: PageTable) -> dt.date | None:
    """The page's publication date: 发布日期, else 生成日期 (the day the page was made)."""
    for label in ("发布日期", "生成日期"):
        value = table.get(label)
        when = value and patterns.date(value[0])
        if when:
            return when
    return None


def table_doc_number(table: PageTable) -> tuple[str, Line] | None:
    """The 发文字号 the table gives (文号：濮政办〔2011〕19号), spaces removed, if it is one."""
    for label in ("文号", "发文字号"):
        value = table.get(label)
        number = value and patterns.doc_number(value[0])
        if number:
            return number, value[1]
    return None

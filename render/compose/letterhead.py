"""版头 and 标题 in the flow (GB/T 9704 §7.2, §7.3.1): where each part goes, as rows of the grid
and off-grid paragraphs whose heights add up to whole rows.

    rows 0–2   份号, 密级和保密期限, 紧急程度 (stacked, top left; blank rows where absent: as
               many rows as fit above the mark)
    rows 3–    发文机关标志: its top edge `mark.top` (35 mm) below the type area's top, red 小标宋,
               shrunk to fit the type area; joint issuers stacked, 文件 beside them
    then       two blank rows, the 发文字号 (centred; left, with 签发人 right, for upward
               documents) and the red rule `rule.gap` (4 mm) under it, in two rows; several
               签发人 lines stand above it, exact lines of one row each
    then       two blank rows and the title (broken by `titles.title_lines`)

Positions are computed from the style alone, so the .docx and the PDF get the same numbers.
"""

from __future__ import annotations

import math

from .. import outline
from ..errors import ContentError
from ..geometry import DESCENT, EXACT_ASCENT, INK_TOP
from ..style import Style
from .blocks import (
    BLANK,
    Block,
    Element,
    JointMark,
    OffGrid,
    PageMark,
    PageRule,
    Para,
    RuleSpec,
    Run,
)
from .nominal import text_width


def page_one_header(document: outline.Document, style: Style) -> outline.Header | None:
    """The 版头 page 1 carries: the outline's `header:`; without one, a style whose page 1 has a
    版头 (`letterhead: true`) makes it from `issuers`, with the style's `mark_suffix`. A 版头 with
    no issuer to name in its 发文机关标志 is refused, naming the key to give."""
    header = document.header
    if header is None:
        if not style.letterhead:
            return None
        header = outline.Header(mark_suffix=style.mark_suffix)
    if not (header.issuers or document.issuers):
        where = "header" if document.header is not None else "issuers"
        raise ContentError((where,), f"{where}: the style {style.path.stem} prints a 版头 whose "
                           "发文机关标志 names the issuer, and neither header.issuers nor "
                           "issuers is given; give `issuers:`, or use a style without a 版头 "
                           "(style: material)")
    return header


def letterhead(document: outline.Document, style: Style) -> list[Block]:
    header = page_one_header(document, style)
    if header is None:
        return []
    _check_corner(header, style)
    if style.format == "letter":
        return letter_head(document, header, style)
    printed = header.letterhead == "printed"
    flow: list[Block] = list(_corner(header))
    # the rows above the mark: as many as fit above its top edge (3 for 35 mm), or more when
    # 份号, 密级 and 紧急程度 need them
    mark_top = style.element("mark").top or 0.0
    flow += [BLANK] * (int(mark_top // style.grid_pitch) - len(flow))
    issuers = header.issuers or document.issuers
    if issuers:
        flow.append(_mark(issuers, header.mark_suffix or "", style, printed, len(flow),
                          document.mark_key))
    if style.format == "order":  # 命令: the 令号 centred two lines below the mark, no rule
        _fits_line(header.order_number or "", ("header", "order_number"), "order_number (令号)",
                   style)
        flow += [BLANK] * style.element("doc_number").lines_before
        flow.append(Para(Element.DOC_NUMBER, (Run(header.order_number or ""),)))
        return flow
    flow += [BLANK] * style.element("doc_number").lines_before
    flow += _doc_number(header, style, printed)
    return flow


def _mark(issuers: list[str], suffix: str, style: Style, printed: bool, row: int,
          key: tuple = ("issuers",)) -> OffGrid | JointMark:
    """The 发文机关标志 as one off-grid paragraph: one line per issuer; with several issuers the
    suffix (文件) stands beside the stacked names."""
    element = style.element("mark")
    width = style.page.text_width
    cells = max(text_width(name, 1) for name in issuers)
    if len(issuers) == 1:
        cells += text_width(suffix, 1)
    elif suffix:
        cells += 1 + text_width(suffix, 1)
    size = _shrunk(issuers, cells, width, style, key)
    line = size * (1.0 if len(issuers) == 1 else 1.15)
    pitch = style.grid_pitch
    block_top = row * pitch + grid_offset(style)
    baseline = (element.top or 0.0) + INK_TOP * size
    before = max(0.0, baseline - EXACT_ASCENT * line - block_top)
    rows = math.ceil((before + len(issuers) * line) / pitch - 1e-6)
    if not printed:  # pre-printed paper: keep the space, print nothing
        return OffGrid(Element.MARK, (), exact=line, rows=rows, before=before, size=size)
    if len(issuers) == 1:
        return OffGrid(Element.MARK, (Run(issuers[0] + suffix),), exact=line, rows=rows,
                       before=before, size=size)
    names = tuple(Run(name) for name in issuers)
    tab = (Run(suffix),) if suffix else ()
    # two columns, as the .docx's table has them: the names (one point wider than the longest),
    # the suffix one character wider than it
    names_width = max(text_width(name, size) for name in issuers) + 1
    suffix_width = text_width(suffix, size) + size if suffix else 0.0
    return JointMark(names, tab, size, line, before, rows, names_width, suffix_width)


def _shrunk(issuers: list[str], cells: float, room: float, style: Style, key: tuple) -> float:
    """The mark's size: the style's, shrunk (in half points) so that `cells` characters fit
    `room`; a mark that would have to be smaller than the body text is refused, naming its
    longest name."""
    size = min(style.element("mark").size, math.floor(room / cells * 2) / 2)
    if size < style.element("body").size:
        longest = max(range(len(issuers)), key=lambda i: text_width(issuers[i], 1))
        raise ContentError(key + (longest,),
                           f"{key[0]}: the 发文机关标志 “{issuers[longest]}” is too long for the "
                           "type area even at the size of the body text; use the "
                           "规范化简称")
    return size


def _doc_number(header: outline.Header, style: Style, printed: bool) -> list[Para | OffGrid]:
    """发文字号 (and 签发人) in two rows, the red rule `gap` under the 发文字号."""
    element = style.element("doc_number")
    rule_element = style.element("rule")
    rule = RuleSpec(rule_element.gap, rule_element.line_width, rule_element.color) if printed \
        else None
    pitch = style.grid_pitch
    number = (Run(header.doc_number),) if header.doc_number else ()
    if not header.signers:
        _fits_line(header.doc_number or "", ("header", "doc_number"), "doc_number (发文字号)",
                   style)
        return [OffGrid(Element.DOC_NUMBER, number, exact=pitch, rows=2, rule=rule)]
    # Upward documents: 发文字号 左空一字, 签发人 右空一字 on the same line as the last signer;
    # two signers a line, later lines aligned with the first name of the line above.
    em = style.advance(element.size)
    label = "签发人："
    pairs = [header.signers[i:i + 2] for i in range(0, len(header.signers), 2)]
    texts = ["　".join(pair) for pair in pairs]
    # the names' lines start at one place, the widest ending 右空一字
    widest = max(range(len(texts)), key=lambda i: text_width(texts[i], em))
    name_x = style.page.text_width - em - text_width(texts[widest], em)
    if name_x - text_width(label, em) < em:
        raise ContentError(("header", "signers", 2 * widest),
                           f"header: the 签发人 line “{label}{texts[widest]}” does not fit 左空一字 "
                           "and 右空一字; give one name a line or shorter names")
    last_x = name_x - (text_width(label, em) if len(texts) == 1 else 0.0)
    if header.doc_number and 2 * em + text_width(header.doc_number, em) > last_x:
        raise ContentError(("header", "doc_number"),
                           f"header: doc_number (发文字号) “{header.doc_number}” does not fit "
                           "beside the 签发人 on its line (GB/T 9704 §7.2.6); give a shorter "
                           "发文字号")
    # “签发人：” in the 发文字号's 仿宋, the names in 楷体 (§7.2.6), on every line
    label_run = Run(label, role=element.font.role)
    names_role = style.element("signers").font.role
    flow: list[Para | OffGrid] = []
    for index, text in enumerate(texts):
        names = Run(text, role=names_role)
        tab = (label_run, names) if index == 0 else (names,)
        tab_x = name_x - (text_width(label, em) if index == 0 else 0.0)
        if index < len(texts) - 1:
            # an exact line of one row, as the 发文字号's below it: both engines set it one
            # pitch above that line (on the grid, LibreOffice sets a line of Chinese only
            # lower than one with Latin digits, as the 发文字号's)
            flow.append(OffGrid(Element.SIGNERS, (), exact=pitch, rows=1, left=em, first=0.0,
                                tab=tab, tab_at=tab_x, align="left"))
        else:  # the 发文字号 shares the last 签发人 line, with the red rule under both: its
            # 空一字 a first-line indent, as the rule (a border) starts at the left indent
            flow.append(OffGrid(Element.DOC_NUMBER, number, exact=pitch, rows=2, rule=rule,
                                left=0.0, first=em, tab=tab, tab_at=tab_x, align="left"))
    return flow


def _fits_line(text: str, key: tuple, what: str, style: Style, room: float | None = None,
               kind: str = "doc_number") -> None:
    """A 版头 line is one line: longer text would take rows the 版头 does not have."""
    size = style.element(kind).size
    em = style.advance(size)
    room = style.page.text_width if room is None else room
    if text_width(text, em) + size - em > room:  # the last character keeps its tracking
        raise ContentError(key, f"header: {what} “{text}” does not fit on one line "
                                f"(at most {int(room // em)} characters)")


def _check_corner(header: outline.Header, style: Style) -> None:
    """份号, 密级★保密期限 and 紧急程度 are one line each, on the rows above the mark."""
    level = header.classification
    if level and level.period:
        _fits_line(level.level + "★" + level.period, ("header", "classification", "period"),
                   "classification (密级和保密期限)", style, kind="classification")


def grid_offset(style: Style) -> float:
    """How far the first grid row starts below the type area's top: the rows are centred."""
    return (style.page.text_height - style.lines * style.grid_pitch) / 2


def letter_head(document: outline.Document, header: outline.Header, style: Style
                ) -> list[Block]:
    """信函格式 (§10.1): the mark and the first double line at heights from the paper's top, the
    lower double line above the paper's bottom; 份号, 密级, 紧急程度 flush left and the 发文字号
    flush right on the grid rows 7/8 of a 三号 character under the first line."""
    printed = header.letterhead == "printed"
    mark, rule = style.element("mark"), style.element("rule")
    issuers = header.issuers or document.issuers
    # a 信函's mark is the issuer's name (规范化简称 allowed) without 文件
    suffix = header.mark_suffix if header.mark_suffix not in (None, "文件") else ""
    size = mark.size
    if issuers:
        cells = max(text_width(name + (suffix if len(issuers) == 1 else ""), 1)
                    for name in issuers)
        # as wide as the type area at most (the double lines may be wider)
        room = min(rule.length or style.page.text_width, style.page.text_width)
        size = _shrunk(issuers, cells, room, style, document.mark_key)
    top = style.page.margin_top + (mark.top or 0.0)
    baseline = top + INK_TOP * size + (len(issuers) - 1) * size
    line_y = baseline + DESCENT * size + rule.gap
    length = rule.length or style.page.text_width
    flow: list[Block] = []
    if printed:
        for index, name in enumerate(issuers):
            flow.append(PageMark((Run(name + suffix),), top + index * size, size, mark.color))
        flow.append(PageRule(line_y, rule.line_width, rule.thin_width, True, length,
                             rule.color))
        flow.append(PageRule(style.page.height - (rule.bottom or 0.0), rule.line_width,
                             rule.thin_width, False, length, rule.color))
    # the first grid row whose top lies 7/8 of a 三号 character (14 pt) under the line
    first = math.ceil((line_y + 14 - style.page.margin_top - grid_offset(style))
                      / style.grid_pitch - 1e-6)
    flow += [BLANK] * max(0, first)
    left = _corner(header)
    number = (Run(header.doc_number),) if header.doc_number else ()
    if not left:
        left.append(BLANK)
    if header.doc_number:
        em = style.advance(style.element("doc_number").size)
        beside = left[0].text
        room = style.page.text_width - (text_width(beside, em) + em if beside else 0.0)
        _fits_line(header.doc_number, ("header", "doc_number"), "doc_number (发文字号)", style,
                   room)
    element = left[0].element if left[0].element != Element.BLANK else Element.DOC_NUMBER
    left[0] = Para(element, left[0].runs, tab=number, left=0.0, first=0.0)
    return flow + left


def _corner(header: outline.Header) -> list[Para]:
    """份号 (6 digits), 密级★保密期限, 紧急程度: stacked in that order, flush left."""
    corner = []
    if header.copy_number:
        corner.append(Para(Element.COPY_NUMBER, (Run(header.copy_number.zfill(6)),)))
    if header.classification:
        level = header.classification
        text = level.level + (f"★{level.period}" if level.period else "")
        corner.append(Para(Element.CLASSIFICATION, (Run(text),)))
    if header.urgency:
        corner.append(Para(Element.URGENCY, (Run(header.urgency),)))
    return corner

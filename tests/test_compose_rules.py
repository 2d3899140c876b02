"""Composition's rules, one at a time (fast: no fonts, no LibreOffice): the blocks that
render/compose makes for small outlines, checked against GB/T 9704's wording rather than a
golden dump, so that a broken rule names itself. benchmarks/mutation.md lists what they kill."""

from __future__ import annotations

import dataclasses

import pytest

from render.compose import compose
from render.compose.blocks import BLANK, Element, JointMark, OffGrid, PageRule, Para
from render.compose.closing import imprint
from render.compose.letterhead import grid_offset
from render.compose.titles import break_title, title_lines
from render.compose.nominal import text_width
from render.errors import ContentError
from render.layout.breaking import EvenMetrics
from render.layout.pages import typeset
from render.load import load_text
from render.style import load_style

BODY = "body:\n  - 正文。\n"
HEAD = "header:\n  doc_number: 青工信发〔2023〕12号\n"


def outline(text: str):
    document = load_text(text)
    return document, load_style(document.style)


def blocks(text: str):
    document, style = outline(text)
    return compose(document, style), style


def em(style, element: str = "body") -> float:
    return style.advance(style.element(element).size)


def of(flow, element: Element) -> list[Para]:
    return [b for b in flow if isinstance(b, Para) and b.element == element]


# -- title ---------------------------------------------------------------------------------------

LONG_TITLE = "青岛市工业和信息化局关于开展2023年度制造业单项冠军企业培育遴选工作的通知"


def kinds(flow) -> list[Element]:
    return [block.element for block in flow]


def test_long_title_is_broken_into_lines_no_longer_below_than_above():
    _, style = outline(f"title: {LONG_TITLE}\n{BODY}")
    lines = title_lines([LONG_TITLE], style)
    capacity = style.page.text_width / style.element("title").size
    assert len(lines) == 2 and "".join(lines) == LONG_TITLE
    widths = [text_width(line, 1) for line in lines]
    assert all(w <= capacity for w in widths)
    assert widths[1] <= widths[0]  # 上长下短, never 上短下长
    assert lines == ["青岛市工业和信息化局关于开展2023年度", "制造业单项冠军企业培育遴选工作的通知"]
    flow, _ = blocks(f"title: {LONG_TITLE}\nissuers: [某局]\n{BODY}")
    assert [p.text for p in of(flow, Element.TITLE)] == lines


def test_title_kept_as_the_author_broke_it_and_short_title_on_one_line():
    _, style = outline(f"title: 标题\n{BODY}")
    assert title_lines(["关于", "某事的通知"], style) == ["关于", "某事的通知"]
    assert title_lines(["关于某事的通知"], style) == ["关于某事的通知"]


def test_title_breaking_shapes():
    # a diamond (short–long–short) is allowed for three lines; lines never exceed capacity
    for title in ("关于" + "某" * 50 + "的通知", "一" * 45, "的" * 61):
        lines = break_title(title, 20.0)
        widths = [text_width(line, 1) for line in lines]
        assert "".join(lines) == title and max(widths) <= 20.0
        assert all(b <= a for a, b in zip(widths, widths[1:])) or (
            len(widths) == 3 and widths[1] > widths[0] and widths[1] > widths[2])
    assert break_title("一" * 30, 20.0) == ["一" * 15, "一" * 15] or \
        text_width(break_title("一" * 30, 20.0)[0], 1) >= 15


def test_title_stands_lines_before_under_the_red_rule_and_lines_after_above_the_text():
    flow, style = blocks(f"{HEAD}title: 标题\nissuers: [某局]\n{BODY}")
    title = style.element("title")
    rule = next(i for i, b in enumerate(flow) if isinstance(b, OffGrid) and b.rule)
    first = next(i for i, b in enumerate(flow) if isinstance(b, Para) and b.element == Element.TITLE)
    assert flow[rule + 1:first] == [BLANK] * title.lines_before == [BLANK, BLANK]
    assert flow[first + 1:first + 1 + title.lines_after] == [BLANK] * title.lines_after
    assert flow[first + 1 + title.lines_after].element == Element.BODY


def test_subtitle_follows_the_title():
    flow, _ = blocks(f"title: 标题\nsubtitle: 副标题\nissuers: [某局]\n{BODY}")
    first = flow.index(of(flow, Element.TITLE)[0])
    kinds = [b.element for b in flow[first:first + 3]]
    assert kinds == [Element.TITLE, Element.SUBTITLE, Element.BLANK]
    assert flow[first + 1].text == "副标题"


# -- 版头 ------------------------------------------------------------------------------------------


def test_doc_number_takes_two_rows_with_the_red_rule_gap_under_it():
    flow, style = blocks(f"{HEAD}title: 标题\nissuers: [某局]\n{BODY}")
    (number,) = [b for b in flow if isinstance(b, OffGrid) and b.element == Element.DOC_NUMBER]
    rule = style.element("rule")
    assert number.rows == 2 and number.exact == style.grid_pitch
    assert number.rule.gap == rule.gap and number.rule.width == rule.line_width
    assert abs(rule.gap - 4 * 72 / 25.4) < 1e-6  # 4 mm


def test_mark_rows_hold_its_lines_and_keep_the_text_on_the_grid():
    flow, style = blocks(f"{HEAD}title: 标题\nissuers: [青岛市工业和信息化局]\n{BODY}")
    (mark,) = [b for b in flow if isinstance(b, OffGrid) and b.element == Element.MARK]
    pitch = style.grid_pitch
    assert mark.rows * pitch >= mark.before + mark.exact - 1e-6
    assert (mark.rows - 1) * pitch < mark.before + mark.exact
    # three rows above it (35 mm), the mark's ink top 35 mm under the type area's top
    assert flow[:3] == [BLANK] * 3


def test_unprinted_mark_keeps_the_printed_marks_space():
    text = f"header:\n  letterhead: {{}}\n  doc_number: 某发〔2023〕1号\ntitle: 标题\nissuers: [青岛市工业和信息化局]\n{BODY}"
    printed, _ = blocks(text.replace("  letterhead: {}\n", ""))
    blank, _ = blocks(text.replace("{}", "preprinted"))
    a, b = (next(x for x in flow if isinstance(x, OffGrid) and x.element == Element.MARK)
            for flow in (printed, blank))
    assert b.runs == () and a.runs
    assert (a.rows, a.before, a.exact, a.size) == (b.rows, b.before, b.exact, b.size)
    assert a.before > 0


def test_joint_mark_columns():
    names = ["青岛市工业和信息化局", "青岛市财政局"]
    flow, style = blocks(f"header:\n  issuers: {names}\n  doc_number: 某发〔2023〕1号\n"
                         f"title: 标题\nissuers: [某局]\n{BODY}".replace("'", ""))
    (mark,) = [b for b in flow if isinstance(b, JointMark)]
    assert mark.names_width == text_width(names[0], mark.size) + 1
    assert mark.suffix_width == text_width("文件", mark.size) + mark.size
    assert mark.exact == pytest.approx(mark.size * 1.15)
    assert mark.rows * style.grid_pitch >= mark.before + 2 * mark.exact - 1e-6


SIGNERS = "header:\n  doc_number: {number}\n  signers: [王建国]\ntitle: 标题\nissuers: [某局]\n" \
    + BODY


def test_doc_number_beside_the_signers_may_fill_its_room():
    """左空一字 with the 签发人 line 右空一字: a 发文字号 fits while its end stays an em short of
    the label (2 em: the left space and the gap)."""
    _, style = outline(SIGNERS.format(number="某〔2023〕5号"))
    e = em(style, "doc_number")
    last_x = style.page.text_width - e - text_width("王建国", e) - text_width("签发人：", e)
    tail = "〔2023〕5号"
    fits = int((last_x - 2 * e - text_width(tail, e)) // e + 1e-9)
    blocks(SIGNERS.format(number="某" * fits + tail))
    with pytest.raises(ContentError):
        blocks(SIGNERS.format(number="某" * (fits + 1) + tail))


def test_too_tall_head_messages_name_what_to_shorten():
    issuers = "".join(f"    - 青岛市第{i}局\n" for i in range(12))
    with pytest.raises(ContentError) as error:
        blocks(f"header:\n  issuers:\n{issuers}  doc_number: 某发〔2023〕5号\ntitle: 标题\n"
               f"issuers: [某局]\n{BODY}")
    assert "the 发文机关标志 of joint issuers with 12 names" in error.value.message
    signers = "".join(f"    - 王{chr(0x4e00 + i)}国\n" for i in range(30))
    with pytest.raises(ContentError) as error:
        blocks(f"header:\n  doc_number: 某〔2023〕5号\n  signers:\n{signers}title: 标题\n"
               f"issuers: [某局]\n{BODY}")
    assert "the 签发人 with 30 names" in error.value.message


# -- 信函 ------------------------------------------------------------------------------------------


LETTER = "style: letter\nheader:\n  doc_number: 青工信函〔2023〕45号\n{extra}title: 标题\n" \
         "issuers: {issuers}\n" + BODY


def test_letter_mark_size_counts_the_suffix_for_one_issuer_only():
    _, style = outline(LETTER.format(extra="", issuers="[某局]"))
    mark = style.element("mark")
    room = min(style.element("rule").length or style.page.text_width, style.page.text_width)
    n = int(room // mark.size)  # names of n characters fit at full size, with 函 they do not
    name = "青" * n
    flow, _ = blocks(LETTER.format(extra="  mark_suffix: 函\n", issuers=f"[{name}, 某局]"))
    sizes = {b.size for b in flow if type(b).__name__ == "PageMark"}
    assert sizes == {mark.size}
    flow, _ = blocks(LETTER.format(extra="  mark_suffix: 函\n", issuers=f"[{name}]"))
    sizes = {b.size for b in flow if type(b).__name__ == "PageMark"}
    assert sizes and max(sizes) < mark.size


def test_letter_doc_number_too_long_is_refused_by_name():
    with pytest.raises(ContentError) as error:
        blocks(LETTER.replace("青工信函〔2023〕45号", "青" * 40 + "〔2023〕45号").format(extra="", issuers="[某局]"))
    assert error.value.key == ("header", "doc_number")
    assert "doc_number (发文字号)" in error.value.message


def test_letter_first_row_lies_seven_eighths_of_a_sanhao_under_the_double_line():
    """The first grid row whose top lies at least 14 pt under the upper double line, with the
    line put just above a row's top (the rows' centring offset then decides it). Rows as
    composition counts them: from the margin plus the centring offset."""
    document, style = outline(LETTER.format(extra="", issuers="[某局]"))
    line_y = next(b.y for b in compose(document, style) if isinstance(b, PageRule))

    def row_top(r: int) -> float:
        return style.page.margin_top + grid_offset(style) + r * style.grid_pitch

    target = next(r for r in range(style.lines) if row_top(r) >= line_y + 14 + 1)
    shift = row_top(target) - (line_y + 14) - 0.01
    rule = dataclasses.replace(style.element("rule"), gap=style.element("rule").gap + shift)
    style = dataclasses.replace(style, elements={**style.elements, "rule": rule})
    flow = compose(document, style)
    line_y = next(b.y for b in flow if isinstance(b, PageRule))
    assert row_top(target) >= line_y + 14 > row_top(target - 1)
    pages = typeset(flow, style, EvenMetrics()).pages
    first = next(line for line in pages[0].lines if line.row >= 0 and line.kind != "blank")
    assert first.row == target


# -- the end of the document ---------------------------------------------------------------------


def test_attachment_note_hangs_the_names_under_their_first_character():
    flow, style = blocks(f"title: 标题\nissuers: [某局]\n{BODY}attachments:\n  - title: 甲表\n"
                         "    separate: true\n  - title: 乙表\n    separate: true\n")
    e = em(style, "attachment_note")
    notes = of(flow, Element.ATTACHMENT_NOTE)
    assert [n.text for n in notes] == ["附件：1．甲表", "2．乙表"]
    start = 2 * e
    assert notes[0].left == pytest.approx(start + 4.5 * e)  # 附件：1． (the digit half an em)
    assert notes[0].first == pytest.approx(-4.5 * e)
    assert notes[1].left == pytest.approx(start + 4.5 * e)
    assert notes[1].first == pytest.approx(-1.5 * e)  # the number under the number above
    i = flow.index(notes[0])
    assert kinds(flow[i - 1:i]) == [Element.BLANK]  # one line under the text
    flow, _ = blocks(f"title: 标题\nissuers: [某局]\n{BODY}attachments:\n  - title: 甲表\n"
                     "    separate: true\n")
    (one,) = of(flow, Element.ATTACHMENT_NOTE)
    assert one.text == "附件：甲表" and one.left == pytest.approx(start + 3 * e)


def test_signature_seal_right_space_four():
    flow, style = blocks(f"title: 标题\n{BODY}date: 2023-03-01\nseal: signature\n"
                         "issuers: [某局]\nsigner:\n  title: 局长\n  name: 张三\n")
    e = em(style, "signer")
    (signer,) = of(flow, Element.SIGNER)
    (date,) = of(flow, Element.DATE)
    assert signer.right == pytest.approx(4 * e) and date.right == pytest.approx(4 * e)
    assert [r.text for r in signer.runs] == ["局长", "　　", "张三"]
    i, j = flow.index(signer), flow.index(date)
    assert kinds(flow[i - 2:i]) == [Element.BLANK] * 2 and kinds(flow[i + 1:j]) == [Element.BLANK]


def test_sealed_signature_has_one_more_blank_line_for_the_seal():
    """Where the 署名 stands on its line: tests/test_signature_position.py, in the plan."""
    text = f"title: 标题\n{BODY}date: 2023-03-01\nseal: seal\nissuers: [某局, 青岛市工业和信息化局]\n"
    flow, style = blocks(text)
    first = flow.index(of(flow, Element.SIGNATURE)[0])
    lines = style.element("signature").lines_before + 1  # one more for the seal
    assert kinds(flow[first - lines:first]) == [Element.BLANK] * lines
    assert flow[first - lines - 1].element != Element.BLANK


def test_sealed_name_too_long_is_refused_naming_it():
    name = "青" * 30
    with pytest.raises(ContentError) as error:
        blocks(f"title: 标题\n{BODY}date: 2023-03-01\nseal: seal\nissuers: [{name}]\n")
    assert error.value.key == ("issuers", 0) and name in error.value.message


def test_date_alone_right_space_two():
    flow, style = blocks(f"style: material\ntitle: 标题\n{BODY}date: 2023-03-01\n")
    (date,) = of(flow, Element.DATE)
    assert date.text == "2023年3月1日" and date.right == pytest.approx(2 * em(style, "signature"))
    assert kinds(flow[flow.index(date) - 1:flow.index(date)]) == [Element.BLANK]


# -- 版记 ------------------------------------------------------------------------------------------


def test_imprint_keys_point_at_each_cc_entry():
    document, style = outline(f"title: 标题\n{BODY}imprint:\n  cc: [甲厅, 乙乙局]\n")
    (block,) = imprint(document, style)
    assert block.paras[0].text == "抄送：甲厅，乙乙局。"
    assert block.keys[0] == ((3, ("imprint", "cc", 0)), (6, ("imprint", "cc", 1)))
    assert block.key_at(0, 6) == ("imprint", "cc", 1)


def test_no_imprint_unless_asked_or_the_addressee_moved():
    document, style = outline(f"title: 标题\naddressee: 某局\n{BODY}")
    assert imprint(document, style) == []
    (block,) = imprint(document, style, addressee_moved=True)
    assert block.paras[0].text == "主送：某局。"


def test_moved_addressee_stands_first_in_the_imprint():
    addressee = "，".join(f"第{i}区人民政府" for i in range(1, 30))
    flow, _ = blocks(f"title: 关于做好有关工作的通知\nheader:\n  doc_number: 某发〔2024〕1号\n"
                     f"issuers: [某局]\naddressee: {addressee}\n{BODY}"
                     "imprint:\n  cc: [某厅]\n  printer: 某局办公室\n  date: 2024-01-05\n")
    assert not of(flow, Element.ADDRESSEE)
    block = flow[-1]
    assert block.paras[0].text == f"主送：{addressee}。"
    assert block.paras[1].text == "抄送：某厅。"
    assert block.thin_after == (1,)  # no line between 主送 and 抄送


# -- title breaking: which joints a break prefers (render/compose/titles.py) ----------------------

ISSUE_TITLE = "青岛市工业和信息化局关于申请设立制造业数字化转型专项资金的请示"


def cost_between(title: str, left: str, right: str, capacity: float = 20.1) -> float:
    """The price of ending a line of `title` between the words `left` and `right`."""
    from render.compose.titles import breaks
    return breaks(title, capacity)[title.index(left + right) + len(left)]


def test_a_title_breaks_best_before_guanyu():
    """…局 | 关于 | 申请…: the preposition opens the subject; no other joint is as good."""
    from render.compose.titles import breaks
    cost = breaks(ISSUE_TITLE, 20.1)
    beside = {ISSUE_TITLE.index("关于"), ISSUE_TITLE.index("关于") + 2}
    assert {cost[at] for at in beside} == {0}
    assert min(price for at, price in cost.items() if at not in beside) > 0


def test_a_break_prefers_a_verb_phrase_start_then_the_verbs_object_then_a_noun_phrase():
    assert cost_between(ISSUE_TITLE, "申请", "设立") < cost_between(ISSUE_TITLE, "设立", "制造业") \
        < cost_between(ISSUE_TITLE, "制造业", "数字化")
    assert cost_between(ISSUE_TITLE, "专项资金", "的") < cost_between(ISSUE_TITLE, "设立", "制造业")


def test_a_break_before_a_bracket_is_good_and_between_a_number_and_its_unit_none():
    title = "2023年度青岛市制造业单项冠军培育企业名单（格式）"
    noun_phrase = cost_between(title, "青岛市", "制造业")
    assert cost_between(title, "企业名单", "（") < noun_phrase
    from render.compose.titles import breaks
    assert title.index("年度") not in breaks(title, 20.1)  # 2023|年度: never, where others fit
    assert title.index("年度") in breaks(title, 20.1, inside_words=True)  # unless none does


def test_a_document_type_inside_a_title_is_a_noun_not_a_verb():
    """…国务院批复精神…: 批复 names a document; breaking before it splits a noun phrase."""
    title = "关于落实国务院批复精神的通知"
    assert cost_between(title, "国务院", "批复", 8) > cost_between(title, "的", "通知", 8)


def test_a_one_character_prefix_clings_to_its_word_more_than_another_one_character_word():
    """非|物质 (a prefix) is dearer than 信息化|局 (a one-character noun)."""
    title = "关于推进老旧小区改造保护非物质文化遗产的通知"  # 非物质文化遗产: 7 > 6 cells
    assert cost_between(title, "非", "物质", 6) > cost_between(ISSUE_TITLE, "信息化", "局")


def test_a_term_that_fits_a_line_is_never_split():
    lines = break_title("关于公布第五批市级非物质文化遗产代表性项目名录的通知", 7)
    assert "非物质文化遗产" in lines


def test_three_lines_are_falling_or_a_strict_diamond():
    """菱形 is short–long–short: a middle line as long as the last is no diamond."""
    lines = break_title("代表性青岛市转型青岛市青岛召开建设会议第五批支持社区", 10)
    widths = [text_width(line, 1) for line in lines]
    falling = all(b <= a for a, b in zip(widths, widths[1:]))
    assert falling or (len(widths) == 3 and widths[0] < widths[1] > widths[2]), lines


def test_the_outlines_organ_name_is_kept_whole_in_its_title():
    """The 主送机关's name is one word to the breaker (jieba alone would end a line at
    …信息化|局, the most even split)."""
    name = "青岛市工业和信息化局"
    title = f"关于转发{name}关于推进工作的通知"
    flow, _ = blocks(f"title: {title}\nissuers: [某局]\naddressee: {name}\n{BODY}")
    lines = [p.text for p in of(flow, Element.TITLE)]
    assert lines == [f"关于转发{name}", "关于推进工作的通知"]


def test_doc_number_too_long_beside_the_signers_is_refused_saying_so():
    with pytest.raises(ContentError) as error:
        blocks(SIGNERS.format(number="某" * 30 + "〔2023〕5号"))
    assert "beside the 签发人 on its line" in error.value.message


def test_doc_number_too_long_is_refused_by_its_field_name():
    with pytest.raises(ContentError) as error:
        blocks(HEAD.replace("青工信发〔2023〕12号", "青" * 40 + "〔2023〕12号")
               + f"title: 标题\nissuers: [某局]\n{BODY}")
    assert "doc_number (发文字号)" in error.value.message


def test_letter_doc_number_shares_its_line_with_the_copy_number():
    """A 发文字号 that would fit the whole line does not fit beside the 份号 (an em apart)."""
    _, style = outline(LETTER.format(extra="", issuers="[某局]"))
    e = em(style, "doc_number")
    tail = "〔2023〕45号"
    whole = int((style.page.text_width - text_width(tail, e)) // e)  # fits an empty line
    number = "青" * (whole - 2) + tail
    blocks(LETTER.replace("青工信函〔2023〕45号", number).format(extra="", issuers="[某局]"))
    with pytest.raises(ContentError):
        blocks(LETTER.replace("青工信函〔2023〕45号", number).format(
            extra="  copy_number: '12'\n", issuers="[某局]"))

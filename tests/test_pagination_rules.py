"""Pagination's rules, one at a time (fast: EvenMetrics or the shipped metrics, no LibreOffice):
keep-with-next, page breaks, off-grid rows, the red rule, the joint mark's columns, the 版记's
page, page numbers and change bars, checked on `typeset`'s plan."""

from __future__ import annotations

import dataclasses

import pytest

from render.compose import compose
from render.compose.blocks import (BLANK, Element, ImprintBlock, JointMark, OffGrid, PageRule,
                                   Para, Run)
from render.geometry import DESCENT, EXACT_ASCENT
from render.layout.breaking import EvenMetrics
from render.layout.pages import BAR_GAP, Grid, typeset
from render.load import load_text
from render.style import load_style

BODY = "body:\n  - 正文。\n"
STYLE = load_style("gbt9704")
GRID = Grid.of(STYLE)


def plan(flow, style=STYLE):
    return typeset(flow, style, EvenMetrics())


def outline_plan(text: str, style=None):
    document = load_text(text)
    style = style or load_style(document.style)
    return plan(compose(document, style), style), style


def body(text: str = "正文。") -> Para:
    return Para(Element.BODY, (Run(text),))


def heading(text: str = "一、标题") -> Para:
    return Para(Element.HEADING, (Run(text),), 1)


def rows_of(page, kind: str) -> list[int]:
    return [line.row for line in page.lines if line.kind == kind]


# -- keep-with-next ------------------------------------------------------------------------------


def test_heading_on_the_last_row_moves_to_the_next_page_with_its_text():
    pages = plan([BLANK] * 21 + [heading(), body()]).pages
    assert len(pages) == 2
    assert not rows_of(pages[0], "heading1")
    assert rows_of(pages[1], "heading1") == [0] and rows_of(pages[1], "body") == [1]


def test_heading_with_room_for_a_line_under_it_stays():
    pages = plan([BLANK] * 20 + [heading(), body()]).pages
    assert rows_of(pages[0], "heading1") == [20] and rows_of(pages[0], "body") == [21]


def test_heading_as_the_last_block_takes_the_last_row():
    pages = plan([BLANK] * 21 + [heading()]).pages
    assert len(pages) == 1 and rows_of(pages[0], "heading1") == [21]


def test_page_break_on_an_empty_page_adds_no_blank_page():
    rule = PageRule(100.0, 1.0, 0.5, True, 100.0, "FF0000")  # opens page 1, sets no line
    label = Para(Element.ATTACHMENT_LABEL, (Run("附件"),), page_break=True)
    pages = plan([rule, label]).pages
    assert len(pages) == 1 and rows_of(pages[0], "attachment_label") == [0]
    pages = plan([body(), label]).pages
    assert len(pages) == 2 and rows_of(pages[1], "attachment_label") == [0]


# -- off-grid blocks -----------------------------------------------------------------------------


def test_off_grid_rows_add_up_to_whole_grid_rows():
    mark = OffGrid(Element.MARK, (Run("某局文件"),), exact=40.0, rows=3, before=10.0, size=36.0)
    result = plan([BLANK, mark, body()])
    (page,) = result.pages
    assert rows_of(page, "body") == [4]
    (line,) = [x for x in page.lines if x.kind == "mark"]
    assert line.spans[0].y == pytest.approx(GRID.row_top(1) + 10.0 + EXACT_ASCENT * 40.0)
    assert result.placed[2].row == 4


def test_off_grid_block_that_does_not_fit_starts_a_new_page():
    mark = OffGrid(Element.MARK, (Run("某局文件"),), exact=40.0, rows=3, size=36.0)
    pages = plan([BLANK] * 20 + [mark, body()]).pages
    assert len(pages) == 2 and rows_of(pages[1], "body") == [3]


def test_red_rule_lies_its_gap_under_the_doc_number():
    result, style = outline_plan(f"header:\n  doc_number: 青工信发〔2023〕12号\ntitle: 标题\n"
                                 f"issuers: [某局]\n{BODY}")
    page = result.pages[0]
    (number,) = [x for x in page.lines if x.kind == "doc_number"]
    (rule,) = page.rules
    size = style.element("doc_number").size
    gap = style.element("rule").gap
    under = rule.y - rule.width / 2 - (number.spans[0].y + DESCENT * size)
    assert abs(under - gap) <= 0.5  # 4 mm under the characters, to the .docx's whole points
    bottom = number.spans[0].y + (1 - EXACT_ASCENT) * style.grid_pitch  # the exact line's
    assert rule.y - rule.width / 2 - bottom == pytest.approx(round(DESCENT * size + gap - (
        bottom - number.spans[0].y)))  # where the .docx's border lies: whole points under it
    assert (rule.x0, rule.x1) == (GRID.left, GRID.right)
    assert rule.color == "FF0000" and rule.width == 1.0
    # the title two blank rows under the 发文字号's two rows
    assert rows_of(page, "title") == [number.row + 2 + 2]


def test_joint_mark_names_and_suffix_centred_in_their_columns():
    mark = JointMark((Run("甲局"), Run("乙乙乙局")), (Run("文件"),), 36.0, 41.4, 5.0, 4,
                     4 * 36.0 + 1, 3 * 36.0)
    (page,) = plan([mark]).pages
    lines = [x for x in page.lines if x.kind == "mark"]
    x0 = GRID.left + (GRID.width - (4 * 36.0 + 1) - 3 * 36.0) / 2
    first, second, suffix = lines
    assert first.spans[0].xs[0] == pytest.approx(x0 + (4 * 36.0 + 1 - 72.0) / 2)
    assert second.spans[0].xs[0] == pytest.approx(x0 + 0.5)
    assert suffix.spans[0].xs[0] == pytest.approx(x0 + 4 * 36.0 + 1 + (3 * 36.0 - 72.0) / 2)
    assert first.spans[0].y == pytest.approx(GRID.row_top(0) + 5.0 + EXACT_ASCENT * 41.4)
    assert second.spans[0].y - first.spans[0].y == pytest.approx(41.4)
    room = 4 * GRID.pitch - 5.0
    assert suffix.spans[0].y == pytest.approx(
        GRID.row_top(0) + 5.0 + (room - 41.4) / 2 + EXACT_ASCENT * 41.4)
    assert {s.color for x in lines for s in x.spans} == {"FF0000"}


def test_joint_mark_of_an_example_is_centred_on_the_type_area():
    result, _ = outline_plan(open("source/examples/notice-joint.yaml", encoding="utf-8").read())
    lines = [x for x in result.pages[0].lines if x.kind == "mark"]
    left = min(x.spans[0].xs[0] for x in lines)
    right = max(x.spans[-1].xs[-1] + x.spans[-1].size for x in lines)
    # the names' column is one point wider than the longest name, the suffix's one character
    # wider than 文件: the block is centred, its ink a little left of the middle
    middle = (GRID.left + GRID.right) / 2
    assert abs((left + right) / 2 - middle) < lines[0].spans[0].size


# -- the 版记 ------------------------------------------------------------------------------------


def imprint_block(rows: int = 1) -> ImprintBlock:
    paras = tuple(Para(Element.IMPRINT, (Run(f"抄送：某{i}。"),)) for i in range(rows))
    return ImprintBlock(paras, (), 1.0, 0.7)


def test_imprint_goes_to_an_even_page_when_double_sided():
    assert STYLE.double_sided
    pages = plan([body(), imprint_block()]).pages
    assert len(pages) == 2
    assert rows_of(pages[1], "imprint") == [21] and pages[1].numbered
    numbers = [x for p in pages for x in p.lines if x.kind == "page_number"]
    assert len(numbers) == 2


def test_imprint_on_an_even_page_with_room_stays():
    pages = plan([BLANK] * 22 + [body(), imprint_block(2)]).pages
    assert len(pages) == 2 and rows_of(pages[1], "imprint") == [20, 21]
    assert len(pages[1].rules) == 2  # thick above and below
    assert pages[1].rules[0].y == pytest.approx(GRID.row_top(20))
    assert pages[1].rules[1].y == pytest.approx(GRID.row_top(22))


def test_imprint_without_room_on_an_even_page_takes_the_next_even_one_after_a_blank_page():
    pages = plan([BLANK] * 43 + [body(), imprint_block(2)]).pages
    assert len(pages) == 4
    assert not [x for x in pages[2].lines if x.kind != "page_number"]
    assert rows_of(pages[3], "imprint") == [20, 21]
    assert not pages[2].numbered and not pages[3].numbered
    assert not rows_of(pages[2], "page_number") and not rows_of(pages[3], "page_number")


def test_imprint_single_sided_stays_on_the_last_page_or_the_next():
    style = dataclasses.replace(STYLE, double_sided=False)
    pages = plan([body(), imprint_block()], style).pages
    assert len(pages) == 1 and rows_of(pages[0], "imprint") == [21]
    pages = plan([BLANK] * 21 + [body(), imprint_block()], style).pages
    assert len(pages) == 2 and rows_of(pages[1], "imprint") == [21]


def test_imprint_taller_than_a_page_names_the_cc_entry():
    from render.errors import ContentError
    names = [f"单位{i:02d}青岛市某某某某局" for i in range(60)]
    block = ImprintBlock((Para(Element.IMPRINT, (Run("抄送：" + "，".join(names) + "。"),)),),
                         (), 1.0, 0.7, (((3, ("imprint", "cc", 0)),),))
    with pytest.raises(ContentError) as error:
        plan([body(), block])
    assert "from this 抄送 entry on it does not fit" in error.value.message


def test_imprint_thin_rule_after_its_group():
    block = dataclasses.replace(imprint_block(2), thin_after=(0,))
    (_, page) = plan([body(), block]).pages
    ys = sorted(rule.y for rule in page.rules)
    assert ys == pytest.approx([GRID.row_top(20), GRID.row_top(21), GRID.row_top(22)])
    assert sorted(rule.width for rule in page.rules) == [0.7, 1.0, 1.0]


# -- page numbers --------------------------------------------------------------------------------


def numbers(pages):
    return {p.number: next(x for x in p.lines if x.kind == "page_number") for p in pages
            if any(x.kind == "page_number" for x in p.lines)}


def test_page_numbers_odd_right_even_left_one_character_in():
    pages = plan([BLANK] * 50).pages
    pn = STYLE.page_number
    indent = round(pn.indent * pn.size * 20) / 20
    found = numbers(pages)
    assert set(found) == {1, 2, 3}
    for n, line in found.items():
        assert line.text == f"— {n} —"
        left = line.spans[0].xs[0]
        right = line.spans[-1].xs[-1] + pn.size * (0.5 if line.text[-1] == " " else 1.0)
        if n % 2:
            assert right == pytest.approx(GRID.right - indent, abs=0.5)
        else:
            assert left == pytest.approx(GRID.left + indent)
        assert line.spans[0].y == pytest.approx(GRID.bottom + pn.below + 0.3 * pn.size)


def test_page_numbers_centred_or_none():
    centred = dataclasses.replace(STYLE, page_number=dataclasses.replace(
        STYLE.page_number, placement="center"))
    (line,) = numbers(plan([body()], centred).pages).values()
    right = line.spans[-1].xs[-1] + STYLE.page_number.size
    assert (line.spans[0].xs[0] + right) / 2 == pytest.approx((GRID.left + GRID.right) / 2,
                                                              abs=0.5)
    none = dataclasses.replace(STYLE, page_number=dataclasses.replace(
        STYLE.page_number, placement="none"))
    assert not numbers(plan([body()], none).pages)


def test_letter_has_no_page_number_on_page_one():
    result, _ = outline_plan(open("source/examples/letter.yaml", encoding="utf-8").read())
    found = numbers(result.pages)
    assert 1 not in found and all(n > 1 for n in found)


# -- change bars ---------------------------------------------------------------------------------


def test_change_bars_beside_lines_with_tracked_changes_only():
    changed = Para(Element.BODY, (Run("保留"), Run("新增", revision="ins")))
    pages = plan([body(), changed, body()]).pages
    (bar,) = pages[0].bars
    top = GRID.row_top(1)
    assert bar == (GRID.left - BAR_GAP, top + 2, top + GRID.pitch - 2)
    spans = [s for x in pages[0].lines if x.row == 1 for s in x.spans]
    assert {s.mark for s in spans} == {"", "ins"}
    assert next(s for s in spans if s.mark == "ins").color == "0050C8"
    assert not plan([body(), body()]).pages[0].bars


def test_page_number_text_is_set_as_given_without_auto_space():
    """A format such as 第{n}页 keeps its characters an em (a digit half an em) apart."""
    style = dataclasses.replace(STYLE, page_number=dataclasses.replace(
        STYLE.page_number, format="第{n}页"))
    (line,) = numbers(plan([body()], style).pages).values()
    assert line.text == "第1页"
    xs = [x for span in line.spans for x in span.xs]
    size = STYLE.page_number.size
    assert [b - a for a, b in zip(xs, xs[1:])] == pytest.approx([size, size / 2])


class DashMetrics(EvenMetrics):
    """The 一字线's ink middle differs from a space's."""

    def ink_middle(self, ch: str, face: str) -> float:
        return 0.3 if ch == "—" else 0.9


def test_page_number_stands_on_the_middle_of_its_dash():
    pn = STYLE.page_number
    (line,) = numbers(typeset([body()], STYLE, DashMetrics()).pages).values()
    assert line.spans[0].y == pytest.approx(GRID.bottom + pn.below + 0.3 * pn.size)


def test_joint_letter_marks_stand_on_page_one_stacked_in_the_marks_colour():
    text = ("style: letter\nheader:\n  doc_number: 青工信函〔2023〕45号\ntitle: 标题\n"
            "issuers: [青岛市工业和信息化局, 青岛市财政局]\n" + "body:\n" + "  - 正文。\n" * 60)
    result, style = outline_plan(text)
    assert len(result.pages) > 1
    marks = [line for page in result.pages for line in page.lines if line.kind == "mark"]
    assert [line.text for line in marks] == ["青岛市工业和信息化局", "青岛市财政局"]
    assert all(line in result.pages[0].lines for line in marks)
    mark = style.element("mark")
    assert {span.color for line in marks for span in line.spans} == {mark.color}
    ys = [line.spans[0].y for line in marks]
    assert ys[1] - ys[0] == pytest.approx(marks[0].spans[0].size)

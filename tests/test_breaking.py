"""The line breaker on its own, with simple metrics: rules of GB/T 15834 and nothing lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples

from render.layout.breaking import TextRun, break_lines
from render.chars import NO_END, NO_START


class EvenMetrics:
    """Full-width characters one em, ASCII half an em, one face."""

    def glyph(self, ch, role, latin):
        return ("latin" if latin else role), (0.5 if ord(ch) < 0x100 else 1.0)

    def ink_middle(self, ch, face):
        return 0.3


SIZE, TRACKING = 16.0, -0.25
WIDTH = 441.0 + 1.2  # 28 characters of 15.75 pt, with the type area's slack
CJK = st.sampled_from("公文排版测试青岛工业信息化局总结发展创新")
CLOSE = st.sampled_from("，。、；：？！”）》")
OPEN = st.sampled_from("“（《")
NUMBER = st.from_regex(r"[1-9][0-9]{0,4}(\.[0-9])?%?", fullmatch=True)
TOKEN = st.one_of(
    CJK, CJK, CJK,
    st.tuples(CJK, CLOSE).map("".join),
    st.tuples(OPEN, CJK).map("".join),
    NUMBER,
    st.just("——"), st.just("……"),
)


def set_paragraph(text: str):
    run = TextRun(text, "fangsong", SIZE, TRACKING)
    return break_lines([run], EvenMetrics(), WIDTH - 2 * SIZE, WIDTH, justify=True)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(TOKEN, min_size=1, max_size=120).map("".join))
def test_random_paragraphs_keep_every_rule(text):
    lines = set_paragraph(text)
    assert "".join(line.text for line in lines) == text, "a character was lost or added"
    for number, line in enumerate(lines):
        room = WIDTH - (2 * SIZE if number == 0 else 0)
        assert line.width <= room + 1e-6, f"line {number} overflows: {line.text}"
        if number > 0:
            assert line.text[0] not in NO_START, f"line starts with {line.text[0]}: {line.text}"
        if not line.last:
            assert line.text[-1] not in NO_END, f"line ends with {line.text[-1]}: {line.text}"
            following = lines[number + 1].text
            pair = line.text[-1] + following[0]
            assert pair not in ("——", "……"), "a two-cell mark split"
            assert not (line.text[-1].isdigit() and (following[0].isdigit() or following[0] in ".%"))
            if any(g.face != "latin" for g in line.glyphs[:-1]):  # there is a gap to widen
                last = line.glyphs[-1]
                right = last.x + 16 * (0.5 if ord(last.ch) < 0x100 else 1)
                assert abs(right - room) < 0.01, f"not justified: {line.text}"
    assert lines[-1].last


def test_full_line_of_chinese_holds_28_characters():
    lines = set_paragraph("测" * 26 + "试" * 28 + "完")
    assert [len(line.text) for line in lines] == [26, 28, 1]


def test_closing_mark_pushes_the_character_before_it_down():
    lines = set_paragraph("测" * 26 + "试" * 28 + "，完")
    assert [line.text[-1] for line in lines[:2]] == ["测", "试"]
    assert lines[2].text == "试，完"
    assert len(lines[1].text) == 27


def test_opening_mark_moves_to_the_next_line():
    lines = set_paragraph("测" * 25 + "“引文”")
    assert lines[0].text == "测" * 25 and lines[1].text == "“引文”"


def test_numbers_stay_whole_and_stay_with_a_closing_mark_before_them():
    lines = set_paragraph("测" * 25 + "，60个")  # 26 cells on the first line
    assert lines[0].text == "测" * 24 and lines[1].text.startswith("测，60")
    lines = set_paragraph("测" * 25 + "3.8%")
    assert lines[1].text == "3.8%"

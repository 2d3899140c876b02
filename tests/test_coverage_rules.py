"""Characters no face covers (render/layout/coverage.py), with a stand-in for the metrics: each
reported once per paragraph, at its outline position (or where `locate` puts a paragraph that
keeps none), with the script it is set in."""

from __future__ import annotations

from dataclasses import dataclass

from render.compose.blocks import Element, Para, Run
from render.layout.coverage import missing_glyphs
from render.style import load_style

STYLE = load_style("gbt9704")


@dataclass
class Face:
    name: str


class Metrics:
    """Every face covers everything but 㐀; the Latin face has no Chinese characters."""

    def covering(self, ch: str, role: str, latin: bool):
        if ch == "㐀" or (latin and ord(ch) > 0x2FFF):
            return None
        return Face("face")

    def chain(self, role: str):
        return [Face(f"{role}-face")]


def test_each_missing_character_once_per_paragraph_at_its_position():
    paras = [Para(Element.BODY, (Run("甲㐀乙㐀"),), pos=(6, 5)),
             Para(Element.BODY, (Run("丙㐀"),), pos=(7, 5))]
    problems = missing_glyphs(paras, STYLE, Metrics(), "x.yaml")
    assert [(p.line, p.column) for p in problems] == [(6, 5), (7, 5)]
    assert "U+3400" in problems[0].message and "fangsong-face" in problems[0].message


def test_paragraphs_without_a_position_are_located_by_their_key():
    title = Para(Element.TITLE, (Run("㐀"),))
    body = Para(Element.BODY, (Run("㐀"),), pos=(6, 5))
    seen = []

    def locate(key):
        seen.append(key)
        return (2, 8)

    problems = missing_glyphs([title, body], STYLE, Metrics(), "x.yaml", locate)
    assert [(p.line, p.column) for p in problems] == [(2, 8), (6, 5)]
    assert seen == [("title",)]
    assert "(in the title)" in problems[0].message and "(in the" not in problems[1].message


def test_the_script_of_each_run_comes_from_the_whole_paragraph():
    # 中 after Latin letters in another run is still set as Chinese: the Latin face need not
    # have it
    para = Para(Element.BODY, (Run("AB"), Run("中")), pos=(6, 5))
    assert missing_glyphs([para], STYLE, Metrics(), "x.yaml") == []


def test_a_character_missing_in_two_runs_of_a_paragraph_is_reported_once():
    para = Para(Element.BODY, (Run("㐀"), Run("甲㐀", role="heiti")), pos=(6, 5))
    assert len(missing_glyphs([para], STYLE, Metrics(), "x.yaml")) == 1


def test_a_letters_mark_is_located_as_the_marks_issuers_and_named():
    from render.compose.blocks import PageMark
    mark = PageMark((Run("青岛㐀局"),), 60.0, 22.0, "FF0000")
    keys = []

    def locate(key):
        keys.append(key)
        return (3, 7)

    (problem,) = missing_glyphs([mark], STYLE, Metrics(), "", locate)
    assert keys == [("header", "issuers")] and (problem.line, problem.column) == (3, 7)
    assert "(in the mark)" in problem.message
    assert problem.path == "<document>"  # an outline given as text names no file

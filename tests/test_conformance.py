"""render/conformance.py finds what it is meant to find: plans that break a rule on purpose."""

from __future__ import annotations

from render.conformance import (
    _trapezoid_or_diamond,
    check_plan,
    closing,
    marks_face,
    signature_block,
)
from render.layout.items import Line, Page, Span, Typeset
from render.style import load_style


def line(kind: str, row: int, text: str = "文字", face: str = "FandolFang") -> Line:
    return Line(kind, text, row, [Span(face, 16, text, tuple(100.0 + 16 * i for i in range(len(text))),
                                       100.0 + row * 28)])


def typeset(*pages: list[Line]) -> Typeset:
    return Typeset([Page(n, 595.3, 841.9, list(lines)) for n, lines in enumerate(pages, 1)],
                   (), 22)


def test_signature_block_alone_or_split_is_found():
    text = [line("body", r) for r in range(20)]
    assert signature_block(typeset(text + [line("signature", 21)], [line("date", 0)]))
    assert "no 正文" in signature_block(typeset(text, [line("blank", 0), line("signature", 1),
                                                       line("date", 2)]))
    assert signature_block(typeset(text, [line("body", 0), line("blank", 1),
                                          line("signature", 2), line("date", 3)])) == ""


def test_marks_in_the_latin_face_are_found():
    good = Line("body", "“十”", 0, [Span("FandolFang", 16, "“十”", (0, 16, 32), 100)])
    bad = Line("body", "十”", 0, [Span("FandolFang", 16, "十", (0,), 100),
                                  Span("Liberation Serif", 16, "”", (16,), 100)])
    assert marks_face(typeset([good])) == ""
    assert "Liberation Serif" in marks_face(typeset([bad]))


def test_shapes():
    assert _trapezoid_or_diamond([18, 12]) and _trapezoid_or_diamond([13, 13])
    assert _trapezoid_or_diamond([10, 18, 9])
    assert not _trapezoid_or_diamond([10, 18]) and not _trapezoid_or_diamond([18, 10, 12])


def test_imprint_off_the_foot_or_not_last_is_found():
    assert "foot" in closing(typeset([line("body", 0), line("imprint", 10)]))
    assert "版记 on page 1" in closing(typeset([line("imprint", 21)], [line("body", 0)]))
    assert closing(typeset([line("body", 0), line("imprint", 21)])) == ""


def test_check_plan_names_every_rule():
    found = check_plan(typeset([line("body", 0)]), load_style("material"))
    assert set(found) == {"signature", "position", "titles", "letterhead", "page", "marks",
                          "closing"}
    assert not any(found.values())


def test_a_signature_off_the_date_is_found():
    """notice-joint as typeset passes; its 署名 moved 3 mm right (the old fault) does not."""
    import dataclasses
    from pathlib import Path

    from render.pipeline import load
    from render.compose import compose
    from render.conformance import signature_position
    from render.fonts import layout_metrics
    from render.layout.pages import typeset as lay_out

    source = load(Path(__file__).resolve().parent.parent / "source/examples/notice-joint.yaml")
    plan = lay_out(compose(source.document, source.style), source.style,
                   layout_metrics(source.style))
    assert signature_position(plan, source.style, "seal") == ""
    for page in plan.pages:
        for line in page.lines:
            if line.kind == "signature":
                line.spans = [dataclasses.replace(span, xs=tuple(x + 8.5 for x in span.xs))
                              for span in line.spans]
    assert "+3.0 mm off the date" in signature_position(plan, source.style, "seal")

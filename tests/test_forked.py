"""The .docx written in a forked process beside the PDF (one document, a free core): the same
bytes as in one process; a problem the Word writer finds still reaches the user as file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from render import pipeline
from render.errors import ContentError, InputError
from render.forked import in_child

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", ["qingdao-miit-2022-summary.yaml", "examples/figure.yaml",
                                  "examples/notice-joint-sealed.yaml"])
def test_side_by_side_writers_give_the_same_bytes(name):
    source = pipeline.load(ROOT / "source" / name)
    alone = pipeline.render(source, pipeline.Options())
    beside = pipeline.render(source, pipeline.Options(concurrent=True))
    assert beside == alone and list(beside) == ["pdf", "docx"]


def test_a_word_writer_problem_in_the_child_is_the_outlines_problem(monkeypatch):
    import render.docx

    def refuse(*args, **kwargs):
        raise ContentError(("title",), "the Word writer refuses this title")

    monkeypatch.setattr(render.docx, "render_docx", refuse)
    source = pipeline.load(ROOT / "source" / "examples" / "letter.yaml")
    with pytest.raises(InputError) as caught:
        pipeline.render(source, pipeline.Options(concurrent=True))
    assert "the Word writer refuses this title" in str(caught.value.problems[0])
    assert str(caught.value.problems[0]).startswith(f"{source.name}:")


def test_a_child_that_dies_is_an_error_not_a_hang():
    import os

    result = in_child(lambda: os._exit(3))
    with pytest.raises(RuntimeError, match="without a result"):
        result()

"""Golden dumps of the typeset plan of every example, the seed and the example redline's review
copy, laid out with the metrics shipped for the built-in faces (no font files needed): any
change to a composition or layout rule shows here as a changed line.

After an intended change: GONGWEN_UPDATE_GOLDEN=1 pytest tests/test_golden.py, then read the
diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from render.compose import compose
from render.diff.redline import redline_blocks
from render.fonts import layout_metrics
from render.layout.items import dump
from render.layout.pages import typeset
from render.load import load_file
from render.style import load_style

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
OUTLINES = sorted((ROOT / "source").glob("*.yaml")) + sorted((ROOT / "source/examples").glob(
    "*.yaml"))


def _check(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("GONGWEN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden dump {path.name}: run with GONGWEN_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        import difflib

        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                                 "golden", "now"))[:60])
        pytest.fail(f"{name}: the typeset plan changed:\n{diff}")


@pytest.mark.parametrize("path", OUTLINES, ids=[p.stem for p in OUTLINES])
def test_typeset_plan_matches_the_golden_dump(path):
    document = load_file(path)
    style = load_style(document.style, path.parent)
    _check(path.stem, dump(typeset(compose(document, style), style, layout_metrics(style))))


def test_redline_review_plan_matches_the_golden_dump():
    pair = ROOT / "source/examples/diff"
    old, new = load_file(pair / "notice-draft.yaml"), load_file(pair / "notice-final.yaml")
    style = load_style(new.style, pair)
    blocks = redline_blocks(old, new, style)
    _check("redline-notice", dump(typeset(blocks, style, layout_metrics(style))))

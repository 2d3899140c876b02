"""The corpus of real documents (source/corpus/): every outline loads, is canonical, builds
(`gongwen check`, PDF included), and its origin is recorded in source/corpus/ORIGINS.md.

The layout rules of issue #11 are measured by benchmarks/corpus.py, not asserted here: it
reports what is still broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fonts_installed

from render.cli import main
from render.load import load_file

CORPUS = Path(__file__).resolve().parent.parent / "source" / "corpus"
OUTLINES = sorted(CORPUS.glob("*.yaml"))


def test_corpus_size():
    """At least 12 documents of at least four kinds."""
    assert len(OUTLINES) >= 12
    titles = [load_file(path).title for path in OUTLINES]
    kinds = {kind for kind in ("通知", "批复", "函", "报告", "请示", "意见", "纪要")
             if any("".join(title).endswith(kind) for title in titles)}
    assert len(kinds) >= 4, kinds


@pytest.mark.parametrize("path", OUTLINES, ids=lambda path: path.stem)
def test_loads(path):
    assert load_file(path).title


def test_canonical():
    assert main(["fmt", "--check", *map(str, OUTLINES)]) == 0


def test_builds_docx(capsys):
    """The .docx build, in memory, for every outline (shipped metrics, no font needed)."""
    assert main(["check", "--format", "docx", *map(str, OUTLINES)]) == 0, capsys.readouterr()


def test_builds(capsys):
    """Everything `build` does (the PDF too), in memory, for every outline (about 2 s)."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    assert main(["check", *map(str, OUTLINES)]) == 0, capsys.readouterr()


def test_origins_name_every_outline():
    origins = (CORPUS / "ORIGINS.md").read_text(encoding="utf-8")
    missing = [path.name for path in OUTLINES if path.name not in origins]
    assert not missing, missing

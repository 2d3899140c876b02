"""The library API `render.build`: the same bytes as `gongwen build`, from a file or a Document
made in code, no file written, problems as InputError with file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

import render
from render.cli import main
from render.errors import InputError
from render.load import load_file
from render.style import load_style

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "qingdao-miit-2022-summary.yaml"


def test_build_gives_the_bytes_gongwen_build_writes(tmp_path):
    assert main(["build", "-q", "-o", str(tmp_path), str(SEED)]) == 0
    out = render.build(SEED)
    assert out["docx"] == (tmp_path / f"{SEED.stem}.docx").read_bytes()
    assert out["pdf"] == (tmp_path / f"{SEED.stem}.pdf").read_bytes()
    assert not list(Path.cwd().glob("*.docx"))  # nothing written


def test_build_a_document_made_in_code_with_its_images_beside_it(tmp_path):
    example = ROOT / "source" / "examples" / "figure.yaml"
    document = load_file(example)
    document.title = ["在代码中生成的通报"]
    out = render.build(document, formats=["docx"], base_dir=example.parent)
    assert set(out) == {"docx"} and out["docx"][:2] == b"PK"
    assert render.build(document, formats=("docx",), base_dir=example.parent) == out  # pure


def test_a_style_by_name_overrides_the_outlines(tmp_path):
    plain = render.build(SEED, formats=["docx"])
    other = render.build(SEED, "gbt9704", formats=["docx"])
    assert plain["docx"] != other["docx"]


def test_a_loaded_style_overrides_a_volumes_as_its_name_does():
    volume = ROOT / "source" / "volumes" / "qingdao-miit-2023.yaml"
    by_name = render.build(volume, "material", formats=["docx"])
    loaded = render.build(volume, load_style("material"), formats=["docx"])
    assert loaded == by_name
    assert loaded != render.build(volume, formats=["docx"])  # the style did change something


def test_problems_are_input_errors_with_their_place(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: 关于测试的通知\nbody: 3\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render.build(bad)
    assert str(caught.value.problems[0]).startswith(f"{bad}:2:")
    with pytest.raises(ValueError):
        render.build(SEED, formats=["odt"])


def test_import_render_stays_light():
    import subprocess
    import sys

    code = "import sys, render; print(sorted(m for m in ('docx', 'reportlab', 'yaml') " \
           "if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"

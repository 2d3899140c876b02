"""The command line: help, version, light imports, atomic output."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import SEED
from render import __version__
from render.cli import main
from render.manifest import MANIFEST_NAME


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"gongwen {__version__}"


@pytest.mark.parametrize("command", ["build", "fmt", "check", "schema"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert out.startswith(f"usage: gongwen {command}") and len(out.splitlines()) > 5


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "commands:" in capsys.readouterr().out


def test_fmt_and_schema_import_no_writers():
    # (check renders every format in memory, so it imports the writers, as build does)
    code = (
        "import sys\n"
        "from render.cli import main\n"
        f"assert main(['fmt', '--check', {str(SEED)!r}]) == 0\n"
        "main(['schema'])\n"
        "heavy = [m for m in ('docx', 'reportlab', 'lxml') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_build_replaces_output_atomically_and_leaves_the_source_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"{SEED.stem}.docx"
    target.write_bytes(b"old")
    before = SEED.read_bytes()
    assert main(["build", "-q", "--format", "docx", "-o", str(out), str(SEED)]) == 0
    assert target.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in out.iterdir() if p.name != MANIFEST_NAME) == [target.name], \
        "no temporary files left"
    assert SEED.read_bytes() == before


def test_build_writes_both_formats_by_default(tmp_path, seed_pdf):
    assert main(["build", "-q", "-o", str(tmp_path), str(SEED)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != MANIFEST_NAME) == \
        [f"{SEED.stem}.docx", f"{SEED.stem}.pdf"]


def test_version_matches_the_package_metadata():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert project["project"]["version"] == __version__


@pytest.mark.parametrize("value, formats", [
    ("pdf,ofd", ("pdf", "ofd")),
    ("ofd, docx", ("docx", "ofd")),
    ("all", ("docx", "pdf", "ofd")),
    ("all,ofd", ("docx", "pdf", "ofd")),
    ("pdf,pdf", ("pdf",)),
])
def test_format_names_a_list(value, formats):
    from render.formats import parse_formats

    assert parse_formats(value) == formats == parse_formats(value.split(","))


def test_build_writes_the_formats_named(tmp_path):
    letter = SEED.parent / "examples" / "letter.yaml"
    assert main(["build", "-q", "--format", "ofd,pdf", "-o", str(tmp_path), str(letter)]) == 0
    assert {p.name for p in tmp_path.iterdir() if p.name != MANIFEST_NAME} == \
        {"letter.pdf", "letter.ofd"}


@pytest.mark.parametrize("value", ["pdf,bogus", "", "pdf,,docx"])
def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path, capsys, value):
    with pytest.raises(SystemExit) as done:
        main(["build", "--format", value, "-o", str(tmp_path / "out"), str(SEED)])
    assert done.value.code == 2
    assert "--format: unknown format" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_api_reads_formats_as_the_command_line_does():
    import render

    letter = SEED.parent / "examples" / "letter.yaml"
    assert set(render.build(letter, formats="docx")) == {"docx"}  # a string, as --format
    with pytest.raises(ValueError, match="unknown format 'PDF'"):
        render.build(letter, formats="PDF")


def test_check_takes_folders_as_build_does(tmp_path, capsys):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    letter = SEED.parent / "examples" / "letter.yaml"
    (src / "sub" / "letter.yaml").write_text(letter.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", "--format", "docx", str(src)]) == 0
    assert capsys.readouterr().out.strip() == f"{src / 'sub' / 'letter.yaml'}: ok"
    (src / "bad.yaml").write_text("title: x\nbogus: 1\n", encoding="utf-8")
    assert main(["check", "--format", "docx", str(src)]) == 2
    assert f"{src / 'bad.yaml'}:2:1:" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["check", str(tmp_path / "empty")]) == 2
    assert "no outlines" in capsys.readouterr().err


def test_check_reports_every_outline_as_build_does(tmp_path, capsys):
    """A problem found when loading one outline and one found when rendering another: both in
    one run, and the good outline said ok (a new user saw only the first problem)."""
    letter = SEED.parent / "examples" / "letter.yaml"
    (tmp_path / "good.yaml").write_text(letter.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "syntax.yaml").write_text("title: x\nbody:\n  - [a, b\n", encoding="utf-8")
    (tmp_path / "glyph.yaml").write_text("title: 𪚥通知\nissuers: [某局]\nbody:\n  - 正文。\n",
                                         encoding="utf-8")
    assert main(["check", "--format", "pdf", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out.strip() == f"{tmp_path / 'good.yaml'}: ok"
    assert "syntax.yaml:4:1: YAML syntax" in err and "glyph.yaml:1:8: character 𪚥" in err

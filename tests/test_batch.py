"""`gongwen build DIR|FILES…`: folders, the pool, a bad outline among good ones, the manifest."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SEED, fonts_installed
from render.cli import main
from render.manifest import MANIFEST_NAME
from render.outlines import find_items

SOURCE = SEED.parent
LETTER = SOURCE / "examples" / "letter.yaml"


def _tree(tmp_path):
    """src/a.yaml (the seed), src/sub/b.yaml (a letter), a style sheet beside them, a CSV."""
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    shutil.copy(SEED, src / "a.yaml")
    shutil.copy(LETTER, src / "sub" / "b.yaml")
    (src / "local.yaml").write_text("extends: gbt9704\n", encoding="utf-8")
    (src / "plain.yaml").write_text("page:\n  margin_top: 37mm\n", encoding="utf-8")
    (src / "styles").mkdir()
    (src / "styles" / "x.yaml").write_text("title: not built: styles/ holds sheets\n",
                                           encoding="utf-8")
    (src / "data.csv").write_text("a,b\n", encoding="utf-8")
    return src


def _mtimes(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_folder_means_its_outlines_not_its_style_sheets(tmp_path):
    src = _tree(tmp_path)
    items = find_items([src], tmp_path / "out")
    assert [(i.path.relative_to(src).as_posix(), i.folder.relative_to(tmp_path).as_posix())
            for i in items] == [("a.yaml", "out"), ("sub/b.yaml", "out/sub")]


@pytest.mark.slow  # builds every example (a process pool), some twice
def test_folder_build_mirrors_subfolders_and_equals_single_builds(tmp_path):
    src = _tree(tmp_path)
    assert main(["build", "-q", "--jobs", "2", "-o", str(tmp_path / "out"), str(src)]) == 0
    assert main(["build", "-q", "-o", str(tmp_path / "one"), str(src / "sub" / "b.yaml")]) == 0
    for fmt in ("docx", "pdf"):
        assert (tmp_path / "out" / "sub" / f"b.{fmt}").read_bytes() == \
            (tmp_path / "one" / f"b.{fmt}").read_bytes()
    assert (tmp_path / "out" / f"a.pdf").exists()


def test_one_bad_outline_neither_stops_nor_damages_the_others(tmp_path, capsys):
    src = _tree(tmp_path)
    out = tmp_path / "out"
    (src / "bad.yaml").write_text("title: 测试\nissuers: [某局]\nseal: maybe\n", encoding="utf-8")
    out.mkdir()
    (out / "bad.docx").write_bytes(b"OLD")
    assert main(["build", "--jobs", "2", "-o", str(out), str(src)]) == 2
    captured = capsys.readouterr()
    assert f"{src / 'bad.yaml'}:3:7: seal" in captured.err
    assert "Traceback" not in captured.err
    assert (out / "a.docx").exists() and (out / "a.pdf").exists()
    assert (out / "sub" / "b.pdf").exists()
    assert (out / "bad.docx").read_bytes() == b"OLD" and not (out / "bad.pdf").exists()
    assert "built 2, unchanged 0, failed 1" in captured.out
    assert not list(out.rglob("*.tmp"))


def test_clashing_outputs_are_refused_and_the_rest_built(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(LETTER, tmp_path / "a" / "x.yaml")
    shutil.copy(LETTER, tmp_path / "b" / "x.yaml")
    shutil.copy(LETTER, tmp_path / "y.yaml")
    out = tmp_path / "out"
    assert main(["build", "-q", "--format", "docx", "-o", str(out), str(tmp_path / "a" / "x.yaml"),
                 str(tmp_path / "b" / "x.yaml"), str(tmp_path / "y.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'a' / 'x.yaml'}: would write" in err
    assert f"{tmp_path / 'b' / 'x.yaml'}: would write" in err
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST_NAME, "y.docx"]


@pytest.mark.slow  # builds every example (a process pool), some twice
def test_an_unchanged_document_is_not_built_again(tmp_path, capsys):
    src = _tree(tmp_path)
    out = tmp_path / "out"
    argv = ["build", "-o", str(out), str(src)]
    assert main(argv) == 0
    before = _mtimes(out)
    capsys.readouterr()
    assert main(argv) == 0
    assert "built 0, unchanged 2, failed 0" in capsys.readouterr().out
    assert _mtimes(out) == before
    # touched, not changed: hashed again, still unchanged
    (src / "a.yaml").write_bytes((src / "a.yaml").read_bytes())
    assert main(argv) == 0
    assert "built 0, unchanged 2" in capsys.readouterr().out
    # changed: only that one is rebuilt
    text = (src / "a.yaml").read_text(encoding="utf-8")
    (src / "a.yaml").write_text(text.replace("工作总结", "工作总结（修订）", 1), encoding="utf-8")
    assert main(argv) == 0
    assert "built 1, unchanged 1" in capsys.readouterr().out
    after = _mtimes(out)
    assert after["a.pdf"] != before["a.pdf"] and after["b.pdf"] == before["b.pdf"]
    assert main(argv + ["--force"]) == 0
    assert "built 2, unchanged 0" in capsys.readouterr().out


def test_new_code_makes_every_output_stale(tmp_path, capsys, monkeypatch):
    """An upgraded or edited gongwen (its files' sizes and times) rebuilds, as a new version
    does; the same code does not."""
    from render import manifest

    src = _tree(tmp_path)
    argv = ["build", "-o", str(tmp_path / "out"), str(src)]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(argv) == 0
    assert "built 0, unchanged 2" in capsys.readouterr().out
    monkeypatch.setattr(manifest, "code_fingerprint", lambda: "another build of gongwen")
    assert main(argv) == 0
    assert "built 2, unchanged 0" in capsys.readouterr().out


@pytest.mark.slow  # builds every example (a process pool), some twice
@pytest.mark.parametrize("change", ["style", "extends", "image", "csv", "output", "format"])
def test_what_an_output_depends_on(tmp_path, capsys, change):
    """A change to the style sheet, the sheet it extends, an image or a CSV file the outline
    names, the output itself, or the options, rebuilds the document."""
    src = tmp_path / "src"
    shutil.copytree(SOURCE / "examples", src, ignore=shutil.ignore_patterns("diff"))
    (src / "styles").mkdir()
    (src / "styles" / "base.yaml").write_text("extends: gbt9704\n", encoding="utf-8")
    (src / "styles" / "mine.yaml").write_text("extends: base\n", encoding="utf-8")
    for name in ("figure.yaml", "table-roster.yaml"):
        text = (src / name).read_text(encoding="utf-8")
        (src / name).write_text(f"style: mine\n{text}" if not text.startswith("style:")
                                else "style: mine\n" + text.split("\n", 1)[1], encoding="utf-8")
    out = tmp_path / "out"
    argv = ["build", "-q", "--format", "docx", "-o", str(out), str(src / "figure.yaml"),
            str(src / "table-roster.yaml")]
    assert main(argv) == 0
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["entries"]
    assert str((src / "figure-chart.png").resolve()) in manifest["figure"]["inputs"]
    assert str((src / "table-roster.csv").resolve()) in manifest["table-roster"]["inputs"]
    before = _mtimes(out)
    if change == "style":
        (src / "styles" / "mine.yaml").write_text("extends: base\nautospace: true\n",
                                                  encoding="utf-8")
        rebuilt = {"figure", "table-roster"}
    elif change == "extends":
        (src / "styles" / "base.yaml").write_text("extends: gbt9704\n\n", encoding="utf-8")
        rebuilt = {"figure", "table-roster"}
    elif change == "image":
        (src / "figure-chart.png").write_bytes((SOURCE / "examples" / "seal-a.png").read_bytes())
        rebuilt = {"figure"}
    elif change == "csv":
        with open(src / "table-roster.csv", "a", encoding="utf-8") as csv:
            csv.write("\n")
        rebuilt = {"table-roster"}
    elif change == "output":
        (out / "figure.docx").unlink()
        rebuilt = {"figure"}
    else:
        argv = [a if a != "docx" else "docx,pdf" for a in argv]
        rebuilt = {"figure", "table-roster"}
    capsys.readouterr()
    assert main(argv) == 0
    after = _mtimes(out)
    assert {name for name in ("figure", "table-roster")
            if after.get(f"{name}.docx") != before.get(f"{name}.docx")} == rebuilt


def test_a_volume_is_rebuilt_when_an_included_documents_style_sheet_changes(tmp_path, capsys):
    """A volume's outputs depend on each included outline's style sheets (with what they
    extend), not only the volume's own: a new-user trial found the volume left stale."""
    src = tmp_path / "src"
    (src / "docs" / "styles").mkdir(parents=True)
    (src / "docs" / "styles" / "local.yaml").write_text("extends: gbt9704\n", encoding="utf-8")
    (src / "docs" / "notice.yaml").write_text(
        "style: local\ntitle: 关于开展安全检查的通知\nissuers: [青岛市工业和信息化局]\n"
        "date: 2023-03-01\nbody:\n  - 请各单位认真开展自查。\n", encoding="utf-8")
    (src / "volumes").mkdir()
    (src / "volumes" / "volume.yaml").write_text(
        "title: 文件汇编\ninclude:\n  - ../docs/notice.yaml\n", encoding="utf-8")
    # one process: the notice reads the sheet first, the volume finds it in the process's cache
    argv = ["build", "--jobs", "1", "-o", str(tmp_path / "out"), str(src)]
    assert main(argv) == 0
    before = (tmp_path / "out" / "volumes" / "volume.pdf").read_bytes()
    capsys.readouterr()
    (src / "docs" / "styles" / "local.yaml").write_text(
        "extends: gbt9704\nmark_suffix: 联合文件\n", encoding="utf-8")
    assert main(argv) == 0
    assert "built 2, unchanged 0" in capsys.readouterr().out  # the notice and the volume
    assert (tmp_path / "out" / "volumes" / "volume.pdf").read_bytes() != before


def test_a_problem_every_document_shares_is_said_once(tmp_path, capsys):
    """A bad --font is every document's problem: printed once, exit 2, nothing written."""
    src = _tree(tmp_path)
    assert main(["build", "--font", "heiti=nope.ttf", "-o", str(tmp_path / "out"), str(src)]) == 2
    err = capsys.readouterr().err
    assert err.count("--font: heiti=nope.ttf: nope.ttf: no such file") == 1, err
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_a_failed_outline_not_built_again_still_counts_as_failed(tmp_path):
    """What watch does after a save elsewhere: a run with nothing to build (todo empty) counts
    the outline that failed before, and still fails, as failed — not unchanged."""
    from render.batch import Batch, Reporter, Settings

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(LETTER, src / "good.yaml")
    (src / "bad.yaml").write_text("title: 测试\nissuers: [某局]\nseal: maybe\n", encoding="utf-8")
    items = find_items([src], tmp_path / "out")
    batch = Batch(Settings(formats=("docx",)), jobs=1)
    report = Reporter(problems=lambda found: None, say=lambda line: None)
    first = batch.run(items, report)
    assert (first.built, first.unchanged, first.failed) == (1, 0, 1)
    again = batch.run(items, report, todo=[])
    assert (again.built, again.unchanged, again.failed, again.code) == (0, 1, 1, 2)


@pytest.mark.skipif(not fonts_installed(), reason="the PDF's fonts are not installed")
def test_after_a_style_sheets_fonts_change_a_rebuilt_document_is_up_to_date(tmp_path):
    """watch's runs share one Checker: the faces a sheet's fonts resolve to are looked up
    afresh each run, so the document rebuilt for the edited sheet is not rebuilt again on
    every save after (it was, against the faces the old sheet resolved to)."""
    from render.batch import Batch, Reporter, Settings

    src = tmp_path / "src"
    (src / "styles").mkdir(parents=True)
    sheet = src / "styles" / "local.yaml"
    sheet.write_text("extends: gbt9704\n", encoding="utf-8")
    (src / "notice.yaml").write_text(
        "style: local\ntitle: 关于开展安全检查的通知\nissuers: [青岛市工业和信息化局]\n"
        "date: 2023-03-01\nbody:\n  - 请各单位认真开展自查。\n", encoding="utf-8")
    items = find_items([src / "notice.yaml"], tmp_path / "out")
    batch = Batch(Settings(formats=("pdf",)), jobs=1)
    report = Reporter(problems=lambda found: None, say=lambda line: None)
    assert batch.run(items, report).built == 1
    assert batch.stale(items) == []
    sheet.write_text("extends: gbt9704\nfonts:\n  fangsong:\n    pdf: [AR PL UMing CN]\n",
                     encoding="utf-8")
    assert batch.run(items, report).built == 1
    assert batch.stale(items) == [], "rebuilt for the new sheet, and now up to date"

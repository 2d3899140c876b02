"""Hostile and mistaken style sheets: each is a file:line:col problem (exit 2, nothing written),
never a traceback or a silent fall-back; and `--font ROLE=FILE` values checked by font_options."""

from __future__ import annotations

from pathlib import Path

import pytest

from render.cli import main
from render.errors import InputError
from render.fonts.resolve import font_options
from render.style import load_style

OUTLINE = "style: s\ntitle: 测试\nbody:\n  - heading: 一级\n    body:\n      - 正文。\n"
X = "extends: gbt9704\n"

# (style sheet, line:col of the problem, a fragment of its message)
CASES = [
    # sizes
    (X + "elements:\n  body: {size: 0pt}\n", "3:16", "size from 5pt"),
    (X + "elements:\n  body: {size: -16pt}\n", "3:16", "size from 5pt"),
    (X + "elements:\n  title: {size: 1000pt}\n", "3:17", "to 100pt"),
    (X + "headings:\n  2: {size: 0.5pt}\n", "3:13", "size from 5pt"),
    (X + "page_number:\n  size: 2pt\n", "3:9", "page_number.size"),
    # numbers: nan, inf, negative, out of range
    (X + "elements:\n  body: {indent: .nan}\n", "3:18", "found nan"),
    (X + "elements:\n  note: {indent: .inf}\n", "3:18", "found inf"),
    (X + "elements:\n  note: {indent: -2}\n", "3:18", "number from 0 to 10"),
    (X + "page_number:\n  indent: -.inf\n", "3:11", "page_number.indent"),
    (X + "elements:\n  title: {lines_before: 100}\n", "3:25", "whole number from 0 to 10"),
    (X + "elements:\n  title: {lines_after: -1}\n", "3:24", "whole number from 0 to 10"),
    # page and margins
    (X + "page: {width: 0mm}\n", "2:15", "page.width: expected a length from 50mm"),
    (X + "page:\n  height: -297mm\n", "3:11", "page.height"),
    (X + "page:\n  margin_top: -5mm\n", "3:15", "page.margin_top"),
    (X + "page:\n  margin_left: 200mm\n  margin_right: 200mm\n", "3:16", "page.margin_left: margins of 200mm and 200mm leave 0mm of the 210mm page width"),
    (X + "page:\n  margin_top: 150mm\n  margin_bottom: 145mm\n", "3:15", "for the type area"),
    (X + "page:\n  width: 50mm\n", "3:10", "page.width: margins of 28mm and 26mm leave 0mm"),
    # the grid
    (X + "grid: {lines: 100000}\n", "2:15", "whole number from 1 to 100"),
    (X + "grid: {lines: 0}\n", "2:15", "whole number from 1 to 100"),
    (X + "grid: {lines: 60}\n", "2:15", "at most 39 fit"),
    (X + "grid:\n  chars: 60\n", "3:10", "at most 36 fit"),
    (X + "grid: {chars: 28.5}\n", "2:15", "grid.chars"),
    (X + "elements:\n  body: {size: 36pt}\n", "3:16", "less than the 36pt body size"),
    (X + "elements:\n  body: {size: 36pt}\n", "3:16", "with a 36pt body at most 16 fit"),
    (X + "page:\n  height: 150mm\n", "3:11", "page.height: 22 grid lines"),
    # marks and rules on the paper
    (X + "elements:\n  mark: {top: 400mm}\n", "3:15", "puts it off the page"),
    (X + "elements:\n  mark: {top: -50mm}\n", "3:15", "puts it off the page"),
    (X + "elements:\n  rule: {length: 300mm}\n", "3:18", "rule's length 300mm is more than the paper's width"),
    (X + "elements:\n  rule: {line_width: 20mm}\n", "3:22", "rule.line_width"),
    (X + "elements:\n  rule: {gap: -4mm}\n", "3:15", "rule.gap"),
    (X + "page_number:\n  below: 40mm\n", "3:10", "page_number.below: a page number 40mm under the type area is off the paper"),
    # repeated keys, at every level
    (X + "name: a\nname: b\n", "3:1", "key 'name' repeated (first on line 2)"),
    (X + "page:\n  width: 210mm\n  width: 200mm\n", "4:3", "page: key 'width' repeated (first on line 3)"),
    (X + "elements:\n  title: {size: 二号, size: 三号}\n", "3:21", "elements.title: key 'size' repeated (first on line 3)"),
    (X + "headings:\n  1: {bold: true}\n  1: {bold: false}\n", "4:3", "key '1' repeated"),
    # patterns
    (X + "headings:\n  1: {number: \"{foo}、\"}\n", "3:15", "unknown placeholder {foo}"),
    (X + "headings:\n  2: {number: \"（一）\"}\n", "3:15", "has 0 placeholders"),
    (X + "headings:\n  3: {number: \"{n}.{n}\"}\n", "3:15", "has 2 placeholders"),
    (X + "headings:\n  4: {number: \"{n:>3}\"}\n", "3:15", "unknown placeholder {n:>3}"),
    (X + "headings:\n  1: {number: \"{cn、\"}\n", "3:15", "unbalanced braces"),
    (X + "page_number:\n  format: \"第{page}页\"\n", "3:11", "placeholders are {n}"),
    (X + "page_number:\n  format: \"— {{n}} —\"\n", "3:11", "braces in"),
    (X + "elements:\n  byline: {show: true, template: \"{issuer.name}\"}\n", "3:34", "unknown placeholder"),
    # YAML tags
    (X + "name: !!python/object/apply:os.system [\"true\"]\n", "2:7", "YAML tag !!python/object/apply:os.system is not allowed"),
    (X + "name: !!binary aGVsbG8=\n", "2:7", "YAML tag !!binary is not allowed"),
    (X + "page: !foo {width: 210mm}\n", "2:7", "YAML tag !foo is not allowed"),
    (X + "fonts:\n  fangsong: {pdf: !!set {a: null}}\n", "3:19", "YAML tag !!set is not allowed"),
    # colours, enums, flags, text
    (X + "elements:\n  mark: {color: 000000}\n", "3:17", "quote them"),
    (X + "elements:\n  mark: {color: crimson}\n", "3:17", "RRGGBB"),
    (X + "elements:\n  title: {align: middle}\n", "3:18", "expected one of left, center"),
    (X + "page_number:\n  placement: bottom\n", "3:14", "expected one of outside"),
    (X + "format: memo\n", "2:9", "expected one of standard"),
    (X + "double_sided: yes please\n", "2:15", "expected true or false"),
    (X + "letterhead: printed\n", "2:13", "letterhead: expected true or false"),
    (X + "mark_suffix: \"文\\n件\"\n", "2:14", "one line of text"),
    (X + "mark_suffix: [文件]\n", "2:14", "mark_suffix: expected text"),
    (X + "fonts:\n  fangsong: {word: \"仿宋\\n_GB2312\"}\n", "3:20", "one line of text"),
    (X + "fonts:\n  fangsong: {pdf: []}\n", "3:19", "empty list"),
    (X + "name: 2023-02-30\n", "2:7", "cannot read '2023-02-30'"),
    # unknown names
    (X + "elements:\n  titel: {size: 二号}\n", "3:3", "unknown element 'titel'; did you mean 'title'?"),
    (X + "fonts:\n  fang song: {word: 仿宋}\n", "3:3", "a role is a name"),
    (X + "headings:\n  true: {bold: true}\n", "3:3", "levels are 1 to 4"),
    (X + "description: [[[[[[[[1]]]]]]]]\n", "2:20", "nested deeper"),
    # files
    ("", "", "the style sheet is empty"),
    ("# only a remark\n", "", "the style sheet is empty"),
    (X + "fonts:\n  fangsong: {pdf: [nowhere.ttf, FandolFang]}\n", "3:20", "nowhere.ttf: no such file"),
    (X + "fonts:\n  fangsong: {pdf: [FandolFang], fallback: [fonts]}\n", "", ""),  # a face name: fine
]
CASES = [c for c in CASES if c[2]]


def _setup(tmp_path: Path, sheet: str | bytes) -> Path:
    (tmp_path / "styles").mkdir(exist_ok=True)
    target = tmp_path / "styles" / "s.yaml"
    if isinstance(sheet, bytes):
        target.write_bytes(sheet)
    else:
        target.write_text(sheet, encoding="utf-8")
    source = tmp_path / "doc.yaml"
    source.write_text(OUTLINE, encoding="utf-8")
    return source


def _refused(tmp_path, capsys, sheet, where, fragment) -> None:
    source = _setup(tmp_path, sheet)
    sheet_path = tmp_path / "styles" / "s.yaml"
    prefix = f"{sheet_path}:{where}: " if where else f"{sheet_path}"
    for command in (["check", str(source)], ["build", "-o", str(tmp_path / "out"), str(source)]):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert "Traceback" not in err and "internal error" not in err
        lines = [line for line in err.splitlines() if line.startswith(prefix)]
        assert any(fragment in line for line in lines), err
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("sheet, where, fragment", CASES, ids=[f"{i}-{c[2][:30]}" for i, c in enumerate(CASES)])
def test_hostile_style_sheets_are_refused_at_their_line(tmp_path, capsys, sheet, where, fragment):
    _refused(tmp_path, capsys, sheet, where, fragment)


def test_a_style_sheet_that_is_not_utf8(tmp_path, capsys):
    _refused(tmp_path, capsys, b"extends: gbt9704\nname: caf\xe9\n", "2:10", "not valid UTF-8")


def test_a_font_entry_that_is_not_a_font(tmp_path, capsys):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "fake.ttf").write_text("not a font")
    _refused(tmp_path, capsys, X + "fonts:\n  heiti:\n    pdf:\n      - FandolHei\n      - fake.ttf\n",
             "6:9", "fake.ttf: not a usable font")


def test_a_font_entry_that_is_a_folder(tmp_path, capsys):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "dir.ttf").mkdir()
    _refused(tmp_path, capsys, X + "latin_pdf: [dir.ttf]\n", "2:13", "is a folder")


def test_every_problem_of_a_sheet_at_once(tmp_path):
    source = _setup(tmp_path, X + "page:\n  width: 0mm\nelements:\n  body: {indent: .nan}\n")
    with pytest.raises(InputError) as caught:
        load_style("s", source.parent)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, 10), (5, 18)]


@pytest.mark.parametrize("name", ["gbt9704", "letter", "material", "minutes", "order"])
def test_builtin_styles_pass(name):
    assert load_style(name).name


def test_font_files_of_a_sheet_resolve_against_its_own_folder(tmp_path):
    """A sheet extending another in a different folder: the parent's relative font file stays
    the parent's."""
    shared = tmp_path / "shared"
    shared.mkdir()
    _tiny_font(shared / "fs.ttf")
    (shared / "base.yaml").write_text(X + "fonts:\n  fangsong: {pdf: [fs.ttf]}\n", encoding="utf-8")
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "s.yaml").write_text("extends: ../shared/base.yaml\n", encoding="utf-8")
    style = load_style("s", tmp_path)
    (entry,) = style.fonts["fangsong"].pdf
    assert Path(entry).resolve() == (shared / "fs.ttf").resolve()


# -- --font ROLE=FILE ---------------------------------------------------------------------

ROLES = ("fangsong", "xiaobiaosong", "heiti", "kaiti", "songti")


def _tiny_font(path: Path) -> Path:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "uni4E00"])
    fb.setupCharacterMap({0x4E00: "uni4E00"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0)), pen.lineTo((0, 500)), pen.lineTo((500, 0)), pen.closePath()
    glyph = pen.glyph()
    fb.setupGlyf({".notdef": glyph, "uni4E00": glyph})
    fb.setupHorizontalMetrics({".notdef": (1000, 0), "uni4E00": (1000, 0)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))
    return path


def _font_problem(specs) -> str:
    with pytest.raises(InputError) as caught:
        font_options(specs, ROLES)
    assert all(p.path == "--font" and p.line == 0 for p in caught.value.problems)
    return str(caught.value)


def test_font_option_relative_to_the_current_folder(tmp_path, monkeypatch):
    _tiny_font(tmp_path / "fs.ttf")
    monkeypatch.chdir(tmp_path)
    assert font_options(["fangsong=fs.ttf"], ROLES) == {"fangsong": tmp_path / "fs.ttf"}
    assert font_options([], ROLES) == {}


def test_font_option_without_suffix_is_still_a_file(tmp_path, monkeypatch):
    _tiny_font(tmp_path / "fangsong-font")
    monkeypatch.chdir(tmp_path)
    assert font_options(["heiti=fangsong-font"], ROLES)["heiti"].is_absolute()


@pytest.mark.parametrize("spec, fragment", [
    ("fangsong", "expected ROLE=FILE"),
    ("=fs.ttf", "expected ROLE=FILE"),
    ("fangsong=", "expected ROLE=FILE"),
    ("fangsong2=fs.ttf", "no font role fangsong2; roles: fangsong, xiaobiaosong, heiti, kaiti, songti"),
    ("heiti=missing.ttf", "missing.ttf: no such file"),
    ("heiti=folder", "is a folder"),
    ("heiti=empty.ttf", "the file is empty"),
    ("heiti=text.ttf", "not a usable font"),
    ("heiti=cut.ttf", "not a usable font"),
    ("heiti=half.ttf", "cut short"),
])
def test_font_option_problems(tmp_path, monkeypatch, spec, fragment):
    whole = _tiny_font(tmp_path / "fs.ttf").read_bytes()
    (tmp_path / "folder").mkdir()
    (tmp_path / "empty.ttf").write_bytes(b"")
    (tmp_path / "text.ttf").write_text("this is no font\n")
    (tmp_path / "cut.ttf").write_bytes(whole[:40])
    (tmp_path / "half.ttf").write_bytes(whole[: len(whole) // 2])
    monkeypatch.chdir(tmp_path)
    assert fragment in _font_problem([spec])


def test_font_option_roles_left_to_the_caller(tmp_path, monkeypatch):
    _tiny_font(tmp_path / "fs.ttf")
    monkeypatch.chdir(tmp_path)
    assert font_options(["anything=fs.ttf"]) == {"anything": tmp_path / "fs.ttf"}
    assert "no such file" in str(pytest.raises(InputError, font_options, ["anything=no.ttf"]).value)


def test_font_option_role_twice_and_all_problems_at_once(tmp_path, monkeypatch):
    _tiny_font(tmp_path / "fs.ttf")
    monkeypatch.chdir(tmp_path)
    message = _font_problem(["fangsong=fs.ttf", "fangsong=fs.ttf", "kaiti=nothing.ttf"])
    assert "given twice" in message and "nothing.ttf: no such file" in message

"""The shipped reference metrics (render/fonts/data/reference-metrics.json.gz): they answer as
FontMetrics does over the open faces, and they make the .docx the same on every machine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import machine_without_fonts
from render.pipeline import render_document
from render.errors import InputError
from render.compose import compose
from render.fonts import layout_metrics
from render.fonts.reference import TABLE, ReferenceMetrics, decode_ranges, encode_ranges
from render.layout.breaking import EvenMetrics
from render.layout.pages import layout, typeset
from render.load import load_text
from render.style import BUILTIN_DIR, load_style

ROOT = Path(__file__).resolve().parent.parent
OUTLINES = sorted(p for p in (ROOT / "source").rglob("*.yaml") if "volumes" not in p.parts)
STYLES = sorted(sheet.stem for sheet in BUILTIN_DIR.glob("*.yaml"))


def _fonts_of(name: str):
    style = load_style(name)
    return (tuple(style.fonts.values()), style.latin_font, style.latin_pdf,
            style.page_number.format, style.page_number.font.role)


# one built-in style per set of fonts (today they all share gbt9704's)
FONT_STYLES = list({_fonts_of(name): name for name in reversed(STYLES)}.values())
# GB/T 15834-2011's marks (and the forms Chinese text sets them in)
PUNCTUATION = "。？！，、；：“”‘’「」『』（）［］〔〕【】｛｝—–-…～·•《》〈〉／/＿﹏．.,;:?!'\"()[]{}"


def gb2312() -> str:
    chars = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def characters() -> list[str]:
    text = "".join(path.read_text(encoding="utf-8") for path in OUTLINES)
    text += gb2312() + "".join(map(chr, range(0x20, 0x7F))) + PUNCTUATION
    return sorted(set(text) - {"\n"})


def test_the_ranges_encoding_round_trips():
    points = [0, 1, 2, 5, 7, 8, 0x4E00, 0x4E01, 0x10FFFF]
    starts, ends = decode_ranges(encode_ranges(points))
    assert [p for s, e in zip(starts, ends) for p in range(s, e)] == points
    assert decode_ranges(encode_ranges([])) == ([], [])


def open_metrics(style):
    """FontMetrics over the open faces of `style`, with a map from its face keys to the
    family names the table uses; skipped when the faces are not installed."""
    from render.fonts.metrics import FontMetrics
    from render.fonts.resolve import open_fonts

    try:
        fontset = open_fonts(style)
    except InputError as exc:
        pytest.skip(f"the open faces are not installed (`gongwen fonts install`): {exc}")
    faces = [f for r in fontset.roles.values() for f in (r.main, *r.fallbacks)]
    faces += [fontset.latin] if fontset.latin else []
    return FontMetrics(fontset), {face.key: face.name for face in faces}


@pytest.mark.parametrize("name", FONT_STYLES)
def test_the_table_answers_as_the_open_faces_do(name):
    """Every character of the outlines, of GB2312, ASCII and GB/T 15834's punctuation, in
    every role of every built-in style, set as Latin or not: the same face and exactly the same advance; the ink of
    the page numbers' characters too."""
    style = load_style(name)
    measured, family = open_metrics(style)
    table = ReferenceMetrics.for_style(style)
    assert table is not None
    wrong = []
    for role in style.fonts:
        for ch in characters():
            for latin in (False, True):
                face, em = measured.glyph(ch, role, latin)
                if table.glyph(ch, role, latin) != (family[face], em):
                    wrong.append((ch, role, latin, family[face], em, table.glyph(ch, role, latin)))
    pn = style.page_number
    for number in range(1, 1000):
        for ch in pn.format.replace("{n}", str(number)):
            face, _ = measured.glyph(ch, pn.font.role, False)
            if table.ink_middle(ch, family[face]) != measured.ink_middle(ch, face):
                wrong.append((ch, "ink", family[face]))
    assert not wrong, (f"{len(wrong)} answers differ, e.g. {wrong[:5]}: the installed faces are "
                       "not those the table was made from; regenerate it with "
                       "`python -m render.fonts.make_reference`")


def test_the_table_is_what_the_installed_faces_give():
    """Regenerating the table from the installed open faces gives the shipped bytes."""
    from render.fonts.make_reference import make_table, table_bytes

    open_metrics(load_style("gbt9704"))  # skips without the faces
    assert table_bytes(make_table()) == TABLE.read_bytes(), \
        "regenerate the table: python -m render.fonts.make_reference"


@pytest.mark.parametrize("path", OUTLINES, ids=lambda p: p.name)
def test_layout_with_the_table_is_layout_with_the_open_faces(path):
    """Every line of every source outline where the open faces put it, apart from the faces'
    names."""
    document = load_text(path.read_text(encoding="utf-8"), str(path), base_dir=path.parent)
    style = load_style(document.style)
    measured, family = open_metrics(style)
    flow = compose(document, style)

    def plain(pages):
        return [(p.number, p.numbered, [(l.kind, l.text, l.row, l.last,
                                         [(s.text, s.size, s.xs, s.y) for s in l.spans])
                                        for l in p.lines]) for p in pages]

    assert plain(layout(flow, style, layout_metrics(style))) == plain(layout(flow, style, measured))


def test_layout_metrics_picks_the_fonts_the_table_or_even_ones(tmp_path):
    style = load_style("gbt9704")
    assert isinstance(layout_metrics(style), ReferenceMetrics)
    custom = tmp_path / "custom.yaml"
    custom.write_text("extends: gbt9704\nfonts:\n  fangsong: {word: 仿宋, pdf: [仿宋]}\n",
                      encoding="utf-8")
    assert isinstance(layout_metrics(load_style(str(custom))), EvenMetrics)
    measured, _ = open_metrics(style)
    assert type(layout_metrics(style, measured.fontset)).__name__ == "FontMetrics"


def latin_outline(paragraphs: int, words: int) -> str:
    """Long paragraphs of Latin words (widths far from half an em) and a 版记."""
    sentence = ("The Qingdao Municipal Bureau of Industry and Information Technology WILL "
                "support SMEs in adopting MES, ERP and PLM systems, with 2,000,000 yuan. ")
    body = "".join(f"  - |-\n    第{n + 1}段：{(sentence * words)[:40 * words]}\n"
                   for n in range(paragraphs))
    return ("style: gbt9704\ntitle: 关于数字化转型的通知\nissuers:\n  - 青岛市工业和信息化局\n"
            "date: 2023-06-12\naddressee: 各区（市）工业和信息化主管部门\nbody:\n" + body
            + "imprint:\n  cc:\n    - 市财政局\n  printer: 青岛市工业和信息化局办公室\n"
            "  date: 2023-06-12\n")


LATIN_CASES = [(2, 9), (3, 10), (4, 8), (5, 11), (6, 9), (7, 12), (9, 10), (12, 9)]


def test_the_docx_is_the_same_with_and_without_the_fonts(tmp_path, monkeypatch):
    from render.fonts.resolve import installed, resolve_fonts

    documents = [load_text(latin_outline(*case)) for case in LATIN_CASES]
    style = load_style("gbt9704")
    # with the fonts: the .docx of a build that makes the PDF too, laid out with the faces
    with_fonts = [render_document(document, style, ("docx", "pdf"))["docx"]
                  for document in documents]
    machine_without_fonts(tmp_path, monkeypatch)
    installed.cache_clear()
    try:
        with pytest.raises(InputError):
            resolve_fonts(style)  # the fonts are really out of reach
        without = [render_document(document, style)["docx"] for document in documents]
    finally:
        installed.cache_clear()
    assert with_fonts == without


def test_even_metrics_would_place_some_of_those_imprints_elsewhere(monkeypatch):
    """The outlines above are ones where the metrics matter: with even metrics at least one
    版记 lands elsewhere (what made the .docx depend on the machine)."""
    from render.docx.writer import imprint_plan

    style = load_style("gbt9704")
    blocks = [compose(load_text(latin_outline(*case)), style) for case in LATIN_CASES]

    def plans(metrics):
        return [imprint_plan(typeset(b, style, metrics), len(b) - 1) for b in blocks]

    assert plans(layout_metrics(style)) != plans(EvenMetrics())


def test_a_docx_build_imports_neither_reportlab_nor_fonttools(tmp_path):
    code = ("import sys; from render.cli import main; "
            f"assert main(['build', '-q', '--format', 'docx', '-o', {str(tmp_path)!r}, "
            f"{str(ROOT / 'source/examples/notice-full.yaml')!r}]) == 0; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'fontTools'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"

"""GB/T 15834's Chinese marks outside the CJK blocks (“ ” ‘ ’ — … ·) are set in the East Asian
face wherever they stand, after digits and Latin letters too: in the typeset plan (so in our
PDF), in the .docx's run fonts (so in Word, WPS and LibreOffice), and as measured in both
renderings."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_text import NS, W, part

from conftest import build, convert_with_libreoffice, fonts_installed
from render.chars import ASIAN, EAST_ASIAN_MARKS, east_asian_runs, script
from render.compose import compose
from render.fonts import layout_metrics
from render.layout.pages import typeset
from render.load import load_file
from render.style import load_style

ROOT = Path(__file__).resolve().parent.parent
STRESS = ROOT / "source" / "examples" / "stress-digits-punctuation.yaml"
# Marks right after a digit or a percent sign in the stress example
AFTER_LATIN = {"1”", "%…"}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def test_chinese_stretches_with_marks_are_runs_of_their_own():
    assert east_asian_runs("智能等“10+1”产业链") == [("智能等“", True), ("10+1", False),
                                                ("”产业链", True)]
    assert east_asian_runs("16.9%……各") == [("16.9%", False), ("……各", True)]
    assert east_asian_runs("GB/T 15834—2011") == [("GB/T 15834", False), ("—", True),
                                                  ("2011", False)]
    assert east_asian_runs("青岛·智造") == [("青岛·智造", True)]  # · is Latin-1
    assert east_asian_runs("全国（3.8%）0.4") == [("全国（3.8%）0.4", False)]  # no such mark
    assert east_asian_runs("a-b, \"c\" – d") == [("a-b, \"c\" – d", False)]  # ASCII stays
    assert east_asian_runs("") == []


@pytest.fixture(scope="module")
def stress_plan():
    document = load_file(STRESS)
    style = load_style(document.style, STRESS.parent)
    return style, typeset(compose(document, style), style, layout_metrics(style))


def _glyphs(plan):
    """(character, the character before it on the line, face, size) for every glyph on the
    grid (not the page numbers, whose digits are in their CJK face)."""
    out = []
    for page in plan.pages:
        for line in page.body:
            chars = [(ch, span.face, span.size) for span in line.spans for ch in span.text]
            out += [(ch, chars[i - 1][0] if i else "", face, size)
                    for i, (ch, face, size) in enumerate(chars)]
    return out


def test_marks_after_digits_are_typeset_in_the_east_asian_face(stress_plan):
    style, plan = stress_plan
    glyphs = _glyphs(plan)
    latin_faces = {face for ch, _, face, _ in glyphs if ch.isascii() and ch.isalnum()}
    marks = [(ch, before, face, size) for ch, before, face, size in glyphs
             if ch in EAST_ASIAN_MARKS]
    assert not [m for m in marks if m[2] in latin_faces], "a Chinese mark in the Latin face"
    after_latin = {before + ch for ch, before, _, _ in marks if before.isascii() and before.strip()}
    assert after_latin >= AFTER_LATIN
    # “10+1”产业链: the closing quote in the face and size of the 汉字 after it
    quotes = [(face, size, after_face, after_size) for (ch, before, face, size),
              (after, _, after_face, after_size) in zip(glyphs, glyphs[1:])
              if before + ch + after == "1”产"]
    assert quotes and set(quotes) == {("FandolFang", 16, "FandolFang", 16)}


def _east_asian_face(styles, style_id: str) -> str:
    style = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    fonts = style.find("w:rPr/w:rFonts", NS)
    if fonts is not None and fonts.get(w("eastAsia")):
        return fonts.get(w("eastAsia"))
    return _east_asian_face(styles, style.find("w:basedOn", NS).get(w("val")))


def test_docx_runs_name_the_east_asian_face_for_marks(tmp_path):
    docx = build(STRESS, tmp_path, "--format", "docx")
    styles = part(docx, "word/styles.xml")
    body = part(docx, "word/document.xml").find("w:body", NS)
    checked = set()
    for p in body.iter(w("p")):
        style_id = p.find("w:pPr/w:pStyle", NS).get(w("val"))
        runs = p.findall("w:r", NS)
        for index, run in enumerate(runs):
            text = "".join(t.text or "" for t in run.iter(w("t")))
            if not EAST_ASIAN_MARKS & set(text):
                continue
            assert all(ch in EAST_ASIAN_MARKS or script(ch) == ASIAN for ch in text), text
            char_style = run.find("w:rPr/w:rStyle", NS)
            face = _east_asian_face(styles, char_style.get(w("val")) if char_style is not None
                                    else style_id)
            fonts = run.find("w:rPr/w:rFonts", NS)
            assert fonts is not None, f"{text!r} names no fonts"
            slots = {slot: fonts.get(w(slot)) for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
            assert slots == dict.fromkeys(slots, face), (text, slots)
            assert fonts.get(w("hint")) == "eastAsia"
            before = "".join(t.text or "" for t in runs[index - 1].iter(w("t"))) if index else ""
            checked.add(before[-1:] + text[:2])
    assert {"1”产", "%……"} <= checked  # the run after "10+1", the run after "16.9%"


@pytest.mark.slow
def test_quote_after_a_digit_is_in_the_cjk_face_in_both_renderings(tmp_path):
    """pdfplumber on our PDF and on LibreOffice's rendering of our .docx: the ” of “10+1” and
    the …… after 16.9% are in the body's CJK face at 16 pt, as the 汉字 beside them."""
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    import pdfplumber

    docx = build(STRESS, tmp_path)
    ours = tmp_path / f"{STRESS.stem}.pdf"
    theirs = convert_with_libreoffice(docx, tmp_path / "lo")
    for pdf_path in (ours, theirs):
        found = []
        with pdfplumber.open(pdf_path) as pdf:
            chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
        for before, mark, after in zip(chars, chars[1:], chars[2:]):
            if before["text"] + mark["text"] + after["text"] in ("1”产", "%……"):
                assert mark["fontname"] == after["fontname"], (pdf_path.name, mark["fontname"])
                assert "Fang" in mark["fontname"], mark["fontname"]
                assert "Liberation" in before["fontname"]
                assert round(mark["size"]) == 16
                assert mark["x1"] - mark["x0"] > 14  # a full cell, not Liberation's 7 pt quote
                found.append(mark["text"])
        assert set(found) == {"”", "…"}, (pdf_path.name, found)

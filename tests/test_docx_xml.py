"""The seed's .docx, read as XML: geometry, grid, fonts, styles, footers, properties and text."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from docx_text import NS, W, docx_paragraphs, names, paragraph_styles, part

from conftest import SEED, build
from render.chars import EAST_ASIAN_MARKS


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def val(el, attr: str = "val"):
    return None if el is None else el.get(w(attr))


@pytest.fixture(scope="module")
def styles(seed_docx):
    return part(seed_docx, "word/styles.xml")


def style_el(styles, style_id: str):
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, f"no style {style_id}"
    return found


def test_page_geometry_and_line_grid(seed_docx):
    sect = part(seed_docx, "word/document.xml").find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (val(size, "w"), val(size, "h")) == ("11906", "16838")  # A4
    margins = sect.find("w:pgMar", NS)
    expected = {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}  # 37/35/28/26 mm
    for side, twips in expected.items():
        assert abs(int(val(margins, side)) - twips) <= 1, side
    grid = sect.find("w:docGrid", NS)
    assert val(grid, "type") == "lines"  # the char grid renders 14 chars per line in LibreOffice
    assert val(grid, "linePitch") == "579"  # 580 gives 21 lines
    assert val(grid, "charSpace") is None


def test_defaults_and_normal_carry_the_grid_recipe(styles):
    defaults = styles.find("w:docDefaults", NS)
    rpr = defaults.find("w:rPrDefault/w:rPr", NS)
    assert val(rpr.find("w:rFonts", NS), "eastAsia") == "仿宋_GB2312"
    assert val(rpr.find("w:sz", NS)) == "32"
    assert val(rpr.find("w:lang", NS), "eastAsia") == "zh-CN"
    spacing = defaults.find("w:pPrDefault/w:pPr/w:spacing", NS)
    assert (val(spacing, "line"), val(spacing, "lineRule"), val(spacing, "after")) == ("579", "exact", "0")
    normal = style_el(styles, "Normal")
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (val(spacing, "line"), val(spacing, "lineRule")) == ("579", "exact")
    assert val(normal.find("w:rPr/w:spacing", NS)) == "-5"  # 28 characters of 15.75 pt
    assert val(normal.find("w:pPr/w:overflowPunct", NS)) == "1"  # LibreOffice: no hanging
    assert val(normal.find("w:pPr/w:autoSpaceDE", NS)) == "1"  # LibreOffice adds it anyway
    assert val(normal.find("w:pPr/w:widowControl", NS)) == "0"


@pytest.mark.parametrize(
    "style_id, font, size, outline_level",
    [
        ("GwTitle", "方正小标宋简体", "44", None),
        ("GwBody", "仿宋_GB2312", "32", None),
        ("GwByline", "楷体_GB2312", "32", None),
        ("GwHeading1", "黑体", "32", "0"),
        ("GwHeading2", "楷体_GB2312", "32", "1"),
        ("GwHeading3", "仿宋_GB2312", "32", "2"),
        ("GwHeading4", "仿宋_GB2312", "32", "3"),
        ("GwLead2", "楷体_GB2312", "32", None),
        ("GwPageNumber", "宋体", "28", None),
    ],
)
def test_element_styles(styles, style_id, font, size, outline_level):
    style = style_el(styles, style_id)
    fonts = style.find("w:rPr/w:rFonts", NS)
    assert val(fonts, "eastAsia") == font
    assert val(style.find("w:rPr/w:sz", NS)) == size
    assert val(style.find("w:pPr/w:outlineLvl", NS)) == outline_level
    bold = style.find("w:rPr/w:b", NS)
    assert bold is None or val(bold) == "0", "headings are not bold by default"


def test_indents_and_alignment(styles):
    body = style_el(styles, "GwBody")
    assert val(body.find("w:pPr/w:ind", NS), "firstLine") == "640"  # two 三号 characters
    assert val(body.find("w:pPr/w:jc", NS)) == "both"
    assert val(style_el(styles, "GwTitle").find("w:pPr/w:jc", NS)) == "center"
    heading = style_el(styles, "GwHeading1").find("w:pPr", NS)
    assert val(heading.find("w:ind", NS), "firstLine") == "640"
    assert heading.find("w:keepNext", NS) is not None
    runin = style_el(styles, "GwRunIn2")
    assert val(runin.find("w:basedOn", NS)) == "GwBody"
    assert runin.find("w:pPr/w:outlineLvl", NS) is None  # body text: the lead is no heading


DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"


def test_no_theme_fonts_anywhere(seed_docx):
    """Every font is named outright: the theme (its own faces, theme.py) is never relied on."""
    members = names(seed_docx)
    assert not [n for n in members if "stylesWithEffects" in n or "thumbnail" in n]
    for name in members:
        if name.endswith(".xml") and name.startswith("word/"):
            text = part(seed_docx, name)
            for el in text.iter(w("rFonts")):
                assert not [a for a in el.attrib if "Theme" in a or "theme" in a], name
            if not name.startswith("word/theme/"):  # no colour taken from the theme
                assert not list(text.iter(f"{{{DRAWING}}}schemeClr")), name
    styles = part(seed_docx, "word/styles.xml")
    for fonts in styles.iter(w("rFonts")):
        if set(fonts.attrib) - {w("hint")}:
            assert val(fonts, "eastAsia"), "a style names fonts without the East Asian slot"


def test_paragraphs_use_named_styles_without_direct_formatting(seed_docx):
    body = part(seed_docx, "word/document.xml").find("w:body", NS)
    paragraphs = body.findall("w:p", NS)
    assert len(paragraphs) > 30
    for p in paragraphs:
        assert p.find("w:pPr/w:pStyle", NS) is not None
        ppr = p.find("w:pPr", NS)
        assert [c.tag for c in ppr] == [w("pStyle")], "direct paragraph formatting"
        for run in p.iter(w("r")):
            text = "".join(t.text or "" for t in run.iter(w("t")))
            for child in run.iterfind("w:rPr/*", NS):
                # w:spacing: a line layout squeezed (tests/test_squeeze.py checks which)
                assert child.tag in (w("rStyle"), w("rFonts"), w("spacing")), child.tag
                if child.tag == w("rFonts") and set(child.attrib) != {w("hint")}:
                    # only Chinese with East Asian marks names its face (and says East Asian)
                    assert not EAST_ASIAN_MARKS.isdisjoint(text), text
                    assert not any(ch.isascii() for ch in text), text
                    assert val(child, "hint") == "eastAsia"


def test_quotes_and_dashes_are_set_in_the_east_asian_face(seed_docx):
    body = part(seed_docx, "word/document.xml").find("w:body", NS)
    runs = [r for r in body.iter(w("r")) if "“" in "".join(t.text or "" for t in r.iter(w("t")))]
    assert runs
    for run in runs:
        fonts = run.find("w:rPr/w:rFonts", NS)
        assert val(fonts, "hint") == "eastAsia"
        assert val(fonts, "ascii") == val(fonts, "hAnsi") == val(fonts, "eastAsia")


def test_odd_and_even_page_number_footers(seed_docx):
    settings = part(seed_docx, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    sect = part(seed_docx, "word/document.xml").find("w:body/w:sectPr", NS)
    refs = {val(r, "type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in sect.findall("w:footerReference", NS)}
    assert set(refs) == {"default", "even"}
    rels = part(seed_docx, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for kind, side, indent_attr in (("default", "right", "right"), ("even", "left", "left")):
        footer = part(seed_docx, "word/" + targets[refs[kind]])
        p = footer.find("w:p", NS)
        assert val(p.find("w:pPr/w:jc", NS)) == side
        assert val(p.find("w:pPr/w:ind", NS), indent_attr) == "280"  # one 四号 character
        instr = "".join(t.text for t in p.iter(w("instrText")))
        assert instr.strip() == "PAGE"
        assert [val(f, "fldCharType") for f in p.iter(w("fldChar"))] == ["begin", "separate", "end"]
        texts = [t.text for t in p.iter(w("t"))]
        assert texts[0] == "— " and texts[-1] == " —"


def test_document_properties(seed_docx):
    core = part(seed_docx, "docProps/core.xml")
    dc = "http://purl.org/dc/elements/1.1/"
    assert core.find(f"{{{dc}}}title").text == "市工业和信息化2022年工作总结"
    assert core.find(f"{{{dc}}}creator").text == "青岛市工业和信息化局"
    created = core.find("{http://purl.org/dc/terms/}created").text
    assert created.startswith("2023-02-16")


def chinese(n: int) -> str:
    """The test's own numerals for the seed (1–19)."""
    digits = "一二三四五六七八九"
    return digits[n - 1] if n < 10 else "十" + (digits[n - 11] if n > 10 else "")


def expected_paragraphs() -> list[tuple[str, str]]:
    """The seed's paragraphs as the material style must print them, derived from the raw YAML."""
    raw = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    pub = raw["publication"]
    day = dt.date.fromisoformat(str(pub["date"]))
    out = [("GwTitle", raw["title"]),
           ("GwByline", f"来源：{pub['source']}　发布日期：{day.year}年{day.month}月{day.day}日"),
           ("GwBlank", "")]

    def blocks(items, depth):
        count = 0
        for item in items:
            if isinstance(item, str):
                out.append(("GwBody", item.replace("\n", "")))
                continue
            count += 1
            number = {1: f"{chinese(count)}、", 2: f"（{chinese(count)}）",
                      3: f"{count}.", 4: f"（{count}）"}[depth]
            if "lead" in item:
                out.append((f"GwRunIn{depth}", number + item["lead"] + item.get("text", "").replace("\n", "")))
            else:
                out.append((f"GwHeading{depth}", number + item["heading"]))
            blocks(item.get("body", []), depth + 1)

    blocks(raw["body"], 1)
    return out


def test_every_character_of_the_outline_in_order(seed_docx):
    assert paragraph_styles(seed_docx) == expected_paragraphs()


def test_builds_are_byte_identical(tmp_path):
    first = build(SEED, tmp_path / "a").read_bytes()
    second = build(SEED, tmp_path / "b").read_bytes()
    assert first == second


def test_docx_text_contains_no_stray_characters(seed_docx):
    text = "".join(docx_paragraphs(seed_docx))
    assert "\n" not in text and "\u00a0" not in text and "  " not in text


def test_font_table_lists_our_faces_with_substitutes(seed_docx):
    table = part(seed_docx, "word/fontTable.xml")
    fonts = {val(f, "name"): f for f in table.findall("w:font", NS)}
    assert set(fonts) == {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体", "Times New Roman"}
    assert val(fonts["仿宋_GB2312"].find("w:altName", NS)) == "仿宋"
    assert val(fonts["楷体_GB2312"].find("w:altName", NS)) == "楷体"
    assert val(fonts["黑体"].find("w:charset", NS)) == "86"

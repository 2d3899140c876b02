"""Where the 署名 and 成文日期 stand on their lines (GB/T 9704 §7.3.5), measured where they are
set, not restated from composition's arithmetic: sealed, the date 右空四字 and each 署名 centred
on the date (±0.5 mm); unsealed, the 署名 右空二字 and the date's first character exactly two
characters right of the 署名's first, or, with a date longer than the 署名, the date 右空二字 and
the 署名 two characters left of it; with a 签名章, it and the date 右空四字. A date such as 2023年5月8日 is wider than its characters'
nominal widths (autospacing between digits and Chinese, tracking), so the positions come from
its set width (render/spacing.py).

Fast: the typeset plan with the shipped metrics. Slow: our PDF and LibreOffice's rendering of
our .docx, measured with pdfplumber."""

from __future__ import annotations

import functools

import pytest

from render.compose import compose
from render.fonts import layout_metrics
from render.fonts.reference import ReferenceMetrics
from render.layout.pages import typeset
from render.load import load_text
from render.spacing import set_width
from render.style import available, load_style

STYLE = load_style("gbt9704")
EM = STYLE.advance(16)  # a 三号 character on the line: 15.75 pt
MM = 72 / 25.4
CENTRE_TOLERANCE = 0.5 * MM  # the issue's ±0.5 mm
EXACT = 0.06  # points: one twip, what a .docx can state
# LibreOffice places lines in its own units: measured up to 0.15 pt right of ours at a left
# indent and 0.1 pt left of ours at a right-aligned edge (the body text and titles alike).
LO_EXACT = 0.3
# The type area's right edge as the .docx states it (page and margin in whole twips).
RIGHT = (round(210 * MM * 20) - round(26 * MM * 20)) / 20

SEALED = [
    (["某局"], "2023-01-01"),
    (["青岛市工业和信息化局"], "2023-12-31"),
    (["某某市人民政府", "某局"], "2023-05-08"),  # joint issuers
    (["中华人民共和国工业和信息化部", "某局", "某某市人民政府"], "2023-11-30"),
]
UNSEALED_NAME_WIDER = [
    (["青岛市工业和信息化局"], "2023-01-01"),
    (["青岛市工业和信息化局"], "2023-05-08"),
    (["某某市人民政府办公厅", "某局"], "2023-01-01"),
]
UNSEALED_DATE_WIDER = [  # a date longer than the 署名: 右空二字, the 署名 moves left
    (["某局"], "2023-12-25"),
    (["青岛市工业和信息化局"], "2023-12-31"),  # wider by its autospacing alone
    (["某某市人民政府", "某局"], "2023-01-01"),
]


SIGNER = "signer:\n  title: 局长\n  name: 张三\n"


def outline(issuers: list[str], date: str, seal: str) -> str:
    signer = SIGNER if seal == "signature" else ""
    return (f"title: 测试\nissuers: [{', '.join(issuers)}]\ndate: {date}\nseal: {seal}\n"
            f"{signer}body:\n  - 正文。\n")


@pytest.mark.parametrize("name", available(None))
def test_digits_are_half_an_em_in_the_latin_faces_we_ship(name):
    """Composition sets a date with digits at half an em (render/spacing.py); that is exact
    only while the Latin face layout and LibreOffice use gives digits that advance."""
    style = load_style(name)
    metrics = ReferenceMetrics.for_style(style)
    assert metrics is not None, f"{name} is not measured with the shipped metrics"
    for ch in "0123456789":
        face, advance = metrics.glyph(ch, style.element("date").font.role, True)
        assert advance == 0.5, f"{ch} in {face}: {advance} em"


def test_a_dates_set_width_counts_its_autospacing_and_tracking():
    """2023年5月8日: 6 digits at 8 pt, 3 characters at 16 pt, 5 autospaced joints of 3.2 pt,
    and the run spacing (−0.25 pt) only between the digits of 2023 (the other characters end
    their portion)."""
    assert set_width("2023年5月8日", 16, -0.25, True) == pytest.approx(
        6 * 8 + 3 * 16 + 5 * 3.2 - 3 * 0.25)
    assert set_width("青岛市", 16, -0.25, True) == pytest.approx(3 * 16 - 2 * 0.25)


# -- the typeset plan (fast) ----------------------------------------------------------------------


@functools.cache
def planned(issuers: tuple[str, ...], date: str, seal: str):
    """The 署名 lines' and the date line's (x0, x1) in the typeset plan, in points."""
    plan = typeset(compose(load_text(outline(list(issuers), date, seal)), STYLE), STYLE,
                   layout_metrics(STYLE))
    metrics = layout_metrics(STYLE)
    role = STYLE.element("date").font.role

    def extent(line):
        first, last = line.spans[0], line.spans[-1]
        ch = last.text[-1]
        advance = metrics.glyph(ch, role, ch.isascii())[1]
        return first.xs[0], last.xs[-1] + round(advance * last.size * 20) / 20

    kinds = ("signer", "date") if seal == "signature" else ("signature", "date")
    lines = [line for line in plan.pages[-1].lines if line.kind in kinds]
    if seal != "signature":
        assert [line.text for line in lines[:-1]] == list(issuers)
    return [extent(line) for line in lines[:-1]], extent(lines[-1])


def check_sealed(names, date, exact=EXACT):
    d0, d1 = date
    assert RIGHT - d1 == pytest.approx(4 * EM, abs=exact), "the date is not 右空四字"
    for n0, n1 in names:
        offset = (n0 + n1) / 2 - (d0 + d1) / 2
        assert abs(offset) <= CENTRE_TOLERANCE, f"署名 centred {offset / MM:+.2f} mm off the date"


def check_unsealed(names, date, date_wider: bool, exact=EXACT):
    d0, d1 = date
    starts = {round(n0, 2) for n0, _ in names}
    assert len(starts) == 1, "joint 署名 do not start together"
    n0 = names[0][0]
    assert d0 - n0 == pytest.approx(2 * EM, abs=exact), \
        f"the date starts {(d0 - n0) / EM:.3f} characters right of the 署名"
    widest = max(n1 for _, n1 in names)
    if date_wider:
        assert RIGHT - d1 == pytest.approx(2 * EM, abs=exact), "the date is not 右空二字"
        assert RIGHT - widest > 2 * EM + exact
    else:
        assert RIGHT - widest == pytest.approx(2 * EM, abs=exact), "the 署名 is not 右空二字"
        assert RIGHT - d1 > 2 * EM + exact


@pytest.mark.parametrize("issuers, date", SEALED)
def test_sealed_plan_centres_each_name_on_the_date(issuers, date):
    check_sealed(*planned(tuple(issuers), date, "seal"))


def check_signature_seal(signer, date, exact=EXACT):
    """§7.3.5.3: the 签名章 (the signer's title and name) and the date 右空四字."""
    for what, (_, x1) in (("签名章", signer[0]), ("date", date)):
        assert RIGHT - x1 == pytest.approx(4 * EM, abs=exact), f"the {what} is not 右空四字"


@pytest.mark.parametrize("date", ["2023-01-01", "2023-12-31"])
def test_signature_seal_plan_sets_signer_and_date_right_space_four(date):
    check_signature_seal(*planned(("某局",), date, "signature"))


@pytest.mark.parametrize("issuers, date", UNSEALED_NAME_WIDER)
def test_unsealed_plan_sets_the_name_right_space_two_and_the_date_two_in(issuers, date):
    check_unsealed(*planned(tuple(issuers), date, "none"), date_wider=False)


@pytest.mark.parametrize("issuers, date", UNSEALED_DATE_WIDER)
def test_unsealed_plan_sets_a_longer_date_right_space_two(issuers, date):
    check_unsealed(*planned(tuple(issuers), date, "none"), date_wider=True)


# -- as printed: our PDF and LibreOffice's rendering of our .docx (slow) -------------------------

CASES = ([("seal", i, d, None) for i, d in SEALED]
         + [("none", i, d, False) for i, d in UNSEALED_NAME_WIDER]
         + [("none", i, d, True) for i, d in UNSEALED_DATE_WIDER]
         + [("signature", ["某局"], "2023-12-31", None)])


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Each case built once (.docx and PDF); the .docx files converted by LibreOffice at once."""
    from conftest import build, convert_all_with_libreoffice, fonts_installed

    out = tmp_path_factory.mktemp("signature")
    docx = []
    for index, (seal, issuers, date, _) in enumerate(CASES):
        source = out / f"case{index}.yaml"
        source.write_text(outline(issuers, date, seal), encoding="utf-8")
        docx.append(build(source, out))
    ours = [path.with_suffix(".pdf") for path in docx] if fonts_installed() else None
    return {"pdf": ours, "libreoffice": convert_all_with_libreoffice(docx, out / "lo")}


@pytest.mark.slow
@pytest.mark.parametrize("renderer", ["pdf", "libreoffice"])
@pytest.mark.parametrize("case", range(len(CASES)))
def test_printed_signature_positions(printed, renderer, case):
    from pdfmeasure import body_rows, rows

    if printed[renderer] is None:
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    seal, issuers, _, date_wider = CASES[case]
    page = body_rows(rows(printed[renderer][case])[-1])
    exact = EXACT if renderer == "pdf" else LO_EXACT
    if seal == "signature":
        signer, date = page[-2], page[-1]
        assert signer.text == "局长张三"
        check_signature_seal([(signer.x0, signer.x1)], (date.x0, date.x1), exact)
        return
    count = len(issuers)
    assert [row.text for row in page[-count - 1:-1]] == issuers
    names = [(row.x0, row.x1) for row in page[-count - 1:-1]]
    date = (page[-1].x0, page[-1].x1)
    if seal == "seal":
        check_sealed(names, date, exact)
    else:
        check_unsealed(names, date, date_wider, exact)

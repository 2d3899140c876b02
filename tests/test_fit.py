"""Content that does not fit its place is never dropped off the page (issue #9): it wraps where
GB/T 9704 lets it, or the build refuses it with a ContentError naming the outline value.

The refusals are tested where they are raised (composition and layout), which both writers and
`gongwen check` run; the builds that fit are measured in the PDF (every character inside the
type area's width and on the paper) and, where the .docx can say, in its XML."""

from __future__ import annotations

import pytest
import pdfplumber

from conftest import build, fonts_installed
from docx_text import NS, W, part
from render.cli import main
from render.pipeline import render_document
from render.errors import ContentError, InputError
from render.compose import compose
from render.layout.breaking import EvenMetrics
from render.layout.pages import layout
from render.load import load_text
from render.style import load_style
from pdfmeasure import LEFT, RIGHT

BODY = "body:\n  - |-\n    正文。\n"


def outline(text: str):
    document = load_text(text)
    return document, load_style(document.style)


def refused(text: str) -> ContentError:
    """The ContentError composition and layout raise, and the .docx writer with them."""
    document, style = outline(text)
    with pytest.raises(ContentError) as composed:
        layout(compose(document, style), style, EvenMetrics())
    with pytest.raises(InputError) as written:  # the build places it: file:line:col
        render_document(document, style)
    assert composed.value.message in str(written.value)
    return composed.value


def names(items: list[str], indent: int = 4) -> str:
    return "".join(f"{' ' * indent}- {item}\n" for item in items)


def cc(count: int, printer: bool = True) -> str:
    entries = [f"单位{i:02d}青岛市某某某某局" for i in range(count)]
    tail = "  printer: 青岛市工业和信息化局办公室\n  date: 2023-03-01\n" if printer else ""
    return f"imprint:\n  cc:\n{names(entries)}{tail}"


SIMPLE = "style: gbt9704\ntitle: 标题\nissuers:\n  - 青岛市工业和信息化局\ndate: 2023-03-01\n"


def signed_by(name: str) -> str:
    """SIMPLE signed by `name`, too long for a 发文机关标志: the 版头 names a short one."""
    return SIMPLE.replace("title:", "header:\n  issuers: [某市]\ntitle:").replace(
        "  - 青岛市工业和信息化局\n", name)


# -- refused -----------------------------------------------------------------------------------


def test_imprint_taller_than_a_page_names_the_cc_entry_that_does_not_fit():
    error = refused(SIMPLE + BODY + cc(60))
    assert error.key[:2] == ("imprint", "cc") and 30 < error.key[2] < 60
    assert "版记" in error.message and "抄送" in error.message
    document, style = outline(SIMPLE + BODY + cc(error.key[2]))  # the entries before it fit
    layout(compose(document, style), style, EvenMetrics())


def test_imprint_taller_than_a_page_in_a_letter():
    head = "style: letter\nheader:\n  doc_number: 青工信函〔2023〕45号\n"
    error = refused(head + "title: 标题\nissuers:\n  - 青岛市工业和信息化局\n" + BODY
                    + cc(80, printer=False))
    assert error.key[:2] == ("imprint", "cc")


def test_moved_addressee_too_long_for_the_imprint():
    """A 主送机关 that leaves page 1 no room goes to the 版记 (§7.4.2); one too long for that
    too is refused."""
    addressee = "，".join(f"第{i}区人民政府" for i in range(1, 80))
    error = refused("title: 关于做好有关工作的通知\nheader:\n  doc_number: 某发〔2024〕1号\n"
                    f"issuers: [某局]\naddressee: {addressee}\n{BODY}"
                    "imprint:\n  cc: [某厅]\n  printer: 某局办公室\n  date: 2024-01-05\n")
    assert error.key == ("addressee",) and "主送" in error.message


def test_signature_wider_than_its_line():
    error = refused(signed_by("  - " + "青" * 27 + "\n") + BODY)
    assert error.key == ("issuers", 0)
    assert "署名" in error.message


def test_joint_signature_names_the_issuer():
    error = refused(signed_by("  - 青岛市\n  - " + "青" * 30 + "\n") + BODY)
    assert error.key == ("issuers", 1) and "署名" in error.message


def test_printer_crowding_out_the_date():
    error = refused(SIMPLE + BODY + "imprint:\n  printer: " + "青" * 22 + "\n  date: 2023-03-01\n")
    assert error.key == ("imprint", "printer")
    assert "印发机关" in error.message


def joint(count: int, style: str = "gbt9704", where: str = "header") -> str:
    issuers = [f"青岛市第{i}局" for i in range(count)]
    if where == "header":
        head = f"header:\n  issuers:\n{names(issuers)}"
        issuers_key = "issuers:\n  - 青岛市第0局\n"
    else:
        head, issuers_key = "header:\n", f"issuers:\n{names(issuers, 2)}"
    extra = "  mark_suffix: 令\n  order_number: 第12号\n" if style == "order" else \
        "  doc_number: 青工信发〔2023〕5号\n"
    return f"style: {style}\n{head}{extra}title: 标题\n{issuers_key}{BODY}"


@pytest.mark.parametrize("style", ["gbt9704", "order"])
def test_joint_mark_leaving_page_one_no_room_for_the_text(style):
    error = refused(joint(12, style))
    assert error.key[:2] == ("header", "issuers")
    assert "正文" in error.message and "发文机关标志" in error.message
    count = error.key[2]
    document, fmt = outline(joint(count, style))  # as many as it says fit: the text on page 1
    pages = layout(compose(document, fmt), fmt, EvenMetrics())
    assert any(line.kind == "body" for line in pages[0].lines)


def test_joint_mark_from_the_documents_issuers():
    assert refused(joint(12, where="document")).key[0] == "issuers"


def test_many_signers_leaving_page_one_no_room():
    signers = [f"王{chr(0x4e00 + i)}国" for i in range(30)]
    text = (f"style: gbt9704\nheader:\n  doc_number: 青工信〔2023〕5号\n  signers:\n"
            f"{names(signers)}title: 标题\nissuers: [某局]\n{BODY}")
    error = refused(text)
    assert error.key[:2] == ("header", "signers") and "签发人" in error.message


@pytest.mark.parametrize("header, key, word", [
    ("  doc_number: " + "青" * 40 + "〔2023〕5号\n", ("header", "doc_number"), "发文字号"),
    ("  doc_number: " + "青" * 20 + "〔2023〕5号\n  signers:\n    - 王建国\n    - 李明华\n",
     ("header", "doc_number"), "发文字号"),
    ("  doc_number: 青工信〔2023〕5号\n  signers:\n    - " + "王" * 20 + "\n    - 李明华\n",
     ("header", "signers", 0), "签发人"),
    ("  classification:\n    level: 绝密\n    period: " + "1" * 80 + "年\n",
     ("header", "classification", "period"), "密级"),
    ("  issuers:\n    - " + "青" * 40 + "\n", ("header", "issuers", 0), "发文机关标志"),
])
def test_letterhead_lines_that_must_be_one_line(header, key, word):
    error = refused(f"style: gbt9704\nheader:\n{header}title: 标题\nissuers: [某局]\n{BODY}")
    assert error.key == key and word in error.message


def test_order_number_too_long():
    text = (f"style: order\nheader:\n  issuers:\n    - 青岛市人民政府\n  mark_suffix: 令\n"
            f"  order_number: 第{'1' * 80}号\ntitle: 标题\n{BODY}")
    error = refused(text)
    assert error.key == ("header", "order_number") and "令号" in error.message


@pytest.mark.parametrize("header, key", [
    ("  copy_number: '25'\n  doc_number: " + "青" * 30 + "〔2023〕45号\n", ("header", "doc_number")),
    ("  issuers:\n    - " + "青" * 40 + "\n", ("header", "issuers", 0)),
])
def test_letter_head(header, key):
    assert refused(f"style: letter\nheader:\n{header}title: 标题\nissuers: [某局]\n{BODY}"
                   ).key == key


@pytest.mark.parametrize("command", ["build", "check"])
def test_build_and_check_refuse_at_the_entry_s_line(tmp_path, capsys, command):
    source = tmp_path / "cc.yaml"
    text = SIMPLE + BODY + cc(60)
    source.write_text(text, encoding="utf-8")
    args = [command, str(source)] + (["-q", "-o", str(tmp_path / "out")] if command == "build"
                                      else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    line = err.split(":")[1]
    assert text.splitlines()[int(line) - 1].strip().startswith("- 单位"), err
    assert "版记" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


# -- fitted --------------------------------------------------------------------------------------


def test_core_properties_clipped_not_the_text(tmp_path):
    title = "标题" * 150
    text = (f"style: gbt9704\nheader:\n  issuers: [青岛市]\ntitle:\n  - {title[:150]}\n"
            f"  - {title[150:]}\n"
            f"issuers:\n  - {'青' * 300}\n{BODY}")
    document, style = outline(text)
    path = tmp_path / "props.docx"
    path.write_bytes(render_document(document, style)["docx"])
    core = part(path, "docProps/core.xml")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert core.find(f"{dc}title").text == title[:255]
    assert core.find(f"{dc}creator").text == "青" * 255
    body = "".join(t.text or "" for t in part(path, "word/document.xml").iter(f"{{{W}}}t"))
    assert title[:150] in body and title[150:] in body


def test_imprint_of_a_full_page_fits():
    document, style = outline(SIMPLE + BODY + cc(40))
    pages = layout(compose(document, style), style, EvenMetrics())
    imprint = [line for line in pages[-1].lines if line.kind == "imprint"]
    assert imprint and min(line.row for line in imprint) >= 0


FITTING = {
    # a sealed 署名 too long to centre over the date ends at the type area's right edge
    "sealed": signed_by("  - " + "青" * 27 + "\n") + "seal: seal\n" + BODY,
    "unsealed26": signed_by("  - " + "青" * 26 + "\n") + BODY,
    # 签发人 lines of different widths: aligned on the widest, which ends 右空一字
    "signers": ("style: gbt9704\nheader:\n  doc_number: 青工信〔2023〕5号\n  signers:\n"
                "    - 王国\n    - 李华\n    - 欧阳建国\n    - 司马明华华\ntitle: 标题\n"
                "issuers: [某局]\n" + BODY),
    # long values that wrap: 主送, 附注, 附件说明, attendance, 签发人职务
    "wrapping": (SIMPLE + "addressee: " + "各区市" * 30 + "\n" + BODY
                 + "attachments:\n" + "".join(f"  - title: {'附件名称' * 15}{i}\n"
                                               "    separate: true\n" for i in range(3))
                 + "note: |-\n  " + "联系人" * 60 + "\n" + cc(20)),
    "order": ("style: order\nheader:\n  issuers:\n    - 青岛市人民政府\n  mark_suffix: 令\n"
              "  order_number: 第12号\ntitle: 标题\ndate: 2023-09-01\nseal: signature\n"
              f"signer:\n  title: {'青' * 30}市长\n  name: 赵豪志\n" + BODY),
    "minutes": ("style: minutes\nheader:\n  issuers:\n    - 青岛市\n  mark_suffix: 纪要\ntitle: 标题\n"
                + BODY + "attendance:\n  present:\n" + names([f"单位{i}张三" for i in range(60)])),
}


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed; run `gongwen fonts install`")
    out = tmp_path_factory.mktemp("fit")
    built = {}
    for name, text in FITTING.items():
        source = out / f"{name}.yaml"
        source.write_text(text, encoding="utf-8")
        built[name] = build(source, out)
    return built


@pytest.mark.parametrize("name", sorted(FITTING))
def test_everything_inside_the_page(fitted, name):
    with pdfplumber.open(fitted[name].with_suffix(".pdf")) as pdf:
        for page in pdf.pages:
            for c in page.chars:
                if not c["text"].strip():
                    continue
                assert c["x0"] >= LEFT - 0.5 and c["x1"] <= RIGHT + 0.5, (name, c["text"])
                assert c["top"] >= 0 and c["bottom"] <= page.height, (name, c["text"])


def test_sealed_long_signature_on_one_line_in_both(fitted):
    with pdfplumber.open(fitted["sealed"].with_suffix(".pdf")) as pdf:
        rows = {round(c["top"]) for c in pdf.pages[0].chars if c["text"] == "青"}
    assert len(rows) == 1
    document = part(fitted["sealed"], "word/document.xml")
    for p in document.iter(f"{{{W}}}p"):
        text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
        if text == "青" * 27:
            left = int(p.find("w:pPr/w:ind", NS).get(f"{{{W}}}left"))
            assert 0 <= left and left + 27 * 315 <= 8844  # 27 characters of 15.75 pt, in twips
            break
    else:
        pytest.fail("no 署名 paragraph")


def test_signers_aligned_in_the_docx(fitted):
    document = part(fitted["signers"], "word/document.xml")
    stops = {int(tab.get(f"{{{W}}}pos")) for p in document.iter(f"{{{W}}}p")
             for tab in p.findall("w:pPr/w:tabs/w:tab", NS)}
    # the first line's stop is the label's, the others the names'; all inside the type area
    assert stops and max(stops) + 5 * 315 + 315 <= 8844

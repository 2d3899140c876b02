"""gongwen diff: the structural report, and redlines whose Accept All gives NEW and Reject All
gives OLD, checked by resolving the tracked changes in the .docx XML."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, convert_with_libreoffice
from docx_text import NS, W, docx_paragraphs, part
from render import outline
from render.cli import main
from render.diff.redline import redline_blocks
from render.diff.report import JSON_SCHEMA
from render.diff.structure import compare
from render.pipeline import render_document
from render.docx.paragraphs import Revisions
from render.style import load_style

PAIR = ROOT / "source" / "examples" / "diff"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def resolve(docx_path, accept: bool) -> list[str]:
    """The paragraphs' texts after Accept All (or Reject All), from the OOXML: inserted text
    stays when accepting, deleted text when rejecting; a paragraph (or table row) whose mark
    was inserted goes when rejecting, one whose mark was deleted when accepting."""
    body = part(docx_path, "word/document.xml").find("w:body", NS)
    gone = ("ins", "moveTo") if not accept else ("del", "moveFrom")
    texts = []
    for row in body.iter(w("tr")):
        if any(row.find(f"w:trPr/w:{tag}", NS) is not None for tag in gone):
            row.set("gone", "1")
    for p in body.iter(w("p")):
        if any(p.find(f"w:pPr/w:rPr/w:{tag}", NS) is not None for tag in gone):
            continue
        if any(a.get("gone") for a in p.iterancestors(w("tr"))):
            continue
        text = []
        for node in p.iter(w("t"), w("delText")):
            wrapper = next((a.tag for a in node.iterancestors(
                w("ins"), w("del"), w("moveFrom"), w("moveTo"))), None)
            if wrapper in {w(tag) for tag in gone}:
                continue
            text.append(node.text or "")
        texts.append("".join(text))
    return [t for t in texts if t]


def redline(old: outline.Document, new: outline.Document, tmp_path: Path) -> Path:
    style = load_style(new.style)
    path = tmp_path / "redline.docx"
    path.write_bytes(render_document(new, style, blocks=redline_blocks(old, new, style),
                                     revisions=Revisions("测试", "2024-01-05T00:00:00Z"))["docx"])
    return path


def plain(document: outline.Document, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(render_document(document, load_style(document.style))["docx"])
    return [t for t in docx_paragraphs(path) if t]


def check_round_trip(old, new, tmp_path):
    path = redline(old, new, tmp_path)
    assert resolve(path, accept=True) == plain(new, tmp_path, "new")
    assert resolve(path, accept=False) == plain(old, tmp_path, "old")
    return path


def load(name: str) -> outline.Document:
    from render.load import load_file

    return load_file(PAIR / name)


def test_the_example_pair_report_is_as_expected(capsys):
    expected = (PAIR / "report.txt").read_text(encoding="utf-8")
    assert main(["diff", "--color", "never", str(PAIR / "notice-draft.yaml"),
                 str(PAIR / "notice-final.yaml")]) == 1
    assert capsys.readouterr().out == expected


def test_json_report_validates_against_its_schema(capsys):
    assert main(["diff", "--format", "json", str(PAIR / "notice-draft.yaml"),
                 str(PAIR / "notice-final.yaml")]) == 1
    data = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(JSON_SCHEMA)
    jsonschema.validate(data, JSON_SCHEMA)
    schema_file = json.loads((ROOT / "docs" / "diff.schema.json").read_text(encoding="utf-8"))
    assert schema_file == JSON_SCHEMA, "docs/diff.schema.json is out of date"
    assert data["equal"] is False
    assert {"path": "header.doc_number", "old": "青工信发〔2023〕12号",
            "new": "青工信发〔2023〕15号"} in data["fields"]
    for block in data["blocks"]:  # the ops rebuild both texts
        assert block["ops"] and all(len(op) == 3 for op in block["ops"])


def test_equal_versions_exit_zero(capsys):
    path = str(PAIR / "notice-final.yaml")
    assert main(["diff", path, path]) == 0
    assert "no differences" in capsys.readouterr().out


def test_renumbering_is_not_a_rewrite():
    old = load("notice-draft.yaml")
    new = copy.deepcopy(old)
    new.body.insert(1, outline.Section("新增的一节", body=[outline.Paragraph("新增内容。")]))
    changes = compare(old, new).blocks
    assert [(c.change, c.kind) for c in changes] == [("added", "section"), ("added", "paragraph")]
    assert changes[0].path == "一、"


def test_a_moved_section_is_one_move():
    old = load("notice-draft.yaml")
    new = copy.deepcopy(old)
    sections = [b for b in new.body if isinstance(b, outline.Section)]
    first, last = new.body.index(sections[0]), new.body.index(sections[-1])
    new.body[first], new.body[last] = new.body[last], new.body[first]
    changes = compare(old, new).blocks
    assert {c.change for c in changes} == {"moved"}
    assert all(c.kind == "section" for c in changes)


def test_numbers_are_never_split():
    from render.diff.text import diff_text

    ops = diff_text("增长3.8%，高于", "增长4.2%，高于")
    assert [(op.tag, op.old, op.new) for op in ops if op.tag != "equal"] == [
        ("replace", "3.8%", "4.2%")]


def test_example_pair_round_trip(tmp_path):
    path = check_round_trip(load("notice-draft.yaml"), load("notice-final.yaml"), tmp_path)
    document = part(path, "word/document.xml")
    starts = document.findall(".//w:moveFromRangeStart", NS)
    ends = document.findall(".//w:moveToRangeStart", NS)
    assert starts and [s.get(w("name")) for s in starts] == [e.get(w("name")) for e in ends]
    assert document.findall(".//w:moveFrom/w:r/w:t", NS)  # a moved paragraph is a move


def test_git_revisions_as_sides(tmp_path, capsys):
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(git[:3] + ["init", "-q"], check=True)
    (repo / "doc.yaml").write_text("title: 第一版\n", encoding="utf-8")
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "v1"], check=True)
    (repo / "doc.yaml").write_text("title: 第二版\n", encoding="utf-8")
    import os

    cwd = os.getcwd()
    os.chdir(repo)
    try:
        assert main(["diff", "--color", "never", "HEAD:doc.yaml", "doc.yaml"]) == 1
        assert "title (标题): 第[-一-]{+二+}版" in capsys.readouterr().out
        assert main(["diff", "nope:doc.yaml", "doc.yaml"]) == 2
        assert "cannot read from git" in capsys.readouterr().err
    finally:
        os.chdir(cwd)


@pytest.mark.slow
def test_redline_opens_in_libreoffice_on_the_grid(tmp_path):
    from pdfmeasure import body_rows, rows, TOP

    path = check_round_trip(load("notice-draft.yaml"), load("notice-final.yaml"), tmp_path)
    pdf = convert_with_libreoffice(path, tmp_path / "lo")
    pages = rows(pdf)
    assert len(pages) >= 3
    for page in pages[1:-1]:
        body = [r for r in body_rows(page) if abs(r.size - 16) < 0.5]
        offsets = [((r.middle - TOP) / (579 / 20)) % 1 for r in body]  # 0.5: mid-row
        assert max(offsets) - min(offsets) < 0.1, "lines off the grid"


# -- random edit pairs ------------------------------------------------------------------------

WORDS = st.text(alphabet=st.sampled_from(list("工业经济运行平稳增长项目建设推进完成2023年8.6%，。、“”")),
                min_size=1, max_size=40).map(lambda s: s.strip() or "文").filter(
    lambda s: s[0] not in "，。、")


def base_document() -> outline.Document:
    return outline.Document(
        title=["关于测试修订的通知"], issuers=["某局"], date=dt.date(2024, 1, 5),
        header=outline.Header(doc_number="某发〔2024〕1号"),
        addressee="各单位",
        body=[outline.Paragraph("开头一段。"),
              outline.Section("第一部分", body=[outline.Paragraph("第一部分的内容。"),
                                              outline.Section("要点", runin=True, text="说明。")]),
              outline.Section("第二部分", body=[outline.Paragraph("第二部分的内容。")])],
        imprint=outline.Imprint(cc=["甲单位"], printer="某局办公室", date=dt.date(2024, 1, 6)),
    )


@st.composite
def edited(draw):
    document = base_document()
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["edit", "insert", "delete", "move", "add_section",
                                       "field", "cc"]))
        body = document.body
        if action == "edit":
            targets = [b for b in outline.walk(body) if isinstance(b.block, outline.Paragraph)]
            if targets:
                target = draw(st.sampled_from(targets)).block
                at = draw(st.integers(0, len(target.text)))
                cut = draw(st.integers(0, 3))
                target.text = (target.text[:at] + draw(WORDS) + target.text[at + cut:]) or "文"
        elif action == "insert":
            body.insert(draw(st.integers(0, len(body))), outline.Paragraph(draw(WORDS)))
        elif action == "delete" and len(body) > 1:
            body.pop(draw(st.integers(0, len(body) - 1)))
        elif action == "move" and len(body) > 1:
            item = body.pop(draw(st.integers(0, len(body) - 1)))
            body.insert(draw(st.integers(0, len(body))), item)
        elif action == "add_section":
            body.insert(draw(st.integers(0, len(body))),
                        outline.Section(draw(WORDS), body=[outline.Paragraph(draw(WORDS))]))
        elif action == "field":
            document.header.doc_number = f"某发〔2024〕{draw(st.integers(1, 99))}号"
            document.date = dt.date(2024, draw(st.integers(1, 12)), 1)
        elif action == "cc":
            document.imprint.cc = draw(st.lists(st.sampled_from(["甲单位", "乙单位", "丙单位"]),
                                                min_size=1, max_size=3, unique=True))
    return document


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edited(), st.booleans())
def test_accept_all_gives_new_and_reject_all_gives_old(tmp_path, new, swap):
    old = base_document()
    if swap:
        old, new = new, old
    check_round_trip(old, new, tmp_path)


@pytest.mark.slow
def test_redline_and_review_copy_from_the_command_line(tmp_path, capsys):
    from conftest import fonts_installed
    import pdfplumber

    if not fonts_installed():
        pytest.skip("the PDF's fonts are not installed")
    docx, pdf = tmp_path / "r.docx", tmp_path / "r.pdf"
    assert main(["diff", str(PAIR / "notice-draft.yaml"), str(PAIR / "notice-final.yaml"),
                 "--docx", str(docx), "--pdf", str(pdf), "--author", "审核人"]) == 1
    document = part(docx, "word/document.xml")
    insertions = document.findall(".//w:ins", NS)
    assert insertions and {i.get(w("author")) for i in insertions} == {"审核人"}
    assert insertions[0].get(w("date")) == "2023-03-20T00:00:00Z"  # NEW's date
    with pdfplumber.open(pdf) as review:
        last = "".join(c["text"] for c in review.pages[-1].chars)
        first = review.pages[0]
        colours = {tuple(round(v, 2) for v in c["non_stroking_color"]) for c in first.chars
                   if c["text"] in "1215"}
    assert last.startswith("修改情况说明")
    assert (0.82, 0.0, 0.0) in colours and (0.0, 0.31, 0.78) in colours  # deleted, inserted


@pytest.mark.slow
def test_libreoffice_accepts_and_rejects_to_the_two_versions(tmp_path):
    """One case through LibreOffice itself: Accept All / Reject All in LibreOffice give the
    texts of NEW / OLD (tests/tools/lo_resolve.py drives it over UNO)."""
    import shutil

    system_python = shutil.which("python3", path="/usr/bin")
    probe = subprocess.run([system_python or "python3", "-c", "import uno"], capture_output=True)
    if system_python is None or probe.returncode != 0 or shutil.which("soffice") is None:
        pytest.skip("LibreOffice's Python bridge is not installed (Debian: python3-uno)")
    old, new = load("notice-draft.yaml"), load("notice-final.yaml")
    path = redline(old, new, tmp_path)
    tool = Path(__file__).resolve().parent / "tools" / "lo_resolve.py"
    for action, expected in (("accept", plain(new, tmp_path, "new")),
                             ("reject", plain(old, tmp_path, "old"))):
        out = subprocess.run([system_python, str(tool), action, str(path)], capture_output=True,
                             text=True, check=True, timeout=300).stdout
        texts = [t.replace("\t", "") for t in json.loads(out) if t.strip()]
        assert texts == expected, action

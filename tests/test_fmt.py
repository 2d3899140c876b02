"""`gongwen fmt`: one canonical form, idempotent, never changing the text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples

from render import outline
from render.cli import main
from render.fmt import canonical, format_document, split_sentences
from render.load import load_text

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "source").rglob("*.yaml"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_sources_are_canonical_and_fmt_is_idempotent(path):
    text = path.read_text(encoding="utf-8")
    once = canonical(text, str(path), path.parent)
    assert once == text, f"{path.name} is not canonical: run gongwen fmt"
    assert canonical(once, str(path), path.parent) == once


def test_fmt_rewrites_to_canonical_form(tmp_path, capsys):
    messy = tmp_path / "messy.yaml"
    messy.write_text(
        "body: [第一句。第二句！“第三句？”第四句, {lead: 领头。, text: 正文一。正文二。}]\n"
        "title: 标题\nissuers: [某局]\ndate: 2023-02-05\n",
        encoding="utf-8",
    )
    before = load_text(messy.read_text(encoding="utf-8"), "x")
    assert main(["fmt", "--check", str(messy)]) == 1
    assert f"would reformat {messy}" in capsys.readouterr().out
    assert main(["fmt", str(messy)]) == 0
    text = messy.read_text(encoding="utf-8")
    assert text == (
        "style: gbt9704\n"
        "title: 标题\n"
        "issuers:\n"
        "  - 某局\n"
        "date: 2023-02-05\n"
        "body:\n"
        "  - |-\n"
        "    第一句。\n"
        "    第二句！\n"
        "    “第三句？”\n"
        "    第四句\n"
        "  - lead: 领头。\n"
        "    text: |-\n"
        "      正文一。\n"
        "      正文二。\n"
    )
    assert load_text(text, "x") == before
    assert main(["fmt", "--check", str(messy)]) == 0


def test_fmt_refuses_comments_and_leaves_the_file_alone(tmp_path, capsys):
    source = tmp_path / "commented.yaml"
    original = "title: 标题  # 暂定\nbody:\n  - '#1 不是注释'\n"
    source.write_text(original, encoding="utf-8")
    assert main(["fmt", str(source)]) == 2
    assert f"{source}:1:12: comments cannot be kept" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == original


def test_fmt_leaves_invalid_files_alone(tmp_path, capsys):
    source = tmp_path / "bad.yaml"
    source.write_text("title: x\ndate: 2023-02-30\n", encoding="utf-8")
    assert main(["fmt", str(source)]) == 2
    assert source.read_text(encoding="utf-8") == "title: x\ndate: 2023-02-30\n"


def test_split_sentences_keeps_closing_marks_and_never_changes_text():
    text = "他说：“好。”然后走了！真的吗？ 是的。最后"
    parts = split_sentences(text)
    assert parts == ["他说：“好。”", "然后走了！", "真的吗？ 是的。", "最后"]
    assert "".join(parts) == text


# Text that exercises YAML's special characters, quotes, spaces and sentence ends.
TEXT = st.text(
    alphabet=st.sampled_from(list("文字测试。！？，、“”‘’（）：；——…… #:-'\"[]{}&*!|>%@`0123456789abc")),
    min_size=1, max_size=60,
).filter(lambda s: s.strip())


@settings(max_examples=examples(150), deadline=None)
@given(
    title=TEXT,
    paragraphs=st.lists(TEXT, min_size=1, max_size=4),
    lead=TEXT,
    runin=st.booleans(),
)
def test_fmt_round_trips_any_text(title, paragraphs, lead, runin):
    lead = lead.replace("\n", "")
    title = title.replace("\n", "")
    section = outline.Section(lead, runin=runin, text="正文。" if runin else "",
                              body=[outline.Paragraph(p) for p in paragraphs])
    document = outline.Document(
        title=[title], body=[outline.Paragraph(p) for p in paragraphs] + [section],
        date=dt.date(2024, 1, 5),
    )
    text = format_document(document)
    assert load_text(text, "x") == document
    assert canonical(text, "x") == text

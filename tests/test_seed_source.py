"""The seed outline is faithful to the published text: only typography is normalised."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from test_docx_xml import expected_paragraphs

PUBLISHED = Path(__file__).resolve().parent / "data" / "qingdao-miit-2022-summary.txt"
CHROME = ("字体大小", "打印", "扫一扫在手机打开当前页")
HALF_TO_FULL = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"})


def published_paragraphs() -> tuple[str, str, list[str]]:
    lines = [line.strip() for line in PUBLISHED.read_text(encoding="utf-8").splitlines()]
    page_title, meta = lines[0], lines[1]
    paragraphs = [line for line in lines[2:] if line and not line.startswith(CHROME)]
    joined: list[str] = []
    for line in paragraphs:  # the web page broke one paragraph inside 家电及电子信息
        if joined and joined[-1].endswith("家电及电") and line.startswith("子信息"):
            joined[-1] += line
        else:
            joined.append(line)
    return page_title, meta, [p.translate(HALF_TO_FULL) for p in joined]


def test_text_is_the_published_text():
    _, _, published = published_paragraphs()
    ours = [text for kind, text in expected_paragraphs() if kind not in ("GwByline", "GwBlank")]
    assert ours == published


def test_publication_metadata():
    page_title, meta, _ = published_paragraphs()
    raw = yaml.safe_load((Path(__file__).resolve().parent.parent / "source" /
                          "qingdao-miit-2022-summary.yaml").read_text(encoding="utf-8"))
    match = re.match(r"(\S+)\s+发布日期\s*:\s*(\d{4}-\d{2}-\d{2})", meta)
    assert raw["publication"]["source"] == match.group(1) == "青岛政务网"
    assert str(raw["publication"]["date"]) == match.group(2) == "2023-02-16"
    assert raw["publication"]["title"] == page_title
    assert raw["issuers"] == ["青岛市工业和信息化局"]
    assert raw["style"] == "material"


def test_half_width_punctuation_is_gone_from_chinese_text():
    text = "".join(text for _, text in expected_paragraphs())
    assert not re.search(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]", text)

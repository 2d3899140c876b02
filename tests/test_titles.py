"""Title breaking (#11, GB/T 9704 §7.3.1: 词意完整, 排列对称, 长短适宜): between words, the
fewest lines, 梯形 or 菱形; attachment titles as lists of lines."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, examples
from render import outline
from render.compose import compose
from render.compose.blocks import Element, Para
from render.compose.nominal import text_width
from render.compose.titles import break_title, title_lines, words
from render.fmt import format_document
from render.load import load_text
from render.style import load_style

CAPACITY = 20.1  # 156 mm at 二号 (22 pt)

# (title, words it must not be broken inside)
TITLES = [
    ("关于公布第五批市级非物质文化遗产代表性项目名录的通知", ["非物质文化遗产", "代表性", "名录"]),
    ("青岛市文化和旅游局关于公布第五批市级非物质文化遗产代表性项目名录的通知",
     ["青岛市文化和旅游局", "非物质文化遗产"]),
    ("关于推进老下陆社区老旧小区改造工作的实施意见", ["老下陆", "小区", "实施意见"]),
    ("青岛市下陆区人民政府关于推进老下陆社区老旧小区改造工作的实施意见",
     ["青岛市下陆区人民政府", "老下陆", "老旧小区"]),
    ("关于召开全市工业和信息化工作第四次会议的通知", ["会议", "第四次", "信息化"]),
    ("青岛市工业和信息化局关于召开全市工业和信息化工作第四次会议的通知",
     ["青岛市工业和信息化局", "会议", "第四次"]),
    ("青岛市工业和信息化局关于支持青岛虚拟现实产业园建设的意见", ["虚拟现实", "产业园"]),
    ("青岛市工业和信息化局关于商请支持青岛虚拟现实产业园建设的函", ["虚拟现实", "产业园"]),
    ("关于公布2023年度青岛市制造业单项冠军企业和单项冠军产品名单的通知", ["单项冠军", "年度"]),
    ("青岛市工业和信息化局关于开展2023年度制造业单项冠军企业培育遴选工作的通知",
     ["单项冠军", "2023年度", "遴选"]),
    ("青岛市工业和信息化局关于加快推进中小企业数字化转型的实施意见", ["数字化转型", "中小企业"]),
    ("青岛市工业和信息化局关于申请设立制造业数字化转型专项资金的请示",
     ["数字化转型", "专项资金", "制造业"]),
]
ISSUERS = ("青岛市工业和信息化局", "青岛市文化和旅游局", "青岛市下陆区人民政府")


def _inside(lines: list[str], word: str) -> bool:
    """Whether a break between `lines` falls strictly inside an occurrence of `word`."""
    text = "".join(lines)
    ends = {sum(map(len, lines[:i + 1])) for i in range(len(lines) - 1)}
    start = text.find(word)
    while start >= 0:
        if any(start < end < start + len(word) for end in ends):
            return True
        start = text.find(word, start + 1)
    return False


def _good_shape(lines: list[str]) -> bool:
    widths = [text_width(line, 1) for line in lines]
    falling = all(b <= a for a, b in zip(widths, widths[1:]))
    diamond = len(widths) == 3 and widths[1] > widths[0] and widths[1] > widths[2]
    return falling or diamond


@pytest.mark.parametrize("title, kept", TITLES, ids=[t for t, _ in TITLES])
def test_real_titles_break_between_words_in_the_fewest_lines_and_a_good_shape(title, kept):
    lines = break_title(title, CAPACITY, ISSUERS)
    assert "".join(lines) == title
    assert all(text_width(line, 1) <= CAPACITY for line in lines)
    assert len(lines) == math.ceil(text_width(title, 1) / CAPACITY), lines
    assert _good_shape(lines), lines
    for word in kept:
        assert not _inside(lines, word), (word, lines)
    for word in words(title):
        assert not _inside(lines, word), (word, lines)


def test_the_titles_from_the_issue():
    assert break_title("青岛市工业和信息化局关于申请设立制造业数字化转型专项资金的请示",
                       CAPACITY, ISSUERS) == ["青岛市工业和信息化局关于申请设立",
                                              "制造业数字化转型专项资金的请示"]
    assert break_title("2023年度青岛市制造业单项冠军培育企业名单（格式）", CAPACITY) == [
        "2023年度青岛市制造业单项冠军", "培育企业名单（格式）"]
    assert break_title("关于公布第五批市级非物质文化遗产代表性项目名录的通知", CAPACITY) == [
        "关于公布第五批市级非物质文化遗产", "代表性项目名录的通知"]


def test_a_book_title_that_fits_a_line_stays_whole():
    lines = break_title("关于印发《青岛市产业园区管理暂行办法》的通知", CAPACITY, ISSUERS)
    assert lines == ["关于印发《青岛市产业园区管理暂行办法》", "的通知"]
    # where no split of a good shape keeps it whole, it is broken between its words
    lines = break_title("青岛市工业和信息化局关于印发《青岛市产业园区管理暂行办法》的通知",
                        CAPACITY, ISSUERS)
    assert len(lines) == 2 and _good_shape(lines)
    assert not _inside(lines, "产业园区") and not _inside(lines, "青岛市工业和信息化局")


def test_organ_names_are_words():
    title = "青岛市西海岸新区管理委员会办公室关于做好防汛工作的通知"
    name = "青岛市西海岸新区管理委员会办公室"
    for capacity in (8, 10, 12.5):
        lines = break_title(title, capacity, (name,))
        assert not _inside(lines, name) if text_width(name, 1) <= capacity else True


def test_a_word_longer_than_a_line_is_broken_between_its_characters():
    lines = break_title("关于非物质文化遗产的通知", 4)
    assert "".join(lines) == "关于非物质文化遗产的通知"
    assert all(text_width(line, 1) <= 4 for line in lines)


REAL_WORDS = ["关于", "公布", "第五批", "市级", "非物质文化遗产", "代表性", "项目", "名录", "的",
              "通知", "推进", "社区", "改造", "工作", "召开", "全市", "工业", "和", "信息化",
              "会议", "支持", "青岛", "虚拟现实", "产业园", "建设", "意见", "2023", "年度",
              "制造业", "单项", "冠军", "企业", "名单", "加快", "中小企业", "数字化", "转型",
              "实施", "专项资金", "管理办法", "高质量发展", "青岛市", "人民政府", "印发", "请示"]


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.sampled_from(REAL_WORDS), min_size=4, max_size=30),
       st.sampled_from([8, 10, 12.5, 15, 20.1]))
def test_no_break_falls_inside_a_word_unless_it_is_longer_than_a_line(pieces, capacity):
    title = "".join(pieces)
    lines = break_title(title, capacity)
    assert "".join(lines) == title
    assert all(text_width(line, 1) <= capacity for line in lines)
    ends = {sum(map(len, lines[:i + 1])) for i in range(len(lines) - 1)}
    start = 0
    for word in words(title):  # the segmenter's words where it placed them, not look-alikes
        if text_width(word, 1) <= capacity:
            assert not any(start < end < start + len(word) for end in ends), (word, lines)
        start += len(word)


def test_a_title_that_fits_does_not_load_the_segmenter():
    code = ("import sys; from render.pipeline import render_document; "
            "from render.load import load_file; "
            f"render_document(load_file({str(ROOT / 'source/examples/minutes.yaml')!r}), "
            "formats=('docx',)) if False else None; "
            "from render.compose import compose; from render.style import load_style; "
            f"d = load_file({str(ROOT / 'source/examples/minutes.yaml')!r}); "
            "compose(d, load_style(d.style)); print('jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
    assert not out.stderr  # and jieba says nothing when it loads


@pytest.mark.slow  # loads jieba (~1 s) in a new process
def test_jieba_loads_silently():
    code = ("from render.compose.titles import break_title; "
            "print(break_title('关于公布第五批市级非物质文化遗产代表性项目名录的通知', 20.1))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert not out.stderr


# -- attachment titles as lines -------------------------------------------------------------

OUTLINE = """\
style: gbt9704
title: 关于开展培育遴选工作的通知
issuers:
  - 青岛市工业和信息化局
date: 2023-03-15
body:
  - |-
    现将有关事项通知如下。
attachments:
  - title:
      - 2023年度青岛市制造业
      - 单项冠军企业申报书
    body:
      - |-
        申报书由企业如实填写。
  - title: 名单
    body:
      - |-
        名单按推荐顺序排列。
"""


def test_an_attachment_title_as_lines_loads_round_trips_and_prints_its_lines():
    document = load_text(OUTLINE, "x.yaml")
    assert document.attachments[0].title == ["2023年度青岛市制造业", "单项冠军企业申报书"]
    assert document.attachments[1].title == ["名单"]
    assert format_document(document) == OUTLINE
    assert load_text(format_document(document), "x.yaml") == document
    blocks = compose(document, load_style("gbt9704"))
    paras = [b for b in blocks if isinstance(b, Para)]
    titles = ["".join(r.text for r in b.runs) for b in paras if b.element == Element.ATTACHMENT_TITLE]
    assert titles == ["2023年度青岛市制造业", "单项冠军企业申报书", "名单"]
    notes = ["".join(r.text for r in b.runs) for b in paras if b.element == Element.ATTACHMENT_NOTE]
    assert notes[0] == "附件：1．2023年度青岛市制造业单项冠军企业申报书"


def test_a_long_attachment_title_is_broken_between_words():
    style = load_style("gbt9704")
    lines = title_lines(["2023年度青岛市制造业单项冠军培育企业名单（格式）"], style,
                        "attachment_title")
    assert lines == ["2023年度青岛市制造业单项冠军", "培育企业名单（格式）"]


def test_an_empty_attachment_title_is_refused():
    from render.errors import InputError

    with pytest.raises(InputError) as raised:
        load_text(OUTLINE.replace("  - title: 名单", "  - title: []"), "x.yaml")
    assert "title" in str(raised.value)


def test_the_schema_accepts_an_attachment_title_as_lines():
    import jsonschema
    import yaml

    from render.schema import json_schema

    jsonschema.validate(yaml.load(OUTLINE, Loader=yaml.BaseLoader), json_schema())
    assert isinstance(outline.Attachment(title=["a", "b"]).title, list)


@pytest.mark.slow  # two new processes, the first loading jieba
def test_title_words_are_remembered_so_a_rebuild_does_not_load_the_segmenter(tmp_path):
    """The first build of a title that must be broken loads jieba (about 0.7 s); the words it
    gives are kept in the cache folder, and the next process builds the same bytes without it.
    A damaged cache file is ignored and rewritten."""
    letter = ROOT / "source" / "examples" / "letter.yaml"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    code = ("import sys; from render.cli import main; "
            f"main(['build', '-q', '--force', '--format', 'docx', '-o', sys.argv[1], {str(letter)!r}]);"
            " print('jieba' in sys.modules)")

    def build(out: str) -> tuple[str, bytes]:
        run = subprocess.run([sys.executable, "-c", code, str(tmp_path / out)], env=env,
                             capture_output=True, text=True, check=True, cwd=ROOT)
        return run.stdout.strip(), (tmp_path / out / "letter.docx").read_bytes()

    first, made = build("a")
    assert first == "True"
    again, remade = build("b")
    assert again == "False" and remade == made
    cached = tmp_path / "cache" / "gongwen" / "title-words.jsonl"
    header, *titles = cached.read_text(encoding="utf-8").splitlines()
    assert json.loads(header)["format"] == 2 and titles
    cached.write_text("{not json", encoding="utf-8")
    damaged, rebuilt = build("c")
    assert damaged == "True" and rebuilt == made
    header, *titles = cached.read_text(encoding="utf-8").splitlines()
    assert json.loads(header)["format"] == 2 and [json.loads(line) for line in titles]


def test_a_number_wider_than_a_line_is_broken_rather_than_overflowing():
    """The 禁则 keep a number whole; one wider than the line is broken between its digits
    (found by the property test above: 20 digits, 10 cells, on lines of 8)."""
    lines = break_title("关于20232023202320232023年度的通知", 8)
    assert "".join(lines) == "关于20232023202320232023年度的通知"
    assert all(text_width(line, 1) <= 8 for line in lines)


@pytest.mark.parametrize("title, whole", [
    ("济南市人民政府办公厅关于做好2024年春节期间安全生产工作的通知", "2024年"),
    ("青岛市工业和信息化局关于公布2023年度青岛市专精特新中小企业名单的通知", "2023年度"),
    ("关于开展G20京沪高速改扩建工程施工期间交通组织的通告", "G20京沪"),
])
def test_a_number_stays_with_its_unit_and_a_code_with_its_name(title, whole):
    """词意完整 (§7.3.1): 2024|年 is never a line end where another fits; G20|京沪 costs more
    than a break between two ordinary words (a new user's titles)."""
    lines = break_title(title, 20.1)
    assert "".join(lines) == title and len(lines) == 2
    assert any(whole in line for line in lines), lines


def test_title_words_are_appended_a_line_a_title_and_survive_a_cut_line(tmp_path):
    """A new title costs one appended line, not the file again; a line cut short (a process
    killed mid-write) is skipped; a file past twice the limit is written anew."""
    from render.compose import segments

    path = tmp_path / "words.jsonl"
    cache = segments._TitleWords(path, ["dict", 1, 2])
    cache.put("关于甲的通知", [["关于", "p"], ["甲", None], ["的", "uj"], ["通知", "n"]])
    cache.put("关于乙的通知", [["关于", "p"], ["乙", None], ["的", "uj"], ["通知", "n"]])
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3  # the header and two titles
    with open(path, "a", encoding="utf-8") as out:
        out.write('["关于丙的')  # cut short
    again = segments._TitleWords(path, ["dict", 1, 2])
    assert set(again.entries) == {"关于甲的通知", "关于乙的通知"}
    assert segments._TitleWords(path, ["another dict"]).entries == {}  # another jieba
    small = segments._TitleWords(tmp_path / "small.jsonl", [])
    limit = segments.ENTRIES_MAX
    try:
        segments.ENTRIES_MAX = 2
        for n in range(6):
            small.put(f"题{n}", [[f"题{n}", None]])
    finally:
        segments.ENTRIES_MAX = limit
    lines = (tmp_path / "small.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 1 + 2 * 2 and json.loads(lines[-1])[0] == "题5"

"""`gongwen import` of web copies: where a line that ends no sentence still ends its paragraph
(a date on its own line and the 署名 above it, 第…章 headings, fields such as 联系人：…, an
attachment's label 附一：), where an article 第…条 opens one, and control characters in the text
(line separators break lines; the rest is removed and reported) — real pages in
tests/data/import/web-joins (ORIGINS.md names them) and small made-up texts."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import examples

from render import outline
from render.errors import InputError
from render.fmt import canonical, format_document
from render.importer import import_file
from render.importer.text import INVISIBLE, SEPARATORS
from render.load import load_text
from render.text_rules import forbidden_character

PAGES = Path(__file__).resolve().parent / "data" / "import" / "web-joins"


def imported(tmp_path, text: str):
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    return import_file(path)


def checked(report) -> None:
    """Every line placed: nothing is reported as not recognised."""
    assert not [e for e in report.dropped if e.why.startswith("not recognised")]


def paragraphs(blocks: list[outline.Block]) -> list[str]:
    """Every paragraph's text, in order, sections' bodies included."""
    return [v.block.text for v in outline.walk(blocks) if isinstance(v.block, outline.Paragraph)]


def every_paragraph(document: outline.Document) -> list[str]:
    return paragraphs(document.body) + [t for a in document.attachments for t in paragraphs(a.body)]


def standing(document: outline.Document) -> list[str]:
    """Texts that stand as a unit: paragraphs, the title's lines, attachments' title lines."""
    return every_paragraph(document) + document.title + \
        [line for a in document.attachments for line in a.title]


def refused(report, line: int) -> str:
    found = [e.why for e in report.decisions if e.line == line and e.why.startswith("not joined")]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------------------------
# Real pages


def test_puyang_date_without_a_signature_is_not_glued_to_the_measures_title():
    """puyang.txt:24 (here 12): 二〇一一年三月三十日 alone, then the 办法's title, then 第一条;
    they came in as one paragraph 二〇一一年三月三十日濮阳市…暂行办法第一条 …"""
    document, report = import_file(PAGES / "puyang.txt")
    checked(report)
    units = standing(document)
    assert "二〇一一年三月三十日" in units or document.date == dt.date(2011, 3, 30)
    assert not [p for p in every_paragraph(document) if "三月三十日" in p and p != "二〇一一年三月三十日"]
    assert "濮阳市城市道路窨井设施管理暂行办法" in units
    articles = [p[:3] for p in every_paragraph(document) if p.startswith("第")]
    assert articles == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    if document.date is None:  # read as a paragraph, it stood alone; else it is the 成文日期
        assert "line 12 (a date on a line of its own) stands alone" in refused(report, 15)
        assert "an article (第…条) starts a paragraph" in refused(report, 17)
    else:  # the title names what it issues: the 办法 is the attachment, 第一条 its first line
        assert [a.title for a in document.attachments] == [["濮阳市城市道路窨井设施管理暂行办法"]]


def test_xuchang_chapters_stand_alone_and_articles_open_paragraphs():
    """xuchang.txt:28-60 (here 18-50): the date, the 办法's title, 第一章总则, 第一条根据…, 第二章…"""
    document, report = import_file(PAGES / "xuchang.txt")
    checked(report)
    units = standing(document)
    assert "二○○九年七月十六日" in units or document.date == dt.date(2009, 7, 16)
    assert "许昌市价格调节基金管理办法" in units
    texts = every_paragraph(document)
    assert "第一章总则" in texts and "第二章征收范围和标准" in texts
    chapter_one = texts.index("第一章总则")
    assert texts[chapter_one + 1].startswith("第一条根据《许昌市人民政府关于")
    assert texts[texts.index("第二章征收范围和标准") + 1].startswith("第五条价格调节基金")
    assert not [t for t in texts if re.search(r".第[一二三四五六七八九十]+[章条]", t[:12])]


def test_lufeng_chapter_is_neither_part_of_the_rules_title_nor_of_the_next_article():
    """lufeng.txt:6-12: the 规则's title, 第一章 总 则 (had become a second title line),
    第二章 会议组成 (had been glued to 第四条)."""
    document, report = import_file(PAGES / "lufeng.txt")
    checked(report)
    rules = document.attachments[-1]
    assert rules.title == ["禄丰市人民政府常务会议议事规则"]
    texts = paragraphs(rules.body)
    assert texts[0] == "第一章 总 则"
    assert [t[:3] for t in texts[1:4]] == ["第一条", "第二条", "第三条"]
    assert texts[4] == "第二章 会议组成"
    assert texts[5].startswith("第四条 市政府常务会议由市长")
    assert "line 11 (a chapter or section heading, 第…章 or 第…节) stands alone" in \
        refused(report, 12)


@pytest.mark.parametrize("page, chapter, article", [
    ("xiamen.txt", "第一章  总 则", "第一条 地方文献是反映地方状况的珍贵文献信息资源"),
    ("taihu.txt", "第一章  总  则", "一、根据《中华人民共和国宪法》"),
])
def test_a_chapter_under_an_attachments_title_stands_alone(page, chapter, article):
    document, report = import_file(PAGES / page)
    checked(report)
    texts = paragraphs(document.attachments[-1].body)
    assert texts[0] == chapter
    assert texts[1].startswith(article)


def test_zuel_contact_fields_are_paragraphs_of_their_own():
    """zuel.txt:9-10 (here 7-8): 联系人:丁立满 and 电  话: 027-88386947 had been one paragraph,
    printed as a name 丁立满电."""
    document, report = import_file(PAGES / "zuel.txt")
    checked(report)
    texts = every_paragraph(document)
    assert texts[-2:] == ["联系人:丁立满", "电  话: 027-88386947"]
    assert "line 7 (a field: a short label and its value, 联系人：…) stands alone" in \
        refused(report, 8)


# ---------------------------------------------------------------------------------------------
# Made-up texts: the paragraphs as they should be


def test_fields_take_no_next_line_and_join_no_line_before(tmp_path):
    text = "\n".join(["关于报送材料的通知", "各单位：", "请于3月底前报送材料", "联系人：张三",
                      "电  话：010-12345678", "联系地址：北京市某路1号", "邮　编：100000",
                      "电子邮箱：a@example.cn", "某某局", "2025年4月30日"])
    document, report = imported(tmp_path, text)
    checked(report)
    assert paragraphs(document.body) == ["请于3月底前报送材料", "联系人：张三",
                                         "电  话：010-12345678", "联系地址：北京市某路1号",
                                         "邮　编：100000", "电子邮箱：a@example.cn"]
    assert document.issuers == ["某某局"] and document.date == dt.date(2025, 4, 30)
    assert "this line (a field" in refused(report, 4)
    assert "line 4 (a field" in refused(report, 5)


def test_a_date_and_the_name_above_it_inside_the_text_stand_alone(tmp_path):
    """A date the text quotes (a forwarded document's 署名 and date), the document's own
    closing after it."""
    text = "\n".join(["关于转发某文件的通知", "各单位：", "现将某局文件转发给你们，请遵照执行。",
                      "某局办公室", "", "二〇一一年三月三十日", "",
                      "请各单位按照文件要求认真落实，并于每季度末报送进展情况。", "某某局",
                      "2025年4月30日"])
    document, report = imported(tmp_path, text)
    checked(report)
    assert paragraphs(document.body) == ["现将某局文件转发给你们，请遵照执行。", "某局办公室",
                                         "二〇一一年三月三十日",
                                         "请各单位按照文件要求认真落实，并于每季度末报送进展情况。"]
    assert "line 4 (a name above a date: a 署名) stands alone" in refused(report, 6)
    assert document.date == dt.date(2025, 4, 30)


def test_chapters_sections_and_articles_in_an_attachment(tmp_path):
    text = "\n".join(["关于印发某办法的通知", "各单位：", "现将《某办法》印发给你们，请遵照执行。",
                      "某某局", "2025年4月30日", "某市某管理办法", "第一章 总 则",
                      "第一条 为加强管理，制定本办法。", "第二章　会议组成", "第一节 召集",
                      "第二条 会议由主任召集", "第三条 依照本办法", "第二条的规定办理。",
                      "第四条 本办法自发布之日起施行", "第三章附则"])
    document, report = imported(tmp_path, text)
    checked(report)
    assert document.attachments[0].title == ["某市某管理办法"]
    assert paragraphs(document.attachments[0].body) == [
        "第一章 总 则", "第一条 为加强管理，制定本办法。", "第二章　会议组成", "第一节 召集",
        "第二条 会议由主任召集", "第三条 依照本办法第二条的规定办理。", "第四条 本办法自发布之日起施行",
        "第三章附则"]
    assert "an article (第…条) starts a paragraph" in refused(report, 12)
    assert [e.line for e in report.decisions if e.why.startswith("joined")] == [13]


def test_a_long_line_that_starts_with_a_word_and_a_colon_is_no_field(tmp_path):
    long = "工作目标：到2025年，全市基本建成统一规范、协同高效的政务服务体系，企业和群众办事更加"
    text = "\n".join(["关于某工作的通知", "各单位：", long, "便捷。", "某某局", "2025年4月30日"])
    document, report = imported(tmp_path, text)
    checked(report)
    assert paragraphs(document.body) == [long + "便捷。"]


@pytest.mark.parametrize("name", ["date-nosig", "fuyi"])
def test_the_trial_variants_keep_the_date_its_own(tmp_path, name):
    """The trial's minimal texts (its variants/date-nosig.txt and fuyi.txt): whatever reads the
    date (the 成文日期 or a paragraph), it is glued to nothing."""
    texts = {
        "date-nosig": ["关于印发某办法的通知", "", "各单位:", "现将《某办法》印发给你们,请遵照执行。",
                       "", "二〇一一年三月三十日", "", "某市某管理办法", "",
                       "第一条 为加强管理,制定本办法。", "第二条 本办法自发布之日起施行。"],
        "fuyi": ["关于某事项的通知", "各单位:", "请遵照执行。", "某局", "2011年3月30日",
                 "附一:某某请示", "某局:", "请示内容。"],
    }
    document, report = imported(tmp_path, "\n".join(texts[name]))
    checked(report)
    units = standing(document)
    date = texts[name][5] if name == "date-nosig" else "2011年3月30日"
    assert date in units or document.date == dt.date(2011, 3, 30)
    assert not [u for u in units if date in u and u != date]
    if name == "date-nosig":
        assert "某市某管理办法" in units
        assert "第一条 为加强管理,制定本办法。" in units
    else:
        assert "某局" in units or document.issuers == ["某局"]
        assert not [u for u in units if "附一" in u and u != "附一:某某请示"]


# ---------------------------------------------------------------------------------------------
# Control characters


@pytest.mark.parametrize("separator", sorted(SEPARATORS))
def test_a_line_separator_breaks_the_line(tmp_path, separator):
    text = f"关于测试的通知\n各单位：\n第一段。{separator}第二段。\n第一行{separator}第二行。\n测试单位\n2024年1月2日\n"
    document, report = imported(tmp_path, text)
    checked(report)
    assert paragraphs(document.body) == ["第一段。", "第二段。", "第一行第二行。"]
    assert document.issuers == ["测试单位"]  # line 7: the separators count as line breaks
    broke = [(e.line, e.why) for e in report.decisions if "read as a line break" in e.why]
    assert [(line, why.split(" at column ")[1][:1]) for line, why in broke] == [(3, "5"), (5, "4")]
    assert format_document(document) == canonical(format_document(document), "x.yaml")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x1c", "\x7f", "\x80", "\x9f",
                                  "\u200b", "\u2060", "\ufeff", "\u202e", "\uffff"])
def test_a_control_or_invisible_character_is_removed_and_reported(tmp_path, char):
    text = f"关于测试的通知\n各单位：\n　　正文{char}内容。\n测试单位\n2024年1月2日\n"
    document, report = imported(tmp_path, text)
    checked(report)
    assert paragraphs(document.body) == ["正文内容。"]
    removed = [e for e in report.dropped if e.why.startswith("removed")]
    assert [(e.line, e.why.split(":")[0]) for e in removed] == [(3, "removed from column 5")]
    assert f"U+{ord(char):04X}" in removed[0].text
    load_text(format_document(document), "x.yaml")


def test_a_tab_is_kept_for_the_body_to_read(tmp_path):
    document, report = imported(tmp_path, "关于测试的通知\n各单位：\n请联系\t张三。\n测试单位\n2024年1月2日")
    assert paragraphs(document.body) == ["请联系 张三。"]
    assert not report.dropped


def test_tabs_outside_the_body_are_spaces_and_a_bare_colon_is_no_addressee(tmp_path):
    text = "关于\t测试的通知\n各\t单位：\n：\n正文。\n测试\t单位\n2024年1月2日"
    document, report = imported(tmp_path, text)
    checked(report)
    assert document.title == ["关于 测试的通知"] and document.addressee == "各 单位"
    assert document.issuers == ["测试 单位"]
    assert paragraphs(document.body) == ["：", "正文。"]
    load_text(format_document(document), "x.yaml")


# Characters and pieces of a 公文 (dates, 署名, labels, 抄送) with the characters at issue.
PIECES = st.sampled_from(
    list("通知各单位：正文内容。，一、（）第章条联系人电话12 \t\n\n") + list(SEPARATORS)
    + list(INVISIBLE) + ["\x00", "\x01", "\x08", "\x0e", "\x1b", "\x1f", "\x7f", "\x80", "\x9b",
                         "\u202a", "\u2066", "\ufffe", "\r"]
    + ["附件", "附件1", "附一：", "某局", "2011年3月30日", "二〇一一年三月三十日", "抄送：",
       "联系人：", "第一章", "第一条", "（此件公开发布）", "1."])


def removable(char: str) -> bool:
    return char not in "\t\n" and (char in INVISIBLE or bool(forbidden_character(char)))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=80).map("".join))
def test_whatever_import_writes_loads(rest):
    """Random text with control characters imports to an outline that loads, and every
    character left out is accounted for: a separator as a line break, the rest removed."""
    text = "关于测试的通知\n" + rest
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.txt"
        path.write_text(text, encoding="utf-8", newline="")
        try:
            document, report = import_file(path)
        except InputError:
            return  # reported (nothing but blank lines, say): no outline written
    written = format_document(document)
    load_text(written, "x.yaml")
    assert canonical(written, "x.yaml") == written
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    separators = sum(body.count(s) for s in SEPARATORS)
    removed = sum(1 for c in body if c not in SEPARATORS and removable(c))
    assert len([e for e in report.decisions if "read as a line break" in e.why]) == separators
    assert len([e for e in report.dropped if e.why.startswith("removed from column")]) == removed

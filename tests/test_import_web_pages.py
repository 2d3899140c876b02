"""`gongwen import` of real web copies of 公文: the front of the page (chrome, the page's own
title, the issuer line, the title printed again, the 信息公开 table) around the document's
title, 发文字号, 主送 and publication. The pages are excerpts (their first lines) of a new-user
trial; each page's address is in tests/data/import/web/ORIGINS.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from render.importer import import_file
from render.importer.structure import TITLE_MISSING

WEB = Path(__file__).resolve().parent / "data" / "import" / "web"

# page: (title, header.doc_number, addressee, publication as (source, date, title) or None)
PAGES = {
    "puyang": ("濮阳市人民政府办公室关于印发濮阳市城市道路窨井设施管理暂行办法的通知",
               "濮政办〔2011〕19号", "各县(区)人民政府,高新区、工业园区管委会,市人民政府各部门",
               ("法律资料网", dt.date(2024, 7, 2), None)),
    "xiamen": ("厦门市人民政府办公厅转发市文化局市新闻出版局关于厦门地方文献征集管理办法的通知",
               "厦府办〔2008〕75号", "各区人民政府,市直各委、办、局",
               ("法律资料网", dt.date(2024, 7, 9), None)),
    "xuchang": ("许昌市人民政府关于印发许昌市价格调节基金管理办法的通知", "许政〔2009〕34号",
                "各县(市、区)人民政府,经济开发区、东城区管委会,市人民政府各部门",
                ("法律资料网", dt.date(2024, 7, 11), None)),
    "lufeng": (TITLE_MISSING, None, "云南禄丰产业园区管委会,各乡镇人民政府,市级各部门", None),
    "zgfy": ("最高人民法院关于水路货物运输中索赔期问题的复函", None, "广东省高级人民法院",
             ("法律资料网", dt.date(2024, 6, 29), None)),
    "suining": (TITLE_MISSING, "遂府函〔2019〕55号", "各县(区)人民政府,市直有关部门", None),
    "zuel": ("关于认真填报2010年度拟举办和拟对外承诺举行国际会议相关计划的通知", None,
             "学校各单位", None),
    "taihu": ("太湖县人民政府关于印发《太湖县人民政府工作规则》的通知", None,
              "各乡、镇人民政府,县政府各部门、各直属机构",
              ("太湖县人民政府办公室", dt.date(2019, 1, 23), None)),
}

# The page chrome each page prints on top: dropped as page chrome, by line.
CHROME = {
    "puyang": {1: "page chrome", 6: "page chrome"},
    "xiamen": {1: "page chrome", 2: "page chrome", 7: "page chrome"},
    "xuchang": {4: "page chrome"},
    "lufeng": {},
    "zgfy": {4: "page chrome"},
    "suining": {},
    "zuel": {1: "page chrome"},
    "taihu": {1: "page chrome", **{n: "page chrome (the 信息公开 table" for n in range(2, 9)}},
}

# The lines between the page's chrome and the document's title: the page's own title, the
# issuer a law database prints, the title printed again.
BEFORE_TITLE = {
    "puyang": [8, 10], "xiamen": [9, 11], "xuchang": [6, 8], "zgfy": [6, 8],
}


@pytest.mark.parametrize("page", PAGES)
def test_the_front_of_a_web_page(page):
    document, _ = import_file(WEB / f"{page}.txt")
    title, doc_number, addressee, publication = PAGES[page]
    assert "".join(document.title) == title
    assert (document.header.doc_number if document.header else None) == doc_number
    assert document.addressee == addressee
    published = document.publication
    assert (published and (published.source, published.date, published.title)) == publication


@pytest.mark.parametrize("page", PAGES)
def test_every_line_is_placed_or_reported_and_none_is_unrecognised(page):
    path = WEB / f"{page}.txt"
    _, report = import_file(path)
    count = len(path.read_text(encoding="utf-8").removesuffix("\n").split("\n"))
    dropped = {e.line for e in report.dropped}
    assert not dropped & report.used
    assert dropped | report.used == set(range(1, count + 1))
    assert not [e for e in report.dropped if "not recognised" in e.why]


@pytest.mark.parametrize("page", PAGES)
def test_the_chrome_on_top_is_dropped_as_page_chrome(page):
    _, report = import_file(WEB / f"{page}.txt")
    chrome = {e.line: e.why for e in report.dropped if e.why.startswith("page chrome")}
    assert chrome.keys() == CHROME[page].keys()
    assert all(chrome[n].startswith(why) for n, why in CHROME[page].items())


@pytest.mark.parametrize("page", PAGES)
def test_the_page_text_before_the_title_is_dropped_and_reported(page):
    _, report = import_file(WEB / f"{page}.txt")
    before = [e.line for e in report.dropped if e.why.startswith("before the title")]
    assert before == BEFORE_TITLE.get(page, [])


def test_the_database_date_line_under_the_title_is_the_date_when_the_text_ends_with_none():
    document, report = import_file(WEB / "zgfy.txt")
    assert (document.date, document.issuers) == (dt.date(1988, 12, 8), ["最高人民法院"])
    assert 13 in report.used


def test_a_date_without_a_source_makes_no_publication():
    _, report = import_file(WEB / "zuel.txt")
    (entry,) = [e for e in report.dropped if e.line == 5]
    assert "2011-04-01" in entry.why and "no source" in entry.why


def imported(tmp_path, text: str):
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    return import_file(path)


BODY = "各单位：\n现将有关事项通知如下。\n"


def test_the_information_table_gives_the_doc_number_and_the_source(tmp_path):
    document, report = imported(tmp_path, "索引号：000014349/2011-00019 信息分类：通知\n"
                                          "发布机构：濮阳市人民政府办公室 生成日期：2011-04-02\n"
                                          "文号：濮政办〔2011〕19 号 主题词：\n"
                                          "关于印发窨井设施管理办法的通知\n" + BODY)
    assert document.header.doc_number == "濮政办〔2011〕19号"
    assert (document.publication.source, document.publication.date) == \
        ("濮阳市人民政府办公室", dt.date(2011, 4, 2))
    assert document.title == ["关于印发窨井设施管理办法的通知"]
    assert {e.line for e in report.dropped} == {1, 2, 3}


def test_a_generation_date_alone_makes_no_publication(tmp_path):
    document, _ = imported(tmp_path, "关于印发办法的通知\n生成日期：2019-01-23\n" + BODY)
    assert document.publication is None


def test_a_doc_number_in_the_text_wins_over_the_table(tmp_path):
    document, _ = imported(tmp_path, "文号：甲〔2011〕1号\n关于印发办法的通知\n乙〔2012〕2号\n" + BODY)
    assert document.header.doc_number == "乙〔2012〕2号"


@pytest.mark.parametrize("typed, read", [
    ("遂府函〔2019〕55 号", "遂府函〔2019〕55号"),
    ("遂府函〔 2019 〕 55号", "遂府函〔2019〕55号"),
    ("许政[2009]34号", "许政〔2009〕34号"),  # the year in 〔〕: the loader takes no other form
])
def test_a_doc_number_typed_with_spaces(tmp_path, typed, read):
    document, _ = imported(tmp_path, f"关于印发办法的通知\n{typed}\n" + BODY)
    assert document.header.doc_number == read


def test_a_page_title_that_differs_is_the_publication_title(tmp_path):
    document, report = imported(tmp_path, "来源：某市政府网 发布日期：2023-02-16\n\n"
                                          "关于印发办法的通知\n\n某市人民政府\n\n"
                                          "某市人民政府关于印发某某办法的通知\n" + BODY)
    assert document.title == ["某市人民政府关于印发某某办法的通知"]
    assert document.publication.title == "关于印发办法的通知"
    assert [e.text for e in report.dropped if e.text] == ["某市人民政府"]


def test_without_a_line_that_reads_as_a_title_the_first_line_is_the_title(tmp_path):
    document, report = imported(tmp_path, "某某情况\n\n现将有关事项说明如下。\n")
    assert document.title == ["某某情况"] and not report.dropped[1:]


def test_a_line_ending_in_a_colon_is_never_the_title(tmp_path):
    document, report = imported(tmp_path, BODY)
    assert document.title == [TITLE_MISSING] and document.addressee == "各单位"
    assert any(TITLE_MISSING in e.why for e in report.decisions)


def test_page_text_that_does_not_read_as_a_title_is_never_the_publication_title(tmp_path):
    document, report = imported(tmp_path, "来源：某市政府网 发布日期：2023-02-16\n\n"
                                          "通知公告栏目\n\n关于印发某某办法的通知\n" + BODY)
    assert document.title == ["关于印发某某办法的通知"] and document.publication.title is None
    assert [e.text for e in report.dropped if e.text] == ["通知公告栏目"]

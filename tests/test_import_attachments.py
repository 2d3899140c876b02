"""`gongwen import` of what follows the 成文日期 and of tables typed as text: a 通知 that 印发s a
方案 goes on after its 署名 and date with the attachment's own title and body (labelled 附件 or
附件1, or, as web copies print them, with no label); lines of cells separated by tabs or aligned
spaces are a table. Inputs are modelled on the corpus documents (source/corpus, ORIGINS.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from render import outline
from render.cli import main
from render.fmt import canonical, format_document
from render.importer import import_file
from render.load import load_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "source" / "corpus"
NUMBERS = ["{}、", "（{}）", "{}.", "（{}）"]
CN = "一二三四五六七八九十"


def imported(tmp_path, text: str):
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    return import_file(path)


def typed(blocks: list[outline.Block], depth: int = 0) -> list[str]:
    """Body blocks as a web page prints them: a line per paragraph, headings with their
    numbers, a run-in lead and its text on one line."""
    out, count = [], 0
    for block in blocks:
        if isinstance(block, outline.Section):
            count += 1
            number = NUMBERS[depth].format(CN[count - 1] if depth < 2 else count)
            out.append(number + block.heading + block.text)
            out += typed(block.body, depth + 1)
        else:
            out.append(block.text)
    return out


def checked(report) -> None:
    """Every line placed: nothing is reported as not recognised."""
    assert not [e for e in report.dropped if e.why.startswith("not recognised")]


def headings(blocks: list[outline.Block]) -> list[str]:
    return [v.block.heading for v in outline.walk(blocks) if isinstance(v.block, outline.Section)]


def why(report, line: int) -> list[str]:
    return [e.why for e in report.decisions if e.line == line]


# ---------------------------------------------------------------------------------------------
# Attachments after the 成文日期


@pytest.mark.parametrize("name", ["jinchang-2025-33-fazhi-shifan", "hegang-2025-4-fuyuan-liandong",
                                  "yueyang-2017-2-zhengwu-gongkai",
                                  "ruian-2011-129-shuolixing-wenshu"])
def test_a_notice_and_the_document_it_issues_as_the_web_page_prints_them(tmp_path, name):
    """The corpus 通知s that 印发 or 转发 a document, typed as their pages show them: the 署名
    and date, the 附注, then the document's title and text with no 附件 label."""
    expected = load_file(CORPUS / f"{name}.yaml")
    attachment = expected.attachments[0]
    date = expected.date
    lines = [expected.title[0], expected.header.doc_number, "", expected.addressee + "：",
             *typed(expected.body), "", *expected.issuers, f"{date.year}年{date.month}月{date.day}日",
             *([f"（{expected.note}）"] if expected.note else []), "", *attachment.title, "",
             *typed(attachment.body)]
    document, report = imported(tmp_path, "\n".join(lines))
    checked(report)
    assert document.body == expected.body
    assert document.issuers == expected.issuers and document.date == expected.date
    assert document.note == expected.note
    assert document.attachments == expected.attachments
    assert not document.attachments[0].separate
    title_line = lines.index(attachment.title[0]) + 1
    assert "no 附件 label above it" in why(report, title_line)[0]
    assert any("gongwen derives the 附件说明" in w for w in why(report, title_line))
    text = format_document(document)
    assert canonical(text, "x.yaml") == text


def test_an_attachment_note_a_label_and_a_title_of_two_lines(tmp_path):
    """金昌's 通知 as its printed form has it: 附件说明, 署名, date, 附注, the label 附件, the
    方案's title broken over two lines and its sections; the 版记 at the very end."""
    expected = load_file(CORPUS / "jinchang-2025-33-fazhi-shifan.yaml")
    plan = expected.attachments[0]
    text = "\n".join([
        expected.title[0], expected.header.doc_number, "", expected.addressee + "：",
        *typed(expected.body), "", "附件：金昌市创建全国法治政府建设示范市实施方案", "",
        "金昌市人民政府", "2025年6月13日", "（此件公开发布）", "",
        "附件", "", "金昌市创建全国法治政府建设示范市", "实施方案", "", *typed(plan.body),
        "抄送：市委办公室，市人大常委会办公室。", "金昌市人民政府办公室 2025年6月13日印发"])
    document, report = imported(tmp_path, text)
    checked(report)
    assert document.body == expected.body
    assert document.issuers == ["金昌市人民政府"] and document.date == dt.date(2025, 6, 13)
    assert document.note == "此件公开发布"
    [attachment] = document.attachments
    assert attachment.title == ["金昌市创建全国法治政府建设示范市", "实施方案"]
    assert attachment.body == plan.body and headings(attachment.body) == ["总体要求"]
    assert not attachment.separate
    assert document.imprint == outline.Imprint(cc=["市委办公室", "市人大常委会办公室"],
                                               printer="金昌市人民政府办公室",
                                               date=dt.date(2025, 6, 13))
    assert why(report, 13) == ["read as an attachment's label (附件): gongwen prints it"]
    assert why(report, 7) == ["read as the 附件说明 (1 listed)"]  # the same name: no decision
    assert report.used == set(range(1, len(text.split("\n")) + 1)) - {3, 6, 8, 12, 14, 17}


TWO = "\n".join([
    "鹤岗市人民政府关于印发两项制度的通知", "鹤政发〔2025〕9号", "",
    "各县（区）人民政府，市政府各部门：",
    "现将《行政争议会商办法》《府院联席会议制度》印发给你们，请认真贯彻执行。", "",
    "附件：1.行政争议会商办法", "2.府院联席会议制度（试行）", "",
    "鹤岗市人民政府", "2025年4月30日", "",
    "附件1", "", "行政争议会商办法", "",
    "一、总则", "为化解行政争议，制定本办法。", "二、会商程序", "（一）提出。由法院提出会商事项。",
    "（二）会商。每季度召开一次。", "",
    "附件 2", "", "府院联席会议制度", "",
    "第一条　联席会议由市政府和市中级人民法院组成。", "",
    "抄送：市委办公室。", "鹤岗市人民政府办公室 2025年4月30日印发"])


def test_two_labelled_attachments_matched_with_the_attachment_note(tmp_path):
    document, report = imported(tmp_path, TWO)
    checked(report)
    assert document.body == [outline.Paragraph(
        "现将《行政争议会商办法》《府院联席会议制度》印发给你们，请认真贯彻执行。")]
    assert document.issuers == ["鹤岗市人民政府"] and document.date == dt.date(2025, 4, 30)
    first, second = document.attachments
    assert first.title == ["行政争议会商办法"] and second.title == ["府院联席会议制度"]
    assert headings(first.body) == ["总则", "会商程序", "提出。", "会商。"]
    assert first.body[1].body[0].text == "由法院提出会商事项。"
    assert second.body == [outline.Paragraph("第一条　联席会议由市政府和市中级人民法院组成。")]
    assert not first.separate and not second.separate
    assert document.imprint.cc == ["市委办公室"]
    assert document.imprint.printer == "鹤岗市人民政府办公室"
    # The 附件说明 calls the second 府院联席会议制度（试行）: its own title is kept, and said so.
    assert why(report, 7) == ["read as the 附件说明 (2 listed)"]
    assert why(report, 8) == ["the 附件说明 names attachment 2 '府院联席会议制度（试行）', its own "
                              "title reads '府院联席会议制度': the title is kept (gongwen "
                              "derives the 附件说明 from it)"]
    assert why(report, 13) == why(report, 23) == [
        "read as an attachment's label (附件): gongwen prints it"]
    text = format_document(document)
    assert canonical(text, "x.yaml") == text


def test_an_attachment_listed_but_not_in_the_text_stays_separate(tmp_path):
    text = TWO.replace("2.府院联席会议制度（试行）", "2.府院联席会议制度\n3.联络员名单")
    document, report = imported(tmp_path, text)
    checked(report)
    assert [(a.title, a.separate) for a in document.attachments] == [
        (["行政争议会商办法"], False), (["府院联席会议制度"], False), (["联络员名单"], True)]
    assert why(report, 9) == ["'联络员名单' is in the 附件说明 but its text is not in the file: "
                              "marked `separate: true`"]


def test_attachment_labels_in_chinese_numerals_and_no_attachment_note(tmp_path):
    text = TWO.replace("附件：1.行政争议会商办法\n2.府院联席会议制度（试行）\n", "") \
        .replace("附件1", "附件一").replace("附件 2", "附件二")
    document, report = imported(tmp_path, text)
    checked(report)
    assert [a.title for a in document.attachments] == [["行政争议会商办法"], ["府院联席会议制度"]]
    assert not any(a.separate for a in document.attachments)
    assert "gongwen derives the 附件说明 from their titles" in " ".join(why(report, 11))


def test_a_document_without_attachments_keeps_its_closing(tmp_path):
    """A date line inside the text with no 署名 above it and no label under it opens nothing:
    the text stays body, and the document's own 署名 and date close it as before."""
    text = "\n".join(["关于开会的通知", "", "会议日期如下。", "2025年5月6日", "", "议程",
                      "听取工作汇报。", "", "某某局", "2025年4月30日", "（此件公开发布）"])
    document, report = imported(tmp_path, text)
    checked(report)
    assert document.attachments == []
    assert [b.text for b in document.body] == ["会议日期如下。", "2025年5月6日", "议程听取工作汇报。"]
    assert document.issuers == ["某某局"] and document.date == dt.date(2025, 4, 30)
    assert document.note == "此件公开发布"


def test_attachments_in_a_docx_typed_by_a_person(tmp_path):
    """A typed .docx goes through the same recogniser: one paragraph per line."""
    word = docx.Document()
    for line in TWO.split("\n"):
        word.add_paragraph(line)
    path = tmp_path / "typed.docx"
    word.save(path)
    document, report = import_file(path)
    checked(report)
    assert [a.title for a in document.attachments] == [["行政争议会商办法"], ["府院联席会议制度"]]
    assert headings(document.attachments[0].body) == ["总则", "会商程序", "提出。", "会商。"]
    assert document.date == dt.date(2025, 4, 30) and document.imprint.cc == ["市委办公室"]


# ---------------------------------------------------------------------------------------------
# Tables typed as text

ROWS = [["区县", "示范项目", "完成率"], ["永昌县", "12", "95%"], ["金川区", "8", "100%"],
        ["经开区", "5", "80%"]]


def table_text(separator: str, caption: str = "表1　示范项目完成情况") -> str:
    if separator == "\t":
        rows = ["\t".join(row) for row in ROWS]
    else:  # aligned columns: each cell padded to its column's width
        widths = [max(len(row[j]) for row in ROWS) + 2 for j in range(3)]
        rows = [separator.join(cell + " " * (widths[j] - len(cell)) for j, cell in
                               enumerate(row)).rstrip() for row in ROWS]
    return "\n".join(["金昌市法治政府建设情况", "", "各区县示范项目完成情况如下。", caption, *rows,
                      "", "以上情况，特此报告。"])


@pytest.mark.parametrize("separator", ["\t", "  ", "\u3000\u3000"])
def test_a_table_in_text_with_its_caption_and_header(tmp_path, separator):
    document, report = imported(tmp_path, table_text(separator))
    checked(report)
    first, table, last = document.body
    assert first.text == "各区县示范项目完成情况如下。" and last.text == "以上情况，特此报告。"
    assert isinstance(table, outline.Table)
    assert table.caption == "表1　示范项目完成情况"
    assert table.columns == [outline.Column()] * 3
    assert [[c.text for c in row] for row in table.header] == [ROWS[0]]
    assert [[c.text for c in row] for row in table.rows] == ROWS[1:]
    assert table.rows[0][1].pos == (6, 1 + table_text(separator).split("\n")[5].index("12"))
    [decision] = why(report, 4)
    assert decision.startswith("a table in the text") and "3 columns, 4 rows" in decision
    assert "caption from line 4" in decision and "lines 5–8" in decision
    assert report.used == set(range(1, 11)) - {2, 9}


def test_a_table_of_words_only_has_no_header_and_a_centred_caption(tmp_path):
    text = "\n".join(["名单", "", "          联络员名单", "单位\t姓名\t职务", "市司法局\t张三\t科长",
                      "市法院\t李四\t庭长"])
    document, report = imported(tmp_path, text)
    checked(report)
    [table] = document.body
    assert table.caption == "联络员名单" and table.header == []
    assert [[c.text for c in row] for row in table.rows] == [
        ["单位", "姓名", "职务"], ["市司法局", "张三", "科长"], ["市法院", "李四", "庭长"]]
    assert "no header row" in why(report, 3)[0]


def test_what_is_not_a_table(tmp_path):
    """One line with tabs is a paragraph (the tab a space); numbered headings and sentences set
    apart by wide spaces are no cells; lines with different numbers of cells are no table."""
    text = "\n".join([
        "通知", "", "联系人\t张三", "", "一、\t总体要求", "（一）\t工作目标", "",
        "第一条  为规范行政争议会商工作，制定本办法。", "第二条  本办法适用于全市各级行政机关。", "",
        "甲\t乙", "丙\t丁\t戊"])
    document, report = imported(tmp_path, text)
    checked(report)
    assert not any(isinstance(v.block, outline.Table) for v in outline.walk(document.body))
    assert document.body[0] == outline.Paragraph("联系人 张三")
    assert why(report, 3) == ["a tab inside the text (a single line of cells is no table): "
                              "written as a space"]
    assert headings(document.body) == ["总体要求", "工作目标"]


@pytest.mark.parametrize("separator", ["\t", "  "])
def test_the_imported_outline_passes_fmt_check(tmp_path, capsys, separator):
    source = tmp_path / "in.txt"
    source.write_text(TWO.replace("第一条　联席会议由市政府和市中级人民法院组成。",
                                  table_text(separator).split("\n", 3)[3]), encoding="utf-8")
    target = tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert "not recognised" not in err and "a table in the text" in err
    assert main(["fmt", "--check", str(target)]) == 0
    document = load_file(target)
    [table] = [v.block for v in outline.walk(document.attachments[1].body)
               if isinstance(v.block, outline.Table)]
    assert [[c.text for c in row] for row in table.header + table.rows] == ROWS


@pytest.mark.parametrize("title, attached", [
    ("濮阳市人民政府办公室关于印发濮阳市城市道路窨井设施管理暂行办法的通知", True),
    ("濮阳市人民政府办公室关于转发《濮阳市城市道路窨井设施管理暂行办法》的通知", True),
    ("濮阳市人民政府办公室关于加强城市道路管理的通知", False),
])
def test_a_date_without_signature_opens_the_attachment_the_title_issues(tmp_path, title,
                                                                         attached):
    """Web copies often drop the 署名 (it stands under the seal): the title says what the
    通知 issues (印发/转发 X), and a line under the 成文日期 naming X opens the attachment."""
    text = "\n".join([title, "各县（区）人民政府：", "现将办法印发给你们，请遵照执行。",
                      "二〇一一年三月三十日", "濮阳市城市道路窨井设施管理暂行办法",
                      "第一条　为加强城市道路窨井设施管理，制定本办法。"]) + "\n"
    path = tmp_path / "web.txt"
    path.write_text(text, encoding="utf-8")
    document, report = import_file(path)
    if attached:
        assert [a.title for a in document.attachments] == [["濮阳市城市道路窨井设施管理暂行办法"]]
        assert document.date == dt.date(2011, 3, 30)
        assert document.attachments[0].body[0].text.startswith("第一条")
    else:
        assert not document.attachments
    assert not [e for e in report.dropped if "not recognised" in e.why]

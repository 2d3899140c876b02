"""`gongwen import` of plain text: the seed's web copy, each recognised pattern, the report and
the command's errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from render import outline
from render.cli import main
from render.fmt import canonical, format_document
from render.importer import import_file
from render.load import load_file

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/seed/qingdao-miit-2022-summary.txt")
SEED_COPY = ROOT / "tests" / "data" / "import" / "qingdao-miit-2022-summary.txt"
SEED_OUTLINE = ROOT / "source" / "qingdao-miit-2022-summary.yaml"


def imported(tmp_path, text: str):
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    return import_file(path)


def test_seed_body_equals_the_outline_but_for_the_reported_marks(tmp_path):
    document, report = import_file(SEED_COPY)
    expected = load_file(SEED_OUTLINE)
    assert document.body != expected.body  # the web copy's half-width marks
    assert document.title == expected.title
    assert document.publication == expected.publication
    # Apply exactly the report's half-width marks to the source: then the bodies are equal.
    lines = SEED_COPY.read_text(encoding="utf-8").split("\n")
    for mark in report.half_width:
        text = lines[mark.line - 1]
        assert text[mark.column - 1] == mark.char
        lines[mark.line - 1] = text[:mark.column - 1] + mark.full + text[mark.column:]
    fixed, again = imported(tmp_path, "\n".join(lines))
    assert fixed.body == expected.body
    assert again.half_width == []
    assert len(report.half_width) == 197


def test_every_seed_line_is_in_the_outline_or_dropped():
    _, report = import_file(SEED_COPY)
    count = len(SEED_COPY.read_text(encoding="utf-8").split("\n"))
    dropped = {e.line for e in report.dropped}
    assert not dropped & report.used
    assert dropped | report.used == set(range(1, count + 1))
    assert {e.line: e.why for e in report.dropped if e.text} == {3: "page chrome",
                                                                 77: "page chrome"}
    joined = [e for e in report.decisions if e.why.startswith("joined")]
    assert [e.line for e in joined] == [39]  # 家电及电 / 子信息, across a blank line


def test_seed_result_is_canonical(tmp_path):
    document, _ = import_file(SEED_COPY)
    text = format_document(document)
    assert canonical(text, "x.yaml") == text


@pytest.mark.parametrize("typed, level", [
    ("一、", 1), ("一.", 1), ("一．", 1),
    ("（一）", 2), ("(一)", 2),
    ("1.", 3), ("1、", 3), ("1．", 3),
    ("（1）", 4), ("(1)", 4),
])
def test_heading_variants_nest_by_level(tmp_path, typed, level):
    prefix = ["一、甲", "（一）乙", "1.丙"][:level - 1]
    text = "\n".join(["标题", "", *prefix, f"{typed}标题文字", "正文内容。"])
    document, report = imported(tmp_path, text)
    blocks = document.body
    for _ in range(level - 1):
        blocks = blocks[-1].body
    section = blocks[-1]
    assert isinstance(section, outline.Section) and section.heading == "标题文字"
    assert section.body == [outline.Paragraph("正文内容。")]
    canonical_form = typed in ("一、", "（一）", "1.", "（1）")
    assert any("typed" in e.why for e in report.decisions if e.line == level + 2) != \
        canonical_form


def test_run_in_lead_and_its_broken_text(tmp_path):
    document, report = imported(tmp_path, "标题\n\n（一）总体要求。文字在这里\n断开了。\n下一段。")
    [lead] = document.body  # the paragraph after a lead belongs to its section
    assert lead == outline.Section("总体要求。", runin=True, text="文字在这里断开了。",
                                   body=[outline.Paragraph("下一段。")])
    assert any(e.line == 4 and e.why.startswith("joined") for e in report.decisions)


def test_lines_that_end_a_sentence_are_not_joined(tmp_path):
    document, _ = imported(tmp_path, "标题\n\n第一段。\n第二段：\n第三段")
    assert [b.text for b in document.body] == ["第一段。", "第二段：", "第三段"]


def test_a_heading_is_never_joined_to_the_next_line(tmp_path):
    document, _ = imported(tmp_path, "标题\n\n一、总体要求\n正文内容\n（一）分项\n")
    section = document.body[0]
    assert section.heading == "总体要求"
    assert section.body[0] == outline.Paragraph("正文内容")
    assert section.body[1].heading == "分项"


def test_page_chrome_is_dropped_and_reported(tmp_path):
    text = "【字体：大 中 小】 打印 关闭\n标题\n正文。\n扫一扫在手机打开当前页\n分享到：微信"
    document, report = imported(tmp_path, text)
    assert document.title == ["标题"]
    assert [b.text for b in document.body] == ["正文。"]
    assert [(e.line, e.why) for e in report.dropped] == [
        (1, "page chrome"), (4, "page chrome"), (5, "page chrome")]


def test_front_and_closing_parts(tmp_path):
    text = "\n".join([
        "青岛市工业和信息化局关于开展", "2023年智能化改造项目申报工作的通知", "青工信发〔2023〕5号", "",
        "各区、市工业和信息化主管部门:", "现将有关事项通知如下。", "附件:1.申报书", "2.汇总表", "",
        "青岛市工业和信息化局", "二〇二三年三月一日", "(此件公开发布)",
        "抄送:市财政局,市发展改革委。", "青岛市工业和信息化局办公室 2023年3月1日印发",
    ])
    document, report = imported(tmp_path, text)
    assert document.title == ["青岛市工业和信息化局关于开展", "2023年智能化改造项目申报工作的通知"]
    assert document.header.doc_number == "青工信发〔2023〕5号"
    assert document.addressee == "各区、市工业和信息化主管部门"
    assert document.body == [outline.Paragraph("现将有关事项通知如下。")]
    assert [a.title for a in document.attachments] == [["申报书"], ["汇总表"]]
    assert all(a.separate for a in document.attachments)
    assert document.issuers == ["青岛市工业和信息化局"]
    assert document.date == dt.date(2023, 3, 1)
    assert document.note == "此件公开发布"
    assert document.imprint == outline.Imprint(cc=["市财政局", "市发展改革委"],
                                               printer="青岛市工业和信息化局办公室",
                                               date=dt.date(2023, 3, 1))
    assert document.style == "gbt9704"
    assert report.used == set(range(1, 15)) - {4, 9}
    text = format_document(document)
    assert canonical(text, "x.yaml") == text


def test_joint_issuers_and_an_arabic_date(tmp_path):
    document, _ = imported(tmp_path, "标题\n\n正文。\n\n甲市人民政府\n乙市人民政府\n2025年4月30日")
    assert document.issuers == ["甲市人民政府", "乙市人民政府"]
    assert document.date == dt.date(2025, 4, 30)


# ---------------------------------------------------------------------------------------------
# The command


def run(capsys, *argv):
    code = main(["import", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_stdout_and_json_report(capsys):
    code, out, err = run(capsys, SEED_COPY, "--report", "json")
    assert code == 0
    assert out.startswith("style: material\ntitle: 市工业和信息化2022年工作总结\n")
    report = json.loads(err)
    assert {e["line"] for e in report["dropped"] if e["text"]} == {3, 77}
    assert report["half_width"][0] == {"line": 9, "column": 6, "char": ",", "full": "，"}


def test_cli_writes_the_output_file(tmp_path, capsys):
    target = tmp_path / "out" / "seed.yaml"
    code, out, err = run(capsys, SEED_COPY, "-o", target)
    assert code == 0 and out == ""
    assert "2 dropped" in err
    assert main(["fmt", "--check", str(target)]) == 0


def test_cli_errors(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "missing.txt")
    assert code == 2 and "missing.txt: cannot read" in err
    source = tmp_path / "x.txt"
    source.write_text("标题\n正文。\n", encoding="utf-8")
    code, _, err = run(capsys, source, "-o", source)
    assert code == 2 and "would overwrite the input" in err
    assert source.read_text(encoding="utf-8") == "标题\n正文。\n"
    (tmp_path / "folder").mkdir()
    code, _, err = run(capsys, source, "-o", tmp_path / "folder")
    assert code == 3 and "is a folder" in err
    doc = tmp_path / "x.doc"
    doc.write_bytes(b"PK")
    code, _, err = run(capsys, doc)
    assert code == 2 and "plain text (.txt) and .docx" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("打印\n\n", encoding="utf-8")
    code, _, err = run(capsys, empty)
    assert code == 2 and "no text to import" in err


def test_corpus_notice_as_its_web_copy(tmp_path):
    """A real 通知 (source/corpus, see ORIGINS.md) typed as its web page shows it: numbered
    paragraphs stay paragraphs with their numbers; 发文字号, 主送, 署名 and a 〇 date found."""
    expected = load_file(ROOT / "source" / "corpus" / "guobanhan-2003-49-lianxi-huiyi.yaml")
    text = "\n\n".join([
        "打印 关闭", expected.title[0], expected.header.doc_number,
        expected.addressee + ":", *[p.text for p in expected.body],
        "国务院办公厅\n二○○三年七月十八日", "扫一扫在手机打开当前页"])
    document, report = imported(tmp_path, text)
    assert document.title == expected.title
    assert document.header.doc_number == expected.header.doc_number
    assert document.addressee == expected.addressee
    assert document.body == expected.body
    assert document.issuers == expected.issuers and document.date == expected.date
    numbered = [e for e in report.decisions if e.why.startswith("a numbered paragraph")]
    assert len(numbered) == sum(p.text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")
                                for p in expected.body)


def test_diff_imports_plain_text_sides(tmp_path, capsys):
    """Two web copies of a document are compared as outlines: the one changed word is found."""
    seed = Path(__file__).resolve().parent / "data" / "import" / "qingdao-miit-2022-summary.txt"
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    text = seed.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("全面打响", "全力打响", 1), encoding="utf-8")
    assert main(["diff", "--color", "never", str(old), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["第1段 修改段: …定“走在前、开新局”,全[-面-]{+力+}打响“工赋青岛·智造强市…"]
    assert main(["diff", "--color", "never", str(old), str(old)]) == 0


def test_a_breadcrumb_is_page_chrome_and_no_doc_number_means_no_letterhead(tmp_path):
    """A web page's 首页 > 政务公开 > 通知公告 line is dropped, not taken for the title; a text
    with 主送 and 成文日期 but no 发文字号 has no 版头 to import, so it is written as material
    rather than getting a 版头 made up from its issuer."""
    source = tmp_path / "web.txt"
    source.write_text("首页 > 政务公开 > 通知公告\n关于开展安全检查的通知\n各区、市应急管理局：\n"
                      "现将有关事项通知如下。\n青岛市应急管理局\n2024年4月15日\n", encoding="utf-8")
    document, report = import_file(source)
    assert document.title == ["关于开展安全检查的通知"]
    assert document.style == "material" and document.header is None
    assert any(item["line"] == 1 and "chrome" in item["why"]
               for item in json.loads(report.as_json())["dropped"])


def test_the_report_counts_the_files_lines(tmp_path):
    """A file of 3 lines ending with a line break has 3 lines: no 4th, empty one to drop."""
    source = tmp_path / "three.txt"
    source.write_text("关于测试的通知\n各单位：\n现将有关事项通知如下。\n", encoding="utf-8")
    _, report = import_file(source)
    assert all(item["line"] <= 3 for item in json.loads(report.as_json())["dropped"])


def test_a_letterhead_typed_before_the_title_is_the_header(tmp_path):
    """Text taken from a printed page: 份号, 密级, 紧急程度, the mark …文件 and the 发文字号 with
    its 签发人 above the title become `header:`; the document builds as gbt9704."""
    source = tmp_path / "printed.txt"
    source.write_text("000025\n秘密★1年\n特急\n青岛市工业和信息化局文件\n"
                      "青工信发〔2023〕20号　　签发人：王建国\n关于开展测试工作的通知\n"
                      "各区、市工业和信息化主管部门：\n现将有关事项通知如下。\n青岛市工业和信息化局\n"
                      "2023年5月8日\n", encoding="utf-8")
    document, _ = import_file(source)
    header = document.header
    assert (header.copy_number, header.classification.level, header.classification.period,
            header.urgency, header.issuers, header.mark_suffix, header.doc_number,
            header.signers) == ("25", "秘密", "1年", "特急", ["青岛市工业和信息化局"], "文件",
                                "青工信发〔2023〕20号", ["王建国"])
    assert document.title == ["关于开展测试工作的通知"] and document.style == "gbt9704"
    assert document.addressee == "各区、市工业和信息化主管部门"


def test_lines_that_look_like_a_letterhead_without_a_doc_number_stay_text(tmp_path):
    source = tmp_path / "plain.txt"
    source.write_text("特急\n关于开展测试工作的通知\n各单位：\n现将有关事项通知如下。\n", encoding="utf-8")
    document, report = import_file(source)
    assert document.header is None and document.title == ["关于开展测试工作的通知"]
    assert [(e.line, e.why) for e in report.dropped] == [
        (1, "before the title: a 版头 line, but the 版头 has no 发文字号 (no 版头 is written)")]


@pytest.mark.parametrize("line, addressee", [
    ("各县（市、区）人民政府，济宁高新区、太白湖新区、济宁经济技术开发区、曲阜文化建设示范区管委会"
     "（推进办公室），市政府各部门：", True),
    ("为进一步加强全市工业企业安全生产工作，切实落实企业主体责任，防范遏制重特大事故发生，经研究，"
     "现就有关事项通知如下：", False),
    ("为进一步加强全市工业企业安全生产工作，切实落实企业主体责任，防范遏制重特大事故发生，保障人民群众生命财产安全，经市政府"
     "同意，现提出以下工作要求：", False),
])
def test_a_long_addressee_is_read_when_it_lists_bodies(tmp_path, line, addressee):
    """A 主送 over 60 characters is one when its parts end like bodies' names; a long first
    sentence ending in ： is the body's."""
    document, _ = imported(tmp_path, f"关于持续深化改革的实施意见\n{line}\n一、总体要求\n正文。\n")
    assert (document.addressee == line[:-1]) is addressee
    assert (document.body[0] == outline.Paragraph(line)) is not addressee


@pytest.mark.parametrize("typed", ["许政[2009]34号", "许政［2009］34号", "许政（2009） 34 号",
                                   "许政﹝2009﹞34号"])
def test_a_doc_number_is_written_in_the_form_the_outline_takes(tmp_path, typed):
    """Whatever brackets and spaces a web copy types around the year, import writes 〔2009〕
    (the loader takes no other form): the outline builds; the decision says so."""
    document, report = imported(tmp_path, "许昌市人民政府关于印发价格调节基金管理办法的通知\n"
                                          f"{typed}\n各县（市、区）人民政府：\n现印发给你们。\n")
    assert document.header.doc_number == "许政〔2009〕34号"
    assert any("the year in 〔〕" in e.why for e in report.decisions)
    assert document.issuers == ["许昌市人民政府"]  # from the title: the copy names no issuer
    out = tmp_path / "out.yaml"
    out.write_text(format_document(document), encoding="utf-8")
    assert main(["check", str(out)]) == 0


def test_a_doc_number_with_no_issuer_anywhere_gets_a_placeholder_issuer(tmp_path):
    document, report = imported(tmp_path, "关于印发价格调节基金管理办法的通知\n许政〔2009〕34号\n"
                                          "各县（市、区）人民政府：\n现印发给你们。\n")
    assert document.header.doc_number == "许政〔2009〕34号"
    assert document.issuers == ["（原文未载发文机关）"]
    assert any("replace it" in e.why for e in report.decisions)
    out = tmp_path / "out.yaml"
    out.write_text(format_document(document), encoding="utf-8")
    assert main(["check", str(out)]) == 0

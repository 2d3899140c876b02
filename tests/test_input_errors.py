"""Each class of bad input gets its file:line:col message, exit code 2, and no output."""

from __future__ import annotations

import pytest

from render.cli import main

CASES = {
    "yaml-syntax": ("title: x\nbody:\n  - a\n    b: [\n", "4:6: YAML syntax: mapping values are not allowed"),
    "half-width-colon-in-value": ("title: 测试\naddressee: 各区、市: 主管部门\n",
                                  "2:16: YAML syntax: mapping values are not allowed in this "
                                  "context; a ': ' (half-width colon and space) inside a value "
                                  "starts a key in YAML: write the full-width ："),
    "half-width-colon-in-paragraph": ("title: 测试\nbody:\n  - 时间: 下午3点。\n",
                                      "3:5: paragraph: YAML read the ': ' after “时间” as a key: "
                                      "write the full-width ： (时间：…)"),
    "tab-indent": ("title: 测试\nbody:\n\t- 正文。\n",
                   "3:1: YAML syntax: found character that cannot start any token (while scanning "
                   "for the next token); that is a tab: YAML indents with spaces only"),
    "unknown-key": ("title: 测试\ntitel: x\n", "2:1: document: unknown key 'titel'; did you mean 'title'?"),
    "nested-unknown-key": ("title: 测试\npublication:\n  sorce: 网\n",
                           "3:3: publication: unknown key 'sorce'; did you mean 'source'?"),
    "wrong-type-list": ("title: 测试\nissuers: 5\n", "2:10: issuers: expected a list"),
    "wrong-type-text": ("title:\n  a: b\n", "2:3: title: expected text (or a list of lines), found a mapping"),
    "wrong-type-bool-enum": ("title: 测试\nseal: maybe\n", "2:7: seal: 'maybe' is not allowed; one of: none, seal, signature"),
    "impossible-date": ("title: 测试\ndate: 2023-02-30\n", "2:7: date: 2023-02-30 is not a real date"),
    "not-a-date": ("title: 测试\ndate: 去年\n", "2:7: date: expected a date as YYYY-MM-DD, like 2023-02-16, found '去年'"),
    "too-deep": (
        "title: 测试\nbody:\n  - heading: 一\n    body:\n      - heading: 二\n        body:\n"
        "          - heading: 三\n            body:\n              - heading: 四\n"
        "                body:\n                  - heading: 五\n",
        "11:21: section: nested 5 levels deep",
    ),
    "unknown-style": ("style: materal\ntitle: 测试\n", "1:8: style: no style sheet named 'materal'; did you mean 'material'?"),
    "missing-title": ("style: material\n", "1:1: document: missing required key 'title'"),
    "alias": ("title: &t 测试\nsubtitle: *t\n", "2:11: YAML syntax: aliases (*name) are not allowed"),
    "duplicate-key": ("title: 测试\ntitle: 测试\n", "2:1: document: key 'title' repeated (first on line 1)"),
    "heading-and-lead": ("title: 测试\nbody:\n  - heading: a\n    lead: b\n",
                         "3:5: section: give either 'heading' (a heading line) or 'lead' (a run-in heading), not both"),
    "text-under-heading": ("title: 测试\nbody:\n  - heading: a\n    text: b\n",
                           "4:5: section: 'text' goes with 'lead'"),
    "empty-paragraph": ('title: 测试\nbody:\n  - ""\n', "3:5: paragraph: expected text, found only spaces or invisible characters"),
    "folded-paragraph": ("title: 测试\nbody:\n  - >\n    一句。\n    二句。\n", "3:5: paragraph: write paragraphs as '|' blocks"),
    "copy-number": ("title: 测试\nheader:\n  copy_number: 12345678\n", "3:16: header: copy_number (份号) must be 1 to 6 digits"),
    "empty-file": ("", "the file is empty"),
    "doc-number-brackets": ("title: 测试\nheader:\n  doc_number: 青工信发[2023]5号\n",
                            "3:15: header: doc_number (发文字号) '青工信发[2023]5号' is not of the form "
                            "机关代字〔2023〕5号; the year goes in 六角括号 〔〕"),
    "doc-number-zero": ("title: 测试\nheader:\n  doc_number: 青工信发〔2023〕05号\n",
                        "3:15: header: doc_number (发文字号) '青工信发〔2023〕05号' is not of the form "
                        "机关代字〔2023〕5号; the number has no 第 and no leading zeros"),
    "doc-number-short-year": ("title: 测试\nheader:\n  doc_number: 青工信发〔23〕5号\n",
                              "3:15: header: doc_number (发文字号) '青工信发〔23〕5号' is not of the "
                              "form 机关代字〔2023〕5号; write the full year"),
    "attachment-without-body": ("title: 测试\nattachments:\n  - title: 名单\n",
                                "3:5: attachments: 附件1 《名单》 is listed in the 附件说明 but has no "
                                "body"),
    "unknown-urgency": ("title: 测试\nheader:\n  urgency: 紧急\n",
                        "3:12: urgency: '紧急' is not allowed"),
    "signature-without-signer": ("title: 测试\ndate: 2024-01-05\nseal: signature\n",
                                 "3:7: seal: a signature seal (签名章) needs `signer:`"),
    "multiline-heading": ('title: 测试\nbody:\n  - heading: "一\\n二"\n', "3:14: heading: must be a single line"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_message_and_exit_code(name, tmp_path, capsys):
    text, message = CASES[name]
    source = tmp_path / f"{name}.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", "-o", str(out), str(source)]) == 2
    err = capsys.readouterr().err
    assert f"{source}:{message}" in err or f"{source}: {message}" in err, err
    assert "Traceback" not in err
    assert not out.exists(), "nothing is written when the input is bad"


def test_one_bad_file_stops_only_itself(tmp_path, capsys):
    """A batch writes every good outline; the bad one is reported (exit 2), nothing of it
    written (tests/test_batch.py has more)."""
    good = tmp_path / "good.yaml"
    good.write_text("title: 测试\nissuers: [某局]\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: 测试\nissuers: [某局]\ndate: 2023-02-29\n", encoding="utf-8")
    assert main(["build", "-o", str(tmp_path / "out"), str(good), str(bad)]) == 2
    assert f"{bad}:3:7: date" in capsys.readouterr().err
    assert (tmp_path / "out" / "good.pdf").exists()
    assert not list((tmp_path / "out").glob("bad.*"))


def test_all_problems_are_reported_at_once(tmp_path, capsys):
    source = tmp_path / "many.yaml"
    source.write_text("title: 测试\ndate: 2023-02-30\nseal: x\nfoo: 1\n", encoding="utf-8")
    assert main(["check", str(source)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert [line.split(":")[1] for line in lines] == ["2", "3", "4"]


def test_a_refused_value_does_not_hide_the_rules_across_keys(tmp_path, capsys):
    """A bad 印章 value and a 份号 of seven digits (a rule checked across the header): both in one
    run (a new user saw the 份号 only after fixing the seal)."""
    source = tmp_path / "two.yaml"
    source.write_text("title: 测试\nheader:\n  issuers: [某局]\n  copy_number: 1234567\n"
                      "seal: stamp\n", encoding="utf-8")
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err
    assert ":4:16: header: copy_number" in err and ":5:7: seal: 'stamp'" in err


def test_oversized_file_is_refused(tmp_path, capsys):
    source = tmp_path / "huge.yaml"
    source.write_text("title: 测试\nbody:\n" + "  - 一段文字。\n" * 300_000, encoding="utf-8")
    assert main(["check", str(source)]) == 2
    assert "outlines are limited to" in capsys.readouterr().err


def test_alias_bomb_is_refused_quickly(tmp_path, capsys):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    source = tmp_path / "bomb.yaml"
    source.write_text("\n".join(lines) + "\ntitle: x\n", encoding="utf-8")
    assert main(["check", str(source)]) == 2
    assert "aliases (*name) are not allowed" in capsys.readouterr().err


def test_invalid_utf8(tmp_path, capsys):
    source = tmp_path / "latin1.yaml"
    source.write_bytes("title: 测试\nsubtitle: caf\xe9\n".encode("utf-8")[:-3] + b"\xe9\n")
    assert main(["check", str(source)]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err


def test_missing_file(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope.yaml")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_refused_date_is_not_reported_again_as_missing(tmp_path, capsys):
    """A sealed outline with a mistyped date gets the date's message only, not also 'a sealed
    document needs its 成文日期'; without `date:` at all, that message is the right one."""
    source = tmp_path / "d.yaml"
    source.write_text("title: 测试\nissuers: [某局]\ndate: 2024-02-30\nseal: seal\n", encoding="utf-8")
    assert main(["check", str(source)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and ":3:7: date: 2024-02-30 is not a real date" in err[0]
    source.write_text("title: 测试\nissuers: [某局]\nseal: seal\n", encoding="utf-8")
    assert main(["check", str(source)]) == 2
    assert "a sealed document needs its 成文日期" in capsys.readouterr().err

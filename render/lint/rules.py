"""The text rules: each a `Rule` (id, severity, the clause it cites, a one-line reason) and a
check over the outline's text values (`values.Value`) that yields `Hit`s: where in the value,
what is wrong, and for the safe fixes the replacement text.

P rules read one value at a time; D rules read the document's values together (its title,
addressee, 签发人). Layout rules (L) are in `lint/layout.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .values import Value


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # "error" or "warning"
    clause: str
    reason: str


@dataclass(frozen=True)
class Hit:
    rule: Rule
    value: Value
    index: int  # the first character at fault
    message: str
    length: int = 1
    replacement: str | None = None  # a safe fix: the text that replaces text[index:index+length]


HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULL = "\u3000-\u303f\uff01-\uff60“”‘’—…《》·"
CJK = re.compile(f"[{HAN}{FULL}]")
HAN_RE = re.compile(f"[{HAN}]")


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(CJK.match(ch))


R = {r.id: r for r in [
    Rule("P001", "error", "GB/T 15834-2011 §4.1–4.9, §5.1",
         "half-width , : ; ( ) ! ? in Chinese text: Chinese text takes the full-width marks"),
    Rule("P002", "error", "GB/T 15834-2011 §4.8",
         "straight quotes \" ': Chinese text quotes with “ ” and ‘ ’"),
    Rule("P003", "warning", "GB/T 15834-2011 §4.10, §4.13",
         "a dash is —— (two em dashes); a lone —, – or - between Chinese characters is not one"),
    Rule("P004", "warning", "GB/T 15834-2011 §4.11",
         "an ellipsis is …… (two ellipsis characters), not ..., 。。。 or one …"),
    Rule("P005", "error", "GB/T 9704-2012 §7.2.5",
         "the year of a 发文字号 goes in 六角括号 〔〕"),
    Rule("P006", "error", "GB/T 15834-2011 §4.8, §4.9, §4.15",
         "unbalanced 《》 “” ‘’ （） 〔〕 【】: an opening mark without its closing one, or the reverse"),
    Rule("P007", "error", "GB/T 9704-2012 §7.3.2",
         "the addressee ends with a colon: the renderer adds the full-width ：, so it prints twice"),
    Rule("P008", "error", "GB/T 9704-2012 §7.3.3",
         "a heading typed with its number: the renderer numbers headings, so it prints twice"),
    Rule("P009", "warning", "GB/T 9704-2012 §7.3.1, §7.3.3",
         "a space inside Chinese text or a title: Chinese text has no spaces between characters"),
    Rule("P010", "warning", "GB/T 9704-2012 §7.3.1",
         "a title ends with a punctuation mark"),
    Rule("P011", "warning", "GB/T 9704-2012 §7.3.3",
         "a stand-alone heading ends with 。 (a heading on its own line takes no full stop)"),
    Rule("P012", "warning", "GB/T 9704-2012 §7.3.3",
         "a run-in heading (lead) without 。 at its end runs into its paragraph"),
    Rule("P013", "warning", "GB/T 9704-2012 §7.3.5.4; GB/T 15835-2011",
         "a date with a zero-padded month or day (3月01日), or 零 for 〇 in a year in Chinese numerals"),
    Rule("P014", "warning", "GB/T 15834-2011 §5.1",
         "a character or mark typed twice: 的的, ，，, ：："),
    Rule("P015", "warning", "GB/T 15834-2011 §4.4",
         "a number runs into the next clause with no mark between (8.7%高于…)"),
    Rule("P016", "warning", "GB/T 9704-2012 (前言: 主题词 removed from 1999's format); §7.3.5",
         "an element the 2012 format no longer has: 主题词, or 此页无正文 (the 署名 block is "
         "kept on a page with 正文 instead)"),
    Rule("D001", "error", "党政机关公文处理工作条例 第十五条",
         "a 请示 has one 主送机关: the addressee names several"),
    Rule("D002", "error", "GB/T 9704-2012 §7.2.6",
         "an upward document (请示, 报告) without 签发人 (header: signers)"),
]}

# -- P001 ------------------------------------------------------------------------------

FULL_OF = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def half_width(v: Value) -> Iterator[Hit]:
    text = v.text
    pairs = _paren_pairs(text)
    for i, ch in enumerate(text):
        if ch in "()":
            if i in pairs:
                a, b = sorted((i, pairs[i]))
                chinese = (a > 0 and is_cjk(text[a - 1])) or is_cjk(text[b + 1:b + 2]) \
                    or any(is_cjk(c) for c in text[a + 1:b])
                if chinese:
                    yield Hit(R["P001"], v, i, f"half-width {ch} in Chinese text; use "
                              f"{FULL_OF[ch]}", 1, FULL_OF[ch])
            continue
        if ch not in FULL_OF:
            continue
        before, after = text[i - 1:i] if i else "", text[i + 1:i + 2]
        if ch in ",:" and before.isdigit() and after.isdigit():  # 1,000  15:40
            continue
        spaces = len(text[i + 1:]) - len(text[i + 1:].lstrip(" "))
        following = text[i + 1 + spaces:i + 2 + spaces]
        if is_cjk(before) or is_cjk(following):
            yield Hit(R["P001"], v, i, f"half-width {ch} in Chinese text; use {FULL_OF[ch]}",
                      1 + spaces, FULL_OF[ch])


def _paren_pairs(text: str) -> dict[int, int]:
    stack, pairs = [], {}
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            pairs[i], pairs[j] = j, i
    return pairs


# -- P002 ------------------------------------------------------------------------------

def straight_quotes(v: Value) -> Iterator[Hit]:
    if not HAN_RE.search(v.text):
        return
    for quote, (left, right) in (('"', "“”"), ("'", "‘’")):
        places = [i for i, ch in enumerate(v.text) if ch == quote]
        if quote == "'":  # an apostrophe in Latin text (don't) is not a quote
            places = [i for i in places
                      if is_cjk(v.text[i - 1:i] if i else "") or is_cjk(v.text[i + 1:i + 2])]
        fixable = len(places) % 2 == 0
        for n, i in enumerate(places):
            mark = (left if n % 2 == 0 else right) if fixable else None
            yield Hit(R["P002"], v, i, f"straight quote {quote} in Chinese text; use "
                      f"{left} {right}", 1, mark)


# -- P003, P004 ------------------------------------------------------------------------

DASH = re.compile(r"(?<![-—–])(-{2,}|–+|—|-)(?![-—–])")
ELLIPSIS = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)|…{3,}|·{3,}")


def dashes(v: Value) -> Iterator[Hit]:
    for m in DASH.finditer(v.text):
        before, after = v.text[m.start() - 1:m.start()], v.text[m.end():m.end() + 1]
        if HAN_RE.match(before or " ") and HAN_RE.match(after or " ") or \
                (m.group() != "-" and m.group() != "—" and (is_cjk(before) or is_cjk(after))):
            yield Hit(R["P003"], v, m.start(), f"{m.group()} between Chinese text; a dash is "
                      "—— (two em dashes), a range takes one —", m.end() - m.start())


def ellipses(v: Value) -> Iterator[Hit]:
    for m in ELLIPSIS.finditer(v.text):
        before, after = v.text[m.start() - 1:m.start()], v.text[m.end():m.end() + 1]
        if m.group()[0] == "." and not (is_cjk(before) or is_cjk(after)):
            continue
        yield Hit(R["P004"], v, m.start(), f"{m.group()} for an ellipsis; use ……",
                  m.end() - m.start())


# -- P005 ------------------------------------------------------------------------------

DOC_BRACKETS = re.compile(r"[﹝\[【(（〈［]\s*([0-9]{4})\s*[﹞\]】)）〉］]")


def doc_number_brackets(v: Value) -> Iterator[Hit]:
    if v.role != "doc_number":
        return
    for m in DOC_BRACKETS.finditer(v.text):
        yield Hit(R["P005"], v, m.start(), f"{m.group()} in a 发文字号; the year goes in "
                  f"〔{m.group(1)}〕", m.end() - m.start(), f"〔{m.group(1)}〕")


# -- P006 ------------------------------------------------------------------------------

PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "〔": "〕", "【": "】"}
CLOSERS = {v: k for k, v in PAIRS.items()}


def unbalanced(v: Value) -> Iterator[Hit]:
    stack: list[int] = []
    for i, ch in enumerate(v.text):
        if ch in PAIRS:
            stack.append(i)
        elif ch in CLOSERS:
            if stack and v.text[stack[-1]] == CLOSERS[ch]:
                stack.pop()
            else:
                yield Hit(R["P006"], v, i, f"{ch} closes nothing: its {CLOSERS[ch]} is missing "
                          "or another mark is open")
                return
    for i in stack[:1]:
        yield Hit(R["P006"], v, i, f"{v.text[i]} is never closed: its {PAIRS[v.text[i]]} is "
                  "missing")


# -- P007, P008 ------------------------------------------------------------------------

NUMBERED = re.compile(r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|[0-9]+[.．、]"
                      r"(?![0-9])|[（(][0-9]+[）)]")


def addressee_colon(v: Value) -> Iterator[Hit]:
    if v.role == "addressee" and v.text.rstrip()[-1:] in "：:":
        yield Hit(R["P007"], v, len(v.text.rstrip()) - 1,
                  "the addressee ends with a colon; the renderer adds ：, remove this one")


def numbered_heading(v: Value) -> Iterator[Hit]:
    if v.role in ("heading", "lead") and (m := NUMBERED.match(v.text)):
        yield Hit(R["P008"], v, 0, f"{v.role} starts with its number {m.group()!r}; the "
                  "renderer numbers it, remove the number", m.end())


# -- P009 – P012 -----------------------------------------------------------------------

SPACE_IN_CHINESE = re.compile(f"(?<=[{HAN}{FULL}])[ \u3000]+(?=[{HAN}{FULL}])")
BETWEEN_NAMES = re.compile(f"(?<=[府院局部厅委会室署办处社行司])\u3000(?=[{HAN}])")  # joint issuers
NAME_LISTS = {"present", "absent", "observers", "signers", "cc", "name"}  # 单位 姓名
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇]+[条章节]")  # 第一条　为… (法规的条、章、节)


def spaces(v: Value) -> Iterator[Hit]:
    if v.role in NAME_LISTS:
        return
    pattern = re.compile(r"[ \u3000]+") if v.role == "title" and HAN_RE.search(v.text) \
        else SPACE_IN_CHINESE
    offset = len(v.text) - len(v.text.lstrip())
    stripped = v.text.strip()
    for m in pattern.finditer(stripped):
        names = BETWEEN_NAMES.match(v.text, m.start() + offset)
        if names and names.end() == m.end() + offset:
            continue
        before = stripped[:m.start()]
        if ARTICLE.fullmatch(before):  # the space after 第X条 that regulations print
            continue
        yield Hit(R["P009"], v, m.start() + offset, f"a space in Chinese text ({v.role})",
                  m.end() - m.start())


def title_end(v: Value) -> Iterator[Hit]:
    if v.key[:1] == ("title",) and v.text.rstrip()[-1:] in "。，、；：！？,.;:!?":
        yield Hit(R["P010"], v, len(v.text.rstrip()) - 1,
                  f"the title ends with {v.text.rstrip()[-1]}; a title takes no end mark")


def heading_end(v: Value) -> Iterator[Hit]:
    end = v.text.rstrip()[-1:]
    if v.role == "heading" and end in "。.":
        yield Hit(R["P011"], v, len(v.text.rstrip()) - 1,
                  "a stand-alone heading ends with a full stop; remove it")
    elif v.role == "lead" and end not in "。！？：":
        yield Hit(R["P012"], v, len(v.text.rstrip()) - 1,
                  "a run-in heading (lead) without 。 at its end; add one")


# -- P013 – P015 -----------------------------------------------------------------------

PADDED = re.compile(r"(?<=[0-9]年)0[1-9](?=月)|(?<=[0-9]月)0[1-9](?=日)")
CN_YEAR = re.compile(r"[一二三四五六七八九〇零○Ｏ]{4}(?=年)")
DOUBLED_WORDS = re.compile(r"(的的|在在|和和|与与|及及|了了(?!之)|是是(?!非))")
DOUBLED_MARKS = re.compile(r"([，、；：！？])\1+|(?<!。)。。(?!。)")
RUN_ON = re.compile(f"[0-9](?:%|％|个百分点)(?=(?:[高低]于|位[居列]|居全|排名|超过|好于)[{HAN}])")


def dates(v: Value) -> Iterator[Hit]:
    for m in PADDED.finditer(v.text):
        yield Hit(R["P013"], v, m.start(), f"{m.group()} in a date; months and days take no "
                  f"leading zero ({m.group()[1]})", 2)
    for m in CN_YEAR.finditer(v.text):
        if any(ch in "零○Ｏ" for ch in m.group()):
            yield Hit(R["P013"], v, m.start(), f"{m.group()}年: a year in Chinese numerals writes "
                      "0 as 〇", 4)


def doubled(v: Value) -> Iterator[Hit]:
    for m in DOUBLED_WORDS.finditer(v.text):
        yield Hit(R["P014"], v, m.start(), f"{m.group()}: a character typed twice", 2)
    for m in DOUBLED_MARKS.finditer(v.text):
        mark = m.group()[0]
        safe = mark in "，：" and set(m.group()) == {mark}
        yield Hit(R["P014"], v, m.start(), f"{m.group()}: a mark typed twice",
                  len(m.group()), mark if safe else None)


def run_on(v: Value) -> Iterator[Hit]:
    for m in RUN_ON.finditer(v.text):
        start = m.start()
        while start and (v.text[start - 1].isdigit() or v.text[start - 1] == "."):
            start -= 1
        yield Hit(R["P015"], v, m.end() - 1, f"{v.text[start:m.end() + 2]}…: a number runs "
                  "into the next clause; add ，", 1)


# -- P016 ------------------------------------------------------------------------------

OBSOLETE = re.compile(r"主题词[:：]?|[（(]?此页无正文[)）]?")


def obsolete(v: Value) -> Iterator[Hit]:
    for m in OBSOLETE.finditer(v.text):
        yield Hit(R["P016"], v, m.start(), f"“{m[0]}” is no element of a GB/T 9704-2012 "
                  "document; leave it out", len(m[0]))


VALUE_RULES: list[Callable[[Value], Iterator[Hit]]] = [
    half_width, straight_quotes, dashes, ellipses, doc_number_brackets, unbalanced,
    addressee_colon, numbered_heading, spaces, title_end, heading_end, dates, doubled, run_on,
    obsolete]


# -- D rules: the document's values together ---------------------------------------------

def document_hits(values: list[Value]) -> Iterator[Hit]:
    title = [v for v in values if v.key[:1] == ("title",)]
    if not title:
        return
    whole = "".join(v.text for v in title).strip().rstrip("。，；：！？.,;:!? ")
    addressee = next((v for v in values if v.key == ("addressee",)), None)
    if whole.endswith("请示") and addressee and re.search(r"[、，,；;]", addressee.text):
        yield Hit(R["D001"], addressee, 0, "a 请示 names several 主送机关; send it to one and "
                  "copy (抄送) the others")
    signers = [v for v in values if v.key[:2] == ("header", "signers")]
    numbered = any(v.key == ("header", "doc_number") for v in values)  # a 版头 with its line
    if (whole.endswith("请示") or whole.endswith("报告")) and numbered and not signers:
        yield Hit(R["D002"], title[0], 0, f"an upward document ({whole[-2:]}) without 签发人; "
                  "give header: signers")


def hits(values: list[Value]) -> list[Hit]:
    out = [hit for v in values for rule in VALUE_RULES for hit in rule(v)]
    return out + list(document_hits(values))

"""Text patterns the recogniser goes by: page chrome, heading numbers, dates, sentence ends."""

from __future__ import annotations

import datetime as dt
import re

CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN = "一二三四五六七八九十"
WHITESPACE = re.compile(r"\s")


def bare(text: str) -> str:
    """`text` without any whitespace (as two typings of one name or title compare)."""
    return WHITESPACE.sub("", text)


# Heading numbers by level; the canonical separator of each level comes first in its class.
HEADINGS = [
    (1, re.compile(rf"^([{CN}]+)\s*([、.．])\s*(?=\S)")),
    (2, re.compile(rf"^([（(])\s*([{CN}]+)\s*([）)])\s*(?=\S)")),
    (3, re.compile(r"^(\d{1,2})\s*([.．、])(?!\d)\s*(?=\S)")),
    (4, re.compile(r"^([（(])\s*(\d{1,2})\s*([）)])\s*(?=\S)")),
]
CANONICAL = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}

SENTENCE_END = re.compile(r"[。！？!?；;：:…][”’\"'）)》」』】〕]*$")
LEAD_END = re.compile(r"[。！？][”’）》」』】〕]*")

CHROME_TOKEN = re.compile(
    r"(打印(本页|此页|文章)?|关闭(本页|窗口|此页)?|返回(顶部|首页)?|收藏(本页)?|分享到?[:：]?.*"
    r"|字体(大小)?[:：]?[大中小]?|字号[:：]?[大中小]?|[大中小]|扫一扫.*|(用)?手机(打开|浏览|查看).*"
    r"|浏览次数[:：]?\d*|访问量[:：]?\d*|默认|保存(本页)?|纠错|【|】|\[|\]|\||｜"
    r"|下载地址[:：]?|点击(此处|这里)?下载|收藏本站|设为首页|加入收藏)")

DATE_ARABIC = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
DATE_LINE = re.compile(rf"^{DATE_ARABIC}$")
DATE_CN = re.compile(r"^([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                     r"([一二三四五六七八九十]{1,3})日$")
# 发布日期, 更新时间, 日期: a date with no other word glued before it (生成日期 is no publication)
PUBLISHED = re.compile(r"(?:(发布|发表|更新)|(?<![\u4e00-\u9fff]))(日期|时间)\s*[:：]?\s*"
                       + DATE_ARABIC)
SOURCE = re.compile(r"(信息)?来源\s*[:：]\s*([^\s:：]++)(?![:：])")  # a label after 来源： is none
COPY_NUMBER = re.compile(r"^\d{6}$")  # 份号, printed with six digits
CLASSIFICATION = re.compile(r"^(秘密|机密|绝密)\s*(?:★\s*(\S+))?$")
URGENCY = re.compile(r"^(特急|加急)$")
MARK = re.compile(r"^(\S{2,30}?)(文件|纪要)$")  # 发文机关标志: the issuer's name and 文件
SIGNERS = re.compile(r"签发人[:：]\s*(.+)$")
# 发文字号: 青工信发〔2023〕5号; typed with spaces (遂府函〔2019〕55 号) or [ ] for 〔〕 too
DOC_NUMBER = re.compile(r"^\S{1,20}[〔\[［(（﹝【]\s*\d{4}\s*[〕\]］)）﹞】]\s*第?\d{1,4}\s*号$")
YEAR_BRACKETS = re.compile(r"[\[［(（﹝【〔](\d{4})[\]］)）﹞】〕]")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[:：]\s*(.*)$")
# The label over an attachment's own text: 附件, 附件1, 附件 1, 附件一 (a colon allowed).
ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?\s*[:：]?$")
CC = re.compile(r"^抄\s*送\s*[:：]\s*(.+)$")
PRINTED = re.compile(rf"^(\S+?)\s+{DATE_ARABIC}\s*印发$")
NOTE = re.compile(r"^[（(].+[）)]$")


BREADCRUMB = re.compile(r"^(您的位置|当前位置|所在位置)?[:：]?\s*(网站首页|首页|主页)\s*[>＞»›/]")


def is_chrome(text: str) -> bool:
    """Page chrome: buttons and font switches, or the breadcrumb (首页 > 政务公开 > …)."""
    if BREADCRUMB.match(text.strip()):
        return True
    tokens = [t for t in re.split(r"[\s【】\[\]|｜/]+", text) if t]
    return bool(tokens) and all(CHROME_TOKEN.fullmatch(t) for t in tokens)


# Front-of-page chrome, looked for only above the document: a navigation bar (short words
# between | or ｜: 收藏本站| 设为首页| 首页) and a lone bullet label (• 公告通知).
NAV_WORD_MAX = 8
BULLET_LABEL = re.compile(r"^[•·●◆◇■□▪▫►▶○]\s*[^\s，,。：:；;]{1,10}$")

# The metadata table of a gov.cn 信息公开 page: "label: value" pairs, several to a line.
PAGE_FIELD_LABELS = ("索引号", "组配分类", "信息分类", "主题分类", "体裁分类", "服务对象分类",
                     "发布机构", "发文机关", "生成日期", "发布日期", "发文日期", "成文日期",
                     "生效时间", "生效日期", "废止时间", "废止日期", "失效时间", "有效性",
                     "名称", "标题", "文号", "发文字号", "信息来源", "关键词", "关 键 词",
                     "主题词", "浏览次数", "访问次数", "内容概述", "公开方式", "公开范围",
                     "公开时限", "所属机构", "效力状态", "统一编号")
PAGE_FIELD = re.compile(r"(?:^|(?<=\s))(" + "|".join(PAGE_FIELD_LABELS) + r")\s*[:：]")

# The kinds of 公文 (and of the rules they 印发) a title ends in (GB/T 9704 §7.3.1; 条例 …).
TITLE_KINDS = ("通知", "通报", "批复", "意见", "决定", "函", "请示", "报告", "办法", "规定",
               "方案", "纪要", "公告", "通告", "命令", "决议", "公报", "议案", "细则", "规则",
               "要点", "计划", "总结", "规划", "条例", "章程", "指引", "指南", "措施", "答复",
               "规范", "制度", "守则", "须知", "标准")
TITLE_MAX = 100
TITLE_NOTE = re.compile(r"[（(][^（）()]{1,12}[）)]$")  # （试行） （征求意见稿） after the kind

# A web database's line under the title: the 成文日期 and the issuer (1988年12月8日,最高人民法院).
DATED = re.compile(rf"^{DATE_ARABIC}\s*[,，、\s]\s*([^\s,，、。：:；;]{{2,30}})$")


def is_front_chrome(text: str) -> bool:
    """A navigation bar or a lone bullet label (chrome only where a page prints it: on top)."""
    if BULLET_LABEL.match(text):
        return True
    words = [w.strip() for w in re.split(r"[|｜]", text)]
    return len(words) >= 2 and all(w for w in words[:-1]) and \
        all(len(w) <= NAV_WORD_MAX and not re.search(r"[，,。：:；;]", w) for w in words)


def page_fields(text: str) -> dict[str, str] | None:
    """A line of the 信息公开 table as {label: value} (a value may be empty), else None."""
    found = list(PAGE_FIELD.finditer(text))
    if not found or found[0].start() != 0:
        return None
    ends = [m.start() for m in found[1:]] + [len(text)]
    return {bare(m[1]): text[m.end():end].strip() for m, end in zip(found, ends)}


def reads_as_title(text: str) -> bool:
    """Text that reads like a 公文 title: it starts with 关于 or ends in a kind (通知, 办法 …)."""
    if len(text) > TITLE_MAX or ends_sentence(text) or heading(text) or date(text):
        return False
    return text.startswith("关于") or TITLE_NOTE.sub("", text).endswith(TITLE_KINDS)


def doc_number(text: str) -> str | None:
    """The 发文字号 a line is, in the form the outline takes: spaces removed and the year in
    六角括号 (遂府函〔2019〕55 号 → 遂府函〔2019〕55号, 许政[2009]34号 → 许政〔2009〕34号)."""
    if not DOC_NUMBER.match(text):
        return None
    return YEAR_BRACKETS.sub(r"〔\1〕", bare(text))


def dated(text: str) -> tuple[dt.date, str] | None:
    """(date, issuer) of a line 1988年12月8日,最高人民法院."""
    match = DATED.match(text)
    try:
        return (dt.date(*(int(g) for g in match.groups()[:3])), match[4]) if match else None
    except ValueError:
        return None


def cn_number(text: str) -> int:
    """一 … 九十九 as a number."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return CN_DIGITS.get(text, 0)


def heading(text: str) -> tuple[int, int, str, bool] | None:
    """(level, number, text after the number, typed as canonical) for a numbered line."""
    for level, pattern in HEADINGS:
        match = pattern.match(text)
        if match:
            digits = match.group(1) if level in (1, 3) else match.group(2)
            number = cn_number(digits) if level in (1, 2) else int(digits)
            typed = bare(match.group(0))
            return level, number, text[match.end():], typed == CANONICAL[level].format(digits)
    return None


def date(text: str) -> dt.date | None:
    """A line that is only a date (2023年3月1日, 二〇二三年三月一日, 2023-03-01)."""
    match = DATE_LINE.match(text)
    try:
        if match:
            return dt.date(*(int(g) for g in match.groups()))
        match = DATE_CN.match(text)
        if match:
            year = int("".join(str(CN_DIGITS[c]) for c in match.group(1)))
            return dt.date(year, cn_number(match.group(2)), cn_number(match.group(3)))
    except ValueError:
        return None
    return None


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


# The last character of a body's name (政府, 部门, 单位, 管委会, 公司 …) or its closing bracket.
ORGAN_END = set("府门位局委办厅院会区县市处室司业校构织部所站心队团社行镇乡街道馆园场）)")
ORGAN_SHARE = 0.75  # of a list's parts that must end so


def organ_list(text: str) -> bool:
    """A list of bodies (a long 主送): most parts between 、 and ， end like a body's name."""
    parts = [p.strip() for p in re.split(r"[，、,；;]", text) if p.strip()]
    return len(parts) >= 3 and sum(p[-1] in ORGAN_END for p in parts) >= ORGAN_SHARE * len(parts)


# Lines a web copy's line break leaves standing although they end no sentence (`joins.py`).
CN_COUNT = "一二三四五六七八九十百零〇"
# 第一章 总 则, 第二章会议组成, 第三节 …: a chapter or section and its short title.
CHAPTER = re.compile(rf"^第[{CN_COUNT}]+[章节](?:[ \u3000]*(?![的之、，,和及与或至到])\S.{{0,30}})?$")
# 第一条 …, 第二条本办法…: an article, not a sentence going on (第三条的规定, 第三条、第四条).
ARTICLE = re.compile(rf"^第[{CN_COUNT}]+条(?![的之、，,。；;和及与或至到中])")
# 联系人：张三, 电  话: 027-…, 电子邮箱：…: a short label (spaces inside it allowed), a value.
FIELD = re.compile(r"^[\u3400-\u9fff](?:[ \u3000]*[\u3400-\u9fff]){0,5}[ \u3000]*[:：][ \u3000]*\S")
FIELD_MAX = 40  # a longer line is a sentence that starts with a word and a colon
# 附一：…, 附二:, 附件一：…, 附件2：…: an attachment's label (its title may follow it).
ANNEX_LABEL = re.compile(r"^附\s*(?:件\s*)?(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})?\s*[:：]")
# A line that can be a 署名 (an organ's name): short, no punctuation.
ORGAN_LINE = re.compile(r"^[^。，,：:；;、！？!?]{2,30}$")


def chapter(text: str) -> bool:
    """A chapter or section heading of a 办法 or 规定 (第一章 总 则): a line of its own."""
    return bool(CHAPTER.match(text)) and not ends_sentence(text)


# What an attachment's name may not end in (render/validate.py refuses it).
NAME_END = re.compile(r"[。，；：、.,;:]$")


ISSUES = re.compile(r"(?:印发|转发|下发|颁发|发布)《?(.+?)》?(?:的)?(?:通知|决定|通告)$")


def issued(title: str) -> str | None:
    """What a title says the document issues: 关于印发《X》的通知 → X (spaces removed)."""
    match = ISSUES.search(bare(title))
    return match.group(1) if match else None

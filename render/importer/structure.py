"""`Line`s → an outline `Document`: page chrome dropped, publication data, title, 主送, 正文,
附件说明, 署名 and 成文日期, 附注, 抄送 and 印发; every line used or reported dropped."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from .. import outline
from ..errors import InputError, Problem
from . import evidence, patterns
from .body import blocks, untabbed
from .lines import Line
from .pagefront import PageTable, strip_front, table_date, table_doc_number, table_source
from .pictures import figure_line
from .report import HALF_WIDTH, Entry, Mark, Report

FRONT_SEARCH = 6  # the publication line is looked for among this many first lines
TITLE_SEARCH = 12  # the title is looked for among this many first lines
TITLE_MISSING = "（原文未载标题）"  # the title of a text that prints none (an outline needs one)
ADDRESSEE_MAX = 60  # a longer line ending in ： is the 主送 only when it lists bodies
ORGAN_MAX = 30  # a 署名 line is at most this long, without punctuation
NO_ISSUER = "（原文未载发文机关）"  # a placeholder the report asks to replace
ATTACHMENT_TITLE_MAX = 60  # an attachment's title line is at most this long
DRAWN_RULE = "the 版头's red rule, drawn (the style prints it)"


def recognise(lines: list[Line], report: Report) -> outline.Document:
    kept: list[Line] = []
    rules: list[int] = []  # the lines that hold or anchor the red rule
    for line in lines:
        drawn = evidence.drawn_rules(line)
        _drop_rules(line, drawn, report)
        if drawn or evidence.border_rules(line) or evidence.rule(line):
            rules.append(line.number)
        if not line.text:
            if not drawn and not figure_line(line):
                report.drop(line, "blank line")
        elif patterns.is_chrome(line.text):
            report.drop(line, "page chrome")
        elif evidence.rule(line):
            report.drop(line, "the 版头's red rule, typed as characters (the style prints it)")
        else:
            kept.append(line)
    if not kept:
        raise InputError([Problem(report.source, 0, 0, "no text to import (only blank lines "
                                                       "and page chrome)")])
    fields: dict = {}
    front, table = strip_front(kept, report)
    rest = _publication(front, fields, report, table)
    if not rest:
        raise InputError([Problem(report.source, 0, 0, "no text to import (only blank lines, "
                                                       "page chrome and publication data)")])
    start, dated = _front(rest, fields, report, table, rules)
    end, attached = _tail(rest, start, fields, report)
    _dated(dated, fields, report)
    read = [_attachment(part, lines, report) for part in attached]
    body_lines = _attachment_note(rest, start, end, fields, report, read)
    fields["body"] = blocks(_spread(lines, body_lines), report) if body_lines else []
    _half_width(lines, report)
    _left_over(kept, report)
    _issuer_from_title(rest, fields, report)
    if "header" not in fields:  # no 版头 in the text: gbt9704 would make one up from issuers
        fields["style"] = "material"
        report.decide(_first_used(rest, report),
                      "no 发文字号, so no 版头 in the text: written as material (style: "
                      "material, no 版头); give style: gbt9704 and header: to print one")
    return outline.Document(**fields)


def _issuer_from_title(rest: list[Line], fields: dict, report: Report) -> None:
    """A 版头 needs an issuer to print its mark: where the text names none (no mark, no 署名
    — web copies drop it), the one the title opens with (X关于…的通知), else a placeholder
    the report asks to replace."""
    header = fields.get("header")
    if header is None or header.issuers or fields.get("issuers"):
        return
    title = "".join(fields.get("title", []))
    issuer = title.partition("关于")[0]
    first = _first_used(rest, report)
    if "关于" in title and 2 <= len(issuer) <= ORGAN_MAX and issuer[-1] in patterns.ORGAN_END:
        fields["issuers"] = [issuer]
        report.decide(first, f"issuers: {issuer}, from the title (the text names no 发文机关: "
                             "no mark, no 署名); the 版头's mark names it")
    else:
        fields["issuers"] = [NO_ISSUER]
        report.decide(first, f"issuers: {NO_ISSUER}: the text names no 发文机关 (no mark, no "
                             "署名, none in the title) for the 版头 to print; replace it")


def _first_used(rest: list[Line], report: Report) -> Line:
    """The first line the outline took (where a decision about the whole text is reported)."""
    return next((line for line in rest if line.number in report.used), rest[0])


def _spread(lines: list[Line], body: list[Line]) -> list[Line | None]:
    """The body's lines with None for the blank lines between them (a picture standing alone
    in its paragraph is no blank line: a figure)."""
    numbers = {line.number for line in body}
    first, last = body[0].number, body[-1].number
    for line in lines[last:]:  # a figure closing the body, before the 署名
        if figure_line(line):
            last = line.number
        elif line.text:
            break
    return [line if line.number in numbers or figure_line(line) else None for line in lines
            if first <= line.number <= last and (line.number in numbers or not line.text)]


def _publication(kept: list[Line], fields: dict, report: Report,
                 table: PageTable) -> list[Line]:
    """来源 and 发布日期 near the top (and the page's own title above them): the other lines.
    A date with no source named (来源：X, else the words before it, else the 信息公开
    table's 发布机构) makes no publication: its source would be made up."""
    for i, line in enumerate(kept[:FRONT_SEARCH]):
        published = patterns.PUBLISHED.search(line.text)
        if not published:
            continue
        source = patterns.SOURCE.search(line.text)
        name = source.group(2) if source else line.text[:published.start()].strip(" :：")
        when = dt.date(*(int(g) for g in published.groups()[2:5]))
        if not name and not table_source(table):
            report.drop(line, f"a publication date ({when}) with no source named: no "
                              "`publication:` written (its 来源 would be made up)")
            return kept[:i] + kept[i + 1:]
        if not name:
            name = _table_source(table, when, report)
        fields["publication"] = outline.Publication(source=name, date=when)
        report.use(line)
        report.parsed.add(line.number)
        report.decide(line, f"read as publication: source {name!r}, date {when}")
        before, after = kept[:i], kept[i + 1:]
        if before and (not after or _looks_like_body(after[0])):
            return before + after  # the title stands above the publication line
        if before:
            fields["_page_title"] = before[0].text
            report.use(before[0])
            report.decide(before[0], "read as the web page's title (publication title)")
        return before[1:] + after
    if table_source(table):
        when = table_date(table)  # 发布日期, else 生成日期
        fields["publication"] = outline.Publication(source=_table_source(table, when, report),
                                                    date=when)
    return kept


def _table_source(table: PageTable, when: dt.date | None, report: Report) -> str:
    name, line = table_source(table)
    report.decide(line, f"the 信息公开 table's 发布机构 {name!r} read as the publication's "
                        f"source (the text names none), date {when}")
    return name


def _head(kept: list[Line], fields: dict, report: Report, title: int | None,
          rules: list[int]) -> tuple[int, list[Line]]:
    """A 版头 typed before the title, as a printed page has it (份号, 密级, 紧急程度, the
    发文机关标志 …文件, the 发文字号 with 签发人 beside or under it); the index of the title,
    and the other lines before it (page text) when the title's index is known: the 版头's
    lines may then stand among them.
    In a .docx the mark is also a centred red line (in a text box too), without 文件 when it is
    set large and the 发文字号 or the red rule follows, or a table of red names beside 文件.
    `rules`: the numbers of the lines that hold or anchor the red rule."""
    head: dict = {}
    index = 0
    red_mark = False  # a .docx's centred red line: the mark by its evidence
    bare = None  # a large centred red line without 文件: the mark if a 发文字号 or rule follows
    joint: list[Line] = []  # the lines of a joint mark typed as a table
    taken: list[Line] = []  # the 版头's lines
    page: list[Line] = []  # the other lines before the title
    while index < (len(kept) - 1 if title is None else title):
        text = kept[index].text
        spread = evidence.mark(kept[index])
        number = patterns.DOC_NUMBER.match(text.split("签发人")[0].strip())
        table = _table_at(kept, index)
        if table and (names := evidence.joint_mark(table)) and index + len(table) < len(kept) \
                and not head.keys() & {"issuers", "doc_number"}:
            head["issuers"], head["mark_suffix"] = names
            red_mark = True
            joint = table
            taken += table
            report.decide(table[0], "read as the joint 发文机关标志 (a table of red names beside "
                                    f"{names[1]})")
            index += len(table)
            continue
        if patterns.COPY_NUMBER.match(text) and not head:
            head["copy_number"] = str(int(text))
        elif match := patterns.CLASSIFICATION.match(text):
            head["classification"] = outline.Classification(level=match[1], period=match[2])
        elif patterns.URGENCY.match(text):
            head["urgency"] = text
        elif spread and (match := patterns.MARK.match(spread)) and not head.keys() & \
                {"issuers", "doc_number"}:
            head["issuers"], head["mark_suffix"] = [match[1]], match[2]
            red_mark = True
        elif spread and evidence.large(kept[index]) and not head.keys() & {"issuers",
                                                                           "doc_number"}:
            head["issuers"], head["mark_suffix"] = [spread], ""
            bare = kept[index]
        elif (match := patterns.MARK.match(text)) and "doc_number" not in head:
            head["issuers"], head["mark_suffix"] = [match[1]], match[2]
        elif number or patterns.SIGNERS.search(text):
            if number:
                head["doc_number"] = patterns.doc_number(number[0])
            if signers := patterns.SIGNERS.search(text):
                head.setdefault("signers", []).extend(signers[1].split())
        elif title is not None:
            page.append(kept[index])
            index += 1
            continue
        else:
            break
        taken.append(kept[index])
        index += 1
    if bare is not None and index < len(kept):  # the red rule under the mark, above the title
        red_mark = red_mark or any(bare.number <= n < kept[index].number for n in rules)
    if "doc_number" not in head and not red_mark:  # what looked like a 版头 is read as text
        return (0, []) if title is None else (title, kept[:title])
    report.use(*taken)
    for line in kept[:index]:
        _drop_rules(line, evidence.border_rules(line), report)  # under the 发文字号: the rule
        if line in joint or line in page:
            continue  # decided above, or not the 版头's
        why = " (a centred red line: the 发文机关标志)" if evidence.mark(line) else ""
        if line is bare:
            why = " (a large centred red line without 文件: the 发文机关标志, mark_suffix \"\")"
        if patterns.doc_number(line.text) not in (None, line.text):
            why = " (the 发文字号 written in its form: spaces removed, the year in 〔〕)"
        where = " in a text box" if line.evidence.get("text_box") else ""
        report.decide(line, "read as part of the 版头" + where + why)
    fields["header"] = outline.Header(**head)
    return index, page


def _drop_rules(line: Line, rules: list[str], report: Report) -> None:
    report.dropped += [Entry(line.number, what, DRAWN_RULE) for what in rules]


def _table_at(kept: list[Line], index: int) -> list[Line]:
    """The lines of the Word table that starts at `index` (none if it is not a table's)."""
    number = kept[index].evidence.get("table")
    if number is None:
        return []
    end = index
    while end < len(kept) and kept[end].evidence.get("table") == number:
        end += 1
    return kept[index:end]


def _front(kept: list[Line], fields: dict, report: Report, table: PageTable,
           rules: list[int]) -> tuple[int, tuple | None]:
    """The 版头 typed before the title, title lines, 发文字号 and 主送; the index where the body
    starts, and the date and issuer printed under the title (date, issuer, line) if any. The
    title is the last line among the first that reads like a 公文 title; the page's text
    before it is dropped (an earlier such line is the page's own title)."""
    title_at, page_title_at = _title_at(kept)
    index, page = _head(kept, fields, report, title_at, rules)
    page_title = fields.pop("_page_title", None)
    title = _title_lines(kept, index)
    text = "".join(t.text for t in title)
    for line in page:
        if page_title_at is not None and line is kept[page_title_at] and page_title is None \
                and "publication" in fields and patterns.bare(line.text) != patterns.bare(text):
            page_title = line.text
            report.use(line)
            report.decide(line, "read as the web page's title (publication title): the "
                                "document's own title is printed under it")
        elif _head_line(line):
            report.drop(line, "before the title: a 版头 line, but the 版头 has no 发文字号 (no "
                              "版头 is written)")
        else:
            again = " (the title, printed again below)" \
                if patterns.bare(line.text) == patterns.bare(text) else ""
            report.drop(line, "before the title: page text" + again)
    if title_at is None and kept[index].text[-1] in "：:":
        fields["title"] = [TITLE_MISSING]
        report.decide(kept[index], "no title in the text (this line ends in a colon: the 主送): "
                                   f"the title is written as {TITLE_MISSING}; put the "
                                   "document's title there")
    else:
        report.use(*title)
        if page:
            report.decide(title[0], "read as the title (it reads as a 公文 title: 关于…, or "
                                    "ends in 通知, 办法 …)")
        for line in title[1:]:
            report.decide(line, "read as a further title line (no blank line above, no "
                                "sentence end)")
        fields["title"] = [untabbed(t, report).text for t in title]
        index += len(title)
    if page_title and "publication" in fields and page_title != "".join(fields["title"]):
        fields["publication"].title = page_title
    index = _doc_number(kept, index, fields, report, table)
    dated = None
    if index < len(kept) and (found := patterns.dated(kept[index].text)):
        dated = (*found, kept[index])
        index += 1
    if index < len(kept):
        line = kept[index]
        if line.text[-1] in "：:" and line.text[:-1].strip() and not patterns.heading(line.text) \
                and not patterns.LEAD_END.search(line.text) and \
                not line.text[:-1].endswith(("如下", "如下事项")) and \
                (len(line.text) <= ADDRESSEE_MAX or patterns.organ_list(line.text[:-1])):
            fields["addressee"] = untabbed(line, report).text[:-1].strip()
            report.use(line)
            if len(line.text) > ADDRESSEE_MAX:
                report.decide(line, "read as the 主送 (a long line, but a list of bodies: "
                                    "its parts end in 政府, 部门, 单位 …)")
            index += 1
    return index, dated


def _title_lines(kept: list[Line], index: int,
                 stop: Callable[[Line], bool] | None = None) -> list[Line]:
    """The line at `index` and the lines directly under it that continue it (a title's), up to
    the first line `stop` is true of."""
    end = index + 1
    while end < len(kept) and _title_continues(kept[end - 1], kept[end]) \
            and not (stop and stop(kept[end])):
        end += 1
    return kept[index:end]


def _title_at(kept: list[Line]) -> tuple[int | None, int | None]:
    """Among the first lines, up to the 主送 or the first sentence: the index of the last that
    (with the lines continuing it) reads like a 公文 title, and of the first, when that is
    another (a web page prints its own title above the document's); None when none does."""
    found: list[int] = []
    index = 0
    while index < min(len(kept), TITLE_SEARCH):
        line = kept[index]
        if patterns.ends_sentence(line.text) or patterns.heading(line.text):
            break
        if _head_line(line):
            index += 1
            continue
        title = _title_lines(kept, index)
        if patterns.reads_as_title("".join(t.text for t in title)):
            found.append(index)
        index += len(title)
    if not found:
        return None, None
    return found[-1], found[0] if len(found) > 1 else None


def _head_line(line: Line) -> bool:
    """A line only a 版头 holds (a 发文字号, 签发人, 份号, 密级, …文件, the red mark, a table's
    cell)."""
    text = line.text
    return bool(patterns.DOC_NUMBER.match(text.split("签发人")[0].strip()) or text.endswith("文件")
                or patterns.SIGNERS.search(text) or patterns.COPY_NUMBER.match(text)
                or patterns.CLASSIFICATION.match(text) or patterns.URGENCY.match(text)
                or evidence.mark(line) or "table" in line.evidence)


def _doc_number(kept: list[Line], index: int, fields: dict, report: Report,
                table: PageTable) -> int:
    """A 发文字号 under the title (its spaces removed), else the 信息公开 table's 文号, when
    the 版头 gave none; the index after it."""
    header = fields.get("header")
    if header is not None and header.doc_number is not None:
        return index
    number = patterns.doc_number(kept[index].text) if index < len(kept) else None
    if number:
        report.use(kept[index])
        report.decide(kept[index], "read as the 发文字号" + (
            "" if number == kept[index].text else
            " (written in its form: spaces removed, the year in 〔〕)"))
        index += 1
    elif given := table_doc_number(table):
        number = given[0]
        report.decide(given[1], f"the 信息公开 table's 文号 {number} read as the 发文字号 (the "
                                "text prints none)")
    if number:
        fields["header"] = dataclasses.replace(header or outline.Header(), doc_number=number)
    return index


def _dated(dated: tuple | None, fields: dict, report: Report) -> None:
    """The date and issuer a web database prints under the title (1988年12月8日,最高人民法院):
    the 成文日期 and 署名 when the end of the text gives none."""
    if dated is None:
        return
    when, issuer, line = dated
    if "date" in fields:
        report.drop(line, "under the title: the page's date and issuer (the 成文日期 at the end "
                          "is kept)")
        return
    fields["date"] = when
    fields.setdefault("issuers", [issuer])
    report.use(line)
    report.parsed.add(line.number)
    report.decide(line, f"read as the 成文日期 ({when}) and 署名 ({fields['issuers'][0]}): the "
                        "page prints them under the title, the text ends with none")


def _looks_like_body(line: Line) -> bool:
    return bool(patterns.heading(line.text)) or len(line.text) > 40 or line.text[-1] in "：:。"


def _title_continues(previous: Line, line: Line) -> bool:
    return (line.number == previous.number + 1 and len(line.text) <= 40
            and not patterns.ends_sentence(line.text) and not patterns.heading(line.text)
            and not _head_line(line)
            and not patterns.chapter(line.text))  # 第一章 总 则 under a 办法's title


def _tail(kept: list[Line], start: int, fields: dict,
          report: Report) -> tuple[int, list[list[Line]]]:
    """版记, 附注, 成文日期 and 署名 from the end, and the attachments printed after the
    成文日期; the index where the body ends, and each attachment's lines."""
    end = _imprint(kept, start, fields, report)
    closing = _closing(kept, start, end, patterns.issued("".join(fields.get("title", []))))
    if closing is None:
        return end, []
    index, note, after = closing
    date_line = kept[index]
    fields["date"] = patterns.date(date_line.text)
    report.use(date_line)
    report.parsed.add(date_line.number)
    issuers = []
    while index > start and len(issuers) < 3 and _organ(kept[index - 1]):
        issuers.insert(0, kept[index - 1])
        index -= 1
    if issuers:
        fields["issuers"] = [untabbed(i, report).text for i in issuers]
        report.use(*issuers)
        report.decide(issuers[0], "read as the 署名 (lines before the 成文日期)")
    else:
        report.decide(date_line, "a 成文日期 with no 署名 line above it")
    if note is not None:
        fields["note"] = kept[note].text[1:-1]
        report.use(kept[note])
    return index, _split_attachments(kept[after:end])


def _imprint(kept: list[Line], start: int, fields: dict, report: Report) -> int:
    """抄送 and 印发 as the last lines: the 版记; the index where they begin."""
    end = len(kept)
    cc, printer = [], None
    while end > start:
        line = kept[end - 1]
        match = patterns.CC.match(line.text)
        printed = patterns.PRINTED.match(line.text)
        if match:
            match = patterns.CC.match(untabbed(line, report).text)  # a tab: a space
            cc = [n for n in re.split(r"[，,、]", match.group(1).rstrip("。.")) if n.strip()] + cc
        elif printed:
            printer = (printed.group(1), dt.date(*(int(g) for g in printed.groups()[1:])))
        else:
            break
        report.use(line)
        report.parsed.add(line.number)
        end -= 1
    if cc or printer:
        fields["imprint"] = outline.Imprint(cc=[c.strip() for c in cc],
                                            printer=printer[0] if printer else None,
                                            date=printer[1] if printer else None)
    return end


def _closing(kept: list[Line], start: int, end: int,
             issued: str | None) -> tuple[int, int | None, int] | None:
    """Where the 成文日期 stands: (its index, the 附注's index or None, the index where the
    attachments begin, `end` when there are none). The first date line after which the
    attachments begin (a label 附件1, or an unlabelled title under a 署名), else a date as the
    last line or above a 附注 that is, else None."""
    note = next((i for i in range(start, end) if patterns.ATTACHMENT_NOTE.match(kept[i].text)),
                end)  # the 附件说明's line, if any (looked for once: a file may hold many dates)
    for index in range(start, end - 1):
        if patterns.date(kept[index].text):
            after = _attachments_begin(kept, start, index, end, note < index, issued)
            if after is not None:
                return index, (index + 1 if after == index + 2 else None), after
    if end > start and patterns.date(kept[end - 1].text):
        return end - 1, None, end
    if end - 1 > start and patterns.NOTE.match(kept[end - 1].text) and \
            patterns.date(kept[end - 2].text):
        return end - 2, end - 1, end
    return None


def _attachments_begin(kept: list[Line], start: int, date: int, end: int,
                       noted: bool, issued: str | None) -> int | None:
    """The index of the first attachment's first line when the text after the date line
    (and a 附注) is attachments: a label (附件, 附件1, 附件一) with a line under it, or, under
    a 署名, after a 附件说明, or naming what the title issues (`issued`), a short line ending
    no sentence (the title) with text under it."""
    index = date + 1
    if index < end - 1 and patterns.NOTE.match(kept[index].text):
        index += 1
    if index >= end - 1:
        return None
    if patterns.ATTACHMENT_LABEL.match(kept[index].text):
        return index
    signed = date > start and _organ(kept[date - 1])
    if (signed or noted or _issued(kept[index], issued)) and _attachment_title(kept[index]) and \
            not re.search(r"[:：]", kept[index].text):
        return index
    return None


def _issued(line: Line, issued: str | None) -> bool:
    """The line is (the start or the end of) the name of what the title says the document
    issues (关于印发X的通知: X): the attachment's title, under a 成文日期 without 署名."""
    if not issued:
        return False
    text = patterns.bare(line.text)
    return len(text) >= 4 and (text in issued or issued in text)


def _attachment_title(line: Line) -> bool:
    return (len(line.text) <= ATTACHMENT_TITLE_MAX and not patterns.NAME_END.search(line.text)
            and not patterns.ends_sentence(line.text)
            and not patterns.heading(line.text) and not patterns.date(line.text)
            and not patterns.ATTACHMENT_LABEL.match(line.text))


def _split_attachments(lines: list[Line]) -> list[list[Line]]:
    """The attachments' lines, a new one at each label line (附件2)."""
    out: list[list[Line]] = []
    for line in lines:
        if not out or patterns.ATTACHMENT_LABEL.match(line.text):
            out.append([])
        out[-1].append(line)
    return out


def _organ(line: Line) -> bool:
    return (len(line.text) <= ORGAN_MAX and "table" not in line.evidence and not re.search(r"[。，,：:；;、！？!?]", line.text)
            and not patterns.heading(line.text))


def _attachment(part: list[Line], lines: list[Line],
                report: Report) -> tuple[outline.Attachment, Line]:
    """One attachment after the 成文日期: its label (附件1, when typed), its title (the first
    line and the short lines directly under it) and its body, read like the 正文; with the
    line that opens it."""
    label = part[0] if patterns.ATTACHMENT_LABEL.match(part[0].text) else None
    rest = part[1:] if label else part
    title: list[Line] = []
    if rest and _attachment_title(rest[0]):
        title = _title_lines(rest, 0, lambda line: bool(patterns.NAME_END.search(line.text)))
    body = rest[len(title):]
    first = label or title[0]
    if label:
        report.use(label)
        report.decide(label, "read as an attachment's label (附件): gongwen prints it")
    if title:
        report.use(*title)
        report.decide(title[0], f"read as an attachment's title ({len(title)} line"
                                f"{'' if len(title) == 1 else 's'}"
                                f"{'' if label else ', no 附件 label above it'})")
    else:  # a label with no title under it: the label stands for the title
        title = [label]
        report.decide(label, "an attachment's label with no title line under it: the label "
                             "is written as its title")
    text = [untabbed(line, report).text for line in title]
    if not body:
        report.decide(first, "an attachment with a title and no text under it: marked "
                             "`separate: true`")
        return outline.Attachment(title=text, separate=True), first
    return outline.Attachment(title=text, body=blocks(_spread(lines, body), report)), first


def _attachment_note(kept, start, end, fields, report,
                     read: list[tuple[outline.Attachment, Line]]) -> list[Line]:
    """The 附件说明 (附件：1. name / 2. name) at the end of the body, matched in order with
    the attachments read after the 成文日期 (those it lists beyond them are bound separately:
    their text is not in the file); the body's lines."""
    body = kept[start:end]
    listed: list[tuple[str, Line]] = []
    for i in range(start, end):
        match = patterns.ATTACHMENT_NOTE.match(kept[i].text)
        if not match:
            continue
        lines = kept[i:end]
        items = ([match.group(1)] if match.group(1) else []) + [k.text for k in lines[1:]]
        names = [re.sub(r"^\d{1,2}\s*[.．、]\s*", "", t) for t in items]
        if not names or not all(len(n) <= 80 and not patterns.NAME_END.search(n) for n in names):
            continue
        listed = list(zip(names, lines if match.group(1) else lines[1:]))
        report.use(*lines)
        report.decide(kept[i], f"read as the 附件说明 ({len(names)} listed)" if read else
                      "read as the 附件说明; the attachments' text is not in the file, so "
                      "each is marked `separate: true`")
        body = kept[start:i]
        break
    for number, ((attachment, _), (name, line)) in enumerate(zip(read, listed), 1):
        title = "".join(attachment.title)
        if patterns.bare(name) != patterns.bare(title):
            report.decide(line, f"the 附件说明 names attachment {number} {name!r}, its own "
                                f"title reads {title!r}: the title is kept (gongwen derives "
                                "the 附件说明 from it)", rule="I002")
    for name, line in listed[len(read):] if read else ():
        report.decide(line, f"{name!r} is in the 附件说明 but its text is not in the file: "
                            "marked `separate: true`")
    if read and not listed:
        report.decide(read[0][1], "attachments after the 成文日期 with no 附件说明 in the "
                                  "text: gongwen derives the 附件说明 from their titles")
    for number, (_, first) in enumerate(read[len(listed):], 1):
        if listed:
            report.decide(first, f"attachment {len(listed) + number} is not in the 附件说明: "
                                 "gongwen adds it there", rule="I002")
    separate = [outline.Attachment(title=[name], separate=True) for name, _ in listed[len(read):]]
    if read or separate:
        fields["attachments"] = [attachment for attachment, _ in read] + separate
    return body


def _half_width(lines: list[Line], report: Report) -> None:
    for line in lines:
        if line.number not in report.used or line.number in report.parsed:
            continue
        for i, char in enumerate(line.text):
            if char in HALF_WIDTH and not _between_digits(line.text, i):
                report.half_width.append(Mark(line.number, line.offset + i + 1, char,
                                              HALF_WIDTH[char]))


def _between_digits(text: str, i: int) -> bool:
    return text[i] in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() \
        and text[i + 1].isdigit()


def _left_over(kept: list[Line], report: Report) -> None:
    """Never silent: a substantive line the recogniser did not place is reported."""
    dropped = {entry.line for entry in report.dropped}
    for line in kept:
        if line.number not in report.used and line.number not in dropped:
            report.drop(line, "not recognised (a bug in import: please report it)")

"""`Line`s → an outline `Document`: page chrome dropped, publication data, title, 主送, 正文,
附件说明, 署名 and 成文日期, 附注, 抄送 and 印发; every line used or reported dropped."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .. import outline
from ..errors import InputError, Problem
from . import evidence, patterns
from .body import blocks, untabbed
from .lines import Line
from .pictures import figure_line
from .report import HALF_WIDTH, Entry, Mark, Report

FRONT_SEARCH = 6  # the publication line is looked for among this many first lines
ADDRESSEE_MAX = 60  # a longer line ending in ： is the 主送 only when it lists bodies
ORGAN_MAX = 30  # a 署名 line is at most this long, without punctuation
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
    fields: dict = {"_rules": rules}
    rest = _publication(kept, fields, report)
    start = _front(rest, fields, report)
    end, attached = _tail(rest, start, fields, report)
    read = [_attachment(part, lines, report) for part in attached]
    body_lines = _attachment_note(rest, start, end, fields, report, read)
    fields["body"] = blocks(_spread(lines, body_lines), report) if body_lines else []
    _half_width(lines, report)
    _left_over(kept, report)
    if "header" not in fields:  # no 版头 in the text: gbt9704 would make one up from issuers
        fields["style"] = "material"
        report.decide(rest[0], "no 发文字号, so no 版头 in the text: written as material "
                               "(style: material, no 版头); give style: gbt9704 and header: "
                               "to print one")
    return outline.Document(**fields)


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


def _publication(kept: list[Line], fields: dict, report: Report) -> list[Line]:
    """来源 and 发布日期 near the top (and the page's own title above them): the other lines."""
    for i, line in enumerate(kept[:FRONT_SEARCH]):
        published = patterns.PUBLISHED.search(line.text)
        if not published:
            continue
        source = patterns.SOURCE.search(line.text)
        name = source.group(2) if source else line.text[:published.start()].strip(" :：")
        when = dt.date(*(int(g) for g in published.groups()[2:5]))
        fields["publication"] = outline.Publication(source=name or "（未注明）", date=when)
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
    return kept


def _head(kept: list[Line], fields: dict, report: Report) -> int:
    """A 版头 typed before the title, as a printed page has it (份号, 密级, 紧急程度, the
    发文机关标志 …文件, the 发文字号 with 签发人 beside or under it); the index of the title.
    In a .docx the mark is also a centred red line (in a text box too), without 文件 when it is
    set large and the 发文字号 or the red rule follows, or a table of red names beside 文件."""
    rules = fields.pop("_rules", [])
    head: dict = {}
    index = 0
    red_mark = False  # a .docx's centred red line: the mark by its evidence
    bare = None  # a large centred red line without 文件: the mark if a 发文字号 or rule follows
    joint: list[Line] = []  # the lines of a joint mark typed as a table
    while index < len(kept) - 1:
        text = kept[index].text
        spread = evidence.mark(kept[index])
        number = patterns.DOC_NUMBER.match(text.split("签发人")[0].strip())
        table = _table_at(kept, index)
        if table and (names := evidence.joint_mark(table)) and index + len(table) < len(kept) \
                and not head.keys() & {"issuers", "doc_number"}:
            head["issuers"], head["mark_suffix"] = names
            red_mark = True
            joint = table
            report.use(*table)
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
                head["doc_number"] = number[0]
            if signers := patterns.SIGNERS.search(text):
                head.setdefault("signers", []).extend(signers[1].split())
        else:
            break
        report.use(kept[index])
        index += 1
    if bare is not None and index < len(kept):  # the red rule under the mark, above the title
        red_mark = red_mark or any(bare.number <= n < kept[index].number for n in rules)
    if "doc_number" not in head and not red_mark:  # what looked like a 版头 is read as text
        return 0
    for line in kept[:index]:
        _drop_rules(line, evidence.border_rules(line), report)  # under the 发文字号: the rule
        if line in joint:
            continue  # decided above
        why = " (a centred red line: the 发文机关标志)" if evidence.mark(line) else ""
        if line is bare:
            why = " (a large centred red line without 文件: the 发文机关标志, mark_suffix \"\")"
        where = " in a text box" if line.evidence.get("text_box") else ""
        report.decide(line, "read as part of the 版头" + where + why)
    fields["header"] = outline.Header(**head)
    return index


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


def _front(kept: list[Line], fields: dict, report: Report) -> int:
    """The 版头 typed before the title, title lines, 发文字号 and 主送; the index where the body
    starts."""
    index = _head(kept, fields, report)
    page_title = fields.pop("_page_title", None)
    title = [kept[index]]
    report.use(kept[index])
    index += 1
    while index < len(kept) and _title_continues(kept[index - 1], kept[index]):
        title.append(kept[index])
        report.use(kept[index])
        report.decide(kept[index], "read as a further title line (no blank line above, no "
                                   "sentence end)")
        index += 1
    fields["title"] = [untabbed(t, report).text for t in title]
    if page_title and "publication" in fields and page_title != "".join(fields["title"]):
        fields["publication"].title = page_title
    header = fields.get("header")
    if index < len(kept) and (header is None or header.doc_number is None) and \
            patterns.DOC_NUMBER.match(kept[index].text):
        fields["header"] = dataclasses.replace(header or outline.Header(),
                                               doc_number=kept[index].text)
        report.use(kept[index])
        report.decide(kept[index], "read as the 发文字号")
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
    return index


def _looks_like_body(line: Line) -> bool:
    return bool(patterns.heading(line.text)) or len(line.text) > 40 or line.text[-1] in "：:。"


def _title_continues(previous: Line, line: Line) -> bool:
    return (line.number == previous.number + 1 and len(line.text) <= 40
            and not patterns.ends_sentence(line.text) and not patterns.heading(line.text)
            and not patterns.DOC_NUMBER.match(line.text)
            and not patterns.chapter(line.text))  # 第一章 总 则 under a 办法's title


def _tail(kept: list[Line], start: int, fields: dict,
          report: Report) -> tuple[int, list[list[Line]]]:
    """版记, 附注, 成文日期 and 署名 from the end, and the attachments printed after the
    成文日期; the index where the body ends, and each attachment's lines."""
    end = _imprint(kept, start, fields, report)
    closing = _closing(kept, start, end)
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


def _closing(kept: list[Line], start: int, end: int) -> tuple[int, int | None, int] | None:
    """Where the 成文日期 stands: (its index, the 附注's index or None, the index where the
    attachments begin, `end` when there are none). The first date line after which the
    attachments begin (a label 附件1, or an unlabelled title under a 署名), else a date as the
    last line or above a 附注 that is, else None."""
    note = next((i for i in range(start, end) if patterns.ATTACHMENT_NOTE.match(kept[i].text)),
                end)  # the 附件说明's line, if any (looked for once: a file may hold many dates)
    for index in range(start, end - 1):
        if patterns.date(kept[index].text):
            after = _attachments_begin(kept, start, index, end, note < index)
            if after is not None:
                return index, (index + 1 if after == index + 2 else None), after
    if end > start and patterns.date(kept[end - 1].text):
        return end - 1, None, end
    if end - 1 > start and patterns.NOTE.match(kept[end - 1].text) and \
            patterns.date(kept[end - 2].text):
        return end - 2, end - 1, end
    return None


def _attachments_begin(kept: list[Line], start: int, date: int, end: int,
                       noted: bool) -> int | None:
    """The index of the first attachment's first line when the text after the date line
    (and a 附注) is attachments: a label (附件, 附件1, 附件一) with a line under it, or, under
    a 署名 or after a 附件说明, a short line ending no sentence (the title) with text under it."""
    index = date + 1
    if index < end - 1 and patterns.NOTE.match(kept[index].text):
        index += 1
    if index >= end - 1:
        return None
    if patterns.ATTACHMENT_LABEL.match(kept[index].text):
        return index
    signed = date > start and _organ(kept[date - 1])
    if (signed or noted) and _attachment_title(kept[index]) and \
            not re.search(r"[:：]", kept[index].text):
        return index
    return None


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
        title.append(rest[0])
        while len(title) < len(rest) and _title_continues(title[-1], rest[len(title)]) \
                and not patterns.NAME_END.search(rest[len(title)].text):
            title.append(rest[len(title)])
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
        if re.sub(r"\s", "", name) != re.sub(r"\s", "", title):
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
    for line in kept:
        if line.number not in report.used:
            report.drop(line, "not recognised (a bug in import: please report it)")

"""`Line`s of a .docx gongwen wrote (paragraph styles GwTitle, GwBody, GwHeading1 …) → an
outline `Document`. The style id says what each paragraph is; the text gives the values (typed
numbers and the marks the renderer adds are stripped). What the file cannot tell is inferred and
listed as a decision: the style sheet (from the 版头's form), `seal:` (from the 签名章 line)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from .. import outline
from ..compose.table import chars_width, column_widths, padding_of
from ..errors import ContentError
from ..tableload import table_size
from ..units import twips
from . import patterns, pictures
from .lines import Line
from .report import Report
from .wordtable import Tables

HEADING = re.compile(r"^Gw(Heading|RunIn)([1-4])$")
NUMBER = re.compile(r"^\d+\s*[.．]\s*")
CLASSIFICATION = re.compile(r"^(秘密|机密|绝密)(?:★(.+))?$")
SEAL_INDENT = 960  # twips: a 成文日期 right-aligned 3 or more characters (of 16 pt) from the edge
# is sealed (GB/T 9704 §7.3.5.1: 右空四字); unsealed dates stand 2 characters in (§7.3.5.2)
MAX_CHARS = 99  # the widest column the outline writes in characters (99字)
CLOSING = re.compile(r"^(特此|此复|此函|专此|以上|妥否|当否|请予|如无不妥)")


def is_ours(lines: list[Line]) -> bool:
    """Every paragraph with text carries one of gongwen's own paragraph styles."""
    styled = [line for line in lines if line.text]
    return bool(styled) and all(str(line.evidence.get("style", "")).startswith("Gw")
                                for line in styled)


def recognise_styled(lines: list[Line], report: Report) -> outline.Document:
    fields: dict = {}
    header: dict = {}
    title: list[Line] = []
    root: list[outline.Block] = []
    body = root
    stack: list[tuple[int, outline.Section]] = []
    note_names: list[str] = []
    attachments: list[outline.Attachment] = []
    mark: list[Line] = []
    last = None  # the paragraph or run-in section a page-broken paragraph continues
    tables = Tables(report)
    read: list[tuple[outline.Table, list[int]]] = []  # each table and its widths in twips
    caption = None  # a GwTableCaption line waiting for its table
    figure = None  # (Figure, its alt text): the caption may follow
    sealed_date = None  # a 成文日期 placed as a sealed document's
    stamped: list[tuple[Line, pictures.Picture]] = []  # pictures anchored in the 署名 block
    stem = Path(report.source).stem
    for previous, line in zip([None, *lines], lines):
        style = line.evidence.get("style")
        text = line.text
        drawn = pictures.pictures(line)
        if style == "GwBody" and pictures.figure_line(line):
            found = pictures.figure(line, drawn[0], stem, report)
            if found is not None:
                (stack[-1][1].body if stack else body).append(found)
                figure = (found, drawn[0].description)
            last = None
            continue
        if style in ("GwSignature", "GwSigner") and drawn:
            stamped += [(line, p) for p in drawn if not p.inline]
        if figure is not None and style == "GwBody" and text == figure[1] and \
                line.evidence.get("align") == "center":
            figure[0].caption = text
            report.use(line)
            figure = last = None
            continue
        figure = None
        if "grid" in line.evidence and style == "GwTable":  # a data table (not the 版记's)
            table = tables.read(line, caption)
            if table is not None:
                (stack[-1][1].body if stack else body).append(table)
                read.append((table, line.evidence["grid"]["widths"]))
            caption = last = None
            continue
        if not text:
            report.drop(line, "blank line")
            continue
        report.use(line)
        heading = HEADING.match(style or "")
        if style == "GwCopyNumber":
            copy, _, number = text.partition("\t")
            header["copy_number"] = str(int(copy))
            if number.strip():
                header["doc_number"] = number.strip()
        elif style == "GwClassification":
            match = CLASSIFICATION.match(text)
            header["classification"] = outline.Classification(
                level=match.group(1), period=match.group(2)) if match else None
        elif style == "GwUrgency":
            header["urgency"] = text
        elif style == "GwMark":
            mark.append(line)
        elif style == "GwDocNumber":
            number, _, signer = text.partition("\t")
            if number.strip():
                key = "order_number" if re.fullmatch(r"第.+号", number.strip()) else "doc_number"
                header[key] = number.strip()
            if signer.strip():
                header.setdefault("signers", []).append(signer.strip().removeprefix("签发人："))
        elif style == "GwSigners":
            names = text.strip().partition("：")[2]
            header["signers"] = [n for n in names.split("\u3000") if n] + header.get("signers", [])
        elif style == "GwTitle":
            title.append(line)
        elif style == "GwTableCaption":
            caption = line
        elif style == "GwSubtitle":
            fields["subtitle"] = text
        elif style == "GwByline" and (published := patterns.PUBLISHED.search(text)):
            source = patterns.SOURCE.search(text)
            when = dt.date(*(int(g) for g in published.groups()[2:5]))
            fields["publication"] = outline.Publication(
                source=source.group(2) if source else "（未注明）", date=when)
            report.decide(line, "the byline read as publication (source and date); the "
                                "page's own title, if it had one, is not printed")
        elif style == "GwAddressee":
            fields["addressee"] = text.rstrip("：:")
        elif style == "GwBody":
            body_list = stack[-1][1].body if stack else body
            if _continues(line, previous) and last is not None:
                last.text += text  # a Paragraph's text, or a run-in Section's
                report.decide(line, "joined to the paragraph before: the page broke it (a "
                                    "page break and no first-line indent)")
                continue
            if "depth" in line.evidence:  # gongwen's mark: the paragraph leaves its section
                stack = stack[:line.evidence["depth"]]
                body_list = stack[-1][1].body if stack else body
            elif stack and body is root and CLOSING.match(text) and len(text) <= 40:
                stack = []
                body_list = root
                report.decide(line, "a closing formula after the last section: placed at the "
                                    "top level (the .docx does not mark where a section ends)")
            last = outline.Paragraph(text)
            body_list.append(last)
            continue
        elif heading:
            level = int(heading.group(2))
            while stack and stack[-1][0] >= level:
                stack.pop()
            container = stack[-1][1].body if stack else body
            found = patterns.heading(text)
            rest = found[2] if found else text
            if heading.group(1) == "RunIn":
                lead = line.evidence.get("lead", "")
                lead_found = patterns.heading(lead)
                lead_text = lead_found[2] if lead_found else lead
                section = outline.Section(lead_text, runin=True, text=rest[len(lead_text):])
            else:
                section = outline.Section(rest)
            container.append(section)
            stack.append((level, section))
            last = section if section.runin else None
            continue
        elif style == "GwAttachmentNote":
            name = text.removeprefix("附件：")
            if NUMBER.match(name) or not note_names or text.startswith("附件："):
                note_names.append(NUMBER.sub("", name))
            else:
                note_names[-1] += name
        elif style == "GwSignature":
            fields.setdefault("issuers", []).extend(n for n in text.split("\t") if n)
        elif style == "GwDate":
            fields["date"] = patterns.date(text)
            right = line.evidence.get("indent", {}).get("right", 0)
            if line.evidence.get("align") == "right" and right >= SEAL_INDENT:
                sealed_date = line
        elif style == "GwNote":
            fields["note"] = text[1:-1] if patterns.NOTE.match(text) else text
        elif style == "GwSigner":
            title_text, _, name = text.partition("\u3000")
            fields["signer"] = outline.Signer(title=title_text, name=name.strip("\u3000"))
            fields["seal"] = "signature"
        elif style == "GwAttendance":
            _attendance(fields, text)
        elif style == "GwAttachmentLabel":
            attachments.append(outline.Attachment(title=[]))
            stack, body = [], attachments[-1].body
        elif style == "GwAttachmentTitle":
            attachments[-1].title.append(text)
        elif style == "GwImprint":
            _imprint(fields, text)
        else:
            report.drop(line, f"paragraph style {style} not read (not an element import knows)")
            report.used.discard(line.number)
    _stamped(fields, stamped, stem, report)
    if sealed_date is not None and "seal" not in fields:
        fields["seal"] = "seal"
        report.decide(sealed_date, "seal: seal (the 成文日期 stands four characters from the "
                                   "right edge, as a sealed document's does; the .docx holds no "
                                   "seal image)")
    if title:
        fields["title"] = ["".join(t.text for t in title)]
        if len(title) > 1:
            report.decide(title[1], "title lines joined into one (the layout broke the title; "
                                    "the .docx cannot tell an author's break from the layout's)")
    else:
        fields["title"] = [""]  # a 令 has no title line: made from its mark below
    style_name = _style(mark, lines, fields)
    fields["style"] = style_name
    _mark(header, mark, fields, style_name, report)
    _widths(read, style_name, report)
    if header:
        fields["header"] = outline.Header(**header)
    fields["body"] = root
    for attachment in attachments:
        attachment.title = ["".join(attachment.title)]
    bodied = {a.title[0] for a in attachments}
    fields["attachments"] = attachments + [
        outline.Attachment(title=[n], separate=True) for n in note_names if n not in bodied]
    return outline.Document(**fields)


def _style(mark: list[Line], lines: list[Line], fields: dict) -> str:
    text = "".join(m.text for m in mark)
    if any(m.evidence.get("frame") for m in mark):
        return "letter"
    if text.endswith("纪要"):
        return "minutes"
    if text.endswith("令"):
        return "order"
    if not mark and "addressee" not in fields and "issuers" not in fields:
        return "material"
    return "gbt9704"


def _mark(header: dict, mark: list[Line], fields: dict, style: str, report: Report) -> None:
    if not mark:
        return
    from ..style import load_style

    suffix = load_style(style, Path.cwd()).mark_suffix or ""
    if len(mark) > 1 or "\n" in mark[0].text:  # the joint-mark table: names, then the suffix
        names = [n for m in mark for n in m.text.split("\n") if n]
        typed_suffix = names.pop() if names[-1] in ("文件", "纪要", "令") else ""
        issuers = names
    else:
        typed_suffix = next((s for s in (suffix, "文件", "纪要", "令") if s and
                             mark[0].text.endswith(s)), "")
        issuers = [mark[0].text[:len(mark[0].text) - len(typed_suffix)]]
    if typed_suffix != "文件":  # the outline's default
        header["mark_suffix"] = typed_suffix or None
    if style == "order":
        header["issuers"] = issuers  # a 令 names its issuer only in the mark
        fields["title"] = ["".join(m.text for m in mark) + header.get("order_number", "")]
    elif "issuers" not in fields:
        fields["issuers"] = issuers  # no 署名 printed: the mark names the issuers
    elif issuers != fields["issuers"]:
        header["issuers"] = issuers


def _widths(read: list[tuple[outline.Table, list[int]]], style_name: str,
            report: Report) -> None:
    """Each table's column widths as its outline stated them (characters, fractions, none),
    where the style's arithmetic gives back the file's widths exactly."""
    if not read:
        return
    from . import style_sheet

    style = style_sheet(style_name, Path(report.source).parent, report)
    for table, widths in read:
        stated = stated_widths(table, widths, style)
        for column, width in zip(table.columns, stated or ()):
            column.width = width


TWIPS_OFF = 2  # a column this close is the stated width: LibreOffice re-saving moves one a twip


def stated_widths(table: outline.Table, widths: list[int], style) -> list[str | None] | None:
    """The widths gongwen's writer turned into `widths` (twips) for this table and style, as
    the outline writes them: characters (7字), fractions (0.25), none for the columns that share
    the rest. None when no such statement gives back exactly these widths."""
    size = table_size(table.font_size)
    padding = padding_of(size)
    forms = [_chars(w, size, style, padding) or _fraction(w, style) for w in widths]
    trial = replace(table, columns=[outline.Column(f, c.align)
                                    for f, c in zip(forms, table.columns)])
    try:
        got = column_widths(trial, style, size, padding)
    except ContentError:
        return None
    return forms if all(abs(twips(g) - w) <= TWIPS_OFF for g, w in zip(got, widths)) else None


def _chars(width: int, size: float, style, padding: float) -> str | None:
    one = chars_width(1, size, style, padding)
    step = style.advance(size)
    guess = round((width / 20 - one) / step * 2) / 2 + 1  # to the half character
    if 0 < guess <= MAX_CHARS and \
            abs(twips(chars_width(guess, size, style, padding)) - width) <= TWIPS_OFF:
        return f"{guess:g}字"
    return None


def _fraction(width: int, style) -> str | None:
    fraction = round(width / 20 / style.page.text_width, 2)
    if 0 < fraction <= 1 and abs(twips(fraction * style.page.text_width) - width) <= TWIPS_OFF:
        return f"{fraction:g}"
    return None


def _attendance(fields: dict, text: str) -> None:
    key = {"出席": "present", "请假": "absent", "列席": "observers"}
    label, _, names = text.partition("：")
    attendance = fields.setdefault("attendance", outline.Attendance())
    getattr(attendance, key.get(label, "present")).extend(
        n for n in names.split("，") if n)


def _imprint(fields: dict, text: str) -> None:
    imprint = fields.setdefault("imprint", outline.Imprint())
    cc = patterns.CC.match(text)
    if cc:
        imprint.cc += [n for n in re.split(r"[，,]", cc.group(1).rstrip("。")) if n]
        return
    printer, _, when = text.partition("\t")
    imprint.printer = printer.strip() or None
    when = when.strip().removesuffix("印发")
    imprint.date = patterns.date(when)


def _continues(line: Line, previous: Line | None) -> bool:
    """A paragraph the page broke: a page break before it (ours: pageBreakBefore; LibreOffice
    re-saving: a page break ending the paragraph before) and no first-line indent."""
    broken = line.evidence.get("page_break") or \
        (previous is not None and previous.evidence.get("page_end"))
    return bool(broken) and line.evidence.get("indent", {}).get("first", None) == 0


def _stamped(fields: dict, stamped: list, stem: str, report: Report) -> None:
    """The seal images (or the 签名章's) anchored in the 署名 block."""
    if not stamped:
        return
    signer = fields.get("signer")
    if signer is not None:
        found = pictures.signer_image(*stamped[0], stem, report)
        if found is not None:
            signer.image, signer.width, signer.file = found
        return
    seal = pictures.seal(stamped, stem, report)
    if seal is not None:
        fields["seal"] = seal

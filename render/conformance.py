"""GB/T 9704's page rules, checked on a typeset plan (what a clerk sees at once on the pages).

  signature  the 署名 and 成文日期 (and the seal's block) never begin a page without 正文 text,
             never stand alone on a page after blank rows, and are never split across pages
             (§7.3.5);
  titles     the document's and each 附件's title are not broken inside a word (jieba, as a
             second opinion beside the breaker's own rules), their lines form a 梯形 (上长下短)
             or 菱形, and they use the fewest lines that hold them (§7.3.1);
  letterhead a 版头 (the mark, and the red rule or the 信函's lines; the 命令 has none) is on
             page 1 when the style has one;
  position   the 署名 is centred on the 成文日期 (sealed) or starts two characters left of it
             (unsealed), and the date stands 右空四字 / 右空二字 — within 0.5 mm (§7.3.5);
  page       every character is inside the paper;
  marks      the Chinese marks that share code points with Western text (“ ” ‘ ’ — … ·) are set
             in the face of the Chinese text on their line, never the Latin face;
  closing    the 附件说明 and the 附注 are not separated from the text above them, and the 版记
             is on the last page, at its foot (§7.3.6, §7.4).

Each check returns "" when the rule holds, else what is wrong. The corpus benchmark and the
property tests call `check_plan`.
"""

from __future__ import annotations

import math
import unicodedata

from .chars import EAST_ASIAN_MARKS
from .layout.items import Line, Page, Typeset
from .style import Style

SIGN_KINDS = {"signature", "date", "signer"}  # the 署名 block's lines
TEXT_PREFIXES = ("body", "heading", "runin")  # 正文 text
RULES = ("signature", "position", "titles", "letterhead", "page", "marks", "closing")
TOLERANCE = 72 / 25.4 / 2  # 0.5 mm in points


def is_text(line: Line) -> bool:
    return line.kind.startswith(TEXT_PREFIXES)


def grid_lines(page: Page) -> list[Line]:
    return sorted((line for line in page.lines if line.row >= 0), key=lambda line: line.row)


def nominal(text: str) -> float:
    """Width in ems: full-width characters one, the rest half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "FWA" else 0.5 for ch in text)


def signature_block(plan: Typeset) -> str:
    pages = [i for i, page in enumerate(plan.pages)
             if any(line.kind in SIGN_KINDS for line in page.lines)]
    if not pages:
        return ""
    if len(pages) > 1:
        return f"the 署名 block is split over pages {pages[0] + 1}-{pages[-1] + 1}"
    lines = grid_lines(plan.pages[pages[0]])
    first = next(i for i, line in enumerate(lines) if line.kind in SIGN_KINDS)
    if not any(is_text(line) for line in lines[:first]):
        return f"the 署名 block begins page {pages[0] + 1}, which has no 正文 text"
    return ""


def signature_position(plan: Typeset, style: Style, seal: str) -> str:
    """For `seal` "seal" or "none" (the 签名章 is placed by its own rule)."""
    if seal not in ("seal", "none"):
        return ""
    right = style.page.margin_left + style.page.set_text_width
    for page in plan.pages:
        dates = [line for line in page.lines if line.kind == "date"]
        names = [line for line in page.lines if line.kind == "signature"]
        if not dates:
            continue
        date = dates[0]
        em = style.advance(date.spans[0].size)
        start, end = _extent(date)
        spaces = 4 if seal == "seal" else 2
        if seal == "seal" or not names or end > right - spaces * em + TOLERANCE:
            if abs(right - end - spaces * em) > TOLERANCE:
                return f"the 成文日期 ends {(right - end) / em:.2f} characters from the right, " \
                       f"not {spaces} (右空{'四' if spaces == 4 else '二'}字)"
        for name in names:
            left, last = _last_name(name)  # joint seals in a row: the row's last is on the date
            if seal == "seal" and abs((left + last) / 2 - (start + end) / 2) > TOLERANCE:
                return (f"the 署名 “{name.text}” is centred "
                        f"{((left + last) - (start + end)) / 2 / 72 * 25.4:+.1f} mm off the date")
        if seal == "none" and names:
            first = min(_extent(name)[0] for name in names)
            if abs(start - first - 2 * em) > TOLERANCE:
                return f"the 成文日期 starts {(start - first) / em:.2f} characters right of " \
                       "the 署名, not 2"
    return ""


def _extent(line: Line) -> tuple[float, float]:
    """The line's first character's left edge and its last character's right edge (a
    full-width last character one size wide, others half)."""
    last = line.spans[-1]
    width = last.size * (1.0 if unicodedata.east_asian_width(last.text[-1]) in "FW" else 0.5)
    return line.spans[0].xs[0], last.xs[-1] + width


def _last_name(line: Line) -> tuple[float, float]:
    """The extent of the last name on a 署名 line: after the last gap wider than a character
    (joint issuers' names in a row under their seals, GB/T 9704 §7.3.5.1), else the line's."""
    left, right = _extent(line)
    size = line.spans[-1].size
    xs = sorted(x for span in line.spans for x in span.xs)
    for a, b in zip(reversed(xs[:-1]), reversed(xs[1:])):
        if b - a > 1.5 * size:
            return b, right
    return left, right


def title_groups(plan: Typeset) -> list[tuple[str, list[Line]]]:
    """Runs of consecutive title lines (the document's, each 附件's)."""
    groups: list[tuple[str, list[Line]]] = []
    for page in plan.pages:
        previous = None
        for line in grid_lines(page):
            if line.kind in ("title", "attachment_title"):
                if previous is not None and previous.kind == line.kind \
                        and previous.row == line.row - 1:
                    groups[-1][1].append(line)
                else:
                    groups.append((line.kind, [line]))
            previous = line
    return groups


def titles(plan: Typeset, style: Style) -> str:
    from .compose.titles import words

    problems = []
    for kind, lines in title_groups(plan):
        texts = [line.text for line in lines]
        whole = "".join(texts)
        name = "title" if kind == "title" else "附件 title"
        bounds, at = {0}, 0
        for word in words(whole):
            at += len(word)
            bounds.add(at)
        at = 0
        for text in texts[:-1]:
            at += len(text)
            if at not in bounds:
                problems.append(f"{name} broken inside a word at “{whole[max(0, at - 2):at]}|"
                                f"{whole[at:at + 2]}”")
        if len(lines) < 2:
            continue
        widths = [nominal(text) for text in texts]
        if not _trapezoid_or_diamond(widths):
            problems.append(f"{name} lines {'/'.join(f'{w:g}' for w in widths)} are neither "
                            "梯形 nor 菱形")
        capacity = math.floor(style.page.text_width / style.element(kind).size + 1e-6)
        fewest = math.ceil(sum(widths) / capacity - 1e-6)
        if len(lines) > fewest:
            problems.append(f"{name} in {len(lines)} lines, {fewest} would hold it")
    return "; ".join(problems)


def _trapezoid_or_diamond(widths: list[float]) -> bool:
    """梯形: no line longer than the one above (上长下短; two equal lines where the words leave
    no shorter one below); 菱形: three lines, the middle one the longest."""
    if all(b <= a for a, b in zip(widths, widths[1:])):
        return True
    return len(widths) == 3 and widths[1] > max(widths[0], widths[2])


def letterhead(plan: Typeset, style: Style) -> str:
    if not style.letterhead:
        return ""
    first = plan.pages[0]
    if not any(line.kind == "mark" for line in first.lines):
        return "no 发文机关标志 on page 1"
    if not first.rules and style.format != "order":  # the 命令 has no red rule (§10.2)
        return "no 版头 rule on page 1"
    return ""


def inside_page(plan: Typeset) -> str:
    for page in plan.pages:
        for line in page.lines:
            for span in line.spans:
                for ch, x in zip(span.text, span.xs):
                    right = x + span.size * (1.0 if unicodedata.east_asian_width(ch) in "FWA"
                                             else 0.5)
                    if x < 0 or right > page.width + 0.01 or span.y - span.size < 0 \
                            or span.y > page.height:
                        return f"“{ch}” of “{line.text[:12]}” outside page {page.number}"
    return ""


def marks_face(plan: Typeset) -> str:
    for page in plan.pages:
        for line in page.lines:
            chinese = {span.face for span in line.spans
                       if any(unicodedata.east_asian_width(ch) == "W" for ch in span.text
                              if ch not in EAST_ASIAN_MARKS)}
            for span in line.spans:
                for ch in set(span.text) & EAST_ASIAN_MARKS:
                    if chinese and span.face not in chinese:
                        return (f"“{ch}” of “{line.text[:12]}” on page {page.number} in "
                                f"{span.face}, not the face of the Chinese text")
    return ""


def closing(plan: Typeset) -> str:
    problems = []
    last = len(plan.pages)

    def after_text(line: Line) -> bool:
        return is_text(line) or line.kind in SIGN_KINDS or line.kind == "attachment_note"

    for page in plan.pages:
        lines = grid_lines(page)
        for kind, allowed, name in (("attachment_note", is_text, "附件说明"),
                                    ("note", after_text, "附注")):
            starts = [i for i, line in enumerate(lines) if line.kind == kind
                      and (i == 0 or lines[i - 1].kind != kind)]
            for i in starts:
                if not any(allowed(line) for line in lines[:i]):
                    problems.append(f"{name} begins page {page.number}, away from the text "
                                    "above")
        imprint = [line for line in lines if line.kind == "imprint"]
        if imprint:
            if page.number != last:
                problems.append(f"版记 on page {page.number} of {last}")
            elif max(line.row for line in imprint) < plan.rows - 1:
                problems.append(f"版记 ends at row {max(line.row for line in imprint) + 1} of "
                                f"{plan.rows}, not at the page foot")
    return "; ".join(problems)


def check_plan(plan: Typeset, style: Style, seal: str = "") -> dict[str, str]:
    """Every rule's finding: "" where it holds (`seal`: the outline's, for the 署名's place)."""
    return {"signature": signature_block(plan),
            "position": signature_position(plan, style, seal), "titles": titles(plan, style),
            "letterhead": letterhead(plan, style), "page": inside_page(plan),
            "marks": marks_face(plan), "closing": closing(plan)}

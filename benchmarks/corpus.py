"""The real-document corpus (source/corpus/) against the layout rules of issue #11.

Every outline is loaded, composed and typeset once through the build's own pipeline, with the
metrics a .docx-only build uses (`render.fonts.layout_metrics`: the open faces' widths shipped
with gongwen, so the result is the same on every machine), and the plan is checked:

  a  the 署名 and 成文日期 (and the seal block) never begin a page without 正文 text, and are
     never split across pages;
  b  no page holds only the signature block after blank rows;
  c  titles (the document's and the 附件's) are not broken inside a word (jieba), their lines
     form a 梯形 or 菱形, and they use the fewest lines that hold them;
  d  a 版头 (the mark, and the red rule or the 信函's lines) is on page 1 when the style has one
     (gbt9704, letter);
  e  every character is inside the page;
  f  the 附件说明 and the 附注 are not separated from the text above them (the 附件说明 on a page
     with 正文 before it, the 附注 on the page of the 成文日期 or 正文), and the 版记 is on the
     last page, at its foot.

One line per document (pages, then each rule ok or BROKEN with the reason), then a summary.
Exit code 1 when any rule is broken. Needs jieba (`pip install jieba`).

    python benchmarks/corpus.py [FILE.yaml ...] [--examples]
"""

from __future__ import annotations

import argparse
import math
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "source" / "corpus"
sys.path.insert(0, str(ROOT))

from render.build import load  # noqa: E402
from render.compose import compose  # noqa: E402
from render.fonts import layout_metrics  # noqa: E402
from render.layout.items import Line, Typeset  # noqa: E402
from render.layout.pages import typeset  # noqa: E402

RULES = "abcdef"
SIGN_KINDS = {"signature", "date", "seal", "signer"}  # the signature block
TEXT_PREFIXES = ("body", "heading", "runin")  # 正文 text
HEAD_STYLES = {"gbt9704", "letter"}  # styles whose page 1 has a 版头


def is_text(line: Line) -> bool:
    return line.kind.startswith(TEXT_PREFIXES)


def grid_lines(page) -> list[Line]:
    return sorted((line for line in page.lines if line.row >= 0), key=lambda line: line.row)


def nominal(text: str) -> float:
    """Width in ems: full-width characters one, the rest half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "FWA" else 0.5 for ch in text)


def rule_a(plan: Typeset) -> str:
    pages = [i for i, page in enumerate(plan.pages) if any(l.kind in SIGN_KINDS for l in page.lines)]
    if not pages:
        return ""
    if len(pages) > 1:
        return f"signature block split over pages {pages[0] + 1}-{pages[-1] + 1}"
    page = plan.pages[pages[0]]
    lines = grid_lines(page)
    first = next(i for i, l in enumerate(lines) if l.kind in SIGN_KINDS)
    if not any(is_text(l) for l in lines[:first]):
        return f"signature block begins page {pages[0] + 1}, which has no 正文 text"
    return ""


def rule_b(plan: Typeset) -> str:
    for number, page in enumerate(plan.pages, 1):
        lines = grid_lines(page)
        if not any(l.kind in SIGN_KINDS for l in lines):
            continue
        first = next(i for i, l in enumerate(lines) if l.kind in SIGN_KINDS)
        if all(l.kind == "blank" for l in lines[:first]):
            return f"page {number} holds only the signature block" + (
                f" after {first} blank rows" if first else "")
    return ""


def title_groups(plan: Typeset) -> list[tuple[str, list[Line]]]:
    """Runs of consecutive title lines (the document's, each 附件's)."""
    groups: list[tuple[str, list[Line]]] = []
    for page in plan.pages:
        previous = None
        for line in grid_lines(page):
            if line.kind in ("title", "attachment_title"):
                if previous is not None and previous.kind == line.kind and previous.row == line.row - 1:
                    groups[-1][1].append(line)
                else:
                    groups.append((line.kind, [line]))
            previous = line
    return groups


def rule_c(plan: Typeset, style, cut) -> str:
    problems = []
    for kind, lines in title_groups(plan):
        texts = [line.text for line in lines]
        whole = "".join(texts)
        name = "title" if kind == "title" else "附件 title"
        # breaks inside a word
        bounds = {0}
        for _, _, end in cut(whole):
            bounds.add(end)
        at = 0
        for text in texts[:-1]:
            at += len(text)
            if at not in bounds:
                problems.append(f"{name} broken inside a word at “{whole[max(0, at - 2):at]}|"
                                f"{whole[at:at + 2]}”")
        if len(lines) < 2:
            continue
        widths = [nominal(t) for t in texts]
        down = all(a >= b for a, b in zip(widths, widths[1:]))
        up = all(a <= b for a, b in zip(widths, widths[1:]))
        top = widths.index(max(widths))
        diamond = (len(widths) >= 3 and 0 < top < len(widths) - 1
                   and all(a <= b for a, b in zip(widths[:top], widths[1:top + 1]))
                   and all(a >= b for a, b in zip(widths[top:], widths[top + 1:])))
        if not ((down or up) and widths[0] != widths[-1]) and not diamond:
            problems.append(f"{name} lines {'/'.join(f'{w:g}' for w in widths)} are neither "
                            f"梯形 nor 菱形")
        size = style.element(kind).size
        capacity = math.floor(style.page.text_width / size + 1e-6)
        fewest = math.ceil(sum(widths) / capacity - 1e-6)
        if len(lines) > fewest:
            problems.append(f"{name} in {len(lines)} lines, {fewest} would hold it")
    return "; ".join(problems)


def rule_d(plan: Typeset, style_name: str) -> str:
    if style_name not in HEAD_STYLES:
        return ""
    first = plan.pages[0]
    if not any(line.kind == "mark" for line in first.lines):
        return "no 发文机关标志 on page 1"
    if not first.rules:
        return "no 版头 rule on page 1"
    return ""


def rule_e(plan: Typeset) -> str:
    for number, page in enumerate(plan.pages, 1):
        for line in page.lines:
            for span in line.spans:
                for ch, x in zip(span.text, span.xs):
                    right = x + span.size * (1.0 if unicodedata.east_asian_width(ch) in "FWA"
                                             else 0.5)
                    if x < 0 or right > page.width + 0.01 or span.y - span.size < 0 \
                            or span.y > page.height:
                        return f"“{ch}” of “{line.text[:12]}” outside page {number}"
    return ""


def rule_f(plan: Typeset) -> str:
    problems = []
    last = len(plan.pages)
    for number, page in enumerate(plan.pages, 1):
        lines = grid_lines(page)
        for kind, allowed, name in (("attachment_note", is_text, "附件说明"),
                                    ("note", lambda l: is_text(l) or l.kind in SIGN_KINDS
                                     or l.kind == "attachment_note", "附注")):
            starts = [i for i, l in enumerate(lines) if l.kind == kind
                      and (i == 0 or lines[i - 1].kind != kind)]
            for i in starts:
                if not any(allowed(l) for l in lines[:i]):
                    problems.append(f"{name} begins page {number}, away from the text above")
        imprint = [l for l in lines if l.kind == "imprint"]
        if imprint:
            if number != last:
                problems.append(f"版记 on page {number} of {last}")
            elif max(l.row for l in imprint) < plan.rows - 1:
                problems.append(f"版记 ends at row {max(l.row for l in imprint) + 1} of "
                                f"{plan.rows}, not at the page foot")
    return "; ".join(problems)


def check(path: Path, cut) -> tuple[int, dict[str, str]]:
    source = load(path)
    plan = typeset(compose(source.document, source.style), source.style,
                   layout_metrics(source.style))
    found = {
        "a": rule_a(plan),
        "b": rule_b(plan),
        "c": rule_c(plan, source.style, cut),
        "d": rule_d(plan, source.document.style),
        "e": rule_e(plan),
        "f": rule_f(plan),
    }
    return len(plan.pages), found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--examples", action="store_true",
                        help="also check source/examples/*.yaml")
    args = parser.parse_args(argv)
    import jieba

    jieba.setLogLevel(60)

    def cut(text: str):
        return jieba.tokenize(text)

    files = args.files or sorted(CORPUS.glob("*.yaml"))
    if args.examples:
        files += sorted((ROOT / "source" / "examples").glob("*.yaml"))
    broken_docs = 0
    broken_rules = {rule: 0 for rule in RULES}
    width = max(len(f.stem) for f in files)
    for path in files:
        try:
            pages, found = check(path, cut)
        except Exception as exc:  # a document that does not build is reported, not fatal
            print(f"{path.stem:<{width}}  does not build: {exc}")
            broken_docs += 1
            continue
        cells = " ".join(f"{rule}:{'BROKEN' if found[rule] else 'ok'}" for rule in RULES)
        reasons = "; ".join(f"{rule}: {found[rule]}" for rule in RULES if found[rule])
        print(f"{path.stem:<{width}}  pages={pages:<2} {cells}" + (f"  [{reasons}]" if reasons else ""))
        if reasons:
            broken_docs += 1
        for rule in RULES:
            broken_rules[rule] += bool(found[rule])
    summary = " ".join(f"{rule}={broken_rules[rule]}" for rule in RULES)
    print(f"summary: {len(files)} documents, {len(files) - broken_docs} clean, {broken_docs} with "
          f"a broken rule; broken per rule: {summary}")
    return 1 if broken_docs else 0


if __name__ == "__main__":
    sys.exit(main())

"""The layout rules, read off the one typeset plan (`build`'s compose and typeset, the metrics
shipped for the built-in faces, as a .docx build uses): a paragraph's last line holding one
character (孤字), a heading at the foot of a page, and the page rules of `conformance.check_plan`
that an outline can break (the 署名 block, its position, titles, the closing parts); and what the
style's format does not print (a 信函's 印发机关 and 印发日期)."""

from __future__ import annotations

from .rules import Rule

L = {r.id: r for r in [
    Rule("L001", "warning", "GB/T 9704-2012 §7.3.3 (排版习惯)",
         "a paragraph's last line holds one character (孤字); reword to pull it up or fill it"),
    Rule("L002", "warning", "GB/T 9704-2012 §7.3.3",
         "a heading is the last line of its page, its text on the next"),
    Rule("L003", "error", "GB/T 9704-2012 §7.3.5",
         "the 署名 block (署名, 成文日期, 印章) breaks a page rule"),
    Rule("L004", "warning", "GB/T 9704-2012 §7.3.1",
         "the title is not broken into a 梯形 or 菱形 of the fewest lines, or breaks a word"),
    Rule("L005", "error", "GB/T 9704-2012 §7.3.4, §7.3.6, §7.4",
         "the 附件说明, 附注 or 版记 is out of place"),
    Rule("L006", "warning", "GB/T 9704-2012 §10.1",
         "the outline gives the 印发机关 or 印发日期, which the 信函格式's 版记 does not print"),
]}
PLAN_RULES = {"signature": ("L003", ("date",)), "position": ("L003", ("date",)),
              "titles": ("L004", ("title",)), "closing": ("L005", ("imprint",))}
SINGLE_PUNCT = "。，、；：！？”’）》」』"


def layout_findings(source) -> list:
    from ..pipeline import lay_out
    from ..conformance import check_plan, grid_lines, is_text
    from . import Finding

    blocks, plan, _ = lay_out(source)  # as a .docx build lays it out
    found = []

    def at(block: int) -> tuple[int, int]:
        pos = getattr(blocks[block], "pos", (0, 0)) if block >= 0 else (0, 0)
        return pos if pos != (0, 0) else source.locate(("body",))

    seen: dict[int, int] = {}
    for number, page in enumerate(plan.pages, 1):
        lines = grid_lines(page)
        for line in lines:
            seen[line.block] = seen.get(line.block, 0) + 1
            core = line.text.strip().rstrip(SINGLE_PUNCT)
            if line.last and is_text(line) and seen[line.block] > 1 and len(core) == 1:
                found.append(Finding(source.name, *at(line.block), L["L001"],
                                     f"the paragraph's last line on page {number} holds one "
                                     f"character: {line.text.strip()!r}"))
        if lines and number < len(plan.pages) and lines[-1].kind.startswith("heading"):
            found.append(Finding(source.name, *at(lines[-1].block), L["L002"],
                                 f"the heading {lines[-1].text.strip()!r} is the last line of "
                                 f"page {number}"))
    imprint = source.document.imprint
    if source.style.format == "letter" and imprint is not None:
        for key, what in (("printer", "印发机关"), ("date", "印发日期")):
            if getattr(imprint, key):
                found.append(Finding(source.name, *source.locate(("imprint", key)), L["L006"],
                                     f"imprint.{key}: the {what} is not printed in the "
                                     f"信函格式 (its 版记 holds 抄送 only); drop it or use "
                                     f"another style"))
    for name, problem in check_plan(plan, source.style, source.document.seal_kind).items():
        if problem and name in PLAN_RULES:
            rule, key = PLAN_RULES[name]
            found.append(Finding(source.name, *source.locate(key), L[rule], problem))
    return found

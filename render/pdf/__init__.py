"""The PDF writer and its fonts: resolution, metrics, the one-time font set-up."""

from __future__ import annotations

from .. import outline
from ..errors import InputError, Problem
from ..flow import Fixed, Imprint, Item, build_flow
from ..layout.chars import resolve_scripts
from ..layout.pages import layout, paragraph_format
from ..style import Style
from ..fonts.resolve import FontSet
from ..fonts.metrics import FontMetrics
from .writer import write_pdf


def render_pdf(document: outline.Document, style: Style, fontset: FontSet, source: str = "",
               allow_missing_glyphs: bool = False, warn=None, flow: list | None = None,
               summary=None, locate=None) -> bytes:
    """The PDF of `document` (or of a given flow: a redline's, with a page summarising the
    `summary` difference after it). A character that no face covers is an error naming it and
    where it occurs (a warning with `allow_missing_glyphs`)."""
    flow = flow or build_flow(document, style)
    metrics = FontMetrics(fontset)
    problems = missing_glyphs(flow, style, metrics, source, locate)
    if problems and not allow_missing_glyphs:
        raise InputError(problems)
    for problem in problems:
        if warn:
            warn(f"{problem} (drawn as nothing)")
    pages = layout(flow, style, metrics)
    if summary is not None:
        from ..diff.summary import summary_flow

        extra = layout(summary_flow(summary, style), style, metrics)
        for page in extra:
            page.number = len(pages) + 1
            page.numbered = False
            page.lines = [line for line in page.lines if line.kind != "page_number"]
            pages.append(page)
    return write_pdf(pages, document, metrics)


# The outline value each kind of paragraph comes from, for paragraphs that keep no position.
SOURCE_KEYS = {
    "title": ("title",), "subtitle": ("subtitle",), "byline": ("issuers",),
    "signature": ("issuers",), "date": ("date",), "signer": ("signer",),
    "addressee": ("addressee",), "note": ("note",), "attachment_note": ("attachments",),
    "attachment_title": ("attachments",), "attachment_label": ("attachments",),
    "attendance": ("attendance",), "imprint": ("imprint",), "mark": ("header", "issuers"),
    "doc_number": ("header", "doc_number"), "copy_number": ("header", "copy_number"),
    "classification": ("header", "classification"), "urgency": ("header", "urgency"),
}


def missing_glyphs(flow: list[Item], style: Style, metrics: FontMetrics,
                   source: str, locate=None) -> list[Problem]:
    """Each character no face of its role covers, once per paragraph, with its position
    (`locate(key)` places paragraphs that keep none, such as the title's)."""
    problems = []
    seen: set[tuple[str, int, int]] = set()
    covered: set[tuple[str, str, bool]] = set()
    paras = []
    for item in flow:
        if isinstance(item, Imprint):
            paras += item.paras
        elif isinstance(item, Fixed):
            paras += [item.para] if item.para else []
        else:
            paras.append(item)
    for para in paras:
        fmt = paragraph_format(para, style)
        runs = fmt.runs + fmt.tab
        latin = resolve_scripts("".join(run.text for run in runs))
        offset = 0
        for run in runs:
            uses = set(zip(run.text, latin[offset:offset + len(run.text)]))
            offset += len(run.text)
            for ch, as_latin in sorted(uses):
                key = (ch, run.role, run.latin and as_latin)
                if key in covered or ch.isspace() or (ch, *para.pos) in seen:
                    continue
                if metrics.covering(*key) is not None:
                    covered.add(key)
                    continue
                seen.add((ch, *para.pos))
                names = ", ".join(f.name for f in metrics.chain(run.role))
                where = "" if para.pos != (0, 0) else f" (in the {para.kind})"
                pos = para.pos
                if pos == (0, 0) and locate is not None:
                    pos = locate(SOURCE_KEYS.get(para.kind, ()))
                problems.append(Problem(source or "<document>", *pos,
                                        f"character {ch} (U+{ord(ch):04X}) is in no font for "
                                        f"{run.role}: {names}{where}"))
    return problems


__all__ = ["render_pdf", "missing_glyphs"]

"""The one pipeline: an outline → its document and style → the outputs, in memory.

`gongwen build`, `check` and `diff` and the benchmarks call it; nothing here writes a file.
Everything a writer could stumble on surfaces as an InputError with file:line:col, so `check`
(which runs all of it and discards the bytes) never passes an outline `build` would reject.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import outline
from .errors import ContentError, InputError, Problem
from .formats import FORMATS, uses_faces
from .style import Style



@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...] = FORMATS
    style: str | None = None  # a style sheet instead of the outline's `style:`
    fonts: dict[str, Path] = field(default_factory=dict)  # role → font file, for the PDF
    strict_fonts: bool = False
    allow_missing_glyphs: bool = False
    concurrent: bool = False  # both formats: the .docx in a forked process beside the PDF
    pdfa: bool | None = None  # the PDF as PDF/A-1b; None: as the style sheet's `pdfa`

    def pdfa_for(self, style: Style) -> bool:
        """Whether the PDF is made PDF/A-1b: as the options say, else as the style sheet."""
        return style.pdfa if self.pdfa is None else self.pdfa


@dataclass(frozen=True)
class Source:
    """A loaded outline: where it came from, its text (to place problems), document and style."""

    name: str
    text: str
    document: outline.Document
    style: Style

    def locate(self, key: tuple) -> tuple[int, int]:
        """The line and column of the outline value at `key` (the document's own when the key
        leads nowhere)."""
        from .load import locate_key

        if key[:1] == ("@",):  # a position composition knew: ("@", line, column)
            return key[1], key[2]
        return locate_key(self.text, self.name, key) if self.text else (0, 0)

    def problem(self, key: tuple, message: str) -> Problem:
        return Problem(self.name, *self.locate(key), message)


def load(path: Path, style_name: str | None = None) -> Source:
    """Read, validate and resolve one outline file and its style sheet (a volume's outline:
    the `Volume`, with every outline it includes; `render` takes either)."""
    from .load import compose, load_text, read_source
    from .volume import is_volume, load_volume, may_be_volume

    text = read_source(path)
    if may_be_volume(text) and is_volume(node := compose(text, str(path))):
        return load_volume(path, text, node, style_name, load)
    document = load_text(text, str(path), base_dir=path.parent)
    return from_document(str(path), text, document, style_name, path.parent)


def from_document(name: str, text: str, document: outline.Document, style_name: str | None,
                  base_dir: Path | None) -> Source:
    from .style import load_style

    style = load_style(style_name or document.style, None if style_name else base_dir)
    return Source(name, text, document, style)


def render_document(document: outline.Document, style: Style, formats=("docx",),
                    blocks: list | None = None, revisions=None) -> dict[str, bytes]:
    """`render` for a document made in code (no outline file to point problems at)."""
    return render(Source("<document>", "", document, style), Options(formats=tuple(formats)),
                  blocks=blocks, revisions=revisions)


def lay_out(source: Source, options: Options = Options(formats=("docx",)),
            warn: Callable[[str], None] | None = None, blocks: list | None = None,
            first: int = 1):
    """`source` composed (or `blocks`) and typeset once with the one set of metrics its
    formats call for (a .docx alone: the metrics shipped for the built-in faces): (blocks,
    plan, metrics); its page 1 numbered `first`. InputError for anything the document cannot
    be made of."""
    from .compose import compose
    from .layout.pages import typeset

    try:
        blocks = blocks if blocks is not None else compose(source.document, source.style)
        _warn_scaled(source, blocks, warn)
        metrics = _metrics(source, options, blocks, warn)
        return blocks, typeset(blocks, source.style, metrics, first), metrics
    except ContentError as exc:
        raise InputError([source.problem(exc.key, exc.message)]) from None


def render(source: Source, options: Options = Options(), warn: Callable[[str], None] | None = None,
           blocks: list | None = None, summary=None, revisions=None) -> dict[str, bytes]:
    """Every requested format of `source` as bytes: composed, typeset once with one set of
    metrics (`lay_out`), and drawn by each writer from that one plan (of `blocks` instead, for
    a redline; the review PDF gets the `summary` blocks on pages of their own after it).
    InputError for anything the document cannot be made of. A volume: `volume.py`."""
    if not isinstance(source, Source):
        from .volume import render_volume

        toc = Source(source.name, source.text, source.document, source.style)
        return render_volume(source, toc, options, warn, lay_out)
    blocks, plan, metrics = lay_out(source, options, warn, blocks)

    def word() -> bytes:
        from .docx import render_docx

        return render_docx(source.document, source.style, blocks, plan, revisions=revisions)

    try:
        docx = None
        if "docx" in options.formats:  # with a PDF and a free core: written beside it
            from .forked import in_child

            docx = in_child(word) if options.concurrent and "pdf" in options.formats else word
        out: dict[str, bytes] = {}
        if "pdf" in options.formats:
            from .pdf import write_pdf

            pages = plan.pages + (_summary_pages(summary, source.style, metrics, len(plan.pages))
                                  if summary else [])
            out["pdf"] = write_pdf(pages, source.document, metrics,
                                   pdfa=options.pdfa_for(source.style), blocks=[blocks])
        if "ofd" in options.formats:
            from .ofd import write_ofd

            out["ofd"] = write_ofd(plan.pages, source.document, metrics)
        if docx is not None:
            out["docx"] = docx()
    except ContentError as exc:
        raise InputError([source.problem(exc.key, exc.message)]) from None
    return out


def _warn_scaled(source: Source, blocks: list, warn) -> None:
    """A figure taller than a page was shrunk to fit one: say where."""
    from .compose.blocks import FigureBlock

    for block in blocks:
        if warn and isinstance(block, FigureBlock) and block.scaled:
            line, column = block.pos
            warn(f"{source.name}:{line}:{column}: figure: taller than a page; scaled down to "
                 f"{block.width / 72 * 25.4:.0f} × {block.height / 72 * 25.4:.0f} mm to fit one")


def _metrics(source: Source, options: Options, blocks: list, warn):
    """The one set of metrics the document is laid out with: the PDF's faces when a PDF or
    an OFD is made (every character checked to be in one); else the metrics shipped for the built-in
    faces (the same on every machine, with or without fonts; see render/fonts/reference.py)."""
    if uses_faces(options.formats):
        from .fonts.metrics import FontMetrics
        from .fonts.resolve import resolve_fonts
        from .layout.coverage import missing_glyphs

        fontset = resolve_fonts(source.style, options.fonts, strict=options.strict_fonts)
        metrics = FontMetrics(fontset)
        problems = missing_glyphs(blocks, source.style, metrics, source.name, source.locate,
                                  source.document.mark_key)
        if problems and not options.allow_missing_glyphs:
            raise InputError(problems)
        for problem in problems:
            if warn:
                warn(f"{problem} (drawn as nothing)")
        return metrics
    from .fonts import layout_metrics  # the .docx alone: the shipped metrics, machine-free

    return layout_metrics(source.style)


def _summary_pages(blocks: list, style: Style, metrics, after: int) -> list:
    """A review copy's last page(s) (what changed), numbered after the document, unnumbered."""
    from .layout.pages import typeset

    pages = typeset(blocks, style, metrics).pages
    for number, page in enumerate(pages, after + 1):
        page.number = number
        page.numbered = False
        page.lines = [line for line in page.lines if line.kind != "page_number"]
    return pages

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
from .style import Style

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...] = FORMATS
    style: str | None = None  # a style sheet instead of the outline's `style:`
    fonts: dict[str, Path] = field(default_factory=dict)  # role → font file, for the PDF
    strict_fonts: bool = False
    allow_missing_glyphs: bool = False


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

        return locate_key(self.text, self.name, key)

    def problem(self, key: tuple, message: str) -> Problem:
        return Problem(self.name, *self.locate(key), message)


def load(path: Path, style_name: str | None = None) -> Source:
    """Read, validate and resolve one outline file and its style sheet."""
    from .load import load_text, read_source
    from .style import load_style

    text = read_source(path)
    document = load_text(text, str(path), base_dir=path.parent)
    return from_document(str(path), text, document, style_name, path.parent)


def from_document(name: str, text: str, document: outline.Document, style_name: str | None,
                  base_dir: Path | None) -> Source:
    from .style import load_style

    style = load_style(style_name or document.style, None if style_name else base_dir)
    return Source(name, text, document, style)


def render(source: Source, options: Options = Options(), warn: Callable[[str], None] | None = None,
           flow: list | None = None, summary=None, revisions=None) -> dict[str, bytes]:
    """Every requested format of `source` as bytes (of `flow` instead, for a redline).
    InputError for anything the document cannot be made of."""
    out: dict[str, bytes] = {}
    try:
        if "pdf" in options.formats:
            out["pdf"] = _pdf(source, options, warn, flow, summary)
        if "docx" in options.formats:
            from .docx import render_docx

            out["docx"] = render_docx(source.document, source.style, flow=flow,
                                      revisions=revisions)
    except ContentError as exc:
        raise InputError([source.problem(exc.key, exc.message)]) from None
    return out


def _pdf(source: Source, options: Options, warn, flow, summary) -> bytes:
    from .pdf import render_pdf
    from .fonts.resolve import resolve_fonts

    fontset = resolve_fonts(source.style, options.fonts, strict=options.strict_fonts)
    return render_pdf(source.document, source.style, fontset, source.name,
                      options.allow_missing_glyphs, warn=warn, flow=flow, summary=summary,
                      locate=source.locate)



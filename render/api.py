"""The library API: `render.build(outline, style=None, formats=("docx", "pdf"))` → {format:
bytes}. A pure function over the one pipeline (`pipeline.py`): it writes no file and keeps no
state between calls but the per-process caches of fonts and metrics, so a batch runner, a web
service or a distributed scheduler (docs/api.md) can call it from any worker."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import outline
from .formats import FORMATS, parse_formats
from .pipeline import Options, from_document, load, render
from .style import Style


def build(source: str | Path | outline.Document, style: str | Path | Style | None = None,
          formats: str | tuple[str, ...] | list[str] = FORMATS, *,
          base_dir: str | Path | None = None, pdfa: bool | None = None) -> dict[str, bytes]:
    """Each of `formats` ("docx", "pdf", "ofd", "all", or a string as `--format` takes it,
    "pdf,ofd"; default the first two) of an outline file or
    an `outline.Document` made in code, as bytes. `style`: a built-in style name, a style sheet's path, or a loaded `Style`
    (default: the outline's `style:`). `base_dir`: where a Document's style name is looked up
    (a styles/ folder there or above; default: the current folder); a Document carries its
    images' bytes. `pdfa`: True, the PDF as PDF/A-1b (as `gongwen build --pdfa`); False, a plain
    PDF (`--no-pdfa`); None, as the style sheet's `pdfa`. Raises
    `render.errors.InputError` (its `.problems` are file:line:col) for anything the outline
    cannot be made of."""
    formats = parse_formats(formats)  # ValueError for a name it does not know
    if pdfa and "pdf" not in formats:
        raise ValueError("pdfa=True makes the PDF a PDF/A-1b, and formats names no pdf")
    style_name = str(style) if isinstance(style, (str, Path)) else None
    if isinstance(source, outline.Document):
        folder = Path(base_dir) if base_dir is not None else Path.cwd()
        loaded = from_document("<document>", "", source, style_name, folder)
    else:
        loaded = load(Path(source), style_name)
    if isinstance(style, Style):
        loaded = replace(loaded, style=style)  # a Source or a Volume
    return render(loaded, Options(formats=formats, pdfa=pdfa))

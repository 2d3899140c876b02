"""The library API: `render.build(outline, style=None, formats=("docx", "pdf"))` → {format:
bytes}. A pure function over the one pipeline (`pipeline.py`): it writes no file and keeps no
state between calls but the per-process caches of fonts and metrics, so a batch runner, a web
service or a distributed scheduler (docs/api.md) can call it from any worker."""

from __future__ import annotations

from pathlib import Path

from . import outline
from .formats import ALL_FORMATS, FORMATS
from .pipeline import Options, from_document, load, render
from .style import Style


def build(source: str | Path | outline.Document, style: str | Path | Style | None = None,
          formats: tuple[str, ...] | list[str] = FORMATS, *,
          base_dir: str | Path | None = None, pdfa: bool = False) -> dict[str, bytes]:
    """Each of `formats` ("docx", "pdf", "ofd"; default the first two) of an outline file or
    an `outline.Document` made in code, as bytes. `style`: a built-in style name, a style sheet's path, or a loaded `Style`
    (default: the outline's `style:`). `base_dir`: where a Document's style name is looked up
    (a styles/ folder there or above; default: the current folder); a Document carries its
    images' bytes. `pdfa`: the PDF as PDF/A-1b (as `gongwen build --pdfa`). Raises
    `render.errors.InputError` (its `.problems` are file:line:col) for anything the outline
    cannot be made of."""
    formats = tuple(formats)
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown or not formats:
        raise ValueError(f"formats are {', '.join(ALL_FORMATS)}; got {formats!r}")
    style_name = str(style) if isinstance(style, (str, Path)) else None
    if isinstance(source, outline.Document):
        folder = Path(base_dir) if base_dir is not None else Path.cwd()
        loaded = from_document("<document>", "", source, style_name, folder)
    else:
        loaded = load(Path(source), style_name)
    if isinstance(style, Style):
        loaded = type(loaded)(loaded.name, loaded.text, loaded.document, style)
    return render(loaded, Options(formats=formats, pdfa=pdfa))

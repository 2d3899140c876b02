"""gongwen-typeset: Chinese official documents (公文) from a YAML outline to GB/T 9704 .docx and PDF.

`render.build(outline, style=None, formats=("docx", "pdf"))` → {format: bytes} is the library
API (`render/api.py`, docs/api.md)."""

from .version import VERSION as __version__


def build(source, style=None, formats=("docx", "pdf"), *, base_dir=None,
          pdfa=None) -> dict[str, bytes]:
    """See `render.api.build` (imported on first use: `import render` stays light)."""
    from .api import build as build_outputs

    return build_outputs(source, style, formats, base_dir=base_dir, pdfa=pdfa)


__all__ = ["__version__", "build"]

"""The output formats: their names, the default set, and which embed the font files (so the
document is laid out with those files' metrics)."""

from __future__ import annotations

from collections.abc import Iterable

FORMATS = ("docx", "pdf")  # the default: what `build` writes without --format
ALL_FORMATS = (*FORMATS, "ofd")
FACE_FORMATS = ("pdf", "ofd")  # embed the font files, so layout measures with them


def uses_faces(formats: Iterable[str]) -> bool:
    """Whether any of `formats` embeds the font files (a PDF, an OFD)."""
    return any(f in FACE_FORMATS for f in formats)

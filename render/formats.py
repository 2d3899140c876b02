"""The output formats: their names, the default set, how a list of them is read, and which
embed the font files (so the document is laid out with those files' metrics)."""

from __future__ import annotations

from collections.abc import Iterable

FORMATS = ("docx", "pdf")  # the default: what `build` writes without --format
ALL_FORMATS = (*FORMATS, "ofd")
FACE_FORMATS = ("pdf", "ofd")  # embed the font files, so layout measures with them


def parse_formats(value: str | Iterable[str]) -> tuple[str, ...]:
    """The formats `value` names: a comma-separated string ("pdf,ofd") or names; `all` (alone
    or among others) means every format. Each once, in ALL_FORMATS' order. ValueError when a
    name is unknown or none is given."""
    names = [name.strip() for name in (value.split(",") if isinstance(value, str) else value)]
    if "all" in names:
        return ALL_FORMATS
    unknown = [name for name in names if name not in ALL_FORMATS]
    if unknown or not names:
        raise ValueError(f"unknown format {unknown[0]!r}" if unknown else "no format named")
    return tuple(name for name in ALL_FORMATS if name in names)


def uses_faces(formats: Iterable[str]) -> bool:
    """Whether any of `formats` embeds the font files (a PDF, an OFD)."""
    return any(f in FACE_FORMATS for f in formats)

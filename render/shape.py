"""The outline's shape, read once from the model's type hints.

The YAML loader, the canonical writer (`gongwen fmt`) and the JSON Schema all walk the same
description, so a field added to render/outline.py is loaded, written and documented at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any

from . import outline


@dataclass(frozen=True)
class Kind:
    """What a YAML value must be: `name` is one of str, bool, date, literal, list, optional,
    record (a dataclass), block (a paragraph or a section), either (one of the literal
    `values`, or a mapping for the record `cls`)."""

    name: str
    inner: Kind | None = None
    cls: type | None = None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    key: str
    kind: Kind
    required: bool
    default: Any
    doc: str
    prose: bool
    one_or_many: bool


def kind_of(tp: Any) -> Kind:
    if tp is str:
        return Kind("str")
    if tp is bool:
        return Kind("bool")
    if tp is dt.date:
        return Kind("date")
    if tp == outline.Block:
        return Kind("block")
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return Kind("literal", values=tuple(args))
    if origin is list:
        return Kind("list", inner=kind_of(args[0]))
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return Kind("optional", inner=kind_of(rest[0]))
    if origin in (typing.Union, types.UnionType):
        literal, record = (kind_of(a) for a in args)
        return Kind("either", cls=record.cls, values=literal.values)
    if dataclasses.is_dataclass(tp):
        return Kind("record", cls=tp)
    raise TypeError(f"no YAML shape for {tp!r}")


@functools.cache
def fields_of(cls: type) -> tuple[Field, ...]:
    """The YAML keys of a record type, in canonical order."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if f.name == "pos" or f.metadata.get("loaded"):
            continue  # a position, or data the loader read from a file
        if f.default is not dataclasses.MISSING:
            default, required = f.default, False
        elif f.default_factory is not dataclasses.MISSING:
            default, required = f.default_factory(), False
        else:
            default, required = None, True
        meta = f.metadata
        out.append(
            Field(
                key=f.name,
                kind=kind_of(hints[f.name]),
                required=required,
                default=default,
                doc=meta.get("doc", ""),
                prose=meta.get("prose", False),
                one_or_many=meta.get("one_or_many", False),
            )
        )
    return tuple(out)


# The two YAML forms of a section. Every other record maps keys to fields one to one.
SECTION_KEYS = ("heading", "lead", "text", "body")
SECTION_DOCS = {
    "heading": "a stand-alone heading line (no number: 一、（一）1.（1） are derived)",
    "lead": "a run-in heading that starts its paragraph, e.g. 全力助企纾困解难。",
    "text": "with lead: the rest of that paragraph",
    "body": "paragraphs and subsections under this heading",
}

# A figure: `figure:` with these keys (the loader reads the image file).
FIGURE_KEYS = ("image", "caption", "width")
FIGURE_DOCS = {
    "image": "a PNG or JPEG file, relative to the outline",
    "caption": "图题, centred under the picture (optional)",
    "width": "the picture's width as a fraction of the type area (0 to 1); default: its "
             "natural size at its resolution (96 dpi when the file states none), at most the "
             "type area's width",
}

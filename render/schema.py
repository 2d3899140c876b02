"""The outline format as a JSON Schema (draft 2020-12), made from render/shape.py."""

from __future__ import annotations

from typing import Any

from . import outline, shape

DATE_PATTERN = r"^\d{4}-\d{1,2}-\d{1,2}$"


def json_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _record(outline.Document, defs)
    defs["block"] = {
        "description": "A paragraph (text), a section (a mapping with heading or lead), a "
        "figure (a mapping with figure) or a table (a mapping with table).",
        "oneOf": [{"$ref": "#/$defs/paragraph"}, {"$ref": "#/$defs/section"},
                  {"$ref": "#/$defs/figure"}, {"$ref": "#/$defs/table_item"}],
    }
    figure_props: dict[str, Any] = {
        key: {"description": text} for key, text in shape.FIGURE_DOCS.items()}
    figure_props["image"].update(type="string", minLength=1, pattern=r"^[^\n]*$")
    figure_props["caption"].update(type="string", pattern=r"^[^\n]*$")
    figure_props["width"].update(type="number", exclusiveMinimum=0, maximum=1)
    defs["figure"] = {
        "type": "object",
        "description": "A figure (插图): an image centred in whole grid rows, its caption (图题) "
        "under it.",
        "properties": {"figure": {"type": "object", "properties": figure_props,
                                  "required": ["image"], "additionalProperties": False}},
        "required": ["figure"],
        "additionalProperties": False,
    }
    defs.update(table_defs())
    defs["paragraph"] = {
        "type": "string",
        "minLength": 1,
        "description": "A body paragraph. Write it as a '|' block, one sentence per line; the "
        "lines are joined without a separator.",
    }
    section_props = {
        key: {"description": text}
        for key, text in shape.SECTION_DOCS.items()
    }
    for key in ("heading", "lead"):
        section_props[key].update(type="string", minLength=1, pattern=r"^[^\n]*$")
    section_props["text"]["type"] = "string"
    section_props["body"].update(type="array", items={"$ref": "#/$defs/block"})
    defs["section"] = {
        "type": "object",
        "description": "A numbered section: a heading line, or a run-in heading that starts a "
        "paragraph. Numbers (一、（一）1.（1）) come from the position; nest at most "
        f"{outline.MAX_DEPTH} levels.",
        "properties": section_props,
        "additionalProperties": False,
        "oneOf": [
            {"required": ["heading"], "not": {"anyOf": [{"required": ["lead"]},
                                                       {"required": ["text"]}]}},
            {"required": ["lead"], "not": {"required": ["heading"]}},
        ],
    }
    defs["document"] = root
    defs["volume"] = volume_def()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gongwen-typeset.invalid/outline.schema.json",
        "title": "gongwen-typeset outline",
        "description": "A document, or a volume (汇编) of documents (a mapping with include).",
        "oneOf": [{"$ref": "#/$defs/document"}, {"$ref": "#/$defs/volume"}],
        "$defs": dict(sorted(defs.items())),
    }


def volume_def() -> dict[str, Any]:
    """A volume's outline (render/volume.py): its title, the 目录's style, the outlines."""
    line = {"type": "string", "minLength": 1, "pattern": r"^[^\n]*$"}
    return {
        "type": "object",
        "description": "A compiled volume (汇编): a 目录, then each included outline.",
        "properties": {
            "style": {**line, "description": "the 目录's style sheet (each document keeps "
                                             "its own)"},
            "title": {"description": "the volume's title: one line, or a list of lines",
                      "oneOf": [line, {"type": "array", "items": line, "minItems": 1}]},
            "include": {"description": "outline files, relative to the volume, in order",
                        "type": "array", "items": line, "minItems": 1},
        },
        "required": ["title", "include"],
        "additionalProperties": False,
    }


def table_defs() -> dict[str, Any]:
    """The `table:` item: columns, header and data rows of cells, a caption, a CSV source."""
    align = {"enum": ["left", "center", "right"]}
    span = {"type": "integer", "minimum": 1, "maximum": 100}
    cell = {"description": "A cell: its text, or a mapping with the text, spans and alignment.",
            "anyOf": [{"type": ["string", "number"]},
                      {"type": "object", "additionalProperties": False,
                       "properties": {"text": {"type": ["string", "number"]}, "colspan": span,
                                      "rowspan": span, "align": align}}]}
    rows = {"type": "array", "items": {"type": "array", "minItems": 1,
                                       "items": {"$ref": "#/$defs/cell"}}}
    column = {"type": "object", "additionalProperties": False, "properties": {
        "width": {"type": ["string", "number"], "description": "a fraction of the type area "
                  "(0.25 or 25%) or characters (6字); none: a share of the rest"},
        "align": align}}
    table = {"type": "object", "additionalProperties": False, "required": ["columns"],
             "description": "表格: caption (表题) above, header rows repeated on each page",
             "properties": {
                 "caption": {"type": "string", "description": "表题, centred above the table"},
                 "columns": {"type": "array", "minItems": 1, "items": column},
                 "header": {**rows, "description": "header rows (repeated after a page break)"},
                 "rows": {**rows, "description": "data rows"},
                 "source": {"type": "string", "description": "a UTF-8 CSV file beside the "
                            "outline with more data rows, one field per column"},
                 "font_size": {"type": "string", "description": "三号 (default), 四号 or 小四"},
                 "landscape": {"type": "boolean", "description": "横排: on landscape pages "
                               "of its own, as wide as the type area is high (225 mm)"}}}
    return {"cell": cell, "table": table, "table_item": {
        "type": "object", "additionalProperties": False, "required": ["table"],
        "properties": {"table": {"$ref": "#/$defs/table"}}}}


def _record(cls: type, defs: dict) -> dict[str, Any]:
    properties = {}
    required = []
    for f in shape.fields_of(cls):
        prop = _kind(f.kind, defs)
        if f.one_or_many:
            prop = {"anyOf": [_kind(f.kind.inner, defs), prop]}
        if f.doc:
            prop["description"] = f.doc
        properties[f.key] = prop
        if f.required:
            required.append(f.key)
    out: dict[str, Any] = {"type": "object", "properties": properties,
                           "additionalProperties": False}
    if cls.__doc__:
        out["description"] = " ".join(cls.__doc__.split())
    if required:
        out["required"] = required
    return out


def _kind(kind: shape.Kind, defs: dict) -> dict[str, Any]:
    name = kind.name
    if name == "optional":
        return {"anyOf": [_kind(kind.inner, defs), {"type": "null"}]}
    if name == "list":
        return {"type": "array", "items": _kind(kind.inner, defs)}
    if name == "record":
        key = kind.cls.__name__.lower()
        if key not in defs:
            defs[key] = {}  # reserve against recursion
            defs[key] = _record(kind.cls, defs)
        return {"$ref": f"#/$defs/{key}"}
    if name == "either":
        return {"anyOf": [{"enum": list(kind.values)},
                          _kind(shape.Kind("record", cls=kind.cls), defs)]}
    if name == "block":
        return {"$ref": "#/$defs/block"}
    if name == "bool":
        return {"type": "boolean"}
    if name == "date":
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if name == "literal":
        return {"enum": list(kind.values)}
    return {"type": "string"}

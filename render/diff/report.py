"""A difference as text for people (coloured on a terminal) or as JSON for programs.

The text report names each change by its place (二、（三）第2段), shows the changed characters in
[-deleted-]{+inserted+} form (red and green on a terminal) with a little context around them,
and lists field changes first. docs/diff.md documents both forms; diff.schema.json is the JSON
Schema of the JSON one.
"""

from __future__ import annotations

import json

from ..text_rules import escape_controls
from .structure import BlockChange, Difference, FieldChange
from .text import Op, diff_text

CONTEXT = 12  # characters of unchanged text shown around a change
RED, GREEN, DIM, RESET = "\033[31m", "\033[32m", "\033[2m", "\033[0m"
CHANGE_NAMES = {"added": "新增", "removed": "删除", "changed": "修改", "renamed": "标题修改",
                "moved": "移动"}
FIELD_NAMES = {
    "title": "标题", "subtitle": "副标题", "issuers": "发文机关", "date": "成文日期",
    "seal": "印章", "addressee": "主送机关", "note": "附注", "style": "样式",
    "header.doc_number": "发文字号", "header.copy_number": "份号", "header.urgency": "紧急程度",
    "header.classification": "密级", "header.signers": "签发人", "header.issuers": "发文机关标志",
    "imprint.cc": "抄送", "imprint.printer": "印发机关", "imprint.date": "印发日期",
}


def text_report(difference: Difference, color: bool = False) -> str:
    if difference.equal:
        return "无差异 (no differences)\n"
    lines = [_field_line(change, color) for change in difference.fields]
    lines += [_block_line(change, color) for change in difference.blocks]
    return "\n".join(lines) + "\n"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{RESET}" if color and text else text


def _plain(text: str) -> str:
    """Outline text for a terminal: line breaks as spaces, any control character (an ESC that
    could move the cursor or erase a line) as a visible \\uXXXX escape."""
    return escape_controls(text.replace("\n", " "))


def _field_line(change: FieldChange, color: bool) -> str:
    name = FIELD_NAMES.get(change.path, "")
    label = f"{change.path} ({name})" if name else change.path
    old, new = change.old, change.new
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new) == 1:
        old, new = old[0], new[0]  # a one-line title, one issuer
    if isinstance(old, str) and isinstance(new, str):
        return f"{label}: " + inline(tuple(diff_text(old, new)), color)
    if isinstance(change.old, list) or isinstance(change.new, list):
        old, new = change.old or [], change.new or []
        items = [_paint(f"- {_plain(str(item))}", RED, color) for item in old if item not in new]
        items += [_paint(f"+ {_plain(str(item))}", GREEN, color) for item in new
                  if item not in old]
        return f"{label}: " + "; ".join(items or ["reordered"])
    old = _paint(_show(change.old), RED, color)
    new = _paint(_show(change.new), GREEN, color)
    return f"{label}: {old} → {new}"


def _show(value) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return _plain(json.dumps(value, ensure_ascii=False))
    return _plain(str(value))


def _block_line(change: BlockChange, color: bool) -> str:
    what = {"section": "节", "figure": "图", "table": "表", "row": "行"}.get(change.kind, "段")
    head = f"{change.path} {CHANGE_NAMES[change.change]}{what}"
    if change.moved and change.change != "moved":
        head += f"（自 {change.old_path} 移来）"
    elif change.change == "moved":
        head += f"（自 {change.old_path}）"
    if change.change in ("added", "removed"):
        text = change.ops[0].new or change.ops[0].old
        code = GREEN if change.change == "added" else RED
        return f"{head}: " + _paint(_clip(_plain(text), 60), code, color)
    if change.change == "moved":
        return head
    return f"{head}: " + inline(change.ops, color)


def inline(ops: tuple[Op, ...], color: bool = False) -> str:
    """The changed parts of a text with `CONTEXT` characters around them."""
    out = []
    for index, op in enumerate(ops):
        if op.tag == "equal":
            text = _plain(op.old)
            first, last = index == 0, index == len(ops) - 1
            if len(text) > 2 * CONTEXT + 1 or first or last:
                head = "" if first else text[:CONTEXT]
                tail = "" if last else text[-CONTEXT:]
                if first:
                    text = "…" + tail if len(text) > CONTEXT else text
                elif last:
                    text = head + "…" if len(text) > CONTEXT else text
                else:
                    text = head + "…" + tail
            out.append(_paint(text, DIM, color) if color else text)
            continue
        if op.old:
            deleted = _plain(op.old)
            out.append(_paint(deleted, RED, color) if color else f"[-{deleted}-]")
        if op.new:
            inserted = _plain(op.new)
            out.append(_paint(inserted, GREEN, color) if color else f"{{+{inserted}+}}")
    return "".join(out)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width] + "…"


def json_report(difference: Difference, old_name: str, new_name: str) -> str:
    data = {
        "old": old_name,
        "new": new_name,
        "equal": difference.equal,
        "fields": [{"path": c.path, "old": c.old, "new": c.new} for c in difference.fields],
        "blocks": [
            {"change": c.change, "kind": c.kind, "path": c.path, "old_path": c.old_path,
             "moved": c.moved, "ops": [[op.tag, op.old, op.new] for op in c.ops]}
            for c in difference.blocks
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "gongwen diff --format json",
    "type": "object",
    "required": ["old", "new", "equal", "fields", "blocks"],
    "additionalProperties": False,
    "properties": {
        "old": {"type": "string", "description": "the old version, as named on the command line"},
        "new": {"type": "string"},
        "equal": {"type": "boolean", "description": "true when nothing differs (exit code 0)"},
        "fields": {
            "type": "array",
            "description": "changed fields outside the body, e.g. header.doc_number, imprint.cc",
            "items": {
                "type": "object", "required": ["path", "old", "new"],
                "additionalProperties": False,
                "properties": {"path": {"type": "string"}, "old": {}, "new": {}},
            },
        },
        "blocks": {
            "type": "array",
            "description": "sections and paragraphs of the body (and attachments) that differ",
            "items": {
                "type": "object",
                "required": ["change", "kind", "path", "old_path", "moved", "ops"],
                "additionalProperties": False,
                "properties": {
                    "change": {"enum": ["added", "removed", "changed", "renamed", "moved"]},
                    "kind": {"enum": ["section", "paragraph", "figure", "table", "row"]},
                    "path": {"type": "string", "description": "e.g. 二、（三）第2段, in the new "
                             "version (the old one for removed blocks)"},
                    "old_path": {"type": "string"},
                    "moved": {"type": "boolean"},
                    "ops": {
                        "type": "array",
                        "description": "[tag, old text, new text]; joining the old texts gives "
                                       "the old block, the new texts the new block",
                        "items": {
                            "type": "array", "minItems": 3, "maxItems": 3,
                            "prefixItems": [
                                {"enum": ["equal", "insert", "delete", "replace"]},
                                {"type": "string"}, {"type": "string"},
                            ],
                        },
                    },
                },
            },
        },
    },
}

"""The outline's text values as lint sees them: each scalar's key path, its role (the key it
is under: title, heading, paragraph …), its text as the loader reads it, and where each of its
characters stands in the source (an offset per character), so a finding has a line and column
and a fix can edit the YAML text in place."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# keys whose values are not prose: names of files, lengths, dates, choices
NOT_TEXT = {"style", "image", "images", "source", "width", "diameter", "date", "seal", "align",
            "copy_number", "letterhead", "urgency", "level", "period", "url", "colspan",
            "rowspan", "font_size", "separate", "landscape", "mark_suffix", "order_number",
            "columns"}


@dataclass(frozen=True)
class Value:
    key: tuple  # the path from the document's root: ("body", 2, "heading")
    role: str  # the key it is under; "paragraph" for a body item, "cell" for a table cell
    text: str  # as the loader reads it (a '|' block's line breaks removed)
    start: int  # the node's offset in the source
    offsets: tuple[int, ...] | None  # each character's offset in the source; None: unknown

    def offset(self, index: int) -> int:
        if self.offsets is None or not self.offsets:
            return self.start
        return self.offsets[min(index, len(self.offsets) - 1)]


def text_values(source: str, root: Node) -> list[Value]:
    out: list[Value] = []
    _walk(source, root, (), "", out)
    return out


def _walk(source: str, node: Node, key: tuple, role: str, out: list[Value]) -> None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value not in NOT_TEXT:
                name = k.value
                if name in ("rows", "header") and key[-1:] == ("table",):
                    name = "cell"
                elif name == "text" and role == "cell":
                    name = "cell"
                _walk(source, v, key + (k.value,), name, out)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            item_role = "paragraph" if role == "body" else role
            _walk(source, item, key + (i,), item_role, out)
    elif isinstance(node, ScalarNode) and node.value.strip() and role:
        text = node.value.replace("\n", "") if node.style else _plain(source, node)
        out.append(Value(key, role, text, node.start_mark.index,
                         _offsets(source, node, text)))


def _plain(source: str, node: ScalarNode) -> str:
    raw = source[node.start_mark.index:node.end_mark.index]
    return "".join(line.strip() for line in raw.splitlines())


def _offsets(source: str, node: ScalarNode, text: str) -> tuple[int, ...] | None:
    start, end = node.start_mark.index, node.end_mark.index
    found: list[int] = []
    if node.style in ("'", '"'):
        found = list(range(start + 1, end - 1))
    elif not node.style:
        index = start
        for line in source[start:end].splitlines(keepends=True):
            body = line.rstrip("\r\n")
            lead = len(body) - len(body.lstrip())
            found += range(index + lead, index + len(body.rstrip()))
            index += len(line)
    elif node.style == "|":
        index = source.index("\n", start) + 1
        lines = source[index:end].splitlines(keepends=True)
        indents = [len(x) - len(x.lstrip(" ")) for x in lines if x.strip()]
        indent = min(indents) if indents else 0
        for line in lines:
            body = line.rstrip("\r\n")
            found += range(index + indent, index + len(body))
            index += len(line)
    if len(found) < len(text):
        return None
    found = found[:len(text)]
    if any(source[o] != ch for o, ch in zip(found, text)):
        return None
    return tuple(found)


def line_column(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1

"""`Document` → the one canonical YAML text of an outline (what `gongwen fmt` writes).

Canonical form: keys in the model's field order, default values left out (except `style`),
two-space indentation, and prose (paragraphs, run-in text, 附注) as `|-` blocks with one sentence
per line, so that `git diff` shows the sentence that changed. Lines of a block are joined without
a separator when loaded, so splitting never changes the text; the result is verified by loading
it back before anything is written.
"""

from __future__ import annotations

import functools
import json
import re

import yaml

from . import outline, shape
from .errors import InputError, Problem
from .load import compose, load_text
from .yamlsource import SCANNER

INDENT = "  "
# A sentence ends after 。！？ and any closing marks that follow them.
BLOCKS = shape.Kind("list", inner=shape.Kind("block"))
SENTENCE_END = re.compile(r"[。！？][”’）》」』】〕]*")


def split_sentences(text: str) -> list[str]:
    """Cut prose after each sentence end, except where the next sentence starts with white space."""
    lines, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if end < len(text) and not text[end].isspace():
            lines.append(text[start:end])
            start = end
    lines.append(text[start:])
    return [line for line in lines if line]


@functools.lru_cache(maxsize=4096)
def scalar(text: str) -> str:
    """A one-line scalar: plain where YAML reads it back as the same text, else double-quoted."""
    if text and text == text.strip() and "\n" not in text:
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def prose(text: str, indent: str) -> list[str]:
    """A `|-` block of sentences, or a quoted scalar where a block cannot hold the text."""
    lines = split_sentences(text)
    if all(line == line.strip() and line for line in lines):
        return ["|-"] + [indent + line for line in lines]
    return [json.dumps(text, ensure_ascii=False)]


def value_lines(value, kind: shape.Kind, indent: str, is_prose: bool = False) -> list[str]:
    """The YAML lines of a value owned by a key (or a '- ') at `indent`; the first line
    continues the key's line."""
    inner = indent + INDENT
    if kind.name == "optional":
        if value is None:
            return ["null"]
        return value_lines(value, kind.inner, indent, is_prose)
    if kind.name == "either":
        if isinstance(value, str):
            return [scalar(value)]
        kind = shape.Kind("record", cls=kind.cls)
    if kind.name == "record":
        lines = record_lines(value, inner)
        return [""] + lines if lines else ["{}"]  # every value the default: still present
    if kind.name == "list":
        out = [""]
        for item in value:
            item_lines = value_lines(item, kind.inner, inner, is_prose)
            first, rest = item_lines[0], item_lines[1:]
            if first == "" and rest:  # a mapping: its first key goes on the dash line
                first, rest = rest[0].strip(), rest[1:]
            out.append(f"{inner}- {first}")
            out.extend(rest)
        return out
    if kind.name == "block":
        if isinstance(value, outline.Paragraph):
            return prose(value.text, inner)
        if isinstance(value, outline.Figure):
            return [""] + figure_lines(value, inner)
        if isinstance(value, outline.Table):
            return [""] + _key_value("table", [""] + table_lines(value, inner + INDENT), inner)
        return [""] + section_lines(value, inner)
    if kind.name == "bool":
        return ["true" if value else "false"]
    if kind.name == "date":
        return [value.isoformat()]
    if is_prose:
        return prose(value, inner)
    return [scalar(value)]


def _key_value(key: str, lines: list[str], indent: str) -> list[str]:
    first, rest = lines[0], lines[1:]
    return [f"{indent}{key}:{' ' + first if first else ''}"] + rest


def record_lines(record, indent: str) -> list[str]:
    out = []
    for f in shape.fields_of(type(record)):
        value = getattr(record, f.key)
        if value == f.default and not (f.key == "style" and isinstance(record, outline.Document)):
            continue
        if f.one_or_many and len(value) == 1:
            lines = value_lines(value[0], f.kind.inner, indent, f.prose)
        else:
            lines = value_lines(value, f.kind, indent, f.prose)
        out += _key_value(f.key, lines, indent)
    return out


def section_lines(section: outline.Section, indent: str) -> list[str]:
    key = "lead" if section.runin else "heading"
    out = _key_value(key, [scalar(section.heading)], indent)
    if section.text:
        out += _key_value("text", prose(section.text, indent + INDENT), indent)
    if section.body:
        out += _key_value("body", value_lines(section.body, BLOCKS, indent), indent)
    return out


def figure_lines(figure: outline.Figure, indent: str) -> list[str]:
    inner = indent + INDENT
    out = [f"{inner}image: {scalar(figure.image)}"]
    if figure.caption:
        out.append(f"{inner}caption: {scalar(figure.caption)}")
    if figure.width is not None:
        out.append(f"{inner}width: {figure.width!r}")
    return [f"{indent}figure:"] + out
def table_lines(table: outline.Table, indent: str) -> list[str]:
    """A table's keys in canonical order; the CSV file's rows stay in the file."""
    inner = indent + INDENT
    out = []
    if table.caption is not None:
        out += _key_value("caption", [scalar(table.caption)], indent)
    columns = [""]
    for column in table.columns:
        keys = ([f"width: {_width(column.width)}"] if column.width else []) + \
            ([f"align: {column.align}"] if column.align != "left" else [])
        columns.append(f"{inner}- " + ("{" + ", ".join(keys) + "}" if keys else "{}"))
    out += _key_value("columns", columns, indent)
    for key, rows in (("header", table.header), ("rows", table.rows)):
        if rows:
            out += _key_value(key, [""] + [line for row in rows
                                           for line in _row_lines(row, inner)], indent)
    if table.font_size:
        out += _key_value("font_size", [scalar(table.font_size)], indent)
    if table.source:
        out += _key_value("source", [scalar(table.source)], indent)
    if table.landscape:
        out += _key_value("landscape", ["true"], indent)
    return out


def _row_lines(row: list[outline.Cell], indent: str) -> list[str]:
    """One row: `- [a, b]` when every cell is one short plain line, else a cell per line,
    each a text or a mapping with its spans and alignment."""
    flow = [_flow(cell) for cell in row]
    line = f"{indent}- [{', '.join(flow)}]" if all(f is not None for f in flow) else ""
    if line and len(line) <= FLOW_WIDTH:
        return [line]
    out = [f"{indent}-"]
    inner = indent + INDENT
    for cell in row:
        extra = [f"{key}: {value}" for key, value in (("colspan", cell.colspan),
                                                      ("rowspan", cell.rowspan)) if value != 1]
        extra += [f"align: {cell.align}"] if cell.align else []
        text = _cell_text(cell.text, inner + INDENT * (2 if extra else 1))
        if not extra:
            out += [f"{inner}- {text[0]}", *text[1:]]
            continue
        out += [f"{inner}- text: {text[0]}", *text[1:]]
        out += [f"{inner}  {line}" for line in extra]
    return out


FLOW_WIDTH = 96


def _cell_text(text: str, indent: str) -> list[str]:
    if len(split_sentences(text)) <= 1:
        return [scalar(text) if text else '""']
    return prose(text, indent)


def _width(width: str) -> str:
    """A column width as the author writes it: a fraction bare (0.25), else as text (25%, 6字)."""
    return width if re.fullmatch(r"0?\.\d+|1(\.0*)?", width) else scalar(width)


def _flow(cell: outline.Cell) -> str | None:
    """A one-sentence cell as a flow-list item, if YAML reads it back as the same text: its text,
    or `{text: …, colspan: 2, …}` for a cell with spans or its own alignment."""
    if len(split_sentences(cell.text)) > 1:
        return None
    text = scalar(cell.text) if cell.text else '""'
    try:
        if yaml.safe_load(f"[{text}]") != [cell.text]:
            text = json.dumps(cell.text, ensure_ascii=False)
    except yaml.YAMLError:
        text = json.dumps(cell.text, ensure_ascii=False)
    extra = [f"{key}: {value}" for key, value in (("colspan", cell.colspan),
                                                  ("rowspan", cell.rowspan)) if value != 1]
    extra += [f"align: {cell.align}"] if cell.align else []
    if not extra:
        return text
    item = "{" + ", ".join([f"text: {text}", *extra]) + "}"
    try:
        read = yaml.safe_load(f"[{item}]")[0]
    except yaml.YAMLError:
        return None
    return item if read.get("text") == cell.text else None


def format_document(document: outline.Document) -> str:
    return "\n".join(record_lines(document, "")) + "\n"


def find_comment(text: str) -> tuple[int, int] | None:
    """The (line, column) of the first YAML comment, which the canonical form cannot keep."""
    spans = []
    # the scanner that composed the outline (libyaml where PyYAML has it): the pure-Python one
    # refuses some text libyaml reads, such as a tab after a flow value
    for token in yaml.scan(text, Loader=SCANNER):
        if isinstance(token, yaml.ScalarToken):
            spans.append((token.start_mark.index, token.end_mark.index))
    spans.sort()
    index, span = 0, 0
    while True:
        index = text.find("#", index)
        if index < 0:
            return None
        while span < len(spans) and spans[span][1] <= index:
            span += 1
        inside = span < len(spans) and spans[span][0] <= index < spans[span][1]
        if not inside and (index == 0 or text[index - 1] in " \t\n"):
            line = text.count("\n", 0, index) + 1
            return line, index - (text.rfind("\n", 0, index) + 1) + 1
        index += 1


def canonical(text: str, name: str, base_dir=None) -> str:
    """The canonical form of an outline's text (a volume's too); raises InputError for
    invalid input."""
    from .volume import is_volume, may_be_volume

    if may_be_volume(text) and is_volume(node := compose(text, name)):
        return canonical_volume(text, name, node, base_dir)
    document = load_text(text, name, base_dir)
    comment = find_comment(text)
    if comment:
        raise InputError([Problem(
            name, *comment,
            "comments cannot be kept in the canonical form; move the note into the outline "
            "(e.g. a 'note:') or remove it, then run fmt again",
        )])
    out = format_document(document)
    if load_text(out, name, base_dir) != document:  # never change what the outline says
        raise RuntimeError(f"{name}: canonical form would change the document (a bug in fmt)")
    return out


def canonical_volume(text: str, name: str, node, base_dir=None) -> str:
    """A volume's outline (render/volume.py) in canonical form: `style:` when given, `title:`,
    `include:`. The outlines it includes are not read (fmt each of them)."""
    from .volume import read_volume

    reader, title, sheet, items = read_volume(name, text, node, base_dir, True)
    comment = find_comment(text)
    if comment:
        reader.problems.append(Problem(name, *comment, "comments cannot be kept in the "
                                       "canonical form; remove them, then run fmt again"))
    if reader.problems:
        raise InputError(sorted(reader.problems, key=lambda p: (p.line, p.column)))
    lines = [f"style: {scalar(sheet)}"] if sheet else []
    lines += [f"title: {scalar(title[0])}"] if len(title) == 1 else \
        ["title:", *(f"  - {scalar(line)}" for line in title)]
    lines += ["include:", *(f"  - {scalar(given)}" for _, given in items)]
    return "\n".join(lines) + "\n"

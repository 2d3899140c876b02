"""YAML outline → `Document`, with every problem reported as file:line:col.

Only the safe YAML subset is read (PyYAML's SafeLoader composer); aliases are refused, as are
files over `MAX_BYTES`. Values are checked against the shape in render/shape.py: unknown keys
(with a "did you mean"), wrong types, impossible dates, nesting deeper than four levels and
unknown style names are all reported, several at once, before anything is rendered.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import images, outline, shape, style, text_rules, validate
from .errors import InputError, Problem
from .tableload import read_table
from .yamlsource import MAX_BYTES, compose, read_source  # noqa: F401 (part of load's API)

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Keys where a quoted empty text ("") is a value: a mark that is the issuers' names alone.
EMPTY_ALLOWED = {("header", "mark_suffix")}



def load_file(path: str | Path) -> outline.Document:
    """Read and validate one outline file; raise InputError listing every problem found."""
    path = Path(path)
    return load_text(read_source(path), str(path), base_dir=path.parent)


def load_text(text: str, name: str = "<string>", base_dir: Path | None = None) -> outline.Document:
    node = compose(text, name)
    reader = _Reader(name, text, base_dir)
    document = reader.record(node, outline.Document)
    if document is not None:
        reader.check_document(document, node, base_dir)
    if reader.problems:
        reader.problems.sort(key=lambda p: (p.line, p.column))
        raise InputError(reader.problems)  # the command shows the first 50 and counts the rest
    return document


def locate_key(text: str, name: str, key: tuple) -> tuple[int, int]:
    """The line and column of the value at `key` (keys and list indexes from the document's
    root) in an outline's text; as far down the path as it exists."""
    node = compose(text, name)
    for part in key:
        child = _child(node, part)
        if child is node:
            break
        node = child
    return position(node)


def position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Reader:
    """Turns a node tree into model objects, collecting problems instead of stopping at one."""

    def __init__(self, name: str, text: str, base_dir: Path | None = None):
        self.name = name
        self.text = text
        self.base_dir = base_dir  # where files the outline names are (None: the working folder)
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> None:
        line, col = position(node)
        self.problems.append(Problem(self.name, line, col, message))

    # -- values --------------------------------------------------------------------------

    def value(self, node: Node, kind: shape.Kind, what: str, prose: bool = False, depth: int = 0):
        name = kind.name
        if name == "optional":
            if _is_null(node):  # `key:` with nothing: a value forgotten, or a key left over
                self.problem(node, f"{what}: found nothing (an empty value); give a value or "
                                   "leave the key out")
                return None
            return self.value(node, kind.inner, what, prose, depth)
        if name == "record":
            return self.record(node, kind.cls)
        if name == "either":
            if isinstance(node, MappingNode):
                return self.record(node, kind.cls)
            return self.value(node, shape.Kind("literal", values=kind.values), what)
        if name == "list":
            if not isinstance(node, SequenceNode):
                self.problem(node, f"{what}: expected a list (lines starting with '- ')")
                return None
            items = [self.value(item, kind.inner, what, prose, depth) for item in node.value]
            return [item for item in items if item is not None]
        if name == "block":
            return self.block(node, depth)
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what}: expected {_describe(kind)}, found a {_node_kind(node)}")
            return None
        if name == "bool":
            if node.tag != BOOL_TAG:
                self.problem(node, f"{what}: expected true or false, found {node.value!r}")
                return None
            return node.value.lower() in ("true", "yes", "on", "y")
        if name == "date":
            return self.date(node, what)
        text = self.text_of(node, what, prose)
        if text is None:
            return None
        if name == "literal" and text not in kind.values:
            hint = _did_you_mean(text, kind.values) or f"; one of: {', '.join(kind.values)}"
            self.problem(node, f"{what}: {text!r} is not allowed{hint}")
            return None
        return text

    def text_of(self, node: ScalarNode, what: str, prose: bool) -> str | None:
        text = self._raw_text(node, what, prose)
        if text is None:
            return None
        bad = text_rules.forbidden_character(text)
        if bad is not None:
            self.problem(node, f"{what}: {bad[1]} at character {bad[0] + 1} has no place in "
                               "the text; remove it")
            return None
        if text_rules.is_blank(text):
            self.problem(node, f"{what}: expected text, found only spaces or invisible "
                               "characters")
            return None
        return text

    def _raw_text(self, node: ScalarNode, what: str, prose: bool) -> str | None:
        if _is_null(node):
            self.problem(node, f"{what}: expected text, found nothing (an empty value)")
            return None
        if not prose:
            if "\n" in node.value:
                self.problem(node, f"{what}: must be a single line")
                return None
            return node.value
        if node.style == ">":
            self.problem(
                node,
                f"{what}: write paragraphs as '|' blocks, one sentence per line "
                "('>' would put spaces between the lines)",
            )
            return None
        if node.style is None and node.start_mark.line != node.end_mark.line:
            # A plain scalar over several lines: join the source lines without a separator, as a
            # '|' block would, instead of YAML's folding into spaces.
            raw = self.text[node.start_mark.index : node.end_mark.index]
            return "".join(line.strip() for line in raw.splitlines())
        return node.value.replace("\n", "")

    def date(self, node: ScalarNode, what: str) -> dt.date | None:
        if _is_null(node):
            self.problem(node, f"{what}: expected a date like 2023-02-16, found nothing")
            return None
        match = DATE_RE.fullmatch(node.value.strip())
        if not match:
            self.problem(node, f"{what}: expected a date as YYYY-MM-DD, like 2023-02-16, found "
                               f"{text_rules.escape_controls(node.value)!r}")
            return None
        year, month, day = map(int, match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            self.problem(node, f"{what}: {node.value} is not a real date ({exc})")
            return None

    # -- records -------------------------------------------------------------------------

    def mapping(self, node: Node, allowed: list[str], what: str) -> dict[str, tuple[Node, Node]] | None:
        """The keys of a mapping node, checked for type, duplicates and unknown names."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what}: expected a mapping of keys, found a {_node_kind(node)}")
            return None
        seen: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is None:
                self.problem(key_node, f"{what}: keys must be plain names")
            elif key in seen:
                line, _ = position(seen[key][0])
                self.problem(key_node, f"{what}: key '{key}' repeated (first on line {line})")
            elif key not in allowed:
                hint = _did_you_mean(key, allowed) or f"; allowed: {', '.join(allowed)}"
                self.problem(key_node, f"{what}: unknown key '{key}'{hint}")
            else:
                seen[key] = (key_node, value_node)
        return seen

    def record(self, node: Node, cls: type):
        fields = shape.fields_of(cls)
        what = cls.__name__.lower()
        keys = self.mapping(node, [f.key for f in fields], what)
        if keys is None:
            return None
        values = {}
        missing = False
        for f in fields:
            if f.key not in keys:
                if f.required:
                    self.problem(node, f"{what}: missing required key '{f.key}'")
                    missing = True
                continue
            value_node = keys[f.key][1]
            if (what, f.key) in EMPTY_ALLOWED and isinstance(value_node, ScalarNode) and \
                    value_node.style in ("'", '"') and value_node.value == "":
                values[f.key] = ""
                continue
            if f.one_or_many and isinstance(value_node, MappingNode):
                self.problem(value_node, f"{f.key}: expected text (or a list of lines), found a mapping")
                value = None
            elif f.one_or_many and isinstance(value_node, ScalarNode):
                value = self.value(value_node, f.kind.inner, f.key, f.prose)
                value = None if value is None else [value]
            else:
                value = self.value(value_node, f.kind, f.key, f.prose)
            if value is None and f.kind.name != "optional":
                # refused (the problem is recorded): a key with a default keeps the record, so
                # that the rules across keys still run and report in the same pass
                missing = missing or f.required
                continue
            values[f.key] = value
        if missing:
            return None
        return cls(**values)

    def block(self, node: Node, depth: int):
        if isinstance(node, ScalarNode):
            text = self.text_of(node, "paragraph", prose=True)
            if text is not None and not text.strip():
                self.problem(node, "paragraph: empty paragraph")
                return None
            return None if text is None else outline.Paragraph(text, pos=position(node))
        if isinstance(node, MappingNode) and any(
                isinstance(k, ScalarNode) and k.value == "figure" for k, _ in node.value):
            return self.figure(node)
        if isinstance(node, MappingNode) and any(
                isinstance(k, ScalarNode) and k.value == "table" for k, _ in node.value):
            keys = self.mapping(node, ["table"], "table item")
            return None if keys is None else read_table(self, keys["table"][1], self.base_dir)
        if _colon_paragraph(node):
            key = node.value[0][0].value
            self.problem(node, f"paragraph: YAML read the ': ' after “{key}” as a key: write the "
                               f"full-width ： ({key}：…) or put the paragraph in quotes")
            return None
        keys = self.mapping(node, list(shape.SECTION_KEYS), "section")
        if keys is None:
            return None
        if depth + 1 > outline.MAX_DEPTH:
            self.problem(
                node,
                f"section: nested {depth + 1} levels deep; GB/T 9704 numbering has "
                f"{outline.MAX_DEPTH} levels (一、（一）1.（1））",
            )
            return None
        has_heading, has_lead = "heading" in keys, "lead" in keys
        if has_heading == has_lead:
            message = "give either 'heading' (a heading line) or 'lead' (a run-in heading)"
            self.problem(node, f"section: {message}" + (", not both" if has_heading else ""))
            return None
        if has_heading and "text" in keys:
            self.problem(
                keys["text"][0],
                "section: 'text' goes with 'lead'; put a heading's paragraphs under 'body'",
            )
        title_key = "heading" if has_heading else "lead"
        heading = self.value(keys[title_key][1], shape.Kind("str"), title_key)
        if heading is not None and not heading.strip():
            self.problem(keys[title_key][1], f"{title_key}: empty heading")
        text = ""
        if has_lead and "text" in keys:
            text = self.value(keys["text"][1], shape.Kind("str"), "text", prose=True) or ""
        body = []
        if "body" in keys:
            body = self.value(keys["body"][1], shape.Kind("list", inner=shape.Kind("block")), "body",
                              depth=depth + 1)
        if heading is None:
            return None
        return outline.Section(heading, runin=has_lead, text=text, body=body, pos=position(node))

    def figure(self, node: MappingNode):
        """`figure: {image, caption, width}`: the image file read and checked here."""
        outer = self.mapping(node, ["figure"], "figure")
        keys = self.mapping(outer["figure"][1], list(shape.FIGURE_KEYS), "figure") \
            if outer else None
        if keys is None:
            return None
        if "image" not in keys:
            self.problem(outer["figure"][1], "figure: missing required key 'image'")
            return None
        image_node = keys["image"][1]
        name = self.value(image_node, shape.Kind("str"), "image")
        caption = ""
        if "caption" in keys:
            caption = self.value(keys["caption"][1], shape.Kind("str"), "caption") or ""
        width = self.fraction(keys["width"][1], "width") if "width" in keys else None
        if name is None or ("width" in keys and width is None):
            return None
        try:
            image = images.read_image((self.base_dir or Path(".")) / name, images.FIGURE, name)
        except images.ImageProblem as exc:
            self.problem(image_node, f"figure: image: {exc}")
            return None
        dpi = image.dpi or (images.DEFAULT_DPI, images.DEFAULT_DPI)
        return outline.Figure(name, caption, width, image.data, image.pixels, dpi,
                              pos=position(node))

    def fraction(self, node: Node, what: str) -> float | None:
        """A number greater than 0 and at most 1 (a share of the type area)."""
        text = node.value if isinstance(node, ScalarNode) else None
        try:
            value = float(text) if text is not None and node.tag != NULL_TAG else None
        except ValueError:
            value = None
        if value is None or not 0 < value <= 1:
            self.problem(node, f"{what}: expected a fraction of the type area's width, a number "
                               "greater than 0 and at most 1 (0.6 for 60 %)")
            return None
        return value

    # -- whole-document checks -----------------------------------------------------------

    def check_document(self, document: outline.Document, node: MappingNode, base_dir: Path | None):
        keys = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
        if "style" in keys:
            self.check_style(document.style, keys["style"][1], base_dir)
        if not any(line.strip() for line in document.title):
            self.problem(keys["title"][1], "title: the title is empty")
        for index, attachment in enumerate(document.attachments):
            if not any(line.strip() for line in attachment.title):
                where = _child(_child(_child(node, "attachments"), index), "title")
                self.problem(where, "title: the attachment's title is empty")
        for path, message in validate.check(document, frozenset(keys)):
            where: Node = node
            for part in path:
                where = _child(where, part)
            self.problem(where, message)
        self.read_images(document, node, base_dir or Path.cwd())

    def check_style(self, name: str, node: Node, base_dir: Path | None) -> None:
        """`style:` names a style sheet that exists (a did-you-mean otherwise)."""
        if style.locate(name, base_dir) is None:
            known = style.available(base_dir)
            hint = _did_you_mean(name, known) or f"; available: {', '.join(known)}"
            self.problem(node, f"style: no style sheet named {name!r}{hint}")

    def read_images(self, document: outline.Document, node: MappingNode, base_dir: Path):
        """Seal images, read now (relative to the outline) so that later stages do no I/O; an
        image without a size (DPI) needs the size stated."""
        seal, signer = document.seal, document.signer
        if isinstance(seal, outline.Seal):
            where = _child(node, "seal")
            paths = [("image",)] if seal.image else [("images", i) for i in range(len(seal.images))]
            seal.files = self._images(where, paths, seal.paths, "diameter", seal.diameter,
                                      base_dir)
        if signer is not None and signer.image:
            where = _child(node, "signer")
            files = self._images(where, [("image",)], [signer.image], "width", signer.width,
                                 base_dir)
            signer.file = files[0] if files else None

    def _images(self, where: Node, keys: list[tuple], paths: list[str], size_key: str,
                size: str | None, base_dir: Path) -> tuple[outline.Image, ...]:
        read: list[outline.Image] = []
        for key, path in zip(keys, paths):
            at = where
            for part in key:
                at = _child(at, part)
            try:
                found = images.read_image(base_dir / path, images.SEAL, path)
            except images.ImageProblem as exc:
                self.problem(at, f"{key[0]}: {exc}")
                continue
            if found.dpi is None and size is None:
                self.problem(at, f"{key[0]}: {path} states no physical size (no DPI): give "
                                 f"`{size_key}:` (e.g. {size_key}: 42mm), or save the image "
                                 "with its DPI")
            else:
                read.append(found)
        return tuple(read) if len(read) == len(paths) else ()


def _colon_paragraph(node: Node) -> bool:
    """A body item YAML read as a one-key mapping because its text has ': ' after a word that
    is no outline key (`- 时间: 下午3点。`)."""
    if not (isinstance(node, MappingNode) and len(node.value) == 1):
        return False
    key, value = node.value[0]
    return (isinstance(key, ScalarNode) and isinstance(value, ScalarNode) and not key.style
            and key.value not in shape.SECTION_KEYS and key.value not in ("figure", "table")
            and not key.value.isascii())


def _child(node: Node, key: str | int) -> Node:
    """The node under `key` in a mapping, or at index `key` in a list (else `node` itself)."""
    if isinstance(node, SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value_node
    return node


def _is_null(node: Node) -> bool:
    # A plain scalar's style is None from PyYAML's composer and "" from libyaml's.
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG and not node.style


def _node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "list"
    if _is_null(node):
        return "nothing (an empty value)"
    return f"value {text_rules.escape_controls(node.value)!r}"


def _describe(kind: shape.Kind) -> str:
    return {"str": "text", "bool": "true or false", "date": "a date", "literal": "one of "
            + ", ".join(kind.values)}.get(kind.name, kind.name)


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""

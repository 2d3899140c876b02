"""Reading YAML source safely, for outlines and style sheets alike: bounded reads of regular
files, UTF-8, PyYAML's safe composer (libyaml when available) with positions, and refusals of
what the formats have no use for: aliases (no alias bombs), explicit tags, and the characters
YAML reads as hidden line breaks."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from .errors import InputError, Problem
from .files import read_bounded

MAX_BYTES = 2 * 1024 * 1024

_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it
# The scanner every reader of outline text uses, so that all agree on what is valid YAML.
SCANNER = _FAST or yaml.SafeLoader


class _AliasRefused(yaml.MarkedYAMLError):
    pass


class _Composer(yaml.SafeLoader):
    """SafeLoader's composer, refusing aliases (no shared nodes, no alias bombs)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(
                problem="aliases (*name) are not allowed in an outline; write the value out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


def _compose_fast(text: str) -> Node | None:
    """Compose with libyaml, then refuse aliases: an alias shows as a node met twice, and the
    first alias token gives the position to report (found without expanding anything)."""
    node = yaml.compose(text, Loader=_FAST)
    seen: set[int] = set()
    todo = [node] if node is not None else []
    while todo:
        current = todo.pop()
        if id(current) in seen:
            alias = next(t for t in yaml.scan(text, Loader=_FAST) if isinstance(t, yaml.AliasToken))
            raise _AliasRefused(
                problem="aliases (*name) are not allowed in an outline; write the value out",
                problem_mark=alias.start_mark,
            )
        seen.add(id(current))
        if isinstance(current, SequenceNode):
            todo.extend(current.value)
        elif isinstance(current, MappingNode):
            for key, value in current.value:
                todo.extend((key, value))
    return node


def read_source(path: str | Path, what: str = "outline") -> str:
    """A YAML file's text (an outline's or a style sheet's), refused when unreadable, not a
    regular file, oversized or not UTF-8."""
    raw = read_bounded(path, MAX_BYTES, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
        raise InputError([Problem(str(path), line, col, "not valid UTF-8")]) from None


# Characters YAML 1.1 reads as line breaks although no editor shows one; inside a `|` block they
# would silently split a sentence, elsewhere they give a baffling syntax error.
_HIDDEN_BREAKS = {"\u0085": "NEL (U+0085)", "\u2028": "a line separator (U+2028)",
                  "\u2029": "a paragraph separator (U+2029)"}


def _refuse_hidden_breaks(text: str, name: str) -> None:
    problems = []
    for index, ch in enumerate(text):
        if ch in _HIDDEN_BREAKS:
            line = text.count("\n", 0, index) + 1
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            problems.append(Problem(name, line, column, f"{_HIDDEN_BREAKS[ch]} has no place in "
                                    "the file (YAML would read it as a line break); remove it"))
            if len(problems) >= 100:
                break
    if problems:
        raise InputError(problems)


def compose(text: str, name: str) -> Node:
    """Parse YAML text into a node tree with positions (safe subset only)."""
    if any(ch in text for ch in _HIDDEN_BREAKS):
        _refuse_hidden_breaks(text, name)
    try:
        node = _compose_fast(text) if _FAST else yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or str(exc)
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message += _hint(message, text, mark)
        raise InputError([Problem(name, line, col, f"YAML syntax: {message}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, 0, 0, f"YAML syntax: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(name, 0, 0, "YAML nests too deeply")]) from None
    if node is None:
        raise InputError([Problem(name, 0, 0, "the file is empty; an outline needs at least a title")])
    _refuse_tags(text, name)
    return node


def _hint(message: str, text: str, mark) -> str:
    """What the YAML error usually means in an outline, in its author's terms."""
    if "mapping values are not allowed" in message:
        return ("; a ': ' (half-width colon and space) inside a value starts a key in YAML: "
                "write the full-width ： or put the value in quotes (\"…\")")
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return "; that is a tab: YAML indents with spaces only, replace the tab with spaces"
    return ""


def _tag_text(value: tuple) -> str:
    handle, suffix = value
    return f"{handle}{suffix}" if handle else f"!<{suffix}>"  # verbatim: !<tag:…>


def _refuse_tags(text: str, name: str) -> None:
    """Explicit YAML tags (`!!python/object…`, `!!binary`, `!foo`, even `!!str`) change what a
    value means; the outline format has none, so they are refused where they stand."""
    if "!" not in text:
        return
    loader = SCANNER
    problems = [Problem(name, token.start_mark.line + 1, token.start_mark.column + 1,
                        f"YAML tag {_tag_text(token.value)} is not allowed; write the plain "
                        "value (quote it if it starts with !)")
                for token in yaml.scan(text, Loader=loader) if isinstance(token, yaml.TagToken)]
    if problems:
        raise InputError(problems)

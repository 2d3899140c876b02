"""`gongwen lint`: rules over an outline's text (`lint/rules.py`) and over its one typeset plan
(`lint/layout.py`), reported like a compiler's diagnostics at the outline's file:line:col;
`lint/fix.py` applies the safe fixes to the YAML text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..yamlsource import compose, read_source
from .rules import Hit, Rule, hits
from .values import Value, line_column, text_values


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    rule: Rule
    message: str
    edit: tuple[int, int, str] | None = None  # (offset, length, new text) in the source

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.rule.severity} {self.rule.id} " \
               f"{self.message}"

    def as_json(self) -> dict:
        return {"file": self.path, "line": self.line, "column": self.column,
                "severity": self.rule.severity, "rule": self.rule.id,
                "clause": self.rule.clause, "message": self.message,
                "fixable": self.edit is not None}


def finding(name: str, text: str, hit: Hit) -> Finding:
    v: Value = hit.value
    offset = v.offset(hit.index)
    edit = None
    if hit.replacement is not None and v.offsets is not None:
        stop = v.offsets[hit.index + hit.length - 1] + 1
        if stop - offset == hit.length:  # the characters are contiguous in the source
            edit = (offset, hit.length, hit.replacement)
    return Finding(name, *line_column(text, offset), hit.rule, hit.message, edit)


def lint_text(text: str, name: str, base_dir: Path | None = None,
              layout: bool = True) -> list[Finding]:
    """Every finding on one outline's text. InputError when the outline cannot be read, or
    has a problem that no rule explains (an error rule's finding at the same place does)."""
    from ..load import load_text

    node = compose(text, name)
    found_hits = hits(text_values(text, node))
    found = [finding(name, text, hit) for hit in found_hits]
    try:
        document = load_text(text, name, base_dir)
    except InputError as exc:
        explained = {line_column(text, hit.value.start) for hit in found_hits
                     if hit.rule.severity == "error"}
        rest = [p for p in exc.problems if (p.line, p.column) not in explained]
        if rest:
            raise InputError(rest) from None
        return sorted(found, key=_order)
    if layout:
        from ..pipeline import from_document
        from .layout import layout_findings

        source = from_document(name, text, document, None, base_dir)
        found += layout_findings(source)
    return sorted(found, key=_order)


def _order(f: Finding):
    return f.line, f.column, f.rule.id


def lint_file(path: Path, layout: bool = True) -> list[Finding]:
    """An outline's findings; a .txt or .docx is imported first and its findings are placed in
    the outline `gongwen import` writes for it (named `FILE (imported)`), except those of the
    typed text itself (numbers, 附件 names: `imported.py`), which are at the file's line."""
    from ..importer import SUFFIXES

    if path.suffix.lower() in SUFFIXES:
        from ..fmt import format_document
        from ..importer import import_file
        from .imported import import_findings

        document, report = import_file(path)
        found = lint_text(format_document(document), f"{path} (imported)", path.parent, layout)
        return import_findings(str(path), report) + found
    return lint_text(read_source(path), str(path), path.parent, layout)


__all__ = ["Finding", "Problem", "lint_file", "lint_text"]

"""`gongwen lint --fix`: the safe fixes (full-width marks next to Chinese text, straight quotes
paired into “” ‘’, 〔〕 in a 发文字号, a doubled ，or ：) applied to the outline's YAML text at
the findings' offsets, so comments and layout stay; then the canonical form (`fmt`) when the
outline has no comments, checked to load; written atomically."""

from __future__ import annotations

from pathlib import Path

from ..fmt import canonical, find_comment
from ..load import load_text
from . import Finding


def apply(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """The text with every fixable finding's edit made (overlapping edits: the first only),
    and the findings fixed."""
    done: list[Finding] = []
    end = -1
    for f in sorted((f for f in findings if f.edit), key=lambda f: f.edit[0]):
        offset, length, _ = f.edit
        if offset >= end:
            done.append(f)
            end = offset + length
    for f in reversed(done):
        offset, length, new = f.edit
        text = text[:offset] + new + text[offset + length:]
    return text, done


def fix_text(text: str, name: str, base_dir: Path | None,
             findings: list[Finding]) -> tuple[str, list[Finding]]:
    new, done = apply(text, findings)
    if not done:
        return text, done
    if find_comment(new) is None:
        new = canonical(new, name, base_dir)
    else:
        load_text(new, name, base_dir)  # InputError if the edits broke the outline
    return new, done


def describe(text: str, f: Finding) -> str:
    offset, length, new = f.edit
    return f"{f.path}:{f.line}:{f.column}: fixed {f.rule.id} {text[offset:offset + length]!r} " \
           f"→ {new!r}"


def fix_file(path: Path, findings: list[Finding], say) -> bool:
    """Fix one outline in place; True when it changed."""
    from ..files import write_atomic
    from ..load import read_source

    text = read_source(path)
    new, done = fix_text(text, str(path), path.parent, findings)
    for f in done:
        say(describe(text, f))
    if new != text:
        write_atomic(path.resolve(), new.encode("utf-8"))
    return new != text

"""Reading the two sides of a diff: each an outline file, REV:path read from git, or a document
`gongwen import` reads (plain text today), imported first: its canonical outline is the side."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ..pipeline import Source, from_document, load
from ..errors import InputError, Problem
from ..importer import SUFFIXES
from ..load import MAX_BYTES, load_text

# A revision as git names them: no leading '-' (it would be an option), no spaces or controls.
REVISION = re.compile(r"[^-\s][^\s]*")


def read_sides(old: str, new: str) -> tuple[Source, Source]:
    """Both sides, or one InputError with the problems of both."""
    sides, problems = [], []
    for spec in (old, new):
        try:
            sides.append(read_side(spec))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return sides[0], sides[1]


def read_side(spec: str) -> Source:
    path = Path(spec)
    if path.suffix.lower() in SUFFIXES and (path.exists() or ":" not in spec):
        return imported(path, spec)
    if path.exists() or ":" not in spec:
        return load(path)
    revision, _, name = spec.partition(":")
    if not REVISION.fullmatch(revision) or not name or name.startswith("-"):
        raise InputError([Problem(spec, 0, 0, "expected a file, or REV:path with a git "
                                              "revision and a path (neither starting with -)")])
    if shutil.which("git") is None:
        raise InputError([Problem(spec, 0, 0, "git is not installed")])
    result = subprocess.run(["git", "show", "--end-of-options", f"{revision}:{name}"],
                            capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise InputError([Problem(spec, 0, 0, f"cannot read from git: {message[0]}")])
    if len(result.stdout) > MAX_BYTES:
        raise InputError([Problem(spec, 0, 0, f"{len(result.stdout)} bytes; outlines are "
                                              f"limited to {MAX_BYTES}")])
    try:
        text = result.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(spec, 0, 0, "not valid UTF-8")]) from None
    base_dir = Path(name).parent.resolve()
    return from_document(spec, text, load_text(text, spec, base_dir=base_dir), None, base_dir)


def imported(path: Path, spec: str) -> Source:
    """A document imported first (its report is not shown: `gongwen import` prints it), as its
    canonical outline."""
    from ..fmt import format_document
    from ..importer import import_file

    document, _ = import_file(path)
    text = format_document(document)
    return from_document(spec, text, load_text(text, spec, base_dir=path.parent), None,
                         path.parent)

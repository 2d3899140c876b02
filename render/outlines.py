"""Which files a `gongwen build DIR` builds, and where each one's outputs go.

A folder means every outline in it, recursively: `*.yaml` and `*.yml` files, not in hidden
folders (`.git`, `.venv`) nor in a folder named `styles` (where style sheets are looked up).
A YAML file elsewhere is a style sheet, not an outline, when its top-level keys say so: it has
`extends:`, or every top-level key is a style sheet's (`page:`, `fonts:`, `elements:` …) and
none an outline's; decided from the lines that start with `key:` at column 0, without parsing
the file. Anything else is an outline, so a broken one is reported, not skipped. Data files
(CSV, images) are not YAML and never taken.

Outputs go to OUTDIR/<stem>.<format> for a file named on the command line, and to the same
relative folder under OUTDIR for a file found in a folder (`build src -o out` writes
src/a/x.yaml to out/a/x.docx), so that equal names in different subfolders do not collide.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".yaml", ".yml")
STYLE_FOLDER = "styles"
TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]|$)", re.MULTILINE)
HEAD_BYTES = 64 * 1024  # top-level keys are looked for in the first 64 KiB


@dataclass(frozen=True)
class Item:
    """One outline to build and the folder its outputs go to."""

    path: Path
    folder: Path

    def target(self, fmt: str) -> Path:
        return self.folder / f"{self.path.stem}.{fmt}"


def find_items(paths: list[Path], out: Path) -> list[Item]:
    """Every outline the command line names, each once (the first naming wins)."""
    from .files import real_path

    items: dict[Path, Item] = {}
    for path in paths:
        if path.is_dir():
            for found in outlines_in(path):
                relative = found.parent.relative_to(path)
                items.setdefault(real_path(found), Item(found, out / relative))
        else:
            items.setdefault(real_path(path), Item(path, out))
    return list(items.values())


def outlines_in(folder: Path) -> list[Path]:
    """The outlines under `folder`, sorted."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != STYLE_FOLDER)
        for name in sorted(files):
            path = Path(root, name)
            if name.endswith(SUFFIXES) and not name.startswith(".") and is_outline(path):
                found.append(path)
    return found


def is_outline(path: Path) -> bool:
    """False for a style sheet (by its top-level keys); True otherwise, unreadable included."""
    from .style import STYLE_KEYS

    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return True
    keys = set(TOP_KEY.findall(head))
    if "extends" in keys:
        return False
    return not (keys and keys <= set(STYLE_KEYS))

"""`gongwen watch FILE|DIR`: build, then rebuild what each saved change concerns (watchfiles).

The first build is `gongwen build`'s (batch.py). Then the folders holding the outlines and
everything their builds read (style sheets, images, CSV files) are watched, each folder by
itself (not recursively: an outline's folder may hold a .venv); a folder of the command line is
watched with all its subfolders. After each save, the documents whose outline or whose inputs
changed are built again (the manifest's check first: a save that changed no byte builds
nothing) in this process, which stays warm (imports, fonts, metrics). An outline added to a
folder of the command line is built; problems are printed and watching goes on. Ctrl-C or
SIGTERM ends it with exit 0.
"""

from __future__ import annotations

import signal
from pathlib import Path

from .batch import Batch, render_one
from .files import real_path
from .outlines import SUFFIXES, Item, find_items
from .progress import Progress

STEP_MS = 10  # how long after a change watchfiles waits for more before it yields them


def watch(batch: Batch, items: list[Item], args, make_reporter) -> int:
    """Run until interrupted; 0 then."""
    import watchfiles

    previous = signal.signal(signal.SIGTERM, _interrupt)
    report = make_reporter(Progress(False), not args.quiet)
    roots = [Path(path).absolute() for path in args.files]
    try:
        _say_summary(args, batch.run(items, report))
        if items and min(batch.jobs, len(items)) > 1:  # built in workers: warm this process
            render_one(str(items[0].path), batch.settings)
        _say(args, f"watching {len(items)} outlines; Ctrl-C ends")
        while True:
            folders = _folders(roots, items, batch)
            for changes in watchfiles.watch(*folders, recursive=False, step=STEP_MS):
                changed = {str(real_path(Path(path))) for _, path in changes}
                fresh = items
                if any(path.endswith(SUFFIXES) or Path(path).is_dir() for _, path in changes):
                    fresh = find_items(args.files, args.output)  # an outline added or gone
                todo = [item for item in fresh if item not in items
                        or batch.inputs(item) & changed]
                items = fresh
                if todo:
                    _say_summary(args, batch.run(items, report, todo=batch.stale(todo)))
                if _folders(roots, items, batch) != folders:
                    break  # a new folder or a new input elsewhere: watch anew
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _folders(roots: list[Path], items: list[Item], batch: Batch) -> list[Path]:
    """Every folder to watch: those of the command line with their subfolders (where new
    outlines may appear), the outlines' own folders and those of every file they read."""
    folders: set[Path] = set()
    for root in roots:
        if root.is_dir():
            folders |= {Path(p.path) for p in _subfolders(root)} | {root}
        else:
            folders.add(root.parent)
    for item in items:
        folders |= {Path(path).parent for path in batch.inputs(item)}
    return sorted(folder for folder in folders if folder.is_dir())


def _subfolders(root: Path):
    """The folders under `root` where outlines may be (hidden ones skipped)."""
    import os

    todo = [root]
    while todo:
        with os.scandir(todo.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                    yield entry
                    todo.append(Path(entry.path))


def _say_summary(args, summary) -> None:
    _say(args, summary.line())


def _say(args, line: str) -> None:
    if not args.quiet:
        print(line, flush=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


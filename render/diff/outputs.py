"""`gongwen diff --docx/--pdf`: the redline .docx (Word tracked changes) and the review PDF."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from ..pipeline import Options, Source, render
from ..errors import ContentError, InputError, Problem
from ..files import real_path
from .redline import redline_blocks
from .summary import summary_blocks
from .structure import Difference


def review_outputs(old: Source, new: Source, difference: Difference,
                   args) -> list[tuple[Path, bytes]]:
    """(path, bytes) of each review file asked for, all rendered before any is written."""
    targets = [(fmt, path) for fmt, path in (("docx", args.docx), ("pdf", args.pdf)) if path]
    _check_targets(targets, (old.name, new.name))
    blocks = _redline(old, new)
    out = []
    for fmt, path in targets:
        if fmt == "docx":
            from ..docx.paragraphs import Revisions

            revisions = Revisions(args.author or _git_user() or "gongwen",
                                  _when(args.date, new.document))
            data = render(new, Options(formats=("docx",)), blocks=blocks, revisions=revisions)
        else:
            data = render(new, Options(formats=("pdf",)), blocks=blocks,
                          summary=summary_blocks(difference, new.style))
        out.append((path, data[fmt]))
    return out


def _redline(old: Source, new: Source) -> list:
    """The redline's blocks; a side that cannot be composed (in NEW's style) is reported at
    its own file:line:col."""
    try:
        return redline_blocks(old.document, new.document, new.style)
    except ContentError:
        from ..compose import compose

        for side in (new, old):
            try:
                compose(side.document, new.style)
            except ContentError as exc:
                raise InputError([side.problem(exc.key, exc.message)]) from None
        raise


def _check_targets(targets: list[tuple[str, Path]], inputs: tuple[str, str]) -> None:
    problems = []
    seen: dict[Path, str] = {real_path(Path(name)): "an input" for name in inputs
                             if Path(name).exists()}
    for fmt, path in targets:
        where = real_path(path)
        if where in seen:
            problems.append(Problem(f"--{fmt}", 0, 0, f"{path} is {seen[where]}; write the "
                                                      "review elsewhere"))
        seen.setdefault(where, f"also the --{fmt} output")
    if problems:
        raise InputError(problems)


def _git_user() -> str:
    try:
        result = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                                check=False)
    except OSError:
        return ""
    return result.stdout.strip()


def _when(date: str | None, new) -> str:
    if date:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise InputError([Problem("--date", 0, 0, f"expected YYYY-MM-DD, found {date!r}")]
                             ) from None
    else:  # never today: the same two versions give the same redline
        day = new.date or (new.imprint.date if new.imprint else None) or dt.date(2000, 1, 1)
    return f"{day.isoformat()}T00:00:00Z"

"""Reading one side of a diff: an outline file, or REV:path read from git."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .. import outline
from ..errors import InputError, Problem
from ..load import load_file, load_text


def read_side(spec: str) -> outline.Document:
    path = Path(spec)
    if path.exists() or ":" not in spec:
        return load_file(path)
    revision, _, name = spec.partition(":")
    if shutil.which("git") is None:
        raise InputError([Problem(spec, 0, 0, "git is not installed")])
    result = subprocess.run(["git", "show", f"{revision}:{name}"], capture_output=True,
                            check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise InputError([Problem(spec, 0, 0, f"cannot read from git: {message[0]}")])
    try:
        text = result.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(spec, 0, 0, "not valid UTF-8")]) from None
    return load_text(text, spec, base_dir=Path(name).parent.resolve())

"""`gongwen import`: existing documents → an outline `Document` and a report of every decision.

A reader turns a file into `Line`s (text with evidence); `structure.recognise` turns lines into
the outline. Plain text (`text.py`) is the one reader today; a .docx reader would give lines
with their style and alignment as evidence and reuse the same recogniser.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from .report import Report

MAX_BYTES = 2 * 1024 * 1024
SUFFIXES = (".txt", ".text")  # the files import reads (and diff imports first)


def import_file(path: Path):
    """(Document, Report) for a file; InputError for one gongwen cannot import."""
    from ..files import read_bounded
    from .structure import recognise
    from .text import read_lines

    data = read_bounded(path, MAX_BYTES, "text file")
    if path.suffix.lower() not in SUFFIXES:
        raise InputError([Problem(str(path), 0, 0, "import reads plain text (.txt) only; "
                                                   "save the document as text first")])
    report = Report(str(path))
    lines = read_lines(data, str(path))
    return recognise(lines, report), report


__all__ = ["import_file", "Report", "SUFFIXES"]

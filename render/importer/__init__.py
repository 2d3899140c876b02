"""`gongwen import`: existing documents → an outline `Document` and a report of every decision.

A reader turns a file into `Line`s (text with evidence): plain text (`text.py`) or a .docx
(`docx.py`: style, outline level, alignment, fonts as evidence). `structure.recognise` turns
lines into the outline by their text; a .docx gongwen wrote (every paragraph in a Gw style) is
read by its styles instead (`styled.py`).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from .report import Report

MAX_BYTES = 2 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".text", ".docx")  # the files import reads (and diff imports first)


def import_file(path: Path):
    """(Document, Report) for a file; InputError for one gongwen cannot import."""
    from ..files import read_bounded
    from .structure import recognise

    suffix = path.suffix.lower()
    if suffix == ".docx":
        from . import pictures
        from .docprops import apply_properties, read_properties
        from .docx import read_lines as read_docx
        from .styled import is_ours, recognise_styled

        data = read_bounded(path, MAX_DOCX_BYTES, ".docx file")
        report = Report(str(path))
        lines = read_docx(data, str(path))
        report.unread(lines)
        document = recognise_styled(lines, report) if is_ours(lines) else \
            recognise(lines, report)
        document = apply_properties(document, read_properties(data), report)
        pictures.unread(lines, report)
        if report.figures:
            sheet = style_sheet(document.style, path.parent, report)
            pictures.size_figures(sheet.page.text_width, report)
        return document, report
    data = read_bounded(path, MAX_BYTES, "text file")
    if suffix not in SUFFIXES:
        raise InputError([Problem(str(path), 0, 0, "import reads plain text (.txt) and .docx; "
                                                   "save the document as one of them first")])
    from .text import read_lines

    report = Report(str(path))
    lines = read_lines(data, str(path), report)
    return recognise(lines, report), report


def style_sheet(name: str, base: Path, report: Report):
    """The style sheet `name` looked up as build looks up an outline's: from `base` (the
    imported file's folder) upward for a styles/ folder, then ours. Not found there, the
    default sheet, and the report says so: import reads the file, it need not build it."""
    from ..outline import Document
    from ..style import load_style, locate

    if locate(name, base) is None:
        default = Document.style  # the dataclass field's default
        report.notes.append(f"style sheet {name!r} not found from {base}: sizes are "
                            f"{default}'s")
        name = default
    return load_style(name, base)


__all__ = ["import_file", "Report", "SUFFIXES"]

"""`gongwen diff --docx/--pdf`: the redline .docx (Word tracked changes) and the review PDF."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from .. import outline
from ..files import write_atomic
from ..style import load_style
from .redline import redline_flow
from .structure import Difference


def write_review(old: outline.Document, new: outline.Document, difference: Difference,
                 args) -> None:
    style = load_style(new.style)
    flow = redline_flow(old, new, style)
    if args.docx:
        from ..docx import render_docx
        from ..docx.paragraphs import Revisions

        revisions = Revisions(args.author or _git_user() or "gongwen", _when(args.date, new))
        write_atomic(args.docx, render_docx(new, style, flow=flow, revisions=revisions))
        print(f"wrote {args.docx}", file=sys.stderr)
    if args.pdf:
        from ..pdf import render_pdf
        from ..pdf.fonts import resolve_fonts

        data = render_pdf(new, style, resolve_fonts(style), "NEW", flow=flow,
                          summary=difference)
        write_atomic(args.pdf, data)
        print(f"wrote {args.pdf}", file=sys.stderr)


def _git_user() -> str:
    try:
        result = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                                check=False)
    except OSError:
        return ""
    return result.stdout.strip()


def _when(date: str | None, new: outline.Document) -> str:
    if date:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            from ..errors import InputError, Problem

            raise InputError([Problem("--date", 0, 0, f"expected YYYY-MM-DD, found {date!r}")]
                             ) from None
    else:
        day = new.date or dt.date.today()
    return f"{day.isoformat()}T00:00:00Z"

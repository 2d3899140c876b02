"""The Word writer; all OOXML lives in this package."""

from .writer import render_docx

__all__ = ["render_docx"]

"""The PDF writer: draws a typeset plan with the faces the metrics resolved."""

from .writer import write_pdf

__all__ = ["write_pdf"]

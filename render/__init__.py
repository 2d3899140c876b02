"""gongwen-typeset: Chinese official documents (公文) from a YAML outline to GB/T 9704 .docx and PDF."""

from .version import VERSION as __version__

__all__ = ["__version__"]

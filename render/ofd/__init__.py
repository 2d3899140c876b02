"""OFD (GB/T 33190-2016) output: the typeset pages as an OFD package (`writer.write_ofd`)."""

from .writer import write_ofd

__all__ = ["write_ofd"]
